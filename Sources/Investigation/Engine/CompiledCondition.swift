import MailModel
import SafeRegex

/// A condition with its values compiled once (normalized needles, address and domain matchers, IP
/// ranges, globs, regexes, URL matchers), evaluated on items with the semantics of §6.
///
/// Every operator is applied in its positive form (`contains`, `equals`, ...) over the field's values
/// on the item; negative operators (`notContains`, `notEquals`, `notExists`) negate the result. A list
/// of values matches when any value does. A field the export did not collect (or cut), or body text
/// hidden in encrypted or rights-protected content, gives `unknown` unless a value already matched on
/// what is known.
struct CompiledCondition: Sendable {
    let condition: Condition
    private let normalizer: TextNormalizer
    private let needles: [NormalizedNeedle]
    /// Long keyword lists: all needles searched in one pass (``MultiNeedleSearcher``).
    private let multiNeedle: MultiNeedleSearcher?
    /// Long lists for `equals`: the needles' bytes without the outer spaces.
    private let equalNeedles: Set<[UInt8]>?
    /// Address and domain values of `from`, `to`, `cc`, `bcc`, indexed (lists may hold thousands).
    private let addressIndex: DomainValueIndex
    private let regexes: [RE2Regex]
    private let globs: [GlobPattern]
    private let ips: [IPPattern]
    /// The URL values compared one by one: all of them, or all but the domains when those are many
    /// and go through `urlDomainIndex` instead.
    private let linearURLs: [URLMatcher]
    private let urlDomainIndex: DomainValueIndex?
    /// From this many domain values on, a hash index beats comparing with each.
    private static let indexThreshold = 8
    private let digestValues: [String]
    private let extensions: [String]
    private let sizes: [(min: Int?, max: Int?)]

    init(_ condition: Condition) {
        self.condition = condition
        let normalizer = TextNormalizer(caseSensitive: condition.caseSensitive)
        self.normalizer = normalizer
        let texts = condition.values.compactMap(\.text)
        // A long list is searched in one pass; only a short one (or one too large to compile) keeps a
        // searcher per value, which costs a table each.
        let many = texts.count >= Self.indexThreshold
        let contains = condition.op == .contains || condition.op == .notContains
        let equals = condition.op == .equals || condition.op == .notEquals
        let normalized = many && (contains || equals) ? texts.map { normalizer.normalizedBytes($0) } : []
        multiNeedle = many && contains ? MultiNeedleSearcher(normalized) : nil
        equalNeedles = many && equals ? Set(normalized.map { Array($0.trimmingOneSpace) }) : nil
        needles = multiNeedle == nil && equalNeedles == nil ? texts.map { normalizer.needle($0) } : []
        // Each kind of value is compiled only for the fields that read it (lists may hold thousands).
        let field = condition.field
        let isAddressField = field == .from || field == .to || field == .cc || field == .bcc
        addressIndex = DomainValueIndex(isAddressField ? texts.compactMap { AddressMatcher($0) } : [])
        // A `regex` filter keeps the pattern's own case rules (`(?i)` makes it insensitive); the
        // long-hand `op: regex` follows `caseSensitive` like every other text operator.
        let regexCaseSensitive = condition.field == .regex ? true : condition.caseSensitive
        let usesRegex = condition.op == .regex || condition.field == .regex
        regexes = usesRegex ? texts.compactMap { try? RE2Regex($0, caseSensitive: regexCaseSensitive) } : []
        let usesGlobs = condition.op == .glob || field == .attachmentName || field == .attachmentExtension
        globs = usesGlobs ? texts.map { GlobPattern($0, caseSensitive: condition.caseSensitive) } : []
        ips = field == .ip ? texts.compactMap { IPPattern($0) } : []
        let urls = field == .url ? texts.compactMap { URLMatcher($0) } : []
        let domainValues = urls.compactMap { matcher -> DomainMatcher? in
            if case .domain(let domain) = matcher.kind { return domain }
            return nil
        }
        let indexed = domainValues.count >= Self.indexThreshold
        urlDomainIndex = indexed ? DomainValueIndex(domains: domainValues) : nil
        linearURLs = urls.filter { matcher in
            if case .domain = matcher.kind { return !indexed }
            return true
        }
        let isDigestField = field == .attachmentMD5 || field == .attachmentSHA1 || field == .attachmentSHA256 || field == .attachmentSHA512
        digestValues = isDigestField ? texts.map { $0.lowercased().filter { !$0.isWhitespace } } : []
        extensions = field != .attachmentExtension ? [] : texts.map { value in
            var ext = Substring(value.lowercased())
            while ext.first == "." { ext.removeFirst() }
            return String(ext)
        }
        sizes = condition.values.compactMap { value in
            if case .size(let min, let max) = value { return (min, max) }
            if let text = value.text, let n = Int(text) { return (n, n) }
            return nil
        }
    }

    /// The operator in its positive form.
    private var positiveOp: FilterOperator {
        switch condition.op {
        case .notContains: .contains
        case .notEquals: .equals
        case .notExists: .exists
        default: condition.op
        }
    }

    func evaluate(_ context: ItemContext) -> ConditionResult {
        var result = evaluatePositive(context)
        if condition.op.isNegative {
            result = ConditionResult(truth: !result.truth, evidence: [])
            if result.truth == .yes {
                result.evidence = [Evidence(filter: condition.id, field: fieldName, path: nil, snippet: "")]
            }
        }
        return result
    }

    private var fieldName: String {
        if let header = condition.headerName { return "header:\(header)" }
        return condition.field.rawValue
    }

    private func hit(_ snippet: String, path: String? = nil, field: String? = nil) -> Evidence {
        Evidence(filter: condition.id, field: field ?? fieldName, path: path, snippet: snippet)
    }

    // MARK: Per field

    private func evaluatePositive(_ context: ItemContext) -> ConditionResult {
        let item = context.item
        switch condition.field {
        case .from: return addressField(item.from, unknown: item.unknownFields.contains("from"))
        case .to: return addressField(item.to, unknown: item.unknownFields.contains("to"))
        case .cc: return addressField(item.cc, unknown: item.unknownFields.contains("cc"))
        case .bcc: return addressField(item.bcc, unknown: item.unknownFields.contains("bcc"))
        case .senderName:
            let names = item.from.compactMap(\.name)
            return textField(names.map { (normalizer.normalize($0), nil) }, unknown: item.unknownFields.contains("from"))
        case .subject:
            let subject = context.subject(normalizer)
            return textField(subject.map { [($0, nil)] } ?? [], unknown: item.unknownFields.contains("subject"))
        case .keyword, .regex:
            if positiveOp == .regex {
                // A regex reads the text as written: the bodies are not normalized for it.
                var evidence: [Evidence] = []
                for body in item.bodies {
                    if let found = firstRegexHit(in: body.text) { evidence.append(hit(found, path: body.path, field: "body")) }
                }
                return decide(evidence, unknown: item.hasUnreadableBody)
            }
            let bodies = context.bodies(normalizer)
            return textField(zip(bodies, item.bodies).map { ($0, $1.path) }, unknown: item.hasUnreadableBody, field: "body")
        case .messageId:
            let id = item.messageID.map { normalizer.normalize($0) }
            return textField(id.map { [($0, nil)] } ?? [], unknown: false)
        case .url:
            return urlField(context)
        case .ip:
            return ipField(context)
        case .header:
            return headerField(item)
        case .attachmentName, .attachmentExtension, .attachmentSize, .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512:
            return attachmentField(context)
        }
    }

    /// §6 `from`/`to`/`cc`/`bcc`: a value with `@` equals an address; without, the address's domain
    /// equals it or is a subdomain (IDNA both forms). Other operators compare the address text.
    private func addressField(_ list: [MailAddress], unknown: Bool) -> ConditionResult {
        switch positiveOp {
        case .exists:
            return decide(list.isEmpty ? [] : [hit(list[0].address)], unknown: unknown)
        case .equals:
            var evidence: [Evidence] = []
            for address in list where addressIndex.matches(address: address.address) {
                evidence.append(hit(address.address))
            }
            return decide(evidence, unknown: unknown)
        default:
            return textField(list.map { (normalizer.normalize($0.address), nil) }, unknown: unknown)
        }
    }

    /// Text operators over normalized texts (§6: NFC, case-folded, white-space runs as one space).
    private func textField(_ texts: [(NormalizedText, String?)], unknown: Bool, field: String? = nil) -> ConditionResult {
        if positiveOp == .exists {
            return decide(texts.isEmpty ? [] : [hit("", path: texts[0].1, field: field)], unknown: unknown)
        }
        var evidence: [Evidence] = []
        for (text, path) in texts {
            if let found = firstHit(in: text) {
                evidence.append(hit(found, path: path, field: field))
            }
        }
        return decide(evidence, unknown: unknown)
    }

    /// The snippet of the first value that matches `text` under the operator, or `nil`.
    private func firstHit(in text: NormalizedText) -> String? {
        switch positiveOp {
        case .contains:
            if let multiNeedle {
                if let found = multiNeedle.firstNeedle(in: text.utf8) { return text.snippet(around: found.range) }
                return nil
            }
            for needle in needles {
                if let range = text.firstRange(of: needle) { return text.snippet(around: range) }
            }
        case .equals:
            if let equalNeedles {
                return equalNeedles.contains(Array(text.utf8.trimmingOneSpace)) ? text.snippet(around: 0..<text.utf8.count) : nil
            }
            for needle in needles where text.equals(needle) { return text.snippet(around: 0..<text.utf8.count) }
        case .glob:
            for glob in globs where glob.matches(text.original) { return text.snippet(around: 0..<text.utf8.count) }
        case .regex:
            return firstRegexHit(in: text.original)
        case .exists, .notContains, .notEquals, .notExists:
            break
        }
        return nil
    }

    /// The snippet of the first regex that matches `text` as written, or `nil`.
    private func firstRegexHit(in text: String) -> String? {
        for regex in regexes {
            if let range = regex.firstMatch(in: text) { return Self.snippet(text, range) }
        }
        return nil
    }

    /// About 40 characters either side of a regex hit in the original text, white space collapsed.
    static func snippet(_ text: String, _ range: Range<String.Index>) -> String {
        var start = range.lowerBound
        var end = range.upperBound
        var n = 0
        while start > text.startIndex, n < 40 { start = text.index(before: start); n += 1 }
        n = 0
        while end < text.endIndex, n < 40 { end = text.index(after: end); n += 1 }
        return text[start..<end].split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// §6 `url`: domain, URL prefix or IP, against every link of the item: the link as written and, for
    /// a link a mail gateway rewrote, every link unwrapped from it (and the domain an opaque wrapper
    /// names, for domain and IP values). The evidence shows the original link and the wrappers.
    private func urlField(_ context: ItemContext) -> ConditionResult {
        let item = context.item
        let unknown = item.hasUnreadableBody
        switch positiveOp {
        case .exists:
            return decide(item.links.isEmpty ? [] : [hit(LinkEvidence.text(item.links[0]), path: item.links[0].path)], unknown: unknown)
        case .equals:
            var evidence: [Evidence] = []
            for index in item.links.indices where linkMatches(index, context) {
                evidence.append(hit(LinkEvidence.text(item.links[index]), path: item.links[index].path))
            }
            return decide(evidence, unknown: unknown)
        default:
            // Text operators: one hit per link, on its innermost form that holds one.
            var evidence: [Evidence] = []
            for link in item.links {
                var found: String?
                for layer in (link.unwrapped?.layers ?? []).reversed() where found == nil {
                    found = firstHit(in: normalizer.normalize(layer))
                }
                if let snippet = found ?? firstHit(in: normalizer.normalize(link.url)) { evidence.append(hit(snippet, path: link.path)) }
            }
            return decide(evidence, unknown: unknown)
        }
    }

    /// Whether link `index` matches a value: as written, or any link unwrapped from it.
    private func linkMatches(_ index: Int, _ context: ItemContext) -> Bool {
        if formMatches(context.plainLink(index), { context.parsedLink(index) }) { return true }
        // Most links are not wrapped: asking the link itself copies its optional wrapper every time.
        guard context.isWrapped(index), let unwrapped = context.item.links[index].unwrapped else { return false }
        for (layer, plain) in zip(unwrapped.layers, context.plainLayers(index)) where formMatches(plain, { context.parsedLink(url: layer) }) {
            return true
        }
        if let hinted = context.hintedHost(index) { return hostValueMatches(hinted) }
        return false
    }

    /// Whether one form of a link matches a value: plain links are compared directly, others through LinkURL.
    private func formMatches(_ plain: PlainLink?, _ parsedLink: () -> LinkURL?) -> Bool {
        if let urlDomainIndex {
            if let plain {
                if plain.hostMatches(urlDomainIndex) { return true }
            } else if let parsed = parsedLink() {
                switch parsed.host {
                case .domain(let host)?: if urlDomainIndex.matchesDomain(host) { return true }
                case .ip?: break
                case nil: if parsed.mailtoDomains.contains(where: { urlDomainIndex.matchesDomain($0) }) { return true }
                }
            }
        }
        // By index, the matchers used in place: binding each one copied it (and its link and strings).
        for index in linearURLs.indices {
            if let plain {
                if linearURLs[index].matches(plain) { return true }
                continue
            }
            if let parsed = parsedLink(), linearURLs[index].matches(parsed) { return true }
        }
        return false
    }

    /// Whether a host known without its link (an opaque wrapper's domain hint) matches a domain or IP value.
    private func hostValueMatches(_ hinted: LinkURL) -> Bool {
        if let urlDomainIndex, case .domain(let host)? = hinted.host, urlDomainIndex.matchesDomain(host) { return true }
        return linearURLs.contains { matcher in
            if case .url = matcher.kind { return false }
            return matcher.matches(hinted)
        }
    }

    /// §6 `ip`: a sender IP equals the value or lies in it (CIDR).
    private func ipField(_ context: ItemContext) -> ConditionResult {
        guard let senderIPs = context.item.senderIPs.value, let addresses = context.senderAddresses() else {
            return ConditionResult(truth: .unknown, evidence: [])
        }
        switch positiveOp {
        case .exists:
            return decide(senderIPs.isEmpty ? [] : [hit(senderIPs[0])], unknown: false)
        case .equals:
            var evidence: [Evidence] = []
            for (text, address) in zip(senderIPs, addresses) {
                if let address, ips.contains(where: { $0.contains(address) }) { evidence.append(hit(text)) }
            }
            return decide(evidence, unknown: false)
        default:
            return textField(senderIPs.map { (normalizer.normalize($0), nil) }, unknown: false)
        }
    }

    /// §6 `header`: `{name: X-Mailer, contains: PHPMailer}` (also equals, regex, exists).
    private func headerField(_ item: MailItem) -> ConditionResult {
        guard let headers = item.headers.value else { return ConditionResult(truth: .unknown, evidence: []) }
        let name = (condition.headerName ?? "").lowercased()
        let values = headers.filter { $0.name.lowercased() == name }.map { (normalizer.normalize($0.value), Optional<String>.none) }
        return textField(values, unknown: false)
    }

    /// Attachment filters over every attachment (§4: non-body parts, attached messages and their
    /// parts, uuencoded files, Graph file and item attachments).
    private func attachmentField(_ context: ItemContext) -> ConditionResult {
        guard let attachments = context.item.attachments.value else { return ConditionResult(truth: .unknown, evidence: []) }
        if positiveOp == .exists {
            return decide(
                attachments.isEmpty ? [] : [hit(attachments[0].name ?? "", path: attachments[0].path, field: "attachment")],
                unknown: context.item.unknownFields.contains("attachments"))
        }
        var evidence: [Evidence] = []
        // A list the export holds only in part (a next page missing): a miss cannot decide.
        var unknown = context.item.unknownFields.contains("attachments")
        for (index, attachment) in attachments.enumerated() {
            let label = attachment.name ?? "(unnamed \(attachment.contentType ?? "attachment"))"
            switch condition.field {
            case .attachmentName:
                guard let name = attachment.name else { continue }
                if positiveOp == .glob || positiveOp == .equals {
                    if globs.contains(where: { $0.matches(name) }) { evidence.append(hit(name, path: attachment.path, field: "attachment")) }
                } else if firstHit(in: normalizer.normalize(name)) != nil {
                    evidence.append(hit(name, path: attachment.path, field: "attachment"))
                }
            case .attachmentExtension:
                let ext = attachment.fileExtension
                if positiveOp == .equals || positiveOp == .glob {
                    if !ext.isEmpty, extensions.contains(ext) || globs.contains(where: { $0.matches(ext) }) {
                        evidence.append(hit(label, path: attachment.path, field: "attachment"))
                    }
                } else if firstHit(in: normalizer.normalize(ext)) != nil {
                    evidence.append(hit(label, path: attachment.path, field: "attachment"))
                }
            case .attachmentSize where attachment.isPartial,
                .attachmentMD5 where attachment.isPartial, .attachmentSHA1 where attachment.isPartial,
                .attachmentSHA256 where attachment.isPartial, .attachmentSHA512 where attachment.isPartial:
                unknown = true  // cut at the decoding limit: its size and digests are not known
            case .attachmentSize:
                let size: Int
                if let known = attachment.knownSize {
                    size = known
                } else if let digests = context.digests(index) {
                    size = digests.byteCount
                } else {
                    unknown = true
                    continue
                }
                if sizes.contains(where: { range in (range.min.map { size >= $0 } ?? true) && (range.max.map { size <= $0 } ?? true) }) {
                    evidence.append(hit("\(label) (\(size) bytes)", path: attachment.path, field: "attachment"))
                }
            case .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512:
                guard let digests = context.digests(index) else {
                    unknown = true
                    continue
                }
                let kind: DigestKind = switch condition.field {
                case .attachmentMD5: .md5
                case .attachmentSHA1: .sha1
                case .attachmentSHA256: .sha256
                default: .sha512
                }
                let digest = digests.digest(kind)
                if digestValues.contains(digest) {
                    evidence.append(hit("\(label) \(kind.rawValue) \(digest)", path: attachment.path, field: "attachment"))
                }
            default:
                break
            }
        }
        return decide(evidence, unknown: unknown)
    }

    /// `yes` with evidence; else `unknown` when part of the field could not be read; else `no`.
    private func decide(_ evidence: [Evidence], unknown: Bool) -> ConditionResult {
        if !evidence.isEmpty { return ConditionResult(truth: .yes, evidence: evidence) }
        return ConditionResult(truth: unknown ? .unknown : .no, evidence: [])
    }
}
