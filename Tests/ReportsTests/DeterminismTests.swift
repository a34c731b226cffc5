import Foundation
import Investigation
import Testing

@testable import Reports

@Suite("Determinism and --no-snippets")
struct DeterminismTests {
    @Test("two renders of the same report are byte-identical", arguments: ReportFormat.allCases)
    func twice(format: ReportFormat) {
        for report in [ReportSamples.report, ReportSamples.empty, ReportSamples.hostile] {
            #expect(format.writer.render(report) == format.writer.render(report))
        }
    }

    @Test("dictionary insertion order does not change the output", arguments: ReportFormat.allCases)
    func dictionaryOrder(format: ReportFormat) {
        let a = ReportSamples.report
        var b = a
        // Rebuild every dictionary in the opposite order.
        func reversed(_ d: [String: Int]) -> [String: Int] {
            var out: [String: Int] = [:]
            for key in d.keys.sorted().reversed() { out[key] = d[key] }
            return out
        }
        b.summary.matchesByFolder = reversed(a.summary.matchesByFolder)
        b.summary.matchesByFilter = reversed(a.summary.matchesByFilter)
        b.summary.unsearchableByFilter = reversed(a.summary.unsearchableByFilter)
        var options: [String: String] = [:]
        for key in a.run.options.keys.sorted().reversed() { options[key] = a.run.options[key] }
        b.run.options = options
        #expect(format.writer.render(a) == format.writer.render(b))
    }

    @Test("only the run timing fields differ between two runs")
    func timing() throws {
        let a = ReportSamples.report
        var b = a
        b.run.startTime = "2027-01-01T00:00:00Z"
        b.run.durationSeconds = 99.5
        b.summary.durationSeconds = 42.125
        func stripped(_ report: InvestigationReport) throws -> Data {
            var json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportWriter().render(report))) as? [String: Any])
            var run = try #require(json["run"] as? [String: Any])
            run["startTime"] = nil
            run["durationSeconds"] = nil
            json["run"] = run
            var summary = try #require(json["summary"] as? [String: Any])
            summary["durationSeconds"] = nil
            json["summary"] = summary
            return try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        }
        #expect(JSONReportWriter().render(a) != JSONReportWriter().render(b))
        #expect(try stripped(a) == stripped(b))
        // Line by line: exactly the three timing lines differ.
        let linesA = JSONReportWriter().renderString(a).split(separator: "\n")
        let linesB = JSONReportWriter().renderString(b).split(separator: "\n")
        #expect(linesA.count == linesB.count)
        let differing = zip(linesA, linesB).filter { $0 != $1 }.map { $0.0.trimmingCharacters(in: .whitespaces) }
        #expect(differing == ["\"durationSeconds\": 1.250", "\"startTime\": \"2026-11-26T10:00:00Z\",", "\"durationSeconds\": 1.250"])
    }

    static let snippets = ReportSamples.report.matches.flatMap(\.evidence).map(\.snippet)

    @Test("--no-snippets removes every snippet from every format", arguments: ReportFormat.allCases)
    func noSnippets(format: ReportFormat) {
        let with = format.writer.renderString(ReportSamples.report, options: ReportOptions(includeSnippets: true))
        let without = format.writer.renderString(ReportSamples.report, options: ReportOptions(includeSnippets: false))
        #expect(with.contains("SNIPPET-"))
        #expect(!without.contains("SNIPPET-"))
        for snippet in Self.snippets {
            #expect(!without.contains(snippet))
        }
        #expect(!without.contains("wire transfer"))
        // Hostile snippets too.
        let hostile = format.writer.renderString(ReportSamples.hostile, options: ReportOptions(includeSnippets: false))
        #expect(!hostile.contains("evil()"))
    }

    @Test("--no-snippets keeps the rest of the evidence")
    func evidenceKept() throws {
        let bytes = JSONReportWriter().render(ReportSamples.report, options: ReportOptions(includeSnippets: false))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let matches = try #require(json["matches"] as? [[String: Any]])
        let evidence = try #require(matches[0]["evidence"] as? [[String: Any]])
        #expect(evidence.map { $0["filter"] as? String } == ["f1", "f3"])
        #expect(evidence[1]["path"] as? String == "1.2")
        #expect(evidence.allSatisfy { $0["snippet"] == nil })
        let csv = try CSVReader.parse(CSVReportWriter().renderString(ReportSamples.report, options: ReportOptions(includeSnippets: false)))
        #expect(csv[1][CSVReportWriter.columns.firstIndex(of: "Evidence")!] == "f1 from; f3 attachment (1.2)")
    }
}
