import Foundation
import Testing

/// End-to-end tests of `dragnet investigate` and `dragnet validate --investigation`: reports, exit
/// statuses (§9) and the evidence-folder guard.
@Suite
struct InvestigateCommandTests {
    static let campaign = "Fixtures/investigations/invoice-lure.yaml"

    @Test func jsonReportFindsThePlantedCopies() throws {
        let result = try Dragnet.run(["investigate", "--investigation", Self.campaign, "Fixtures/sample-tenant"])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let matches = try #require(report["matches"] as? [[String: Any]])
        #expect(matches.count == 9)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["messagesMatched"] as? Int == 9)
        #expect((report["investigation"] as? [String: Any])?["sha256"] as? String != nil)
    }

    @Test func everyFormatRendersAndIsDeterministic() throws {
        for format in ["json", "jsonl", "csv", "html", "sarif"] {
            let a = try Dragnet.run(["investigate", "--format", format, "--investigation", Self.campaign, "Fixtures/sample-tenant"])
            let b = try Dragnet.run(["investigate", "--format", format, "--investigation", Self.campaign, "Fixtures/sample-tenant", "--jobs", "1"])
            #expect(a.status == 0, "\(format)")
            // Only the run's timing fields may differ.
            func stable(_ text: String) -> [Substring] {
                text.split(separator: "\n").filter { !$0.contains("durationSeconds") && !$0.contains("startTime") && !$0.contains("Duration") && !$0.contains("\"jobs\"") && !$0.contains("Run started") && !$0.contains("RUN STARTED") && !$0.contains(" s</") }
            }
            if format != "html" { #expect(stable(a.stdout) == stable(b.stdout), "\(format)") }
        }
        let csv = try Dragnet.run(["investigate", "--format", "csv", "--investigation", Self.campaign, "Fixtures/sample-tenant"])
        #expect(csv.stdout.hasPrefix("Owner,From,To,Sender Name,Subject,Attachment,Source,Filter,Status,"))
    }

    @Test func invalidInvestigationExitsTwoWithLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-inv-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("name: bad\nfilters:\n  - form: evil.example\n".utf8).write(to: file)
        let result = try Dragnet.run(["investigate", "--investigation", file.path, "Fixtures/sample-tenant"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:3:5: error: [rule.unknown-field]") || result.stderr.contains("bad.yaml:3:5: error: [rule.unknown-key]"))
        #expect(result.stderr.contains("'from'"), "a did-you-mean suggestion")
        let check = try Dragnet.run(["validate", "--investigation", file.path])
        #expect(check.status == 2)
        let good = try Dragnet.run(["validate", "--investigation", Self.campaign, "Fixtures/sample-tenant"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("ok: 'Invoice lure INV-204981"))
    }

    @Test func aReportThatCannotBeWrittenToStandardOutputExitsOne() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = Dragnet.executable
        process.arguments = ["investigate", "--investigation", Self.campaign, "Fixtures/sample-tenant"]
        process.currentDirectoryURL = InspectCommandTests.packageRoot
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("[output.unwritable] cannot write to standard output"))
    }

    @Test func theReportNeverOverwritesAnInputOfTheRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-overwrite-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("inv.yaml").path
        try FileManager.default.copyItem(atPath: Self.campaign, toPath: copy)
        let result = try Dragnet.run(["investigate", "--investigation", copy, "--output", copy, "Fixtures/sample-tenant"])
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == String(contentsOfFile: Self.campaign, encoding: .utf8))
    }

    @Test func partlyUnreadableInputExitsThreeAndSaysWhatWasSkipped() throws {
        let result = try Dragnet.run(["investigate", "--investigation", Self.campaign, "Fixtures/graph/invalid-middle-of-array.json"])
        #expect(result.status == 3)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["severity"] as? String == "error" })
        for command in ["validate", "inspect"] {
            #expect(try Dragnet.run([command, "Fixtures/graph/invalid-middle-of-array.json"]).status == 3, "\(command)")
        }
    }

    @Test func unreadableInputExitsThreeAfterTheReport() throws {
        // A path that does not exist is a bad argument (exit 2, issue 16); one that cannot be read
        // (here a FIFO, never opened) is reported after the run, with exit status 3.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-fifo-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("export.pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try Dragnet.run(["investigate", "--investigation", Self.campaign, "Fixtures/sample-tenant", fifo])
        #expect(result.status == 3)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["code"] as? String == "input.not-a-file" })
        #expect((report["matches"] as? [Any])?.count == 9)
        let missing = try Dragnet.run(["investigate", "--investigation", Self.campaign, "Fixtures/sample-tenant", "Fixtures/no-such-export"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
    }

    @Test func reportIsNeverWrittenInsideTheEvidence() throws {
        let result = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--output", "Fixtures/sample-tenant/report.json", "Fixtures/sample-tenant"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to write the report inside the evidence folder"))
        #expect(!FileManager.default.fileExists(atPath: InspectCommandTests.packageRoot.appendingPathComponent("Fixtures/sample-tenant/report.json").path))
    }

    @Test func outputFileAndSummary() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-report-\(getpid()).html")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try Dragnet.run(["investigate", "--format", "html", "--output", output.path, "--investigation", Self.campaign, "Fixtures/sample-tenant"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Report: \(output.path)"))
        let html = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // One script (search, sort, pages), the one the content security policy allows by hash.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("script-src 'sha256-"))
    }
}
