import Crypto
import Foundation
import Testing
@testable import Ingest
import MailModel
import MIME
import Outlook

/// PST/OST and `.msg` files, and TNEF in MIME mail, as investigations see them (§4, §17).
@Suite
struct OutlookIngestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures/outlook")
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/outlook")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("expect.jsonl").path) }

    static func scan(_ paths: [String], mailboxHint: String? = nil, recovered: Bool = false) -> [ExportEvent] {
        let scan = ExportScan(paths: paths, mailboxHint: mailboxHint)
        scan.includeRecoveredItems = recovered
        var events: [ExportEvent] = []
        while let event = scan.next() { events.append(event) }
        return events
    }

    static func item(_ found: FoundMessage) -> MailItem {
        switch found.content {
        case .outlook(let message): OutlookItemNormalizer().item(from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
        case .mime(let bytes): MIMEItemNormalizer().item(from: MIMEParser().parse(bytes), source: found.source, mailbox: found.mailbox, folder: found.folder)
        case .graph: MailItem(source: found.source)
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    @Test func aMsgFileIsOneItemWithEverythingFiltersRead() throws {
        let path = Self.fixtures.appendingPathComponent("phish.msg").path
        let events = Self.scan([path], mailboxHint: "alice.martin@fabrikam.example")
        guard events.count == 1, case .message(let found) = events[0] else {
            Issue.record("one message expected, got \(events)")
            return
        }
        #expect(found.source.format == "msg")
        #expect(found.mailbox == "alice.martin@fabrikam.example")
        let item = Self.item(found)
        #expect(item.messageID == "quota-7731@fabrikam-secure.example")
        #expect(item.subject == "Mailbox quota exceeded")
        #expect(item.from == [MailAddress(name: "IT Service Desk", address: "it-support@fabrikam-secure.example")])
        #expect(item.to.map(\.address) == ["alice.martin@fabrikam.example"])
        #expect(item.cc.map(\.address) == ["/o=Fabrikam/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bkeller"])
        #expect(item.diagnostics.contains { $0.code == "outlook.recipient-not-smtp" && $0.severity == .note })
        #expect(item.date == 1_795_508_038)
        #expect(item.receivedDate == 1_795_508_042)
        // Transport headers: header and ip filters can read them.
        #expect(item.headers.value?.first { $0.name == "X-Mailer" }?.value == "Dragnet fixture")
        #expect(item.senderIPs.value == ["203.0.113.77", "198.51.100.23"])
        // Bodies: the plain body, the HTML de-encapsulated from the RTF, the TNEF's RTF and the attached message's body.
        #expect(item.bodies.map(\.path) == ["body", "rtf", "att2.tnef.rtf", "att3.body"])
        #expect(item.bodies[1].origin == .html)
        #expect(item.bodies[1].text.contains("Release your messages at the quarantine portal"))
        #expect(item.links.contains { $0.url == "https://mail-release.fabrikam-secure.example/login" && $0.text == "the quarantine portal" })
        #expect(item.links.contains { $0.url == "https://payroll.fabrikam-hr.example/verify" && $0.path == "att3.body" })
        // Attachments: the files with their bytes, TNEF's files, the attached message and its file.
        let attachments = try #require(item.attachments.value)
        let listed = attachments.map { "\($0.path) \($0.name ?? "-") \($0.hasContent ? String($0.content().count) : "-")" }
        #expect(listed == [
            "att1 Quota-Release-Form.pdf 77", "att2 winmail.dat 774", "att2.tnef1 kitten photo.jpg 91",
            "att2.tnef2 Statement November.pdf 77", "att3 Account verification required -", "att3.att1 payroll-form.html 92",
        ])
        #expect(attachments[0].fileExtension == "pdf")
        #expect(Self.sha256(attachments[0].content()) == Self.sha256(Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)))
        #expect(item.isRead == false)
    }

    @Test func tnefInMIMEMailBecomesTheMessagesAttachmentsAndBody() throws {
        let path = Self.fixtures.appendingPathComponent("tnef-mail.eml").path
        guard case .message(let found) = Self.scan([path]).first else {
            Issue.record("one message expected")
            return
        }
        let item = Self.item(found)
        let attachments = try #require(item.attachments.value)
        #expect(attachments.map(\.path) == ["1.2", "1.2.tnef1", "1.2.tnef2", "1.2.tnef3"])
        #expect(attachments.map(\.name) == ["winmail.dat", "kitten photo.jpg", "Statement November.pdf", "notes.txt"])
        #expect(attachments.map(\.contentType) == ["application/ms-tnef", "image/jpeg", "application/pdf", "text/plain"])
        #expect(attachments[3].content() == Array("Wire the payment to IBAN DE00 1234 5678 9012 before Friday.\r\n".utf8))
        #expect(item.bodies.map(\.path) == ["1.1", "1.2.tnef.rtf"])
        #expect(item.links.contains { $0.url == "https://statements.fabrikam-billing.example/confirm" })
        #expect(item.diagnostics.isEmpty)

        let cut = Self.fixtures.appendingPathComponent("tnef-truncated.eml").path
        guard case .message(let damaged) = Self.scan([cut]).first else {
            Issue.record("one message expected")
            return
        }
        let partial = Self.item(damaged)
        #expect(partial.attachments.value?.map(\.path) == ["1.2", "1.2.tnef1", "1.2.tnef2"])
        #expect(partial.attachments.value?.map(\.hasContent) == [true, true, false], "the cut file is listed without bytes")
        #expect(partial.attachments.value?.last?.isPartial == true)
        #expect(partial.diagnostics.map(\.code) == ["tnef.malformed"])
        #expect(partial.diagnostics.first?.location.partPath == "1.2")
    }

    @Test func damagedAndForeignFilesAreDiagnostics() {
        let events = Self.scan(["absurd-attachment.msg", "truncated.msg", "word-document.doc"].map { Self.fixtures.appendingPathComponent($0).path })
        guard events.count == 3 else {
            Issue.record("three events expected, got \(events)")
            return
        }
        if case .message(let found) = events[0] {
            let item = Self.item(found)
            #expect(item.diagnostics.contains { $0.code == "outlook.attachment-too-large" && $0.location.partPath == "att4" })
            #expect(item.attachments.value?.last.map { $0.isPartial && !$0.hasContent } == true)
        } else {
            Issue.record("the absurd attachment is a diagnostic on a readable message")
        }
        if case .unreadable(let error) = events[1] {
            #expect(error.code == "outlook.unreadable")
        } else {
            Issue.record("a truncated .msg is unreadable")
        }
        if case .unrecognised(_, let reason) = events[2] {
            #expect(reason.contains("OLE2"))
        } else {
            Issue.record("a Word file is not mail")
        }
    }

    // MARK: The shared corpus

    /// The expected records of `expect.jsonl`.
    static func expectations() throws -> [[String: Any]] {
        let text = try String(contentsOf: corpus.appendingPathComponent("expect.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// The attachments the reference readers list: those of the message itself (not of attached
    /// messages, nor the files inside a TNEF stream), an attached message without a size.
    static func topLevelAttachments(_ item: MailItem) -> [String] {
        (item.attachments.value ?? []).filter { a in
            !(a.path.split(separator: "#").first ?? "").contains(".")
        }.map { a in "\(a.name ?? "nil"):\(a.contentType == "application/vnd.ms-outlook" ? "-" : String(a.content().count))" }
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus/outlook is not present"))
    func everyCorpusFileReadsAsTheReferenceReadersReadIt() throws {
        let records = try Self.expectations()
        let files = Self.corpus.appendingPathComponent("files")
        let events = Self.scan([files.path], recovered: true)
        var items: [String: [MailItem]] = [:]
        var unreadable: Set<String> = []
        var errors: [String: [String]] = [:]
        for event in events {
            switch event {
            case .message(let found):
                items[URL(fileURLWithPath: found.source.path).lastPathComponent, default: []].append(Self.item(found))
            case .unreadable(let error):
                unreadable.insert(URL(fileURLWithPath: error.path).lastPathComponent)
            case .diagnostic(let d) where d.severity == .error:
                errors[URL(fileURLWithPath: d.location.path).lastPathComponent, default: []].append(d.code.rawValue)
            default:
                break
            }
        }
        var compared = 0
        var matching = 0
        for record in records where record["kind"] as? String == "file" {
            let name = try #require(record["file"] as? String)
            let expectedItems = records.filter { $0["file"] as? String == name && $0["kind"] == nil }
            guard record["readable"] as? Bool == true else {
                #expect(unreadable.contains(name), "\(name) is unreadable")
                continue
            }
            let got = items[name] ?? []
            #expect(got.count == expectedItems.count, "\(name): \(got.count) items, \(expectedItems.count) expected")
            if record["passwordProtected"] as? Bool == true {
                #expect(errors[name] == ["outlook.password-protected"], "\(name)")
            } else {
                #expect(errors[name] == nil, "\(name): \(errors[name] ?? [])")
            }
            // Items per folder (PST), recovered items apart.
            var wantFolders: [String: Int] = [:]
            for item in expectedItems where item["recovered"] as? Bool != true { wantFolders[item["folderPath"] as? String ?? "", default: 0] += 1 }
            var gotFolders: [String: Int] = [:]
            for item in got where !item.source.recovered { gotFolders[item.source.folder ?? "", default: 0] += 1 }
            #expect(gotFolders == wantFolders, "\(name)")
            #expect(got.filter(\.source.recovered).count == expectedItems.filter { $0["recovered"] as? Bool == true }.count, "\(name): recovered items")
            for expected in expectedItems where expected["recovered"] as? Bool != true {
                let descriptor = expected["descriptor"] as? Int
                guard let item = got.first(where: { descriptor == nil || $0.source.descriptor == descriptor }) else {
                    Issue.record("\(name): item \(descriptor ?? 0) missing")
                    continue
                }
                compared += 1
                let subject = (expected["subject"] as? String).map { String($0.unicodeScalars.filter { $0 != "\0" }) }
                let senders = (expected["senderAddresses"] as? [String]) ?? []
                let sender = item.from.first?.address.lowercased()
                // A sender without an SMTP address is its stored address, then the headers' From.
                if item.from.count > 1 { #expect(item.diagnostics.contains { $0.code == "outlook.sender-not-smtp" }) }
                let attachments = ((expected["attachments"] as? [[String: Any]]) ?? []).map { a in
                    "\((a["name"] as? String) ?? "nil"):\((a["embedded"] as? Bool) == true ? "-" : String((a["size"] as? Int) ?? -1))"
                }
                let same = item.subject == subject && (senders.isEmpty ? sender == nil : senders.contains(sender ?? ""))
                    && Self.topLevelAttachments(item) == attachments
                #expect(same, "\(name): \(item.subject ?? "nil") / \(sender ?? "nil") / \(Self.topLevelAttachments(item)) ≠ \(subject ?? "nil") / \(senders) / \(attachments)")
                if same { matching += 1 }
            }
        }
        #expect(compared >= 41)
        #expect(matching == compared)
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus/outlook is not present"))
    func aPSTIsOneMailboxWithNormalisedFolders() throws {
        let pst = Self.corpus.appendingPathComponent("files/tika__testPST_variousBodyTypes.pst").path
        let found = Self.scan([pst]).compactMap { event -> FoundMessage? in
            if case .message(let found) = event { return found }
            return nil
        }
        #expect(found.map(\.mailbox) == Array(repeating: "tika__testpst_variousbodytypes", count: 4))
        #expect(found.map(\.folder) == Array(repeating: "Inbox/tmp", count: 4))
        #expect(found.map(\.source.index) == [0, 1, 2, 3])
        #expect(found.map(\.source.descriptor) == [2_097_188, 2_097_220, 2_097_252, 2_097_284])
        let hinted = Self.scan([pst], mailboxHint: "Tim@Example.org").compactMap { event -> String? in
            if case .message(let found) = event { return found.mailbox }
            return nil
        }
        #expect(Set(hinted) == ["tim@example.org"])
        // The RTF-only item: its body is the RTF's.
        let items = found.map(Self.item)
        #expect(items[2].bodies.map(\.path) == ["body", "rtf"])
        #expect(items.allSatisfy { $0.headers.isCollected || !$0.headers.isCollected })
    }
}
