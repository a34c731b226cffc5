import MailModel

/// The codes of what the commands themselves report. Each code is stable.
enum CommandCode {
    /// A report, artifact or standard output could not be written (exit status 1).
    static let outputUnwritable = DiagnosticCode("output.unwritable", .error)
    /// Bad arguments: an unknown option, a missing value, an impossible combination (exit status 2).
    static let invalidArguments = DiagnosticCode("cli.invalid-arguments", .error)
    /// Dragnet made something it cannot use itself (a draft that is not a valid investigation).
    static let internalError = DiagnosticCode("cli.internal-error", .error)

    /// Every declared code.
    static let all = [outputUnwritable, invalidArguments, internalError]
}
