import MailModel

/// Per-item caches for one evaluation: normalized texts (computed once per case mode, then searched for
/// every value), parsed links and attachment digests (computed only when a filter asks for them).
/// Used by one thread at a time.
final class ItemContext {
    let item: MailItem
    private var bodies: [Bool: [NormalizedText]] = [:]
    private var subjects: [Bool: NormalizedText?] = [:]
    private var digestsByIndex: [Int: AttachmentDigests] = [:]

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
        if parsedByIndex.isEmpty { parsedByIndex = Array(repeating: nil, count: item.links.count) }
        if let known = parsedByIndex[index] { return known }
        let url = item.links[index].url
        // A link without a host (a `data:` image is tens of KB) is read in less than the time its
        // string takes to hash twice for the cache by URL.
        let value = LinkURL(writtenWithoutHost: url) ?? parsedLink(url: url)
        parsedByIndex[index] = .some(value)
        return value
    }

    /// ``parsedLink(_:)`` by link index (each `url` value asks again; a hash of the URL each time costs).
    private var parsedByIndex: [LinkURL??] = []

    /// A link string (as written, or unwrapped from a gateway's wrapper) read with ``LinkURL``, each
    /// distinct string once.
    func parsedLink(url: String) -> LinkURL? {
        if let known = parsedByURL[url] { return known }
        let value = LinkURL(url)
        parsedByURL[url] = .some(value)
        return value
    }

    private var parsedByURL: [String: LinkURL?] = [:]

    /// Every link read as a ``PlainLink`` (nil where it needs ``LinkURL``), made on first use.
    private var plainLinks: [PlainLink?]?

    /// Link `index` read as a plain link.
    func plainLink(_ index: Int) -> PlainLink? {
        if let plainLinks { return plainLinks[index] }
        let made = item.links.map { PlainLink($0.url) }
        plainLinks = made
        return made[index]
    }

    /// Whether a mail gateway wrapped link `index` (it has ``MailLink/unwrapped``).
    func isWrapped(_ index: Int) -> Bool {
        if let wrapped { return wrapped[index] }
        let made = item.links.map { $0.unwrapped != nil }
        wrapped = made
        return made[index]
    }

    private var wrapped: [Bool]?

    /// The links a gateway's wrapper of link `index` hides (``UnwrappedLink/layers``), each read as a
    /// ``PlainLink``, made on first use; empty for a link no gateway wrote.
    func plainLayers(_ index: Int) -> [PlainLink?] {
        guard let layers = item.links[index].unwrapped?.layers, !layers.isEmpty else { return [] }
        if let known = plainLayersByLink[index] { return known }
        let made = layers.map { PlainLink($0) }
        plainLayersByLink[index] = made
        return made
    }

    private var plainLayersByLink: [Int: [PlainLink?]] = [:]

    /// The destination domain an opaque wrapper of link `index` names (Mimecast `domain=`), read as the
    /// host of a link so that domain and IP values compare with it as with any host; `nil` without one,
    /// or when it is more than a host.
    func hintedHost(_ index: Int) -> LinkURL? {
        guard let hint = item.links[index].unwrapped?.domainHint, !hint.isEmpty,
            !hint.unicodeScalars.contains(where: { "/\\?#@:".unicodeScalars.contains($0) || $0.properties.isWhitespace || $0.value < 0x20 })
        else { return nil }
        return parsedLink(url: "http://" + hint + "/")
    }

    /// The item's sender IPs, parsed once (`nil` when the export did not collect them).
    func senderAddresses() -> [IPAddress?]? {
        if let parsedSenderIPs { return parsedSenderIPs }
        guard let texts = item.senderIPs.value else { return nil }
        let parsed = texts.map { IPAddress($0) }
        parsedSenderIPs = parsed
        return parsed
    }

    private var parsedSenderIPs: [IPAddress?]?

    /// The SHA-256 digests the evaluation computed from attachments' bytes, by attachment index (not
    /// those the export gave: a match row's digests are always of the bytes).
    func computedSHA256() -> [Int: String] {
        guard let attachments = item.attachments.value else { return [:] }
        var computed: [Int: String] = [:]
        for (index, made) in digestsByIndex where attachments[index].knownDigests["sha256"] == nil {
            if let digest = made.existingDigest(.sha256) { computed[index] = digest }
        }
        return computed
    }

    /// The digests of attachment `index`, computed on demand.
    func digests(_ index: Int) -> AttachmentDigests? {
        guard let attachments = item.attachments.value, index < attachments.count, attachments[index].hasContent else { return nil }
        if let cached = digestsByIndex[index] { return cached }
        let made = AttachmentDigests(content: attachments[index].content, known: attachments[index].knownDigests)
        digestsByIndex[index] = made
        return made
    }
}
