import MailModel

/// The mail folder of a file as a path below its mailbox (§3.3): `Inbox/Vendors/Sub`, each level's
/// well-known name normalised, export plumbing dropped.
///
/// - Apple Mail: the folders named `*.mbox` on the path, without the suffix (`Work.mbox/Projects.mbox/
///   <id>/Data/1/Messages/5.emlx` → `Work/Projects`; an exported `Inbox.mbox/mbox` → `Inbox`).
/// - An mbox file: one folder, named by the file without its extension (`Junk` → Junk Email,
///   `Inbox.mbox` → Inbox), below the folders of the Thunderbird `.sbd` folders that hold it
///   (`Inbox.sbd/Projects` → `Inbox/Projects`).
/// - Any other file (a message, an MH or Maildir message in an archive): the folders between the
///   mailbox folder and the file; without a mailbox folder, between the input path (or the archive the
///   file is in, or an MH mail root) and the file. `Top of Information Store`, `Top of Personal Folders` and the like are
///   dropped, archives are not folders, a Maildir's `cur`/`new` is not a folder and a Maildir++ `.A.B`
///   is `A/B`. With no folder there, the name of the folder holding the file (or its archive), unless
///   it names the mailbox.
package enum FolderPath {
    /// How the file holds its messages.
    package enum Role: Sendable {
        /// One message per file (EML, MH, emlx, a Maildir file).
        case message
        /// An mbox file: the file is the folder.
        case mbox
    }

    /// Export plumbing: levels that are no mail folder (lower-cased).
    static let plumbing: Set<String> = ["top of information store", "top of personal folders", "top of outlook data file", "ipm_subtree"]

    /// The folder path, or `unknown`. `folderRoot`, when given, is where folders start instead of the
    /// input path (an MH mail root).
    package static func folder(of path: LayoutPath, mailboxIndex: Int?, role: Role, folderRoot: Int? = nil) -> String {
        let c = path.components
        guard c.count >= 1 else { return "unknown" }
        let folders = 0 ..< c.count - 1
        let apple = folders.filter { !path.isArchive($0) && isAppleMailbox(c[$0]) }
        if !apple.isEmpty { return join(apple.map { String(c[$0].dropLast(5)) }) }
        if role == .mbox {
            var levels: [String] = []
            var i = c.count - 2
            while i >= 0, !path.isArchive(i), c[i].lowercased().hasSuffix(".sbd"), c[i].count > 4 {
                levels.insert(String(c[i].dropLast(4)), at: 0)
                i -= 1
            }
            let stem = mboxStem(c[c.count - 1])
            // A file named by its account (Google Vault) is all of the account's mail: no one folder.
            if MailboxName.address(prefixing: stem) != nil { return levels.isEmpty ? "unknown" : join(levels) }
            if !stem.isEmpty { return join(levels + [stem]) }
            if !levels.isEmpty { return join(levels) }
        }
        let start = mailboxIndex.map { $0 + 1 } ?? max(folderRoot ?? path.rootCount, (path.innermostArchive ?? -1) + 1)
        var levels: [String] = []
        if start < c.count - 1 {
            for i in start ..< c.count - 1 where !path.isArchive(i) {
                let name = c[i]
                let lower = name.lowercased()
                if plumbing.contains(lower) || lower == "cur" || lower == "new" || lower == "tmp" { continue }
                if name.hasPrefix("."), name.count > 1 {
                    levels += name.dropFirst().split(separator: ".").map { ModifiedUTF7.decode(String($0)) }
                } else if lower.hasSuffix(".sbd"), name.count > 4 {
                    levels.append(String(name.dropLast(4)))
                } else {
                    levels.append(name)
                }
            }
        }
        if !levels.isEmpty { return join(levels) }
        // The folder holding the file (or the archive it is in).
        var i = c.count - 2
        while i >= 0, path.isArchive(i) { i -= 1 }
        guard i >= 0, i != mailboxIndex, c[i] != "..", MailboxName.parse(folder: c[i]) == nil else { return "unknown" }
        return join([c[i]])
    }

    /// Whether a folder name is an Apple Mail mailbox (`Inbox.mbox`).
    static func isAppleMailbox(_ name: String) -> Bool {
        name.count > 5 && name.lowercased().hasSuffix(".mbox")
    }

    /// An mbox file's name without its extension (`.mbox`, `.mbx`, `.mbs`, `.txt`).
    static func mboxStem(_ name: String) -> String {
        var name = name
        for ext in [".mbox", ".mbx", ".mbs", ".txt"] where name.lowercased().hasSuffix(ext) {
            name.removeLast(ext.count)
            break
        }
        return name
    }

    static func join(_ levels: [String]) -> String {
        let path = levels.map { WellKnownFolder.normalize($0) }.filter { !$0.isEmpty }.joined(separator: "/")
        return path.isEmpty ? "unknown" : path
    }
}
