public import MailModel

/// The codes of why no remediation plan could be made (`dragnet plan`). Each code is stable.
public enum PlanCode {
    /// The report cannot be read or is not a Dragnet JSON report (exit status 2).
    public static let unreadableReport = DiagnosticCode("plan.unreadable-report", .error)
    /// The output folder cannot be used: it holds another plan's files, or cannot be created.
    public static let unusableOutput = DiagnosticCode("plan.unusable-output", .error)

    /// Every declared code.
    public static let all = [unreadableReport, unusableOutput]
}
