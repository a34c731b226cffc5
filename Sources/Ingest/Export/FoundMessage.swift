package import GraphExport
package import MailModel
package import Outlook

/// One message found in the inputs, located and attributed (§3.2), not yet parsed or normalized.
package struct FoundMessage: Sendable {
    package enum Content: Sendable {
        /// RFC 5322 bytes (an `.eml` file, an mbox message, a Maildir file).
        case mime([UInt8])
        /// A message read from Graph JSON.
        case graph(GraphMessage)
        /// A PST/OST item or a `.msg` file, read through the Outlook module.
        case outlook(OutlookMessage)
    }

    package var content: Content
    package var source: MessageSource
    /// The mailbox (owner), lower-cased, or `unknown`.
    package var mailbox: String
    /// The folder path below the mailbox (`Inbox/Vendors`), well-known names normalised, or `unknown`.
    package var folder: String
    /// Where the message's bytes start in their file (mbox), for diagnostics' offsets.
    package var offsetInFile: Int
    /// Whether the item was read, when the container says (Maildir `S` flag).
    package var isRead: Bool?
    /// Reader notes about this message (mbox separators, Content-Length, ...).
    package var notes: [Diagnostic]
    /// The part of the mailbox the layout names (`Primary`, `Archive`, `Online Archive`).
    package var mailboxPart: String? = nil
    /// Whether the user removed the message and the export kept it (an MH `,N` file).
    package var isRemovedByUser = false
    /// The attachments Apple Mail stored beside a `.partial.emlx` (nil for any other message).
    package var storedAttachments: StoredAttachments? = nil
    /// A Graph message's attachments that the export keeps apart from it (attachments pages, single
    /// attachments), to be read when the message is normalized; `nil` when it keeps none apart.
    package var attachmentsApart: AttachmentsApart? = nil
    /// The `id` of the JSON batching response the message was read from, if any.
    package var batchResponseID: String? = nil

    /// A rough size, for bounding batches of work.
    package var weight: Int {
        switch content {
        case .mime(let bytes): bytes.count
        case .graph: (16 << 10) + (attachmentsApart?.addresses.count ?? 0) * (16 << 10)
        case .outlook(let message): message.approximateSize
        }
    }
}

/// What scanning the inputs produces, in a deterministic order.
package enum ExportEvent: Sendable {
    case message(FoundMessage)
    /// A path that could not be read at all (missing, permission denied, ...).
    case unreadable(IngestError)
    /// A file that is not mail (an image, a Word file, JSON that holds no Graph resource).
    case unrecognised(path: String, reason: String)
    /// A problem inside a file that was otherwise read (invalid JSON skipped, an error page, a
    /// truncated PowerShell export, an mbox oddity not tied to one message).
    case diagnostic(Diagnostic)
}

extension ExportEvent {
    /// Part of the input could not be read: a path that could not be read at all, or a problem
    /// inside a file that lost some of it (``Diagnostic/losesInput``). Any such event makes a run's
    /// exit status 3 (``ExitStatus/partlyUnreadable``).
    package var losesInput: Bool {
        switch self {
        case .unreadable: true
        case .diagnostic(let diagnostic): diagnostic.losesInput
        case .message, .unrecognised: false
        }
    }
}

extension FoundMessage {
    /// A Graph message's attachments kept apart from it, read again (leaving out any the message's
    /// own expanded `attachments` already hold); `nil` when the export keeps none apart.
    package func readAttachmentsApart() -> AttachmentsApart.Reading? {
        guard let apart = attachmentsApart, case .graph(let message) = content else { return nil }
        let own = Set((message.attachments.value ?? []).compactMap { $0.id.value }.filter { !$0.isEmpty })
        return apart.read(excluding: own)
    }
}
