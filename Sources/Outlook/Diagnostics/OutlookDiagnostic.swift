/// A problem found while reading an Outlook file (PST/OST, `.msg`), a TNEF stream or an RTF body.
///
/// Damaged files are data, not exceptions: readers never throw on content. A diagnostic about one item
/// rides on the ``OutlookMessage``; one about the file (an unreadable folder, a password) is yielded by
/// the reader on its own. ``code`` is stable (`outlook.item-unreadable`); reports and scripts use it.
public struct OutlookDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How much was lost.
    public enum Severity: String, Sendable, Hashable {
        /// Nothing was lost (an X.500 sender address kept as it is).
        case note
        /// Part of an item was read in a degraded way or left out (an attachment too large, a malformed
        /// TNEF stream).
        case warning
        /// Part of the file could not be read (an item or folder libpff cannot read, a corrupt file).
        case error
    }

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
    public var isPartlyRead: Bool { Code.partlyRead.contains(code) }
}

extension OutlookDiagnostic {
    /// A stable diagnostic code. New codes may be added; existing ones are never renamed.
    public struct Code: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
        public var description: String { rawValue }
    }
}
