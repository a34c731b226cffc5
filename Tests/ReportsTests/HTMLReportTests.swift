import Crypto
import Foundation
import Investigation
import Testing

@testable import Reports

/// The HTML report's structure beyond its golden files: the content security policy allows exactly
/// its script, the headline figures add up, and long reports fold their details.
@Suite("HTML report")
struct HTMLReportTests {
    static func between(_ html: String, _ start: String, _ end: String) throws -> String {
        let open = try #require(html.range(of: start))
        let close = try #require(html[open.upperBound...].range(of: end))
        return String(html[open.upperBound..<close.lowerBound])
    }

    @Test("the content security policy allows the inline script by its SHA-256, and nothing else")
    func scriptHash() throws {
        let html = HTMLReportWriter().renderString(ReportSamples.report)
        let policy = try Self.between(html, "http-equiv=\"Content-Security-Policy\" content=\"", "\"")
        let script = try Self.between(html, "<script>", "</script>")
        let digest = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
        let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(directives.contains("default-src 'none'"))
        #expect(directives.contains("script-src 'sha256-\(digest)'"), "policy: \(policy)")
        #expect(!policy.contains("unsafe-eval"))
        #expect(!directives.contains { $0.hasPrefix("script-src") && $0.contains("unsafe-inline") })
        #expect(HTMLScript.base64([1, 2]) == Data([1, 2]).base64EncodedString())
        #expect(HTMLScript.base64([1]) == Data([1]).base64EncodedString())
    }

    @Test("headline: messages read, then in scope and outside scope, never 'scanned' beside 'outside'")
    func headline() throws {
        let report = ReportSamples.report
        let s = report.summary
        let html = HTMLReportWriter().renderString(report)
        let read = s.messagesScanned + s.messagesUndated + s.messagesOutsideDateRange + s.messagesOutsideFolders
        func card(_ caption: String) -> String? {
            guard let range = html.range(of: "</span><span class=\"caption\">\(caption)</span>") else { return nil }
            let figureStart = html[..<range.lowerBound].range(of: "<span class=\"figure\">", options: .backwards)!
            return String(html[figureStart.upperBound..<range.lowerBound])
        }
        #expect(card("Messages read") == ReportFormatting.grouped(read))
        #expect(card("In scope") == ReportFormatting.grouped(s.messagesScanned))
        #expect(card("Outside scope") == ReportFormatting.grouped(read - s.messagesScanned))
        #expect(card("Matched") == ReportFormatting.grouped(s.messagesMatched))
        #expect(card("Messages scanned") == nil)
        // In reading order: read, in scope, outside scope.
        let order = ["Messages read", "In scope", "Outside scope", "Matched"].compactMap { html.range(of: ">\($0)<")?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
        let text = SummaryText.render(report)
        #expect(text.contains("Messages: \(ReportFormatting.grouped(read)) read: \(ReportFormatting.grouped(s.messagesScanned)) in scope"))
    }

    @Test("details are open up to the limit and folded above it; every row stays in the document")
    func foldedDetails() {
        var report = ReportSamples.report
        let small = HTMLReportWriter().renderString(report)
        #expect(small.components(separatedBy: "<details open>").count - 1 == report.matches.count)
        let row = report.matches[0]
        report.matches = Array(repeating: row, count: HTMLReportWriter.openDetailsLimit + 1)
        let large = HTMLReportWriter().renderString(report)
        #expect(!large.contains("<details open>"))
        #expect(large.components(separatedBy: "<tbody class=\"match\">").count - 1 == HTMLReportWriter.openDetailsLimit + 1)
    }

    @Test("the match table has fixed column widths for its eleven columns")
    func columns() throws {
        let html = HTMLReportWriter().renderString(ReportSamples.report)
        let colgroup = try Self.between(html, "<table class=\"matches\" id=\"match-table\">\n<colgroup>", "</colgroup>")
        #expect(colgroup.components(separatedBy: "<col ").count - 1 == 11)
        #expect(HTMLStyle.css.contains("table.matches { table-layout: fixed; }"))
    }

    @Test("campaign match numbers fold runs into ranges")
    func ranges() {
        #expect(ReportFormatting.numberRanges([1, 2, 4, 6, 7, 8, 9]) == "#1 #2 #4 #6–#9")
        #expect(ReportFormatting.numberRanges(Array(1...5000)) == "#1–#5000")
        #expect(ReportFormatting.numberRanges([]) == "")
    }
}
