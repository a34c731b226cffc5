/// A parsed message: the root entity of its MIME tree and the buffer the tree indexes into.
public struct MIMEMessage: Sendable {
    /// The bytes the tree's offsets refer to (the input, or the decoded body of an encoded
    /// `message/rfc822` part).
    public var source: [UInt8]
    /// The top-level entity; its headers are the message headers.
    public var root: MIMEEntity

    public init(source: [UInt8], root: MIMEEntity) {
        self.source = source
        self.root = root
    }

    /// The message header fields.
    public var headers: HeaderFields { root.headers }
}
