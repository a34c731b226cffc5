public import MailModel

/// The codes of patterns RE2 refuses (``RegexError``). Each code is stable.
public enum RegexCode {
    /// The pattern is not valid RE2 syntax.
    public static let invalid = DiagnosticCode("regex.invalid", .error)
    /// The compiled pattern would exceed the memory limit (``RE2Regex/defaultMaxMemory``).
    public static let tooLarge = DiagnosticCode("regex.too-large", .error)

    /// Every declared code.
    public static let all = [invalid, tooLarge]
}
