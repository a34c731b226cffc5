package import MailModel

/// The codes of the diagnostics on links a mail gateway rewrote (``GatewayLinkUnwrapper``). Each code is
/// stable: reports, `inspect` records and users' scripts depend on it. Diagnostics sit on the body the
/// link came from (MIME part path or JSON pointer); none makes an item "partly read", and the link as
/// written stays matchable whatever the code.
package struct GatewayLinkCode: Sendable, Hashable {
    /// The code as every module sees it: `note` for an opaque wrapper (nothing is wrong with the
    /// message), `warning` otherwise.
    package let diagnosticCode: DiagnosticCode

    private init(_ rawValue: String, _ severity: Diagnostic.Severity) {
        diagnosticCode = DiagnosticCode(rawValue, severity)
    }

    package var rawValue: String { diagnosticCode.rawValue }

    /// A known wrapper whose target could not be read whole: the parameter holding it is missing, empty
    /// or cut inside an escape, an escape or base64 table is invalid, a Proofpoint v3 link has more `*`
    /// markers than replacement characters, or what it holds is not a link. What could be read is kept.
    package static let malformed = Self("link.wrapper-malformed", .warning)
    /// The wrapper hides its target (Mimecast URL Protect `/s/…`, a Sophos link without `u=`); the
    /// destination domain it names (`domain=`, `d=`) is kept when present.
    package static let opaque = Self("link.wrapper-opaque", .note)
    /// More wrappers nested in each other than ``GatewayLinkUnwrapper/maxDepth``; the link is unwrapped
    /// that far.
    package static let tooDeep = Self("link.wrapper-too-deep", .warning)

    /// Every declared code.
    package static let all = [malformed, opaque, tooDeep]
}
