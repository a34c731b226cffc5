public import MailModel

/// One problem found in an investigation file (§5): a code of ``InvestigationFileCode``, one human
/// sentence, and where. `description` is the one line Dragnet prints: `path:line:column: error: [code]
/// message` (`warning:` for warnings; `path: error: ...` when the problem has no position, such as
/// an unreadable file).
public typealias InvestigationFileError = LocatedError

/// Every error found in an investigation file, in file order (not just the first).
public struct InvestigationFileErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InvestigationFileError]
    /// Warnings found along the way (also reported when the file is invalid).
    public var warnings: [InvestigationFileError]

    public init(errors: [InvestigationFileError], warnings: [InvestigationFileError] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    /// One line per error.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A valid investigation and the warnings its file raised.
public struct LoadedInvestigation: Sendable {
    public var investigation: Investigation
    public var warnings: [InvestigationFileError]

    public init(investigation: Investigation, warnings: [InvestigationFileError] = []) {
        self.investigation = investigation
        self.warnings = warnings
    }
}

/// What the export and its directory know, for the checks that need them (§7): a `scope.mailboxes`
/// entry must be a known mailbox, a `scope.groups` entry a known group or department with members.
public struct DirectoryInfo: Sendable, Hashable {
    /// Lower-cased addresses / UPNs known in the export (mailbox folders) or the directory (users.json).
    public var mailboxes: Set<String>
    /// Lower-cased group names (groups.json) AND department names (users.json) → member identities.
    public var groups: [String: Set<String>]

    /// Lower-cases what it is given.
    public init(mailboxes: Set<String> = [], groups: [String: Set<String>] = [:]) {
        self.mailboxes = Set(mailboxes.map { $0.lowercased() })
        var lowered: [String: Set<String>] = [:]
        for (name, members) in groups {
            lowered[name.lowercased(), default: []].formUnion(members.map { $0.lowercased() })
        }
        self.groups = lowered
    }
}
