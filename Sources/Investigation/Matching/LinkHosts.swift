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
        links(of: item, plain: { PlainLink(item.links[$0].target) }, parsed: { LinkURL(item.links[$0].target) })
    }

    /// ``links(of:)`` with each link's target read by `plain` and `parsed` (by link index), which must
    /// give what `PlainLink(target)` and `LinkURL(target)` give.
    private static func links(
        of item: MailItem, plain: (Int) -> PlainLink?, parsed: (Int) -> LinkURL?
    ) -> [(link: MailLink, host: String)] {
        item.links.indices.compactMap { index in
            let link = item.links[index]
            if let hint = link.unwrapped?.domainHint, link.unwrapped?.original == nil { return (link, hint.lowercased()) }
            // Most links are plain `http(s)` links, whose host PlainLink reads as LinkURL does, without parsing.
            if let plain = plain(index) { return (link, plain.host) }
            if LinkURL.isWrittenWithoutHost(link.target) { return nil }
            guard let host = parsed(index)?.host else { return nil }
            return (link, host.description)
        }
    }

    /// The distinct hosts of the item's links, sorted.
    public static func hosts(of item: MailItem) -> [String] {
        Array(Set(links(of: item).map(\.host))).sorted()
    }

    /// ``hosts(of:)`` from the links as the evaluation already read them (`url` filters read every
    /// link; reading them again for a match row cost as much as the filters). A wrapped link's target
    /// is not the link the evaluation read as written: it is read here.
    static func hosts(of item: MailItem, context: ItemContext) -> [String] {
        let found = links(
            of: item,
            plain: { context.isWrapped($0) ? PlainLink(item.links[$0].target) : context.plainLink($0) },
            parsed: { context.isWrapped($0) ? LinkURL(item.links[$0].target) : context.parsedLink($0) })
        return Array(Set(found.map(\.host))).sorted()
    }

    /// The normalized form of a link as the `url` filter compares it (``LinkURL/normalized``), without
    /// its scheme when it is `http` or `https` (a value without a scheme matches both); `nil` when the
    /// link cannot be read or has no host.
    public static func urlValue(_ link: String) -> String? {
        guard let url = LinkURL(link), url.host != nil else { return nil }
        return url.scheme == "http" || url.scheme == "https" ? url.normalizedWithoutScheme : url.normalized
    }
}
