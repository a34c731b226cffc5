/// An attachment as investigations see it (§4): every non-body leaf part (attached messages' parts
/// included), an attached message itself, a uuencoded file, or a Graph file/item attachment.
/// The bytes are produced on demand, so digests are computed only when a filter needs them.
public struct MailAttachment: Sendable {
    /// The decoded file name, if any.
    public var name: String?
    /// The MIME content type, lower-cased (`application/pdf`), if known.
    public var contentType: String?
    /// Whether the attachment is inline (an embedded image) rather than a separate file.
    public var isInline: Bool
    /// Where it is: a MIME part path (`1.2`), or a JSON pointer for Graph attachments.
    public var path: String
    /// Size of the decoded bytes when known without decoding (`nil` means: ask `content`).
    public var knownSize: Int?
    /// Whether the bytes are available (a Graph reference attachment or an unexpanded item has none).
    public var hasContent: Bool
    /// Produces the decoded bytes.
    public var content: @Sendable () -> [UInt8]
    /// Whether decoding stops at a limit (`mime.decoded-size-limit`): the bytes are only the start of
    /// the attachment, so its size and digests are unknown, never those of the part read.
    public var isPartial = false
    /// Digests (lower-case hex by kind: `md5`, `sha1`, `sha256`, `sha512`) computed when the bytes
    /// were read elsewhere (an Apple Mail attachment stored in an archive): used instead of `content`.
    public var knownDigests: [String: String] = [:]

    public init(
        name: String?, contentType: String?, isInline: Bool, path: String, knownSize: Int? = nil,
        hasContent: Bool = true, content: @escaping @Sendable () -> [UInt8]
    ) {
        self.name = name
        self.contentType = contentType
        self.isInline = isInline
        self.path = path
        self.knownSize = knownSize
        self.hasContent = hasContent
        self.content = content
    }

    /// The last extension of the name, lower-cased, without the dot (`""` when there is none).
    public var fileExtension: String {
        guard let name, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...]
        return ext.contains("/") || ext.contains("\\") ? "" : ext.lowercased()
    }
}
