import Foundation
import Testing

/// End-to-end tests of `dragnet validate` and of `inspect` over mbox and Graph JSON.
@Suite
struct ValidateCommandTests {
    @Test func sampleTenantIsCountedAndExplained() throws {
        let result = try Dragnet.run(["validate", "--format", "json", "Fixtures/sample-tenant"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["messages"] as? Int == 206)
        #expect(report["messagesByFormat"] as? [String: Int] == ["eml": 81, "graph-json": 125])
        let mailboxes = try #require(report["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.count == 8)
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
        #expect(result.stdout.contains("206 messages (eml 81, graph-json 125), 8 mailboxes"))
        #expect(result.stdout.contains("headers not collected for 22: filters ip, header cannot search them"))
        #expect(result.stdout.contains("users without a mailbox in the export: ines.romero@fabrikam.example"))
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
