import Foundation
import GraphExport
import MIME
import MailModel
import Testing

@testable import Ingest

/// What campaigns and remediation plans need of the normalized item: the read flag of mbox messages
/// (`Status`/`X-Status` `R`; unknown when neither is written) and the Graph message id and categories.
struct ReadFlagAndGraphIDTests {
    static func mboxItems(_ text: String) throws -> [MailItem] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-readflag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Inbox.mbox")
        try Data(text.utf8).write(to: file)
        let scan = ExportScan(paths: [file.path], mailboxHint: "someone@example.com")
        var items: [MailItem] = []
        while let event = scan.next() {
            guard case .message(let found) = event, case .mime(let bytes) = found.content else { continue }
            items.append(MIMEItemNormalizer().item(from: MIMEParser().parse(bytes), source: found.source, mailbox: found.mailbox, folder: found.folder))
        }
        return items
    }

    @Test("mbox Status/X-Status: R is read, present without R is unread, absent is unknown")
    func mboxReadFlag() throws {
        let message = { (extra: String, n: Int) in
            "From sender@example.com Mon Dec 14 10:00:00 2026\nFrom: sender@example.com\nSubject: m\(n)\nMessage-ID: <m\(n)@example.com>\n\(extra)\nbody \(n)\n\n"
        }
        let items = try Self.mboxItems(
            message("Status: RO\n", 1) + message("Status: O\n", 2) + message("X-Status: AR\n", 3) + message("", 4))
        #expect(items.map(\.isRead) == [true, false, true, nil])
        #expect(items.allSatisfy { $0.source.format == "mbox" })
    }

    @Test("Gmail labels decide the read flag when they say; otherwise the mbox Status flag stands")
    func gmailLabelsAndMboxStatus() throws {
        let message = { (labels: String, status: String, n: Int) in
            "From 1@xxx Mon Dec 14 10:00:00 2026\nX-Gmail-Labels: \(labels)\nFrom: sender@example.com\nSubject: g\(n)\n\(status)\nbody\n\n"
        }
        let items = try Self.mboxItems(
            message("Inbox", "Status: RO\n", 1) + message("Inbox,Unread", "Status: RO\n", 2) + message("Inbox,Opened", "", 3)
                + message("Inbox", "", 4))
        #expect(items.map(\.isRead) == [true, false, true, nil])
    }

    @Test("a Graph item carries its message id and categories; an EML item has none")
    func graphIDAndCategories() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scan = ExportScan(paths: [root.appendingPathComponent("Fixtures/sample-tenant/henry.wu@fabrikam.example/single-message.json").path])
        var graphItem: MailItem?
        while let event = scan.next() {
            if case .message(let found) = event, case .graph(let graph) = found.content {
                graphItem = GraphItemNormalizer().item(from: graph, source: found.source, mailbox: found.mailbox, folder: found.folder)
            }
        }
        let item = try #require(graphItem)
        #expect(item.graphID == "AAMkADcxMWQ2NzA5LThiNGUtNTkzMi1iMzEyLTQ5ODVlZTE3YjQzZABGAAAAAACO8_NkzbJI2pfISp42ZP0YBwCO8_NkzbJI2pfISp42ZP0YAAAAAAEMAACO8_NkzbJI2pfISp42ZP0YoxPNmVOrAAA=")
        #expect(item.categories == [])
        let eml = try Self.mboxItems("From a@b Mon Dec 14 10:00:00 2026\nFrom: a@b\nSubject: x\n\nbody\n")
        #expect(eml.first?.graphID == nil)
        #expect(eml.first?.categories == nil)
    }
}
