public import MailModel

/// The codes of why no draft could be made from a reported message (`dragnet draft`). Each code is
/// stable; each is an error (exit status 2).
public enum DraftCode {
    /// The file cannot be read (missing, a folder, permission denied).
    public static let unreadable = DiagnosticCode("draft.unreadable", .error)
    /// The file holds no message Dragnet can read (not mail, an empty Graph page).
    public static let notAMessage = DiagnosticCode("draft.not-a-message", .error)
    /// The file holds more than one message (an mbox, a Graph page): give one.
    public static let severalMessages = DiagnosticCode("draft.several-messages", .error)
    /// The message has no sender, subject, Message-ID, link or attachment to draft from.
    public static let noIndicators = DiagnosticCode("draft.no-indicators", .error)

    /// Every declared code.
    public static let all = [unreadable, notAMessage, severalMessages, noIndicators]
}
