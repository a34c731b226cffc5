import Foundation
import Testing
import Investigation
import Pipeline
import Reports
@testable import RuleTesting

/// `dragnet diff`: between two reports, and between two versions of an investigation.
@Suite
struct ReportDiffTests {
    static let samples = Paths.fixture("rule-repo/samples")

    /// Runs an investigation file over the example samples and writes its JSON report.
    static func report(_ investigation: String, to path: String, format: ReportFormat = .json, inputs: [String] = [samples]) throws {
        let loaded = try RuleInvestigationFile.load(path: investigation).investigation
        let (report, _) = InvestigationRunner(investigation: loaded, workers: 2, mailboxHint: "analyst@fabrikam.example")
            .run(paths: inputs, toolVersion: "test", runOptions: [:])
        try Data(format.writer.render(report)).write(to: URL(fileURLWithPath: path))
    }

    @Test func betweenTwoReports() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        // The password rule, made too broad: a keyword that the real IT notice also says.
        let broad = try scratch.write("broad.yaml", """
            name: Password reset lure
            match: any
            filters:
              - from: reset-portal.example
              - url: reset-portal.example
              - regex: '(?i)verify your (account|mailbox) within \\\\d+ hours'
              - keyword: password
            """)
        try Self.report(Paths.fixture("rule-repo/password-reset.yaml"), to: scratch.root + "/old.json")
        try Self.report(broad, to: scratch.root + "/new.json")
        let old = try ReportDiff.readReport(scratch.root + "/old.json")
        let new = try ReportDiff.readReport(scratch.root + "/new.json")
        #expect(old.investigationName == "Password reset lure")
        #expect(old.matches.count == 2)
        let diff = ReportDiff(old: old, new: new)
        #expect(diff.hasChanges)
        // Newly matched: the real IT notice (keyword) — the quota lure is no longer matched (broken regex).
        #expect(diff.newlyMatched.map(\.key.path) == [Self.samples + "/password/legit-it-notice.eml"])
        #expect(diff.newlyMatched.first?.filters == [FilterRef(id: "f4", label: "keyword contains \"password\"")])
        #expect(diff.noLongerMatched.map(\.key.path) == [Self.samples + "/password/quota-phish.eml"])
        // Matched for different filters: the reset lure now also holds for the keyword.
        #expect(diff.differentFilters.map(\.new.key.path) == [Self.samples + "/password/reset-phish.eml"])
        #expect(diff.differentFilters.first?.added == [FilterRef(id: "f4", label: "keyword contains \"password\"")])
        #expect(diff.differentFilters.first?.removed == [])
        #expect(diff.unchanged == 0)

        let text = diff.text()
        #expect(text.hasPrefix("old: \(scratch.root)/old.json (Password reset lure, 2 matches)\nnew: \(scratch.root)/new.json (Password reset lure, 2 matches)\n"))
        #expect(text.contains("\nnewly matched (1):\n  + \(Self.samples)/password/legit-it-notice.eml  analyst@fabrikam.example  password  <pwd-expiry-2211@fabrikam.example>  \"Your password expires in 5 days\"\n      filters: f4 (keyword contains \"password\")\n"))
        #expect(text.contains("\nno longer matched (1):\n  - \(Self.samples)/password/quota-phish.eml"))
        #expect(text.contains("\nmatched for different filters (1):\n  ~ \(Self.samples)/password/reset-phish.eml"))
        #expect(text.contains("      before: f1 (from equals \"reset-portal.example\"), f2 (url equals \"reset-portal.example\")\n      after:  f1 (from equals \"reset-portal.example\"), f2 (url equals \"reset-portal.example\"), f4 (keyword contains \"password\")\n"))
        #expect(text.hasSuffix("\n1 newly matched, 1 no longer matched, 1 matched for different filters, 0 unchanged\n"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(diff.json())) as? [String: Any])
        #expect(json["summary"] as? [String: Int] == ["newlyMatched": 1, "noLongerMatched": 1, "differentFilters": 1, "unchanged": 0])
        let changed = try #require((json["differentFilters"] as? [[String: Any]])?.first)
        #expect((changed["addedFilters"] as? [[String: String]]) == [["id": "f4", "label": "keyword contains \"password\""]])
        #expect((changed["source"] as? [String: Any])?["format"] as? String == "eml")
        #expect(((json["newlyMatched"] as? [[String: Any]])?.first?["messageId"]) as? String == "pwd-expiry-2211@fabrikam.example")
        #expect((json["old"] as? [String: Any])?["matches"] as? Int == 2)
    }

    @Test func aLabelChangeWithTheSameIdIsADifferentFilter() {
        let key = ItemKey(format: "eml", path: "a.eml")
        let old = DiffSide(path: "old", matches: [DiffItem(key: key, mailbox: "m", filters: [FilterRef(id: "f1", label: "from equals \"a.example\"")])])
        let new = DiffSide(path: "new", matches: [DiffItem(key: key, mailbox: "m", filters: [FilterRef(id: "f1", label: "from equals \"b.example\"")])])
        let diff = ReportDiff(old: old, new: new)
        #expect(diff.differentFilters.count == 1)
        #expect(ReportDiff(old: old, new: old).hasChanges == false)
        #expect(ReportDiff(old: old, new: old).text().hasSuffix("no changes: the same 1 match for the same filters\n"))
    }

    @Test func itemsFoundElsewherePairByMailboxAndMessageId() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        // The same samples, copied: the paths differ, the messages do not.
        try scratch.copy(Self.samples, to: "copy")
        try Self.report(Paths.fixture("rule-repo/invoice-lure.yaml"), to: scratch.root + "/old.json")
        try Self.report(Paths.fixture("rule-repo/invoice-lure.yaml"), to: scratch.root + "/new.jsonl", format: .jsonl, inputs: [scratch.root + "/copy"])
        let old = try ReportDiff.readReport(scratch.root + "/old.json")
        let new = try ReportDiff.readReport(scratch.root + "/new.jsonl")
        #expect(new.matches.count == 3)
        let diff = ReportDiff(old: old, new: new)
        #expect(!diff.hasChanges)
        #expect(diff.unchanged == 3)
    }

    @Test func betweenTwoVersionsOfAnInvestigation() throws {
        let old = try ReportDiff.runInvestigation(
            Paths.fixture("rule-repo/invoice-lure.yaml"), inputs: [Self.samples], workers: 2, mailbox: "analyst@fabrikam.example", toolVersion: "test")
        let new = try ReportDiff.runInvestigation(
            Paths.fixture("rule-repo-regressions/invoice-lure.yaml"), inputs: [Self.samples], workers: 2, mailbox: "analyst@fabrikam.example", toolVersion: "test")
        let diff = ReportDiff(old: old, new: new)
        #expect(diff.newlyMatched.isEmpty)
        #expect(diff.noLongerMatched.map(\.key.description) == [Self.samples + "/invoice/lure-billing-domain.eml"])
        #expect(diff.noLongerMatched.first?.filters.map(\.id) == ["f1", "f2"])
        #expect(diff.differentFilters.count == 1, "the northwlnd lure: f2's label lost a domain")
        #expect(diff.differentFilters.first?.new.key.description == Self.samples + "/invoice/lure-northwlnd.eml")
        #expect(diff.unchanged == 1)
    }

    @Test func unreadableAndForeignFilesAreErrors() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        #expect(throws: DiffError.self) { try ReportDiff.readReport(scratch.root + "/missing.json") }
        try scratch.write("other.json", #"{"value": []}"#)
        do {
            _ = try ReportDiff.readReport(scratch.root + "/other.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == ["\(scratch.root)/other.json: error: [diff.not-a-report] no 'matches' list: this is not a report of dragnet investigate --format json"])
        }
        do {
            _ = try ReportDiff.runInvestigation(scratch.root + "/nope.yaml", inputs: [Self.samples], workers: 1, mailbox: nil, toolVersion: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.lines.first?.contains("does not exist") == true)
        }
    }
}
