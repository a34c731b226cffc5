/// A field of a Graph resource as the export has it.
///
/// "Not collected" is not "empty" (§3.1): `internetMessageHeaders`, `attachments`, `uniqueBody`,
/// `department` exist only when the exporter asked for them. A filter that needs a field the export
/// did not collect must count the item as unsearchable for that filter, never as a non-match.
///
/// - Note: the PowerShell SDK writes every unset property as `null` (`"Attachments": null`), so for
///   fields Graph returns only on request, ``null`` from such an export also means "not collected".
public enum GraphField<Value: Sendable>: Sendable {
    /// The key is not in the object: the export did not collect the field.
    case absent
    /// The key is present with `null`.
    case null
    /// The key is present with a readable value.
    case present(Value)
    /// The export cut the field: PowerShell's `ConvertTo-Json -Depth` wrote a type name or a
    /// `@{...}` rendering (kept here) where an object or a list was. The value is unknown — never
    /// read it as "empty". A `graph.truncated-export` diagnostic accompanies it.
    case truncated(String)
    /// The key is present with a JSON type that cannot be read as this field (kept raw); a
    /// `graph.unexpected-type` diagnostic accompanies it.
    case unreadable(JSONValue)

    /// The value, when present and readable.
    public var value: Value? {
        if case .present(let v) = self { return v }
        return nil
    }

    /// Whether the key was in the object (any case but ``absent``).
    public var isCollected: Bool {
        if case .absent = self { return false }
        return true
    }

    /// Whether the export cut the field (``truncated(_:)``).
    public var isTruncated: Bool {
        if case .truncated = self { return true }
        return false
    }

    /// Whether the field is known: present and readable, or explicitly `null`.
    public var isKnown: Bool {
        switch self {
        case .present, .null: true
        default: false
        }
    }

    /// Transforms a present value.
    public func map<T: Sendable>(_ transform: (Value) -> T) -> GraphField<T> {
        switch self {
        case .absent: .absent
        case .null: .null
        case .present(let v): .present(transform(v))
        case .truncated(let s): .truncated(s)
        case .unreadable(let j): .unreadable(j)
        }
    }
}

extension GraphField: Equatable where Value: Equatable {}
extension GraphField: Hashable where Value: Hashable {}
