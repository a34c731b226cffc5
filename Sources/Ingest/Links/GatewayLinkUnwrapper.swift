package import MailModel

/// Recovers the original link from a link a mail gateway rewrote (§6 `url`): Microsoft Safe Links,
/// Proofpoint URL Defense v1/v2/v3, Google redirects, Barracuda LinkProtect, Trend Micro, Sophos,
/// Cisco Secure Email, Trellix and Symantec click-time links, nested in each other to any depth up to
/// ``maxDepth`` (a Safe Link around a Proofpoint link). Mimecast URL Protect links hide their target:
/// only the destination domain they may name is kept. ``GatewayWrapper`` lists the hosts, and
/// `GatewayWrapper+Target.swift` the formats and where they were read.
///
/// Why here (Ingest) and not in Investigation: unwrapping is a reading of the evidence, like decoding
/// quoted-printable, so it runs where links are collected (the MIME and Graph normalizers, `inspect`).
/// Every reader's items then carry both forms as plain data in ``MailLink/unwrapped`` (MailModel);
/// Investigation, which knows only MailModel, matches them without parsing a wrapper, and `inspect`,
/// drafts and campaigns read the same ``MailLink/target``. Items are built once per run, so each link
/// is unwrapped once however many `url` values are compared with it. A link no gateway wrote is
/// refused from its host after a few byte comparisons, without allocating.
///
/// A wrapper that cannot be read whole (a cut or missing parameter, a bad escape or base64 table, too
/// deep a nesting) never fails: what was read is kept, the problem is recorded on the link
/// (``GatewayLinkCode``), and the link as written stays matchable. A chain cannot loop: every link
/// recovered is shorter than the wrapper around it (each format drops at least the wrapper's host, and
/// every decoding shrinks), and ``maxDepth`` bounds how many are peeled.
package struct GatewayLinkUnwrapper: Sendable {
    /// The most wrappers removed from one link. A chain of more reports `link.wrapper-too-deep` and keeps
    /// the links unwrapped so far. Default 8 (real chains are one or two deep).
    package var maxDepth: Int

    package init(maxDepth: Int = 8) {
        self.maxDepth = maxDepth
    }

    /// What the gateways' wrapping of `url` hides, or `nil` when no known gateway wrote it.
    package func unwrap(_ url: String) -> UnwrappedLink? {
        guard var current = WrappedLinkParts.locate(url) else { return nil }
        var result = UnwrappedLink(layers: [], via: [])
        while true {
            result.via.append(current.host)
            let inner: [UInt8]
            switch current.wrapper.target(of: current) {
            case .opaque(let hint):
                result.domainHint = hint
                let named = hint.map { "; it names the domain \($0)" } ?? ""
                result.problem = problem(.opaque, "the \(current.wrapper.name) link hides its target\(named)")
                return result
            case .malformed(let why, let hint):
                result.domainHint = hint
                result.problem = problem(.malformed, "the \(current.wrapper.name) link \(why)")
                return result
            case .target(let bytes, let why):
                inner = Self.trimmed(bytes)
                if let why { result.problem = problem(.malformed, "the \(current.wrapper.name) link \(why)") }
            }
            guard !inner.isEmpty else {
                result.problem = result.problem ?? problem(.malformed, "the \(current.wrapper.name) link holds an empty link")
                return result
            }
            result.layers.append(LinkByteDecoding.linkString(inner))
            if !Self.isAbsoluteLink(inner), result.problem == nil {
                result.problem = problem(.malformed, "the \(current.wrapper.name) link holds something that is not an absolute link")
            }
            guard let next = WrappedLinkParts.locate(bytes: inner) else { return result }
            guard result.layers.count < maxDepth else {
                result.problem = problem(.tooDeep, "more than \(maxDepth) wrappers are nested in this link; it was unwrapped \(maxDepth) deep")
                return result
            }
            current = next
        }
    }

    /// Links with what their wrappers hide: `links` with ``MailLink/unwrapped`` set where a gateway wrote them.
    package func unwrapped(_ links: [MailLink]) -> [MailLink] {
        var links = links
        for index in links.indices {
            if let unwrapped = unwrap(links[index].url) { links[index].unwrapped = unwrapped }
        }
        return links
    }

    /// One diagnostic per link whose unwrapping met a problem, placed on the body it came from: its MIME
    /// part path, or, for Graph messages, `jsonPointerBase` (the message's pointer in its file, or in
    /// its `line` of a JSON Lines file) followed by the body's pointer in the message.
    package static func diagnostics(of links: [MailLink], path: String, jsonPointerBase: String? = nil, line: Int? = nil) -> [Diagnostic] {
        links.compactMap { link in
            guard let problem = link.unwrapped?.problem else { return nil }
            let location = jsonPointerBase.map { SourceLocation(path: path, line: line, pointer: $0 + link.path) }
                ?? SourceLocation(path: path, partPath: link.path)
            return Diagnostic(code: problem.code, message: problem.message, location: location)
        }
    }

    private func problem(_ code: GatewayLinkCode, _ message: String) -> UnwrappedLink.Problem {
        UnwrappedLink.Problem(code: code.diagnosticCode, message: message)
    }

    /// Without surrounding white space and controls.
    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }), let last = bytes.lastIndex(where: { $0 > 0x20 }) else { return [] }
        return first == 0 && last == bytes.count - 1 ? bytes : Array(bytes[first...last])
    }

    /// `scheme:` (RFC 3986 §3.1 `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`) then something, `//host`,
    /// or a plain-text `www.` link.
    private static func isAbsoluteLink(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: "//".utf8) || bytes.count > 4 && bytes.prefix(4).map({ $0 | 0x20 }).elementsEqual("www.".utf8) { return true }
        guard let first = bytes.first, WrappedLinkParts.isLetter(first) else { return false }
        for (k, byte) in bytes.enumerated().dropFirst() {
            if byte == 0x3A { return k + 1 < bytes.count }
            guard WrappedLinkParts.isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E else { return false }
        }
        return false
    }
}
