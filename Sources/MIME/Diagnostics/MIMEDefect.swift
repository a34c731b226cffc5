public import MailModel

/// A recoverable irregularity found while parsing a message.
///
/// Malformed mail is data, not an exception: the parser never throws on message bytes. Every oddity
/// becomes a `MIMEDefect` attached to the nearest entity, and parsing carries on in a documented way.
/// The ``code`` is a stable kebab-case identifier (`mime.close-boundary-not-found`) that reports,
/// golden files and users' scripts depend on; it is never renamed.
public struct MIMEDefect: Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier, for example `mime.close-boundary-not-found`.
    public var code: Code
    /// One human sentence saying what is wrong.
    public var message: String
    /// Path of the entity the defect belongs to (`1`, `1.2`, ...); empty until the parser assigns it.
    public var partPath: String
    /// Byte offset in the message source where the defect was seen, or `nil` when unknown.
    public var offset: Int?

    public init(code: Code, message: String, partPath: String = "", offset: Int? = nil) {
        self.code = code
        self.message = message
        self.partPath = partPath
        self.offset = offset
    }

    public var description: String {
        "[\(code.rawValue)] \(message)" + (offset.map { " at byte \($0)" } ?? "") + (partPath.isEmpty ? "" : " in part \(partPath)")
    }
}

extension MIMEDefect {
    /// A stable defect code, declared in the catalogue (`MIMEDefect+Code.swift`) with its facts. New
    /// codes may be added; existing ones are never renamed.
    public struct Code: DeclaredDiagnosticCode {
        /// The code as every module sees it: its text, severity (always `warning`: the parser reads
        /// on) and whether content was lost.
        public let diagnosticCode: DiagnosticCode

        /// Declares a code (in the catalogue only).
        init(_ rawValue: String, partlyRead: Bool = false) {
            diagnosticCode = DiagnosticCode(rawValue, .warning, partlyRead: partlyRead)
        }

        /// The declared code with this text, with its facts; an undeclared text (read back from a
        /// report) makes a code with none.
        public init(rawValue: String) {
            self = Self.catalogue[rawValue] ?? Self(rawValue)
        }

        private static let catalogue = Dictionary(uniqueKeysWithValues: all.map { ($0.rawValue, $0) })
    }
}
