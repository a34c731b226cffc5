public import MailModel

/// Per-item caches for one evaluation: normalized texts (computed once per case mode, then searched for
/// every value), parsed links and attachment digests (computed only when a filter asks for them).
/// Used by one thread at a time.
final class ItemContext {
    let item: MailItem
    private var bodies: [Bool: [NormalizedText]] = [:]
    private var subjects: [Bool: NormalizedText?] = [:]
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

    /// Link `index` read with ``LinkURL`` (the browser rules), each distinct URL once.
    func parsedLink(_ index: Int) -> LinkURL? {
        let url = item.links[index].url
        if let known = parsedByURL[url] { return known }
        let value = LinkURL(url)
        parsedByURL[url] = .some(value)
        return value
    }

    private var parsedByURL: [String: LinkURL?] = [:]

    /// A plain link: an ASCII `http(s)://host/rest` whose host is a domain name, read without the URL
    /// parser (the common case). `nil` when anything needs the browser rules of ``LinkURL``.
    struct PlainLink {
        /// Lower-cased domain host.
        var host: String
        /// As ``LinkURL/normalized``: `scheme://host/rest`.
        var normalized: String
        /// As ``LinkURL/normalizedWithoutScheme``.
        var normalizedWithoutScheme: String
    }

    private var plainLinks: [String: PlainLink?] = [:]

    /// Link `index` read as a plain link, each distinct URL once.
    func plainLink(_ index: Int) -> PlainLink? {
        let url = item.links[index].url
        if let known = plainLinks[url] { return known }
        let value = Self.plainLink(url)
        plainLinks[url] = .some(value)
        return value
    }

    static func plainLink(_ url: String) -> PlainLink? {
        let bytes = Array(url.utf8)
        // Printable ASCII only: white space, controls, backslashes and percent-escapes need LinkURL.
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x25 }) else { return nil }
        func hasPrefix(_ prefix: String) -> Bool {
            bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { ($0 | 0x20) == $1 }
        }
        let scheme: String
        var i: Int
        if hasPrefix("https://") { scheme = "https"; i = 8 } else if hasPrefix("http://") { scheme = "http"; i = 7 } else { return nil }
        var host: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x2F || c == 0x3F || c == 0x23 { break }  // / ? #
            switch c {
            case 0x41...0x5A: host.append(c | 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E: host.append(c)
            default: return nil  // user info, a port, brackets: LinkURL decides
            }
            i += 1
        }
        guard !host.isEmpty, host.first != 0x2E, host.last != 0x2E else { return nil }
        let labels = host.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard let last = labels.last, !labels.contains(where: \.isEmpty) else { return nil }
        // A numeric (or 0x) last label makes the host an IPv4 address for a browser; punycode labels
        // are re-encoded by IDNA: both go through LinkURL.
        if last.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || last.starts(with: [0x30, 0x78]) { return nil }
        if labels.contains(where: { $0.starts(with: Array("xn--".utf8)) }) { return nil }
        let hostText = String(decoding: host, as: UTF8.self)
        var rest = String(decoding: bytes[i...], as: UTF8.self)
        if rest.isEmpty || rest.utf8.first == 0x3F || rest.utf8.first == 0x23 { rest = "/" + rest }
        return PlainLink(host: hostText, normalized: scheme + "://" + hostText + rest, normalizedWithoutScheme: hostText + rest)
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
