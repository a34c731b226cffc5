private import Crypto
public import MIME
public import MailModel

/// The §10 `inspect` record of one message: how Dragnet read it. The JSON keys are a contract.
package struct InspectRecord: Sendable {
    /// One leaf part as shown by `inspect`.
    package struct Part: Sendable {
        package var path: String
        package var contentType: String
        package var charset: String?
        package var filename: String?
        package var disposition: String?
        package var transferEncoding: String
        /// Size of the transfer-decoded bytes.
        package var size: Int
        /// SHA-256 (hex) of the transfer-decoded bytes.
        package var sha256: String
        /// Charset-decoded text of `text/*` parts that are not attachments.
        package var text: String?
        /// Set for attachments found inside a text body (`uuencode`), not as MIME parts.
        package var embedded: String?
    }

    package var source: MessageSource
    package var envelope: MessageEnvelope
    package var parts: [Part]
    package var defects: [MIMEDefect]

    /// Builds the record: decodes every leaf, hashes it, and converts text parts to text.
    package init(message: MIMEMessage, source: MessageSource, limits: ParserLimits = .default) {
        self.source = source
        envelope = MessageEnvelope(headers: message.headers, path: message.root.path)
        var defects = DefectCollector()
        var parts: [Part] = []
        for leaf in message.leaves {
            let decoded = leaf.decodedContent(limits: limits, defects: &defects)
            var text: String?
            if leaf.isInlineText {
                text = leaf.text(fromDecoded: decoded, defects: &defects)
            }
            parts.append(
                Part(
                    path: leaf.path, contentType: leaf.contentType.mimeType, charset: leaf.contentType.charset,
                    filename: leaf.filename, disposition: leaf.contentDisposition?.kind,
                    transferEncoding: leaf.transferEncoding.name, size: decoded.count,
                    sha256: Self.sha256Hex(decoded), text: text, embedded: nil))
            // Files uuencoded inside a plain-text body are attachments too; they follow their part.
            if leaf.contentType.mimeType == "text/plain", !leaf.isAttachment {
                for (n, block) in UUDecoder.scanBlocks(in: decoded[...], limit: limits.maxDecodedBytes).enumerated() {
                    defects.defects += block.defects.map { var d = $0; d.partPath = leaf.path; return d }
                    parts.append(
                        Part(
                            path: "\(leaf.path).uu\(n + 1)", contentType: "application/octet-stream", charset: nil,
                            filename: block.fileName, disposition: "attachment", transferEncoding: "x-uuencode",
                            size: block.data.count, sha256: Self.sha256Hex(block.data), text: nil, embedded: "uuencode"))
                }
            }
        }
        self.parts = parts
        self.defects = message.allDefects + envelope.defects + defects.defects
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The record as one line of JSON (with the trailing line break).
    package func jsonLine() -> [UInt8] {
        var w = JSONWriter(capacity: 2048)
        w.beginObject()
        w.key("source")
        w.beginObject()
        w.field("format", source.format)
        w.field("path", source.path)
        if let index = source.index { w.field("index", index) }
        if let offset = source.offset { w.field("offset", offset) }
        if let pointer = source.pointer { w.field("pointer", pointer) }
        w.endObject()
        w.field("messageId", envelope.messageID)
        w.field("subject", envelope.subject)
        w.field("date", envelope.date?.iso8601UTC)
        for (name, list) in [("from", envelope.from), ("to", envelope.to), ("cc", envelope.cc)] {
            w.key(name)
            w.beginArray()
            for address in list {
                w.beginObject()
                w.field("name", address.name)
                w.field("address", address.address)
                w.endObject()
            }
            w.endArray()
        }
        w.key("parts")
        w.beginArray()
        for part in parts {
            w.beginObject()
            w.field("path", part.path)
            w.field("contentType", part.contentType)
            w.field("charset", part.charset)
            w.field("filename", part.filename)
            w.field("disposition", part.disposition)
            w.field("transferEncoding", part.transferEncoding)
            w.field("size", part.size)
            w.field("sha256", part.sha256)
            if let embedded = part.embedded { w.field("embedded", embedded) }
            if let text = part.text { w.field("text", text) }
            w.endObject()
        }
        w.endArray()
        w.key("defects")
        w.beginArray()
        for defect in defects {
            w.beginObject()
            w.field("code", defect.code.rawValue)
            w.field("part", defect.partPath)
            if let offset = defect.offset { w.field("offset", offset) } else { w.key("offset"); w.null() }
            w.field("message", defect.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }
}
