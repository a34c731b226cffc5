/// The envelope fields of a message, decoded: identifiers, subject, date and addresses.
public struct MessageEnvelope: Sendable {
    /// `Message-ID` without angle brackets (RFC 5322 §3.6.4).
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
    /// Defects found while decoding these fields (part path of the message root).
    public var defects: [MIMEDefect]

    /// Reads the envelope from a message's header fields; the first field of each name is used.
    public init(headers: HeaderFields, path: String = "1") {
        var collector = DefectCollector()
        func addresses(_ name: String) -> [MailboxAddress] {
            guard let field = headers.first(named: name) else { return [] }
            collector.baseOffset = field.rawValue.startIndex
            return AddressListParser.parse(field.rawValue, defects: &collector).mailboxes
        }
        if let field = headers.first(named: "Message-ID") {
            messageID = Self.messageID(field.rawValue)
        }
        if let field = headers.first(named: "Subject") {
            collector.baseOffset = field.rawValue.startIndex
            subject = EncodedWordDecoder.decodeText(field.rawValue, defects: &collector)
        }
        if let field = headers.first(named: "Date") {
            collector.baseOffset = field.rawValue.startIndex
            date = MessageDate.parse(field.rawValue, defects: &collector)
        }
        from = addresses("From")
        sender = addresses("Sender")
        replyTo = addresses("Reply-To")
        to = addresses("To")
        cc = addresses("Cc")
        bcc = addresses("Bcc")
        defects = collector.defects.map { var d = $0; d.partPath = path; return d }
    }

    /// `msg-id = [CFWS] "<" id-left "@" id-right ">" [CFWS]` (RFC 5322 §3.6.4): the unfolded value
    /// without surrounding white space and angle brackets. Broken identifiers (with spaces, without
    /// brackets) are kept as written, as GMime and CPython keep them.
    static func messageID(_ raw: ArraySlice<UInt8>) -> String? {
        var value = HeaderField.unfold(raw)[...]
        while let first = value.first, first == 0x3C { value.removeFirst() }
        while let last = value.last, last == 0x3E { value.removeLast() }
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        // id-right is a dot-atom or a literal: it ends at a second "@" (outside a quoted id-left).
        var inQuotes = false
        var seenAt = false
        var i = value.startIndex
        while i < value.endIndex {
            let c = value[i]
            if c == 0x22 { inQuotes.toggle() } else if c == 0x40, !inQuotes {
                if seenAt { value = value[..<i]; break }
                seenAt = true
            }
            i += 1
        }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }
}
