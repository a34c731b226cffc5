import Foundation
import Testing
@testable import Ingest
import GraphExport
import MailModel

/// Attachments the export keeps apart from their messages (`Fixtures/graph-attachments`, written by
/// `scripts/generate-graph-attachment-fixtures.py`: the same 8 messages expanded, and in the layouts
/// export scripts use), joined by mailbox and message id wherever they sit; JSON batching responses.
@Suite
struct AttachmentJoinTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = "Fixtures/graph-attachments"
    static let layouts = ["per-message", "jsonl", "nested", "batch"]
    static let mailbox = "ana.silva@contoso.example"

    struct Scan {
        var messages: [FoundMessage] = []
        var diagnostics: [Diagnostic] = []
        /// Every event, described, in order.
        var events: [String] = []
    }

    /// Scans `paths` (relative to the package root, as reports show them).
    static func scan(_ paths: [String], workers: Int = 1) -> Scan {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let scan = ExportScan(paths: paths, workers: workers)
        var result = Scan()
        while let event = scan.next() {
            switch event {
            case .message(let found):
                result.messages.append(found)
                let apart = found.attachmentsApart.map { "\($0.addresses.map { "\($0.path)#\($0.location.pointer)" }) \($0.isIncomplete)" } ?? "-"
                result.events.append("message \(found.mailbox) \(InspectRun.describe(found.source)) \(apart)")
            case .diagnostic(let d):
                result.diagnostics.append(d)
                result.events.append(d.compilerStyle)
            case .unrecognised(let path, let reason): result.events.append("unrecognised \(path) \(reason)")
            case .unreadable(let error): result.events.append(error.description)
            }
        }
        return result
    }

    static func scan(layout: String, workers: Int = 1) -> Scan { scan(["\(fixtures)/\(layout)"], workers: workers) }

    static func item(_ found: FoundMessage) -> MailItem {
        guard case .graph(let graph) = found.content else { fatalError("not Graph") }
        return GraphItemNormalizer().item(
            from: graph, source: found.source, mailbox: found.mailbox, folder: found.folder, apart: found.readAttachmentsApart())
    }

    /// For each Message-ID: the name and SHA-256 of every attachment (attached items' files included), sorted.
    static func attachments(_ scan: Scan) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for found in scan.messages {
            let item = item(found)
            out[item.messageID ?? "?"] = item.attachments.value.map { list in
                list.map { "\($0.name ?? "-") \($0.hasContent ? InspectRecord.sha256Hex($0.content()) : "no bytes")" }.sorted()
            } ?? ["not collected"]
        }
        return out
    }

    @Test func everyLayoutJoinsTheAttachmentsOfTheExpandedExport() throws {
        let expanded = Self.attachments(Self.scan(layout: "expanded"))
        #expect(expanded.count == 8)
        #expect(expanded.values.allSatisfy { $0 != ["not collected"] })
        #expect(expanded.values.map(\.count).reduce(0, +) == 12, "the forwarded message's item and its zip count as two")
        for layout in Self.layouts {
            let scan = Self.scan(layout: layout)
            #expect(scan.messages.count == 8, "\(layout)")
            #expect(Self.attachments(scan) == expanded, "\(layout)")
            #expect(scan.messages.allSatisfy { $0.attachmentsApart != nil }, "\(layout): every message has its page, empty or not")
            #expect(!scan.diagnostics.contains { $0.code == "graph.attachments-without-message" }, "\(layout)")
            #expect(scan.messages.allSatisfy { $0.mailbox == Self.mailbox && $0.folder == "Inbox" }, "\(layout)")
        }
    }

    @Test func attachmentsComeBeforeOrAfterTheirMessageInTheWalk() throws {
        // per-message: the `<id>.json` files sort before messages.json; nested: 00-messages.json first.
        for (layout, attachmentsFirst) in [("per-message", true), ("nested", false)] {
            let scan = Self.scan(layout: layout)
            let message = try #require(scan.messages.first { Self.item($0).subject == "Invoice INV-7731 overdue" })
            let attachment = try #require(message.attachmentsApart?.addresses.first)
            #expect((attachment.path < message.source.path) == attachmentsFirst, "\(layout)")
        }
    }

    @Test func provenanceNamesEachAttachmentsOwnFileAndPointer() throws {
        let id = "AAMkAGI2AAAAABuOHF8pWSRhj5FxzSbygCcsqKmdQXBsUT6PnZidTcTIBwA="  // "Scans from the copier"
        func paths(_ layout: String, _ subject: String) throws -> [String] {
            let found = try #require(Self.scan(layout: layout).messages.first { Self.item($0).subject == subject })
            return Self.item(found).attachments.value?.map(\.path) ?? []
        }
        let box = "\(Self.fixtures)/per-message/\(Self.mailbox)"
        #expect(try paths("per-message", "Scans from the copier") == [
            "\(box)/\(id).json#/value/0", "\(box)/\(id).json#/value/1", "\(box)/\(id).json#/value/2",
            "\(box)/\(id).page-2.json#/value/0", "\(box)/\(id).page-2.json#/value/1",
        ])
        #expect(try paths("jsonl", "Invoice INV-7731 overdue") == ["\(Self.fixtures)/jsonl/\(Self.mailbox)/attachments.jsonl:1#/value/0"])
        #expect(try paths("batch", "Invoice INV-7731 overdue") == ["\(Self.fixtures)/batch/\(Self.mailbox)/batch-001.json#/responses/2/body/value/0"])
        // An attached item's own attachment: below the item attachment's pointer.
        let forwarded = try paths("nested", "FW: Your parcel is held at customs")
        #expect(forwarded.count == 2)
        #expect(forwarded[1].hasSuffix("/page-1.json#/value/0/item/attachments/0"))
        // A file without a context, joined by its name (the message id).
        let statement = try paths("nested", "Statement October")
        #expect(statement.count == 2)
        #expect(statement.allSatisfy { $0.contains("/Inbox/attachments/AAMkAGI2") })
        #expect(statement.map { $0.split(separator: "#").last.map(String.init) } == ["/0", "/1"])
    }

    @Test func inspectShowsJoinedPartsWithSizeAndDigest() throws {
        let scan = Self.scan(layout: "jsonl")
        let found = try #require(scan.messages.first { Self.item($0).subject == "Statement October" })
        guard case .graph(let graph) = found.content else { Issue.record("not Graph"); return }
        let record = InspectRecord(graph: graph, source: found.source, apart: found.readAttachmentsApart())
        let files = record.parts.filter { $0.filename != nil }
        #expect(files.map(\.filename) == ["statement-2026-10.pdf", "statement-2026-10.csv"])
        #expect(files.allSatisfy { $0.path.contains("attachments.jsonl:2#/value/") && $0.sha256.count == 64 && $0.size > 0 })
    }

    @Test func anAttachmentsPageWithoutItsMessageIsReported() throws {
        let scan = Self.scan(layout: "edge")
        let orphans = scan.diagnostics.filter { $0.code == "graph.attachments-without-message" }
        #expect(orphans.count == 1)
        let orphan = try #require(orphans.first)
        #expect(orphan.severity == .warning)
        #expect(orphan.message.contains("'AAMkAGI2AAAAABuOHF98_HUI2VgoHZh3n0t01ObHHAryXLw_JP4TzFJaBwA='"))
        #expect(orphan.message.contains("mailbox \(Self.mailbox)"))
        #expect(orphan.location.path.hasSuffix("AAMkAGI2AAAAABuOHF98_HUI2VgoHZh3n0t01ObHHAryXLw_JP4TzFJaBwA=.json"))
        #expect(orphan.location.pointer == "/value/0")
        // Said after everything else was read.
        #expect(scan.events.last?.contains("graph.attachments-without-message") == true)
    }

    @Test func aMissingNextPageLeavesTheListIncompleteAndUndecided() throws {
        let scan = Self.scan(layout: "edge")
        let found = try #require(scan.messages.first { Self.item($0).subject == "Scans from the copier" })
        let reading = try #require(found.readAttachmentsApart())
        #expect(reading.isIncomplete)
        #expect(reading.attachments.map { $0.attachment.name.value } == ["scan-1.pdf", "scan-2.pdf", "scan-3.pdf"])
        #expect(reading.diagnostics.map(\.code) == ["graph.attachments-incomplete"])
        let item = Self.item(found)
        #expect(item.attachments.value?.count == 3)
        #expect(item.unknownFields.contains("attachments"))
    }

    @Test func attachmentsInUTF16JSONLinesAreJoined() throws {
        let scan = Self.scan(layout: "edge")
        let found = try #require(scan.messages.first { Self.item($0).subject == "Statement October" })
        let expanded = Self.attachments(Self.scan(layout: "expanded"))
        #expect(Self.attachments(Scan(messages: [found])).values.first == expanded[Self.item(found).messageID ?? ""])
        #expect(Self.item(found).attachments.value?.map(\.path).first?.hasSuffix("attachments-utf16.jsonl#/value/0") == true)
    }

    @Test func batchResponsesGiveMessagesAttachmentsAndErrors() throws {
        let scan = Self.scan(layout: "batch")
        #expect(scan.messages.allSatisfy { $0.batchResponseID != nil })
        #expect(scan.messages.prefix(5).map(\.source.pointer) == (0..<5).map { "/responses/0/body/value/\($0)" })
        #expect(scan.messages.dropFirst(5).allSatisfy { $0.source.pointer?.hasPrefix("/responses/") == true && $0.source.pointer?.hasSuffix("/body") == true })
        let errors = scan.diagnostics.filter { $0.code == "graph.batch-response-error" }
        #expect(errors.count == 1)
        #expect(errors.first?.severity == .error)
        #expect(errors.first?.message.contains("'2'") == true && errors.first?.message.contains("ErrorItemNotFound") == true)
        #expect(errors.first?.location.pointer == "/responses/1")
        // The attachments pages of "Scans from the copier" are in two batch files.
        let scans = try #require(scan.messages.first { Self.item($0).subject == "Scans from the copier" })
        #expect(Set(scans.attachmentsApart?.addresses.map(\.path) ?? []).count == 2)
        #expect(scans.attachmentsApart?.isIncomplete == false)
    }

    @Test func aContextAfterALargePageAndAUserNamedByIdStillJoin() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-late-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let graph = "https://graph.microsoft.com/v1.0/$metadata#users"
        try Data(##"{"@odata.context": "\##(graph)('ana%40contoso.example')/messages", "value": [{"id": "M1", "subject": "big", "receivedDateTime": "2026-11-01T10:00:00Z"}]}"##.utf8)
            .write(to: folder.appendingPathComponent("messages.json"))
        // PowerShell wrote the hashtable's keys in another order: the context after 6 MB of attachments,
        // and the user named by object id.
        let blob = String(repeating: "QUJD", count: 500_000)
        let attachments = (1...3).map { ##"{"@odata.type": "#microsoft.graph.fileAttachment", "id": "A\##($0)", "name": "part\##($0).bin", "contentBytes": "\##(blob)"}"## }
        try Data(##"{"value": [\##(attachments.joined(separator: ","))], "@odata.context": "\##(graph)('0f1e2d3c-aaaa-bbbb-cccc-123456789abc')/messages('M1')/attachments"}"##.utf8)
            .write(to: folder.appendingPathComponent("saved.json"))
        let scan = Self.scan([folder.path])
        let found = try #require(scan.messages.first)
        #expect(Self.item(found).attachments.value?.compactMap(\.name) == ["part1.bin", "part2.bin", "part3.bin"])
        #expect(!scan.diagnostics.contains { $0.code == "graph.attachments-without-message" })
    }

    @Test func theFirstPassLooksForItsBytesIgnoringCase() {
        func occurs(_ needle: String, _ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { FoldedNeedle(needle).occurs(in: $0.baseAddress!, count: $0.count) }
        }
        #expect(occurs("/attachments", #"#users('a')/Messages('x')/ATTACHMENTS""#))
        #expect(occurs("/attachments", #"messages('x')\/attachments"#))
        #expect(!occurs("/attachments", #""hasAttachments": true, "attachments": []"#))
        #expect(!occurs("/attachments", "/attachment"))
        #expect(occurs("contentbytes\"", #"{"ContentBytes": "QQ=="}"#))
        #expect(occurs("attachment\"", ##""@odata.type": "#microsoft.graph.fileAttachment""##))
        #expect(!occurs("attachment\"", #""hasAttachments": false"#))
    }

    @Test func theFirstPassGivesTheSameEventsForAnyNumberOfWorkers() {
        let one = Self.scan([Self.fixtures], workers: 1).events
        let three = Self.scan([Self.fixtures], workers: 3).events
        #expect(one.count > 40)
        #expect(one == three)
    }

    @Test func recognisedValuesThatAreNotUsedAreCountedInANote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-unused-\(getpid())-\(UUID().uuidString)/u@x.example")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let context = "https://graph.microsoft.com/v1.0/$metadata#users('u%40x.example')"
        try Data("""
            {"@odata.context": "\(context)/events", "value": [{"id": "E1", "subject": "Review", "body": {"content": "x"}}, {"id": "E2", "subject": "1:1"}]}
            {"@odata.context": "\(context)/contacts", "value": [{"id": "C1", "displayName": "Bo", "emailAddresses": []}]}
            {"id": "U1", "userPrincipalName": "bo@x.example", "displayName": "Bo"}
            {"id": "M1", "subject": "kept", "receivedDateTime": "2026-11-01T10:00:00Z"}
            """.utf8).write(to: folder.appendingPathComponent("mixed.json"))
        try Data(##"[{"@odata.type": "#microsoft.graph.fileAttachment", "name": "lost.pdf", "contentBytes": "JVBERg=="}]"##.utf8)
            .write(to: folder.appendingPathComponent("attachments.json"))
        let scan = Self.scan([folder.path])
        #expect(scan.messages.count == 1)
        let note = try #require(scan.diagnostics.first { $0.code == "graph.values-unused" })
        #expect(note.severity == .note)
        #expect(note.message.contains("4 values") && note.message.contains("events 2") && note.message.contains("contacts 1") && note.message.contains("user 1"))
        #expect(!scan.diagnostics.contains { $0.code == "graph.values-skipped" })
        // An attachment whose message nothing names (no context; its file is named by no message id).
        let lost = try #require(scan.diagnostics.first { $0.code == "graph.attachments-without-message" })
        #expect(lost.message.contains("'attachments'"))
        #expect(lost.location.path.hasSuffix("attachments.json"))
    }

    @Test func attachmentsInsideAnArchiveAreReportedNotJoinedAndAMessageInsideOneJoinsPagesOnDisk() throws {
        // The first pass reads files on disk only (a known limit): attachments pages inside an archive
        // are said not used, per member; a message inside an archive still joins pages saved on disk.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-join-archive-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Self.root.appendingPathComponent("\(Self.fixtures)/jsonl/\(Self.mailbox)")
        let messages = try [UInt8](Data(contentsOf: source.appendingPathComponent("messages.json")))
        let attachments = try [UInt8](Data(contentsOf: source.appendingPathComponent("attachments.jsonl")))
        let expanded = Self.attachments(Self.scan(layout: "expanded"))

        let pagesInArchive = folder.appendingPathComponent("pages-in-archive/\(Self.mailbox)")
        try FileManager.default.createDirectory(at: pagesInArchive, withIntermediateDirectories: true)
        try Data(messages).write(to: pagesInArchive.appendingPathComponent("messages.json"))
        try Data(StreamedMboxTests.tar(member: "attachments.jsonl", attachments)).write(to: pagesInArchive.appendingPathComponent("attachments.tar"))
        let apart = Self.scan([pagesInArchive.path])
        #expect(apart.messages.count == 8)
        #expect(apart.messages.allSatisfy { $0.attachmentsApart == nil })
        let notJoined = apart.diagnostics.filter { $0.code == "graph.attachments-without-message" }
        #expect(notJoined.count == 1)
        #expect(notJoined.first?.location.path == pagesInArchive.path + "/attachments.tar!/attachments.jsonl")
        #expect(notJoined.first?.message.contains("inside an archive") == true)

        let messagesInArchive = folder.appendingPathComponent("messages-in-archive/\(Self.mailbox)")
        try FileManager.default.createDirectory(at: messagesInArchive, withIntermediateDirectories: true)
        try Data(StreamedMboxTests.tar(member: "messages.json", messages)).write(to: messagesInArchive.appendingPathComponent("messages.tar"))
        try Data(attachments).write(to: messagesInArchive.appendingPathComponent("attachments.jsonl"))
        let joined = Self.scan([messagesInArchive.path])
        #expect(joined.messages.count == 8)
        #expect(joined.messages.allSatisfy { $0.source.path.hasSuffix("messages.tar!/messages.json") && $0.attachmentsApart != nil })
        #expect(Self.attachments(joined) == expanded)
        #expect(!joined.diagnostics.contains { $0.code == "graph.attachments-without-message" })
    }
}
