public import ArgumentParser
import MailModel
import Foundation
import Remediation

/// `dragnet plan REPORT.json --format graph-batch|powershell|purview --output DIR` (§16).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Turn a JSON report's planned actions into remediation artifacts to apply later, connected, after review.",
        discussion: """
            graph-batch: Microsoft Graph JSON batch bodies (batch-001.json, ...; at most 20 requests each) for \
            matches with a Graph message id, and unresolved.json for the others. powershell: remediate.ps1 for the \
            Microsoft Graph PowerShell SDK covering every match (a dry run unless -Apply). purview: purview.ps1, \
            compliance searches by Message-ID and purges within 10 items per mailbox. Every artifact names the \
            report's SHA-256 and item count; plan-FORMAT.json lists the files. Dragnet contacts nothing. Exit status: 0 the \
            plan was written; 1 it could not be written; 2 bad arguments or a report that cannot be read.
            """
    )

    @Option(help: "Artifacts to write: graph-batch, powershell or purview.")
    var format: PlanFormat

    @Option(help: "The folder to write the artifacts to (created if missing; the three formats may share it).")
    var output: String

    @Argument(help: "A report written by dragnet investigate --format json.")
    var report: String

    func validate() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--output '\(output)' is a file; give a folder")
        }
    }

    func run() throws {
        guard let bytes = try? ReadOnlyFile.read(report) else {
            throw CommandFailure([LocatedError(code: PlanCode.unreadableReport, message: "cannot read the report", path: report)], status: .invalidInput)
        }
        let parsed: PlanReport
        do {
            parsed = try PlanReport(bytes: bytes, path: report)
        } catch {
            throw CommandFailure([error], status: .invalidInput)
        }
        let artifacts = RemediationPlan.artifacts(for: parsed, format: format)
        // Batch files of another plan would be applied with this one's: refuse rather than mix them.
        let names = Set(artifacts.map(\.name))
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        if format == .graphBatch, let stale = existing.sorted().first(where: { $0.hasPrefix("batch-") && $0.hasSuffix(".json") && !names.contains($0) }) {
            throw CommandFailure(
                [LocatedError(code: PlanCode.unusableOutput, message: "the folder holds \(stale) of another plan; give a new folder", path: output)],
                status: .invalidInput)
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure([LocatedError(code: PlanCode.unusableOutput, message: "cannot create the folder", path: output)], status: .failure)
        }
        for artifact in artifacts {
            try OutputFile.write(artifact.bytes, to: output + "/" + artifact.name)
        }
        let actionable = parsed.items.filter { $0.action != nil }.count
        StandardStream.output.write(Array("\(output): \(artifacts.count) files for \(actionable) of \(parsed.itemCount) matches (report SHA-256 \(parsed.sha256))\n".utf8))
        StandardStream.output.flush()
    }
}

extension PlanFormat: ExpressibleByArgument {}
