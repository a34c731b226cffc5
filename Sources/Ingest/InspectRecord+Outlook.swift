package import MailModel
package import Outlook
import MIME

extension InspectRecord {
    /// The record of an Outlook message (a PST/OST item, a `.msg`): `parts` are its bodies (`body`
    /// text/plain, `html` text/html, `rtf` application/rtf with the text or HTML read from it) and its
    /// attachments with the size and SHA-256 of their bytes (`att1`, `att2.att1` inside an attached
    /// message, `att1.tnef1` inside a TNEF stream); `defects` are the reader's diagnostics.
    package init(
        outlook message: OutlookMessage, source: MessageSource, options: OutlookReadOptions = OutlookReadOptions(),
        linkUnwrapper: GatewayLinkUnwrapper? = GatewayLinkUnwrapper()
    ) {
        self.init(source: source)
        let content: ItemContent = linkUnwrapper == nil ? [] : [.links]
        let item = OutlookItemNormalizer(content: content, outlookOptions: options).item(from: message, source: source, mailbox: "", folder: "")
        // The links of the bodies, as investigations collect them.
        if let linkUnwrapper { links = linkUnwrapper.unwrapped(item.links) }
        messageID = item.messageID
        subject = item.subject
        date = item.date.map(UTCTimestamp.iso8601)
        from = item.from
        to = item.to
        cc = item.cc
        addParts(of: message, prefix: "", options: options)
        defects = item.diagnostics.map { Defect(code: $0.code, part: $0.location.partPath ?? "", offset: nil, message: $0.message) }
    }

    private mutating func addParts(of message: OutlookMessage, prefix: String, options: OutlookReadOptions) {
        func text(_ path: String, _ type: String, _ charset: String, _ text: String, bytes: [UInt8]? = nil) {
            let data = bytes ?? Array(text.utf8)
            parts.append(Part(
                path: path, contentType: type, charset: charset, filename: nil, disposition: nil, transferEncoding: nil,
                size: data.count, sha256: Self.sha256Hex(data), text: text, embedded: nil))
        }
        if let plain = message.plainBody, !plain.isEmpty { text(prefix + "body", "text/plain", "utf-8", plain) }
        if let html = message.htmlBody, !html.isEmpty {
            let codepage = message.htmlCodepage
            text(prefix + "html", "text/html", codepage.map(Codepage.charset) ?? "utf-8", Codepage.decodeText(html, codepage: codepage), bytes: html)
        }
        if let compressed = message.compressedRTF, !compressed.isEmpty {
            let rtf = CompressedRTF.decompress(compressed, maxBytes: options.maxAttachmentBytes).rtf
            let content: String = switch RTFReader.read(rtf, defaultCodepage: message.codepage).content {
            case .html(let html): html
            case .text(let plain, _): plain
            }
            parts.append(Part(
                path: prefix + "rtf", contentType: "application/rtf", charset: nil, filename: nil, disposition: nil,
                transferEncoding: "compressed-rtf", size: rtf.count, sha256: Self.sha256Hex(rtf), text: content, embedded: nil))
        }
        for attachment in message.attachments {
            switch attachment.content {
            case .file(let bytes):
                parts.append(Part(
                    path: attachment.path, contentType: attachment.mimeType ?? "application/octet-stream", charset: nil,
                    filename: attachment.name, disposition: attachment.isInline ? "inline" : "attachment", transferEncoding: nil,
                    size: bytes.count, sha256: Self.sha256Hex(bytes), text: nil, embedded: nil))
                if OutlookItemNormalizer.isTNEF(mimeType: attachment.mimeType, name: attachment.name, bytes: bytes) {
                    let tnef = TNEFReader.read(bytes[...], pathPrefix: attachment.path + ".tnef", options: options)
                    addTNEFParts(of: tnef)
                }
            case .message(let inner):
                addParts(of: inner, prefix: attachment.path + ".", options: options)
            case .noBytes, .unread:
                break
            }
        }
    }

    /// The files of a TNEF stream, marked `embedded: tnef` (also used for MIME `winmail.dat` parts).
    mutating func addTNEFParts(of message: OutlookMessage) {
        for attachment in message.attachments {
            switch attachment.content {
            case .file(let bytes):
                parts.append(Part(
                    path: attachment.path, contentType: attachment.mimeType ?? "application/octet-stream", charset: nil,
                    filename: attachment.name, disposition: "attachment", transferEncoding: nil,
                    size: bytes.count, sha256: Self.sha256Hex(bytes), text: nil, embedded: "tnef"))
            case .message(let inner):
                addTNEFParts(of: inner)
            case .noBytes, .unread:
                break
            }
        }
    }
}
