import Foundation
import Testing

/// End-to-end tests of `dragnet test`: output, exit status and the JUnit file.
@Suite
struct TestCommandTests {
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-test-cmd-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theExampleRepositoryPasses() throws {
        let result = try Dragnet.run(["test", "Fixtures/rule-repo"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == """
            PASS  gift-card-bec (Fixtures/rule-repo/gift-card-bec.yaml): 1 expected match, 1 look-alike clear, 10 other samples clear
            PASS  invoice-lure (Fixtures/rule-repo/invoice-lure.yaml): 3 expected matches, 2 look-alikes clear, 7 other samples clear
            PASS  password-reset (Fixtures/rule-repo/password-reset.yaml): 2 expected matches, 1 look-alike clear, 9 other samples clear
            PASS  payroll-attachment (Fixtures/rule-repo/payroll-attachment.yaml): 1 expected match, 1 look-alike clear, 10 other samples clear
            4 investigations, 4 passed, 0 failed

            """)
    }

    @Test func regressionsFailWithTheirReasonsAndAJUnitReport() throws {
        let folder = try Self.scratch("junit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("junit.xml").path
        let result = try Dragnet.run(["test", "--junit", junit, "Fixtures/rule-repo-regressions"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("PASS  gift-card-bec (Fixtures/rule-repo-regressions/gift-card-bec.yaml): 1 expected match, 1 look-alike clear, 10 other samples clear"))
        #expect(lines.contains("FAIL  invoice-lure (Fixtures/rule-repo-regressions/invoice-lure.yaml)"))
        #expect(lines.contains(#"      missing match:    Fixtures/rule-repo/samples/invoice/lure-billing-domain.eml — f2 (from equals "northwlnd.example") did not hold; f3 (url equals "northwind-payments.example") did not hold"#))
        #expect(lines.contains("FAIL  password-reset (Fixtures/rule-repo-regressions/password-reset.yaml)"))
        #expect(lines.contains { $0.hasPrefix("      missing match:    Fixtures/rule-repo/samples/password/quota-phish.eml — ") && $0.hasSuffix(#"f3 (regex "(?i)verify your (account|mailbox) within \\d+ hours") did not hold"#) })
        #expect(lines.contains("FAIL  payroll-attachment (Fixtures/rule-repo-regressions/payroll-attachment.yaml)"))
        #expect(lines.contains { $0.hasPrefix(#"      unexpected match: Fixtures/rule-repo/samples/payroll/payroll-statement-legit.eml (must not match) — f2 (keyword contains "payroll") held: body ""#) })
        #expect(lines.suffix(2) == ["4 investigations, 1 passed, 3 failed", ""])

        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"example-rules-with-regressions\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 4)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 3)
    }

    @Test func severalSuitesGetHeaders() throws {
        let result = try Dragnet.run(["test", "Fixtures/rule-repo", "Fixtures/rule-repo-regressions/gift-card-bec.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("== example-rules (Fixtures/rule-repo)\nPASS  gift-card-bec"))
        #expect(result.stdout.contains("\n== example-rules-with-regressions (Fixtures/rule-repo-regressions)\nPASS  gift-card-bec (Fixtures/rule-repo-regressions/gift-card-bec.yaml)"))
        #expect(result.stdout.hasSuffix("5 investigations, 5 passed, 0 failed\n"))
    }

    @Test func invalidInvestigationsExitWithStatusTwo() throws {
        let folder = try Self.scratch("invalid")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            name: Broken regex
            filters:
              - regex: '(?i)verify your (account'
            expect: {match: [x.eml]}
            """.utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("samples"), withIntermediateDirectories: true)
        let result = try Dragnet.run(["test", folder.path])
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("ERROR broken (\(folder.path)/broken.yaml)\n      \(folder.path)/broken.yaml:3:"))
        #expect(result.stdout.hasSuffix("1 investigation, 0 passed, 0 failed, 1 error\n"))
    }

    @Test func badArgumentsExitWithStatusTwo() throws {
        let missing = try Dragnet.run(["test", "Fixtures/no-such-suite"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "Fixtures/no-such-suite: error: [suite.not-found] no such file or folder\n")
        let jobs = try Dragnet.run(["test", "--jobs", "0", "Fixtures/rule-repo"])
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("invalid value '0' for '--jobs'"))
        let noInvestigations = try Dragnet.run(["test", "Fixtures/rule-repo/samples/bec"])
        #expect(noInvestigations.status == 2)
        #expect(noInvestigations.stderr.contains("[suite.no-investigations]"))
    }
}
