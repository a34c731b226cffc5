import MailModel

/// A human-readable, indented MIME tree: one line per entity with its type, decoded file name,
/// disposition, transfer encoding and decoded size, and its defects beneath it.
///
/// The same text is what `dragnet inspect --format tree` prints and what golden files hold.
///
///     1 multipart/mixed
///       1.1 text/plain charset=utf-8 quoted-printable 1234 bytes
///       1.2 application/pdf "invoice.pdf" attachment base64 45678 bytes
///         ! mime.base64-invalid-padding @5120 base64 content ends with a dangling character
public struct MIMETreeDescription: Sendable {
    /// Whether defect lines show byte offsets (they differ between LF and CRLF forms of a message).
    public var showsOffsets: Bool
    /// Whether defect lines include the defect's message sentence.
    public var showsMessages: Bool
    public var limits: ParserLimits

    public init(showsOffsets: Bool = true, showsMessages: Bool = true, limits: ParserLimits = .default) {
        self.showsOffsets = showsOffsets
        self.showsMessages = showsMessages
        self.limits = limits
    }

    /// Renders the tree of `message`, two spaces of indentation per level.
    public func render(_ message: MIMEMessage) -> String {
        var lines: [String] = []
        render(message.root, level: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ entity: MIMEEntity, level: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: level)
        var line = indent + entity.path + " " + entity.contentType.mimeType
        if let charset = entity.contentType.charset { line += " charset=" + charset }
        if let name = entity.filename { line += " \"" + name + "\"" }
        if let disposition = entity.contentDisposition?.kind { line += " " + disposition }
        var decodeDefects = DefectCollector()
        switch entity.body {
        case .leaf:
            if entity.transferEncoding != .sevenBit { line += " " + entity.transferEncoding.name }
            let decoded = entity.decodedContent(limits: limits, defects: &decodeDefects)
            line += " \(decoded.count) bytes"
            if let defect = entity.inlinePGPDefect(inDecoded: decoded) { decodeDefects.defects.append(defect) }
        case .multipart(let multipart):
            if !multipart.hasCloseBoundary { line += " (unclosed)" }
        case .message:
            // An opaque-signed S/MIME part: the `.p7m` file's size; its signed content follows.
            if entity.wrapperContent != nil {
                if entity.transferEncoding != .sevenBit { line += " " + entity.transferEncoding.name }
                var scratch = DefectCollector()
                line += " \(entity.decodedContent(limits: limits, defects: &scratch).count) bytes, signed content:"
            }
        }
        lines.append(line)
        for defect in entity.defects + decodeDefects.defects {
            var text = indent + "  ! " + defect.code.rawValue
            if showsOffsets, let offset = defect.offset { text += " @\(offset)" }
            if showsMessages { text += " " + defect.message }
            lines.append(text)
        }
        switch entity.body {
        case .leaf: break
        case .multipart(let multipart):
            for part in multipart.parts { render(part, level: level + 1, into: &lines) }
        case .message(let message):
            render(message.root, level: level + 1, into: &lines)
        }
    }
}
