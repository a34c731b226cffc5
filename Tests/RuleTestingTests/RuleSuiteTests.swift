import MailModel
import Foundation
import Testing
@testable import RuleTesting

/// `dragnet test` semantics: suites, passing and failing expectations, and why.
@Suite
struct RuleSuiteTests {
    let runner = RuleTestRunner(workers: 2, toolVersion: "test")
    static let repo = Paths.fixture("rule-repo")
    static let regressions = Paths.fixture("rule-repo-regressions")

    func result(_ run: RuleTestRun, _ name: String) throws -> InvestigationTestResult {
        try #require(run.results.first { $0.name == name }, "no result for \(name)")
    }

    @Test func theExampleRepositoryPasses() throws {
        let run = runner.run(arguments: [Self.repo])
        #expect(run.argumentErrors.isEmpty)
        #expect(run.suites.count == 1)
        let suite = try #require(run.suites.first)
        #expect(suite.suite.name == "example-rules")
        #expect(suite.suite.mailbox == "analyst@fabrikam.example")
        #expect(suite.suite.samples == [Self.repo + "/samples"])
        #expect(suite.results.map(\.name) == ["gift-card-bec", "invoice-lure", "password-reset", "payroll-attachment"])
        for r in run.results {
            #expect(r.status == .passed, "\(r.name): \(r.problems.map(\.line)) \(r.errors)")
        }
        #expect(run.exitStatus.rawValue == 0)
        let invoice = try result(run, "invoice-lure")
        #expect(invoice.expectedMatches == 3)
        #expect(invoice.lookAlikesClear == 2)
        #expect(invoice.othersClear == 7)
        #expect(invoice.samplesRead == 12)
        #expect(RuleTestText.result(invoice) == "PASS  invoice-lure (\(Self.repo)/invoice-lure.yaml): 3 expected matches, 2 look-alikes clear, 7 other samples clear\n")
        #expect(RuleTestText.summary(run) == "4 investigations, 4 passed, 0 failed\n")
    }

    @Test func everyDeliberateRegressionIsCaughtWithItsReason() throws {
        let run = runner.run(arguments: [Self.regressions])
        #expect(run.exitStatus.rawValue == 1)
        let samples = Self.repo + "/samples"

        // Unchanged investigation: still passes.
        #expect(try result(run, "gift-card-bec").status == .passed)

        // Missing domain: the lure from the dropped domain is missed; every filter that could have
        // caught it is named.
        let invoice = try result(run, "invoice-lure")
        #expect(invoice.status == .failed)
        #expect(invoice.problems.map(\.line) == [
            "missing match:    \(samples)/invoice/lure-billing-domain.eml — f2 (from equals \"northwlnd.example\") did not hold; f3 (url equals \"northwind-payments.example\") did not hold",
            "expected exactly 3 matches, got 2: \(samples)/invoice/lure-northwlnd.eml, \(samples)/invoice/graph-page.json#/value/0",
        ])

        // Broken regex: the lure only the regex caught is missed.
        let password = try result(run, "password-reset")
        #expect(password.status == .failed)
        #expect(password.problems.count == 1)
        let missing = try #require(password.problems.first)
        #expect(missing.kind == .missingMatch)
        #expect(missing.item == "\(samples)/password/quota-phish.eml")
        #expect(missing.reasons.last == #"f3 (regex "(?i)verify your (account|mailbox) within \\d+ hours") did not hold"#)

        // Too-broad keyword: HR's real statement now matches, and the keyword is blamed with evidence.
        let payroll = try result(run, "payroll-attachment")
        #expect(payroll.status == .failed)
        #expect(payroll.problems.map(\.kind) == [.unexpectedMatch, .count])
        #expect(payroll.problems[0].line.hasPrefix(
            "unexpected match: \(samples)/payroll/payroll-statement-legit.eml (must not match) — f2 (keyword contains \"payroll\") held: body \""))
        #expect(payroll.problems[0].line.contains("your payroll statement for November"))
        #expect(payroll.failureSummary == "1 unexpected match, 1 wrong match count")

        let text = RuleTestText.render(run)
        #expect(text.contains("FAIL  payroll-attachment (\(Self.regressions)/payroll-attachment.yaml)\n      unexpected match: "))
        #expect(text.hasSuffix("4 investigations, 1 passed, 3 failed\n"))
    }

    @Test func unlistedSamplesMustNotMatchUnlessIgnored() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.copy(Self.repo + "/samples", to: "samples")
        let rule = """
            name: Too broad
            filters:
              - keyword: invoice
            expect:
              match: [invoice/lure-northwlnd.eml]

            """
        try scratch.write("broad.yaml", rule)
        try scratch.write("lenient.yaml", rule + "  unlisted: ignore\n")
        let run = runner.run(arguments: [scratch.root])
        let broad = try result(run, "broad")
        #expect(broad.status == .failed)
        #expect(broad.problems.allSatisfy { $0.kind == .unexpectedMatch && $0.note == "not listed in match" })
        #expect(broad.problems.map(\.item) == [
            "samples/invoice/graph-page.json#/value/0", "samples/invoice/graph-page.json#/value/1",
            "samples/invoice/lure-billing-domain.eml", "samples/invoice/real-northwind-invoice.eml",
        ])
        #expect(broad.problems[0].line.hasPrefix(#"unexpected match: samples/invoice/graph-page.json#/value/0 (not listed in match) — f1 (keyword contains "invoice") held: body "#))
        #expect(try result(run, "lenient").status == .passed)
    }

    @Test func expectationsThatNameNothingFail() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.copy(Self.repo + "/samples", to: "samples")
        try scratch.write("stale.yaml", """
            name: Stale
            filters:
              - from: northwlnd.example
            expect:
              match:
                - invoice/renamed.eml
                - messageId: gone@nowhere.example
                - invoice/graph-page.json#/value/9
              unlisted: ignore
            """)
        let run = runner.run(arguments: [scratch.root])
        let stale = try result(run, "stale")
        #expect(stale.status == .failed)
        let lines = stale.problems.map(\.line)
        #expect(lines.count == 3)
        #expect(lines[0] == "expectation 'invoice/renamed.eml' (\(scratch.root)/stale.yaml:6:7) names no sample item: nothing at \(scratch.root)/samples/invoice/renamed.eml or \(scratch.root)/invoice/renamed.eml")
        #expect(lines[1].hasSuffix("names no sample item: no sample has Message-ID <gone@nowhere.example>"))
        #expect(lines[2].hasSuffix("(the file exists, but no message of it is at that fragment)"))
    }

    @Test func whyNotMatchedNamesScopeUnknownFieldsAndNot() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        // A Graph message without headers: an `ip` filter cannot decide.
        try scratch.write("samples/graph.json", """
            {"internetMessageId": "<g1@evil.example>", "subject": "Hello", "sentDateTime": "2026-11-20T10:00:00Z",
             "from": {"emailAddress": {"name": "Dana Whitfield", "address": "dana@fabrikam.example"}},
             "body": {"contentType": "text", "content": "gift cards please"}}
            """)
        try scratch.write("ip.yaml", """
            name: By IP
            match: all
            filters:
              - ip: 203.0.113.7
              - keyword: gift cards
            expect: {match: [graph.json]}
            """)
        try scratch.write("not.yaml", """
            name: External Dana
            match: all
            filters:
              - senderName: Dana Whitfield
              - not: {from: fabrikam.example}
            expect: {match: [graph.json]}
            """)
        try scratch.write("scoped.yaml", """
            name: Scoped
            scope: {authorizedDomains: [contoso.example]}
            filters:
              - keyword: gift cards
            expect: {match: [graph.json]}
            """)
        try scratch.write("dated.yaml", """
            name: Dated
            scope: {dateRange: {from: 2026-12-01, to: 2026-12-31}}
            filters:
              - keyword: gift cards
            expect: {match: [graph.json]}
            """)
        let run = runner.run(arguments: [scratch.root])
        #expect(try result(run, "ip").problems.first?.reasons == [#"f1 (ip equals "203.0.113.7") unknown (headers not collected)"#])
        #expect(try result(run, "not").problems.first?.reasons == [
            #"f2 (from equals "fabrikam.example") held: from "dana@fabrikam.example" (under 'not', so the item is excluded)"#,
        ])
        #expect(try result(run, "scoped").problems.first?.reasons.first?.hasPrefix("mailbox unknown was not scanned (not-authorized: outside scope.authorizedDomains [contoso.example]") == true)
        #expect(try result(run, "dated").problems.first?.reasons == ["sent 2026-11-20T10:00:00Z, outside scope.dateRange 2026-12-01..2026-12-31"])
    }

    @Test func invalidInvestigationsAreErrorsAndTheOthersStillRun() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.copy(Self.repo + "/samples", to: "samples")
        try scratch.copy(Self.repo + "/payroll-attachment.yaml", to: "payroll-attachment.yaml")
        try scratch.write("broken-regex.yaml", """
            name: Broken
            filters:
              - regex: '(?i)verify your (account|mailbox within \\d+ hours'
            expect: {match: [password/quota-phish.eml]}
            """)
        try scratch.write("no-expectations.yaml", "name: Bare\nfilters:\n  - from: evil.example\n")
        let run = runner.run(arguments: [scratch.root])
        #expect(run.exitStatus.rawValue == 2)
        let broken = try result(run, "broken-regex")
        #expect(broken.status == .error)
        #expect(broken.errors.count == 1)
        #expect(broken.errors[0].hasPrefix("\(scratch.root)/broken-regex.yaml:3:"))
        #expect(broken.errors[0].contains("missing )") || broken.errors[0].contains("missing ')'") || broken.errors[0].contains("regex"))
        #expect(try result(run, "no-expectations").status == .error)
        #expect(try result(run, "payroll-attachment").status == .passed)
        #expect(RuleTestText.summary(run) == "3 investigations, 1 passed, 0 failed, 2 errors\n")
        #expect(RuleTestText.result(broken).hasPrefix("ERROR broken-regex (\(scratch.root)/broken-regex.yaml)\n      \(scratch.root)/broken-regex.yaml:3:"))
    }

    @Test func discoveryNestedSuitesSingleFilesAndBadArguments() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.write("a.yaml", "name: A\nfilters: [{from: a.example}]\nexpect: {count: 0}\n")
        try scratch.write("a.expect.yaml", "count: 0\n")  // a sidecar is never an investigation
        try scratch.write("sub/b.yml", "name: B\nfilters: [{from: b.example}]\nexpect: {count: 0}\n")
        try scratch.write("samples/x.json", "{}")            // never an investigation
        try scratch.write("nested/suite.yaml", "name: inner\nsamples: mail\n")
        try scratch.write("nested/c.json", #"{"name": "C", "filters": [{"from": "c.example"}]}"#)
        try scratch.write("nested/c.expect.json", #"{"count": 0}"#)
        try scratch.write("nested/mail/m.eml", "From: x@c.example\nSubject: s\n\nbody\n")
        try scratch.write(".hidden/d.yaml", "not: scanned\n")
        try scratch.write("page.json", #"{"@odata.context": "x", "value": []}"#)   // sample mail, not an investigation
        try scratch.write("z-broken.json", #"{"name": "Z", "filters": ["#)         // a broken investigation is still one

        let (suites, errors) = SuiteDiscovery.discover([scratch.root, scratch.root + "/nested/c.json", scratch.root + "/missing"])
        #expect(errors == ["\(scratch.root)/missing: error: [suite.not-found] no such file or folder"])
        #expect(suites.map(\.investigations) == [
            [scratch.root + "/a.yaml", scratch.root + "/sub/b.yml", scratch.root + "/z-broken.json"],
            [scratch.root + "/nested/c.json"],
            [scratch.root + "/nested/c.json"],
        ])
        #expect(suites[1].name == "inner")
        #expect(suites[1].samples == [scratch.root + "/nested/mail"])
        #expect(suites[0].samples == [scratch.root + "/samples"])

        let empty = Scratch()
        defer { empty.remove() }
        #expect(SuiteDiscovery.discover([empty.root]).errors.first?.contains("[suite.no-investigations]") == true)
    }

    @Test func anInvalidSuiteFileIsAnErrorForEachInvestigation() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.write("suite.yaml", "name: s\nsampels: mail\n")
        try scratch.write("a.yaml", "name: A\nfilters: [{from: a.example}]\nexpect: {count: 0}\n")
        let run = runner.run(arguments: [scratch.root])
        #expect(run.exitStatus.rawValue == 2)
        #expect(run.results.first?.errors == ["\(scratch.root)/suite.yaml:2:1: error: [suite.unknown-key] unknown key 'sampels'; did you mean 'samples'?"])
    }

    @Test func samplesBesideAnInvestigationInASubfolder() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.copy(Self.repo + "/samples/payroll", to: "payroll/samples")
        try scratch.write("payroll/payroll.yaml", """
            name: Payroll
            filters:
              - attachmentName: Payroll_Adjustment*.htm*
            expect:
              match: [payroll-html-attachment.eml]
              noMatch: [samples/payroll-statement-legit.eml]
            """)
        let run = runner.run(arguments: [scratch.root])
        let payroll = try result(run, "payroll")
        #expect(payroll.status == .passed, "\(payroll.problems.map(\.line)) \(payroll.errors)")
        #expect(payroll.samplesRead == 2)
        #expect(payroll.expectedMatches == 1)
        #expect(payroll.lookAlikesClear == 1)
    }
}
