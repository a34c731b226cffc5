package import MailModel

/// Joins the attachments Apple Mail stored beside a `.partial.emlx` to the message's parts (§3.3):
/// a part whose body Mail left out gets the stored file's real size and bytes (or, inside an
/// archive, the digests computed while it was surveyed); a left-out part with no stored file is not
/// collected (`emlx.attachment-not-collected`) — never an empty attachment.
package enum StoredAttachmentJoin {
    package static func join(_ stored: StoredAttachments, into item: inout MailItem) {
        guard var attachments = item.attachments.value else { return }
        for index in attachments.indices {
            var attachment = attachments[index]
            let part = AppleMailMessage.partName(ofPartPath: attachment.path)
            if let file = stored.file(forPart: part, named: attachment.name) {
                attachment.knownSize = file.size
                attachment.isPartial = false
                attachment.hasContent = true
                if let diskPath = file.diskPath {
                    attachment.content = { (try? InputFile.read(diskPath)) ?? [] }
                } else {
                    attachment.knownDigests = file.digests
                    attachment.content = { [] }
                }
                if attachment.name == nil { attachment.name = file.fileName }
            } else if attachment.knownSize == 0 || (attachment.knownSize == nil && attachment.content().isEmpty) {
                attachment.hasContent = false
                attachment.knownSize = nil
                item.diagnostics.append(Diagnostic(
                    code: IngestCode.emlxAttachmentNotCollected,
                    message: "Apple Mail stored this attachment apart from the message, and \(stored.folder)\(part)/ holds no file: not collected",
                    location: SourceLocation(path: item.source.path, partPath: attachment.path)))
            }
            attachments[index] = attachment
        }
        item.attachments = .collected(attachments)
    }
}
