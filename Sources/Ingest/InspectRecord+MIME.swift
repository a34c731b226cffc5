package import MIME
package import MailModel
import Outlook
private import HTMLText

extension InspectRecord {
    /// The record of a MIME message: decodes every leaf, hashes it, and converts text parts to text.
    /// Offsets of defects are in the file: the message's own offsets plus `offsetInFile` (where the
    /// message's bytes start in an mbox file).
    package init(
        message: MIMEMessage, source: MessageSource, offsetInFile: Int = 0, limits: ParserLimits = .default,
        linkUnwrapper: GatewayLinkUnwrapper? = GatewayLinkUnwrapper()
    ) {
        self.init(source: source)
        let envelope = MessageEnvelope(headers: message.headers, path: message.root.path)
        messageID = envelope.messageID
        subject = envelope.subject
        date = envelope.date?.iso8601UTC
        from = envelope.from.map(MIMEItemNormalizer.address)
        to = envelope.to.map(MIMEItemNormalizer.address)
        cc = envelope.cc.map(MIMEItemNormalizer.address)
        inReplyTo = envelope.inReplyTo
        references = envelope.references
        var decodeDefects = DefectCollector()
        if linkUnwrapper != nil { links = [] }
        for leaf in message.leaves {
            let decoded = leaf.decodedContent(limits: limits, defects: &decodeDefects)
            var text: String?
            if leaf.isInlineText {
                text = leaf.text(fromDecoded: decoded, defects: &decodeDefects)
            }
            if let pgp = leaf.inlinePGPDefect(inDecoded: decoded) { decodeDefects.defects.append(pgp) }
            // The links of the bodies, as investigations collect them (MIMEItemNormalizer).
            let type = leaf.contentType
            if let linkUnwrapper, !leaf.isAttachment, type.mimeType == "text/html" || type.mimeType == "text/plain" || type.type == "multipart" {
                let body = text ?? leaf.text(fromDecoded: decoded, defects: &decodeDefects)
                let found = type.mimeType == "text/html"
                    ? HTMLTextExtractor().extract(body).links.map { MailLink(url: $0.url, text: $0.text, path: leaf.path) }
                    : PlainTextLinkScanner.urls(in: body).map { MailLink(url: $0, text: nil, path: leaf.path) }
                links?.append(contentsOf: linkUnwrapper.unwrapped(found))
            }
            parts.append(
                Part(
                    path: leaf.path, contentType: leaf.contentType.mimeType, charset: leaf.contentType.charset,
                    filename: leaf.filename, disposition: leaf.contentDisposition?.kind,
                    transferEncoding: leaf.transferEncoding.name, size: decoded.count,
                    sha256: Self.sha256Hex(decoded), text: text, embedded: nil))
            // The files of a TNEF stream (`winmail.dat`) follow it.
            if OutlookItemNormalizer.isTNEF(mimeType: leaf.contentType.mimeType, name: leaf.filename, bytes: nil) {
                let tnef = TNEFReader.read(decoded[...], pathPrefix: leaf.path + ".tnef")
                addTNEFParts(of: tnef)
                decodeDefects.defects += tnef.diagnostics.map { MIMEDefect(code: .init(rawValue: $0.code.rawValue), message: $0.message, partPath: $0.part ?? leaf.path) }
            }
            // Files uuencoded inside a plain-text body are attachments too; they follow their part.
            if leaf.contentType.mimeType == "text/plain", !leaf.isAttachment {
                for (n, block) in UUDecoder.scanBlocks(in: decoded[...], limit: limits.maxDecodedBytes).enumerated() {
                    decodeDefects.defects += block.defects.map { var d = $0; d.partPath = leaf.path; return d }
                    parts.append(
                        Part(
                            path: "\(leaf.path).uu\(n + 1)", contentType: "application/octet-stream", charset: nil,
                            filename: block.fileName, disposition: "attachment", transferEncoding: "x-uuencode",
                            size: block.data.count, sha256: Self.sha256Hex(block.data), text: nil, embedded: "uuencode"))
                }
            }
        }
        let shift = offsetInFile
        defects = (message.allDefects + envelope.defects + decodeDefects.defects).map { defect in
            Defect(code: defect.code.diagnosticCode, part: defect.partPath, offset: defect.offset.map { $0 + shift }, message: defect.message)
        }
        defects += GatewayLinkUnwrapper.diagnostics(of: links ?? [], path: source.path).map {
            Defect(code: $0.code, part: $0.location.partPath ?? "", offset: nil, message: $0.message)
        }
    }

    /// Joins the attachments Apple Mail stored beside a `.partial.emlx` (see `StoredAttachmentJoin`).
    package mutating func join(_ stored: StoredAttachments) {
        for index in parts.indices where parts[index].text == nil && parts[index].embedded == nil {
            let part = AppleMailMessage.partName(ofPartPath: parts[index].path)
            if let file = stored.file(forPart: part, named: parts[index].filename) {
                parts[index].size = file.size
                if let sha256 = file.digests["sha256"] {
                    parts[index].sha256 = sha256
                } else if let diskPath = file.diskPath, let bytes = try? InputFile.read(diskPath) {
                    parts[index].sha256 = Self.sha256Hex(bytes)
                }
                parts[index].storedAt = file.path
            } else if parts[index].size == 0 {
                parts[index].isCollected = false
                defects.append(Defect(
                    code: IngestCode.emlxAttachmentNotCollected, part: parts[index].path, offset: nil,
                    message: "Apple Mail stored this attachment apart from the message, and \(stored.folder)\(part)/ holds no file: not collected"))
            }
        }
    }
}
