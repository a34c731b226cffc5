public import MailModel

/// A problem found while reading an Outlook file (PST/OST, `.msg`), a TNEF stream or an RTF body.
///
/// Damaged files are data, not exceptions: readers never throw on content. A diagnostic about one item
/// rides on the ``OutlookMessage``; one about the file (an unreadable folder, a password) is yielded by
/// the reader on its own. ``code`` is stable (`outlook.item-unreadable`); reports and scripts use it.
public struct OutlookDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How much was lost: `note` nothing (an X.500 sender address kept as it is), `warning` part of an
    /// item was read in a degraded way or left out (an attachment too large, a malformed TNEF stream),
    /// `error` part of the file could not be read (an item or folder libpff cannot read, a corrupt file).
    public typealias Severity = Diagnostic.Severity

    public var code: Code
    /// One human sentence: what is wrong and what the reader did.
    public var message: String
    public var severity: Severity
    /// libpff's identifier of the item or folder concerned (for `pffexport`), when known.
    public var descriptor: UInt32?
    /// Where in the item: an attachment path (`att2`, `att1.tnef3`) or a body (`rtf`), when known.
    public var part: String?

    public init(code: Code, message: String, severity: Severity, descriptor: UInt32? = nil, part: String? = nil) {
        self.code = code
        self.message = message
        self.severity = severity
        self.descriptor = descriptor
        self.part = part
    }

    public var description: String {
        var place: [String] = []
        if let descriptor { place.append("descriptor \(descriptor)") }
        if let part { place.append("part \(part)") }
        return "[\(code.rawValue)] \(message)" + (place.isEmpty ? "" : " (" + place.joined(separator: ", ") + ")")
    }

    /// Whether content was lost: filters on the item cannot see everything (the `partly-read` caveat).
    public var isPartlyRead: Bool { code.diagnosticCode.isPartlyRead }
}

extension OutlookDiagnostic {
    /// A stable diagnostic code, declared in the catalogue (`OutlookDiagnostic+Code.swift`) with its
    /// facts. New codes may be added; existing ones are never renamed.
    public struct Code: DeclaredDiagnosticCode {
        /// The code as every module sees it: its text, usual severity and whether content was lost.
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
