package import MailModel

/// A file or folder that could not be read. Thrown for inputs, never for malformed mail.
package typealias IngestError = LocatedError

extension LocatedError {
    /// `input.not-found`: no such file or folder.
    package static func notFound(_ path: String) -> LocatedError {
        LocatedError(code: IngestCode.notFound, message: "no such file or folder", path: path)
    }

    /// `input.unreadable`, with the reason `errno` gives.
    package static func unreadable(_ path: String, errno: Int32) -> LocatedError {
        LocatedError(code: IngestCode.unreadable, message: "cannot be read (\(ReadOnlyFile.reason(errno: errno)))", path: path)
    }

    /// `input.unreadable`, for a file ``ReadOnlyFile`` could not read.
    package static func unreadable(_ path: String, _ failure: ReadOnlyFile.Failure) -> LocatedError {
        unreadable(path, errno: failure.errno)
    }
}
