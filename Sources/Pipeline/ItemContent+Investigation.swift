package import Ingest
package import Investigation

extension ItemContent {
    /// What the filters of `investigation` read beyond the envelope and the attachment list.
    package init(readBy investigation: Investigation) {
        self = []
        for condition in investigation.conditions {
            switch condition.field {
            case .keyword, .regex: insert(.bodies)
            case .url: insert(.links)
            case .header: insert(.headers)
            case .ip: insert(.senderIPs)
            case .from, .senderName, .to, .cc, .bcc, .subject, .messageId, .attachmentName, .attachmentExtension,
                .attachmentSize, .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512:
                break
            }
        }
    }
}
