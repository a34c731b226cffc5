/// The normalized message every input becomes, whatever its format (§4). Investigations see only this.
public struct MailItem: Sendable {
    /// Where the item came from: format, path, and byte offset or JSON pointer.
    public var source: MessageSource
    /// The mailbox (owner) address or UPN, lower-cased, or `unknown` (§3.2).
    public var mailbox: String
    /// The part of the mailbox the item was exported from, when the layout names one (`Primary`,
    /// `Archive`, `Online Archive` of a Purview folder `alice@corp.example (Archive)`).
    public var mailboxPart: String?
    /// The folder path below the mailbox (`Inbox/Vendors`), each level's well-known name normalised
    /// (`Inbox`, `Deleted Items`, ...), or `unknown`.
    public var folder: String
    /// Labels the export records (Gmail `X-Gmail-Labels`), in their order; empty when it records none.
    public var labels: [String] = []
    /// `Message-ID` / `internetMessageId`, without angle brackets.
    public var messageID: String?
    /// The decoded subject.
    public var subject: String?
    public var from: [MailAddress]
    public var sender: [MailAddress]
    public var replyTo: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var bcc: [MailAddress]
    /// The sending date, seconds since the epoch (UTC); `nil` when there is no usable date.
    public var date: Int64?
    /// When the item was received (last Received hop, or Graph `receivedDateTime`).
    public var receivedDate: Int64?
    /// All header fields in order, or not collected (a Graph export without headers).
    public var headers: Collected<[MailHeader]>
    /// Body texts: plain parts, HTML reduced to text, and attached messages' bodies.
    public var bodies: [MailBodyText]
    /// Links from HTML (`href`, `src`) and URLs in plain text.
    public var links: [MailLink]
    /// Sender IPs from `X-Originating-IP`, `X-Sender-IP` and `Received` hops (not collected without headers).
    public var senderIPs: Collected<[String]>
    /// Attachments, or not collected (a Graph export without `$expand=attachments`).
    public var attachments: Collected<[MailAttachment]>
    /// Whether the item was read, when the export says (Graph `isRead`, Maildir `S` flag, mbox
    /// `Status`/`X-Status` `R`, MH `unseen` sequence, Apple Mail flags, Gmail `Unread`/`Opened`
    /// labels); `nil` when unknown.
    public var isRead: Bool?
    /// Whether the user removed the item and the export kept it (an MH `,N` file).
    public var isRemovedByUser = false
    /// The Graph message `id` (Graph JSON sources only): what remediation plans address a message by.
    public var graphID: String?
    /// The Graph `categories` of the message, when the export collected them (`nil`: unknown).
    public var categories: [String]?
    /// §4 fields whose value the export cut or could not be read (`from`, `to`, `cc`, `bcc`, `sender`,
    /// `replyTo`, `subject`, `body`): unknown, never empty. Filters on them count the item as unsearchable.
    public var unknownFields: Set<String> = []
    /// Encrypted or rights-protected content in the item (attached messages included): body text is
    /// hidden in it, so body filters cannot decide on what they did not find.
    public var protectedContent: [ProtectedContent] = []
    /// Everything that could not be fully read about this item.
    public var diagnostics: [Diagnostic]

    public init(source: MessageSource, mailbox: String = "unknown", folder: String = "unknown") {
        self.source = source
        self.mailbox = mailbox
        self.folder = folder
        from = []
        sender = []
        replyTo = []
        to = []
        cc = []
        bcc = []
        headers = .notCollected
        bodies = []
        links = []
        senderIPs = .notCollected
        attachments = .notCollected
        diagnostics = []
    }

    /// Whether body filters (`keyword`, `regex`, `url`) cannot see all of the body: the export cut it,
    /// or part of it is encrypted or rights-protected.
    public var hasUnreadableBody: Bool { unknownFields.contains("body") || !protectedContent.isEmpty }

    /// Whether the item has attachments (an unknown answer counts as none).
    public var hasAttachments: Bool { !(attachments.value ?? []).isEmpty }
}
