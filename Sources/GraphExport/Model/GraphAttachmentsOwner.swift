/// The message an attachments page (or a single attachment) belongs to, as its `@odata.context` says.
public struct GraphAttachmentsOwner: Sendable, Hashable {
    /// The mailbox owner (`users('...')`: an address or an object id), when the URL names one.
    public var mailbox: String?
    /// The message's Graph `id`, as written (case-sensitive).
    public var messageID: String

    public init(mailbox: String?, messageID: String) {
        self.mailbox = mailbox
        self.messageID = messageID
    }
}
