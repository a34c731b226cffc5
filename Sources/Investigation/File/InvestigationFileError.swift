/// One problem found in an investigation file (§5): a stable code, one human sentence, and where.
///
/// `description` is the one line Dragnet prints: `path:line:column: error: [code] message`
/// (`warning:` for warnings; `path: error: ...` when the problem has no position, such as an
/// unreadable file).
public struct InvestigationFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// Stable kebab-case code with the `rule.` prefix (see the constants below).
    public var code: String
    /// One sentence: what is wrong and, where useful, what is allowed.
    public var message: String
    /// The investigation file as given.
    public var path: String
    /// 1-based line and column (columns count characters); 0 when the problem has no position.
    public var line: Int
    public var column: Int
    public var severity: Severity

    public init(code: String, message: String, path: String, line: Int = 0, column: Int = 0, severity: Severity = .error) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
    }

    public var isWarning: Bool { severity == .warning }

    public var description: String {
        let position = line > 0 ? "\(path):\(line):\(column)" : path
        return "\(position): \(severity.rawValue): [\(code)] \(message)"
    }
}

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

// MARK: - Codes

extension InvestigationFileError {
    /// The file could not be read (missing, a folder, permission, not UTF-8/UTF-16 text).
    public static let unreadableFile = "rule.unreadable-file"
    /// The file is larger than ``InvestigationFile/maxFileBytes``.
    public static let tooLarge = "rule.too-large"
    /// YAML/JSON syntax error (Yams/libyaml's message and position), or several documents in one file.
    public static let invalidYAML = "rule.invalid-yaml"
    /// Collections nested deeper than ``InvestigationFile/maxNestingDepth``.
    public static let tooDeep = "rule.too-deep"
    /// More than ``InvestigationFile/maxNodes`` YAML nodes once aliases are expanded (alias bombs).
    public static let tooComplex = "rule.too-complex"
    /// More than ``InvestigationFile/maxErrors`` errors: the rest are not reported.
    public static let tooManyErrors = "rule.too-many-errors"
    /// The file holds no document at all.
    public static let emptyFile = "rule.empty-file"
    /// A key that is not allowed where it is (with a did-you-mean suggestion when one is close).
    public static let unknownKey = "rule.unknown-key"
    /// The same key twice in one mapping.
    public static let duplicateKey = "rule.duplicate-key"
    /// A required key is missing (`name`, `filters`, a header's `name`, a long-hand `field`, ...).
    public static let missingKey = "rule.missing-key"
    /// A filter item with more than one filter key, or a header filter with more than one operator.
    public static let multipleKeys = "rule.multiple-keys"
    /// A value of the wrong shape: a list where text is expected, a number where a list is expected, ...
    public static let wrongType = "rule.wrong-type"
    /// An empty value: `""`, null, `[]`.
    public static let emptyValue = "rule.empty-value"
    /// `filters: []`, or an empty `all`/`any`/`not` group.
    public static let emptyFilters = "rule.empty-filters"
    /// A value outside its enumeration (`match`, `action.type`, `caseSensitive`, header `exists`).
    public static let invalidValue = "rule.invalid-value"
    /// A long-hand `field` that is not a filter field.
    public static let unknownField = "rule.unknown-field"
    /// A long-hand `op` that is not an operator.
    public static let unknownOperator = "rule.unknown-operator"
    /// An operator that does not apply to the field (`contains` on `attachmentSize`, ...).
    public static let invalidOperator = "rule.invalid-operator"
    /// A value given to `exists`/`notExists`.
    public static let unexpectedValue = "rule.unexpected-value"
    /// A pattern RE2 refuses (RE2's own message).
    public static let invalidRegex = "rule.invalid-regex"
    /// Not an IPv4/IPv6 address or CIDR block.
    public static let invalidIP = "rule.invalid-ip"
    /// Not a hex digest of the field's length.
    public static let invalidDigest = "rule.invalid-digest"
    /// Not a size in bytes (or with a unit), or a `{min, max}` range with min > max.
    public static let invalidSize = "rule.invalid-size"
    /// Not an address or a domain (`from`, `to`, `cc`, `bcc` with `equals`).
    public static let invalidAddress = "rule.invalid-address"
    /// Not a domain (`authorizedDomains`).
    public static let invalidDomain = "rule.invalid-domain"
    /// Not a mailbox address / UPN (`scope.mailboxes`).
    public static let invalidMailbox = "rule.invalid-mailbox"
    /// An extension with an inner dot (`tar.gz`): only the last extension is compared.
    public static let invalidExtension = "rule.invalid-extension"
    /// A `url` value that is not a domain, a URL or an IP address.
    public static let invalidURL = "rule.invalid-url"
    /// A header name that is not a header field name (RFC 5322: printable ASCII, no colon).
    public static let invalidHeader = "rule.invalid-header"
    /// Not a date or an ISO 8601 timestamp.
    public static let invalidDate = "rule.invalid-date"
    /// A date range whose `from` is not before its end.
    public static let invalidDateRange = "rule.invalid-date-range"
    /// `action.message` longer than ``Action/maxMessageLength``.
    public static let messageTooLong = "rule.message-too-long"
    /// `action.type: warn` without a message.
    public static let missingMessage = "rule.missing-message"
    /// `match: all` with two different top-level `from` (equals) filters: a message has one sender.
    public static let conflictingFrom = "rule.conflicting-from"
    /// `match: all` with two different top-level `ip` (equals) filters.
    public static let conflictingIP = "rule.conflicting-ip"
    /// A `scope.groups` entry that is no group or department of the directory, or has no members.
    public static let unknownGroup = "rule.unknown-group"
    /// A `scope.mailboxes` entry unknown to the export and the directory.
    public static let unknownMailbox = "rule.unknown-mailbox"

    /// Every error code, for documentation and tests.
    public static let errorCodes: [String] = [
        unreadableFile, tooLarge, invalidYAML, tooDeep, tooComplex, tooManyErrors, emptyFile, unknownKey, duplicateKey,
        missingKey, multipleKeys, wrongType, emptyValue, emptyFilters, invalidValue, unknownField, unknownOperator,
        invalidOperator, unexpectedValue, invalidRegex, invalidIP, invalidDigest, invalidSize, invalidAddress,
        invalidDomain, invalidMailbox, invalidExtension, invalidURL, invalidHeader, invalidDate, invalidDateRange,
        messageTooLong, missingMessage, conflictingFrom, conflictingIP, unknownGroup, unknownMailbox,
    ]

    /// Every warning code.
    public static let warningCodes: [String] = [messageIgnored, mailboxNotAuthorized, caseIgnored]

    // Warnings.

    /// Warning: `action.message` with an action other than `warn` (the message is dropped).
    public static let messageIgnored = "rule.message-ignored"
    /// Warning: a listed mailbox lies outside `authorizedDomains`, so it will never be scanned.
    public static let mailboxNotAuthorized = "rule.mailbox-not-authorized"
    /// Warning: `caseSensitive` on a filter it cannot affect (ip, size, digests, exists).
    public static let caseIgnored = "rule.case-ignored"
}
