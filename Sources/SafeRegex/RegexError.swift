public import MailModel

/// A pattern RE2 refused, with RE2's explanation. Not located: the caller knows where the pattern
/// was written (an investigation file turns it into `rule.invalid-regex` there).
public struct RegexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ``RegexCode/invalid`` (`message` is RE2's own, e.g. `missing ): (a+`) or ``RegexCode/tooLarge``
    /// (`pattern too large - compile failed`).
    public var code: DiagnosticCode
    /// RE2's message, e.g. `missing ): (a+`.
    public var message: String

    public init(code: DiagnosticCode, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "[\(code)] \(message)" }
}
