/// One node of a message's MIME tree: its header fields, its parsed content headers, its body and
/// the defects found in it.
///
/// Paths follow IMAP section numbering (RFC 3501 §6.4.5) with one twist: the top-level entity is `1`
/// and the children of an entity with path `P` are `P.1`, `P.2`, ...; the root entity of a message
/// embedded in the part `P` is `P.1`.
public struct MIMEEntity: Sendable {
    /// Dotted position in the tree (`1`, `1.2`, `1.2.1`).
    public var path: String
    /// Header fields in order, raw bytes kept.
    public var headers: HeaderFields
    /// The effective content type: the parsed Content-Type, or the context's default
    /// (`text/plain`, or `message/rfc822` inside `multipart/digest`).
    public var contentType: ContentType
    /// The parsed Content-Disposition, if the entity has one.
    public var contentDisposition: ContentDisposition?
    /// The Content-Transfer-Encoding (`7bit` when absent).
    public var transferEncoding: TransferEncoding
    /// The content.
    public var body: EntityBody
    /// Byte range of the whole entity (headers and body) in the buffer it was parsed from.
    public var range: Range<Int>
    /// Byte offset where the body starts (after the blank line).
    public var bodyOffset: Int
    /// Defects found in this entity's own headers and body structure (not its children's).
    public var defects: [MIMEDefect]
    /// The entity's own content, still transfer-encoded, when `body` holds what that content wraps
    /// rather than the content itself: an opaque-signed S/MIME part (a CMS SignedData, the `.p7m`
    /// file) whose signed MIME entity was parsed into `body` as `.message`. `nil` otherwise.
    public var wrapperContent: ArraySlice<UInt8>?

    public init(
        path: String, headers: HeaderFields, contentType: ContentType, contentDisposition: ContentDisposition?,
        transferEncoding: TransferEncoding, body: EntityBody, range: Range<Int>, bodyOffset: Int, defects: [MIMEDefect]
    ) {
        self.path = path
        self.headers = headers
        self.contentType = contentType
        self.contentDisposition = contentDisposition
        self.transferEncoding = transferEncoding
        self.body = body
        self.range = range
        self.bodyOffset = bodyOffset
        self.defects = defects
    }

    /// Whether Content-Disposition says `attachment`.
    public var isAttachment: Bool { contentDisposition?.isAttachment ?? false }

    /// The file name: the disposition's `filename`, else the content type's `name` (RFC 2183 §2.3).
    public var filename: String? {
        if let name = contentDisposition?.filename, !name.isEmpty { return name }
        if let name = contentType.parameters["name"], !name.isEmpty { return name }
        return nil
    }

    /// The undecoded content of a leaf, or `nil` for a multipart or an embedded message.
    public var leafContent: ArraySlice<UInt8>? {
        if case .leaf(let content) = body { return content }
        return nil
    }
}
