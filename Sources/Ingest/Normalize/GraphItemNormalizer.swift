package import GraphExport
package import MailModel
package import MIME
private import HTMLText

/// Turns a Graph message into the normalized ``MailItem`` investigations see (§4).
///
/// "Not collected" stays "not collected": without `internetMessageHeaders` (or the raw header block of
/// `String 0x007D`) the item has no headers and no sender IPs; without `attachments` it has no
/// attachment list; a field PowerShell cut (`System.Collections.Hashtable`) is unknown, never empty.
package struct GraphItemNormalizer: Sendable {
    private var html = HTMLTextExtractor()
    /// What to build beyond the envelope and the attachment list.
    package var content: ItemContent
    /// How S/MIME attachments (Exchange's form of an S/MIME message) are parsed.
    package var options: ParserOptions
    /// Unwraps links rewritten by mail gateways as they are collected.
    package var linkUnwrapper = GatewayLinkUnwrapper()

    package init(content: ItemContent = .all, options: ParserOptions = .default) {
        self.content = content
        self.options = options
    }

    /// - Parameter apart: the message's attachments the export keeps apart from it, read again
    ///   (``AttachmentsApart/read(excluding:)``): they follow its own attachments, named by their own
    ///   file and pointer (`path#/value/0`).
    package func item(
        from message: GraphMessage, source: MessageSource, mailbox: String, folder: String, apart: AttachmentsApart.Reading? = nil
    ) -> MailItem {
        var item = MailItem(source: source, mailbox: mailbox, folder: folder)
        item.messageID = message.internetMessageId.value.map(Self.stripAngleBrackets)
        item.subject = message.subject.value
        for (name, field) in [("from", message.from), ("sender", message.sender)] {
            // Cut by PowerShell, as a field or as the recipient's text: what is left cannot decide a no.
            if field.isTruncated || isUnreadable(field) || field.value?.isTruncated == true { item.unknownFields.insert(name) }
        }
        item.from = Self.addresses(message.from.value.map { [$0] } ?? [])
        item.sender = Self.addresses(message.sender.value.map { [$0] } ?? [])
        let lists: [(String, GraphField<[GraphRecipient]>)] = [
            ("to", message.toRecipients), ("cc", message.ccRecipients), ("bcc", message.bccRecipients), ("replyTo", message.replyTo),
        ]
        for (name, field) in lists where field.isTruncated || isUnreadable(field) || (field.value ?? []).contains(where: \.isTruncated) {
            item.unknownFields.insert(name)
        }
        item.to = Self.addresses(message.toRecipients.value ?? [])
        item.cc = Self.addresses(message.ccRecipients.value ?? [])
        item.bcc = Self.addresses(message.bccRecipients.value ?? [])
        item.replyTo = Self.addresses(message.replyTo.value ?? [])
        if message.subject.isTruncated || isUnreadable(message.subject) { item.unknownFields.insert("subject") }
        item.date = (message.sentDateTime.value ?? message.receivedDateTime.value)?.secondsSinceEpoch
        item.receivedDate = message.receivedDateTime.value?.secondsSinceEpoch
        item.isRead = message.isRead.value
        item.graphID = message.id.value.flatMap { $0.isEmpty ? nil : $0 }
        item.categories = message.categories.value

        if !content.isDisjoint(with: [.headers, .senderIPs]) {
            let headers = Self.headers(of: message)
            if content.contains(.headers) { item.headers = headers.map { .collected($0) } ?? .notCollected }
            if let headers, content.contains(.senderIPs) {
                item.senderIPs = .collected(SenderIPExtractor.senderIPs(headers: headers.map { (name: $0.name, value: $0.value) }))
            }
        }

        if message.body.isTruncated || message.body.isCollected && message.body.value == nil && !message.body.isKnown {
            item.unknownFields.insert("body")
        }
        var attachments: [MailAttachment] = []
        var protectionDiagnostics: [Diagnostic] = []
        addContent(of: message, pointer: "", into: &item, attachments: &attachments, diagnostics: &protectionDiagnostics)
        for joined in apart?.attachments ?? [] {
            add(joined.attachment, path: joined.reference, into: &item, attachments: &attachments, diagnostics: &protectionDiagnostics)
        }
        item.attachments = message.attachments.value != nil || apart != nil ? .collected(attachments) : .notCollected
        // A list missing its next page: what it holds can match, but a miss cannot decide.
        if apart?.isIncomplete == true { item.unknownFields.insert("attachments") }

        let path = source.path
        item.diagnostics = message.diagnostics.map { diagnostic in
            Diagnostic(
                code: diagnostic.code.diagnosticCode, message: diagnostic.message,
                location: SourceLocation(path: path, byteOffset: diagnostic.byteOffset, line: diagnostic.line, column: diagnostic.column, pointer: diagnostic.pointer),
                severity: diagnostic.severity)
        } + protectionDiagnostics + (apart?.diagnostics ?? [])
        item.diagnostics += GatewayLinkUnwrapper.diagnostics(of: item.links, path: path, jsonPointerBase: source.pointer ?? "", line: source.line)
        return item
    }

    /// An attachment that hides or wraps the message (``GraphProtectedAttachment``): what is protected
    /// becomes ``MailItem/protectedContent``; what is only signed is read like the MIME message it is
    /// (bodies, links and attachments, at `POINTER#PART`).
    private func addProtected(
        _ reading: GraphProtectedAttachment.Reading, name: String?, pointer: String, into item: inout MailItem,
        attachments: inout [MailAttachment], diagnostics: inout [Diagnostic]
    ) {
        let file = item.source.path
        func diagnostic(_ defect: MIMEDefect, part: String?) -> Diagnostic {
            Diagnostic(code: defect.code.diagnosticCode, message: defect.message, location: SourceLocation(path: file, partPath: part, pointer: pointer))
        }
        guard case .smime(let message) = reading else {
            if let defect = GraphProtectedAttachment.defect(reading, name: name), let protection = ContentProtection(defect.code),
               let kind = ProtectedContent.Protection(rawValue: protection.rawValue) {
                item.protectedContent.append(ProtectedContent(protection: kind, path: pointer))
                diagnostics.append(diagnostic(defect, part: nil))
            }
            return
        }
        let inner = MIMEItemNormalizer(limits: options.limits, content: content).item(
            from: message, source: item.source, mailbox: item.mailbox, folder: item.folder)
        let prefix = pointer + "#"
        item.absorb(wrapped: inner, rootPath: message.root.path, prefix: prefix, attachments: &attachments)
        diagnostics += inner.diagnostics.map { d in
            Diagnostic(code: d.code, message: d.message, location: SourceLocation(path: file, partPath: d.location.partPath, pointer: pointer), severity: d.severity)
        }
    }

    private func isUnreadable<T>(_ field: GraphField<T>) -> Bool {
        if case .unreadable = field { return true }
        return false
    }

    /// Body text, links and attachments of a message and, recursively, of its item attachments.
    private func addContent(
        of message: GraphMessage, pointer: String, into item: inout MailItem, attachments: inout [MailAttachment], diagnostics: inout [Diagnostic]
    ) {
        let body = message.body.value ?? message.uniqueBody.value
        let bodyPath = pointer + (message.body.value != nil ? "/body" : "/uniqueBody")
        if let body, let content = body.content, !self.content.isDisjoint(with: [.bodies, .links]) {
            if body.contentType == .text {
                item.bodies.append(MailBodyText(text: content, origin: .plain, path: bodyPath))
                if self.content.contains(.links) {
                    item.links += linkUnwrapper.unwrapped(PlainTextLinkScanner.urls(in: content).map { MailLink(url: $0, text: nil, path: bodyPath) })
                }
            } else {
                let extracted = html.extract(content)
                item.bodies.append(MailBodyText(text: extracted.text, origin: .html, path: bodyPath))
                if self.content.contains(.links) {
                    item.links += linkUnwrapper.unwrapped(extracted.links.map { MailLink(url: $0.url, text: $0.text, path: bodyPath) })
                }
            }
        }
        for (index, attachment) in (message.attachments.value ?? []).enumerated() {
            add(attachment, path: "\(pointer)/attachments/\(index)", into: &item, attachments: &attachments, diagnostics: &diagnostics)
        }
    }

    /// One attachment at `path` and, for an item attachment, its item's content (recursively).
    private func add(
        _ attachment: GraphAttachment, path: String, into item: inout MailItem, attachments: inout [MailAttachment], diagnostics: inout [Diagnostic]
    ) {
        let isInline = attachment.isInline.value ?? false
        switch attachment.kind {
        case .item:
            attachments.append(MailAttachment(
                name: attachment.name.value, contentType: attachment.contentType.value?.lowercased() ?? "message/rfc822",
                isInline: isInline, path: path, knownSize: nil, hasContent: false, content: { [] }))
            if let inner = attachment.item.value {
                addContent(of: inner, pointer: path + "/item", into: &item, attachments: &attachments, diagnostics: &diagnostics)
            }
        case .file, .unknown:
            let captured = attachment
            attachments.append(MailAttachment(
                name: attachment.name.value, contentType: attachment.contentType.value?.lowercased(),
                isInline: isInline, path: path, knownSize: nil, hasContent: attachment.hasContent,
                content: { captured.decodedContent() }))
            if let reading = GraphProtectedAttachment.read(attachment, options: options) {
                addProtected(reading, name: attachment.name.value, pointer: path, into: &item, attachments: &attachments, diagnostics: &diagnostics)
            }
        case .reference:
            attachments.append(MailAttachment(
                name: attachment.name.value, contentType: attachment.contentType.value?.lowercased(),
                isInline: isInline, path: path, knownSize: nil, hasContent: false, content: { [] }))
        }
    }

    /// Headers from `internetMessageHeaders`, else from the raw header block of `String 0x007D`;
    /// `nil` when the export collected neither.
    static func headers(of message: GraphMessage) -> [MailHeader]? {
        if let list = message.internetMessageHeaders.value {
            var scratch = DefectCollector()
            return list.map { header in
                // Exporters keep encoded words in header values; decode them as a MIME reader would.
                MailHeader(name: header.name, value: EncodedWordDecoder.decodeText(Array(header.value.utf8)[...], defects: &scratch))
            }
        }
        if let block = message.transportMessageHeaders {
            var bytes = Array(block.utf8)
            bytes += [0x0D, 0x0A, 0x0D, 0x0A]
            let parsed = MIMEParser().parse(bytes)
            var scratch = DefectCollector()
            return parsed.headers.map { MailHeader(name: $0.name, value: EncodedWordDecoder.decodeText($0.rawValue, defects: &scratch)) }
        }
        return nil
    }

    static func addresses(_ recipients: [GraphRecipient]) -> [MailAddress] {
        recipients.compactMap { recipient in
            guard let address = recipient.address, !address.isEmpty else { return nil }
            let name = recipient.name.flatMap { $0.isEmpty ? nil : $0 }
            return MailAddress(name: name, address: address)
        }
    }

    static func stripAngleBrackets(_ id: String) -> String {
        var s = Substring(id)
        while let f = s.first, f == " " || f == "<" { s.removeFirst() }
        while let l = s.last, l == " " || l == ">" { s.removeLast() }
        return String(s)
    }
}
