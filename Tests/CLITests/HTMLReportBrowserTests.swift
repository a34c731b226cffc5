import Foundation
import Testing

/// The HTML report opened in headless Chromium, driven by selenium through
/// `scripts/check-html-report.py`, at 1400 px: no sideways scrolling, the search box filters the
/// match rows, the columns sort, pages turn, nothing reaches the console (no CSP violation), and
/// with scripts off every row is shown. Over the sample tenant's report, the hostile golden report
/// and a generated 5,000-match report. Skipped when Chromium, chromedriver or selenium is missing
/// (`.ci/run` installs them when it can).
@Suite("HTML report in a browser")
struct HTMLReportBrowserTests {
    static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = InspectCommandTests.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let available: Bool = {
        guard onPath("python3"), onPath("chromedriver"), onPath("chromium") || onPath("chromium-browser") || onPath("google-chrome") else {
            return false
        }
        return (try? python(["-c", "import selenium"]).status) == 0
    }()

    @Test(
        "at 1400 px the reports fit, search filters, columns sort, no console errors",
        .enabled(if: available, "needs chromium, chromedriver and selenium (.ci/run installs them)"))
    func reportsInChromium() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-browser-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let sample = folder.appendingPathComponent("sample.html").path
        let run = try Dragnet.run([
            "investigate", "--investigation", "Fixtures/investigations/invoice-lure.yaml", "--format", "html", "--output", sample,
            "Fixtures/sample-tenant",
        ])
        #expect(run.status == 0, "\(run.stderr)")

        let export = folder.appendingPathComponent("many").path
        let generated = try Self.python(["Fixtures/html-report/generate-many-matches.py", export, "5000"])
        try #require(generated.status == 0, "\(generated.output)")
        let many = folder.appendingPathComponent("many.html").path
        let manyRun = try Dragnet.run([
            "investigate", "--investigation", "\(export)/investigation.yaml", "--format", "html", "--output", many, "\(export)/export",
        ])
        #expect(manyRun.status == 0, "\(manyRun.stderr)")
        #expect(manyRun.stdout.contains("5,000 matched"), "\(manyRun.stdout)")

        let check = try Self.python(["scripts/check-html-report.py", "--width", "1400", sample, "Fixtures/reports/hostile.html", many])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.components(separatedBy: "checked ").count - 1 == 3, "\(check.output)")
    }
}
