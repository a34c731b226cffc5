import Foundation
import MIME
import MailModel
import Testing

/// Locates the package's `Fixtures/` folder and reads and records golden files.
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.appendingPathComponent("Fixtures")

    /// Names of the `.eml` fixtures in `Fixtures/<folder>`, sorted.
    static func messages(in folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name)))
    }

    /// Whether `RECORD_GOLDENS=1` asks to (re)write golden files instead of comparing.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// The golden file to compare `actual` with; `RECORD_GOLDENS=1` writes it from `actual` first. A
    /// missing golden file is a failure, never recorded silently.
    static func golden(_ folder: String, _ name: String, _ actual: String) throws -> String? {
        let url = root.appendingPathComponent(folder).appendingPathComponent(name)
        if isRecording { try Data(actual.utf8).write(to: url) }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing golden file \(folder)/\(name); RECORD_GOLDENS=1 writes it (review the diff)")
            return nil
        }
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// LF → CRLF (lone LFs only; existing CRLFs are kept).
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 20)
        for (i, b) in bytes.enumerated() {
            if b == 0x0A, i == 0 || bytes[i - 1] != 0x0D { out.append(0x0D) }
            out.append(b)
        }
        return out
    }
}

/// The golden rendering of a message: its envelope and its MIME tree with defects.
enum GoldenRendering {
    static func render(_ message: MIMEMessage, offsets: Bool = true) -> String {
        let envelope = MessageEnvelope(headers: message.headers, path: message.root.path)
        var lines: [String] = []
        lines.append("message-id: \(envelope.messageID ?? "-")")
        lines.append("subject: \(envelope.subject.map { "\"\($0)\"" } ?? "-")")
        lines.append("date: \(envelope.date?.iso8601UTC ?? "-")")
        if !envelope.inReplyTo.isEmpty { lines.append("in-reply-to: " + envelope.inReplyTo.joined(separator: " ")) }
        if !envelope.references.isEmpty { lines.append("references: " + envelope.references.joined(separator: " ")) }
        for (name, list) in [("from", envelope.from), ("to", envelope.to), ("cc", envelope.cc)] {
            let rendered = list.map { a in (a.name.map { "\"\($0)\" " } ?? "") + "<\(a.address)>" }
            lines.append("\(name): " + (rendered.isEmpty ? "-" : rendered.joined(separator: ", ")))
        }
        for defect in envelope.defects {
            lines.append("! \(defect.code.rawValue)" + (offsets ? defect.offset.map { " @\($0)" } ?? "" : ""))
        }
        lines.append("--")
        return lines.joined(separator: "\n") + "\n" + MIMETreeDescription(showsOffsets: offsets, showsMessages: false).render(message)
    }

    /// A line-ending independent view: structure, names, defect codes, text with LF endings, and the
    /// SHA-like identity of non-text content (its bytes).
    static func structure(_ message: MIMEMessage) -> [String] {
        var out: [String] = []
        message.root.walk { entity in
            out.append("\(entity.path) \(entity.contentType.mimeType) \(entity.filename ?? "-") \(entity.contentDisposition?.kind ?? "-")")
            out += entity.defects.map { "  ! \($0.code.rawValue)" }
            if entity.leafContent != nil {
                var defects = DefectCollector()
                let decoded = entity.decodedContent(defects: &defects)
                if entity.contentType.type == "text" || entity.contentType.type == "multipart" {
                    let text = entity.text(fromDecoded: decoded, defects: &defects).replacingOccurrences(of: "\r\n", with: "\n")
                    out.append("  text: \(text)")
                } else {
                    out.append("  bytes: \(decoded.count) \(decoded.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 })")
                }
                out += defects.defects.map { "  ! \($0.code.rawValue)" }
            }
        }
        let envelope = MessageEnvelope(headers: message.headers)
        out.append("subject \(envelope.subject ?? "-") date \(envelope.date?.iso8601UTC ?? "-")")
        out.append("from \(envelope.from.map(\.address)) to \(envelope.to.map(\.address)) cc \(envelope.cc.map(\.address))")
        out.append("message-id \(envelope.messageID ?? "-") in-reply-to \(envelope.inReplyTo) references \(envelope.references)")
        return out
    }
}
