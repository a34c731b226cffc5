public import MailModel

/// A recoverable irregularity found while reading a Graph JSON export.
///
/// Malformed exports are data, not exceptions: the reader never throws on file content. Every oddity
/// becomes a `GraphDiagnostic`, either attached to the resource it belongs to (``GraphMessage/diagnostics``)
/// or yielded as a ``GraphRecord/diagnostic(_:)`` record when it concerns the file itself (invalid JSON,
/// an error page). The ``code`` is a stable kebab-case identifier (`graph.invalid-json`) that reports,
/// golden files and users' scripts depend on; it is never renamed.
public struct GraphDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How much was lost: `note` nothing, `warning` something was read in a degraded way (a truncated
    /// field, a date read as UTC), `error` part of the input could not be read (skipped bytes, an error
    /// page, a value too large).
    public typealias Severity = Diagnostic.Severity

    /// Stable identifier, for example `graph.invalid-json`.
    public var code: Code
    /// One human sentence saying what is wrong and what the reader did about it.
    public var message: String
    /// How much was lost (the code's severity unless the producer says otherwise).
    public var severity: Severity
    /// Byte offset in the file (the original bytes, BOM included) where the problem was seen.
    public var byteOffset: Int?
    /// 1-based line in the file's text.
    public var line: Int?
    /// 1-based column, counted in bytes of the line's UTF-8 text.
    public var column: Int?
    /// JSON pointer of the value concerned (see ``GraphLocation/pointer``), when known.
    public var pointer: String?

    public init(
        code: Code, message: String, severity: Severity? = nil, byteOffset: Int? = nil, line: Int? = nil,
        column: Int? = nil, pointer: String? = nil
    ) {
        self.code = code
        self.message = message
        self.severity = severity ?? code.diagnosticCode.severity
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)" + (column.map { ", column \($0)" } ?? "")) }
        if let pointer { place.append(pointer.isEmpty ? "pointer \"\"" : pointer) }
        if let byteOffset { place.append("byte \(byteOffset)") }
        return "[\(code.rawValue)] \(message)" + (place.isEmpty ? "" : " (" + place.joined(separator: ", ") + ")")
    }
}

extension GraphDiagnostic {
    /// A stable diagnostic code, declared in the catalogue (`GraphDiagnostic+Code.swift`) with its
    /// facts. New codes may be added; existing ones are never renamed.
    public struct Code: DeclaredDiagnosticCode {
        /// The code as every module sees it: its text, severity and whether content was lost.
        public let diagnosticCode: DiagnosticCode

        /// Declares a code (in the catalogue only).
        init(_ rawValue: String, _ severity: Severity, partlyRead: Bool = false) {
            diagnosticCode = DiagnosticCode(rawValue, severity, partlyRead: partlyRead)
        }

        /// The declared code with this text, with its facts; an undeclared text makes a code with none.
        public init(rawValue: String) {
            self = Self.catalogue[rawValue] ?? Self(rawValue, .warning)
        }

        private static let catalogue = Dictionary(uniqueKeysWithValues: all.map { ($0.rawValue, $0) })
    }
}

/// The file itself could not be opened or read (`graph.unreadable`, `graph.not-a-file`). This is
/// the only error the reader throws; anything wrong with the content becomes a ``GraphDiagnostic``.
public typealias GraphExportError = LocatedError
