/// How a command ended: its process exit status (§9). Every command's status is one of these.
public enum ExitStatus: Int32, Sendable, Hashable, Comparable {
    /// The command did what it was asked (an investigation ran, matches or not).
    case success = 0
    /// A report or artifact could not be written; `test`: an expectation failed; `diff --exit-code`:
    /// there are changes.
    case failure = 1
    /// Bad arguments, or an investigation, suite, expectation or report that cannot be used.
    case invalidInput = 2
    /// The run completed but some input could not be read, wholly or in part.
    case partlyUnreadable = 3

    /// The status of a run that read its inputs: 3 when any of them lost input (``Diagnostic/losesInput``).
    public static func reading(lostInput: Bool) -> ExitStatus { lostInput ? .partlyUnreadable : .success }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
