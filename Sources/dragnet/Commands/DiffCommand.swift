import ArgumentParser
import MailModel
import RuleTesting
private import Glibc

/// `dragnet diff OLD.json NEW.json` or `dragnet diff --investigation OLD --investigation NEW INPUT...`
/// (§11): what a change to an investigation (or to Dragnet) adds and removes.
struct DiffCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the matches of two reports, or of two versions of an investigation over the same inputs.",
        discussion: """
            Shows the items newly matched, no longer matched, and matched for different filters (ids or \
            labels). Items are paired by source (format, path, index / pointer / line), then by mailbox \
            and Message-ID. Reports are those of 'dragnet investigate --format json' (or jsonl). \
            Exit status: 0 the diff was made (with --exit-code: 0 no changes, 1 changes); 2 bad \
            arguments, an unreadable report or an invalid investigation.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "An investigation file; give it twice: the old version, then the new one.")
    var investigation: [String] = []

    @Option(help: "Output format: text (default) or json.")
    var format: Format = .text

    @Flag(help: "Exit with status 1 when there are changes.")
    var exitCode = false

    @OptionGroup var mailboxOption: MailboxOption
    var mailbox: String? { mailboxOption.mailbox }

    @OptionGroup var workerOptions: WorkerOptions

    @Argument(help: "Two report files (OLD NEW), or with --investigation the export folders or files.")
    var paths: [String] = []

    func validate() throws {
        switch investigation.count {
        case 0:
            if paths.count != 2 { throw ValidationError("give two reports (OLD.json NEW.json), or --investigation OLD --investigation NEW and the inputs") }
            if mailbox != nil { throw ValidationError("--mailbox goes with --investigation (reports are already attributed)") }
        case 2:
            if paths.isEmpty { throw ValidationError("give the export folders or files to run both investigations over") }
        default:
            throw ValidationError("give --investigation twice: the old version, then the new one")
        }
    }

    func run() throws {
        let old: DiffSide
        let new: DiffSide
        do {
            if investigation.count == 2 {
                let workers = workerOptions.workers
                old = try ReportDiff.runInvestigation(investigation[0], inputs: paths, workers: workers, mailbox: mailbox, toolVersion: DragnetVersion.current)
                new = try ReportDiff.runInvestigation(investigation[1], inputs: paths, workers: workers, mailbox: mailbox, toolVersion: DragnetVersion.current)
            } else {
                old = try ReportDiff.readReport(paths[0])
                new = try ReportDiff.readReport(paths[1])
            }
        } catch {
            throw CommandFailure(error.errors, status: .invalidInput)
        }
        let diff = ReportDiff(old: old, new: new)
        switch format {
        case .text: StandardStream.output.write(Array(diff.text().utf8))
        case .json: StandardStream.output.write(diff.json())
        }
        StandardStream.output.flush()
        if exitCode && diff.hasChanges { throw ExitCode(ExitStatus.failure) }
    }
}
