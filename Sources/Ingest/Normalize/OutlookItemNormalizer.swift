package import MailModel
package import Outlook
package import MIME
private import HTMLText

/// Turns an Outlook message (a PST/OST item, a `.msg`, a TNEF stream) into the normalized ``MailItem``
/// investigations see (§4, §17).
///
/// Senders and recipients come from the message's properties and recipient table: the SMTP address
/// when the store has one, else the stored X.500 address (`outlook.sender-not-smtp`,
/// `outlook.recipient-not-smtp`); a recipient known only by name keeps the name as its address. A
/// sender without an SMTP address is followed by the transport headers' `From` when they have one. Headers
/// are the transport headers (PidTagTransportMessageHeaders) or not collected. Body text is the plain
/// body, the HTML body reduced to text, and the RTF body (decompressed; the HTML it encapsulates, else
/// its text) unless it only repeats the plain or HTML body it was made from. Attachments keep their
/// bytes; an attached message is an attachment (without bytes) whose bodies and attachments are the
/// item's too; a TNEF attachment's files and body are read (`att1.tnef1`); S/MIME and rights-managed
/// content is read or named as in MIME mail.
package struct OutlookItemNormalizer: Sendable {
    package var content: ItemContent
    package var options: ParserOptions
    package var outlookOptions: OutlookReadOptions
    /// Turns links a mail gateway wrapped back into their targets (the link keeps both).
    package var linkUnwrapper = GatewayLinkUnwrapper()
    private var html = HTMLTextExtractor()

    package init(content: ItemContent = .all, options: ParserOptions = .default, outlookOptions: OutlookReadOptions = OutlookReadOptions()) {
        self.content = content
        self.options = options
        self.outlookOptions = outlookOptions
    }

    package func item(from message: OutlookMessage, source: MessageSource, mailbox: String, folder: String) -> MailItem {
        var item = MailItem(source: source, mailbox: mailbox, folder: folder)
        var diagnostics: [Diagnostic] = []
        let file = source.path
        func note(_ code: OutlookDiagnostic.Code, _ text: String) {
            diagnostics.append(Diagnostic(code: code.diagnosticCode, message: text, location: SourceLocation(path: file), severity: .note))
        }

        // Transport headers: the Internet header block as the server received it.
        var headerFields: [MailHeader]?
        var envelope: MessageEnvelope?
        if let block = message.transportHeaders {
            let parsed = MIMEParser(options: options).parse(Array(block.utf8) + [0x0D, 0x0A, 0x0D, 0x0A])
            var scratch = DefectCollector()
            headerFields = parsed.headers.map { MailHeader(name: $0.name, value: EncodedWordDecoder.decodeText($0.rawValue, defects: &scratch)) }
            envelope = MessageEnvelope(headers: parsed.headers)
        }
        if let headerFields {
            if content.contains(.headers) { item.headers = .collected(headerFields) }
            if content.contains(.senderIPs) {
                item.senderIPs = .collected(SenderIPExtractor.senderIPs(headers: headerFields.map { (name: $0.name, value: $0.value) }))
            }
        }

        item.messageID = (message.messageID ?? envelope?.messageID).map(GraphItemNormalizer.stripAngleBrackets)
        item.subject = message.subject ?? envelope?.subject
        if let from = message.from {
            if let address = from.smtpAddress {
                item.from = [MailAddress(name: from.name, address: address)]
            } else if let stored = from.storedAddress {
                // The stored (X.500) address first, as Outlook keeps it; the transport headers' From
                // after it, so that address filters see the SMTP address too.
                item.from = [MailAddress(name: from.name, address: stored)]
                if let header = envelope?.from.first, header.address.lowercased() != stored.lowercased() {
                    item.from.append(MIMEItemNormalizer.address(header))
                    note(.senderNotSMTP, "the sender has no SMTP address in the item; the stored \(from.addressType ?? "") address '\(stored)' and the transport headers' From were used")
                } else {
                    note(.senderNotSMTP, "the sender has no SMTP address; the stored \(from.addressType ?? "") address '\(stored)' was used")
                }
            } else if let header = envelope?.from.first {
                item.from = [MailAddress(name: from.name ?? header.name, address: header.address)]
                note(.senderNotSMTP, "the sender has no address in the item; the transport headers' From was used")
            } else if let name = from.name {
                note(.senderNotSMTP, "the sender is known only by the name '\(name)' (no address)")
            }
        } else if let header = envelope?.from.first {
            item.from = [MIMEItemNormalizer.address(header)]
        }
        if let sender = message.sender, let address = sender.bestAddress {
            item.sender = [MailAddress(name: sender.name, address: address)]
        }
        var notSMTP = 0
        for recipient in message.recipients {
            let address = recipient.address
            if !address.isSMTP { notSMTP += 1 }
            let mail = MailAddress(name: address.name, address: address.bestAddress ?? address.name ?? "")
            switch recipient.kind {
            case .to: item.to.append(mail)
            case .cc: item.cc.append(mail)
            case .bcc: item.bcc.append(mail)
            }
        }
        if notSMTP > 0 {
            note(.recipientNotSMTP, "\(notSMTP) recipient\(notSMTP == 1 ? " has" : "s have") no SMTP address; the stored X.500 address or display name was used")
        }
        if message.recipients.isEmpty, let envelope {
            item.to = envelope.to.map(MIMEItemNormalizer.address)
            item.cc = envelope.cc.map(MIMEItemNormalizer.address)
        }
        if let envelope { item.replyTo = envelope.replyTo.map(MIMEItemNormalizer.address) }
        item.date = message.sentTime ?? envelope?.date?.secondsSinceEpoch ?? message.receivedTime
        item.receivedDate = message.receivedTime
        item.isRead = message.isRead

        var attachments: [MailAttachment] = []
        addContent(of: message, prefix: "", into: &item, attachments: &attachments, diagnostics: &diagnostics)
        item.attachments = .collected(attachments)
        item.diagnostics = message.diagnostics.map { Self.diagnostic($0, path: file) } + diagnostics
        item.diagnostics += GatewayLinkUnwrapper.diagnostics(of: item.links, path: file)
        return item
    }

    /// The TNEF stream of a MIME attachment (`winmail.dat` at part `path`): its files become attachments
    /// (`1.2.tnef1`, ...), its body text the item's.
    package func addTNEF(_ bytes: [UInt8], path: String, into item: inout MailItem, attachments: inout [MailAttachment], diagnostics: inout [Diagnostic]) {
        let message = TNEFReader.read(bytes[...], pathPrefix: path + ".tnef", options: outlookOptions)
        diagnostics += message.diagnostics.map { Self.diagnostic($0, path: item.source.path) }
        addContent(of: message, prefix: path + ".tnef.", into: &item, attachments: &attachments, diagnostics: &diagnostics)
    }

    /// Whether an attachment is a TNEF stream: by its type or name, or its first bytes.
    package static func isTNEF(mimeType: String?, name: String?, bytes: [UInt8]?) -> Bool {
        if let type = mimeType?.lowercased(), type == "application/ms-tnef" || type == "application/vnd.ms-tnef" { return true }
        if let name = name?.lowercased(), name == "winmail.dat" || name == "win.dat" { return true }
        return bytes.map { TNEFReader.isTNEF($0) } ?? false
    }

    /// Body text, links and attachments of `message` and, recursively, of its attached messages.
    private func addContent(
        of message: OutlookMessage, prefix: String, into item: inout MailItem, attachments: inout [MailAttachment], diagnostics: inout [Diagnostic]
    ) {
        if !content.isDisjoint(with: [.bodies, .links]) { addBodies(of: message, prefix: prefix, into: &item, diagnostics: &diagnostics) }
        for attachment in message.attachments {
            let name = attachment.name
            switch attachment.content {
            case .file(let bytes):
                let protected = GraphProtectedAttachment.read(mimeType: attachment.mimeType, name: name, hasContent: true, bytes: { bytes }, options: options)
                // A clear-signed message is stored as its MIME entity: the entity is the message, not a file.
                let isSignedEntity = attachment.mimeType == "multipart/signed"
                if !isSignedEntity {
                    attachments.append(MailAttachment(
                        name: name, contentType: attachment.mimeType ?? "application/octet-stream", isInline: attachment.isInline,
                        path: attachment.path, knownSize: bytes.count, content: { bytes }))
                }
                if let protected {
                    addProtected(protected, name: name, path: attachment.path, into: &item, attachments: &attachments, diagnostics: &diagnostics)
                } else if Self.isTNEF(mimeType: attachment.mimeType, name: name, bytes: bytes) {
                    addTNEF(bytes, path: attachment.path, into: &item, attachments: &attachments, diagnostics: &diagnostics)
                }
            case .message(let inner):
                attachments.append(MailAttachment(
                    name: name, contentType: "application/vnd.ms-outlook", isInline: attachment.isInline, path: attachment.path,
                    knownSize: nil, hasContent: false, content: { [] }))
                diagnostics += inner.diagnostics.map { Self.diagnostic($0, path: item.source.path) }
                addContent(of: inner, prefix: attachment.path + ".", into: &item, attachments: &attachments, diagnostics: &diagnostics)
            case .noBytes:
                attachments.append(MailAttachment(
                    name: name, contentType: attachment.mimeType, isInline: attachment.isInline, path: attachment.path,
                    knownSize: nil, hasContent: false, content: { [] }))
            case .unread:
                var listed = MailAttachment(
                    name: name, contentType: attachment.mimeType, isInline: attachment.isInline, path: attachment.path,
                    knownSize: nil, hasContent: false, content: { [] })
                listed.isPartial = true
                attachments.append(listed)
            }
        }
    }

    /// The plain, HTML and RTF bodies. The RTF is left out when it was made from a body that is
    /// there (`\fromhtml1` beside an HTML body, `\fromtext` beside a plain one).
    private func addBodies(of message: OutlookMessage, prefix: String, into item: inout MailItem, diagnostics: inout [Diagnostic]) {
        if let plain = message.plainBody, !plain.isEmpty {
            addPlain(plain, path: prefix + "body", into: &item)
        }
        if let bytes = message.htmlBody, !bytes.isEmpty {
            addHTML(Codepage.decodeText(bytes, codepage: message.htmlCodepage), path: prefix + "html", into: &item, diagnostics: &diagnostics)
        }
        guard let compressed = message.compressedRTF, !compressed.isEmpty else { return }
        let path = prefix + "rtf"
        let decompressed = CompressedRTF.decompress(compressed, maxBytes: outlookOptions.maxAttachmentBytes)
        if let problem = decompressed.problem {
            diagnostics.append(Diagnostic(
                code: OutlookDiagnostic.Code.rtfDecompression.diagnosticCode, message: "the RTF body: \(problem)",
                location: SourceLocation(path: item.source.path, partPath: path)))
        }
        switch RTFReader.read(decompressed.rtf, defaultCodepage: message.codepage).content {
        case .html(let text):
            if message.htmlBody?.isEmpty ?? true { addHTML(text, path: path, into: &item, diagnostics: &diagnostics) }
        case .text(let text, let fromText):
            if fromText, !(message.plainBody?.isEmpty ?? true) { return }
            if !text.allSatisfy(\.isWhitespace) { addPlain(text, path: path, into: &item) }
        }
    }

    private func addPlain(_ text: String, path: String, into item: inout MailItem) {
        item.bodies.append(MailBodyText(text: text, origin: .plain, path: path))
        if content.contains(.links) {
            item.links += linkUnwrapper.unwrapped(PlainTextLinkScanner.urls(in: text).map { MailLink(url: $0, text: nil, path: path) })
        }
    }

    private func addHTML(_ text: String, path: String, into item: inout MailItem, diagnostics: inout [Diagnostic]) {
        let extracted = html.extract(text)
        item.bodies.append(MailBodyText(text: extracted.text, origin: .html, path: path))
        if content.contains(.links) {
            item.links += linkUnwrapper.unwrapped(extracted.links.map { MailLink(url: $0.url, text: $0.text, path: path) })
        }
        if extracted.isTruncated {
            diagnostics.append(Diagnostic(
                code: HTMLTextCode.limitReached, message: "the HTML body was only partly reduced to text (a limit was reached)",
                location: SourceLocation(path: item.source.path, partPath: path)))
        }
    }

    /// An S/MIME or rights-managed attachment: what is protected is named; what is only signed is read
    /// like the MIME message it is (bodies, links and attachments at `PATH#PART`).
    private func addProtected(
        _ reading: GraphProtectedAttachment.Reading, name: String?, path: String, into item: inout MailItem,
        attachments: inout [MailAttachment], diagnostics: inout [Diagnostic]
    ) {
        let file = item.source.path
        guard case .smime(let message) = reading else {
            if let defect = GraphProtectedAttachment.defect(reading, name: name), let protection = ContentProtection(defect.code),
               let kind = ProtectedContent.Protection(rawValue: protection.rawValue) {
                item.protectedContent.append(ProtectedContent(protection: kind, path: path))
                diagnostics.append(Diagnostic(code: defect.code.diagnosticCode, message: defect.message, location: SourceLocation(path: file, partPath: path)))
            }
            return
        }
        let inner = MIMEItemNormalizer(limits: options.limits, content: content).item(
            from: message, source: item.source, mailbox: item.mailbox, folder: item.folder)
        let prefix = path + "#"
        item.absorb(wrapped: inner, rootPath: message.root.path, prefix: prefix, attachments: &attachments)
        diagnostics += inner.diagnostics.map { d in
            Diagnostic(code: d.code, message: d.message, location: SourceLocation(path: file, partPath: prefix + (d.location.partPath ?? "")), severity: d.severity)
        }
    }

    /// An Outlook reader's diagnostic, placed in the file (with the item's descriptor in the message).
    package static func diagnostic(_ d: OutlookDiagnostic, path: String) -> Diagnostic {
        let message = d.descriptor.map { "\(d.message) (descriptor \($0))" } ?? d.message
        return Diagnostic(code: d.code.diagnosticCode, message: message, location: SourceLocation(path: path, partPath: d.part), severity: d.severity)
    }
}
