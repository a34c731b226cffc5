import Foundation
import Investigation
import Testing

@testable import Reports

/// Every writer's output compared with the golden files in `Fixtures/reports` (recorded when missing,
/// or rewritten with `RECORD_GOLDENS=1`; review the diff).
@Suite("Golden reports")
struct GoldenReportTests {
    static let cases: [(file: String, format: ReportFormat, report: @Sendable () -> InvestigationReport, options: ReportOptions)] = [
        ("report.json", .json, { ReportSamples.report }, ReportOptions()),
        ("report.jsonl", .jsonl, { ReportSamples.report }, ReportOptions()),
        ("report.csv", .csv, { ReportSamples.report }, ReportOptions()),
        ("report.html", .html, { ReportSamples.report }, ReportOptions()),
        ("report-no-snippets.json", .json, { ReportSamples.report }, ReportOptions(includeSnippets: false)),
        ("report-no-snippets.html", .html, { ReportSamples.report }, ReportOptions(includeSnippets: false)),
        ("empty.json", .json, { ReportSamples.empty }, ReportOptions()),
        ("empty.jsonl", .jsonl, { ReportSamples.empty }, ReportOptions()),
        ("empty.csv", .csv, { ReportSamples.empty }, ReportOptions()),
        ("empty.html", .html, { ReportSamples.empty }, ReportOptions()),
        ("hostile.json", .json, { ReportSamples.hostile }, ReportOptions()),
        ("hostile.csv", .csv, { ReportSamples.hostile }, ReportOptions()),
        ("hostile.html", .html, { ReportSamples.hostile }, ReportOptions()),
    ]

    @Test("writer output matches its golden file", arguments: cases.indices)
    func golden(index: Int) throws {
        let c = Self.cases[index]
        let actual = c.format.writer.render(c.report(), options: c.options)
        let expected = try Goldens.expected(c.file, actual: actual)
        #expect(actual == expected, "\(c.file) differs from Fixtures/reports/\(c.file); RECORD_GOLDENS=1 rewrites it")
    }

    @Test("terminal summary matches its golden file")
    func summaryText() throws {
        let actual = SummaryText.render(ReportSamples.report, reportPath: "out/report.html")
        let expected = try Goldens.expected("summary.txt", actual: Array(actual.utf8))
        #expect(Array(actual.utf8) == expected)
        let empty = SummaryText.render(ReportSamples.empty)
        let expectedEmpty = try Goldens.expected("summary-empty.txt", actual: Array(empty.utf8))
        #expect(Array(empty.utf8) == expectedEmpty)
    }

    @Test("the golden folder has its README")
    func readme() {
        #expect(FileManager.default.fileExists(atPath: Goldens.directory.appendingPathComponent("README.md").path), "looked in \(Goldens.directory.path)")
    }
}
