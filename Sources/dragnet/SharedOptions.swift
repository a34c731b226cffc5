import ArgumentParser
private import Glibc

/// `--jobs`: how many worker threads read and evaluate messages.
struct WorkerOptions: ParsableArguments {
    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// `--jobs`, or the number of cores.
    var workers: Int { jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

/// `--mailbox`: whose messages they are when the export does not say.
struct MailboxOption: ParsableArguments {
    @Option(help: "The mailbox to attribute messages to when neither the export nor the folder names say.")
    var mailbox: String?
}
