public import MailModel

/// The codes of what HTML reduction reports. Each code is stable.
public enum HTMLTextCode {
    /// A limit of ``HTMLTextOptions`` was reached (``ExtractedText/isTruncated``): the HTML body was
    /// only partly reduced to text, so text or links may be missing.
    public static let limitReached = DiagnosticCode("html.limit-reached", .warning, partlyRead: true)

    /// Every declared code.
    public static let all = [limitReached]
}
