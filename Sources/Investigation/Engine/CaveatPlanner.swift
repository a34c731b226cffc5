public import MailModel

/// The caveats a responder needs on a match (§8).
public enum CaveatPlanner {
    /// The copy is already in Deleted Items.
    public static let inDeletedItems = "in-deleted-items"
    /// The copy is the sender's own (in Sent Items, or sent by the mailbox owner).
    public static let sendersOwnCopy = "senders-own-copy"
    /// The item could only be partly read (see ``isPartlyRead(_:)``).
    public static let partlyRead = "partly-read"
    /// The user has already opened the item (a warning may come too late).
    public static let alreadyRead = "already-read"
    /// The user removed the item; the export kept it (an MH `,N` file).
    public static let removedByUser = "removed-by-user"
    /// The item was deleted and recovered from a PST's unallocated space (`--recovered`): it is no
    /// longer in the mailbox, and may be incomplete.
    public static let recoveredItem = "recovered-item"

    /// Whether the item could only be partly read: the export cut a field, content is encrypted or
    /// rights-protected, or a diagnostic's code says content was lost or left unread
    /// (``DiagnosticCode/isPartlyRead``, declared by the module that produced it).
    public static func isPartlyRead(_ item: MailItem) -> Bool {
        !item.unknownFields.isEmpty || !item.protectedContent.isEmpty || item.diagnostics.contains(where: \.isPartlyRead)
    }

    public static func caveats(for item: MailItem) -> [String] {
        var out: [String] = []
        // Folder paths: `Deleted Items/Old` is in Deleted Items too.
        if WellKnownFolder.path(item.folder, isWithin: WellKnownFolder.deletedItems) { out.append(inDeletedItems) }
        let owner = item.mailbox.lowercased()
        if WellKnownFolder.path(item.folder, isWithin: WellKnownFolder.sentItems) || item.from.contains(where: { $0.address.lowercased() == owner }) {
            out.append(sendersOwnCopy)
        }
        if isPartlyRead(item) { out.append(partlyRead) }
        if item.isRead == true { out.append(alreadyRead) }
        if item.isRemovedByUser { out.append(removedByUser) }
        if item.source.recovered { out.append(recoveredItem) }
        return out
    }
}
