/// The text body a person would read: the preferred `text/plain` and `text/html` parts of a message.
///
/// The algorithm follows CPython's `EmailMessage.get_body`: a depth-first search of the message's own
/// tree (not of attached messages) that skips parts with `Content-Disposition: attachment`, reads only
/// the root part of a `multipart/related` (its `start` parameter, else its first part), and takes the
/// first inline `text/plain` and the first inline `text/html` it meets.
public struct BodySelection: Sendable {
    /// The plain-text body part, if any.
    public var plain: MIMEEntity?
    /// The HTML body part, if any.
    public var html: MIMEEntity?

    /// Paths of the selected parts (for telling body parts from attachments).
    public var paths: Set<String> { Set([plain?.path, html?.path].compactMap { $0 }) }

    /// Selects the body parts of `message`.
    public init(message: MIMEMessage) {
        visit(message.root)
    }

    private mutating func visit(_ entity: MIMEEntity) {
        if plain != nil, html != nil { return }
        switch entity.body {
        case .message:
            return
        case .multipart(let multipart):
            guard !entity.isAttachment else { return }
            if entity.contentType.subtype == "related", let root = Self.relatedRoot(entity, multipart) {
                visit(root)
                return
            }
            for part in multipart.parts { visit(part) }
        case .leaf:
            guard !entity.isAttachment else { return }
            // An opaque multipart (no usable boundary) still holds the text a person reads.
            let type = entity.contentType
            if type.mimeType == "text/html" {
                if html == nil { html = entity }
            } else if type.mimeType == "text/plain" || type.type == "multipart" || (type.type == "text" && entity.filename == nil && type.subtype != "calendar") {
                if plain == nil { plain = entity }
            }
        }
    }

    /// RFC 2387 §3.2: the `start` parameter names the root by Content-ID; absent, the first part.
    static func relatedRoot(_ entity: MIMEEntity, _ multipart: MultipartBody) -> MIMEEntity? {
        if let start = entity.contentType.parameters["start"] {
            let wanted = start.trimmingAngleBrackets
            if let match = multipart.parts.first(where: { part in
                part.headers.first(named: "Content-ID").map { String(decoding: HeaderField.unfold($0.rawValue), as: UTF8.self).trimmingAngleBrackets == wanted } ?? false
            }) {
                return match
            }
        }
        return multipart.parts.first
    }
}

extension String {
    /// The string without surrounding white space and one pair of angle brackets.
    var trimmingAngleBrackets: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        if s.first == "<" { s.removeFirst() }
        if s.last == ">" { s.removeLast() }
        return String(s)
    }
}
