public import MIME
public import MailModel
import Outlook

extension InspectRecord {
    /// The record of a MIME message: decodes every leaf, hashes it, and converts text parts to text.
    /// Offsets of defects are in the file: the message's own offsets plus `offsetInFile` (where the
    /// message's bytes start in an mbox file).
    package init(message: MIMEMessage, source: MessageSource, offsetInFile: Int = 0, limits: ParserLimits = .default) {
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
        for leaf in message.leaves {
            let decoded = leaf.decodedContent(limits: limits, defects: &decodeDefects)
            var text: String?
            if leaf.isInlineText {
                text = leaf.text(fromDecoded: decoded, defects: &decodeDefects)
            }
            if let pgp = leaf.inlinePGPDefect(inDecoded: decoded) { decodeDefects.defects.append(pgp) }
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
            Defect(code: defect.code.rawValue, part: defect.partPath, offset: defect.offset.map { $0 + shift }, message: defect.message)
        }
    }
}
