import Foundation
import Testing

/// End-to-end tests of `dragnet diff`.
@Suite
struct DiffCommandTests {
    /// Two reports written by `dragnet investigate`: the password rule, and its regressed version.
    static func reports(_ name: String) throws -> (folder: URL, old: String, new: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-diff-cmd-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let old = folder.appendingPathComponent("old.json").path
        let new = folder.appendingPathComponent("new.json").path
        for (investigation, output) in [("Fixtures/rule-repo/password-reset.yaml", old), ("Fixtures/rule-repo-regressions/password-reset.yaml", new)] {
            let run = try Dragnet.run(["investigate", "--investigation", investigation, "--mailbox", "analyst@fabrikam.example", "--output", output, "Fixtures/rule-repo/samples"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        return (folder, old, new)
    }

    @Test func betweenTwoReportsAsTextAndJSON() throws {
        let (folder, old, new) = try Self.reports("reports")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Dragnet.run(["diff", old, new])
        #expect(text.status == 0)
        #expect(text.stdout.contains("\nno longer matched (1):\n  - Fixtures/rule-repo/samples/password/quota-phish.eml  analyst@fabrikam.example  password  <quota-7781@mailbox-quota.example>  \"Mailbox quota exceeded\"\n"))
        #expect(text.stdout.contains("      filters: f3 (regex "))
        #expect(!text.stdout.contains("matched for different filters ("), "the reset lure holds for the same filters")
        #expect(text.stdout.hasSuffix("\n0 newly matched, 1 no longer matched, 0 matched for different filters, 1 unchanged\n"))

        let json = try Dragnet.run(["diff", "--format", "json", old, new])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["summary"] as? [String: Int] == ["newlyMatched": 0, "noLongerMatched": 1, "differentFilters": 0, "unchanged": 1])

        let gated = try Dragnet.run(["diff", "--exit-code", old, new])
        #expect(gated.status == 1)
        let same = try Dragnet.run(["diff", "--exit-code", old, old])
        #expect(same.status == 0)
        #expect(same.stdout.hasSuffix("no changes: the same 2 matches for the same filters\n"))
    }

    @Test func betweenTwoVersionsOfAnInvestigation() throws {
        let result = try Dragnet.run([
            "diff", "--investigation", "Fixtures/rule-repo/invoice-lure.yaml", "--investigation", "Fixtures/rule-repo-regressions/invoice-lure.yaml",
            "--mailbox", "analyst@fabrikam.example", "Fixtures/rule-repo/samples",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("old: Fixtures/rule-repo/invoice-lure.yaml (Northwind invoice lure, 3 matches)\nnew: Fixtures/rule-repo-regressions/invoice-lure.yaml (Northwind invoice lure, 2 matches)\n"))
        #expect(result.stdout.contains("\nno longer matched (1):\n  - Fixtures/rule-repo/samples/invoice/lure-billing-domain.eml"))
        #expect(result.stdout.contains(#"      before: f1 (subject contains "invoice"), f2 (from equals "northwlnd.example" | "northwind-billing.example")"#))
        #expect(result.stdout.contains(#"      after:  f1 (subject contains "invoice"), f2 (from equals "northwlnd.example")"#))
    }

    @Test func badArgumentsAndUnreadableInputsExitWithStatusTwo() throws {
        let one = try Dragnet.run(["diff", "Fixtures/reports/report.json"])
        #expect(one.status == 2)
        #expect(one.stderr.contains("give two reports"))
        let three = try Dragnet.run(["diff", "--investigation", "Fixtures/rule-repo/invoice-lure.yaml", "Fixtures/rule-repo/samples"])
        #expect(three.status == 2)
        let missing = try Dragnet.run(["diff", "Fixtures/reports/report.json", "Fixtures/reports/nope.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "Fixtures/reports/nope.json: error: [input.not-found] no such file or folder\n")
        let invalid = try Dragnet.run(["diff", "--investigation", "Fixtures/rule-repo/invoice-lure.yaml", "--investigation", "Fixtures/investigations-invalid/does-not-exist.yaml", "Fixtures/rule-repo/samples"])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.hasPrefix("Fixtures/investigations-invalid/does-not-exist.yaml: error: [rule."))
    }
}
