/// A stable code naming one kind of problem, with the facts every consumer decides on.
///
/// Each module declares the codes it produces once, in a catalogue of its own (a file named
/// `*Code.swift` or `*Codes.swift`: `MIMEDefect+Code.swift`, `GraphDiagnostic+Code.swift`,
/// `IngestCodes.swift`, ...). Consumers never compare code text: caveats, exit statuses and mailboxes
/// not scanned are decided from ``severity`` and ``isPartlyRead``. Two codes are equal when their
/// text is (`mime.close-boundary-not-found`); the text is never renamed.
public struct DiagnosticCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Stable kebab-case text with a domain prefix (`mime.truncated`, `graph.invalid-json`).
    public let rawValue: String
    /// The severity the code is reported with (a producer may lower it where its catalogue says so).
    /// `.error` on an input means part of it could not be read: the run's exit status is 3.
    public let severity: Diagnostic.Severity
    /// Content was lost or left unread: an item carrying the code is *partly read* (a caveat on its
    /// match, and filters that cannot decide).
    public let isPartlyRead: Bool

    /// Declares a code (in its module's catalogue).
    public init(_ rawValue: String, _ severity: Diagnostic.Severity, partlyRead: Bool = false) {
        self.rawValue = rawValue
        self.severity = severity
        self.isPartlyRead = partlyRead
    }

    public static func == (a: Self, b: Self) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

// Outcome records (`--state`) keep a diagnostic's code with its facts.
extension DiagnosticCode: Codable {}
