public import MailModel

/// Tests write codes as their text: such a code is an error with no other facts and compares by its text.
extension DiagnosticCode: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value, .error) }
}
