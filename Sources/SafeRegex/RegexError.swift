/// A pattern RE2 refused, with RE2's explanation.
///
/// Codes are stable (reports and users' scripts depend on them):
/// - `regex.invalid`: not valid RE2 syntax; `message` is RE2's own, e.g. `missing ): (a+`.
/// - `regex.too-large`: the compiled program would exceed the memory limit
///   (``RE2Regex/defaultMaxMemory``); `message` is RE2's, `pattern too large - compile failed`.
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

extension RegexError {
    /// `regex.invalid`: the pattern is not valid RE2 syntax.
    public static let invalidCode = "regex.invalid"
    /// `regex.too-large`: the compiled pattern would exceed the memory limit.
    public static let tooLargeCode = "regex.too-large"
}
