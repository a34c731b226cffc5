import ArgumentParser
import Ingest
import Investigation
import Ledger
import MailModel
import Pipeline
import Reports
private import Glibc

/// `dragnet watch --state PATH --investigation FILE... [--for D] [--interval S] [--events PATH|-]
/// [--report-dir DIR] EXPORT...` (§14).
struct WatchCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch an export: evaluate what is new every interval and emit each new match at once.",
        discussion: """
            Each round reads the files that are new or changed since the last (the state remembers the rest), \
            evaluates every investigation on each new item (read and parsed once for all of them), emits each \
            new match as a JSON Lines event, then a scan event; each investigation's report in --report-dir \
            is rewritten (atomically) after every round. A file still being written is taken up to its last \
            complete message or value. The watch ends with a finished event when --for runs out between \
            rounds or on SIGINT or SIGTERM, or with an expired event when --for runs out during a round. \
            Exit status: 0; 2 bad arguments, an invalid investigation file or an unusable state; 3 the last \
            round could not read some inputs.
            """
    )

    @Option(help: ArgumentHelp("The state file (SQLite) the watch keeps what it read in.", valueName: "path"))
    var state: String

    @Option(name: .long, help: "An investigation file (YAML or JSON); repeat for several.")
    var investigation: [String]

    @Option(name: .customLong("for"), help: ArgumentHelp("How long to watch: 30s, 90m, 12h, 1d, 3d, 7d (default: until SIGINT or SIGTERM).", valueName: "duration"))
    var duration: WatchDuration?

    @Option(help: "Seconds from the start of one round to the start of the next (default: 60).")
    var interval: Double = 60

    @Option(help: ArgumentHelp("Where events go, as JSON Lines: a file (appended to) or - for standard output.", valueName: "path"))
    var events: String = "-"

    @Option(help: ArgumentHelp("A folder where each investigation's report is rewritten after every round.", valueName: "dir"))
    var reportDir: String?

    @Option(help: "Format of the reports in --report-dir: json (default), jsonl, csv, html or sarif.")
    var format: ReportFormat = .json

    @Flag(help: "Leave evidence snippets (text around each hit) out of events and reports.")
    var noSnippets = false

    @Flag(help: "Include the deleted items libpff recovers from PST/OST files (reports mark them recovered-item).")
    var recovered = false

    @OptionGroup var mailboxOption: MailboxOption
    var mailbox: String? { mailboxOption.mailbox }

    @OptionGroup var workerOptions: WorkerOptions

    @OptionGroup var archives: ArchiveOptions

    /// Most rounds, then `finished` (for tests that drive a watch round by round).
    @Option(help: .hidden)
    var rounds: Int?

    /// A pause after each item evaluated, in seconds (tests: a round that lasts).
    @Option(help: .hidden)
    var testItemPause: Double?

    /// The process kills itself (SIGKILL) after this many items (tests of crash safety).
    @Option(help: .hidden)
    var testKillAfterItems: Int?

    @Argument(help: "Export folders or files.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one export folder or file") }
        if investigation.isEmpty { throw ValidationError("give at least one --investigation") }
        if !(interval >= 0) { throw ValidationError("--interval must be a number of seconds, 0 or more") }
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        let names = reportNames
        if Set(names).count != names.count { throw ValidationError("two investigations have the same file name; their reports would overwrite each other in --report-dir") }
        var written = [state]
        if events != "-" { written.append(events) }
        if let reportDir { written.append(reportDir + "/x") }
        for path in written {
            if let input = OutputSafety.inputContaining(path, inputs: paths) {
                throw ValidationError("refusing to write '\(path)' inside the evidence folder '\(input)'; choose another place")
            }
        }
        try StateOption.validate(state, inputs: paths, others: investigation + (events == "-" ? [] : [events]))
        if events != "-", OutputSafety.isSameFile(events, as: investigation + paths) {
            throw ValidationError("refusing to write events over '\(events)', which is an input of this watch")
        }
    }

    /// Each investigation's report file name in `--report-dir`: its file name with the format's extension.
    private var reportNames: [String] {
        investigation.map { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let stem = name.contains(".") ? String(name[..<name.lastIndex(of: ".")!]) : name
            return stem + "." + format.fileExtension
        }
    }

    func run() throws {
        WatchSignals.install()
        // Bad paths and outputs that cannot be written end the command before any input is read.
        try InputPaths.check(paths)
        try OutputTarget.checkCreatable(state)
        let sink = try EventSink(events)
        if let reportDir { try ReportFolder.prepare(reportDir) }
        let workers = workerOptions.workers
        let scan = ExportScan(paths: paths, mailboxHint: mailbox, archiveLimits: archives.limits, workers: workers)
        scan.includeRecoveredItems = recovered
        let directory = ExportDirectoryInfo.read(scan: scan)
        let loaded = try investigation.map { try InvestigationLoading.load($0, directory: directory) }
        let ledger = try StateOption.open(state)
        var options = ["format": format.rawValue, "investigation": investigation.joined(separator: ","), "jobs": String(workers)]
        if noSnippets { options["noSnippets"] = "true" }
        if let mailbox { options["mailbox"] = mailbox }
        options.merge(archives.given) { $1 }
        if recovered { options["recovered"] = "true" }
        let run = StatefulRun(investigations: loaded, ledger: ledger, workers: workers, mailboxHint: mailbox, includeSnippets: !noSnippets)
        run.killAfterItems = testKillAfterItems
        run.pausePerItem = testItemPause ?? 0
        run.archiveLimits = archives.limits
        run.outlookOptions = scan.outlookOptions
        // The duration counts from the first round, once the investigations are loaded.
        let schedule = Watch.Schedule(interval: interval, deadline: duration.map { StatefulRun.now() + $0.seconds }, maxRounds: rounds)
        let watch = Watch(run: run, paths: paths, toolVersion: DragnetVersion.current, runOptions: options, schedule: schedule)
        let writer = WatchEventWriter(options: ReportOptions(includeSnippets: !noSnippets))
        let names = reportNames
        var lastStatus = ExitStatus.success
        // A report that cannot be written stops the watch with its own error (output.unwritable, status 1).
        let ended = try StateOption.perform {
            try watch.start(
                stopRequested: { WatchSignals.stopRequested },
                onMatch: { index, row in sink.write(writer.match(row, investigation: loaded[index])) },
                afterRound: { round in
                    if round.result.isComplete, let reportDir {
                        for (index, (report, _)) in round.result.reports.enumerated() {
                            try OutputFile.replace(format.writer.render(report, options: ReportOptions(includeSnippets: !noSnippets)), at: reportDir + "/" + names[index])
                        }
                    }
                    if round.result.isComplete { lastStatus = round.result.reports.map(\.1).max() ?? .success }
                    StateOption.warnGone(round.result.gone)
                    sink.write(writer.scan(
                        round: round.number, itemsEvaluated: round.result.itemsEvaluated, itemsReused: round.result.itemsReused,
                        matches: round.result.newMatches, inputsGone: round.result.gone, isComplete: round.result.isComplete,
                        durationSeconds: round.durationSeconds, time: round.time))
                })
        }
        // The last round's summaries are written, and the log copied into the state, before `finished`.
        try StateOption.perform { try ledger.closeInBackground().wait() }
        let time = UTCTimestamp.iso8601(Int64(StatefulRun.now()))
        switch ended.end {
        case .finished(let reason): sink.write(writer.end(expired: false, rounds: ended.rounds, matches: ended.matches, reason: reason, time: time))
        case .expired: sink.write(writer.end(expired: true, rounds: ended.rounds, matches: ended.matches, reason: "duration", time: time))
        }
        if lastStatus != .success { throw ExitCode(lastStatus) }
    }
}
