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

    /// The digests of attachment `index`, computed on demand.
    func digests(_ index: Int) -> AttachmentDigests? {
        guard let attachments = item.attachments.value, index < attachments.count, attachments[index].hasContent else { return nil }
        if let cached = digests[index] { return cached }
        let made = AttachmentDigests(content: attachments[index].content)
        digests[index] = made
        return made
    }
}
