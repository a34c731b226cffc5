import MailModel

extension MailItem {
    /// Takes in what a message wrapped in one of this item's attachments holds (an S/MIME message that is
    /// only signed, read by the MIME normalizer as `inner`): its bodies, links, protected content and
    /// attachments, each at `prefix` + its part path. The wrapped message's root (`rootPath`) is the
    /// attachment itself, already listed, and is left out. Its diagnostics are the caller's to place.
    mutating func absorb(wrapped inner: MailItem, rootPath: String, prefix: String, attachments: inout [MailAttachment]) {
        bodies += inner.bodies.map { var body = $0; body.path = prefix + body.path; return body }
        links += inner.links.map { var link = $0; link.path = prefix + link.path; return link }
        protectedContent += inner.protectedContent.map { ProtectedContent(protection: $0.protection, path: prefix + $0.path) }
        attachments += (inner.attachments.value ?? []).filter { $0.path != rootPath }.map { var a = $0; a.path = prefix + a.path; return a }
    }
}
