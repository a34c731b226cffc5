/// A source-agnostic note about an input or an item that could not be fully read: a MIME defect,
/// a Graph reader warning, an unreadable file. Reports include diagnostics as evidence.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case note, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.note, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    /// Stable kebab-case code with a domain prefix (`mime.close-boundary-not-found`, `graph.truncated-export`).
    public var code: String
    /// One human sentence.
    public var message: String
    /// Where: file path plus, when known, a byte offset, a line, a MIME part path or a JSON pointer.
    public var location: SourceLocation

    public init(severity: Severity, code: String, message: String, location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// Compiler-style line: `path:line: warning: [code] message`.
    public var compilerStyle: String {
        var place = location.path
        if let line = location.line { place += ":\(line)" }
        var extra: [String] = []
        if let part = location.partPath { extra.append("part \(part)") }
        if let pointer = location.pointer { extra.append(pointer) }
        if let offset = location.byteOffset { extra.append("byte \(offset)") }
        let suffix = extra.isEmpty ? "" : " (" + extra.joined(separator: ", ") + ")"
        // Paths and messages come from the evidence: no control sequence may reach the terminal.
        return TerminalText.escaped("\(place): \(severity.rawValue): [\(code)] \(message)\(suffix)")
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

// Outcome records (`--state`) keep diagnostics as they are.
extension Diagnostic: Codable {}
extension Diagnostic.Severity: Codable {}
extension SourceLocation: Codable {}
