public import MailModel

/// The codes of problems in investigation files (§5), with the `rule.` prefix. Each code is stable.
public enum InvestigationFileCode {
    /// The file could not be read (missing, a folder, permission, not UTF-8/UTF-16 text).
    public static let unreadableFile = DiagnosticCode("rule.unreadable-file", .error)
    /// The file is larger than ``InvestigationFile/maxFileBytes``.
    public static let tooLarge = DiagnosticCode("rule.too-large", .error)
    /// YAML/JSON syntax error (Yams/libyaml's message and position), or several documents in one file.
    public static let invalidYAML = DiagnosticCode("rule.invalid-yaml", .error)
    /// Collections nested deeper than ``InvestigationFile/maxNestingDepth``.
    public static let tooDeep = DiagnosticCode("rule.too-deep", .error)
    /// More than ``InvestigationFile/maxNodes`` YAML nodes once aliases are expanded (alias bombs).
    public static let tooComplex = DiagnosticCode("rule.too-complex", .error)
    /// More than ``InvestigationFile/maxErrors`` errors: the rest are not reported.
    public static let tooManyErrors = DiagnosticCode("rule.too-many-errors", .error)
    /// The file holds no document at all.
    public static let emptyFile = DiagnosticCode("rule.empty-file", .error)
    /// A key that is not allowed where it is (with a did-you-mean suggestion when one is close).
    public static let unknownKey = DiagnosticCode("rule.unknown-key", .error)
    /// The same key twice in one mapping.
    public static let duplicateKey = DiagnosticCode("rule.duplicate-key", .error)
    /// A required key is missing (`name`, `filters`, a header's `name`, a long-hand `field`, ...).
    public static let missingKey = DiagnosticCode("rule.missing-key", .error)
    /// A filter item with more than one filter key, or a header filter with more than one operator.
    public static let multipleKeys = DiagnosticCode("rule.multiple-keys", .error)
    /// A value of the wrong shape: a list where text is expected, a number where a list is expected, ...
    public static let wrongType = DiagnosticCode("rule.wrong-type", .error)
    /// An empty value: `""`, null, `[]`.
    public static let emptyValue = DiagnosticCode("rule.empty-value", .error)
    /// `filters: []`, or an empty `all`/`any`/`not` group.
    public static let emptyFilters = DiagnosticCode("rule.empty-filters", .error)
    /// A value outside its enumeration (`match`, `action.type`, `caseSensitive`, header `exists`).
    public static let invalidValue = DiagnosticCode("rule.invalid-value", .error)
    /// A long-hand `field` that is not a filter field.
    public static let unknownField = DiagnosticCode("rule.unknown-field", .error)
    /// A long-hand `op` that is not an operator.
    public static let unknownOperator = DiagnosticCode("rule.unknown-operator", .error)
    /// An operator that does not apply to the field (`contains` on `attachmentSize`, ...).
    public static let invalidOperator = DiagnosticCode("rule.invalid-operator", .error)
    /// A value given to `exists`/`notExists`.
    public static let unexpectedValue = DiagnosticCode("rule.unexpected-value", .error)
    /// A pattern RE2 refuses (RE2's own message).
    public static let invalidRegex = DiagnosticCode("rule.invalid-regex", .error)
    /// Not an IPv4/IPv6 address or CIDR block.
    public static let invalidIP = DiagnosticCode("rule.invalid-ip", .error)
    /// Not a hex digest of the field's length.
    public static let invalidDigest = DiagnosticCode("rule.invalid-digest", .error)
    /// Not a size in bytes (or with a unit), or a `{min, max}` range with min > max.
    public static let invalidSize = DiagnosticCode("rule.invalid-size", .error)
    /// Not an address or a domain (`from`, `to`, `cc`, `bcc` with `equals`).
    public static let invalidAddress = DiagnosticCode("rule.invalid-address", .error)
    /// Not a domain (`authorizedDomains`).
    public static let invalidDomain = DiagnosticCode("rule.invalid-domain", .error)
    /// Not a mailbox address / UPN (`scope.mailboxes`).
    public static let invalidMailbox = DiagnosticCode("rule.invalid-mailbox", .error)
    /// An extension with an inner dot (`tar.gz`): only the last extension is compared.
    public static let invalidExtension = DiagnosticCode("rule.invalid-extension", .error)
    /// A `url` value that is not a domain, a URL or an IP address.
    public static let invalidURL = DiagnosticCode("rule.invalid-url", .error)
    /// A header name that is not a header field name (RFC 5322: printable ASCII, no colon).
    public static let invalidHeader = DiagnosticCode("rule.invalid-header", .error)
    /// Not a date or an ISO 8601 timestamp.
    public static let invalidDate = DiagnosticCode("rule.invalid-date", .error)
    /// A date range whose `from` is not before its end.
    public static let invalidDateRange = DiagnosticCode("rule.invalid-date-range", .error)
    /// `action.message` longer than ``Action/maxMessageLength``.
    public static let messageTooLong = DiagnosticCode("rule.message-too-long", .error)
    /// `action.type: warn` without a message.
    public static let missingMessage = DiagnosticCode("rule.missing-message", .error)
    /// `match: all` with two different top-level `from` (equals) filters: a message has one sender.
    public static let conflictingFrom = DiagnosticCode("rule.conflicting-from", .error)
    /// `match: all` with two different top-level `ip` (equals) filters.
    public static let conflictingIP = DiagnosticCode("rule.conflicting-ip", .error)
    /// A `scope.groups` entry that is no group or department of the directory, or has no members.
    public static let unknownGroup = DiagnosticCode("rule.unknown-group", .error)
    /// A `scope.mailboxes` entry unknown to the export and the directory.
    public static let unknownMailbox = DiagnosticCode("rule.unknown-mailbox", .error)

    /// Every error code, for documentation and tests.
    public static let errorCodes: [DiagnosticCode] = [
        unreadableFile, tooLarge, invalidYAML, tooDeep, tooComplex, tooManyErrors, emptyFile, unknownKey, duplicateKey,
        missingKey, multipleKeys, wrongType, emptyValue, emptyFilters, invalidValue, unknownField, unknownOperator,
        invalidOperator, unexpectedValue, invalidRegex, invalidIP, invalidDigest, invalidSize, invalidAddress,
        invalidDomain, invalidMailbox, invalidExtension, invalidURL, invalidHeader, invalidDate, invalidDateRange,
        messageTooLong, missingMessage, conflictingFrom, conflictingIP, unknownGroup, unknownMailbox,
    ]

    /// Every warning code.
    public static let warningCodes: [DiagnosticCode] = [messageIgnored, mailboxNotAuthorized, caseIgnored]

    // Warnings.

    /// Warning: `action.message` with an action other than `warn` (the message is dropped).
    public static let messageIgnored = DiagnosticCode("rule.message-ignored", .warning)
    /// Warning: a listed mailbox lies outside `authorizedDomains`, so it will never be scanned.
    public static let mailboxNotAuthorized = DiagnosticCode("rule.mailbox-not-authorized", .warning)
    /// Warning: `caseSensitive` on a filter it cannot affect (ip, size, digests, exists).
    public static let caseIgnored = DiagnosticCode("rule.case-ignored", .warning)

    /// Every declared code.
    public static let all = errorCodes + warningCodes
}
