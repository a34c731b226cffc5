import Foundation
import Testing
import Investigation
@testable import RuleTesting

/// Expectations: the `expect:` block, sidecar files, selectors and counts, and their errors.
@Suite
struct ExpectationParsingTests {
    static let investigation = """
        name: Lure
        match: any
        filters:
          - from: evil.example
          - keyword: wire transfer

        """

    func load(_ scratch: Scratch, _ files: [String: String], _ name: String = "rule.yaml") throws -> Result<RuleTestCase, TestCaseLoadFailure> {
        for (path, text) in files { try scratch.write(path, text) }
        return RuleInvestigationFile.loadTestCase(path: scratch.root + "/" + name)
    }

    @Test func blockWithEveryKindOfSelectorAndACount() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, ["rule.yaml": Self.investigation + """
            expect:
              samples: [mail, more]
              mailbox: ap@fabrikam.example
              match:
                - lure.eml
                - <abc@evil.example>
                - messageId: <def@evil.example>
                - sample: page.json#/value/2
                - path: mail/box.mbox#3
                - {sample: lines.jsonl, line: 4}
                - feed.jsonl#L2
              noMatch: real.eml
              count: 7
              unlisted: ignore
            """])
        let testCase = try result.get()
        let e = testCase.expectations
        #expect(testCase.investigation.name == "Lure")
        #expect(e.samples == [scratch.root + "/mail", scratch.root + "/more"])
        #expect(e.mailbox == "ap@fabrikam.example")
        #expect(e.count == 7)
        #expect(e.unlisted == .ignore)
        #expect(e.path == scratch.root + "/rule.yaml")
        #expect(e.match.map(\.kind) == [
            .file("lure.eml"), .messageId("abc@evil.example"), .messageId("def@evil.example"), .sample("page.json"),
            .path("mail/box.mbox"), .sample("lines.jsonl"), .file("feed.jsonl"),
        ])
        #expect(e.match.map(\.fragment) == [nil, nil, nil, .pointer("/value/2"), .index(3), .line(4), .line(2)])
        #expect(e.match[0].line == 10)
        #expect(e.noMatch.map(\.kind) == [.file("real.eml")])
    }

    @Test func sidecarBesideTheInvestigation() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, [
            "rule.yaml": Self.investigation,
            "rule.expect.yaml": """
                # sidecar
                mustMatch:                    # a synonym of match
                  - messageId: lure-1@evil.example
                noMatch:
                  - sample: legit/real.eml
                count: 1
                """,
        ])
        let e = try result.get().expectations
        #expect(e.path == scratch.root + "/rule.expect.yaml")
        #expect(e.match.map(\.kind) == [.messageId("lure-1@evil.example")])
        #expect(e.noMatch.map(\.kind) == [.sample("legit/real.eml")])
        #expect(e.count == 1)
        #expect(e.unlisted == .noMatch, "unlisted samples must not match unless said otherwise")
    }

    @Test func jsonInvestigationWithAJSONSidecar() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, [
            "rule.json": #"{"name": "Lure", "filters": [{"from": "evil.example"}]}"#,
            "rule.expect.json": #"{"match": ["a.eml"], "count": 1}"#,
        ], "rule.json")
        let e = try result.get().expectations
        #expect(e.match.map(\.kind) == [.file("a.eml")])
        #expect(e.count == 1)
    }

    @Test func jsonInvestigationWithAnExpectBlock() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, [
            "rule.json": #"{"name": "Lure", "filters": [{"from": "evil.example"}, {"keyword": "wire"}], "expect": {"match": ["a.eml"], "noMatch": [{"messageId": "x@y"}]}}"#,
        ], "rule.json")
        let testCase = try result.get()
        #expect(testCase.investigation.conditions.map(\.id) == ["f1", "f2"])
        #expect(testCase.expectations.match.map(\.kind) == [.file("a.eml")])
        #expect(testCase.expectations.noMatch.map(\.kind) == [.messageId("x@y")])
    }

    @Test func errorsNameTheFileLineAndColumn() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, ["rule.yaml": Self.investigation + """
            expect:
              match: [a.eml#bogus]
              nomatchh: [b.eml]
              count: many
              unlisted: maybe
            """])
        guard case .failure(let failure) = result else {
            Issue.record("expected errors")
            return
        }
        let path = scratch.root + "/rule.yaml"
        #expect(!failure.investigationInvalid)
        #expect(failure.errors == [
            "\(path):7:11: error: [expect.invalid-value] the fragment '#bogus' is not a JSON pointer (#/value/0), an mbox index (#2) or a JSON Lines line (#L3)",
            "\(path):8:3: error: [expect.unknown-key] unknown key 'nomatchh'; did you mean 'noMatch'?",
            "\(path):9:10: error: [expect.invalid-value] 'count' must be a whole number of matches (0 or more); found 'many'",
            "\(path):10:13: error: [expect.invalid-value] 'unlisted' must be noMatch or ignore; found 'maybe'",
        ])
    }

    @Test func blockAndSidecarTogetherAreRefused() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, [
            "rule.yaml": Self.investigation + "expect: {match: [a.eml]}\n",
            "rule.expect.yaml": "match: [a.eml]\n",
        ])
        guard case .failure(let failure) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(failure.errors.count == 1)
        #expect(failure.errors[0].contains("[expect.block-and-sidecar]"))
        #expect(failure.errors[0].contains("rule.expect.yaml"))
    }

    @Test func anInvestigationWithoutExpectationsIsAnError() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, ["rule.yaml": Self.investigation])
        guard case .failure(let failure) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(failure.errors == ["\(scratch.root)/rule.yaml: error: [expect.missing] no expectations: add an 'expect:' block to the investigation or a sidecar file rule.expect.yaml"])
    }

    @Test func emptyExpectationsAndWrongShapesAreErrors() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let empty = try load(scratch, ["rule.yaml": Self.investigation + "expect:\n"])
        guard case .failure(let failure) = empty else {
            Issue.record("expected an error")
            return
        }
        #expect(failure.errors.first?.contains("[expect.empty-value]") == true)

        let shapes = try load(scratch, ["rule.yaml": Self.investigation + "expect:\n  match:\n    - {messageId: a@b, sample: x.eml}\n    - [x]\n"])
        guard case .failure(let failure2) = shapes else {
            Issue.record("expected errors")
            return
        }
        #expect(failure2.errors.count == 2)
        #expect(failure2.errors[0].contains("takes one of messageId, sample or path, not messageId and sample"))
        #expect(failure2.errors[1].contains("must be a sample path, <message-id>, or a mapping"))
    }

    @Test func anInvalidInvestigationReportsTheLoaderErrorsWithoutTheExpectKey() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, ["rule.yaml": """
            name: Broken
            filters:
              - regex: '(?i)invoice ('
            expect:
              match: [a.eml]
            """])
        guard case .failure(let failure) = result else {
            Issue.record("expected errors")
            return
        }
        #expect(failure.investigationInvalid)
        #expect(failure.errors.count == 1)
        #expect(failure.errors[0].hasPrefix("\(scratch.root)/rule.yaml:3:"))
        #expect(failure.errors[0].contains("regex"))
        #expect(!failure.errors.joined().contains("'expect'"))
    }

    @Test func theInvestigationKeepsTheDigestOfItsFile() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let text = Self.investigation + "expect: {match: [a.eml]}\n"
        let testCase = try load(scratch, ["rule.yaml": text]).get()
        // sha256 of the file as written, expect block included.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [scratch.root + "/rule.yaml"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.hasPrefix(testCase.investigation.fileSHA256))
        #expect(testCase.investigation.fileSHA256.count == 64)
    }

    @Test func deeplyNestedSidecarsAreRefusedBeforeComposing() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = try load(scratch, [
            "rule.yaml": Self.investigation,
            "rule.expect.yaml": "match: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n",
        ])
        guard case .failure(let failure) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(failure.errors.first?.contains("nests deeper than 64 levels") == true, "\(failure.errors)")
    }

    @Test func fragmentsSplit() {
        #expect(ItemSelector.split("a.json#/value/0").fragment == .pointer("/value/0"))
        #expect(ItemSelector.split("a.json#").fragment == .pointer(""))
        #expect(ItemSelector.split("a.mbox#12").fragment == .index(12))
        #expect(ItemSelector.split("a.jsonl#L3").fragment == .line(3))
        #expect(ItemSelector.split("a.eml").fragment == nil)
        #expect(ItemSelector.split("a.eml#x").problem != nil)
    }
}
