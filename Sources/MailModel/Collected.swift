/// A field an export may or may not have collected. "Not collected" is not "empty" (§3.1): a filter
/// that needs a field the export did not collect counts the item as unsearchable for that filter.
public enum Collected<Value: Sendable>: Sendable {
    case notCollected
    case collected(Value)

    /// The value, or `nil` when the export did not collect it.
    public var value: Value? {
        if case .collected(let v) = self { return v }
        return nil
    }

    public var isCollected: Bool { value != nil }
}

extension Collected: Equatable where Value: Equatable {}
extension Collected: Hashable where Value: Hashable {}
