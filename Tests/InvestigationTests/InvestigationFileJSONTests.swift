import MailModel
import Foundation
import Testing
@testable import Investigation

@Suite("Investigation file: JSON")
struct InvestigationFileJSONTests {
    typealias F = InvestigationFileFixtures

    /// Everything but where the file was read from.
    func sameInvestigation(_ a: Investigation, _ b: Investigation) -> Bool {
        a.name == b.name && a.description == b.description && a.scope == b.scope && a.match == b.match
            && a.action == b.action && F.render(a.root) == F.render(b.root)
            && a.conditions.map { [$0.id, $0.label, $0.headerName ?? ""] } == b.conditions.map { [$0.id, $0.label, $0.headerName ?? ""] }
    }

    @Test func jsonExampleEqualsTheYAMLExample() throws {
        let yaml = try InvestigationFile.load(path: F.examplePath("invoice-lure.yaml")).investigation
        let json = try InvestigationFile.load(path: F.examplePath("invoice-lure.json")).investigation
        #expect(sameInvestigation(yaml, json))
        #expect(json.conditions.map(\.location) == [
            FileLocation(line: 10, column: 5), FileLocation(line: 11, column: 5), FileLocation(line: 12, column: 5),
        ])
    }

    @Test func jsonTypesAreReadLikeYAML() throws {
        let json = try F.parse("""
            {"name": "types", "match": "all",
             "filters": [
               {"attachmentSize": 670},
               {"attachmentSize": {"min": 600, "max": "1KiB"}},
               {"subject": "true"},
               {"field": "subject", "op": "equals", "value": ["a", "b"], "caseSensitive": true},
               {"header": {"name": "X-Mailer", "exists": true}},
               {"not": [{"from": "fabrikam.example"}]}
             ],
             "scope": {"mailboxes": ["A@B.example"], "dateRange": {"from": "2026-11-01", "to": "2026-11-26T00:00:00+01:00"}},
             "action": {"type": "warn", "message": "Do not open it."}}
            """).investigation
        let yaml = try F.parse("""
            name: types
            match: all
            filters:
              - attachmentSize: 670
              - attachmentSize: {min: 600, max: 1KiB}
              - subject: 'true'
              - {field: subject, op: equals, value: [a, b], caseSensitive: true}
              - header: {name: X-Mailer, exists: true}
              - not: [{from: fabrikam.example}]
            scope: {mailboxes: [A@B.example], dateRange: {from: 2026-11-01, to: '2026-11-26T00:00:00+01:00'}}
            action: {type: warn, message: Do not open it.}
            """).investigation
        #expect(sameInvestigation(json, yaml))
        #expect(json.conditions[0].values == [.size(min: 670, max: 670)])
    }

    @Test func jsonErrorsHaveJSONPositions() {
        let errors = F.errors("""
            {
              "name": "x",
              "filters": [
                {"subject": 5, "caseSensitive": "maybe"},
                {"ip": "1.2.3"},
                {"subject": null},
                {"from": ["a.example", {"b": 1}]}
              ],
              "extra": true
            }
            """)
        #expect(F.brief(errors) == [
            "rule.invalid-value@4:37", "rule.invalid-ip@5:12", "rule.empty-value@6:6", "rule.wrong-type@7:28", "rule.unknown-key@9:3",
        ])
        // A number is text for a text field (subject: 5 is "5").
        #expect(F.errors(#"{"name": "x", "filters": [{"subject": 5}]}"#).isEmpty)
    }

    @Test func jsonSyntaxErrors() {
        let trailing = F.errors("{\"name\": \"x\", \"filters\": [{\"subject\": \"a\"}]")
        #expect(trailing.first?.code == InvestigationFileCode.invalidYAML)
        #expect(trailing.first?.message.hasPrefix("invalid JSON: ") == true)
    }

    @Test func byteOrderMarksAndUTF16() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = #"{"name": "Überprüfung", "filters": [{"subject": "Facturée"}]}"#
        let utf8BOM = dir.appendingPathComponent("bom.json")
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: utf8BOM)
        let utf16 = dir.appendingPathComponent("utf16.json")
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: utf16)
        let utf16BE = dir.appendingPathComponent("utf16be.json")
        try Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }).write(to: utf16BE)
        for url in [utf8BOM, utf16, utf16BE] {
            let investigation = try InvestigationFile.load(path: url.path).investigation
            #expect(investigation.name == "Überprüfung")
            #expect(investigation.conditions.first?.values == [.text("Facturée")])
        }
        // Columns count characters, not bytes.
        #expect(F.brief(F.errors("name: Überprüfung\nfilters: [{subject: 'é', ip: x}]")) == ["rule.multiple-keys@2:26"])
    }
}
