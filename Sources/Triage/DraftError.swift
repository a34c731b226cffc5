public import MailModel

/// Why no draft could be made from a reported message. Codes are stable (`draft.*`).
public struct DraftError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var path: String

    public init(code: String, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// `path: error: [code] message`, safe for a terminal.
    public var description: String { TerminalText.escaped("\(path): error: [\(code)] \(message)") }

    /// The file cannot be read (missing, a folder, permission denied).
    public static let unreadable = "draft.unreadable"
    /// The file holds no message Dragnet can read (not mail, an empty Graph page).
    public static let notAMessage = "draft.not-a-message"
    /// The file holds more than one message (an mbox, a Graph page): give one.
    public static let severalMessages = "draft.several-messages"
    /// The message has no sender, subject, Message-ID, link or attachment to draft from.
    public static let noIndicators = "draft.no-indicators"
}
