import Foundation
import Testing
@testable import Ingest
import MailModel
import GraphExport
import MIME

/// Discovery (§3.2) over the sample tenant in `Fixtures/sample-tenant`, and the same message read as
/// Graph JSON and as EML.
@Suite
struct ExportScanTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let tenant = "Fixtures/sample-tenant"

    /// Every message of the tenant, with paths relative to the package root.
    static func messages(_ paths: [String] = [tenant], mailboxHint: String? = nil) -> [FoundMessage] {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let scan = ExportScan(paths: paths.map { root.appendingPathComponent($0).path }, mailboxHint: mailboxHint)
        var found: [FoundMessage] = []
        while let event = scan.next() {
            if case .message(let message) = event { found.append(message) }
        }
        return found
    }

    static let all = messages()

    /// The files whose content decides how others are read, told from the rest by name and folders
    /// (a stateful run evaluates everything again when one changes): every rule's name, in any case,
    /// and none of the usual names of mail files.
    @Test(arguments: [
        ("export/users.json", true), ("export/Groups.JSON", true), ("export/a@x.example/mailFolders.json", true),
        ("profile/prefs.js", true), ("mh/inbox/.mh_sequences", true), ("mh/.MH_PROFILE", true), ("mh/context", true),
        ("takeout/archive_browser.html", true), ("ediscovery/Case-results-count.csv", true),
        ("Mail/A.mbox/U/Data/Attachments/12/2/invoice.pdf", true),
        ("spam/00001.7c53336b37003a9286aba55d2945844c", false), ("a@x.example/Inbox/1.eml", false), ("box/archive.mbox", false),
        ("a@x.example/messages.json", false), ("a@x.example/messages.jsonl", false), ("mh/inbox/12", false), ("notes.txt", false),
        ("Attachments/12/2/invoice.pdf", false), ("pst/mailbox.pst", false),
    ])
    func contextFilesAreToldByNameAndFolder(path: String, isContext: Bool) {
        #expect(ExportScan.isContextFile(path, root: "") == isContext, "\(path)")
    }

    @Test func everyMessageOfTheTenantIsFound() {
        #expect(Self.all.count == 225)
        let formats = Dictionary(grouping: Self.all, by: \.source.format).mapValues(\.count)
        #expect(formats == ["eml": 81, "graph-json": 144])
    }

    @Test func mailboxesComeFromTheODataContextOrTheFolderName() {
        let boxes = Dictionary(grouping: Self.all, by: \.mailbox).mapValues(\.count)
        #expect(boxes == [
            "alice.martin@fabrikam.example": 27, "bruno.keller@fabrikam.example": 34, "chloe.nguyen@fabrikam.example": 30,
            "david.okafor@fabrikam.example": 22, "emma.schulz@fabrikam.example": 21, "farid.haddad@fabrikam.example": 24,
            "grace.lee@fabrikam.example": 26, "henry.wu@fabrikam.example": 22,
            // Shared mailboxes whose attachments are kept apart; Warehouse Lyon's mail is JSON batching responses.
            "supplier.invoices@fabrikam.example": 6, "customs.desk@fabrikam.example": 5, "freight.claims@fabrikam.example": 4,
            "warehouse.lyon@fabrikam.example": 4,
        ])
    }

    @Test func foldersComeFromParentFolderIdOrTheFolderName() {
        func folders(_ mailbox: String) -> [String: Int] {
            Dictionary(grouping: Self.all.filter { $0.mailbox == mailbox }, by: \.folder).mapValues(\.count)
        }
        // Graph JSON: parentFolderId resolved through mailFolders.json (PascalCase, BOM for Farid).
        #expect(folders("alice.martin@fabrikam.example") == ["Inbox": 16, "Sent Items": 3, "Drafts": 1, "Archive": 6, "Junk Email": 1])
        #expect(folders("farid.haddad@fabrikam.example") == ["Inbox": 19, "Sent Items": 3, "Deleted Items": 1, "Junk Email": 1])
        // EML: the file's folder.
        #expect(folders("bruno.keller@fabrikam.example") == ["Inbox": 26, "Sent Items": 5, "Deleted Items": 2, "Junk Email": 1])
    }

    @Test func graphSourcesCarryPointersAndJSONLinesCarryLines() {
        let alice = Self.all.filter { $0.source.path.hasSuffix("alice.martin@fabrikam.example/messages-page-1.json") }
        #expect(alice.map(\.source.pointer).prefix(3) == ["/value/0", "/value/1", "/value/2"])
        let jsonl = Self.all.filter { $0.source.path.hasSuffix("messages.jsonl") }
        #expect(!jsonl.isEmpty)
        #expect(jsonl.first?.source.line == 1)
        #expect(jsonl.allSatisfy { $0.source.line != nil })
    }

    @Test func directoryIsLoaded() {
        let scan = ExportScan(paths: [Self.root.appendingPathComponent(Self.tenant).path])
        #expect(scan.directory.users.count == 13)
        #expect(scan.directory.groups.map(\.name).sorted() == ["Executives", "Finance Approvers", "IT Admins"])
        #expect(scan.directory.user("GRACE.LEE@fabrikam.example")?.department == "Executive")
    }

    @Test func mailboxHintAppliesWhenNothingElseSays() {
        let found = Self.messages(["Fixtures/mime/01-simple-plain.eml"], mailboxHint: "Analyst@Example.com")
        #expect(found.map(\.mailbox) == ["analyst@example.com"])
        #expect(Self.messages(["Fixtures/mime/01-simple-plain.eml"]).map(\.mailbox) == ["unknown"])
    }

    @Test func wellKnownFolderNamesAreNormalised() {
        #expect(WellKnownFolder.normalize("deleteditems") == "Deleted Items")
        #expect(WellKnownFolder.normalize("Junk E-mail") == "Junk Email")
        #expect(WellKnownFolder.normalize("SENT") == "Sent Items")
        #expect(WellKnownFolder.normalize("Projects") == "Projects")
        #expect(GraphContext.mailbox(fromContext: "https://graph.microsoft.com/v1.0/$metadata#users('JohannaL%40test.onmicrosoft.com')/messages")?.lowercased() == "johannal@test.onmicrosoft.com")
    }

    /// The campaign message exported as Graph JSON (Alice) and as EML (Bruno) reads the same.
    @Test func sameMessageAsGraphJSONAndAsEMLReadsTheSame() throws {
        let id = "b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example"
        func item(_ mailbox: String) throws -> MailItem {
            let found = try #require(Self.all.first { found in
                guard found.mailbox == mailbox else { return false }
                switch found.content {
                case .graph(let g): return g.internetMessageId.value?.contains(id) == true
                case .mime(let bytes): return MessageEnvelope(headers: MIMEParser().parse(bytes).headers).messageID == id
                case .outlook: return false
                }
            })
            switch found.content {
            case .graph(let graph): return GraphItemNormalizer().item(from: graph, source: found.source, mailbox: found.mailbox, folder: found.folder)
            case .mime(let bytes): return MIMEItemNormalizer().item(from: MIMEParser().parse(bytes), source: found.source, mailbox: found.mailbox, folder: found.folder)
            case .outlook(let message): return OutlookItemNormalizer().item(from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
            }
        }
        let graph = try item("alice.martin@fabrikam.example")
        let eml = try item("bruno.keller@fabrikam.example")
        #expect(graph.messageID == id)
        #expect(eml.messageID == graph.messageID)
        #expect(eml.subject == graph.subject)
        #expect(graph.subject == "Overdue invoice INV-204981 – action required")
        #expect(eml.from == graph.from)
        #expect(eml.date == graph.date)
        #expect(eml.senderIPs.value?.contains("203.0.113.77") == true)
        #expect(graph.senderIPs.value?.contains("203.0.113.77") == true)
        let graphFiles = try #require(graph.attachments.value).map { ($0.name, InspectRecord.sha256Hex($0.content())) }
        let emlFiles = try #require(eml.attachments.value).map { ($0.name, InspectRecord.sha256Hex($0.content())) }
        #expect(graphFiles.map(\.0) == emlFiles.map(\.0))
        #expect(graphFiles.map(\.1) == emlFiles.map(\.1))
        #expect(emlFiles.first?.1 == "2b196b357458e333cdad7fee70412832f8afe877debb72359e29abb81a587d4e")
        #expect(graph.links.map(\.url).contains("https://fabrikam-invoices.example/pay/204981"))
        #expect(eml.links.map(\.url).contains("https://fabrikam-invoices.example/pay/204981"))
    }

    @Test func exportWithoutHeadersIsNotCollectedNotEmpty() throws {
        let henry = try #require(Self.all.first { $0.source.path.hasSuffix("henry.wu@fabrikam.example/single-message.json") })
        guard case .graph(let graph) = henry.content else { Issue.record("not Graph"); return }
        let item = GraphItemNormalizer().item(from: graph, source: henry.source, mailbox: henry.mailbox, folder: henry.folder)
        #expect(!item.headers.isCollected)
        #expect(!item.senderIPs.isCollected)
        #expect(item.attachments.isCollected)
    }

    @Test func forwardedItemAttachmentContributesItsBodyAndAttachment() throws {
        let david = try #require(Self.all.first { $0.source.path.hasSuffix("reported-phish-forward.json") })
        guard case .graph(let graph) = david.content else { Issue.record("not Graph"); return }
        let item = GraphItemNormalizer().item(from: graph, source: david.source, mailbox: david.mailbox, folder: david.folder)
        let attachments = try #require(item.attachments.value)
        #expect(attachments.map(\.path) == ["/attachments/0", "/attachments/0/item/attachments/0"])
        #expect(attachments[1].name == "INV-204981.html")
        #expect(item.bodies.contains { $0.path == "/attachments/0/item/body" && $0.text.contains("INV-204981") })
        // Built without bodies, links, headers or sender IPs: the envelope and attachments are the same.
        let bare = GraphItemNormalizer(content: []).item(from: graph, source: david.source, mailbox: david.mailbox, folder: david.folder)
        #expect(bare.bodies.isEmpty && bare.links.isEmpty && !bare.headers.isCollected && !bare.senderIPs.isCollected)
        #expect(bare.attachments.value?.map(\.path) == attachments.map(\.path))
        #expect(bare.subject == item.subject && bare.from == item.from && bare.date == item.date && bare.unknownFields == item.unknownFields)
    }

    @Test func valuesThatAreNotMessagesAreSkippedAloudAndFilesWithNothingAreUnrecognised() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-values-\(getpid())-\(UUID().uuidString)/u@x.example")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try Data(#"{"value": [{"id": "1", "subject": "Invoice overdue"}, 5, null, "text"]}"#.utf8).write(to: folder.appendingPathComponent("a.json"))
        try Data("[[[[[]]]]]".utf8).write(to: folder.appendingPathComponent("b.json"))
        let scan = ExportScan(paths: [folder.path])
        var messages = 0
        var notes: [String] = []
        while let event = scan.next() {
            switch event {
            case .message: messages += 1
            case .diagnostic(let d): notes.append("\(d.code) \(d.location.path.split(separator: "/").last!)")
            case .unrecognised(let path, _): notes.append("unrecognised \(path.split(separator: "/").last!)")
            case .unreadable(let e): notes.append(e.code.rawValue)
            }
        }
        #expect(messages == 1)
        #expect(notes == ["graph.values-skipped a.json", "unrecognised b.json"])
    }

    @Test func anEmptyFileIsNotAMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-empty-\(getpid())-\(UUID().uuidString)/u@x.example/Inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        try Data().write(to: folder.appendingPathComponent("empty.eml"))
        try Data("\r\n\r\n".utf8).write(to: folder.appendingPathComponent("blank.eml"))
        let scan = ExportScan(paths: [folder.path])
        var reasons: [String] = []
        while let event = scan.next() {
            if case .unrecognised(_, let reason) = event { reasons.append(reason) }
            if case .message = event { Issue.record("an empty file was read as a message") }
        }
        #expect(reasons == ["an empty file (no header or body)", "an empty file (no header or body)"])
    }

    @Test func aSenderCutByPowerShellIsUnknownNotAbsent() throws {
        let page = #"{"value": [{"Id": "1", "Subject": "x", "ReceivedDateTime": "2026-01-01T00:00:00Z", "From": "@{emailAddress=System.Collections.Hashtable}", "ToRecipients": [{"EmailAddress": {"Address": "a@contoso.example"}}]}]}"#
        let reader = GraphReader(bytes: Array(page.utf8))
        var messages: [GraphMessage] = []
        while let record = reader.next() { if case .message(let m, _) = record { messages.append(m) } }
        let message = try #require(messages.first)
        let item = GraphItemNormalizer().item(from: message, source: MessageSource(format: "graph-json", path: "p"), mailbox: "m", folder: "Inbox")
        #expect(item.unknownFields.contains("from"))
        #expect(!item.unknownFields.contains("to"))
    }
}
