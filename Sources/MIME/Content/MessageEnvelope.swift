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

    /// `msg-id = [CFWS] "<" id-left "@" id-right ">" [CFWS]` (RFC 5322 §3.6.4): the text between the
    /// first angle brackets; without brackets, the first word.
    static func messageID(_ raw: ArraySlice<UInt8>) -> String? {
        let value = HeaderField.unfold(raw)
        if let open = value.firstIndex(of: 0x3C) {
            if let close = value[open...].firstIndex(of: 0x3E) {
                let inner = value[(open + 1)..<close].filter { $0 != 0x20 && $0 != 0x09 }
                return inner.isEmpty ? nil : String(decoding: inner, as: UTF8.self)
            }
            let inner = value[(open + 1)...].prefix { $0 != 0x20 && $0 != 0x09 }
            return inner.isEmpty ? nil : String(decoding: inner, as: UTF8.self)
        }
        let word = value.prefix { $0 != 0x20 && $0 != 0x09 }
        return word.isEmpty ? nil : String(decoding: word, as: UTF8.self)
    }
}
