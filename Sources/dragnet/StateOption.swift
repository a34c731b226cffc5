import ArgumentParser
import Ledger
import MailModel
import Pipeline
private import Glibc

/// `--state PATH` (investigate, watch): where the state may be, opening it, and its errors, which
/// print like a compiler's and exit with status 2.
enum StateOption {
    /// The state is written, with its `-wal` and `-shm` companions, beside itself: never inside an
    /// input folder, never over an input or another file of the run.
    static func validate(_ state: String, inputs: [String], others: [String]) throws {
        if let input = OutputSafety.inputContaining(state, inputs: inputs) {
            throw ValidationError("refusing to keep the state inside the evidence folder '\(input)'; choose --state elsewhere")
        }
        if OutputSafety.isSameFile(state, as: inputs + others) {
            throw ValidationError("refusing to use '\(state)' as the state: it is an input or another file of this run")
        }
    }

    static func open(_ path: String) throws -> Ledger {
        try open(path, after: nil)
    }

    /// Starts opening the state, or creating it where no file is (``StateOpening``), to be taken with
    /// ``open(_:after:)``; nil for anything else at the path (an empty file, a folder), opened then.
    static func startOpening(_ path: String) -> StateOpening? {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT ? StateOpening(path: path, creates: true) : nil }
        guard (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
        return StateOpening(path: path, creates: false)
    }

    /// The state `opening` opened (``startOpening(_:)``), else the state at `path` opened now.
    static func open(_ path: String, after opening: StateOpening?) throws -> Ledger {
        try perform { try opening?.take() ?? Ledger(path: path) }
    }

    /// Runs `body`; a state error ends the command with status 2, printed like every error.
    static func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw CommandFailure([error.located], status: .invalidInput)
        }
    }

    /// Files the state recorded that are gone, said on stderr (the report's `run` lists them too).
    static func warnGone(_ paths: [String]) {
        for path in paths {
            let gone = LocatedError(
                code: StateCodes.inputGone, message: "was read by an earlier run with this state and is no longer there", path: path)
            StandardStream.error.write(Array((gone.description + "\n").utf8))
        }
    }
}
