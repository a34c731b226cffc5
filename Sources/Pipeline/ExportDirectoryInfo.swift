package import Investigation
package import Ingest

/// What an investigation file is checked against (§5): the mailboxes and groups an export knows.
package enum ExportDirectoryInfo {
    /// Mailboxes from the directory (`users.json`) and from mailbox folder names; groups from
    /// `groups.json` and departments from `users.json`.
    package static func read(paths: [String]) -> DirectoryInfo {
        read(scan: ExportScan(paths: paths))
    }

    /// The same from a scan that has not been read yet (its walk and directory are reused).
    package static func read(scan: ExportScan) -> DirectoryInfo {
        var mailboxes = scan.mailboxFolders
        var groups: [String: Set<String>] = [:]
        for user in scan.directory.users {
            mailboxes.formUnion(user.identities)
            if let department = user.department, !department.isEmpty {
                groups[department.lowercased(), default: []].formUnion(user.identities)
            }
        }
        for group in scan.directory.groups {
            var members = Set(group.members.map { $0.lowercased() })
            for member in group.members { members.formUnion(scan.directory.user(member)?.identities ?? []) }
            groups[group.name.lowercased(), default: []].formUnion(members)
        }
        return DirectoryInfo(mailboxes: mailboxes, groups: groups)
    }
}
