/// A message read from an Outlook file (a PST/OST item, a `.msg`, an attached message, a TNEF
/// stream): the MAPI properties investigations need, decoded, with its recipients and attachments.
public struct OutlookMessage: Sendable {
    /// PidTagMessageClass (`IPM.Note`, `IPM.Schedule.Meeting.Request`, `REPORT.IPM.Note.NDR`).
    public var messageClass: String?
    public var subject: String?
    /// PidTagInternetMessageId as stored (with its angle brackets).
    public var messageID: String?
    public var inReplyTo: String?
    public var references: String?
    /// Who the message is from (PidTagSentRepresenting*), else the sender.
    public var from: OutlookAddress?
    /// Who sent it (PidTagSender*), when it differs from `from` (a delegate).
    public var sender: OutlookAddress?
    public var recipients: [OutlookRecipient] = []
    /// PidTagDisplayTo / Cc / Bcc: recipients' display names, for messages without a recipient table.
    public var displayTo: String?
    public var displayCc: String?
    public var displayBcc: String?
    /// PidTagClientSubmitTime (sent), PidTagMessageDeliveryTime (received), PidTagCreationTime;
    /// seconds since the Unix epoch.
    public var sentTime: Int64?
    public var receivedTime: Int64?
    public var creationTime: Int64?
    /// PidTagTransportMessageHeaders: the Internet header block, when the message came from the Internet.
    public var transportHeaders: String?
    /// PidTagBody.
    public var plainBody: String?
    /// PidTagHtml: the HTML body's bytes, in `htmlCodepage`.
    public var htmlBody: [UInt8]?
    public var htmlCodepage: Int?
    /// PidTagRtfCompressed: the compressed RTF body (MS-OXRTFCP), as stored.
    public var compressedRTF: [UInt8]?
    /// The code page of the RTF's 8-bit text when the RTF does not say (the message's).
    public var codepage: Int
    public var attachments: [OutlookAttachment] = []
    /// PidTagMessageFlags `mfRead`.
    public var isRead: Bool?
    /// libpff's identifier of the item (PST), for `pffexport`.
    public var descriptor: UInt32?
    /// Whether the item was recovered from unallocated space (a deleted item).
    public var isRecovered = false
    /// What could not be fully read.
    public var diagnostics: [OutlookDiagnostic] = []

    /// The message described by `properties`, with its recipient rows and `attachments` (already read).
    public init(properties: PropertyBag, recipients: [PropertyBag] = [], attachments: [OutlookAttachment] = []) {
        let p = properties
        messageClass = p.nonEmptyString(PropertyID.messageClass)
        subject = p.string(PropertyID.subject).map(Self.withoutPrefixMarker)
        messageID = p.nonEmptyString(PropertyID.internetMessageID)
        inReplyTo = p.nonEmptyString(PropertyID.inReplyToID)
        references = p.nonEmptyString(PropertyID.internetReferences)
        let representing = Self.address(
            p, name: PropertyID.sentRepresentingName, type: PropertyID.sentRepresentingAddressType,
            address: PropertyID.sentRepresentingEmailAddress, smtp: PropertyID.sentRepresentingSMTPAddress)
        let sender = Self.address(
            p, name: PropertyID.senderName, type: PropertyID.senderAddressType, address: PropertyID.senderEmailAddress,
            smtp: PropertyID.senderSMTPAddress)
        from = representing.map { rep in
            // The same person under both names: take the SMTP address from whichever has it.
            guard rep.smtpAddress == nil, let sender, sender.smtpAddress != nil, Self.samePerson(rep, sender) else { return rep }
            return OutlookAddress(name: rep.name ?? sender.name, addressType: rep.addressType, storedAddress: rep.storedAddress, smtpAddress: sender.smtpAddress)
        } ?? sender
        if let sender, let from, !Self.samePerson(sender, from) { self.sender = sender }
        self.recipients = recipients.compactMap(Self.recipient)
        displayTo = p.nonEmptyString(PropertyID.displayTo)
        displayCc = p.nonEmptyString(PropertyID.displayCc)
        displayBcc = p.nonEmptyString(PropertyID.displayBcc)
        sentTime = p.time(PropertyID.clientSubmitTime)
        receivedTime = p.time(PropertyID.messageDeliveryTime)
        creationTime = p.time(PropertyID.creationTime)
        transportHeaders = p.string(PropertyID.transportMessageHeaders).flatMap { $0.isEmpty ? nil : $0 }
        codepage = p.codepage
        // Bodies: PidTagInternetCodepage names the code page of 8-bit bodies, else the message's.
        let bodyCodepage = p.int32(PropertyID.internetCodepage).map(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? p.codepage
        if let raw = p.raw(PropertyID.body, [.unicode, .string8]) {
            plainBody = raw.type == .unicode ? Codepage.utf16LE(raw.bytes[...]) : Codepage.decode(raw.bytes[...], codepage: bodyCodepage)
        }
        if let raw = p.raw(PropertyID.html, [.binary, .string8, .unicode]) {
            if raw.type == .unicode {
                htmlBody = Array(Codepage.utf16LE(raw.bytes[...]).utf8)
                htmlCodepage = 65001
            } else {
                htmlBody = raw.bytes
                htmlCodepage = bodyCodepage
            }
        }
        compressedRTF = p.binary(PropertyID.rtfCompressed)
        if let flags = p.int32(PropertyID.messageFlags) { isRead = flags & 0x1 != 0 }
        self.attachments = attachments
    }

    /// Whether the message class is mail: IPM.Note and its subclasses, posts, meeting requests and
    /// responses, and reports (NDRs, read receipts). Contacts, appointments, tasks and notes are not.
    public var isMail: Bool { Self.isMailClass(messageClass) }

    /// Whether a message class is mail (see ``isMail``).
    public static func isMailClass(_ messageClass: String?) -> Bool {
        guard let messageClass else { return false }
        let lower = messageClass.lowercased()
        return ["ipm.note", "ipm.post", "ipm.schedule.meeting"].contains { lower == $0 || lower.hasPrefix($0 + ".") }
            || lower.hasPrefix("report.")
    }

    /// A PST subject may start with U+0001 and a character whose value is the length of its prefix
    /// (`RE: `): the marker is not part of the subject (MS-PST §2.5.3.1.1, PidTagSubject).
    static func withoutPrefixMarker(_ subject: String) -> String {
        guard subject.unicodeScalars.first == "\u{1}" else { return subject }
        return String(subject.unicodeScalars.dropFirst(min(2, subject.unicodeScalars.count)))
    }

    private static func address(_ p: PropertyBag, name: UInt16, type: UInt16, address: UInt16, smtp: UInt16) -> OutlookAddress? {
        let value = OutlookAddress(
            name: p.nonEmptyString(name), addressType: p.nonEmptyString(type), storedAddress: p.nonEmptyString(address),
            smtpAddress: p.nonEmptyString(smtp))
        return value.bestAddress == nil && value.name == nil ? nil : value
    }

    private static func samePerson(_ a: OutlookAddress, _ b: OutlookAddress) -> Bool {
        if let x = a.storedAddress, let y = b.storedAddress { return x.lowercased() == y.lowercased() }
        if let x = a.smtpAddress, let y = b.smtpAddress { return x.lowercased() == y.lowercased() }
        return a.name != nil && a.name == b.name
    }

    private static func recipient(_ p: PropertyBag) -> OutlookRecipient? {
        let address = OutlookAddress(
            name: p.nonEmptyString(PropertyID.displayName) ?? p.nonEmptyString(PropertyID.recipientDisplayName),
            addressType: p.nonEmptyString(PropertyID.addressType), storedAddress: p.nonEmptyString(PropertyID.emailAddress),
            smtpAddress: p.nonEmptyString(PropertyID.smtpAddress))
        guard address.bestAddress != nil || address.name != nil else { return nil }
        let kind: OutlookRecipient.Kind
        switch (p.int32(PropertyID.recipientType) ?? 1) & 0x0F {
        case 0: return nil  // the originator
        case 2: kind = .cc
        case 3: kind = .bcc
        default: kind = .to
        }
        return OutlookRecipient(kind: kind, address: address)
    }
}

extension OutlookMessage {
    /// Roughly the bytes the message holds (bodies and attachments, attached messages included), for
    /// bounding batches of work.
    public var approximateSize: Int {
        var size = 4096 + (plainBody?.utf8.count ?? 0) + (htmlBody?.count ?? 0) + (compressedRTF?.count ?? 0)
        for attachment in attachments {
            switch attachment.content {
            case .file(let bytes): size += bytes.count
            case .message(let inner): size += inner.approximateSize
            case .noBytes, .unread: break
            }
        }
        return size
    }
}
