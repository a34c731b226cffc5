/// A module's own code type wrapping a ``DiagnosticCode`` (`MIMEDefect.Code`, `GraphDiagnostic.Code`,
/// `OutlookDiagnostic.Code`): its text, order and description are the wrapped code's. Each module keeps
/// its catalogue and its `init(rawValue:)`, which looks the text up there.
public protocol DeclaredDiagnosticCode: RawRepresentable<String>, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code as every module sees it: its text, severity and whether content was lost.
    var diagnosticCode: DiagnosticCode { get }
}

extension DeclaredDiagnosticCode {
    public var rawValue: String { diagnosticCode.rawValue }
    public var description: String { rawValue }
    /// Content was lost or left unread (see ``DiagnosticCode/isPartlyRead``).
    public var isPartlyRead: Bool { diagnosticCode.isPartlyRead }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
