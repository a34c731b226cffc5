/// A JSON value as the streaming reader produces it.
///
/// Objects keep their members in file order (duplicates included), numbers keep their text, and
/// strings are already unescaped. Nothing here is specific to Graph; ``GraphReader`` turns values into
/// Graph resources.
public enum JSONValue: Sendable, Hashable {
    /// An object, members in file order.
    case object(JSONObject)
    /// An array, elements in file order.
    case array([JSONValue])
    /// A string, unescaped. Invalid UTF-8 was replaced with U+FFFD (and reported by the reader).
    case string(String)
    /// A number, kept as written.
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// The object, when this is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The number, when this is one.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The Boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the JSON type (`object`, `array`, `string`, `number`, `boolean`, `null`), for messages.
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// The member value for `key`, compared case-insensitively (ASCII), when this is an object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object: its members in file order. Lookups by key are case-insensitive (ASCII), because
/// Graph (camelCase), the PowerShell SDK and Outlook REST v2 (PascalCase) spell keys differently.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    /// The members in file order; a key may occur more than once.
    public var members: [JSONMember]

    public init(_ members: [JSONMember] = []) {
        self.members = members
    }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> JSONMember { members[position] }

    /// The keys in file order.
    public var keys: [String] { members.map(\.key) }

    /// The value of the first member whose key equals `key` ignoring ASCII case; `nil` when absent.
    public subscript(key: String) -> JSONValue? {
        for member in members where asciiCaseInsensitiveEqual(member.key, key) { return member.value }
        return nil
    }

    /// The first member whose key equals `key` ignoring ASCII case (its key as written).
    public func member(_ key: String) -> JSONMember? {
        members.first { asciiCaseInsensitiveEqual($0.key, key) }
    }

    /// Whether a member with this key (ignoring ASCII case) exists.
    public func contains(key: String) -> Bool { self[key] != nil }
}

/// A JSON number as written in the file (`-12`, `3.5e10`; also `NaN` and `Infinity`, which Python's
/// `json.dumps` writes and the reader accepts).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The text of the number exactly as written.
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The value as a `Double` (`nil` only when the text is not a number at all).
    public var double: Double? { Double(text) }

    /// The value as an `Int64` when it is integral and in range (`12`, `12.0`, `1.2e1`); else `nil`.
    public var int64: Int64? {
        if let exact = Int64(text) { return exact }
        guard let d = Double(text), d.isFinite, d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return nil }
        return Int64(d)
    }

    public var description: String { text }
}

/// ASCII case-insensitive comparison of two strings (non-ASCII bytes must be equal).
@inline(__always)
func asciiCaseInsensitiveEqual(_ a: String, _ b: String) -> Bool {
    let ua = a.utf8, ub = b.utf8
    guard ua.count == ub.count else { return false }
    var ia = ua.makeIterator(), ib = ub.makeIterator()
    while let x = ia.next(), let y = ib.next() {
        if x == y { continue }
        if x | 0x20 == y | 0x20, (x | 0x20) >= 0x61, (x | 0x20) <= 0x7A { continue }
        return false
    }
    return true
}
