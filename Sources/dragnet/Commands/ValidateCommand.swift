import ArgumentParser
import Ingest
private import Glibc

/// `dragnet validate EXPORT...`: the offline "test connection" (§2).
struct ValidateCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an export: mailboxes, folders, messages per format, duplicates, missing fields, unreadable files.",
        discussion: """
            Reads everything below the given paths, as an investigation would, and reports what it found and \
            what it could not read. Exit status: 0 when everything could be read, 3 when some input could not.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Report format: text (for a person) or json (for scripts).")
    var format: Format = .text

    @Option(help: "The mailbox to attribute messages to when neither the export nor the folder names say.")
    var mailbox: String?

    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    @Argument(help: "Export folders or files.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one export folder or file") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let workers = jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let report = ExportValidation.run(paths: paths, mailboxHint: mailbox, workers: workers)
        let out = StandardStream.output
        switch format {
        case .text: out.write(Array(report.text().utf8))
        case .json: out.write(report.json())
        }
        out.flush()
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
