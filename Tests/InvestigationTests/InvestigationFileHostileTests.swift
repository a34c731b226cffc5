import MailModel
import Foundation
import Testing
@testable import Investigation

/// Inputs built to hurt the loader: none may crash it, hang it or make it use unbounded memory.
@Suite("Investigation file: hostile input")
struct InvestigationFileHostileTests {
    typealias F = InvestigationFileFixtures

    @Test func hugeFileIsRefusedBeforeParsing() throws {
        let huge = "name: x\nfilters:\n" + String(repeating: "  - subject: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", count: 100_000)
        #expect(huge.utf8.count > InvestigationFile.maxFileBytes)
        let errors = F.errors(huge)
        #expect(F.brief(errors) == ["rule.too-large@0:0"])
        #expect(errors.first?.message.contains("4 MiB") == true)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-huge-\(UUID().uuidString).yaml")
        try Data(huge.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(F.brief(F.fileErrors(url.path)) == ["rule.too-large@0:0"])
    }

    @Test func largeButLegalFileLoads() throws {
        // Thousands of indicators in one list are fine.
        var digests: [String] = []
        for i in 0..<20_000 {
            let seed = String(format: "%08x", i)
            digests.append(String(repeating: seed, count: 8))
        }
        let text = "name: many hashes\nfilters:\n  - attachmentSHA256:\n" + digests.map { "      - \($0)\n" }.joined()
        let investigation = try F.parse(text).investigation
        #expect(investigation.conditions.first?.values.count == 20_000)
    }

    @Test func deepFlowNestingIsRefused() {
        let text = "name: x\nfilters: " + String(repeating: "[", count: 100_000)
        #expect(F.brief(F.errors(text)) == ["rule.too-deep@2:73"])
        let mappings = "name: x\nfilters: " + String(repeating: "{a: ", count: 100_000)
        #expect(F.errors(mappings).first?.code == InvestigationFileCode.tooDeep)
    }

    @Test func deepBlockNestingIsRefused() {
        let text = "name: x\nfilters:\n" + String(repeating: "- ", count: 100_000) + "x\n"
        let errors = F.errors(text)
        #expect(errors.first?.code == InvestigationFileCode.tooDeep)
        #expect(errors.first?.line == 3)
    }

    @Test func deepFilterGroups() throws {
        func nested(_ depth: Int) -> String {
            "name: x\nfilters:\n  - " + String(repeating: "any: [", count: depth) + "{subject: a}" + String(repeating: "]", count: depth) + "\n"
        }
        // 20 nested groups (40 YAML levels) are fine; 40 are too deep.
        let investigation = try F.parse(nested(20)).investigation
        #expect(investigation.conditions.count == 1)
        #expect(F.errors(nested(40)).first?.code == InvestigationFileCode.tooDeep)
    }

    @Test func aliasBombIsRefusedWithoutExpanding() {
        // Each level holds 9 of the previous one: 9^9 (387 420 489) conditions if expanded.
        var lines = ["name: bomb", "description: &a {subject: lol}"]
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            let items = Array(repeating: previous == "a" ? "*a" : "{any: *\(previous)}", count: 9).joined(separator: ", ")
            lines.append("x\(level): &\(level) [\(items)]")
            previous = level
        }
        lines.append("filters: *i")
        let errors = F.errors(lines.joined(separator: "\n"))
        #expect(errors.map(\.code) == [InvestigationFileCode.tooComplex])
    }

    @Test func aliasesWithinLimitsWork() throws {
        let investigation = try F.parse("""
            name: &n aliases
            description: *n
            filters:
              - &f {subject: Invoice}
              - *f
              - any: &g [{keyword: a}, {keyword: b}]
              - not: *g
            """).investigation
        #expect(investigation.description == "aliases")
        #expect(F.render(investigation.filters) == [
            #"f1 subject contains "Invoice""#, #"f2 subject contains "Invoice""#,
            #"any(f3 keyword contains "a", f4 keyword contains "b")"#,
            #"not(any(f5 keyword contains "a", f6 keyword contains "b"))"#,
        ])
        #expect(investigation.conditions[1].location == FileLocation(line: 5, column: 5))  // where the alias is used
        #expect(F.brief(F.errors("name: x\nfilters: [*nope]")) == ["rule.invalid-yaml@2:11"])
    }

    @Test func mergeKeysAreNotSpecial() {
        // `<<` is just an unknown key: no merging behind the reader's back.
        let errors = F.errors("name: x\nfilters:\n  - {subject: a, <<: {keyword: b}}")
        #expect(F.brief(errors) == ["rule.unknown-key@3:18"])
    }

    @Test func errorFloodIsCapped() {
        let text = "name: x\nfilters:\n" + String(repeating: "  - ip: not-an-ip\n", count: 150)
        let errors = F.errors(text)
        #expect(errors.count == InvestigationFile.maxErrors + 1)
        #expect(errors.last?.code == InvestigationFileCode.tooManyErrors)
        #expect(errors.last?.message == "50 more errors not shown; fix these first")
        #expect(errors.last.map { "\($0.line):\($0.column)" } == "103:9")
    }

    @Test func catastrophicAndHugePatterns() {
        // Exponential for backtracking engines; linear for RE2: not an error.
        #expect(F.errors("name: x\nfilters:\n  - regex: '(a*)*b'\n  - regex: '(a|aa)+$'\n  - regex: '^(([a-z])+.)+[A-Z]([a-z])+$'").isEmpty)
        // A pattern over RE2's memory budget is reported, not compiled forever.
        let errors = F.errors("name: x\nfilters:\n  - regex: '((((((a{100}){100}){100}){100}){100}){100})'")
        #expect(errors.map(\.code) == [InvestigationFileCode.invalidRegex])
    }

    @Test func controlCharactersAndOddText() {
        #expect(F.errors("name: x\u{0}\nfilters: [{subject: a}]").first?.code == InvestigationFileCode.invalidYAML)
        #expect(F.errors("\u{FEFF}name: x\nfilters: [{subject: a}]").isEmpty)
        #expect(F.errors("name: x\r\nfilters:\r\n  - subject: a\r\n").isEmpty)
        #expect(F.brief(F.errors("name: x\r\nfilters:\r\n  - subjet: a\r\n")) == ["rule.unknown-key@3:5"])
        #expect(F.brief(F.errors("- a\n- b")) == ["rule.wrong-type@1:1"])
        #expect(F.brief(F.errors("just text")) == ["rule.wrong-type@1:1"])
        #expect(F.brief(F.errors("")) == ["rule.empty-file@1:1"])
        #expect(F.brief(F.errors("? [a, b]\n: c\nname: x\nfilters: [{subject: a}]")) == ["rule.wrong-type@1:3"])
        let long = String(repeating: "x", count: 1_000_000)
        #expect(F.errors("name: x\nfilters: [{subject: '\(long)'}]").isEmpty)
    }

    @Test func syntaxErrorsAtTheEndArePlacedInsideTheFile() {
        // libyaml counts a line break after the last line; the error stays on the last line (found by fuzzing).
        #expect(F.brief(F.errors("name: x\nDou")) == ["rule.invalid-yaml@2:4"])
        #expect(F.brief(F.errors("name: x\nDou\n")) == ["rule.invalid-yaml@3:1"])
        #expect(F.brief(F.errors("name: x\rDou")) == ["rule.invalid-yaml@2:4"])  // a CR alone breaks a YAML line
        // libyaml's marks count characters, not bytes.
        #expect(F.brief(F.errors("{\u{F000}")) == ["rule.invalid-yaml@1:3"])
        // Node positions too: the empty document after `---`.
        #expect(F.brief(F.errors("---")) == ["rule.wrong-type@1:4"])
    }
}
