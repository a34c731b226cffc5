import MailModel
import MIME

extension MIMEItemNormalizer {
    /// TNEF streams among a MIME message's attachments (`winmail.dat`, `application/ms-tnef`): Exchange
    /// wraps a rich-text message's attachments and RTF body in them. Their files become attachments
    /// of the item (`1.2.tnef1`, ...), after the stream itself, and their body text the item's.
    func addTNEFContent(into item: inout MailItem) {
        guard let listed = item.attachments.value,
              listed.contains(where: { OutlookItemNormalizer.isTNEF(mimeType: $0.contentType, name: $0.name, bytes: nil) }) else { return }
        let outlook = OutlookItemNormalizer(content: content, options: .init(limits: limits))
        var attachments: [MailAttachment] = []
        var diagnostics: [Diagnostic] = []
        for attachment in listed {
            attachments.append(attachment)
            guard OutlookItemNormalizer.isTNEF(mimeType: attachment.contentType, name: attachment.name, bytes: nil), attachment.hasContent else { continue }
            outlook.addTNEF(attachment.content(), path: attachment.path, into: &item, attachments: &attachments, diagnostics: &diagnostics)
        }
        item.attachments = .collected(attachments)
        item.diagnostics += diagnostics
    }
}
