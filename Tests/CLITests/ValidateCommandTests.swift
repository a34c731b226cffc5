import Foundation
import Testing

/// End-to-end tests of `dragnet validate` and of `inspect` over mbox and Graph JSON.
@Suite
struct ValidateCommandTests {
    @Test func sampleTenantIsCountedAndExplained() throws {
        let result = try Dragnet.run(["validate", "--format", "json", "Fixtures/sample-tenant"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["messages"] as? Int == 225)
        #expect(report["messagesByFormat"] as? [String: Int] == ["eml": 81, "graph-json": 144])
        // The four shared mailboxes keep every message's attachments apart; Warehouse Lyon's are JSON batching responses.
        #expect(report["messagesWithAttachmentsJoined"] as? Int == 19)
        #expect(report["messagesFromBatchResponses"] as? Int == 4)
        let mailboxes = try #require(report["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.count == 12)
        let lyon = try #require(mailboxes.first { $0["mailbox"] as? String == "warehouse.lyon@fabrikam.example" })
        #expect(lyon["attachmentsJoined"] as? Int == 4 && lyon["fromBatchResponses"] as? Int == 4)
        #expect((lyon["notCollected"] as? [String: Int])?["attachments"] == 0)
        #expect(mailboxes.allSatisfy { $0["inDirectory"] as? Bool == true })
        let henry = try #require(mailboxes.first { $0["mailbox"] as? String == "henry.wu@fabrikam.example" })
        #expect((henry["notCollected"] as? [String: Int])?["headers"] == 22)
        #expect((henry["unsearchable"] as? [String: Int])?["ip"] == 22)
        #expect((henry["unsearchable"] as? [String: Int])?["header"] == 22)
        let directory = try #require(report["directory"] as? [String: Any])
        #expect(directory["usersWithoutMailbox"] as? [String] == ["ines.romero@fabrikam.example"])
        let unrecognised = try #require(report["unrecognised"] as? [[String: Any]])
        #expect(unrecognised.map { $0["path"] as? String } == ["Fixtures/sample-tenant/README.md"])
    }

    @Test func textReportNamesWhatIsMissing() throws {
        let result = try Dragnet.run(["validate", "Fixtures/sample-tenant"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("225 messages (eml 81, graph-json 144), 12 mailboxes"))
        #expect(result.stdout.contains("19 messages with attachments joined from pages saved apart, 4 read from JSON batching responses"))
        #expect(result.stdout.contains("headers not collected for 22: filters ip, header cannot search them"))
        #expect(result.stdout.contains("users without a mailbox in the export: ines.romero@fabrikam.example"))
    }

    @Test func attachmentsKeptApartAndBatchResponsesAreCounted() throws {
        let batch = try Dragnet.run(["validate", "--format", "json", "Fixtures/graph-attachments/batch"])
        #expect(batch.status == 3, "a 404 response: part of the export could not be read")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(batch.stdout.utf8)) as? [String: Any])
        #expect(report["messages"] as? Int == 8)
        #expect(report["messagesWithAttachmentsJoined"] as? Int == 8)
        #expect(report["messagesFromBatchResponses"] as? Int == 8)
        let problems = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(problems.map { $0["code"] as? String } == ["graph.batch-response-error"])
        #expect((problems.first?["reason"] as? String)?.contains("'2' has status 404 (ErrorItemNotFound") == true)

        let edge = try Dragnet.run(["validate", "Fixtures/graph-attachments/edge"])
        #expect(edge.status == 0)
        #expect(edge.stdout.contains("[graph.attachments-without-message] 1 attachment in 1 page of message 'AAMkAGI2AAAAABuOHF98_HUI2VgoHZh3n0t01ObHHAryXLw_JP4TzFJaBwA='"))
        #expect(edge.stdout.contains("[graph.attachments-incomplete]"))
    }

    @Test func inspectListsAttachmentsKeptApartWithTheirOwnFile() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/graph-attachments/jsonl"])
        #expect(result.status == 0)
        let records = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == 8)
        let invoice = try #require(records.first { $0["subject"] as? String == "Invoice INV-7731 overdue" })
        let part = try #require((invoice["parts"] as? [[String: Any]])?.first { $0["filename"] as? String == "INV-7731.html" })
        #expect(part["path"] as? String == "Fixtures/graph-attachments/jsonl/ana.silva@contoso.example/attachments.jsonl:1#/value/0")
        #expect(part["sha256"] as? String == "07ddaa48466606a649612d210318e53029aca350faceba2e82724f78015e7461")
        #expect(part["size"] as? Int == 254)
    }

    @Test func duplicatesAndUnreadableInputsAreReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-validate-\(getpid())/someone@example.com/Inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        let message = try Data(contentsOf: InspectCommandTests.fixtures.appendingPathComponent("mime/01-simple-plain.eml"))
        try message.write(to: folder.appendingPathComponent("a.eml"))
        try message.write(to: folder.appendingPathComponent("b.eml"))
        let export = folder.deletingLastPathComponent().deletingLastPathComponent().path
        let result = try Dragnet.run(["validate", "--format", "json", export, "Fixtures/no-such-export"])
        #expect(result.status == 3)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let mailboxes = try #require(report["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.first?["mailbox"] as? String == "someone@example.com")
        #expect(mailboxes.first?["inDirectory"] is NSNull)
        let duplicates = try #require(mailboxes.first?["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 1)
        #expect((duplicates.first?["sources"] as? [String])?.count == 2)
        let unreadable = try #require(report["unreadable"] as? [[String: Any]])
        #expect(unreadable.map { $0["code"] as? String } == ["input.not-found"])
    }

    @Test func inspectGivesMboxIndexAndOffset() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/mbox"])
        let records = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let mbox = records.compactMap { $0["source"] as? [String: Any] }.filter { $0["format"] as? String == "mbox" }
        #expect(!mbox.isEmpty)
        #expect(mbox.allSatisfy { $0["index"] is Int && $0["offset"] is Int })
    }

    @Test func inspectGivesGraphPointersAndDecodedAttachments() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/sample-tenant/henry.wu@fabrikam.example/single-message.json"])
        #expect(result.status == 0)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let source = try #require(record["source"] as? [String: Any])
        #expect(source["format"] as? String == "graph-json")
        #expect(source["pointer"] as? String == "")
        let parts = try #require(record["parts"] as? [[String: Any]])
        #expect(parts.map { $0["path"] as? String } == ["/body", "/attachments/0"])
        #expect(parts[1]["sha256"] as? String == "2b196b357458e333cdad7fee70412832f8afe877debb72359e29abb81a587d4e")
        #expect(parts[1]["size"] as? Int == 670)
    }
}
