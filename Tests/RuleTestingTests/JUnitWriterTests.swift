import Foundation
import Testing
@testable import RuleTesting
#if canImport(FoundationXML)
import FoundationXML
#endif

/// JUnit XML: structure, escaping, and validity against the JUnit schema in ../shared/schemas.
@Suite
struct JUnitWriterTests {
    static let run: RuleTestRun = RuleTestRunner(workers: 2, toolVersion: "test")
        .run(arguments: [Paths.fixture("rule-repo"), Paths.fixture("rule-repo-regressions")])

    func write(_ bytes: [UInt8]) throws -> (Scratch, String) {
        let scratch = Scratch()
        let path = scratch.root + "/junit.xml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (scratch, path)
    }

    @Test func oneTestsuitePerSuiteAndOneTestcasePerInvestigation() throws {
        let xml = String(decoding: JUnitWriter.render(Self.run, hostname: "ci-runner"), as: UTF8.self)
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["example-rules", "example-rules-with-regressions"])
        #expect(suites.map { $0.attribute(forName: "id")?.stringValue } == ["0", "1"])
        #expect(suites.map { $0.attribute(forName: "tests")?.stringValue } == ["4", "4"])
        #expect(suites.map { $0.attribute(forName: "failures")?.stringValue } == ["0", "3"])
        #expect(suites.map { $0.attribute(forName: "errors")?.stringValue } == ["0", "0"])
        #expect(suites.allSatisfy { $0.attribute(forName: "hostname")?.stringValue == "ci-runner" })
        let timestamp = try #require(suites[0].attribute(forName: "timestamp")?.stringValue)
        #expect(timestamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) != nil)
        // Required children, in the schema's order.
        #expect(suites[1].children?.compactMap(\.name).first == "properties")
        #expect(Array(suites[1].children?.compactMap(\.name).suffix(2) ?? []) == ["system-out", "system-err"])

        let cases = suites[1].elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["gift-card-bec", "invoice-lure", "password-reset", "payroll-attachment"])
        #expect(cases[0].elements(forName: "failure").isEmpty)
        let failure = try #require(cases[3].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "1 unexpected match, 1 wrong match count")
        #expect(failure.attribute(forName: "type")?.stringValue == "dragnet.expectation")
        let details = try #require(failure.stringValue)
        #expect(details.hasPrefix("Payroll adjustment attachment ("))
        #expect(details.contains("unexpected match: \(Paths.fixture("rule-repo"))/samples/payroll/payroll-statement-legit.eml (must not match) — f2 (keyword contains \"payroll\") held"))
        #expect(cases[3].attribute(forName: "classname")?.stringValue == "example-rules-with-regressions.payroll-attachment")
        #expect(Double(cases[3].attribute(forName: "time")?.stringValue ?? "") != nil)
    }

    @Test(.enabled(if: Paths.schema("junit.xsd") != nil && SchemaValidators.canValidateXSD, "needs ../shared/schemas/junit.xsd and xmllint or libxml2 through python3"))
    func validAgainstTheJUnitSchema() throws {
        let schema = try #require(Paths.schema("junit.xsd"))
        let (scratch, path) = try write(JUnitWriter.render(Self.run))
        defer { scratch.remove() }
        let result = try #require(SchemaValidators.validateXML(path, schema: schema))
        #expect(result.ok, "\(result.output)")

        // The validator does reject what the schema forbids (a testsuite without its id).
        let broken = String(decoding: JUnitWriter.render(Self.run), as: UTF8.self).replacingOccurrences(of: " id=\"0\"", with: "")
        try Data(broken.utf8).write(to: URL(fileURLWithPath: path))
        #expect(SchemaValidators.validateXML(path, schema: schema)?.ok == false)
    }

    @Test(.enabled(if: Paths.schema("junit.xsd") != nil && SchemaValidators.canValidateXSD, "needs ../shared/schemas/junit.xsd and xmllint or libxml2 through python3"))
    func errorsAndHostileTextStayValid() throws {
        let schema = try #require(Paths.schema("junit.xsd"))
        var failed = InvestigationTestResult(file: "a&b <c>.yaml", name: "a&b <c>", status: .failed)
        failed.problems = [.init(kind: .unexpectedMatch, item: "x\u{1}\"y\".eml", reasons: ["f1 (subject contains \"]]>\") held: subject \"\u{7}bell & <tag>\""], note: "must not match")]
        var errored = InvestigationTestResult(file: "e.yaml", name: "e", status: .error)
        errored.errors = ["e.yaml:3:5: error: [rule.invalid-regex] missing ) in '(?i)x ('"]
        let suite = SuiteTestResult(suite: RuleSuite(name: "hostile \"suite\"", root: "r"), results: [failed, errored], timestamp: "2026-11-26T09:30:00", durationSeconds: 1.5)
        let run = RuleTestRun(suites: [suite], argumentErrors: [])
        let bytes = JUnitWriter.render(run, hostname: "")
        let (scratch, path) = try write(bytes)
        defer { scratch.remove() }
        let result = try #require(SchemaValidators.validateXML(path, schema: schema))
        #expect(result.ok, "\(result.output)")
        let document = try XMLDocument(data: Data(bytes), options: [])
        let testcases = document.rootElement()?.elements(forName: "testsuite").first?.elements(forName: "testcase") ?? []
        #expect(testcases.first?.attribute(forName: "name")?.stringValue == "a&b <c>")
        #expect(testcases.last?.elements(forName: "error").first?.attribute(forName: "type")?.stringValue == "dragnet.invalid")
        #expect(document.rootElement()?.elements(forName: "testsuite").first?.attribute(forName: "hostname")?.stringValue == "localhost")
        #expect(document.rootElement()?.elements(forName: "testsuite").first?.attribute(forName: "time")?.stringValue == "1.500")
    }
}
