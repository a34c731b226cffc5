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
        // Given as an input, a FIFO cannot be read (a path that does not exist is a bad argument, exit 2).
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-validate-\(getpid())-\(UUID().uuidString).pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let result = try Dragnet.run(["validate", "--format", "json", export, fifo])
        #expect(result.status == 3)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let mailboxes = try #require(report["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.first?["mailbox"] as? String == "someone@example.com")
        #expect(mailboxes.first?["inDirectory"] is NSNull)
        let duplicates = try #require(mailboxes.first?["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 1)
        #expect((duplicates.first?["sources"] as? [String])?.count == 2)
        let unreadable = try #require(report["unreadable"] as? [[String: Any]])
        #expect(unreadable.map { $0["code"] as? String } == ["input.not-a-file"])
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

/// `inspect` and `validate` say which messages hide content, and which filters that makes unsearchable.
@Suite
struct ProtectedMailCommandTests {
    static let mail = "Fixtures/protected/mail"

    @Test func inspectRecordsNameTheProtection() throws {
        let result = try Dragnet.run(["inspect", Self.mail])
        #expect(result.status == 0)
        var codes: [String: [String]] = [:]
        for line in result.stdout.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let source = try #require(record["source"] as? [String: Any])
            let name = ((source["path"] as? String ?? "") as NSString).lastPathComponent + ((source["pointer"] as? String).map { "#\($0)" } ?? "")
            codes[name] = (record["defects"] as? [[String: Any]] ?? []).map { "\($0["code"] as? String ?? "")@\($0["part"] as? String ?? "")" }
        }
        #expect(codes.count == 21)
        #expect(codes["smime-enveloped.eml"] == ["mime.encrypted-smime@1"])
        #expect(codes["pgp-mime-encrypted.eml"] == ["mime.encrypted-pgp@1"])
        #expect(codes["pgp-inline-base64.eml"] == ["mime.encrypted-pgp-inline@1"])
        #expect(codes["rpmsg.eml"] == ["mime.rights-protected@1.2"])
        #expect(codes["graph-page.json#/value/0"] == ["mime.encrypted-smime@/attachments/0#1"])
        #expect(codes["graph-page.json#/value/4"] == ["mime.rights-protected@/attachments/0"])
        #expect(codes["smime-opaque-signed.eml"] == [])
        let tree = try Dragnet.run(["inspect", "--format", "tree", Self.mail + "/analyst@fabrikam.example/Inbox/smime-opaque-signed.eml"])
        #expect(tree.stdout.contains("1 application/x-pkcs7-mime \"smime.p7m\" attachment base64"))
        #expect(tree.stdout.contains("bytes, signed content:\n  1.1 text/plain charset=utf-8"))
    }

    @Test func validateCountsProtectedMessagesAndTheFiltersTheyDefeat() throws {
        let json = try Dragnet.run(["validate", "--format", "json", Self.mail])
        #expect(json.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let mailbox = try #require((report["mailboxes"] as? [[String: Any]])?.first)
        let protected = try #require(mailbox["protected"] as? [String: Any])
        #expect(protected["messages"] as? Int == 13)
        #expect(protected["byProtection"] as? [String: Int] == ["smime": 8, "pgp-mime": 1, "pgp-inline": 2, "rights-management": 2])
        let unsearchable = try #require(mailbox["unsearchable"] as? [String: Int])
        #expect(["keyword", "regex", "url"].map { unsearchable[$0] } == [13, 13, 13])
        #expect(unsearchable["ip"] == 5, "the Graph page has no headers")
        // Encryption is not a malformation.
        #expect(report["messagesWithDefects"] as? Int == 0)
        let text = try Dragnet.run(["validate", Self.mail])
        #expect(text.stdout.contains("encrypted or rights-protected content in 13 (inline PGP 2, PGP/MIME 1, rights management (RPMSG) 2, S/MIME 8): filters keyword, regex, url cannot search it"))
    }
}
