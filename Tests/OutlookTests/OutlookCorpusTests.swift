import Foundation
import Testing
@testable import Outlook

/// Reads every file of the shared Outlook corpus (`../shared/corpus/outlook`, when present) and compares
/// items per folder, subjects, senders and attachment names and sizes with the values independent
/// readers (libpff's pffexport and pypff, Python extract-msg) recorded in `expect.jsonl`.
@Suite(.serialized)
struct OutlookCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let outlook = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/outlook")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: outlook.appendingPathComponent("expect.jsonl").path) }

    /// The expected records, by file: the file record and its item records.
    static func expectations() throws -> [String: (file: [String: Any], items: [[String: Any]])] {
        let text = try String(contentsOf: outlook.appendingPathComponent("expect.jsonl"), encoding: .utf8)
        var out: [String: (file: [String: Any], items: [[String: Any]])] = [:]
        for line in text.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let name = try #require(object["file"] as? String)
            var entry = out[name] ?? ([:], [])
            if object["kind"] as? String == "file" { entry.file = object } else { entry.items.append(object) }
            out[name] = entry
        }
        return out
    }

    static func path(_ name: String) -> String { outlook.appendingPathComponent("files").appendingPathComponent(name).path }

    /// What a reader compares of one message.
    struct Facts: Equatable, CustomStringConvertible {
        var subject: String?
        var sender: String?
        var attachments: [String]

        var description: String { "\(subject ?? "nil") from \(sender ?? "nil") \(attachments)" }
    }

    static func facts(_ message: OutlookMessage) -> Facts {
        Facts(
            subject: message.subject, sender: message.from?.bestAddress?.lowercased(),
            attachments: message.attachments.map { attachment in
                let size = attachment.bytes.map { String($0.count) } ?? "-"
                return "\(attachment.name ?? "nil"):\(attachment.message != nil ? "-" : size)"
            })
    }

    static func expectedFacts(_ item: [String: Any]) -> (Facts, senders: [String]) {
        let attachments = (item["attachments"] as? [[String: Any]] ?? []).map { a in
            let size = (a["size"] as? Int).map(String.init) ?? "-"
            return "\((a["name"] as? String) ?? "nil"):\((a["embedded"] as? Bool) == true ? "-" : size)"
        }
        let senders = (item["senderAddresses"] as? [String]) ?? []
        // extract-msg keeps the NUL that ends an 8-bit string.
        let subject = (item["subject"] as? String).map { String($0.unicodeScalars.filter { $0 != "\0" }) }
        return (Facts(subject: subject, sender: senders.last, attachments: attachments), senders)
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus/outlook is not present"))
    func msgFilesMatchTheReferenceReading() throws {
        let expected = try Self.expectations()
        var compared = 0
        for (name, entry) in expected.sorted(by: { $0.key < $1.key }) where entry.file["format"] as? String == "msg" {
            guard entry.file["readable"] as? Bool == true else {
                #expect(throws: OutlookFileError.self, "\(name) should be unreadable") { try MSGReader.read(path: Self.path(name)) }
                continue
            }
            let message = try MSGReader.read(path: Self.path(name))
            let item = try #require(entry.items.first)
            let (want, senders) = Self.expectedFacts(item)
            let got = Self.facts(message)
            #expect(got.subject == want.subject, "\(name)")
            if senders.isEmpty {
                #expect(got.sender == nil, "\(name)")
            } else {
                #expect(senders.contains(got.sender ?? ""), "\(name): \(got.sender ?? "nil") not in \(senders)")
            }
            // A signed message's attachment is its MIME entity; Ingest reads the files inside (IngestTests).
            if !(message.messageClass ?? "").contains("SMIME") { #expect(got.attachments == want.attachments, "\(name)") }
            #expect(message.messageClass == item["messageClass"] as? String, "\(name)")
            compared += 1
        }
        #expect(compared >= 35)
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus/outlook is not present"))
    func pstFilesMatchTheReferenceReading() throws {
        let expected = try Self.expectations()
        var compared = 0
        for (name, entry) in expected.sorted(by: { $0.key < $1.key }) where entry.file["format"] as? String == "pst" {
            guard entry.file["readable"] as? Bool == true else {
                #expect(throws: OutlookFileError.self, "\(name) should be unreadable") { try PSTReader(path: Self.path(name)) }
                continue
            }
            let reader = try PSTReader(path: Self.path(name))
            var messages: [(OutlookMessage, PSTFolder)] = []
            var diagnostics: [OutlookDiagnostic] = []
            while let event = reader.next() {
                switch event {
                case .message(let message, let folder): messages.append((message, folder))
                case .diagnostic(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            let items = entry.items.filter { $0["recovered"] as? Bool != true }
            // Items per folder.
            var wantPerFolder: [String: Int] = [:]
            for item in items { wantPerFolder[item["folderPath"] as? String ?? "", default: 0] += 1 }
            var gotPerFolder: [String: Int] = [:]
            for (_, folder) in messages { gotPerFolder[folder.pathString, default: 0] += 1 }
            #expect(gotPerFolder == wantPerFolder, "\(name)")
            for item in items {
                let descriptor = try #require(item["descriptor"] as? Int)
                guard let (message, _) = messages.first(where: { $0.0.descriptor == UInt32(descriptor) }) else {
                    Issue.record("\(name): no item \(descriptor)")
                    continue
                }
                let (want, senders) = Self.expectedFacts(item)
                let got = Self.facts(message)
                #expect(got.subject == want.subject, "\(name) \(descriptor)")
                #expect(senders.contains(got.sender ?? ""), "\(name) \(descriptor): \(got.sender ?? "nil") not in \(senders)")
                #expect(got.attachments == want.attachments, "\(name) \(descriptor)")
                #expect(message.messageID == item["messageId"] as? String, "\(name) \(descriptor)")
                compared += 1
            }
            // A password is said, and still the items are read.
            let protected = entry.file["passwordProtected"] as? Bool == true
            #expect(diagnostics.contains { $0.code == .passwordProtected } == protected, "\(name)")
            #expect(reader.isPasswordProtected == protected, "\(name)")
        }
        #expect(compared >= 6)
    }
}
