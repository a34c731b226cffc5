/// A parsed, validated investigation file (§5): what to look for, where, and what to do with matches.
public struct Investigation: Sendable {
    public var name: String
    public var description: String?
    public var scope: Scope
    /// How the top-level filters combine: `any` (OR) or `all` (AND).
    public var match: MatchMode
    /// The top-level filters, in file order.
    public var filters: [FilterNode]
    public var action: Action
    /// Where the investigation was read from (as given).
    public var path: String
    /// SHA-256 (hex) of the investigation file's bytes.
    public var fileSHA256: String

    public init(
        name: String, description: String? = nil, scope: Scope = Scope(), match: MatchMode = .any,
        filters: [FilterNode], action: Action = Action(), path: String = "", fileSHA256: String = ""
    ) {
        self.name = name
        self.description = description
        self.scope = scope
        self.match = match
        self.filters = filters
        self.action = action
        self.path = path
        self.fileSHA256 = fileSHA256
    }

    /// The whole filter expression: the top-level filters under `match`.
    public var root: FilterNode { match == .all ? .all(filters) : .any(filters) }

    /// Every condition of the expression, depth-first, in file order.
    public var conditions: [Condition] { root.conditions }
}

/// `match: any | all` (§5).
public enum MatchMode: String, Sendable, Hashable {
    case any, all
}

/// A node of the filter expression: a condition, or a group (`all`, `any`, `not`).
public indirect enum FilterNode: Sendable {
    case condition(Condition)
    case all([FilterNode])
    case any([FilterNode])
    case not(FilterNode)

    /// Every condition below this node, depth-first.
    public var conditions: [Condition] {
        switch self {
        case .condition(let c): [c]
        case .all(let nodes), .any(let nodes): nodes.flatMap(\.conditions)
        case .not(let node): node.conditions
        }
    }
}
