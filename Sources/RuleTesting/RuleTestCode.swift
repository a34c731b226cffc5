public import MailModel

/// The codes of problems in expectation, sidecar and suite files (`dragnet test`) and in the reports
/// `dragnet diff` reads. Each code is stable; each is an error (exit status 2).
public enum RuleTestCode {
    // MARK: Expectations (an `expect:` block or a sidecar NAME.expect.yaml)
    /// A key that is not allowed where it is (with a did-you-mean suggestion when one is close).
    public static let unknownKey = DiagnosticCode("expect.unknown-key", .error)
    /// The same key twice in one mapping.
    public static let duplicateKey = DiagnosticCode("expect.duplicate-key", .error)
    /// A value of the wrong shape.
    public static let wrongType = DiagnosticCode("expect.wrong-type", .error)
    /// A value outside what the key accepts.
    public static let invalidValue = DiagnosticCode("expect.invalid-value", .error)
    /// An empty value.
    public static let emptyValue = DiagnosticCode("expect.empty-value", .error)
    /// Not valid YAML, or nested too deep or too complex.
    public static let invalidYAML = DiagnosticCode("expect.invalid-yaml", .error)
    /// The file cannot be read (missing, a folder, permission, larger than 1 MiB, not UTF-8).
    public static let unreadableFile = DiagnosticCode("expect.unreadable-file", .error)
    /// An investigation without expectations.
    public static let noExpectations = DiagnosticCode("expect.missing", .error)
    /// Expectations both in an `expect:` block and in a sidecar.
    public static let twoSources = DiagnosticCode("expect.block-and-sidecar", .error)
    /// Expectations that contradict each other.
    public static let conflict = DiagnosticCode("expect.conflict", .error)

    // MARK: Suites
    /// A key of `suite.yaml` that is not allowed.
    public static let suiteUnknownKey = DiagnosticCode("suite.unknown-key", .error)
    /// A `suite.yaml` that cannot be used.
    public static let suiteInvalid = DiagnosticCode("suite.invalid", .error)
    /// A suite without labelled samples.
    public static let noSamples = DiagnosticCode("suite.no-samples", .error)
    /// A suite path that does not exist.
    public static let notFound = DiagnosticCode("suite.not-found", .error)
    /// A suite folder without investigation files.
    public static let noInvestigations = DiagnosticCode("suite.no-investigations", .error)

    // MARK: Reports read by `dragnet diff`
    /// The report file cannot be read (missing, a folder, permission).
    public static let diffUnreadable = DiagnosticCode("diff.unreadable", .error)
    /// The file is not a report of `dragnet investigate --format json` (or `jsonl`).
    public static let diffNotAReport = DiagnosticCode("diff.not-a-report", .error)

    /// Every declared code.
    public static let all = [
        unknownKey, duplicateKey, wrongType, invalidValue, emptyValue, invalidYAML, unreadableFile, noExpectations, twoSources,
        conflict, suiteUnknownKey, suiteInvalid, noSamples, notFound, noInvestigations, diffUnreadable, diffNotAReport,
    ]
}
