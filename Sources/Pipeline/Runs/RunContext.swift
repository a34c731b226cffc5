package import Investigation
package import Ingest

/// What evaluating one investigation over one export needs besides the items: the scope with the
/// export's directory (group members, a user's aliases) and the labels of the filters.
package struct RunContext: Sendable {
    package let investigation: Investigation
    package let scope: ScopeEvaluator
    /// For each lower-cased identity of a directory user (address, UPN, id), all of that user's.
    package let aliases: [String: Set<String>]
    /// Condition id → label, for match rows.
    package let labels: [String: String]

    package init(investigation: Investigation, directory: Directory) {
        self.investigation = investigation
        aliases = directory.aliases
        scope = ScopeEvaluator(
            scope: investigation.scope, groupMembers: Self.groupMembers(investigation.scope.groups, directory), aliases: aliases)
        labels = Dictionary(uniqueKeysWithValues: investigation.conditions.map { ($0.id, $0.label) })
    }

    /// A fold for this investigation's report.
    package func fold() -> ReportFold {
        ReportFold(investigation: investigation, scope: scope, aliases: aliases)
    }

    /// Lower-cased identities of the users in the named groups or departments.
    private static func groupMembers(_ groups: [String], _ directory: Directory) -> Set<String> {
        guard !groups.isEmpty else { return [] }
        let wanted = Set(groups.map { $0.lowercased() })
        var members = Set<String>()
        for group in directory.groups where wanted.contains(group.name.lowercased()) {
            for member in group.members {
                members.insert(member.lowercased())
                if let user = directory.user(member) { members.formUnion(user.identities) }
            }
        }
        for user in directory.users where user.department.map({ wanted.contains($0.lowercased()) }) ?? false {
            members.formUnion(user.identities)
        }
        return members
    }

}
