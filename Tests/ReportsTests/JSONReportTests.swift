import Foundation
import Investigation
import JSONOutput
import MailModel
import Testing

@testable import Reports

@Suite("JSON and JSON Lines")
struct JSONReportTests {
    func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? [String: Any])
    }

    /// JSON re-serialized with sorted keys, to compare two parsed objects.
    func canonical(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test("the document has exactly the §9 keys and the §15 campaigns, in order")
    func topLevelKeys() throws {
        let text = JSONReportWriter().renderString(ReportSamples.report)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == ["investigation", "summary", "mailboxes", "campaigns", "matches", "diagnostics", "run"])
        let json = try object(Array(text.utf8))
        #expect(Set(json.keys) == ["investigation", "summary", "mailboxes", "campaigns", "matches", "diagnostics", "run"])
        #expect(text.hasSuffix("}\n"))
    }

    @Test("the investigation is normalized, with its filter tree, file path and SHA-256")
    func investigation() throws {
        let json = try object(JSONReportWriter().render(ReportSamples.report))
        let inv = try #require(json["investigation"] as? [String: Any])
        #expect(inv["name"] as? String == "Invoice lure, November")
        #expect(inv["path"] as? String == "investigations/invoice-lure.yaml")
        #expect(inv["sha256"] as? String == ReportSamples.investigation.fileSHA256)
        #expect(inv["match"] as? String == "any")
        let scope = try #require(inv["scope"] as? [String: Any])
        #expect(scope["mailboxes"] as? String == "all")
        #expect(scope["folders"] as? [String] == ["Inbox", "Junk Email", "Deleted Items"])
        let range = try #require(scope["dateRange"] as? [String: Any])
        #expect(range["start"] as? String == "2026-11-01T00:00:00Z")
        #expect(range["endExclusive"] as? String == "2026-11-27T00:00:00Z")
        #expect(range["to"] as? String == "2026-11-26")
        let filters = try #require(inv["filters"] as? [[String: Any]])
        #expect(filters.count == 6)
        #expect(filters[0]["id"] as? String == "f1")
        #expect(filters[0]["line"] as? Int == 9)
        #expect(filters[0]["op"] as? String == "equals")
        let group = filters[3]
        #expect(group["type"] as? String == "all")
        let children = try #require(group["filters"] as? [[String: Any]])
        #expect(children[0]["caseSensitive"] as? Bool == true)
        #expect(children[1]["type"] as? String == "not")
        let negated = try #require((children[1]["filters"] as? [[String: Any]])?.first)
        #expect(negated["id"] as? String == "f5")
        let sizes = try #require(filters[4]["values"] as? [[String: Any]])
        #expect(sizes[0]["min"] as? Int == 1000 && sizes[0]["max"] as? Int == 50_000)
        #expect(filters[5]["headerName"] as? String == "X-Mailer")
        let action = try #require(inv["action"] as? [String: Any])
        #expect(action["type"] as? String == "warn")
        #expect(action["plannedAction"] as? String == "would-warn")
    }

    @Test("summary, mailboxes, matches, diagnostics and run carry the report's figures")
    func figures() throws {
        let json = try object(JSONReportWriter().render(ReportSamples.report))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["messagesScanned"] as? Int == 1245)
        #expect(summary["messagesUnsearchable"] as? Int == 6)
        #expect((summary["mailboxesNotScanned"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["not-authorized", "out-of-scope"])
        let unsearchable = try #require(summary["unsearchableByFilter"] as? [String: Int])
        #expect(unsearchable == ["f1": 0, "f2": 0, "f3": 6, "f4": 0, "f5": 0, "f6": 0, "f7": 2])
        #expect(summary["matchesByFolder"] as? [String: Int] == ["Deleted Items": 1, "Inbox": 1, "Junk Email": 1])

        let mailboxes = try #require(json["mailboxes"] as? [[String: Any]])
        #expect(mailboxes.map { $0["mailbox"] as? String } == ReportSamples.report.mailboxes.map(\.mailbox))

        let matches = try #require(json["matches"] as? [[String: Any]])
        #expect(matches.count == 3)
        #expect(matches.map { $0["folder"] as? String } == ["Deleted Items", "Inbox", "Junk Email"])
        let first = matches[0]
        #expect(first["date"] as? String == "2026-11-20T09:30:00Z")
        #expect(first["messageId"] as? String == "inv-204311@contoso-invoices.com")
        #expect((first["source"] as? [String: Any])?["format"] as? String == "eml")
        #expect((first["matchedFilters"] as? [[String: Any]])?.map { $0["id"] as? String } == ["f1", "f3"])
        #expect(first["isRead"] is NSNull)
        let graph = try #require(matches[1]["source"] as? [String: Any])
        #expect(graph["pointer"] as? String == "/value/3")
        #expect(graph["offset"] == nil)
        let mbox = try #require(matches[2]["source"] as? [String: Any])
        #expect(mbox["index"] as? Int == 2 && mbox["offset"] as? Int == 5120)
        #expect(matches[2]["date"] is NSNull)
        #expect(matches[2]["messageId"] is NSNull)

        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["mime.close-boundary-not-found", "input.unreadable", "graph.truncated-powershell"])
        #expect((diagnostics[0]["location"] as? [String: Any])?["byteOffset"] as? Int == 5120)

        let run = try #require(json["run"] as? [String: Any])
        #expect(run["toolVersion"] as? String == "0.1.0-test")
        #expect(run["inputCount"] as? Int == 1)
    }

    @Test("durations are written with exactly three decimals")
    func durations() throws {
        var report = ReportSamples.report
        report.summary.durationSeconds = 2.0 / 3.0
        report.run.durationSeconds = 12
        let text = JSONReportWriter().renderString(report)
        #expect(text.contains("\"durationSeconds\": 0.667"))
        #expect(text.contains("\"durationSeconds\": 12.000"))
        let json = try object(Array(text.utf8))
        #expect((json["summary"] as? [String: Any])?["durationSeconds"] as? Double == 0.667)
        let lines = JSONLinesReportWriter().renderString(report)
        #expect(lines.contains("\"durationSeconds\":0.667"))
    }

    @Test("JSON Lines: one typed match per line, then one summary line")
    func jsonLines() throws {
        let text = JSONLinesReportWriter().renderString(ReportSamples.report)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4)
        let objects = try lines.map { try object(Array($0.utf8)) }
        #expect(objects.map { $0["type"] as? String } == ["match", "match", "match", "summary"])
        #expect(objects[0]["mailbox"] as? String == "alice@contoso.com")
        let summary = objects[3]
        #expect(summary["messagesMatched"] as? Int == 3)
        #expect((summary["investigation"] as? [String: Any])?["sha256"] as? String == ReportSamples.investigation.fileSHA256)
        #expect((summary["mailboxes"] as? [Any])?.count == 5)
        #expect((summary["diagnostics"] as? [Any])?.count == 3)
        #expect(summary["run"] is [String: Any])
        // The empty report is the summary line alone.
        let empty = JSONLinesReportWriter().renderString(ReportSamples.empty)
        #expect(empty.split(separator: "\n").count == 1)
        #expect(try object(Array(empty.utf8))["type"] as? String == "summary")
    }

    @Test("a match line is the same object as in the JSON document, plus its type")
    func sameMatchObject() throws {
        let document = try object(JSONReportWriter().render(ReportSamples.report))
        let matches = try #require(document["matches"] as? [[String: Any]])
        let lines = JSONLinesReportWriter().renderString(ReportSamples.report).split(separator: "\n")
        for (line, match) in zip(lines, matches) {
            var fromLine = try object(Array(line.utf8))
            #expect(fromLine.removeValue(forKey: "type") as? String == "match")
            #expect(try canonical(fromLine) == canonical(match))
        }
    }

    @Test("rows rendered in parallel chunks give the bytes of a render in one go")
    func chunkedRowsMatchOneGo() {
        var report = ReportSamples.report
        let base = report.matches
        report.matches = (0..<700).map { n in
            var row = base[n % base.count]
            row.subject = (row.subject ?? "") + " #\(n) \"quoted\" \\ [a, b] {c}"
            return row
        }
        let options = ReportOptions(includeSnippets: true)
        // The reference: the whole document, rows included, through the pretty printer at once.
        var json = ReportJSON()
        json.document(report, campaigns: CampaignIndex(report), options: options, includingRows: true)
        let expected = PrettyLayoutReference.pretty(json.finished()) + [0x0A]
        #expect(JSONReportWriter().render(report, options: options) == expected)
    }

    @Test("a JSONWriter writes constant keys, ints and lent strings as the general calls do")
    func writerFastPathsMatchGeneralCalls() {
        for depth in [nil, 0, 3] as [Int?] {
            func writer() -> JSONWriter { depth.map { JSONWriter(capacity: 1, prettyDepth: $0) } ?? JSONWriter(capacity: 1) }
            var fast = writer()
            var general = writer()
            fast.beginObject()
            general.beginObject()
            for (index, value) in [0, 7, -1, 10, 99, 100, -1_000_000, Int.max, Int.min].enumerated() {
                fast.key(ascii: "k")
                general.key("k")
                fast.beginArray()
                general.beginArray()
                fast.int(value)
                general.number(raw: String(value))
                UTCTimestamp.withISO8601(Int64(index) * 86_461) { fast.string(unescaped: $0) }
                general.string(UTCTimestamp.iso8601(Int64(index) * 86_461))
                fast.endArray()
                general.endArray()
                fast.field(ascii: "n", value)
                general.field("n", value)
            }
            fast.endObject()
            general.endObject()
            #expect(fast.bytes == general.bytes)
        }
    }

    @Test("a copy of a JSONWriter writes apart from the writer it was copied from")
    func copiedWriterWritesApart() {
        for depth in [nil, 0] as [Int?] {
            func writer() -> JSONWriter { depth.map { JSONWriter(capacity: 8, prettyDepth: $0) } ?? JSONWriter(capacity: 8) }
            var original = writer()
            original.beginObject()
            original.field("shared", "before the copy")
            var copy = original
            original.field("original", "only in the original, long enough to grow the buffer past its capacity")
            copy.field("copy", 1)
            copy.endObject()
            original.endObject()
            // The same calls on writers never copied.
            var expectedOriginal = writer()
            expectedOriginal.beginObject()
            expectedOriginal.field("shared", "before the copy")
            expectedOriginal.field("original", "only in the original, long enough to grow the buffer past its capacity")
            expectedOriginal.endObject()
            var expectedCopy = writer()
            expectedCopy.beginObject()
            expectedCopy.field("shared", "before the copy")
            expectedCopy.field("copy", 1)
            expectedCopy.endObject()
            #expect(original.bytes == expectedOriginal.bytes)
            #expect(copy.bytes == expectedCopy.bytes)
        }
    }

    @Test("a pretty JSONWriter writes the bytes the two-pass reference layout makes of its compact output", arguments: [true, false])
    func prettyWriterMatchesLayout(scalarArraysOnOneLine: Bool) {
        // The same calls to a compact and a pretty writer: mixed arrays (scalars then containers),
        // empty and nested containers, strings holding `, ` and escapes.
        func write(_ w: inout JSONWriter) {
            w.beginObject()
            w.field("name", "a, \"b\", [c] {d}\n")
            w.key("empty"); w.beginObject(); w.endObject()
            w.key("none"); w.beginArray(); w.endArray()
            w.key("scalars"); w.beginArray(); w.string("x, y"); w.int(2); w.bool(true); w.null(); w.endArray()
            w.key("mixed"); w.beginArray(); w.string("s, t"); w.int(1)
            w.beginObject(); w.field("k", 3); w.endObject()
            w.string("after"); w.beginArray(); w.endArray(); w.endArray()
            w.key("arrays"); w.beginArray(); w.beginArray(); w.string("in"); w.endArray(); w.beginArray(); w.endArray(); w.endArray()
            w.key("objects"); w.beginArray()
            for n in 0..<2 { w.beginObject(); w.field("n", n); w.key("tags"); w.beginArray(); w.string("t\(n)"); w.endArray(); w.endObject() }
            w.endArray()
            w.key("number"); w.number(raw: "1.250")
            w.key(ascii: "constantKey"); w.int(-42)
            w.field(ascii: "constantField", "x, \u{7F}\u{01}\"\\ a string longer than sixteen bytes \t")
            w.field(ascii: "limits", Int.min)
            w.key("dates"); w.beginArray()
            for seconds: Int64 in [0, 951_782_400] { UTCTimestamp.withISO8601(seconds) { w.string(unescaped: $0) } }
            w.endArray()
            // Deeper than the writer's constant line of indentation (32 levels).
            for _ in 0..<40 { w.key(ascii: "deeper"); w.beginObject() }
            w.field("bottom", Int.max)
            for _ in 0..<40 { w.endObject() }
            w.endObject()
        }
        var compact = JSONWriter()
        write(&compact)
        for depth in [0, 2] {
            var pretty = JSONWriter(prettyDepth: depth, scalarArraysOnOneLine: scalarArraysOnOneLine)
            write(&pretty)
            var expected: [UInt8] = []
            PrettyLayoutReference.pretty(compact.bytes, into: &expected, depth: depth, scalarArraysOnOneLine: scalarArraysOnOneLine)
            #expect(String(decoding: pretty.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }
}
