/// Three-valued truth (Kleene): a filter that needs a field the export did not collect is `unknown`,
/// never `no` (§3.1). `all` is `no` if any part is `no`, `unknown` if any is `unknown`; `any` is `yes`
/// if any part is `yes`, `unknown` if any is `unknown`; `not` swaps `yes` and `no`.
public enum Truth: String, Sendable, Hashable, Codable {
    case yes, no, unknown

    public static prefix func ! (t: Truth) -> Truth {
        switch t {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}

/// How one item fared against an investigation's filters.
public struct ItemVerdict: Sendable {
    /// The whole expression's truth: `yes` is a match; `unknown` makes the item unsearchable.
    public var truth: Truth
    /// Ids of the conditions that held (in file order).
    public var matchedConditions: [String]
    /// Ids of the conditions that could not be evaluated for lack of a collected field.
    public var unknownConditions: [String]
    /// Evidence for the conditions that held.
    public var evidence: [Evidence]
    /// SHA-256 of attachments' bytes computed while evaluating, by attachment index, so that a match
    /// row does not decode and hash them again.
    package var computedSHA256: [Int: String] = [:]
    /// A match's ``LinkHosts/hosts(of:)``, from the links as the evaluation read them (nil when no match).
    package var linkHosts: [String]?

    public init(truth: Truth, matchedConditions: [String], unknownConditions: [String], evidence: [Evidence]) {
        self.truth = truth
        self.matchedConditions = matchedConditions
        self.unknownConditions = unknownConditions
        self.evidence = evidence
    }
}
