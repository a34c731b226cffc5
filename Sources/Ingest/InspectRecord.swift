import JSONOutput
private import Crypto
package import MailModel

/// The §10 `inspect` record of one message: how Dragnet read it. The JSON keys are a contract.
/// Built from a MIME message (`InspectRecord+MIME.swift`) or a Graph message (`InspectRecord+Graph.swift`).
package struct InspectRecord: Sendable {
    /// One leaf part as shown by `inspect`.
    package struct Part: Sendable {
        /// MIME part path (`1.2`) or, for Graph, the JSON pointer of the body or attachment in the message.
        package var path: String
        package var contentType: String
        package var charset: String?
        package var filename: String?
        package var disposition: String?
        package var transferEncoding: String?
        /// Size of the transfer-decoded bytes.
        package var size: Int
        /// SHA-256 (hex) of the transfer-decoded bytes.
        package var sha256: String
        /// Charset-decoded text of `text/*` parts that are not attachments.
        package var text: String?
        /// Set for attachments found inside a text body (`uuencode`), not as MIME parts.
        package var embedded: String?
        /// Where the part's bytes were read when the message file left them out (an attachment Apple
        /// Mail stored beside a `.partial.emlx`).
        package var storedAt: String? = nil
        /// False when the message file left the part's bytes out and they were not found: its size
        /// and digest are unknown (written as null), never those of nothing.
        package var isCollected = true
    }

    /// A defect or reader diagnostic, placed by part (path or pointer) and byte offset.
    package struct Defect: Sendable {
        package var code: DiagnosticCode
        package var part: String
        package var offset: Int?
        package var message: String
    }

    package var source: MessageSource
    package var messageID: String?
    package var subject: String?
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    package var date: String?
    package var from: [MailAddress] = []
    package var to: [MailAddress] = []
    package var cc: [MailAddress] = []
    /// `In-Reply-To` and `References` identifiers (without angle brackets); written only when present.
    package var inReplyTo: [String] = []
    package var references: [String] = []
    package var parts: [Part] = []
    /// The links of the bodies (§4 `links`: HTML `href`/`src`, URLs in plain text), each with what a
    /// mail gateway's wrapper of it hides. ``MailLink/path`` is the part path or JSON pointer. `nil`
    /// when not collected (`inspect --no-links`): the key is then left out, never written empty.
    package var links: [MailLink]?
    package var defects: [Defect] = []

    package init(source: MessageSource) {
        self.source = source
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
        if let pointer = source.pointer, source.line == nil || !pointer.isEmpty { w.field("pointer", pointer) }
        if let line = source.line { w.field("line", line) }
        if let folder = source.folder { w.field("folder", folder) }
        if let descriptor = source.descriptor { w.field("descriptor", descriptor) }
        if source.recovered { w.key("recovered"); w.bool(true) }
        w.endObject()
        w.field("messageId", messageID)
        w.field("subject", subject)
        w.field("date", date)
        for (name, list) in [("from", from), ("to", to), ("cc", cc)] {
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
        for (name, ids) in [("inReplyTo", inReplyTo), ("references", references)] where !ids.isEmpty {
            w.key(name)
            w.beginArray()
            for id in ids { w.string(id) }
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
            if part.isCollected {
                w.field("size", part.size)
                w.field("sha256", part.sha256)
            } else {
                w.key("size")
                w.null()
                w.key("sha256")
                w.null()
                w.key("collected")
                w.bool(false)
            }
            if let storedAt = part.storedAt { w.field("storedAt", storedAt) }
            if let embedded = part.embedded { w.field("embedded", embedded) }
            if let text = part.text { w.field("text", text) }
            w.endObject()
        }
        w.endArray()
        if let links { Self.write(links, into: &w) }
        w.key("defects")
        w.beginArray()
        for defect in defects {
            w.beginObject()
            w.field("code", defect.code.rawValue)
            w.field("part", defect.part)
            if let offset = defect.offset { w.field("offset", offset) } else { w.key("offset"); w.null() }
            w.field("message", defect.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }

    /// `"links": [{"part", "url", "text"?, "unwrapped"?, "via"?, "domainHint"?, "defect"?}, ...]`.
    private static func write(_ links: [MailLink], into w: inout JSONWriter) {
        w.key("links")
        w.beginArray()
        for link in links {
            w.beginObject()
            w.field("part", link.path)
            w.field("url", link.url)
            if let text = link.text { w.field("text", text) }
            if let unwrapped = link.unwrapped {
                w.field("unwrapped", unwrapped.original)
                w.key("via")
                w.beginArray()
                for host in unwrapped.via { w.string(host) }
                w.endArray()
                if let hint = unwrapped.domainHint { w.field("domainHint", hint) }
                if let problem = unwrapped.problem { w.field("defect", problem.code.rawValue) }
            }
            w.endObject()
        }
        w.endArray()
    }
}
