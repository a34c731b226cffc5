/// The body of a multipart entity (RFC 2046 §5.1.1): preamble, body parts, epilogue.
public struct MultipartBody: Sendable {
    /// Bytes before the first boundary line.
    public var preamble: ArraySlice<UInt8>
    /// The body parts, in order.
    public var parts: [MIMEEntity]
    /// Bytes after the close boundary line (empty when the close boundary is missing).
    public var epilogue: ArraySlice<UInt8>
    /// Whether the close boundary (`--boundary--`) was found.
    public var hasCloseBoundary: Bool

    public init(preamble: ArraySlice<UInt8>, parts: [MIMEEntity], epilogue: ArraySlice<UInt8>, hasCloseBoundary: Bool) {
        self.preamble = preamble
        self.parts = parts
        self.epilogue = epilogue
        self.hasCloseBoundary = hasCloseBoundary
    }
}
