/// The link rewriters of mail gateways Dragnet unwraps, and how each is recognised from a link's host
/// and path. Where each keeps the original link, and how it is decoded, is in
/// `GatewayWrapper+Target.swift`; the sources each format was read from are listed there.
///
/// | wrapper | host | path |
/// |---|---|---|
/// | Microsoft Safe Links | `*.safelinks.protection.outlook.com` (commercial, every region: `nam02`, `eur01`, ...), `*.safelinks.protection.office365.us` (GCC High, DoD), `*.safelinks.protection.outlook.cn` and `*.safelinks.protection.partner.outlook.cn` (21Vianet), `*.safelinks.protection.apps.mil`; `statics.teams.cdn.office.net` (Teams) | any; Teams: `/evergreen-assets/safelinks/…` |
/// | Proofpoint URL Defense | `urldefense.proofpoint.com`, `urldefense.com`, `urldefense.us` | `/v1/…`, `/v2/…`, `/v3/…` |
/// | Google redirect | `google.<tld>`, `www.google.<tld>` (`.com`, `.de`, `.co.uk`, `.com.br`, ...) | `/url` |
/// | Barracuda LinkProtect | `linkprotect.cudasvc.com` | `/url` |
/// | Trend Micro click-time protection | `*.trendmicro.com`, `*.asiainfo-sec.com` | `/wis/clicktime/v1/query` |
/// | Sophos time-of-click | `*.protection.sophos.com` | any |
/// | Cisco Secure Email (IronPort) | `secure-web.cisco.com` | `/<token>/<link>` |
/// | Trellix (FireEye) | `*.fireeye.com` | `/v1/url` |
/// | Symantec click-time | `clicktime.symantec.com` | any |
/// | Mimecast URL Protect (opaque) | `*.mimecastprotect.com`, `protect*.mimecast.com` | `/s/…` |
enum GatewayWrapper: Sendable, Hashable {
    case safeLinks
    case urlDefense
    case googleRedirect
    case barracuda
    case trendMicro
    case sophos
    case cisco
    case trellix
    case symantec
    case mimecast

    /// The product's name, for diagnostics.
    var name: String {
        switch self {
        case .safeLinks: "Microsoft Safe Links"
        case .urlDefense: "Proofpoint URL Defense"
        case .googleRedirect: "Google redirect"
        case .barracuda: "Barracuda LinkProtect"
        case .trendMicro: "Trend Micro click-time"
        case .sophos: "Sophos time-of-click"
        case .cisco: "Cisco Secure Email"
        case .trellix: "Trellix (FireEye)"
        case .symantec: "Symantec click-time"
        case .mimecast: "Mimecast URL Protect"
        }
    }

    /// The wrapper that wrote a link with this host (ASCII, any case) and path, if any. Compares byte
    /// suffixes only: a link no gateway wrote is refused after a few byte comparisons.
    static func recognize(host: UnsafeBufferPointer<UInt8>, path: UnsafeBufferPointer<UInt8>) -> GatewayWrapper? {
        // Dispatch on the last byte of the host (its top-level domain's last letter) first.
        switch host[host.count - 1] | 0x20 {
        case 0x6D:  // m: .com
            if host.isName("safelinks.protection.outlook.com", orSubdomain: true) { return .safeLinks }
            if host.isName("urldefense.proofpoint.com") || host.isName("urldefense.com") {
                return path.hasPrefix("/v") ? .urlDefense : nil
            }
            if host.isName("linkprotect.cudasvc.com") { return path.equals("/url") ? .barracuda : nil }
            if host.isSubdomain(of: "trendmicro.com") || host.isSubdomain(of: "asiainfo-sec.com") {
                return path.equals("/wis/clicktime/v1/query") ? .trendMicro : nil
            }
            if host.isSubdomain(of: "protection.sophos.com") { return .sophos }
            if host.isName("secure-web.cisco.com") { return .cisco }
            if host.isSubdomain(of: "fireeye.com") { return path.equals("/v1/url") ? .trellix : nil }
            if host.isName("clicktime.symantec.com") { return .symantec }
            if host.isSubdomain(of: "mimecastprotect.com") || (host.isSubdomain(of: "mimecast.com") && host.startsWithLabel("protect")) {
                return path.hasPrefix("/s/") ? .mimecast : nil
            }
        case 0x73:  // s: .us
            if host.isName("safelinks.protection.office365.us", orSubdomain: true) { return .safeLinks }
            if host.isName("urldefense.us") { return path.hasPrefix("/v") ? .urlDefense : nil }
        case 0x6E:  // n: .cn
            if host.isName("safelinks.protection.outlook.cn", orSubdomain: true)
                || host.isName("safelinks.protection.partner.outlook.cn", orSubdomain: true)
            {
                return .safeLinks
            }
        case 0x6C:  // l: .mil
            if host.isName("safelinks.protection.apps.mil", orSubdomain: true) { return .safeLinks }
        case 0x74:  // t: .net
            if host.isName("statics.teams.cdn.office.net") { return path.hasPrefix("/evergreen-assets/safelinks/") ? .safeLinks : nil }
        default:
            break
        }
        if path.equals("/url"), isGoogle(host) { return .googleRedirect }
        return nil
    }

    /// `google.<tld>` or `www.google.<tld>`, the top-level part one or two labels of two or three letters
    /// (`google.com`, `www.google.de`, `google.co.uk`, `www.google.com.br`).
    private static func isGoogle(_ host: UnsafeBufferPointer<UInt8>) -> Bool {
        var labels = host.split(separator: 0x2E, omittingEmptySubsequences: false)[...]
        if labels.count > 2, labels.first.map({ $0.count == 3 && $0.allSatisfy { $0 | 0x20 == 0x77 } }) == true { labels = labels.dropFirst() }
        guard labels.count == 2 || labels.count == 3, let first = labels.first, first.count == 6,
            zip(first, "google".utf8).allSatisfy({ $0 | 0x20 == $1 })
        else { return false }
        return labels.dropFirst().allSatisfy { label in
            (2...3).contains(label.count) && label.allSatisfy(WrappedLinkParts.isLetter)
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these ASCII bytes, compared without case, end with `suffix` (lower case).
    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard count >= n else { return false }
        let s = suffix.utf8Start
        var k = n - 1
        while k >= 0 {
            guard self[count - n + k] | 0x20 == s[k] else { return false }
            k -= 1
        }
        return true
    }

    /// Whether the host is `name` (any case), or, with `orSubdomain`, a subdomain of it.
    fileprivate func isName(_ name: StaticString, orSubdomain: Bool = false) -> Bool {
        guard hasSuffix(name) else { return false }
        let n = name.utf8CodeUnitCount
        return count == n || (orSubdomain && self[count - n - 1] == 0x2E)
    }

    /// Whether the host is strictly below `name`.
    fileprivate func isSubdomain(of name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        return count > n + 1 && hasSuffix(name) && self[count - n - 1] == 0x2E
    }

    /// Whether the host's first label starts with `prefix` (lower case), compared without case.
    fileprivate func startsWithLabel(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard count > n else { return false }
        let s = prefix.utf8Start
        for k in 0..<n where self[k] | 0x20 != s[k] { return false }
        return true
    }

    /// Whether the bytes start with `prefix` (case-sensitive).
    fileprivate func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard count >= n else { return false }
        let s = prefix.utf8Start
        for k in 0..<n where self[k] != s[k] { return false }
        return true
    }

    /// Whether the bytes are `text` exactly.
    fileprivate func equals(_ text: StaticString) -> Bool { count == text.utf8CodeUnitCount && hasPrefix(text) }
}
