import ArgumentParser
import Ledger
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
        try perform { () throws(LedgerError) in try Ledger(path: path) }
    }

    /// Runs `body`; a state error is printed and exits with status 2.
    static func perform<T>(_ body: () throws(LedgerError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardStream.error.write(Array((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }

    /// Files the state recorded that are gone, said on stderr (the report's `run` lists them too).
    static func warnGone(_ paths: [String]) {
        for path in paths {
            StandardStream.error.write(Array("\(path): warning: [input.gone] was read by an earlier run with this state and is no longer there\n".utf8))
        }
    }
}
