package import GraphExport

/// The tenant directory an export may carry (§3.2): `users.json` (Graph `/users`) and `groups.json`.
/// Investigations scope by department or group through it; `validate` checks mailboxes against it.
package struct Directory: Sendable {
    package struct User: Sendable, Hashable {
        package var id: String?
        package var mail: String?
        package var userPrincipalName: String?
        package var displayName: String?
        /// `nil` when the export did not collect `department`.
        package var department: String?
        package var isDepartmentCollected: Bool

        /// Lower-cased addresses and UPN this user is known by.
        package var identities: [String] { [mail, userPrincipalName].compactMap { $0?.lowercased() } }
    }

    package struct Group: Sendable, Hashable {
        package var name: String
        /// Member identities as written (UPN, address or id).
        package var members: [String]
    }

    package var users: [User] = []
    package var groups: [Group] = []
    /// The files the directory was read from.
    package var sources: [String] = []

    package init() {}

    /// Whether the directory was present at all.
    package var isEmpty: Bool { users.isEmpty && groups.isEmpty }

    /// The user whose mail, UPN or id is `identity` (case-insensitive).
    package func user(_ identity: String) -> User? {
        let lower = identity.lowercased()
        return users.first { $0.identities.contains(lower) || $0.id?.lowercased() == lower }
    }

    /// For each lower-cased identity of a user (address, UPN, object id), all of that user's identities.
    package var aliases: [String: Set<String>] {
        var map: [String: Set<String>] = [:]
        for user in users {
            let all = Set(user.identities + [user.id?.lowercased()].compactMap { $0 })
            for identity in all { map[identity, default: []].formUnion(all) }
        }
        return map
    }

    /// The mailbox name of the user with object id `id` (their address, else UPN), lower-cased.
    package func mailboxName(forUserID id: String) -> String? {
        let lower = id.lowercased()
        guard let user = users.first(where: { $0.id?.lowercased() == lower }) else { return nil }
        return (user.mail ?? user.userPrincipalName)?.lowercased()
    }

    /// Adds what a Graph record holds, if it is a user or a group.
    package mutating func add(_ record: GraphRecord) {
        switch record {
        case .user(let user, _):
            users.append(User(
                id: user.id.value, mail: user.mail.value, userPrincipalName: user.userPrincipalName.value,
                displayName: user.displayName.value, department: user.department.value,
                isDepartmentCollected: user.department.isCollected))
        case .group(let group, _):
            let members = (group.members.value ?? []).compactMap { $0.userPrincipalName ?? $0.mail ?? $0.text ?? $0.id }
            groups.append(Group(name: group.displayName.value ?? group.mail.value ?? "", members: members))
        default:
            break
        }
    }
}
