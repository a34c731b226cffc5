/// A source-agnostic note about an input or an item that could not be fully read: a MIME defect,
/// a Graph reader warning, an unreadable file. Reports include diagnostics as evidence.
///
/// What a diagnostic means is carried by its ``code`` (declared once by the module that produces
/// it): ``isPartlyRead`` decides the `partly-read` caveat, ``losesInput`` the exit status 3.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// Nothing was lost; the input was irregular but fully read.
        case note
        /// Something was read in a degraded way.
        case warning
        /// Part of the input could not be read.
        case error

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    public var severity: Severity
    /// The stable code with its facts (`mime.close-boundary-not-found`, `graph.truncated-export`).
    public var code: DiagnosticCode
    /// One human sentence.
    public var message: String
    /// Where: file path plus, when known, a byte offset, a line, a MIME part path or a JSON pointer.
    public var location: SourceLocation

    /// `severity` defaults to the code's.
    public init(code: DiagnosticCode, message: String, location: SourceLocation, severity: Severity? = nil) {
        self.severity = severity ?? code.severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// A located error of an input as a diagnostic of the run.
    public init(_ error: LocatedError) {
        self.init(
            code: error.code, message: error.message,
            location: SourceLocation(path: error.path, line: error.line > 0 ? error.line : nil, column: error.line > 0 ? error.column : nil),
            severity: error.severity)
    }

    /// Content was lost or left unread (see ``DiagnosticCode/isPartlyRead``).
    public var isPartlyRead: Bool { code.isPartlyRead }

    /// Part of an input could not be read: the run's exit status says so (3).
    public var losesInput: Bool { severity == .error }

    /// Compiler-style line: `path:line: warning: [code] message (part 1.2, /value/3, byte 42)`.
    public var compilerStyle: String {
        var details: [String] = []
        if let part = location.partPath { details.append("part \(part)") }
        if let pointer = location.pointer { details.append(pointer) }
        if let offset = location.byteOffset { details.append("byte \(offset)") }
        return CompilerStyleLine.render(
            path: location.path, line: location.line, severity: severity, code: code, message: message, details: details)
    }
}

/// A place in an input.
public struct SourceLocation: Sendable, Hashable {
    public var path: String
    public var byteOffset: Int?
    public var line: Int?
    public var column: Int?
    /// MIME part path (`1.2`).
    public var partPath: String?
    /// JSON pointer of a Graph value (`/value/3`).
    public var pointer: String?

    public init(path: String, byteOffset: Int? = nil, line: Int? = nil, column: Int? = nil, partPath: String? = nil, pointer: String? = nil) {
        self.path = path
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.partPath = partPath
        self.pointer = pointer
    }
}

extension Diagnostic {
    /// The same, fields in the order of earlier versions.
    public init(severity: Severity, code: DiagnosticCode, message: String, location: SourceLocation) {
        self.init(code: code, message: message, location: location, severity: severity)
    }
}

// Outcome records (`--state`) keep diagnostics as they are.
extension Diagnostic: Codable {}
extension Diagnostic.Severity: Codable {}
extension SourceLocation: Codable {}
