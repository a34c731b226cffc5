public import ArgumentParser
import Ingest
import Investigation
import Ledger
import MailModel
import Pipeline
import Reports
private import Glibc

/// `dragnet investigate --investigation FILE [--format json|jsonl|csv|html] [--output PATH] INPUT...` (§9).
struct InvestigateCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "investigate",
        abstract: "Run an investigation over exported mailboxes and write the match report.",
        discussion: """
            Every message of every mailbox in scope is evaluated against the investigation's filters. The \
            export is never changed: the investigation's action becomes a planned action on each match. \
            Exit status: 0 the run completed (matches or not); 1 the report could not be written; 2 bad \
            arguments, a path that does not exist, or an invalid investigation file; 3 the run completed but some \
            inputs could not be read, wholly or in part (the report says which); 4 the inputs hold no message \
            at all; 141 the reader of standard output closed the pipe (nothing more is written).
            """
    )

    @Option(name: .long, help: "The investigation file (YAML or JSON).")
    var investigation: String

    @Option(help: "Report format: json (default), jsonl, csv, html or sarif; partial with --shard (for dragnet merge).")
    var format: InvestigateFormat = .json

    @Option(help: ArgumentHelp(
        "Read only shard K of N (1 ≤ K ≤ N): a deterministic 1/N of the export's files, balanced by bytes; needs --format partial.",
        valueName: "K/N"))
    var shard: ShardOption?

    @Option(help: ArgumentHelp(
        "The investigation file's path as reports name it, when FILE is a copy (shipped to a cluster node).", valueName: "path"))
    var investigationAs: String?

    @Option(help: "Write the report to this file instead of standard output (a summary is printed); '-' is standard output.")
    var output: String?

    @Flag(help: "Leave evidence snippets (text around each hit) out of the report.")
    var noSnippets = false

    @Flag(help: "Include the deleted items libpff recovers from PST/OST files (reports mark them recovered-item).")
    var recovered = false

    @OptionGroup var mailboxOption: MailboxOption
    var mailbox: String? { mailboxOption.mailbox }

    @OptionGroup var workerOptions: WorkerOptions

    @Option(help: ArgumentHelp(
        "A state file (SQLite): read only new or changed files and reuse what an earlier run with it read.",
        valueName: "path"))
    var state: String?

    /// With --state: the process kills itself (SIGKILL) after this many items (tests of crash safety).
    @Option(help: .hidden)
    var testKillAfterItems: Int?

    @OptionGroup var archives: ArchiveOptions

    @OptionGroup var runOutput: RunOutputOptions

    @OptionGroup var standardInput: StandardInputOption

    @Argument(help: "Export folders or files; '-' reads one message, mbox or Graph JSON file from standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one export folder or file") }
        if state != nil, paths.contains("-") { throw ValidationError("standard input ('-') cannot be recorded in a state; give files with --state") }
        if let output, output != "-", let input = OutputSafety.inputContaining(output, inputs: paths) {
            throw ValidationError("refusing to write the report inside the evidence folder '\(input)'; choose --output elsewhere")
        }
        if let output, output != "-", OutputSafety.isSameFile(output, as: [investigation] + paths) {
            throw ValidationError("refusing to overwrite '\(output)', which is an input of this run; choose --output elsewhere")
        }
        if (shard != nil) != (format == .partial) {
            throw ValidationError(shard == nil ? "--format partial is the output of a shard: give --shard K/N" : "a shard writes a partial result: give --format partial (then dragnet merge)")
        }
        if let state { try StateOption.validate(state, inputs: paths, others: [investigation] + (output.map { $0 == "-" ? [] : [$0] } ?? [])) }
    }

    func run() throws {
        // Bad paths and an output that cannot be written end the command before any input is read.
        try InputPaths.check(paths)
        if let state { try OutputTarget.checkCreatable(state) }
        let target = try OutputTarget.open(output ?? "-")
        // The state is opened (its pages checked), or created, while the export is walked.
        let opening = shard == nil ? state.flatMap(StateOption.startOpening) : nil
        // Whatever ends the command, the state is not left half-opened, nor made by a run that did not start.
        defer { opening?.abandonUnlessTaken() }
        let workers = workerOptions.workers
        let scan = ExportScan(
            paths: paths, mailboxHint: mailbox, archiveLimits: archives.limits, workers: workers, recordsWalk: state != nil)
        scan.includeRecoveredItems = recovered
        if let limit = standardInput.stdinMaxBytes { scan.standardInputLimit = limit }
        var loaded = try InvestigationLoading.load(investigation, directory: ExportDirectoryInfo.read(scan: scan))
        if let investigationAs { loaded.path = investigationAs }
        var options = ["format": format.rawValue, "investigation": investigationAs ?? investigation, "jobs": String(workers)]
        if let output { options["output"] = output }
        if noSnippets { options["noSnippets"] = "true" }
        if let mailbox { options["mailbox"] = mailbox }
        options.merge(archives.given) { $1 }
        if recovered { options["recovered"] = "true" }
        if let shard {
            var shardOptions = options
            shardOptions["format"] = nil
            shardOptions["output"] = nil
            return try runShard(shard, loaded: loaded, scan: scan, workers: workers, options: shardOptions, target: target)
        }
        guard let reportFormat = format.report else { return }
        let reportOptions = ReportOptions(includeSnippets: !noSnippets, forTerminal: target.isStandardOutput && isatty(1) == 1)
        let report: InvestigationReport
        let runStatus: ExitStatus
        var messagesFound: Int?
        // JSON Lines: each match is written as soon as it is decided (§9); with --state, at the end.
        var stream = format == .jsonl && state == nil ? JSONLinesStream(investigation: loaded, options: reportOptions) : nil
        var closing: LedgerTask<Void>?
        // An error while the report is written still waits for the state to be closed.
        defer { _ = try? closing?.wait() }
        if let state {
            // The state is not a run option: the report is the one a run without it writes.
            let ledger = try StateOption.open(state, after: opening)
            let run = StatefulRun(investigations: [loaded], ledger: ledger, workers: workers, mailboxHint: mailbox, includeSnippets: !noSnippets)
            run.killAfterItems = testKillAfterItems
            run.archiveLimits = archives.limits
            run.outlookOptions = scan.outlookOptions
            let result = try StateOption.perform { () throws(LedgerError) in
                try run.run(paths: paths, scan: scan, toolVersion: DragnetVersion.current, runOptions: options)
            }
            (report, runStatus) = result.reports[0]
            StateOption.warnGone(result.gone)
            // Closed while the report is written (closing waits on the disk).
            closing = ledger.closeInBackground()
        } else {
            let progressLine = runOutput.showsProgress ? ProgressLine(isTerminal: isatty(2) == 1, totals: ExportScan.measure(paths)) : nil
            let runner = InvestigationRunner(investigation: loaded, workers: workers, mailboxHint: mailbox, includeSnippets: !noSnippets)
            (report, runStatus) = runner.run(
                scan: scan, paths: paths, toolVersion: DragnetVersion.current, runOptions: options,
                progress: { progress in
                    messagesFound = progress.messagesFound
                    progressLine?.update(progress)
                },
                match: stream == nil ? nil : { row in
                    ProgressLine.clearLine()
                    let line = stream!.line(for: row)
                    do throws(LocatedError) {
                        try target.write(line)
                    } catch {
                        DragnetCommand.fail([error], status: .failure)
                    }
                })
            ProgressLine.clearLine()
        }
        // What could not be read is said on stderr too, like a compiler's errors (the report has the rest).
        for diagnostic in report.diagnostics where diagnostic.severity == .error || runOutput.verbose {
            StandardStream.error.write(Array((diagnostic.compilerStyle + "\n").utf8))
        }
        if !runOutput.quiet, !runOutput.verbose, let summary = DiagnosticSummary.text(report.diagnostics) {
            StandardStream.error.write(Array(summary.utf8))
        }
        if let stream {
            try target.write(stream.summary(report))
        } else if reportFormat == .json {
            // Written as it is rendered: the JSON report of a large run is never held whole.
            try JSONReportWriter().render(report, options: reportOptions) { (piece: UnsafeRawBufferPointer) throws(LocatedError) in try target.write(piece) }
        } else {
            try target.write(reportFormat.writer.render(report, options: reportOptions))
        }
        try target.commit()
        if let closing { try StateOption.perform { try closing.wait() } }
        if let output, output != "-" {
            StandardStream.output.write(Array(SummaryText.render(report, reportPath: output).utf8))
        }
        StandardStream.output.flush()
        var status = runStatus
        if status == .success, messagesFound.map({ $0 == 0 }) ?? NothingToInvestigate.holdsNoMessage(report) {
            StandardStream.error.write(Array((NothingToInvestigate.warning(paths: paths) + "\n").utf8))
            status = .noMessages
        }
        KeptToExit.keep(report)
        if status != .success { throw ExitCode(status) }
    }
}

/// The inputs held no message at all: a clean-looking empty report must not pass for a clean result.
enum NothingToInvestigate {
    static func warning(paths: [String]) -> String {
        LocatedError(
            code: CommandCode.noMessages,
            message: "no message found in the inputs (\(paths.joined(separator: ", "))): nothing was investigated (exit status 4)",
            path: CompilerStyleLine.programName, severity: .warning
        ).description
    }

    /// Whether a report counts no message at all: none placed in or out of scope, and no mailbox
    /// left out with messages (not authorized, out of scope).
    static func holdsNoMessage(_ report: InvestigationReport) -> Bool {
        let s = report.summary
        guard s.messagesScanned + s.messagesOutsideFolders + s.messagesUndated + s.messagesOutsideDateRange == 0 else { return false }
        return report.summary.mailboxesNotScanned.allSatisfy { $0.reason == .unreadable || $0.reason == .notInExport }
    }
}

extension ReportFormat: ExpressibleByArgument {}

/// `investigate --format`: a report format, or a shard's partial result.
enum InvestigateFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, csv, html, sarif, partial

    /// The report format; `nil` for `partial`.
    var report: ReportFormat? { ReportFormat(rawValue: rawValue) }
}

/// Loads an investigation file, checking it against the export; errors print like a compiler's and
/// exit with status 2 (§9).
enum InvestigationLoading {
    static func load(_ path: String, exportPaths: [String]) throws -> Investigation {
        try load(path, directory: exportPaths.isEmpty ? nil : ExportDirectoryInfo.read(paths: exportPaths))
    }

    static func load(_ path: String, directory: DirectoryInfo?) throws -> Investigation {
        do {
            let loaded = try InvestigationFile.load(path: path, directory: directory)
            for warning in loaded.warnings { StandardStream.error.write(Array((warning.description + "\n").utf8)) }
            return loaded.investigation
        } catch {
            throw CommandFailure(error.errors, status: .invalidInput)
        }
    }
}
