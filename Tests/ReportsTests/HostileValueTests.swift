import Foundation
import Investigation
import Testing

@testable import Reports

/// Values an attacker controls (subjects, senders, file names, folder names, even the investigation
/// file) must come out as inert text in every format.
@Suite("Hostile values")
struct HostileValueTests {
    let report = ReportSamples.hostile

    // MARK: JSON

    @Test("JSON parses back with the exact strings")
    func jsonRoundTrip() throws {
        let bytes = JSONReportWriter().render(report)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let inv = try #require(json["investigation"] as? [String: Any])
        #expect(inv["name"] as? String == ReportSamples.hostileName)
        #expect(inv["description"] as? String == ReportSamples.hostileDescription)
        let matches = try #require(json["matches"] as? [[String: Any]])
        #expect(matches[0]["subject"] as? String == ReportSamples.scriptSubject)
        #expect(matches[0]["from"] as? String == ReportSamples.hyperlinkSender)
        #expect(matches[0]["senderName"] as? String == ReportSamples.ddeName)
        #expect(matches[0]["to"] as? [String] == [ReportSamples.sumRecipient, ReportSamples.minusRecipient])
        #expect(matches[0]["attachments"] as? [String] == [ReportSamples.tabAttachment, ReportSamples.rtlAttachment])
        #expect(matches[0]["folder"] as? String == ReportSamples.crFolder)
        #expect(matches[0]["messageId"] as? String == ReportSamples.hostileMessageID)
        #expect((matches[0]["evidence"] as? [[String: Any]])?.first?["snippet"] as? String == ReportSamples.hostileSnippet)
        #expect(matches[1]["subject"] as? String == ReportSamples.multilineSubject)
        #expect((matches[1]["source"] as? [String: Any])?["pointer"] as? String == "/value/0\"<>")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["matchesByFolder"] as? [String: Int] == [ReportSamples.crFolder: 1, ReportSamples.scriptSubject: 1])
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["options"] as? [String: String] == [ReportSamples.scriptSubject: ReportSamples.hyperlinkSender])
    }

    @Test("JSON Lines: every line parses, and no value breaks a line")
    func jsonLines() throws {
        let text = JSONLinesReportWriter().renderString(report)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["subject"] as? String == ReportSamples.multilineSubject)
    }

    // MARK: CSV

    @Test("CSV parses back; cells that could start a formula are prefixed with a quote")
    func csv() throws {
        let text = CSVReportWriter().renderString(report)
        let rows = try CSVReader.parse(text)
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.count == CSVReportWriter.columns.count })
        let columns = Dictionary(uniqueKeysWithValues: CSVReportWriter.columns.enumerated().map { ($1, $0) })
        func cell(_ row: Int, _ name: String) -> String { rows[row][columns[name]!] }

        #expect(cell(1, "Subject") == ReportSamples.scriptSubject)
        #expect(cell(1, "From") == "'" + ReportSamples.hyperlinkSender)
        #expect(cell(1, "Sender Name") == "'" + ReportSamples.ddeName)
        #expect(cell(1, "To") == "'" + ReportSamples.sumRecipient + "; " + ReportSamples.minusRecipient)
        #expect(cell(1, "Attachment Names") == "'" + ReportSamples.tabAttachment + "; " + ReportSamples.rtlAttachment)
        #expect(cell(1, "Folder") == "'" + ReportSamples.crFolder)
        #expect(cell(1, "Owner") == ReportSamples.hostileMailbox)
        #expect(cell(1, "Message-ID") == ReportSamples.hostileMessageID)
        #expect(cell(1, "Path") == "export/\"q\",<x>.eml")
        #expect(cell(1, "Warning") == "'" + ReportSamples.hyperlinkSender)
        #expect(cell(2, "From") == "'" + ReportSamples.ddeName)
        #expect(cell(2, "Sender Name") == "'" + ReportSamples.hyperlinkSender)
        #expect(cell(2, "To") == "'" + ReportSamples.crFolder)
        #expect(cell(2, "Caveats") == "'" + ReportSamples.minusRecipient)
        #expect(cell(2, "Status") == "Would delete")
        // NUL is written as U+FFFD; the line breaks stay inside the quoted cell.
        #expect(cell(2, "Subject") == ReportSamples.multilineSubject.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
        #expect(!text.unicodeScalars.contains("\u{0}"))

        // No parsed cell starts with a formula trigger.
        for row in rows {
            for value in row {
                if let first = value.unicodeScalars.first {
                    #expect(!CSVReportWriter.formulaTriggers.contains(first), "cell \(value.debugDescription)")
                }
            }
        }
    }

    @Test("every formula trigger is neutralised, and only at the start of a cell", arguments: ["=", "+", "-", "@", "\t", "\r"])
    func formulaTrigger(trigger: String) throws {
        let cell = CSVReportWriter.field(trigger + "1+1")
        let parsed = try CSVReader.parse(cell + "\r\n")
        #expect(parsed == [["'" + trigger + "1+1"]])
        #expect(!CSVReportWriter.field("a" + trigger + "b").hasPrefix("'"))
    }

    @Test("quoting follows RFC 4180")
    func quoting() {
        #expect(CSVReportWriter.field("plain") == "plain")
        #expect(CSVReportWriter.field("a,b") == "\"a,b\"")
        #expect(CSVReportWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReportWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVReportWriter.field("cr\rlf") == "\"cr\rlf\"")
        #expect(CSVReportWriter.field("") == "")
        #expect(CSVReportWriter.field("=1,2") == "\"'=1,2\"")
    }

    @Test("CSV records end with CRLF, header included; a line break inside a value stays in its quoted cell")
    func crlf() throws {
        let text = CSVReportWriter().renderString(ReportSamples.report)
        #expect(text.hasPrefix("Owner,From,To,Sender Name,Subject,Attachment,Source,Filter,Status,Folder,Date,Message-ID,Format,Path,Location,"))
        #expect(text.hasSuffix("\r\n"))
        // The strict reader rejects a bare LF or CR outside quotes.
        let rows = try CSVReader.parse(text)
        #expect(rows.count == 4)
        #expect(rows[0] == CSVReportWriter.columns)
        #expect(rows[3][CSVReportWriter.columns.firstIndex(of: "Evidence")!].contains("wire transfer\ntoday"))
    }

    // MARK: HTML

    @Test("HTML: no markup from values, every tag is the writer's own")
    func htmlTags() throws {
        let html = HTMLReportWriter().renderString(report)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<svg"))
        #expect(!html.lowercased().contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;http://evil&quot;)"))
        #expect(html.contains("&lt;b&gt;Invoice&lt;/b&gt; &amp; &quot;lure&quot; &#39;x&#39;"))
        try HTMLChecks.onlyOwnTags(html)
    }

    @Test("HTML: control and bidi characters are shown, never passed through")
    func htmlControls() {
        let html = HTMLReportWriter().renderString(report)
        #expect(!html.unicodeScalars.contains("\u{202E}"))
        #expect(!html.unicodeScalars.contains("\u{0}"))
        #expect(!html.unicodeScalars.contains("\u{1B}"))
        #expect(html.contains("invoice<span class=\"cc\">U+202E</span>lmth.exe"))
        #expect(html.contains("<span class=\"cc\">NUL</span>"))
        #expect(html.contains("<span class=\"cc\">ESC</span>[31m"))
        // The CR that starts the folder name is visible, and so are the line breaks of a subject.
        #expect(html.contains("<td><span class=\"cc\">CR</span>Inbox</td>"))
        #expect(html.contains("<span class=\"cc\">CR</span><span class=\"cc\">LF</span>Line two<span class=\"cc\">LF</span>Line three"))
    }

    @Test("HTML: the title holds escaped text only")
    func htmlTitle() throws {
        let html = HTMLReportWriter().renderString(report)
        let start = try #require(html.range(of: "<title>"))
        let end = try #require(html.range(of: "</title>"))
        let title = String(html[start.upperBound..<end.lowerBound])
        #expect(!title.contains("<"))
        #expect(title.hasPrefix("&lt;b&gt;Invoice"))
    }

    // MARK: terminal

    @Test("terminal summary: no control character reaches the terminal")
    func terminal() {
        var hostile = report
        hostile.mailboxes.append(.init(mailbox: "\u{1B}]0;pwned\u{7}\u{1B}[2J\u{202E}evil@x", status: .scanned, messagesScanned: 1, matches: 1))
        let text = SummaryText.render(hostile, reportPath: "out/\u{1B}[31mred.html")
        let body = text.dropLast()  // the final newline
        for line in body.split(separator: "\n") {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{202E}" }, "\(line.debugDescription)")
        }
        #expect(text.contains("␛]0;pwned␇␛[2J[U+202E]evil@x"))
        #expect(text.contains("Report: out/␛[31mred.html"))
    }
}

enum HTMLChecks {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let tags: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "div", "header", "main", "footer", "section", "p", "h1", "h2",
        "dl", "dt", "dd", "span", "strong", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br", "wbr",
    ]
    static let attributes: Set<String> = ["lang", "charset", "http-equiv", "content", "name", "class", "colspan", "id", "aria-label"]

    /// Every `<` in the document starts one of the writer's tags with known attributes whose values
    /// hold no markup; nothing links anywhere or loads anything.
    static func onlyOwnTags(_ html: String) throws {
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var inStyle = false
        while i < scalars.count {
            guard scalars[i] == "<" else { i += 1; continue }
            guard let close = scalars[i...].firstIndex(of: ">") else { throw Failure(description: "unterminated tag at \(i)") }
            let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
            i = close + 1
            var body = Substring(tag)
            if body.hasPrefix("/") { body = body.dropFirst() }
            let name = body.prefix { $0 != " " }.lowercased()
            if inStyle && name != "style" { continue }
            guard tags.contains(name) else { throw Failure(description: "unexpected tag <\(tag)>") }
            if name == "style" { inStyle = !tag.hasPrefix("/") }
            // Attributes: name="value" with no markup or quotes inside the value.
            var rest = body.dropFirst(name.count)
            while let eq = rest.firstIndex(of: "=") {
                let attribute = rest[rest.startIndex..<eq].trimmingCharacters(in: .whitespaces).lowercased()
                guard attributes.contains(attribute) else { throw Failure(description: "unexpected attribute \(attribute) in <\(tag)>") }
                let afterEq = rest.index(after: eq)
                guard afterEq < rest.endIndex, rest[afterEq] == "\"" else { throw Failure(description: "unquoted attribute in <\(tag)>") }
                let valueStart = rest.index(after: afterEq)
                guard let valueEnd = rest[valueStart...].firstIndex(of: "\"") else { throw Failure(description: "open attribute in <\(tag)>") }
                let value = rest[valueStart..<valueEnd]
                if value.contains("<") || value.contains(">") { throw Failure(description: "markup in attribute of <\(tag)>") }
                rest = rest[rest.index(after: valueEnd)...]
            }
        }
        for banned in ["<link", "<script", "<iframe", "<object", "<form", "<base", "<img", "<svg"] where html.lowercased().contains(banned) {
            throw Failure(description: "found \(banned)")
        }
        // CSS loads nothing.
        if let start = html.range(of: "<style>"), let end = html.range(of: "</style>") {
            let css = html[start.upperBound..<end.lowerBound]
            for banned in ["url(", "@import", "@font-face", "http"] where css.contains(banned) {
                throw Failure(description: "style sheet contains \(banned)")
            }
        }
    }
}
