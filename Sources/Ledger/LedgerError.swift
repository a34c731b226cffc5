public import MailModel

/// Why a state file cannot be used. Printed like every command's error
/// (`path: error: [code] message`, see ``LocatedError``); the commands exit with status 2.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String
    /// The state file.
    public var path: String

    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// The error as every command prints it.
    public var located: LocatedError { LocatedError(code: code.diagnosticCode, message: message, path: path) }

    public var description: String { located.description }
}

extension LedgerError {
    /// A stable state error code, declared in the catalogue (`LedgerError+Code.swift`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as every module sees it.
        public let diagnosticCode: DiagnosticCode

        /// Declares a code (in the catalogue only).
        init(_ rawValue: String, _ severity: Diagnostic.Severity) {
            diagnosticCode = DiagnosticCode(rawValue, severity)
        }

        public var rawValue: String { diagnosticCode.rawValue }
        public var description: String { rawValue }
    }
}
