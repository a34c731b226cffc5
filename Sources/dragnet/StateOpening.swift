import Ledger
private import Glibc

/// A state being opened on another thread while the export is walked (``StateOption/startOpening(_:)``).
/// A state that does not exist yet is created there too (its schema took 6 ms of a first run's main
/// thread); when the command ends without taking it (an investigation that cannot be read, say), it
/// is closed and, made by this run, removed: a run that fails before it starts leaves no state.
final class StateOpening {
    private let task: LedgerTask<Ledger>
    private let path: String
    /// Whether the file did not exist: this run makes it.
    private let creates: Bool
    private var taken = false

    init(path: String, creates: Bool) {
        self.path = path
        self.creates = creates
        task = Ledger.openInBackground(path: path)
    }

    /// The state, for the run (the error opening it gave, if any).
    func take() throws(LedgerError) -> Ledger {
        taken = true
        return try task.wait()
    }

    /// When the command ends: a state it did not take is closed, and removed when it made it.
    func abandonUnlessTaken() {
        guard !taken else { return }
        taken = true
        let ledger = try? task.wait()
        _ = try? ledger?.closeInBackground().wait()
        guard creates else { return }
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}
