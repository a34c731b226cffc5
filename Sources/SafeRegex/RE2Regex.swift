/// A compiled RE2 pattern. PLACEHOLDER API (to be completed with the RE2 shim): signatures are the contract.
///
/// RE2 matches in time linear in the text, so no pattern — a user's or an attacker's — can hang a run.
public final class RE2Regex: Sendable {
    /// The pattern as written.
    public let pattern: String
    public let isCaseSensitive: Bool

    /// Compiles `pattern` (RE2 syntax). Throws ``RegexError`` with RE2's own message when it is invalid.
    public init(_ pattern: String, caseSensitive: Bool = true) throws(RegexError) {
        self.pattern = pattern
        self.isCaseSensitive = caseSensitive
    }

    /// The first match in `text` (unanchored), as a range of `text`, or `nil`.
    public func firstMatch(in text: String) -> Range<String.Index>? {
        nil
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }
}

/// A pattern RE2 refused, with RE2's explanation.
public struct RegexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable code: `regex.invalid` or `regex.too-large`.
    public var code: String
    /// RE2's message, e.g. `missing ): (a+`.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "[\(code)] \(message)" }
}
