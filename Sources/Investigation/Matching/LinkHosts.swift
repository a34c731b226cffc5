public import MailModel

/// The hosts of an item's links, as `dragnet draft` picks link indicators from them and reports group
/// matches into campaigns by them (§15). The one place where both take link hosts: links are read with
/// ``LinkURL`` (so `https://paypal.com@evil.example/` is `evil.example`), hosts are lower-cased IDNA
/// ASCII (IPv6 in brackets), links without a host (`mailto:`, `cid:`, relative) are left out.
public enum LinkHosts {
    /// Each link with its host, in the item's link order (links without a host left out). A link a mail
    /// gateway wrapped counts by its original (``MailLink/target``), never the wrapper's host; a wrapper that
    /// hides its target counts by its domain hint when it has one.
    public static func links(of item: MailItem) -> [(link: MailLink, host: String)] {
        item.links.compactMap { link in
            if let hint = link.unwrapped?.domainHint, link.unwrapped?.original == nil { return (link, hint.lowercased()) }
            // Most links are plain `http(s)` links, whose host PlainLink reads as LinkURL does, without parsing.
            if let plain = PlainLink(link.target) { return (link, plain.host) }
            if LinkURL.isWrittenWithoutHost(link.target) { return nil }
            guard let host = LinkURL(link.target)?.host else { return nil }
            return (link, host.description)
        }
    }

    /// The distinct hosts of the item's links, sorted.
    public static func hosts(of item: MailItem) -> [String] {
        Array(Set(links(of: item).map(\.host))).sorted()
    }

    /// The normalized form of a link as the `url` filter compares it (``LinkURL/normalized``), without
    /// its scheme when it is `http` or `https` (a value without a scheme matches both); `nil` when the
    /// link cannot be read or has no host.
    public static func urlValue(_ link: String) -> String? {
        guard let url = LinkURL(link), url.host != nil else { return nil }
        return url.scheme == "http" || url.scheme == "https" ? url.normalizedWithoutScheme : url.normalized
    }
}
