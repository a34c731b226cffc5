/// Where each wrapper keeps the original link, and how it is decoded. Formats were read from the
/// vendors' descriptions and well-known open decoders and their tests (read, never copied):
///
/// - **Microsoft Safe Links**: `https://<region>.safelinks.protection.outlook.com/?url=<link>&data=…&sdata=…&reserved=0`;
///   Microsoft Learn, "Safe Links in Microsoft Defender for Office 365" (the rewritten prefix
///   `https://<DataCenterLocation>.safelinks.protection.outlook.com`); the other clouds' hosts from
///   links seen in public mail archives and open decoders' tests (`gcc02`/`usg02.safelinks.protection.office365.us`).
///   `url` is percent-encoded once; a value still starting `https%3A…` was encoded twice (Safe Links
///   around an already encoded link) and is decoded again, at most twice more. `data`, `sdata` and
///   `reserved` are opaque and ignored.
/// - **Proofpoint URL Defense** v1, v2, v3: see ``URLDefenseDecoder``.
/// - **Google**: `https://www.google.com/url?q=<link>&sa=…&usg=…` (or `url=`), percent-encoded.
/// - **Barracuda LinkProtect**: `https://linkprotect.cudasvc.com/url?a=<link>&c=…&typo=1`, percent-encoded
///   (as read by the open `barracuda-url-decoder`).
/// - **Trend Micro** click-time: `https://<host>.trendmicro.com:443/wis/clicktime/v1/query?url=<link>&umid=…&auth=…`,
///   percent-encoded (lower-case hex).
/// - **Sophos** time-of-click: `https://<region>.protection.sophos.com/?d=<domain>&u=<base64 link>&i=…&t=…&h=…`;
///   `u` is base64 in either alphabet (percent-encoded padding allowed). Without `u` the link is
///   opaque and `d` names the destination domain.
/// - **Cisco Secure Email** (IronPort): `https://secure-web.cisco.com/<token>/<percent-encoded link>`; the
///   link is the path after the first segment.
/// - **Trellix (FireEye)**: `https://protect2.fireeye.com/v1/url?k=…&q=1&e=…&u=<link>`, percent-encoded.
/// - **Symantec** click-time: `https://clicktime.symantec.com/<token>?u=<link>` (or `?h=…&u=…`).
/// - **Mimecast** URL Protect: `https://url.<region>.m.mimecastprotect.com/s/<token>?domain=<domain>` (or
///   `protect-<region>.mimecast.com`): the token is a key on Mimecast's servers, so the target cannot be
///   known offline; `domain=` (present when the administrator enabled "Display URL Destination
///   Domain") names its domain.
extension GatewayWrapper {
    /// What one wrapper gives up.
    enum Peeled {
        /// The link inside; `problem` when it was read with repairs (an invalid escape, a missing
        /// replacement character, ...).
        case target([UInt8], problem: String?)
        /// The wrapper hides its target; `hint` is the destination domain it names.
        case opaque(hint: String?)
        /// Nothing usable could be read; why (a clause: "has no `url=` parameter").
        case malformed(String, hint: String?)
    }

    func target(of link: WrappedLinkParts) -> Peeled {
        switch self {
        case .safeLinks: Self.parameterTarget(link, "url")
        case .urlDefense: URLDefenseDecoder.target(of: link)
        case .googleRedirect: link.parameter("q") != nil ? Self.parameterTarget(link, "q") : Self.parameterTarget(link, "url")
        case .barracuda: Self.parameterTarget(link, "a")
        case .trendMicro: Self.parameterTarget(link, "url")
        case .trellix, .symantec: Self.parameterTarget(link, "u")
        case .sophos: Self.sophosTarget(link)
        case .cisco: Self.ciscoTarget(link)
        case .mimecast: .opaque(hint: Self.domainHint(link.parameter("domain")))
        }
    }

    /// The link in a percent-encoded query parameter.
    private static func parameterTarget(_ link: WrappedLinkParts, _ name: StaticString) -> Peeled {
        guard let raw = link.parameter(name) else { return .malformed("has no `\(name)=` parameter", hint: nil) }
        guard !raw.isEmpty else { return .malformed("has an empty `\(name)=` parameter (cut short?)", hint: nil) }
        return percentDecodedTarget(raw, parameter: "\(name)")
    }

    /// Decoded once, then again while it still starts with an escaped scheme (at most twice more).
    private static func percentDecodedTarget(_ raw: some Collection<UInt8>, parameter: String?) -> Peeled {
        var decoded = LinkByteDecoding.percentDecoded(raw)
        let problem = escapeProblem(decoded, parameter: parameter)
        var rounds = 0
        while rounds < 2, LinkByteDecoding.startsWithEncodedScheme(decoded.bytes) {
            decoded = LinkByteDecoding.percentDecoded(decoded.bytes)
            rounds += 1
        }
        return .target(decoded.bytes, problem: problem)
    }

    /// Sophos: `u` in base64, `d` the destination domain.
    private static func sophosTarget(_ link: WrappedLinkParts) -> Peeled {
        let hint = domainHint(link.parameter("d"))
        guard let raw = link.parameter("u") else { return .opaque(hint: hint) }
        let unescaped = LinkByteDecoding.percentDecoded(raw).bytes
        guard !unescaped.isEmpty else { return .malformed("has an empty `u=` parameter (cut short?)", hint: hint) }
        guard let bytes = LinkByteDecoding.base64Decoded(unescaped) else {
            return .malformed("has a `u=` parameter that is not base64", hint: hint)
        }
        return .target(bytes, problem: nil)
    }

    /// Cisco: `/<token>/<percent-encoded link>`.
    private static func ciscoTarget(_ link: WrappedLinkParts) -> Peeled {
        let path = link.bytes[link.path].dropFirst()
        guard let slash = path.firstIndex(of: 0x2F), slash + 1 < path.endIndex else {
            return .malformed("has no link after its token", hint: nil)
        }
        return percentDecodedTarget(path[(slash + 1)...], parameter: nil)
    }

    /// A domain named by a parameter (`domain=`, `d=`), percent-decoded; `nil` when absent or empty.
    private static func domainHint(_ raw: ArraySlice<UInt8>?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        let text = LinkByteDecoding.linkString(LinkByteDecoding.percentDecoded(raw).bytes)
        let trimmed = text.filter { !$0.isWhitespace }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The clause naming a percent-escape problem, if any.
    static func escapeProblem(_ decoded: LinkByteDecoding.PercentDecoded, parameter: String?) -> String? {
        let place = parameter.map { "has a `\($0)=` parameter" } ?? "holds a link"
        if decoded.isCutInEscape { return "\(place) that ends inside a %-escape (cut short?)" }
        if decoded.hasBadEscape { return "\(place) with an invalid %-escape" }
        return nil
    }
}
