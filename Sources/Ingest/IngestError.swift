package import MailModel
/// A file or folder that could not be read. Thrown for inputs, never for malformed mail.
package struct IngestError: Error, Sendable, CustomStringConvertible {
    /// Stable code, e.g. `input.not-found`.
    package var code: String
    /// One sentence saying what went wrong.
    package var message: String
    /// The path as given or found.
    package var path: String

    package init(code: String, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// Compiler-style line: `path: error: [code] message`.
    package var description: String { TerminalText.escaped("\(path): error: [\(code)] \(message)") }

    package static func notFound(_ path: String) -> IngestError {
        IngestError(code: "input.not-found", message: "no such file or folder", path: path)
    }
    package static func unreadable(_ path: String, errno: Int32) -> IngestError {
        IngestError(code: "input.unreadable", message: "cannot be read (\(Self.reason(errno)))", path: path)
    }

    package static func unreadable(_ path: String, _ failure: ReadOnlyFile.Failure) -> IngestError {
        unreadable(path, errno: failure.errno)
    }

    static func reason(_ errno: Int32) -> String { ReadOnlyFile.reason(errno: errno) }
}
