/// What an entity contains: undecoded leaf content, a multipart, or an embedded message.
public indirect enum EntityBody: Sendable {
    /// Leaf content as it appears in the source, still transfer-encoded. The slice's indices are byte
    /// offsets in the buffer the entity was parsed from.
    case leaf(ArraySlice<UInt8>)
    /// A multipart body (RFC 2046 §5.1).
    case multipart(MultipartBody)
    /// An embedded message (`message/rfc822`, `message/global`, `message/news`), parsed recursively.
    case message(MIMEMessage)
}
