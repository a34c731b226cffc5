/// The links a mail gateway's rewriting hides inside a link (§6 `url`): Microsoft Safe Links, Proofpoint
/// URL Defense, Google redirects, Barracuda, Trend Micro, Sophos, Cisco, ... A Safe Link around a
/// Proofpoint link has two layers. Readers fill it in when they collect links; filters match the link
/// as written and every layer.
public struct UnwrappedLink: Sendable, Hashable {
    /// The links recovered from inside the wrappers, outermost first; the last is the original link.
    /// Empty when the first wrapper hides its target (Mimecast) or could not be read at all.
    public var layers: [String]
    /// The host of each wrapper recognised, outermost first (`nam02.safelinks.protection.outlook.com`,
    /// `urldefense.com`). One more than ``layers`` when the innermost wrapper gave nothing.
    public var via: [String]
    /// For a wrapper that hides its target: the destination domain it names, when it names one
    /// (Mimecast `domain=`, Sophos `d=`). Only the domain is known, never the path.
    public var domainHint: String?
    /// Why unwrapping stopped before the original link, or was unsure of it; `nil` when it went through.
    public var problem: Problem?

    /// A diagnostic on the link: a stable code (declared by the reader that unwraps) and a sentence.
    public struct Problem: Sendable, Hashable {
        public var code: DiagnosticCode
        public var message: String

        public init(code: DiagnosticCode, message: String) {
            self.code = code
            self.message = message
        }
    }

    public init(layers: [String], via: [String], domainHint: String? = nil, problem: Problem? = nil) {
        self.layers = layers
        self.via = via
        self.domainHint = domainHint
        self.problem = problem
    }

    /// The innermost link recovered, if any.
    public var original: String? { layers.last }
}
