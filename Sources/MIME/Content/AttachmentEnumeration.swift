/// One attachment of a message (§4): a non-body leaf part, an attached message, or a file uuencoded
/// inside a text body.
public struct Attachment: Sendable {
    /// How the attachment was found.
    public enum Kind: Sendable, Hashable {
        /// A MIME leaf part that is not a selected body part.
        case part
        /// A `message/rfc822` (or `message/global`) part: the attached message as a whole.
        case message
        /// A uuencoded block inside a text part (`begin MODE NAME` ... `end`).
        case uuencoded
    }

    public var kind: Kind
    /// The entity that holds the attachment (for `.uuencoded`, the text part containing the block).
    public var entity: MIMEEntity
    /// The file name (decoded), if any.
    public var filename: String?
    /// Whether Content-Disposition says `inline` (an inline image, say) rather than `attachment`.
    public var isInline: Bool
    /// For `.uuencoded`: the decoded bytes (MIME parts are decoded on demand with `decodedContent`).
    public var uudecodedContent: [UInt8]?
    /// For `.uuencoded`: the block's byte range inside the decoded text part.
    public var range: Range<Int>?
}

/// Lists every attachment of a message, depth-first, attached messages included (CPython's
/// `iter_attachments`, extended to nested messages and uuencoded blocks).
public enum AttachmentEnumeration {
    /// The attachments of `message`, in tree order.
    ///
    /// - Parameter decodedText: the transfer-decoded bytes of a text/plain part when the caller has
    ///   them already (so a part is not decoded twice); `nil` to decode here.
    public static func attachments(
        of message: MIMEMessage, limits: ParserLimits = .default, decodedText: (MIMEEntity) -> [UInt8]? = { _ in nil }
    ) -> [Attachment] {
        var out: [Attachment] = []
        collect(message, limits: limits, decodedText: decodedText, into: &out)
        return out
    }

    private static func collect(
        _ message: MIMEMessage, limits: ParserLimits, decodedText: (MIMEEntity) -> [UInt8]?, into out: inout [Attachment]
    ) {
        let bodyPaths = BodySelection(message: message).paths
        visit(message.root, bodyPaths: bodyPaths, limits: limits, decodedText: decodedText, into: &out)
    }

    private static func visit(
        _ entity: MIMEEntity, bodyPaths: Set<String>, limits: ParserLimits, decodedText: (MIMEEntity) -> [UInt8]?,
        into out: inout [Attachment]
    ) {
        let isInline = entity.contentDisposition?.kind == "inline"
        switch entity.body {
        case .multipart(let multipart):
            for part in multipart.parts { visit(part, bodyPaths: bodyPaths, limits: limits, decodedText: decodedText, into: &out) }
        case .message(let inner):
            out.append(Attachment(kind: .message, entity: entity, filename: entity.filename, isInline: isInline))
            collect(inner, limits: limits, decodedText: decodedText, into: &out)
        case .leaf:
            if !bodyPaths.contains(entity.path) {
                out.append(Attachment(kind: .part, entity: entity, filename: entity.filename, isInline: isInline))
            }
            if entity.contentType.mimeType == "text/plain", !entity.isAttachment {
                var defects = DefectCollector()
                let decoded = decodedText(entity) ?? entity.decodedContent(limits: limits, defects: &defects)
                for block in UUDecoder.scanBlocks(in: decoded[...], limit: limits.maxDecodedBytes) {
                    out.append(Attachment(
                        kind: .uuencoded, entity: entity, filename: block.fileName, isInline: false,
                        uudecodedContent: block.data, range: block.range))
                }
            }
        }
    }
}
