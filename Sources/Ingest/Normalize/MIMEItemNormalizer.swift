package import MIME
package import MailModel
private import HTMLText

/// Turns a parsed MIME message into the normalized ``MailItem`` investigations see (§4).
package struct MIMEItemNormalizer: Sendable {
    package var limits: ParserLimits
    /// What to build beyond the envelope and the attachment list.
    package var content: ItemContent
    /// Unwraps links rewritten by mail gateways as they are collected.
    package var linkUnwrapper = GatewayLinkUnwrapper()
    private var html: HTMLTextExtractor

    package init(limits: ParserLimits = .default, content: ItemContent = .all) {
        self.limits = limits
        self.content = content
        self.html = HTMLTextExtractor()
    }

    /// `offsetInFile` is where the message's bytes start in their file (an mbox message), so that
    /// diagnostics point into the file.
    package func item(from message: MIMEMessage, source: MessageSource, mailbox: String, folder: String, offsetInFile: Int = 0) -> MailItem {
        var item = MailItem(source: source, mailbox: mailbox, folder: folder)
        let envelope = MessageEnvelope(headers: message.headers, path: message.root.path)
        item.messageID = envelope.messageID
        item.subject = envelope.subject
        item.from = envelope.from.map(Self.address)
        item.sender = envelope.sender.map(Self.address)
        item.replyTo = envelope.replyTo.map(Self.address)
        item.to = envelope.to.map(Self.address)
        item.cc = envelope.cc.map(Self.address)
        item.bcc = envelope.bcc.map(Self.address)
        item.date = envelope.date?.secondsSinceEpoch
        if source.format == "mbox" { item.isRead = MboxReadStatus.isRead(message.headers) }

        var scratch = DefectCollector()
        // Google Takeout keeps a message's labels in X-Gmail-Labels: they give its folder (§3.3).
        if let field = message.headers.first(named: "X-Gmail-Labels") {
            let labels = GmailLabels.parse(EncodedWordDecoder.decodeText(field.rawValue, defects: &scratch))
            item.labels = labels
            if let labelled = GmailLabels.folder(of: labels) { item.folder = labelled }
            if let read = GmailLabels.isRead(labels) { item.isRead = read }  // else the mbox Status flag stands
        }
        if !content.isDisjoint(with: [.headers, .senderIPs]) {
            let headers = message.headers.map { field in
                (name: field.name, value: EncodedWordDecoder.decodeText(field.rawValue, defects: &scratch))
            }
            if content.contains(.headers) { item.headers = .collected(headers.map { MailHeader(name: $0.name, value: $0.value) }) }
            if content.contains(.senderIPs) { item.senderIPs = .collected(SenderIPExtractor.senderIPs(headers: headers)) }
        }
        if let received = message.headers.first(named: "Received"), let semicolon = received.rawValue.lastIndex(of: 0x3B) {
            item.receivedDate = MessageDate.parse(received.rawValue[(semicolon + 1)...], defects: &scratch)?.secondsSinceEpoch
        }

        var defects = DefectCollector()
        var decodedPlain: [String: [UInt8]] = [:]
        var htmlLimits: [HTMLLimitReached] = []
        collectBodies(of: message, into: &item, decodedPlain: &decodedPlain, defects: &defects, htmlLimits: &htmlLimits)
        let attachments = AttachmentEnumeration.attachments(of: message, limits: limits) { decodedPlain[$0.path] }
        // Files uuencoded in one part are numbered as `inspect` numbers them: `1.uu1`, `1.uu2`, ...
        var uuencodedInPart: [String: Int] = [:]
        item.attachments = .collected(attachments.map { attachment in
            var number = 0
            if attachment.kind == .uuencoded {
                number = uuencodedInPart[attachment.entity.path, default: 0] + 1
                uuencodedInPart[attachment.entity.path] = number
            }
            return mailAttachment(attachment, uuencodedNumber: number, defects: &defects)
        })

        let path = source.path
        let allDefects = message.allDefects + envelope.defects + defects.defects
        // Encrypted and rights-protected content hides body text (the parser names it, inline PGP was
        // found above while decoding the body text).
        item.protectedContent = allDefects.compactMap { defect in
            guard let protection = ContentProtection(defect.code), let kind = ProtectedContent.Protection(rawValue: protection.rawValue) else { return nil }
            return ProtectedContent(protection: kind, path: defect.partPath)
        }
        var diagnostics = allDefects.map { defect in
            Diagnostic(
                code: defect.code.diagnosticCode, message: defect.message,
                location: SourceLocation(path: path, byteOffset: defect.offset.map { $0 + offsetInFile }, partPath: defect.partPath))
        }
        // An HTML part reduced only in part: among the body defects, where it was found.
        let bodyDefectsStart = allDefects.count - defects.defects.count
        for limit in htmlLimits.reversed() {
            diagnostics.insert(
                Diagnostic(
                    code: HTMLTextCode.limitReached, message: "the HTML body was only partly reduced to text (a limit was reached)",
                    location: SourceLocation(path: path, partPath: limit.partPath)),
                at: bodyDefectsStart + limit.afterBodyDefects)
        }
        item.diagnostics = diagnostics
        addTNEFContent(into: &item)
        item.diagnostics += GatewayLinkUnwrapper.diagnostics(of: item.links, path: path)
        return item
    }

    /// An HTML part whose reduction reached a limit of ``HTMLTextOptions``, after how many body defects.
    private struct HTMLLimitReached {
        var partPath: String
        var afterBodyDefects: Int
    }

    /// Every inline text part of the message and of attached messages: plain text as it is, HTML
    /// reduced to text with its links. Without `.bodies` and `.links` the parts are only
    /// transfer-decoded (for their diagnostics and the uuencoded files in plain text).
    private func collectBodies(
        of message: MIMEMessage, into item: inout MailItem, decodedPlain: inout [String: [UInt8]], defects: inout DefectCollector,
        htmlLimits: inout [HTMLLimitReached]
    ) {
        for leaf in message.leaves where !leaf.isAttachment {
            let type = leaf.contentType
            // §4: the body is text/plain and text/html; other text (text/csv, text/enriched,
            // text/rfc822-headers) is an attachment. A multipart that could not be split is read as text.
            let isHTML = type.mimeType == "text/html"
            let isPlainLike = type.mimeType == "text/plain" || type.type == "multipart"
            guard isHTML || isPlainLike else { continue }
            let decoded = leaf.decodedContent(limits: limits, defects: &defects)
            if type.mimeType == "text/plain" { decodedPlain[leaf.path] = decoded }
            if let pgp = leaf.inlinePGPDefect(inDecoded: decoded) { defects.defects.append(pgp) }
            guard !content.isDisjoint(with: [.bodies, .links]) else { continue }
            let text = leaf.text(fromDecoded: decoded, defects: &defects)
            if isHTML {
                let extracted = html.extract(text)
                item.bodies.append(MailBodyText(text: extracted.text, origin: .html, path: leaf.path))
                item.links += linkUnwrapper.unwrapped(extracted.links.map { MailLink(url: $0.url, text: $0.text, path: leaf.path) })
                if extracted.isTruncated {
                    htmlLimits.append(HTMLLimitReached(partPath: leaf.path, afterBodyDefects: defects.defects.count))
                }
            } else {
                item.bodies.append(MailBodyText(text: text, origin: .plain, path: leaf.path))
                item.links += linkUnwrapper.unwrapped(PlainTextLinkScanner.urls(in: text).map { MailLink(url: $0, text: nil, path: leaf.path) })
            }
        }
    }

    private func mailAttachment(_ attachment: Attachment, uuencodedNumber: Int, defects: inout DefectCollector) -> MailAttachment {
        let entity = attachment.entity
        let limits = self.limits
        switch attachment.kind {
        case .uuencoded:
            let bytes = attachment.uudecodedContent ?? []
            return MailAttachment(
                name: attachment.filename, contentType: "application/octet-stream", isInline: false,
                path: entity.path + ".uu\(uuencodedNumber)", knownSize: bytes.count, content: { bytes })
        case .message:
            // The attached message as a whole: its bytes as they appear in the source; for an
            // opaque-signed S/MIME part, the `.p7m` file (its signed content is read like a message).
            let bytes: [UInt8]
            if entity.wrapperContent != nil {
                var scratch = DefectCollector()
                bytes = entity.decodedContent(limits: limits, defects: &scratch)
            } else if case .message(let inner) = entity.body {
                bytes = Array(inner.source[inner.root.range])
            } else {
                bytes = []
            }
            return MailAttachment(
                name: attachment.filename, contentType: entity.contentType.mimeType, isInline: attachment.isInline,
                path: entity.path, knownSize: bytes.count, content: { bytes })
        case .part:
            var part = MailAttachment(
                name: attachment.filename, contentType: entity.contentType.mimeType, isInline: attachment.isInline,
                path: entity.path,
                content: {
                    var defects = DefectCollector()
                    return entity.decodedContent(limits: limits, defects: &defects)
                })
            // A part whose encoded bytes outnumber the decoding limit may be cut by it: decode it now
            // (rare, and only for such parts) so that the cut is reported and its digests are unknown.
            if case .leaf(let encoded) = entity.body, encoded.count > limits.maxDecodedBytes {
                var scratch = DefectCollector()
                _ = entity.decodedContent(limits: limits, defects: &scratch)
                if scratch.defects.contains(where: { $0.code == .decodedSizeLimit }) {
                    part.isPartial = true
                    defects.defects += scratch.defects.filter { $0.code == .decodedSizeLimit }
                }
            }
            return part
        }
    }

    static func address(_ m: MailboxAddress) -> MailAddress { MailAddress(name: m.name, address: m.address) }
}
