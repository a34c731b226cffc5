import Ingest
import MailModel
private import Glibc

/// Input paths checked before anything runs: a path that does not exist is a bad argument (exit
/// status 2, nothing on stdout), like a misspelled option. `-` is standard input, given at most once.
enum InputPaths {
    static func check(_ paths: [String]) throws(CommandFailure) {
        var errors: [LocatedError] = []
        for path in paths where path != "-" {
            var st = stat()
            if stat(path, &st) != 0, errno == ENOENT || errno == ENOTDIR {
                errors.append(LocatedError(code: IngestCode.notFound, message: "no such file or folder", path: path))
            }
        }
        if paths.filter({ $0 == "-" }).count > 1 {
            errors.append(LocatedError(code: CommandCode.invalidArguments, message: "'-' (standard input) is given more than once", path: CompilerStyleLine.programName))
        }
        if !errors.isEmpty { throw CommandFailure(errors, status: .invalidInput) }
    }
}
