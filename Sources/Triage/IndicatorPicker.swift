internal import Investigation
import MailModel

/// Picks the indicators a responder would from a reported message, staying specific (§15): a draft
/// must find the copies of the campaign and not everything from a big provider.
///
/// - **Sender**: the From address (not when it is the organisation's own: spoofed or compromised, its
///   legitimate mail uses it too); the sender's **domain** instead only when it is the attacker's:
///   not a shared domain (``SharedDomains``: freemail, cloud mailer, big sender, `onmicrosoft.com`),
///   not the organisation's own, and a link of the message goes to it (its registrable domain) — the
///   domain then hosts the attack; an ISP's or a business's domain is only ever its address. A big sender's address, and a role address
///   (`service@`, `no-reply@`, ...) of a cloud mailer, are left out: legitimate mail uses them too. A From the receiving service
///   found forged (`dmarc=fail`, `compauth=fail` for its domain) is left out altogether.
/// - **Reply-To** addresses outside the sender's domain (a header filter): where replies of a BEC go;
///   not a mailing list's or a relay's the message passed through (its domain in `List-*` or `Received`).
/// - **Subject**: the decoded subject without reply/forward prefixes, when it is specific: at least
///   ``minimumSubjectCharacters`` characters and ``minimumSubjectWords`` words, and not naming a
///   recipient (a subject personalised per recipient finds one copy only).
/// - **Message-ID**, always.
/// - **Link hosts** (``LinkHosts``, the one place link hosts are taken) that are not widely shared; for
///   a link through a shortener or a shared content host the whole link is the indicator
///   (``SharedLinkHosts``); gateway wrappers, infrastructure hosts and the organisation's own hosts
///   are left out.
/// - **Attachments**: the SHA-256 of every attachment's bytes (inline images aside); the names that are
///   specific (not generic like `image001.png` or `invoice.pdf`).
/// - **The first external sending IP** (``SendingIP``).
///
/// The organisation's domains are the mailbox's, the reporter's (a forward's sender and recipients)
/// and the recipients' domains other than the sender's.
public struct IndicatorPicker: Sendable {
    public static let minimumSubjectCharacters = 20
    public static let minimumSubjectWords = 3
    /// Longest whole link used as a value (longer ones are left out).
    public static let maximumLinkValueLength = 2048

    public init() {}

    public func pick(_ reported: ReportedMessage) -> (indicators: [Indicator], leftOut: [LeftOut]) {
        var picked = Picking(item: reported.item, organisation: organisationDomains(reported))
        picked.sender()
        picked.replyTo()
        picked.subject()
        picked.messageID()
        picked.links()
        picked.attachments()
        picked.sendingIP()
        picked.fallback()
        return (picked.indicators, picked.leftOut)
    }

    /// The organisation's own domains, as far as the message tells.
    func organisationDomains(_ reported: ReportedMessage) -> Set<String> {
        var domains = Set<String>()
        func add(_ address: String) {
            let domain = MailAddress(name: nil, address: address).domain
            if !domain.isEmpty { domains.insert(domain) }
        }
        if reported.item.mailbox.contains("@") { add(reported.item.mailbox) }
        if let carrier = reported.carrier {
            (carrier.from + carrier.to + carrier.cc).forEach { add($0.address) }
        }
        let senderDomain = reported.item.from.first?.domain ?? ""
        for recipient in reported.item.to + reported.item.cc where recipient.domain != senderDomain {
            add(recipient.address)
        }
        return domains
    }
}

/// One picking pass over a message.
private struct Picking {
    let item: MailItem
    let organisation: Set<String>
    var indicators: [Indicator] = []
    var leftOut: [LeftOut] = []

    init(item: MailItem, organisation: Set<String>) {
        self.item = item
        self.organisation = organisation
    }

    func isOrganisation(_ host: String) -> Bool {
        organisation.contains { RegistrableDomain.host(host, isWithin: $0) }
    }

    mutating func add(_ kind: Indicator.Kind, _ value: String, _ origin: String) {
        guard !indicators.contains(where: { $0.kind == kind && $0.value.lowercased() == value.lowercased() }) else { return }
        indicators.append(Indicator(kind: kind, value: value, origin: origin))
    }

    mutating func skip(_ what: String, _ reason: String) {
        let entry = LeftOut(what: what, reason: reason)
        if !leftOut.contains(entry) { leftOut.append(entry) }
    }

    // MARK: sender

    mutating func sender() {
        guard let from = item.from.first, from.address.contains("@"), !from.domain.isEmpty else {
            skip("sender", "the message has no From address")
            return
        }
        let address = from.address
        let domain = from.domain
        let localPart = String(address[..<(address.lastIndex(of: "@") ?? address.endIndex)])
        let shown = from.name.map { "\($0) <\(address)>" } ?? address
        if isOrganisation(domain) {
            // Spoofed or a compromised account: either way the organisation's own mail comes from it.
            skip("sender \(address)", "the organisation's own address (spoofed or compromised): its legitimate mail comes from it too")
            return
        }
        if let failure = forgedSender(domain) {
            skip("sender \(address)", "the From header is forged (\(failure)): the address is someone else's")
            return
        }
        if let kind = SharedDomains.kind(of: domain) {
            if kind == .bigSender {
                skip("sender \(address)", "\(domain) is a big sender's domain: spoofed or sent through the platform, its legitimate mail uses the same addresses")
                return
            }
            if kind == .cloudMailer && SharedDomains.isRoleAddress(localPart) {
                skip("sender \(address)", "a role address of \(domain), a \(kind.rawValue) domain: legitimate mail comes from it too")
                return
            }
            add(.senderAddress, address, "From header: \(shown); \(domain) is a shared \(kind.rawValue) domain, so only the address")
            return
        }
        if let witness = domainWitness(domain) {
            add(.senderDomain, domain, "From header: \(shown); \(domain) is the sender's own domain (\(witness)), so the domain and its subdomains")
        } else {
            add(.senderAddress, address, "From header: \(shown); only the From header names \(domain) (it may be spoofed), so only the address")
        }
    }

    /// The receiving service's verdict that the From header is forged (DMARC or Microsoft's composite
    /// authentication failed for the From domain), if it says so.
    func forgedSender(_ domain: String) -> String? {
        for header in item.headers.value ?? [] where header.name.lowercased() == "authentication-results" {
            let value = header.value.lowercased()
            if let from = SendingIP.value(after: "header.from=", in: value), from != domain, !RegistrableDomain.host(domain, isWithin: from) {
                continue
            }
            for verdict in ["dmarc=fail", "compauth=fail"] where value.contains(verdict) { return "Authentication-Results: \(verdict)" }
        }
        return nil
    }

    /// What besides the From header shows the sender's domain hosts the attack: a link of the message
    /// goes to it. (Not the envelope, DKIM or the sending host: an ISP's or a business's mail has those
    /// aligned too, and its other customers' mail would match. Not the Message-ID: a forger writes it.)
    func domainWitness(_ domain: String) -> String? {
        let registrable = RegistrableDomain.of(domain)
        if LinkHosts.links(of: item).contains(where: { RegistrableDomain.of($0.host) == registrable }) {
            return "a link of the message goes to it"
        }
        return nil
    }

    /// The domains of a mailing list the message came through (`List-Id`, `List-Post`, and the hosts
    /// of `List-*` URLs): its footer links and relay are every list message's.
    var listDomains: Set<String> {
        var domains = Set<String>()
        let headers = item.headers.value ?? []
        guard headers.contains(where: { ["list-id", "list-post"].contains($0.name.lowercased()) }) else { return [] }
        for header in headers where header.name.lowercased().hasPrefix("list-") {
            for token in header.value.split(whereSeparator: { "<>, ".contains($0) }) {
                var text = String(token)
                if let colon = text.firstIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
                text = String(text.drop { $0 == "/" })
                let host = String(text.split(separator: "/").first ?? "").split(separator: "@").last.map(String.init) ?? ""
                if host.contains(".") { domains.insert(RegistrableDomain.of(host.lowercased())) }
            }
        }
        return domains
    }

    // MARK: reply-to

    mutating func replyTo() {
        let from = item.from.first?.address.lowercased()
        let fromDomain = item.from.first.map { RegistrableDomain.of($0.domain) }
        let lists = listDomains
        // Hosts the message passed through: a Reply-To there is a list's or a relay's, not the attacker's.
        let relays = Set((item.headers.value ?? []).filter { $0.name.lowercased() == "received" }.flatMap { header in
            let hop = ReceivedHop(header.value)
            return [hop.fromHost, hop.byHost].compactMap { $0 }.filter { $0.contains(".") }.map(RegistrableDomain.of)
        })
        for reply in item.replyTo where reply.address.contains("@") && reply.address.lowercased() != from {
            let isFreemail = SharedDomains.kind(of: reply.domain) == .freemail  // a BEC's reply address, even on a relay's domain
            if lists.contains(RegistrableDomain.of(reply.domain)) || (!isFreemail && relays.contains(RegistrableDomain.of(reply.domain))) {
                skip("Reply-To \(reply.address)", "a mailing list or relay the message came through")
                continue
            }
            if RegistrableDomain.of(reply.domain) == fromDomain {
                skip("Reply-To \(reply.address)", "in the sender's own domain; the sender filter covers it")
                continue
            }
            if isOrganisation(reply.domain) {
                skip("Reply-To \(reply.address)", "the organisation's own address")
                continue
            }
            add(.replyTo, reply.address, "Reply-To header (replies go to \(reply.address), not to the sender)")
        }
    }

    // MARK: subject

    mutating func subject() {
        guard let raw = item.subject else {
            skip("subject", "the message has no subject")
            return
        }
        let subject = SubjectText.withoutPrefixes(raw)
        let words = subject.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count
        guard subject.count >= IndicatorPicker.minimumSubjectCharacters, words >= IndicatorPicker.minimumSubjectWords else {
            if !subject.isEmpty {
                skip("subject \"\(subject)\"", "too short to be specific (fewer than \(IndicatorPicker.minimumSubjectCharacters) characters or \(IndicatorPicker.minimumSubjectWords) words): it would match unrelated mail")
            }
            return
        }
        let lowered = subject.lowercased()
        let personal = (item.to + item.cc).flatMap { recipient -> [String] in
            let local = recipient.address.split(separator: "@").first.map(String.init) ?? ""
            return [recipient.address.lowercased(), local.lowercased()] + (recipient.name.map { [$0.lowercased()] } ?? [])
        }.filter { $0.count >= 4 }
        if let name = personal.first(where: { lowered.contains($0) }) {
            skip("subject \"\(subject)\"", "it names the recipient (\(name)): each copy's subject differs")
            return
        }
        let note = subject == raw ? "" : " (reply/forward prefixes removed)"
        add(.subject, subject, "Subject header, decoded\(note): the copies' subjects contain it")
    }

    // MARK: Message-ID

    mutating func messageID() {
        guard let id = item.messageID, !id.isEmpty else {
            skip("Message-ID", "the message has none")
            return
        }
        add(.messageID, id, "Message-ID header: every delivered copy carries it")
    }

    // MARK: links

    mutating func links() {
        var seenHosts = Set<String>()
        let lists = listDomains
        for (link, host) in LinkHosts.links(of: item) {
            if lists.contains(RegistrableDomain.of(host)) {
                if seenHosts.insert(host).inserted { skip("link host \(host)", "the mailing list's (its footer is in every list message)") }
                continue
            }
            if !lists.isEmpty, let from = item.from.first, RegistrableDomain.of(host) != RegistrableDomain.of(from.domain) {
                if seenHosts.insert(host).inserted {
                    skip("link host \(host)", "the message came through a mailing list, whose footer adds links of its own; only links to the sender's domain are kept")
                }
                continue
            }
            let place = "link in part \(link.path)" + (link.text.map { $0.isEmpty ? "" : " (text \"\($0.prefix(60))\")" } ?? "")
            if isOrganisation(host) {
                if seenHosts.insert(host).inserted { skip("link host \(host)", "the organisation's own") }
                continue
            }
            switch SharedLinkHosts.kind(of: host) {
            case .shortener?, .sharedContent?:
                guard let value = LinkHosts.urlValue(link.target) else { continue }
                let kind = SharedLinkHosts.kind(of: host)!.rawValue
                if value.count > IndicatorPicker.maximumLinkValueLength {
                    skip("link \(value.prefix(80))…", "longer than \(IndicatorPicker.maximumLinkValueLength) characters")
                } else if value.drop(while: { $0 != "/" }).count <= 1 {
                    if seenHosts.insert(host).inserted { skip("link host \(host)", "a \(kind) with no path: the host is everyone's") }
                } else {
                    add(.link, value, "\(place) through \(host), a \(kind): the whole link, since the host is everyone's")
                }
            case .wrapper?:
                if seenHosts.insert(host).inserted { skip("link host \(host)", "a mail gateway's link wrapper (the unwrapped link is what counts)") }
            case .infrastructure?:
                if seenHosts.insert(host).inserted { skip("link host \(host)", "a widely shared host (newsletters and ordinary mail link to it)") }
            case .customerSubdomain?:
                if seenHosts.insert(host).inserted { add(.link, host, "\(place): \(host) is one customer's site on a shared platform") }
            case nil:
                if seenHosts.insert(host).inserted { add(.link, host, "\(place)") }
            }
        }
    }

    // MARK: attachments

    mutating func attachments() {
        guard let attachments = item.attachments.value else {
            skip("attachments", "the export did not collect them")
            return
        }
        for attachment in attachments {
            let name = attachment.name ?? ""
            let type = attachment.contentType ?? "unknown type"
            if attachment.isInline && type.hasPrefix("image/") {
                skip("inline image \(name.isEmpty ? attachment.path : name)", "inline images (logos, signatures) are shared with legitimate mail")
                continue
            }
            if attachment.hasContent && !attachment.isPartial {
                let bytes = attachment.content()
                if bytes.isEmpty {
                    skip("attachment \(name.isEmpty ? attachment.path : name)", "it is empty")
                } else {
                    let digest = AttachmentDigests(bytes: bytes).digest(.sha256)
                    add(.attachmentSHA256, digest, "attachment \(name.isEmpty ? "(no name)" : name) at \(attachment.path) (\(type), \(bytes.count) bytes)")
                }
            }
            guard !name.isEmpty else { continue }
            if AttachmentNames.isGeneric(name) {
                skip("attachment name \(name)", "a generic name ordinary mail uses too")
            } else {
                add(.attachmentName, name, "attachment at \(attachment.path) (\(type))")
            }
        }
    }

    // MARK: fallback

    /// Without a Message-ID, the copies must be found by what else they share: the sender and the
    /// subject are kept even when they would be left out as not specific enough (flagged for review).
    mutating func fallback() {
        guard !indicators.contains(where: { $0.kind == .messageID }) else { return }
        let strong = indicators.filter { [.senderAddress, .senderDomain, .link, .attachmentSHA256].contains($0.kind) }.count
        guard strong < 2 else { return }
        if !indicators.contains(where: { $0.kind == .senderAddress || $0.kind == .senderDomain }),
            let from = item.from.first, from.address.contains("@")
        {
            add(.senderAddress, from.address, "REVIEW: From header \(from.address), kept because the message has no Message-ID and little else to find its copies by")
        }
        if !indicators.contains(where: { $0.kind == .subject }), let raw = item.subject {
            let subject = SubjectText.withoutPrefixes(raw)
            if subject.count >= 4 {
                add(.subject, subject, "REVIEW: Subject header, kept because the message has no Message-ID and little else to find its copies by")
            }
        }
    }

    // MARK: sending IP

    mutating func sendingIP() {
        if let domain = item.from.first?.domain, let kind = SharedDomains.kind(of: domain), kind != .onmicrosoft {
            skip("sending IP", "the sender uses a \(kind.rawValue) domain, whose relays send everyone's mail")
            return
        }
        if !listDomains.isEmpty {
            skip("sending IP", "the message came through a mailing list, whose relay sends every list message")
            return
        }
        switch SendingIP.find(in: item, organisationDomains: organisation) {
        case .found(let found):
            add(.sendingIP, found.ip, "first external sending IP, from \(found.origin)")
        case .rejected(let ip, let reason):
            skip("sending IP \(ip)", reason)
        case .none(let reason):
            skip("sending IP", reason)
        }
    }
}

/// Subjects without the prefixes replies and forwards add.
enum SubjectText {
    /// `Re: Fwd: [EXTERNAL] Invoice` → `Invoice` (case and inner white space kept, outer trimmed).
    static func withoutPrefixes(_ subject: String) -> String {
        var text = Substring(subject).trimmed
        var changed = true
        while changed {
            changed = false
            let lowered = text.lowercased()
            for tag in ["[external]", "[ext]", "[extern]", "[spam]", "[suspicious]", "[warning]", "[caution]", "*****spam*****"] where lowered.hasPrefix(tag) {
                text = text.dropFirst(tag.count).trimmed
                changed = true
                break
            }
            if !changed, let colon = text.firstIndex(of: ":") {
                let prefix = text[..<colon].trimmed.lowercased()
                if ["re", "fw", "fwd", "aw", "wg", "tr", "rv", "sv", "vs", "antw", "ref", "enc", "doorst", "vl", "odp", "pd"].contains(prefix) {
                    text = text[text.index(after: colon)...].trimmed
                    changed = true
                }
            }
        }
        return String(text)
    }
}

/// Attachment names too common to tell a campaign apart.
enum AttachmentNames {
    static func isGeneric(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let stem = lowered.split(separator: ".").first.map(String.init) ?? lowered
        if genericNames.contains(lowered) || genericStems.contains(stem) { return true }
        // image001.png, ATT00001.htm, Outlook-abc.png, noname
        for prefix in ["image0", "att0", "outlook-", "noname", "untitled", "unnamed", "part"] where stem.hasPrefix(prefix) { return true }
        let letters = stem.filter { $0.isLetter || $0.isNumber }
        return letters.count < 6
    }

    static let genericNames: Set<String> = ["winmail.dat", "smime.p7s", "smime.p7m", "signature.asc", "invite.ics", "calendar.ics"]
    static let genericStems: Set<String> = [
        "invoice", "document", "documents", "scan", "scanned", "file", "attachment", "message", "doc", "receipt",
        "statement", "payment", "remittance", "order", "purchaseorder", "quote", "quotation", "contract", "agreement",
        "report", "resume", "cv", "photo", "picture", "logo", "banner", "signature", "details", "info", "form",
        "voicemail", "fax", "audio", "listen", "open", "view", "download", "secure", "securemessage", "encrypted",
        "new", "copy", "pdf", "docx", "xlsx", "zip", "html", "index", "readme", "notice", "letter", "data",
    ]
}

extension Substring {
    fileprivate var trimmed: Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
