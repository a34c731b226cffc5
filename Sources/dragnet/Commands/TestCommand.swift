import ArgumentParser
import MailModel
import RuleTesting
private import Glibc

/// `dragnet test [--junit PATH] [SUITE...]` (§11): runs every investigation of each suite against its
/// labelled samples and checks its expectations.
struct TestCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check that investigations match exactly what their expectations say, over labelled samples.",
        discussion: """
            A SUITE is a folder of investigation files with their expectations (an 'expect:' block or a \
            sidecar NAME.expect.yaml) and labelled sample mail (samples/, or 'samples:' in suite.yaml); \
            an investigation file can also be given alone. One line per investigation: PASS, FAIL with \
            each unexpected or missing match and the filters that decided it, or ERROR. \
            Exit status: 0 every investigation passed; 1 an expectation failed; 2 bad arguments, or an \
            invalid suite, investigation or expectation file.
            """
    )

    @Option(help: "Also write a JUnit XML report to this file (for CI systems).")
    var junit: String?

    @OptionGroup var workerOptions: WorkerOptions

    @Argument(help: "Suite folders or investigation files (default: the current folder).")
    var paths: [String] = []

    func run() throws {
        let workers = workerOptions.workers
        let runner = RuleTestRunner(workers: workers, toolVersion: DragnetVersion.current)
        let (suites, errors) = SuiteDiscovery.discover(paths.isEmpty ? ["."] : paths)
        for error in errors { StandardStream.error.write(Array((error + "\n").utf8)) }
        var results: [SuiteTestResult] = []
        for suite in suites {
            if suites.count > 1 { StandardStream.output.write(Array(RuleTestText.suiteHeader(suite).utf8)) }
            results.append(runner.run(suite: suite) { _, result in
                StandardStream.output.write(Array(RuleTestText.result(result).utf8))
                StandardStream.output.flush()
            })
        }
        let run = RuleTestRun(suites: results, argumentErrors: errors)
        StandardStream.output.write(Array(RuleTestText.summary(run).utf8))
        StandardStream.output.flush()
        if let junit {
            try OutputFile.write(JUnitWriter.render(run), to: junit)
        }
        let status = run.exitStatus
        if status != .success { throw ExitCode(status) }
    }
}
