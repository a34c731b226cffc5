/// A `url` filter value (§6): "value is a domain: a link's host equals it or is a subdomain; a URL: a
/// normalized link starts with it; an IP: a link's host is that IP."
///
/// The kind is decided from the value:
/// - **IP** when it is an IPv4 or IPv6 address (brackets allowed) or a CIDR block (``IPPattern``):
///   the link's host is an address in it (`http://[2001:db8::1]/`, `http://3405803783/`).
/// - **URL** when it has a scheme (`https://…`, `mailto:…`), a path, query or fragment (`contoso.com/x`,
///   `contoso.com?x`), or a port: a normalized link (``LinkURL/normalized``) starts with the
///   normalized value. A value written without a scheme matches `http` and `https` links alike
///   (`contoso.com/login` matches `https://contoso.com/login?u=1`); with one, only that scheme. Host
///   comparison is by IDNA ASCII form, so `https://bücher.example/x` and
///   `https://xn--bcher-kva.example/x` are one value; the path compares case-sensitively.
/// - **Domain** otherwise (``DomainMatcher``): the link's host equals it or is a subdomain of it. The
///   domains of a `mailto:` link's addresses count as its hosts here (a `mailto:` to the lure's domain
///   is evidence of the lure).
///
/// Links are read with ``LinkURL``; parse each link once and call ``matches(_:)`` for every value.
package struct URLMatcher: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case domain(DomainMatcher)
        /// The normalized value; links must start with it.
        case url(LinkURL)
        case ip(IPPattern)
    }

    package let kind: Kind
    /// A URL value's normalized form as links must start with it (without `scheme://` when the value
    /// has no written scheme), made once; empty for the other kinds.
    private let valuePrefix: [UInt8]

    /// Classifies and parses a value; `nil` when it is none of the kinds (an invalid domain, a URL
    /// whose host a browser would refuse, a relative path).
    package init?(_ value: String) {
        let text = String(Substring(value).trimmingUnicodeWhitespace)
        guard !text.isEmpty else { return nil }
        if let ip = IPPattern(text) {
            kind = .ip(ip)
            valuePrefix = []
            return
        }
        let looksLikeURL = text.contains { $0 == "/" || $0 == "\\" || $0 == "?" || $0 == "#" || $0 == ":" }
        if looksLikeURL {
            guard let url = LinkURL(text), url.host != nil || (url.hasWrittenScheme && !LinkURL.specialSchemes.contains(url.scheme))
            else { return nil }
            kind = .url(url)
            valuePrefix = Array((url.hasWrittenScheme ? url.normalized : url.normalizedWithoutScheme).utf8)
            return
        }
        guard let domain = DomainMatcher(text) else { return nil }
        kind = .domain(domain)
        valuePrefix = []
    }

    /// Whether the link (as written in mail) matches; `false` for a link that cannot be read.
    package func matches(link: String) -> Bool {
        guard let url = LinkURL(link) else { return false }
        return matches(url)
    }

    /// Whether a plain `http(s)` link (read without ``LinkURL``, which reads its host the same way) matches.
    func matches(_ plain: PlainLink) -> Bool {
        switch kind {
        case .domain(let domain): plain.hostMatches(domain)
        case .url(let value): plain.normalizedStarts(with: valuePrefix, withScheme: value.hasWrittenScheme)
        case .ip: false  // a plain link's host is a domain name
        }
    }

    /// Whether a link already read matches.
    package func matches(_ link: LinkURL) -> Bool {
        switch kind {
        case .domain(let matcher):
            switch link.host {
            case .domain(let host)?: return matcher.matches(domain: host)
            case .ip?: return false
            case nil: return link.mailtoDomains.contains { matcher.matches(domain: $0) }
            }
        case .ip(let pattern):
            guard case .ip(let address)? = link.host else { return false }
            return pattern.contains(address)
        case .url(let value):
            // Byte prefixes: hosts are in ASCII form, and the rest compares as written.
            if value.hasWrittenScheme { return link.normalizedStarts(with: valuePrefix, includingScheme: true) }
            guard link.host != nil, link.scheme == "http" || link.scheme == "https" else { return false }
            return link.normalizedStarts(with: valuePrefix, includingScheme: false)
        }
    }
}
