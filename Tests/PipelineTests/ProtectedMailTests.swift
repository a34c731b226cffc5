import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MIME
import MailModel

/// Encrypted and rights-protected mail is unsearchable for body filters, never a silent non-match
/// (`Fixtures/protected`: EML made with openssl and gpg, and a Graph page in Exchange's S/MIME form).
/// Envelope filters still decide; signed-only mail is read, opaque-signed S/MIME included.
@Suite(.serialized)
struct ProtectedMailTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures/protected")
    static let mail = fixtures.appendingPathComponent("mail").path

    static func investigation(_ yaml: String) throws -> Investigation {
        try InvestigationFile.parse(text: yaml, path: "inline.yaml", fileSHA256: "", directory: nil).investigation
    }

    static func run(_ investigation: Investigation) -> InvestigationReport {
        InvestigationRunner(investigation: investigation, workers: 2).run(paths: [mail], toolVersion: "test", runOptions: [:]).0
    }

    static func run(_ yaml: String) throws -> InvestigationReport { run(try investigation(yaml)) }

    /// `file` or `file#/pointer` of every match, sorted.
    static func matched(_ report: InvestigationReport) -> [String] {
        report.matches.map { row in
            (row.source.path as NSString).lastPathComponent + (row.source.pointer.map { "#\($0)" } ?? "")
        }.sorted()
    }

    static let encrypted = [
        "graph-page.json#/value/0", "graph-page.json#/value/1", "graph-page.json#/value/4", "pgp-inline-base64.eml", "pgp-inline.eml",
        "pgp-mime-encrypted.eml", "rpmsg.eml", "smime-authenveloped.eml", "smime-enveloped-x-type.eml", "smime-enveloped.eml",
        "smime-malformed.eml", "smime-signed-then-encrypted.eml",
    ]
    static let readableLures = [
        "graph-page.json#/value/2", "graph-page.json#/value/3", "pgp-clearsigned.eml", "smime-clear-signed.eml", "smime-opaque-signed-ber.eml",
        "smime-opaque-signed.eml",
    ]

    @Test func bodyFiltersCountProtectedMailUnsearchableAndEnvelopeFiltersStillDecide() throws {
        let investigation = try InvestigationFile.load(path: Self.fixtures.appendingPathComponent("protected-mail.yaml").path).investigation
        let report = Self.run(investigation)
        let summary = report.summary
        #expect(summary.messagesScanned == 21)
        // Matched: the readable lures on their body, the forward on its readable note, and one
        // encrypted copy on its subject (f4, an envelope filter).
        #expect(Self.matched(report) == (Self.readableLures + ["forwarded-encrypted.eml", "smime-enveloped.eml"]).sorted())
        // Every protected message is unsearchable for f1-f3 (the forward only where its note does not
        // decide); only those whose envelope does not match are unsearchable as a whole.
        #expect(summary.unsearchableByFilter == ["f1": 12, "f2": 13, "f3": 13])
        #expect(summary.messagesUnsearchable == Self.encrypted.count - 1)
        #expect(summary.messagesMatched == 8)
        let enveloped = try #require(report.matches.first { $0.source.path.hasSuffix("/smime-enveloped.eml") })
        #expect(enveloped.matchedFilters == ["f4"])
        #expect(enveloped.caveats.contains(CaveatPlanner.partlyRead))
        // The report says which items hid content, and how.
        let codes = Dictionary(grouping: report.diagnostics, by: \.code).mapValues(\.count)
        #expect(codes["mime.encrypted-smime"] == 7)
        #expect(codes["mime.encrypted-pgp"] == 1)
        #expect(codes["mime.encrypted-pgp-inline"] == 2)
        #expect(codes["mime.rights-protected"] == 2)
        #expect(codes["mime.smime-unreadable"] == 1)
    }

    @Test func outcomePerItemMatchesGolden() throws {
        let investigation = try InvestigationFile.load(path: Self.fixtures.appendingPathComponent("protected-mail.yaml").path).investigation
        let evaluator = InvestigationEvaluator(investigation: investigation)
        let scan = ExportScan(paths: [Self.mail], mailboxHint: nil)
        var lines: [String] = []
        while let event = scan.next() {
            guard case .message(let found) = event else { continue }
            let item = InvestigationRunner.item(found, options: .default)
            let verdict = evaluator.evaluate(item)
            let name = (found.source.path as NSString).lastPathComponent + (found.source.pointer.map { "#\($0)" } ?? "")
            let truth = switch verdict.truth { case .yes: "match"; case .no: "no"; case .unknown: "unsearchable" }
            let protected = item.protectedContent.map { "\($0.protection.rawValue)@\($0.path)" }
            lines.append("\(name): \(truth); matched \(verdict.matchedConditions); unknown \(verdict.unknownConditions); protected \(protected)")
        }
        let actual = lines.joined(separator: "\n") + "\n"
        let golden = Self.fixtures.appendingPathComponent("expected-outcome.txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" { try Data(actual.utf8).write(to: golden) }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test func underAllAnUnreadableBodyLeavesTheItemUnsearchable() throws {
        let report = try Self.run("name: t\nmatch: all\nfilters:\n  - from: northwind-billing.example\n  - keyword: wire transfer\n")
        #expect(Self.matched(report) == (Self.readableLures + ["forwarded-encrypted.eml"]).sorted())
        #expect(report.summary.messagesUnsearchable == Self.encrypted.count)
        #expect(report.summary.unsearchableByFilter["f2"] == Self.encrypted.count)
        #expect(report.summary.unsearchableByFilter["f1"] ?? 0 == 0)
    }

    @Test func negatedBodyFiltersCannotDecideEither() throws {
        let report = try Self.run("name: t\nfilters:\n  - not: {keyword: wire transfer}\n")
        // Only the two readable messages without the phrase match; the protected ones are unknown.
        #expect(Self.matched(report) == ["plain-unrelated.eml", "signed-xml-attachment.eml"])
        #expect(report.summary.messagesUnsearchable == Self.encrypted.count)
    }

    @Test func visibleAttachmentsStillDecide() throws {
        let p7m = try Self.run("name: t\nfilters:\n  - attachmentName: smime.p7m\n")
        #expect(p7m.summary.messagesUnsearchable == 0)
        #expect(Self.matched(p7m).contains("smime-enveloped.eml") && Self.matched(p7m).contains("graph-page.json#/value/0"))
        let rpmsg = try Self.run("name: t\nfilters:\n  - attachmentExtension: rpmsg\n")
        #expect(Self.matched(rpmsg) == ["graph-page.json#/value/4", "rpmsg.eml"])
    }

    @Test func theOpaqueSignedFileIsTheAttachmentAndItsContentIsTheBody() throws {
        let scan = ExportScan(paths: [Self.fixtures.appendingPathComponent("mail/analyst@fabrikam.example/Inbox/smime-opaque-signed.eml").path], mailboxHint: nil)
        guard case .message(let found)? = scan.next() else {
            Issue.record("no message")
            return
        }
        let item = InvestigationRunner.item(found, options: .default)
        #expect(item.protectedContent.isEmpty && !item.hasUnreadableBody)
        #expect(item.bodies.map(\.path) == ["1.1"])
        #expect(item.bodies.first?.text.contains("wire transfer for INV-20931") == true)
        #expect(item.links.map(\.url) == ["https://northwind-payments.example/pay"])
        let attachment = try #require(item.attachments.value?.first)
        #expect(item.attachments.value?.count == 1)
        #expect(attachment.name == "smime.p7m" && attachment.path == "1")
        // Its bytes are the CMS structure (a SEQUENCE holding the SignedData OID), not the signed entity.
        let bytes = attachment.content()
        #expect(bytes.first == 0x30)
        #expect(bytes.count > (item.bodies.first?.text.utf8.count ?? 0))
        #expect(bytes.starts(with: [0x30, 0x82]) && Array(bytes[4..<17]) == [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x82])
    }
}
