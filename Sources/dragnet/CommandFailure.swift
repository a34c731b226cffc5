import ArgumentParser
import MailModel

/// Ends a command early: the problems to print (one compiler-style line each, see ``LocatedError``)
/// and the exit status. ``DragnetCommand/main()`` prints and exits; a bare ``LocatedError`` thrown
/// by a command ends it the same way with status 1.
struct CommandFailure: Error {
    var errors: [LocatedError]
    var status: ExitStatus

    init(_ errors: [LocatedError], status: ExitStatus) {
        self.errors = errors
        self.status = status
    }
}

extension ExitCode {
    /// The process exit code of a command's status.
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
