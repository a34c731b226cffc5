/// The investigation's `action` (§5, §8). Dragnet never changes the export: the action becomes a
/// planned action on each match.
public struct Action: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case none, warn, moveToTrash, delete
    }

    public var kind: Kind
    /// The warning shown to users (`warn` only; at most 64 characters).
    public var message: String?

    public init(kind: Kind = .none, message: String? = nil) {
        self.kind = kind
        self.message = message
    }

    /// The most characters a warning message may have (the online product's limit).
    public static let maxMessageLength = 64

    /// The planned action for a match: `would-warn`, `would-move-to-trash`, `would-delete` or `none`.
    public var planned: String {
        switch kind {
        case .none: "none"
        case .warn: "would-warn"
        case .moveToTrash: "would-move-to-trash"
        case .delete: "would-delete"
        }
    }
}
