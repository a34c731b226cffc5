/// The envelope fields of a message, decoded: identifiers, subject, date and addresses.
///
/// **Repeated fields.** RFC 5322 §3.6 allows each of these fields once, but list servers and broken
/// mailers repeat them. Every recipient counts, so `To`, `Cc`, `Bcc` and `Reply-To` are read from every
/// occurrence, in header order (an unreadable first `To:` does not hide a valid second one). For
/// `From`, `Sender`, `Subject`, `Date`, `Message-ID`, `In-Reply-To` and `References` the first
/// occurrence that gives a value wins (an address, a non-empty subject, a readable date, an
/// identifier); the others are ignored. Either way the repetition is a `mime.header-repeated` defect
/// at the second occurrence.
public struct MessageEnvelope: Sendable {
    /// `Message-ID` without angle brackets (RFC 5322 §3.6.4), white space and comments removed.
    public var messageID: String?
    /// The decoded `Subject` (RFC 2047), unfolded.
    public var subject: String?
    /// The `Date` field in UTC.
    public var date: MessageDate?
    public var from: [MailboxAddress]
    public var sender: [MailboxAddress]
    public var replyTo: [MailboxAddress]
    public var to: [MailboxAddress]
    public var cc: [MailboxAddress]
    public var bcc: [MailboxAddress]
    /// The identifiers of `In-Reply-To`, without angle brackets, in order.
    public var inReplyTo: [String]
    /// The identifiers of `References`, without angle brackets, in order.
    public var references: [String]
    /// Defects found while decoding these fields (part path of the message root).
    public var defects: [MIMEDefect]

    /// Reads the envelope from a message's header fields (see the type's documentation for repeats).
    public init(headers: HeaderFields, path: String = "1") {
        var collector = DefectCollector()

        Self.reportRepetitions(in: headers, into: &collector)
        /// The first of the fields named `name` for which `read` gives a value.
        func first<Value>(_ name: String, _ read: (HeaderField) -> Value?) -> Value? {
            for field in headers where field.hasName(name) {
                collector.baseOffset = field.rawValue.startIndex
                if let value = read(field) { return value }
            }
            return nil
        }
        func mailboxes(_ field: HeaderField) -> [MailboxAddress] {
            AddressListParser.parse(field.rawValue, defects: &collector).mailboxes
        }
        /// Every address of every field named `name`, in header order.
        func allAddresses(_ name: String) -> [MailboxAddress] {
            var all: [MailboxAddress] = []
            for field in headers where field.hasName(name) {
                collector.baseOffset = field.rawValue.startIndex
                all += mailboxes(field)
            }
            return all
        }
        func nonEmpty<C: Collection>(_ value: C) -> C? { value.isEmpty ? nil : value }

        messageID = first("Message-ID") { MessageIDParser.messageID($0.rawValue) }
        subject = first("Subject") { nonEmpty(EncodedWordDecoder.decodeText($0.rawValue, defects: &collector)) }
            ?? headers.first(named: "Subject").map { _ in "" }
        date = first("Date") { MessageDate.parse($0.rawValue, defects: &collector) }
        from = first("From") { nonEmpty(mailboxes($0)) } ?? []
        sender = first("Sender") { nonEmpty(mailboxes($0)) } ?? []
        replyTo = allAddresses("Reply-To")
        to = allAddresses("To")
        cc = allAddresses("Cc")
        bcc = allAddresses("Bcc")
        inReplyTo = first("In-Reply-To") { nonEmpty(MessageIDParser.messageIDs($0.rawValue)) } ?? []
        references = first("References") { nonEmpty(MessageIDParser.messageIDs($0.rawValue)) } ?? []
        defects = collector.defects.map { var d = $0; d.partPath = path; return d }
    }

    /// Envelope fields, the address lists (read from every occurrence) first.
    static let envelopeFieldNames = ["To", "Cc", "Bcc", "Reply-To", "From", "Sender", "Subject", "Date", "Message-ID", "In-Reply-To", "References"]
    static let addressListCount = 4

    /// `mime.header-repeated` at the second occurrence of each repeated envelope field, in header order.
    static func reportRepetitions(in headers: HeaderFields, into collector: inout DefectCollector) {
        var counts = [Int](repeating: 0, count: envelopeFieldNames.count)
        var kinds = [Int](repeating: -1, count: headers.count)
        var repeated = false
        for (n, field) in headers.enumerated() {
            guard let kind = envelopeFieldNames.firstIndex(where: field.hasName) else { continue }
            kinds[n] = kind
            counts[kind] += 1
            if counts[kind] > 1 { repeated = true }
        }
        guard repeated else { return }
        collector.baseOffset = nil
        var seen = [Int](repeating: 0, count: envelopeFieldNames.count)
        for (n, field) in headers.enumerated() where kinds[n] >= 0 {
            let kind = kinds[n]
            seen[kind] += 1
            guard seen[kind] == 2 else { continue }
            let rule = kind < addressListCount
                ? "the addresses of every one are read, in order" : "the first that gives a value is used"
            collector.report(.headerRepeated, "\(field.name) appears \(counts[kind]) times; \(rule)", at: field.offset)
        }
    }
}
