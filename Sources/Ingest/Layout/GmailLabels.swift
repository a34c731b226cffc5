import MailModel

/// Gmail labels as Google Takeout writes them into each message (`X-Gmail-Labels: Inbox,Important,Opened`,
/// comma-separated, a label holding a comma in double quotes), and the folder they give (§3.3).
package enum GmailLabels {
    /// The labels of a header value, in order, without empty ones.
    package static func parse(_ value: String) -> [String] {
        var labels: [String] = []
        var current = ""
        var quoted = false
        for c in value {
            if c == "\"" {
                quoted.toggle()
            } else if c == ",", !quoted {
                labels.append(current)
                current = ""
            } else if c != "\r", c != "\n" {
                current.append(c)
            }
        }
        labels.append(current)
        return labels.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// Labels Takeout adds that say how a message is kept, not where: never a folder.
    static let markers: Set<String> = ["opened", "unread", "important", "starred", "archived", "chat"]

    /// The folder the labels give: by priority Spam → Junk Email, Trash → Deleted Items, Sent → Sent
    /// Items, Inbox, Drafts; else the first user label (not a marker such as `Opened`, `Important`,
    /// `Starred`, `Category …`); else `Archive` for `Archived`. Nil when the labels give none.
    package static func folder(of labels: [String]) -> String? {
        let lower = labels.map { $0.lowercased() }
        for (label, folder) in [("spam", "Junk Email"), ("trash", "Deleted Items"), ("sent", "Sent Items"), ("inbox", "Inbox"), ("drafts", "Drafts")]
        where lower.contains(label) {
            return folder
        }
        if let user = labels.first(where: { !markers.contains($0.lowercased()) && !$0.lowercased().hasPrefix("category ") }) {
            return WellKnownFolder.normalizePath(user)
        }
        return lower.contains("archived") ? WellKnownFolder.archive : nil
    }

    /// Whether the labels say the message was read: `Unread` → false, `Opened` → true, else nil.
    package static func isRead(_ labels: [String]) -> Bool? {
        let lower = Set(labels.map { $0.lowercased() })
        if lower.contains("unread") { return false }
        if lower.contains("opened") { return true }
        return nil
    }
}
