import ArgumentParser
import MailModel
import Ingest
import Investigation
private import Glibc

/// `dragnet validate EXPORT...`: the offline "test connection" (§2).
struct ValidateCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an export: mailboxes, folders, messages per format, duplicates, missing fields, unreadable files.",
        discussion: """
            Reads everything below the given paths, as an investigation would, and reports what it found and \
            what it could not read. Exit status: 0 when everything could be read, 3 when some input could not, wholly or in part.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Report format: text (for a person) or json (for scripts).")
    var format: Format = .text

    @Flag(help: "Include the deleted items libpff recovers from PST/OST files (reports mark them recovered-item).")
    var recovered = false

    @OptionGroup var mailboxOption: MailboxOption
    var mailbox: String? { mailboxOption.mailbox }

    @OptionGroup var workerOptions: WorkerOptions

    @Option(name: .long, help: "Check this investigation file instead of reading the export (the export, if given, is used for the mailbox and group checks).")
    var investigation: String?

    @OptionGroup var archives: ArchiveOptions

    @Argument(help: "Export folders or files.")
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty, investigation == nil { throw ValidationError("give at least one export folder or file, or --investigation FILE") }
    }

    func run() throws {
        if let investigation {
            let loaded = try InvestigationLoading.load(investigation, exportPaths: paths)
            let count = loaded.conditions.count
            StandardStream.output.write(Array("\(investigation): ok: '\(loaded.name)', \(count) filter\(count == 1 ? "" : "s"), planned action \(loaded.action.planned)\n".utf8))
            StandardStream.output.flush()
            return
        }
        let workers = workerOptions.workers
        let report = ExportValidation.run(paths: paths, mailboxHint: mailbox, workers: workers, archiveLimits: archives.limits, includeRecovered: recovered)
        let out = StandardStream.output
        switch format {
        case .text: out.write(Array(report.text().utf8))
        case .json: out.write(report.json())
        }
        out.flush()
        if report.exitStatus != .success { throw ExitCode(report.exitStatus) }
    }
}
