import Foundation
import Testing
import Investigation
import MailModel
import Pipeline
@testable import Reports
@testable import RuleTesting

/// `dragnet investigate --format sarif`: SARIF 2.1.0, one result per match.
@Suite
struct SARIFReportWriterTests {
    /// Every message with a subject, over EML, Graph JSON (pages and JSON Lines) and mbox inputs.
    static let report: InvestigationReport = {
        let investigation = try! RuleInvestigationFile.load(path: Paths.fixture("rule-repo/invoice-lure.yaml")).investigation
        var everything = investigation
        everything.name = "Everything, with a subject"
        everything.scope = Scope()
        everything.match = .any
        everything.filters = [
            .condition(Condition(id: "f1", field: .subject, op: .exists, values: [], location: FileLocation(line: 4, column: 5))),
            .condition(Condition(id: "f2", field: .keyword, op: .contains, values: [.text("invoice")], location: FileLocation(line: 5, column: 5))),
        ]
        let inputs = [Paths.fixture("rule-repo/samples"), Paths.fixture("mbox/multipart.mbox"), Paths.fixture("sample-tenant/alice.martin@fabrikam.example")]
        return InvestigationRunner(investigation: everything, workers: 2).run(paths: inputs, toolVersion: "9.9.9", runOptions: [:]).0
    }()

    static func document(_ options: ReportOptions = ReportOptions()) throws -> [String: Any] {
        let bytes = SARIFReportWriter().render(report, options: options)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func oneRunWithRulesAndOneResultPerMatch() throws {
        let sarif = try Self.document()
        #expect(sarif["$schema"] as? String == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dragnet")
        #expect(driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["everything-with-a-subject", "everything-with-a-subject/f1", "everything-with-a-subject/f2"])
        #expect(rules.map { ($0["shortDescription"] as? [String: Any])?["text"] as? String } == ["Everything, with a subject", "subject exists", "keyword contains \"invoice\""])

        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == Self.report.matches.count)
        #expect(results.count > 20)
        for (result, row) in zip(results, Self.report.matches) {
            #expect(result["ruleId"] as? String == "everything-with-a-subject")
            #expect(result["level"] as? String == "warning", "warn action")
            let text = try #require((result["message"] as? [String: Any])?["text"] as? String)
            #expect(text.contains("matched in \(row.mailbox) / \(row.folder)"))
            let properties = try #require(result["properties"] as? [String: Any])
            #expect(properties["mailbox"] as? String == row.mailbox)
            #expect(properties["folder"] as? String == row.folder)
            #expect(properties["messageId"] as? String == row.messageID)
            let filters = try #require(properties["matchedFilters"] as? [[String: Any]])
            #expect(filters.map { $0["id"] as? String } == row.matchedFilters)
            #expect(filters.map { $0["label"] as? String } == row.matchedFilterLabels)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints["dragnet/source/v1"]?.count == 16)
        }
        let sourcePrints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["dragnet/source/v1"] }
        #expect(Set(sourcePrints).count == results.count, "every item has its own fingerprint")
    }

    @Test func locationsCarryOffsetsLinesAndPointers() throws {
        let results = try #require(((try Self.document())["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        func location(_ r: [String: Any]) -> [String: Any] { (r["locations"] as? [[String: Any]])?.first ?? [:] }
        func physical(_ r: [String: Any]) -> [String: Any] { location(r)["physicalLocation"] as? [String: Any] ?? [:] }
        func uri(_ r: [String: Any]) -> String { (physical(r)["artifactLocation"] as? [String: Any])?["uri"] as? String ?? "" }

        let mbox = results.filter { uri($0).hasSuffix("multipart.mbox") }
        #expect(!mbox.isEmpty)
        let mboxRows = Self.report.matches.filter { $0.source.format == "mbox" }
        #expect(mbox.map { (physical($0)["region"] as? [String: Any])?["byteOffset"] as? Int } == mboxRows.map(\.source.offset))

        let jsonl = try #require(results.first { uri($0).hasSuffix("messages.jsonl") })
        #expect((physical(jsonl)["region"] as? [String: Any])?["startLine"] as? Int == 1)

        let page = results.filter { uri($0).hasSuffix("graph-page.json") }
        let logical = page.compactMap { (location($0)["logicalLocations"] as? [[String: Any]])?.first }
        #expect(Set(logical.compactMap { $0["fullyQualifiedName"] as? String }) == ["/value/0", "/value/1"])
        #expect(logical.allSatisfy { $0["kind"] as? String == "object" })

        let eml = try #require(results.first { uri($0).hasSuffix("lure-northwlnd.eml") })
        #expect(physical(eml)["region"] == nil, "a whole file has no region")
        #expect(uri(eml) == "file://" + Paths.fixture("rule-repo/samples/invoice/lure-northwlnd.eml"), "absolute paths become file URIs")
    }

    @Test func urisArePercentEscaped() {
        #expect(SARIFReportWriter.uri("export/alice@contoso.com/Deleted Items/0007.eml") == "export/alice@contoso.com/Deleted%20Items/0007.eml")
        #expect(SARIFReportWriter.uri("a/#1 100%?.eml") == "a/%231%20100%25%3F.eml")
        #expect(SARIFReportWriter.uri("c:/x.eml") == "c%3A/x.eml")
        #expect(SARIFReportWriter.uri("boîte/é.eml") == "bo%C3%AEte/%C3%A9.eml")
        #expect(SARIFReportWriter.uri("/abs/a b.eml") == "file:///abs/a%20b.eml")
        #expect(SARIFReportWriter.slug("Invoice lure, November") == "invoice-lure-november")
        #expect(SARIFReportWriter.slug("¿¡") == "investigation")
    }

    @Test func deterministicAndWithoutSnippetsWhenAsked() throws {
        let writer = SARIFReportWriter()
        #expect(writer.render(Self.report) == writer.render(Self.report))
        let plain = String(decoding: writer.render(Self.report, options: ReportOptions(includeSnippets: false)), as: UTF8.self)
        #expect(!plain.contains("\"snippet\""))
        #expect(String(decoding: writer.render(Self.report), as: UTF8.self).contains("\"snippet\""))
        #expect(writer.format.rawValue == "sarif" || writer.format == .json, "the lead adds ReportFormat.sarif")
    }

    @Test(.enabled(if: Paths.schema("sarif-schema-2.1.0.json") != nil && SchemaValidators.hasJSONSchema, "needs ../shared/schemas and python3 jsonschema"))
    func validAgainstTheSARIFSchema() throws {
        let schema = try #require(Paths.schema("sarif-schema-2.1.0.json"))
        let scratch = Scratch()
        defer { scratch.remove() }
        let path = scratch.root + "/report.sarif"
        // A report with diagnostics (an unreadable input) and one with no match at all.
        var report = Self.report
        report.diagnostics.append(Diagnostic(severity: .error, code: "input.not-found", message: "no such file or folder", location: SourceLocation(path: "missing dir/x.eml")))
        report.diagnostics.append(Diagnostic(severity: .warning, code: "graph.truncated", message: "cut", location: SourceLocation(path: "p.json", byteOffset: 12, line: 3, column: 4, pointer: "/value/1")))
        for candidate in [report, { var r = Self.report; r.matches = []; return r }()] {
            try Data(SARIFReportWriter().render(candidate)).write(to: URL(fileURLWithPath: path))
            let result = try #require(SchemaValidators.validateJSON(path, schema: schema))
            #expect(result.ok, "\(result.output)")
        }
        // The validator does reject what the schema forbids.
        try Data(#"{"version": "2.1.0", "runs": [{"results": []}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(SchemaValidators.validateJSON(path, schema: schema)?.ok == false)
    }
}
