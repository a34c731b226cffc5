/// Normalises folder names to the well-known Exchange names (§3.2), so that `Deleted Items`,
/// `deleteditems`, `Trash` and `Gelöschte Elemente` all read `Deleted Items`. One table for the export
/// reader (item folders) and the investigation file (`scope.folders`), so the two always compare equal.
public enum WellKnownFolder {
    public static let inbox = "Inbox"
    public static let sentItems = "Sent Items"
    public static let deletedItems = "Deleted Items"
    public static let junkEmail = "Junk Email"
    public static let drafts = "Drafts"
    public static let archive = "Archive"
    public static let outbox = "Outbox"

    /// Folder-name spellings (lower-cased, white space, `_` and `-` removed) → the well-known name.
    private static let aliases: [String: String] = [
        "inbox": inbox, "posteingang": inbox, "boîtederéception": inbox, "bandejadeentrada": inbox,
        "sentitems": sentItems, "sent": sentItems, "sentmail": sentItems, "sentmessages": sentItems,
        "gesendeteelemente": sentItems, "élémentsenvoyés": sentItems,
        "deleteditems": deletedItems, "deleted": deletedItems, "trash": deletedItems, "bin": deletedItems,
        "deletedmessages": deletedItems, "gelöschteelemente": deletedItems, "élémentssupprimés": deletedItems,
        "junkemail": junkEmail, "junk": junkEmail, "junkmail": junkEmail, "spam": junkEmail, "bulkmail": junkEmail,
        "junke-mail": junkEmail, "junkemails": junkEmail, "junke": junkEmail,
        "drafts": drafts, "draft": drafts, "entwürfe": drafts, "brouillons": drafts,
        "archive": archive, "archives": archive, "archiv": archive,
        "outbox": outbox, "postausgang": outbox,
        "recoverableitemsdeletions": "Recoverable Items Deletions",
        "conversationhistory": "Conversation History",
    ]

    /// The well-known name for `name`, or `name` itself (trimmed) when it is not a well-known folder.
    public static func normalize(_ name: String) -> String {
        let trimmed = name.trimmingSpaces
        let key = String(trimmed.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\t" })
        return aliases[key] ?? trimmed
    }

    /// A folder path below the mailbox (`inbox/Vendors/Sub` → `Inbox/Vendors/Sub`): each level
    /// normalised, empty levels dropped (§3.3).
    public static func normalizePath(_ path: String) -> String {
        guard path.contains("/") else { return normalize(path) }
        return path.split(separator: "/").map { normalize(String($0)) }.filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// Whether `folder` is `ancestor` or one of its subfolders (`Inbox/Vendors` is in `Inbox`); both
    /// normalised paths, compared case-insensitively.
    public static func path(_ folder: String, isWithin ancestor: String) -> Bool {
        let f = folder.lowercased()
        let a = ancestor.lowercased()
        return f == a || f.hasPrefix(a + "/")
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode).
    package var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
