import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MailModel
import Reports

/// Investigations over the export layouts of `Fixtures/layouts` (§3.3): folder scope covering
/// subfolders, caveats on folder paths, mailbox parts and Gmail labels in reports, archive
/// problems as exit status 3, and the same report whatever the number of workers.
@Suite
struct LayoutInvestigationTests {
    static let layouts = InvestigationRunTests.root.appendingPathComponent("Fixtures/layouts").path

    static func run(_ yaml: String, _ relative: [String], workers: Int = 2) throws -> (InvestigationReport, Int32) {
        let paths = relative.map { layouts + "/" + $0 }
        let investigation = try InvestigationRunTests.investigation(yaml, directoryFor: paths)
        let (report, status) = InvestigationRunner(investigation: investigation, workers: workers).run(paths: paths, toolVersion: "test", runOptions: [:])
        return (report, status.rawValue)
    }

    /// The `matches` of the JSON report.
    static func matchRows(_ report: InvestigationReport) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(JSONReportWriter().render(report, options: ReportOptions())))
        return (json as? [String: Any])?["matches"] as? [[String: Any]] ?? []
    }

    static func places(_ report: InvestigationReport) -> [String] {
        report.matches.map { "\($0.mailbox)|\($0.mailboxPart ?? "-")|\($0.folder)" }
    }

    @Test func anInboxScopeCoversItsSubfolders() throws {
        let (report, status) = try Self.run(
            "name: t\nscope:\n  folders: [inbox]\nfilters:\n  - from: vendor.example\n", ["purview", "exchange-tree"])
        #expect(status == 0)
        #expect(Self.places(report) == [
            "alice@corp.example|Primary|Inbox", "alice@corp.example|Archive|Inbox", "alice@corp.example|Primary|Inbox/Vendors/Sub",
            "henry@corp.example|-|Inbox", "henry@corp.example|-|Inbox/Vendors/Sub",
        ])
        #expect(report.summary.messagesOutsideFolders == 4)
        #expect(report.summary.matchesByFolder == ["Inbox": 3, "Inbox/Vendors/Sub": 2])
    }

    @Test func aSubfolderScopeDoesNotCoverItsParent() throws {
        let (report, _) = try Self.run("name: t\nscope:\n  folders: [Inbox/Vendors]\nfilters:\n  - from: vendor.example\n", ["purview"])
        #expect(Self.places(report) == ["alice@corp.example|Primary|Inbox/Vendors/Sub"])
    }

    @Test func caveatsReadTheFolderPath() throws {
        let (report, _) = try Self.run("name: t\nfilters:\n  - subject: Exchange tree\n", ["exchange-tree"])
        let deleted = report.matches.first { $0.folder == "Deleted Items/Old" }
        #expect(deleted?.caveats == ["in-deleted-items"])
        let (mh, _) = try Self.run("name: t\nfilters:\n  - subject: MH\n", ["mh"])
        #expect(mh.matches.first { $0.subject == "MH removed" }?.caveats == ["already-read", "removed-by-user"])
        #expect(mh.matches.first { $0.subject == "MH read" }?.caveats == ["already-read"])
        #expect(mh.matches.first { $0.subject == "MH unseen" }?.caveats == [])
    }

    @Test func gmailLabelsGiveFoldersAndAreKept() throws {
        let (report, _) = try Self.run("name: t\nscope:\n  folders: [Junk Email, Deleted Items, Sent Items]\nfilters:\n  - subject: Takeout\n", ["takeout"])
        #expect(report.matches.map { "\($0.folder)|\($0.labels.joined(separator: ","))" }.sorted() == [
            "Deleted Items|Trash,Inbox,Opened", "Junk Email|Spam,Unread", "Sent Items|Sent,Opened",
        ])
        #expect(report.matches.allSatisfy { $0.mailbox == "carol@personal.example" })
        let rows = try Self.matchRows(report)
        #expect(rows.compactMap { $0["labels"] as? [String] }.contains(["Spam", "Unread"]))
        let (all, _) = try Self.run("name: t\nfilters:\n  - subject: Takeout user label\n", ["takeout"])
        #expect(all.matches.map(\.folder) == ["Projects/Q4, budget"])
    }

    @Test func theMailboxPartIsInTheReport() throws {
        let (report, _) = try Self.run("name: t\nfilters:\n  - subject: Purview archive inbox\n", ["purview"])
        let row = try #require(try Self.matchRows(report).first)
        #expect(row["mailbox"] as? String == "alice@corp.example")
        #expect(row["mailboxPart"] as? String == "Archive")
        #expect(row["folder"] as? String == "Inbox")
        #expect(report.matches.first?.source.path.hasSuffix("Alice-phish-export.zip!/Exchange/alice@corp.example (Archive)/Top of Information Store/Inbox/2019 invoice.eml") == true)
    }

    @Test func storedAppleAttachmentsAreSearchedByTheirRealDigest() throws {
        let sha256 = "7e94b0b545aaed536f7a7a9e3e78a30827b709181ed9ebc17ea9031eebb4de55"
        for input in ["apple-mail", "handoff/apple-library.zip"] {
            let (report, _) = try Self.run("name: t\nfilters:\n  - attachmentSHA256: \(sha256)\n", [input])
            #expect(report.matches.map(\.subject) == ["Apple partial with stored attachment"], "\(input)")
            let (size, _) = try Self.run("name: t\nfilters:\n  - attachmentSize: 1057\n", [input])
            #expect(size.matches.map(\.subject) == ["Apple partial with stored attachment"], "\(input)")
            // The attachment that was not collected cannot be decided: never the digest of nothing.
            let (empty, _) = try Self.run(
                "name: t\nfilters:\n  - attachmentSHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n", [input])
            #expect(empty.matches.isEmpty)
            #expect(empty.summary.unsearchableByFilter["f1"] == 1)
        }
        let (plist, _) = try Self.run("name: t\nfilters:\n  - keyword: PLIST-TRAILER-TEXT\n", ["apple-mail"])
        #expect(plist.matches.isEmpty)
    }

    @Test func archiveProblemsMakeTheRunExitThree() throws {
        let (report, status) = try Self.run("name: t\nfilters:\n  - subject: Hostile\n", ["hostile"])
        #expect(status == 3)
        let codes = Set(report.diagnostics.filter { $0.severity == .error }.map(\.code))
        #expect(codes == ["archive.ratio-exceeded", "archive.encrypted-member", "archive.truncated", "archive.corrupt", "archive.too-deep", "mbox.read-error"])
        #expect(report.matches.first { $0.subject == "Hostile cut two" }?.caveats == ["partly-read"])
        let (clean, cleanStatus) = try Self.run("name: t\nfilters:\n  - subject: Handoff\n", ["handoff"])
        #expect(cleanStatus == 0)
        #expect(clean.matches.count == 12)
    }

    @Test func theReportIsTheSameWhateverTheNumberOfWorkers() throws {
        let yaml = "name: t\nfilters:\n  - keyword: please\n"
        let inputs = ["apple-mail", "handoff", "hostile", "mh", "purview", "takeout", "thunderbird", "vault"]
        func render(_ workers: Int) throws -> String {
            var (report, _) = try Self.run(yaml, inputs, workers: workers)
            report.summary.durationSeconds = 0
            report.run.durationSeconds = 0
            report.run.startTime = ""
            return String(decoding: JSONReportWriter().render(report, options: ReportOptions()), as: UTF8.self)
        }
        let one = try render(1)
        #expect(try render(4) == one)
        #expect(try render(2) == one)
    }
}
