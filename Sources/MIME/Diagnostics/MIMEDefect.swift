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
    /// A stable defect code. New codes may be added; existing ones are never renamed.
    public struct Code: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}
