/// One filter of an investigation (§5, §6): a field, an operator, one or more values (a list matches
/// any of its values), and whether text compares case-sensitively.
public struct Condition: Sendable, Hashable {
    /// Stable identifier within the investication: `f1`, `f2`, ... in file order (depth-first).
    public var id: String
    public var field: FilterField
    public var op: FilterOperator
    /// The values; the condition holds when any of them matches (for negative operators: when none does).
    public var values: [FilterValue]
    public var caseSensitive: Bool
    /// For `header`: the header name (`X-Mailer`).
    public var headerName: String?
    /// Where the condition is written in the investigation file.
    public var location: FileLocation

    public init(
        id: String, field: FilterField, op: FilterOperator, values: [FilterValue], caseSensitive: Bool = false,
        headerName: String? = nil, location: FileLocation = FileLocation()
    ) {
        self.id = id
        self.field = field
        self.op = op
        self.values = values
        self.caseSensitive = caseSensitive
        self.headerName = headerName
        self.location = location
    }

    /// A short human description, used in reports: `subject contains "Invoice overdue"`,
    /// `attachmentExtension equals html|iso`, `header X-Mailer contains "PHPMailer"`.
    public var label: String {
        let field = headerName.map { "header \($0)" } ?? self.field.rawValue
        if op == .exists || op == .notExists { return "\(field) \(op.rawValue)" }
        let rendered = values.map(\.description).joined(separator: " | ")
        // A `regex` filter follows its pattern's own case rules: no operator or case note.
        if self.field == .regex { return "regex \(rendered)" }
        return "\(field) \(op.rawValue) \(rendered)" + (caseSensitive ? " (case-sensitive)" : "")
    }
}

/// The filter keys of §5.
public enum FilterField: String, Sendable, Hashable, CaseIterable {
    case from, senderName, to, cc, bcc, subject, keyword, regex, url, ip
    case attachmentName, attachmentExtension, attachmentSize
    case attachmentMD5, attachmentSHA1, attachmentSHA256, attachmentSHA512
    case messageId, header

    /// Whether the field reads the attachment list (not collected by some Graph exports).
    public var needsAttachments: Bool {
        switch self {
        case .attachmentName, .attachmentExtension, .attachmentSize, .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512: true
        default: false
        }
    }

    /// Whether the field reads the header fields (not collected by some Graph exports).
    public var needsHeaders: Bool { self == .ip || self == .header }

    /// Whether the field reads body text or its links (hidden in encrypted or rights-protected content).
    public var readsBody: Bool { self == .keyword || self == .regex || self == .url }
}

/// The operators of the long-hand form (§5). Each field has a default (§6).
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    case contains, notContains, equals, notEquals, exists, notExists, glob, regex

    /// Whether the operator negates its positive counterpart.
    public var isNegative: Bool { self == .notContains || self == .notEquals || self == .notExists }
}

/// A filter value.
public enum FilterValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    /// `attachmentSize`: an exact size, or a range `{min:, max:}` (inclusive; either end optional).
    case size(min: Int?, max: Int?)

    public var description: String {
        switch self {
        case .text(let s): "\"\(s)\""
        case .size(let min, let max):
            if let min, let max, min == max { "\(min)" } else { "\(min.map(String.init) ?? "")..\(max.map(String.init) ?? "")" }
        }
    }

    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }
}

/// A position in an investigation file (1-based line and column; 0 when unknown).
public struct FileLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int = 0, column: Int = 0) {
        self.line = line
        self.column = column
    }
}
