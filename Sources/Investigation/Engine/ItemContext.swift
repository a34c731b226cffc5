public import MailModel

/// Per-item caches for one evaluation: normalized texts (computed once per case mode, then searched for
/// every value), parsed links and attachment digests (computed only when a filter asks for them).
/// Used by one thread at a time.
final class ItemContext {
    let item: MailItem
    private var bodies: [Bool: [NormalizedText]] = [:]
    private var subjects: [Bool: NormalizedText?] = [:]
    private var parsedLinks: [LinkURL?]?
    private var digests: [Int: AttachmentDigests] = [:]

    init(_ item: MailItem) {
        self.item = item
    }

    /// The item's body texts, normalized for `normalizer` (§6 text rule).
    func bodies(_ normalizer: TextNormalizer) -> [NormalizedText] {
        if let cached = bodies[normalizer.isCaseSensitive] { return cached }
        let texts = item.bodies.map { normalizer.normalize($0.text) }
        bodies[normalizer.isCaseSensitive] = texts
        return texts
    }

    /// The decoded subject, normalized for `normalizer`.
    func subject(_ normalizer: TextNormalizer) -> NormalizedText? {
        if let cached = subjects[normalizer.isCaseSensitive] { return cached }
        let text = item.subject.map { normalizer.normalize($0) }
        subjects[normalizer.isCaseSensitive] = .some(text)
        return text
    }

    /// Every link, parsed once (`nil` for links without a readable host).
    var links: [LinkURL?] {
        if let parsedLinks { return parsedLinks }
        // Mail repeats links (tracking pixels, footers): each distinct URL is parsed once.
        var cache: [String: LinkURL?] = [:]
        let parsed = item.links.map { link -> LinkURL? in
            if let known = cache[link.url] { return known }
            let value = LinkURL(link.url)
            cache[link.url] = .some(value)
            return value
        }
        parsedLinks = parsed
        return parsed
    }

    /// The lower-cased host of link `index` when a domain is all a filter needs: read directly from
    /// plain `http(s)://host/...` links, else through ``LinkURL`` (which applies the browser rules).
    /// `nil` for links without a domain host.
    func domainHosts(_ index: Int) -> [String] {
        let url = item.links[index].url
        if let host = Self.plainHost(url) { return [host] }
        guard let parsed = links[index] else { return [] }
        if case .domain(let name)? = parsed.host { return [name] }
        return parsed.mailtoDomains
    }

    /// The host of an ASCII `http://` or `https://` link whose authority is just letters, digits, dots
    /// and hyphens (with an optional numeric port): the common case, which needs no URL parser.
    /// Anything else (user info, percent-escapes, IP-like or non-ASCII hosts) returns `nil`.
    static func plainHost(_ url: String) -> String? {
        var utf8 = url.utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        func hasPrefix(_ prefix: String) -> Bool {
            utf8.count >= prefix.utf8.count && zip(utf8, prefix.utf8).allSatisfy { ($0 | 0x20) == $1 }
        }
        if hasPrefix("https://") { utf8 = utf8.dropFirst(8) } else if hasPrefix("http://") { utf8 = utf8.dropFirst(7) } else { return nil }
        var host: [UInt8] = []
        var hasLetter = false
        var inPort = false
        for c in utf8 {
            if c == 0x2F || c == 0x3F || c == 0x23 { break }  // / ? #
            if inPort {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                continue
            }
            switch c {
            case 0x41...0x5A: host.append(c | 0x20); hasLetter = true
            case 0x61...0x7A: host.append(c); hasLetter = true
            case 0x30...0x39, 0x2D, 0x2E: host.append(c)
            case 0x3A: inPort = true
            default: return nil
            }
        }
        while host.last == 0x2E { host.removeLast() }
        guard hasLetter, !host.isEmpty, host.first != 0x2E else { return nil }
        return String(decoding: host, as: UTF8.self)
    }

    /// The digests of attachment `index`, computed on demand.
    func digests(_ index: Int) -> AttachmentDigests? {
        guard let attachments = item.attachments.value, index < attachments.count, attachments[index].hasContent else { return nil }
        if let cached = digests[index] { return cached }
        let made = AttachmentDigests(content: attachments[index].content)
        digests[index] = made
        return made
    }
}
