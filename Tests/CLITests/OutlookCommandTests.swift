import Foundation
import Testing

/// `dragnet investigate`, `inspect` and `validate` over Outlook files: a `.msg` reported phish (a
/// fixture), PST files of the shared corpus (when present), and damaged files.
@Suite
struct OutlookCommandTests {
    static let corpus = InspectCommandTests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/outlook/files")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    static func report(_ run: Dragnet.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func investigateAMsgFile() throws {
        let run = try Dragnet.run([
            "investigate", "--investigation", "Fixtures/outlook/quota-lure.yaml", "--mailbox", "alice.martin@fabrikam.example", "Fixtures/outlook/phish.msg",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.report(run)
        let matches = try #require(report["matches"] as? [[String: Any]])
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match["mailbox"] as? String == "alice.martin@fabrikam.example")
        #expect(match["messageId"] as? String == "quota-7731@fabrikam-secure.example")
        #expect((match["matchedFilters"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["f1", "f2", "f3", "f4"])
        let evidence = (match["evidence"] as? [[String: Any]] ?? []).map { "\($0["filter"] as? String ?? "") \($0["path"] as? String ?? "-")" }
        #expect(evidence == ["f1 rtf", "f2 -", "f3 att2.tnef2", "f4 att3.body"])
        #expect((match["source"] as? [String: Any])?["format"] as? String == "msg")
        #expect((match["attachments"] as? [String])?.contains("Statement November.pdf") == true)
    }

    @Test func inspectAndValidateMsgAndTNEF() throws {
        let inspect = try Dragnet.run(["inspect", "Fixtures/outlook/phish.msg", "Fixtures/outlook/tnef-mail.eml"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let records = inspect.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == 2)
        let tnefParts = (records[1]["parts"] as? [[String: Any]] ?? []).filter { $0["embedded"] as? String == "tnef" }
        #expect(tnefParts.map { $0["filename"] as? String } == ["kitten photo.jpg", "Statement November.pdf", "notes.txt"])
        #expect(tnefParts.map { $0["path"] as? String } == ["1.2.tnef1", "1.2.tnef2", "1.2.tnef3"])

        let validate = try Dragnet.run(["validate", "--format", "json", "--mailbox", "alice.martin@fabrikam.example", "Fixtures/outlook/phish.msg", "Fixtures/outlook/truncated.msg"])
        #expect(validate.status == 3)
        #expect(validate.stdout.contains("\"msg\":1"))
        #expect(validate.stdout.contains("outlook.unreadable"))
    }

    @Test func damagedOutlookFilesEndInDiagnosticsAndExitThree() throws {
        let run = try Dragnet.run([
            "investigate", "--investigation", "Fixtures/outlook/quota-lure.yaml", "Fixtures/outlook/truncated.msg", "Fixtures/outlook/absurd-attachment.msg",
            "Fixtures/outlook/word-document.doc",
        ])
        #expect(run.status == 3)
        #expect(run.stderr.contains("truncated.msg: error: [outlook.unreadable]"))
        let report = try Self.report(run)
        let codes = (report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("outlook.unreadable"))
        #expect(codes.contains("outlook.attachment-too-large"))
        #expect(codes.contains("input.unrecognised"))
        let match = try #require((report["matches"] as? [[String: Any]])?.first)
        #expect((match["caveats"] as? [String])?.contains("partly-read") == true)
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus/outlook is not present"))
    func investigateAPSTAndRecoveredItems() throws {
        let investigation = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-pst-\(getpid()).yaml")
        try "name: original email\nscope: {mailboxes: all}\nmatch: any\nfilters:\n  - subject: original email\n".write(to: investigation, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: investigation) }
        let pst = Self.corpus.appendingPathComponent("tika__testPST_variousBodyTypes.pst").path
        let plain = try Dragnet.run(["investigate", "--investigation", investigation.path, pst])
        #expect(plain.status == 0, "\(plain.stderr)")
        let matches = try #require(try Self.report(plain)["matches"] as? [[String: Any]])
        #expect(matches.count == 4)
        #expect(Set(matches.compactMap { $0["folder"] as? String }) == ["Inbox/tmp"])
        #expect(Set(matches.compactMap { $0["mailbox"] as? String }) == ["tika__testpst_variousbodytypes"])
        let sources = matches.compactMap { $0["source"] as? [String: Any] }
        #expect(sources.compactMap { $0["descriptor"] as? Int }.sorted() == [2_097_188, 2_097_220, 2_097_252, 2_097_284])
        #expect(Set(sources.compactMap { $0["folder"] as? String }) == ["Top of Outlook data file/Inbox/tmp"])

        let recovered = try Dragnet.run(["investigate", "--investigation", investigation.path, "--recovered", pst])
        #expect(recovered.status == 0)
        let all = try #require(try Self.report(recovered)["matches"] as? [[String: Any]])
        #expect(all.count == 5)
        let deleted = all.filter { ($0["source"] as? [String: Any])?["recovered"] as? Bool == true }
        #expect(deleted.count == 1)
        #expect((deleted.first?["caveats"] as? [String])?.contains("recovered-item") == true)
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus/outlook is not present"))
    func protectedAndTruncatedPSTsExitThree() throws {
        for name in ["pstsdk__test_ansi.pst", "derived__truncated-sample1.pst"] {
            let run = try Dragnet.run(["inspect", Self.corpus.appendingPathComponent(name).path])
            #expect(run.status == 3, "\(name)")
            #expect(run.stderr.contains(name.hasPrefix("derived") ? "[outlook.unreadable]" : "[outlook.password-protected]"), "\(name): \(run.stderr)")
        }
        // The password-protected file's item is still read.
        let run = try Dragnet.run(["inspect", Self.corpus.appendingPathComponent("pstsdk__test_ansi.pst").path])
        #expect(run.stdout.contains("\"subject\":\"Post\""))
        let validate = try Dragnet.run(["validate", Self.corpus.path])
        #expect(validate.status == 3)
    }
}
