import Foundation
import Investigation
import MailModel
import Testing

@testable import Reports

@Suite("Formatting")
struct FormattingTests {
    @Test("ISO 8601 UTC dates", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (1_709_251_199, "2024-02-29T23:59:59Z"),
        (1_795_280_709, "2026-11-21T17:05:09Z"), (-2_203_848_000, "1900-03-01T12:00:00Z"),
        (Int64.max, "9999-12-31T23:59:59Z"), (Int64.min, "0000-01-01T00:00:00Z"),
    ])
    func iso8601(seconds: Int64, expected: String) {
        #expect(ReportFormatting.iso8601(seconds) == expected)
        #expect(UTCTimestamp.readable(seconds) == expected.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC"))
    }

    @Test("diagnostics never carry control sequences to a terminal")
    func terminalText() {
        #expect(TerminalText.escaped("plain path/ok.eml") == "plain path/ok.eml")
        #expect(TerminalText.escaped("a\u{1B}[31mred\u{07}\nb") == "a\u{241B}[31mred\u{2407}\u{240A}b")
        #expect(TerminalText.escaped("invoice\u{202E}fdp.exe\u{85}") == "invoice[U+202E]fdp.exe[U+0085]")
        let diagnostic = Diagnostic(
            severity: .error, code: "graph.error-page", message: "(\u{1B}]0;pwned\u{07})",
            location: SourceLocation(path: "u/\u{1B}[32mgreen.json"))
        #expect(!diagnostic.compilerStyle.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("fixed decimals are stable and locale-free")
    func fixed() {
        #expect(ReportFormatting.fixed(1.25) == "1.250")
        #expect(ReportFormatting.fixed(0) == "0.000")
        #expect(ReportFormatting.fixed(12.3456) == "12.346")
        #expect(ReportFormatting.fixed(0.0005) == "0.001")
        #expect(ReportFormatting.fixed(-0.0004) == "0.000")
        #expect(ReportFormatting.fixed(-2.5) == "-2.500")
        #expect(ReportFormatting.fixed(.nan) == "0.000")
        #expect(ReportFormatting.fixed(.infinity) == "0.000")
        #expect(ReportFormatting.fixed(3600.1) == "3600.100")
    }

    @Test("natural key order")
    func natural() {
        let keys = ["f10", "f2", "f1", "Inbox", "Deleted Items", "f01", "f", ""]
        #expect(keys.sorted(by: ReportFormatting.naturalLess) == ["", "Deleted Items", "Inbox", "f", "f01", "f1", "f2", "f10"])
    }

    @Test("grouped counts")
    func grouped() {
        #expect(ReportFormatting.grouped(0) == "0")
        #expect(ReportFormatting.grouped(999) == "999")
        #expect(ReportFormatting.grouped(1000) == "1,000")
        #expect(ReportFormatting.grouped(1_234_567) == "1,234,567")
        #expect(ReportFormatting.grouped(-1234) == "-1,234")
    }

    @Test("source locations")
    func locations() {
        #expect(ReportFormatting.location(MessageSource(format: "mbox", path: "a", index: 2, offset: 5120)) == "index=2 offset=5120")
        #expect(ReportFormatting.location(MessageSource(format: "graph-json", path: "a", pointer: "/value/3")) == "pointer=/value/3")
        #expect(ReportFormatting.location(MessageSource(format: "graph-json", path: "a", pointer: "", line: 4)) == "line=4 pointer=")
        #expect(ReportFormatting.location(MessageSource(format: "eml", path: "a")) == "")
    }

    @Test("HTML escaping")
    func html() {
        #expect(TextSafety.html("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(TextSafety.html("x\ny") == "x<span class=\"cc\">LF</span>y")
        #expect(TextSafety.html("\u{0}\u{1B}\u{7F}", markup: false) == "[NUL][ESC][DEL]")
        #expect(TextSafety.html("x\ny", lineBreaks: true) == "x\ny")
        #expect(TextSafety.html("\u{85}\u{200B}") == "<span class=\"cc\">U+0085</span><span class=\"cc\">U+200B</span>")
        #expect(TextSafety.html("a\u{202E}b", markup: false) == "a[U+202E]b")
        #expect(TextSafety.html("👩‍👩‍👧 مرحبا") == "👩‍👩‍👧 مرحبا")
    }

    @Test("the format registry")
    func formats() {
        #expect(ReportFormat(rawValue: "jsonl")?.writer.format == .jsonl)
        for format in ReportFormat.allCases {
            #expect(format.writer.format == format)
            #expect(format.fileExtension == format.rawValue)
        }
        #expect(ReportOptions().includeSnippets)
    }
}
