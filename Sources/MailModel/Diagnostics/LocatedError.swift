/// A problem that stops a command from using a file: an input that cannot be read, an investigation,
/// suite or report that cannot be used, a report that cannot be written. The one error type every
/// command prints, with ``CompilerStyleLine``: `path:line:column: error: [code] message`.
///
/// Malformed mail is never a `LocatedError`: it is a ``Diagnostic`` on the item.
public struct LocatedError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: DiagnosticCode
    /// One sentence: what is wrong and, where useful, what is allowed.
    public var message: String
    /// The file as given, or the program's name (`dragnet`) for a problem with no file.
    public var path: String
    /// 1-based line and column (columns count characters); 0 when the problem has no position.
    public var line: Int
    public var column: Int
    /// `.error`, or `.warning` for a problem that does not stop the command.
    public var severity: Diagnostic.Severity

    /// `severity` defaults to the code's.
    public init(code: DiagnosticCode, message: String, path: String, line: Int = 0, column: Int = 0, severity: Diagnostic.Severity? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity ?? code.severity
    }

    public var isWarning: Bool { severity != .error }

    /// `path:line:column: error: [code] message`, safe for a terminal.
    public var description: String {
        CompilerStyleLine.render(path: path, line: line > 0 ? line : nil, column: line > 0 ? column : nil, severity: severity, code: code, message: message)
    }
}

/// The one way a problem is written on a terminal, like a compiler's: `path:line:column: severity:
/// [code] message (detail)`. Positions and details appear when known. Paths and messages come from
/// evidence, so no control sequence may reach the terminal (``TerminalText``).
public enum CompilerStyleLine {
    /// The name errors without a file are placed at: `dragnet: error: [code] message`.
    public static let programName = "dragnet"

    public static func render(
        path: String, line: Int? = nil, column: Int? = nil, severity: Diagnostic.Severity, code: DiagnosticCode, message: String,
        details: [String] = []
    ) -> String {
        var place = path
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        let suffix = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"
        return TerminalText.escaped("\(place): \(severity.rawValue): [\(code.rawValue)] \(message)\(suffix)")
    }
}
