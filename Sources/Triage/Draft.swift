internal import Investigation
public import MailModel
public import MIME

/// A starter investigation drafted from one reported message (§15): its specific indicators, each
/// commented with where it came from, `match: any`, action `warn` with ``defaultWarning``.
public struct Draft: Sendable {
    public var reported: ReportedMessage
    public var indicators: [Indicator]
    public var leftOut: [LeftOut]

    /// The warning the draft's action shows (at most 64 characters, the online product's limit).
    public static let defaultWarning = "Reported phishing: do not click links or open attachments."

    /// Reads `path` and picks its indicators. `mailbox`: the mailbox the message was reported from (its
    /// domain is the organisation's), when the file's place does not say. `unwrap: false` drafts from a
    /// forward itself rather than from the message attached to it.
    public static func make(path: String, mailbox: String? = nil, unwrap: Bool = true, options: ParserOptions = .default) throws(DraftError) -> Draft {
        let reported = try ReportedMessageReader.read(path: path, mailbox: mailbox, unwrap: unwrap, options: options)
        var (indicators, leftOut) = IndicatorPicker().pick(reported)
        // A value the filter would refuse (an odd address, a link its reader cannot take) is left out,
        // so that the draft is always a valid investigation.
        indicators.removeAll { indicator in
            let single = Draft(reported: reported, indicators: [indicator], leftOut: [])
            guard (try? InvestigationFile.parse(text: single.yaml, path: "draft.yaml", fileSHA256: "")) == nil else { return false }
            leftOut.append(LeftOut(what: "\(indicator.kind.rawValue) \(indicator.value)", reason: "not a value its filter accepts"))
            return true
        }
        guard !indicators.isEmpty else {
            throw DraftError(
                code: DraftCode.noIndicators,
                message: "the message has no sender, subject, Message-ID, link, attachment or sending IP specific enough to search for",
                path: path)
        }
        return Draft(reported: reported, indicators: indicators, leftOut: leftOut)
    }

    /// The investigation file (YAML). The same message gives the same bytes.
    public var yaml: String { DraftWriter(self).text() }
}

/// Writes a ``Draft`` as an investigation file (YAML, §5): one filter per kind of indicator, each value
/// under a comment saying where it came from; the indicators left out listed at the end, with why.
struct DraftWriter {
    let draft: Draft
    var out = ""

    init(_ draft: Draft) { self.draft = draft }

    mutating func line(_ text: String) { out += text + "\n" }
    mutating func comment(_ text: String, indent: Int = 0) { line(String(repeating: " ", count: indent) + "# " + YAMLText.comment(text)) }

    func text() -> String {
        var writer = self
        writer.write()
        return writer.out
    }

    mutating func write() {
        let item = draft.reported.item
        comment("Draft investigation written by `dragnet draft` from a reported message. Review every filter, then run:")
        comment("  dragnet investigate --investigation THIS-FILE --format html --output report.html EXPORT")
        comment("Drafted from \(draft.reported.origin).")
        if let carrier = draft.reported.carrier {
            comment("Reported by \(carrier.from.first?.address ?? "an unknown sender") as \"\(carrier.subject ?? "")\".")
        }
        let subject = item.subject.map(SubjectText.withoutPrefixes) ?? ""
        let name = subject.isEmpty ? "Reported message \(item.messageID ?? "")" : "Reported phishing: \(subject)"
        line("name: " + YAMLText.quoted(String(name.prefix(200))))
        var description = "Drafted by dragnet draft from the reported message"
        if let from = item.from.first?.address { description += " from \(from)" }
        if let date = item.date { description += " sent \(UTCTimestamp.iso8601(date))" }
        if let id = item.messageID { description += ", Message-ID <\(id)>" }
        line("description: " + YAMLText.quoted(description + "."))
        line("scope:")
        line("  mailboxes: all")
        line("match: any")
        line("filters:")
        let byKind = Dictionary(grouping: draft.indicators, by: \.kind)
        for kind in Indicator.Kind.allCases {
            guard let values = byKind[kind], !values.isEmpty else { continue }
            filter(kind, values)
        }
        line("action:")
        line("  type: warn")
        line("  message: " + YAMLText.quoted(Draft.defaultWarning))
        if !draft.leftOut.isEmpty {
            line("")
            comment("Left out (not specific enough, or not searchable):")
            for entry in draft.leftOut { comment("- \(entry.what): \(entry.reason)") }
        }
    }

    /// One filter holding every value of one kind.
    mutating func filter(_ kind: Indicator.Kind, _ values: [Indicator]) {
        switch kind {
        case .senderAddress, .senderDomain: simple("from", values)
        case .subject: simple("subject", values)
        case .messageID: simple("messageId", values)
        case .link: simple("url", values)
        case .attachmentSHA256: simple("attachmentSHA256", values)
        case .sendingIP: simple("ip", values)
        case .replyTo:
            line("  - header:")
            line("      name: Reply-To")
            list("contains", values, indent: 6)
        case .attachmentName:
            comment("attachment names, compared whole (not as a glob pattern)", indent: 2)
            line("  - field: attachmentName")
            line("    op: equals")
            list("value", values, indent: 4)
        }
    }

    /// `- key: value` under its comment, or `- key:` with a commented list.
    mutating func simple(_ key: String, _ values: [Indicator]) {
        if values.count == 1 {
            comment(values[0].origin, indent: 2)
            line("  - \(key): " + YAMLText.quoted(values[0].value))
        } else {
            line("  - \(key):")
            for value in values {
                comment(value.origin, indent: 6)
                line("      - " + YAMLText.quoted(value.value))
            }
        }
    }

    mutating func list(_ key: String, _ values: [Indicator], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        line(pad + key + ":")
        for value in values {
            comment(value.origin, indent: indent + 2)
            line(pad + "  - " + YAMLText.quoted(value.value))
        }
    }
}
