/// The text `dragnet test` prints: one line per investigation (PASS / FAIL / ERROR), the reasons of
/// each failure indented below it, and a summary.
///
/// ```
/// PASS  invoice-lure (Fixtures/rule-repo/invoice-lure.yaml): 3 expected matches, 2 look-alikes clear
/// FAIL  password-reset (Fixtures/rule-repo/password-reset.yaml)
///       unexpected match: samples/legit.eml (must not match) — f4 (keyword contains "password") held: body "..."
///       missing match:    samples/quota.eml — f3 (regex matches "...") did not hold
/// 2 investigations, 1 passed, 1 failed
/// ```
public enum RuleTestText {
    /// The lines of one investigation's result (ending with a newline).
    public static func result(_ result: InvestigationTestResult) -> String {
        var out = ""
        switch result.status {
        case .passed:
            out += "PASS  \(result.name) (\(result.file)): \(result.passSummary)\n"
        case .failed:
            out += "FAIL  \(result.name) (\(result.file))\n"
            for problem in result.problems { out += "      \(problem.line)\n" }
        case .error:
            out += "ERROR \(result.name) (\(result.file))\n"
            for error in result.errors { out += "      \(error)\n" }
        }
        for warning in result.warnings { out += "      \(warning)\n" }
        return out
    }

    /// The header line of a suite (printed when several suites run).
    public static func suiteHeader(_ suite: RuleSuite) -> String {
        "== \(suite.name) (\(suite.root))\n"
    }

    /// `5 investigations, 3 passed, 1 failed, 1 error`.
    public static func summary(_ run: RuleTestRun) -> String {
        let results = run.results
        let passed = results.filter { $0.status == .passed }.count
        let failed = results.filter { $0.status == .failed }.count
        let errors = results.filter { $0.status == .error }.count
        var line = "\(results.count) investigation\(results.count == 1 ? "" : "s"), \(passed) passed, \(failed) failed"
        if errors > 0 { line += ", \(errors) error\(errors == 1 ? "" : "s")" }
        return line + "\n"
    }

    /// Everything, as printed.
    public static func render(_ run: RuleTestRun) -> String {
        var out = ""
        for suite in run.suites {
            if run.suites.count > 1 { out += suiteHeader(suite.suite) }
            for result in suite.results { out += self.result(result) }
        }
        return out + summary(run)
    }
}
