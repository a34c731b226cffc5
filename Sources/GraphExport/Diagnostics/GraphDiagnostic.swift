/// A recoverable irregularity found while reading a Graph JSON export.
///
/// Malformed exports are data, not exceptions: the reader never throws on file content. Every oddity
/// becomes a `GraphDiagnostic`, either attached to the resource it belongs to (``GraphMessage/diagnostics``)
/// or yielded as a ``GraphRecord/diagnostic(_:)`` record when it concerns the file itself (invalid JSON,
/// an error page). The ``code`` is a stable kebab-case identifier (`graph.invalid-json`) that reports,
/// golden files and users' scripts depend on; it is never renamed.
public struct GraphDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How much was lost.
    public enum Severity: String, Sendable, Hashable {
        /// Nothing was lost; the input was irregular but fully read.
        case note
        /// Something was read in a degraded way (a truncated field, a date read as UTC).
        case warning
        /// Part of the input could not be read (skipped bytes, an error page, a value too large).
        case error
    }

    /// Stable identifier, for example `graph.invalid-json`.
    public var code: Code
    /// One human sentence saying what is wrong and what the reader did about it.
    public var message: String
    /// How much was lost.
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
        code: Code, message: String, severity: Severity = .warning, byteOffset: Int? = nil, line: Int? = nil,
        column: Int? = nil, pointer: String? = nil
    ) {
        self.code = code
        self.message = message
        self.severity = severity
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
    /// A stable diagnostic code. New codes may be added; existing ones are never renamed.
    public struct Code: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral,
        CustomStringConvertible
    {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
        public var description: String { rawValue }
    }
}

/// The file itself could not be opened or read. This is the only error the reader throws; anything
/// wrong with the content becomes a ``GraphDiagnostic``.
public struct GraphExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable code: `graph.unreadable` (open/read failed) or `graph.not-a-file` (a directory, a device).
    public var code: String
    /// One sentence saying what is wrong.
    public var message: String
    /// The path as given.
    public var path: String

    public init(code: String, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): error: [\(code)] \(message)" }
}
