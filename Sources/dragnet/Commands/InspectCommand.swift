import ArgumentParser
import MailModel
import Ingest
import MIME
private import Glibc

/// `dragnet inspect [--format jsonl|tree] PATH...` (§10).
struct InspectCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how Dragnet reads each message: one JSON record (or a MIME tree) per message.",
        discussion: """
            Folders are searched recursively. Every message file yields exactly one record. An unreadable \
            path, or a file read only in part, gets one line on stderr, and the exit status is 3 once the \
            others are done.
            """
    )

    @Option(help: "Output format: jsonl (one §10 object per message) or tree (an indented MIME tree).")
    var format: InspectRun.Format = .jsonl

    @Flag(help: "Leave the links of the bodies (and what mail gateways wrapped in them) out of the JSON records; HTML is then not parsed.")
    var noLinks = false

    @OptionGroup var workerOptions: WorkerOptions

    @Flag(help: "Include the deleted items libpff recovers from PST/OST files (reports mark them recovered-item).")
    var recovered = false

    @OptionGroup var mailboxOption: MailboxOption
    var mailbox: String? { mailboxOption.mailbox }

    @OptionGroup var archives: ArchiveOptions

    @Argument(help: "Message files or folders.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        let workers = workerOptions.workers
        let out = StandardStream.output
        var run = InspectRun(format: format, workers: workers, mailboxHint: mailbox, includeLinks: !noLinks)
        run.archiveLimits = archives.limits
        run.includeRecoveredItems = recovered
        let status = run.run(
            paths: paths,
            write: { out.write($0) },
            warn: { StandardStream.error.write(Array(($0 + "\n").utf8)) }
        )
        out.flush()
        if status != .success { throw ExitCode(status) }
    }
}

extension InspectRun.Format: ExpressibleByArgument {}
