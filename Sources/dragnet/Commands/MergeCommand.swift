import ArgumentParser
import Foundation
import Investigation
import MailModel
import Pipeline
import Reports

/// `dragnet merge PARTIAL... [--format json|jsonl|csv|html|sarif] [--output PATH]` (§18): the report
/// one run would have written, from the partial results of its N shards.
struct MergeCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partial results of a sharded run into its report.",
        discussion: """
            Give the partial results of every shard (dragnet investigate --shard K/N --format partial), in any \
            order. The report is the one a run without shards writes, apart from the run's timing. Partials of \
            another investigation, Dragnet version, export or shard count, a shard missing or given twice, and \
            unfinished partials are refused. Exit status: 0 merged; 1 the report could not be written; 2 the \
            partials cannot be merged; 3 merged, but some inputs could not be read (the report says which).
            """
    )

    @Option(help: "Report format: json (default), jsonl, csv, html or sarif.")
    var format: ReportFormat = .json

    @Option(help: "Write the report to this file instead of standard output (a summary is printed).")
    var output: String?

    @Argument(help: "The shards' partial results.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give the partial result of every shard") }
        if let output, OutputSafety.isSameFile(output, as: paths) {
            throw ValidationError("refusing to overwrite '\(output)', which is a partial result of this merge; choose --output elsewhere")
        }
    }

    func run() throws {
        let start = StatefulRun.now()
        let merge = PartialMerge()
        var options = ["format": format.rawValue]
        if let output { options["output"] = output }
        let report: InvestigationReport
        let status: ExitStatus
        do {
            var partials: [PartialMerge.Partial] = []
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw PartialMerge.Problem(code: ShardCodes.unreadable, message: "the partial result cannot be read", path: path)
                }
                partials.append(try merge.read([UInt8](data), path: path))
            }
            (report, status) = try merge.merge(partials, toolVersion: DragnetVersion.current, runOptions: options, startedAt: start)
        } catch let problem as PartialMerge.Problem {
            throw CommandFailure([problem], status: .invalidInput)
        }
        for diagnostic in report.diagnostics where diagnostic.severity == .error {
            StandardStream.error.write(Array((diagnostic.compilerStyle + "\n").utf8))
        }
        let bytes = format.writer.render(report, options: ReportOptions(includeSnippets: report.run.options["noSnippets"] == nil))
        if let output {
            try OutputFile.write(bytes, to: output)
            StandardStream.output.write(Array(SummaryText.render(report, reportPath: output).utf8))
        } else {
            StandardStream.output.write(bytes)
        }
        StandardStream.output.flush()
        if status != .success { throw ExitCode(status) }
    }
}
