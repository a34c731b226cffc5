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

    /// Every link read as a ``PlainLink`` (nil where it needs ``LinkURL``), made on first use.
    private var plainLinks: [PlainLink?]?

    /// Link `index` read as a plain link.
    func plainLink(_ index: Int) -> PlainLink? {
        if let plainLinks { return plainLinks[index] }
        let made = item.links.map { PlainLink($0.url) }
        plainLinks = made
        return made[index]
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

    /// The digests of attachment `index`, computed on demand.
    func digests(_ index: Int) -> AttachmentDigests? {
        guard let attachments = item.attachments.value, index < attachments.count, attachments[index].hasContent else { return nil }
        if let cached = digests[index] { return cached }
        let made = AttachmentDigests(content: attachments[index].content, known: attachments[index].knownDigests)
        digests[index] = made
        return made
    }
}
