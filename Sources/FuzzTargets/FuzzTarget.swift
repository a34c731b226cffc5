/// The fuzzing entry points: each takes one input of arbitrary bytes through the code a command runs
/// on such a file and checks the invariants the code documents. A violated invariant is returned as
/// a sentence; a crash, a hang or a leak is the fuzzer's to find.
///
/// `scripts/fuzz.sh` runs them under libFuzzer (the `Fuzz/` package); `FuzzRegressionTests` runs
/// every input a fuzzer ever found (`Fixtures/fuzz-regressions/<target>/`) and the seed corpora
/// through the same functions, so what was fixed stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A message file as `inspect` and `investigate` read it: MIME parse (default and small limits),
    /// walk, transfer and charset decoding, the `inspect` record and tree, the normalized item with
    /// HTML reduced to text and every attachment's bytes; the same message with CRLF line ends.
    case mime
    /// A Graph JSON file: records, `inspect` records and normalized items; the same records with a
    /// tiny read buffer read from a file as with the default buffer in memory.
    case graph
    /// An mbox file: the messages and notes with the default buffer and with tiny ones, and the
    /// documented tiling of the file by the messages' spans.
    case mbox
    /// HTML reduced to text: default and small limits, and the documented shape of the text.
    case html
    /// An investigation file (YAML or JSON): loading, and, when valid, evaluating it over sample items.
    case investigation

    /// Runs one input and returns the invariants it broke (empty: all held).
    public func run(_ input: [UInt8], options: FuzzOptions = .default) -> [String] {
        var violations = Violations()
        switch self {
        case .mime: MIMEFuzzTarget.run(input, into: &violations)
        case .graph: GraphFuzzTarget.run(input, options: options, into: &violations)
        case .mbox: MboxFuzzTarget.run(input, into: &violations)
        case .html: HTMLFuzzTarget.run(input, into: &violations)
        case .investigation: InvestigationFuzzTarget.run(input, into: &violations)
        }
        return violations.sentences
    }

    /// Folders of seed inputs, relative to the package root: the project's fixtures, then the
    /// shared real-world corpora next to the package (`../shared/...`, used when present).
    public var seedFolders: [String] {
        switch self {
        case .mime:
            ["Fixtures/mime", "Fixtures/maildir", "Fixtures/sample-tenant", "Fixtures/rule-repo",
             "../shared/corpus/mime-suites", "../shared/corpus/spamassassin"]
        case .graph:
            ["Fixtures/graph", "Fixtures/sample-tenant", "Fixtures/directory-tenant", "../shared/graph-samples"]
        case .mbox:
            ["Fixtures/mbox", "Fixtures/mime", "../shared/corpus/mbox"]
        case .html:
            ["Fixtures/html", "Fixtures/reports"]
        case .investigation:
            ["Fixtures/investigations", "Fixtures/investigations-invalid", "Fixtures/rule-repo",
             "Fixtures/rule-repo-regressions"]
        }
    }

    /// Whether a seed file (by name) is an input for this target; documentation and expected
    /// outputs beside the inputs are left out.
    public func isSeed(fileName name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("readme") || lower.hasPrefix("sources") || lower == "sha256sums" { return false }
        switch self {
        case .mime, .mbox:
            let notMail = [".md", ".py", ".json", ".jsonl", ".yaml", ".yml", ".csv", ".html", ".xml", ".out", ".tree.txt", ".expected.txt"]
            return !notMail.contains { lower.hasSuffix($0) }
        case .graph: return lower.hasSuffix(".json") || lower.hasSuffix(".jsonl")
        case .html: return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
        case .investigation: return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
        }
    }
}

/// Choices for a run.
public struct FuzzOptions: Sendable, Hashable {
    /// Whether the Graph target also reports the three buffer-size differences known before the
    /// streaming reader's fix (issue 9, item 7): a page whose `@odata.context` follows `value`,
    /// a JSON Lines file whose first line is over one buffer, and the pointers of concatenated
    /// values. Default `true` (the fix is in); `false` leaves them out of the comparison.
    public var strictGraphBuffers: Bool = true

    public init(strictGraphBuffers: Bool = true) {
        self.strictGraphBuffers = strictGraphBuffers
    }

    public static let `default` = FuzzOptions()
}

/// The invariants one input broke.
struct Violations {
    private(set) var sentences: [String] = []

    /// Records `sentence` unless `holds`.
    mutating func check(_ holds: Bool, _ sentence: @autoclosure () -> String) {
        if !holds { sentences.append(sentence()) }
    }

    mutating func add(_ sentence: String) { sentences.append(sentence) }
}

/// A short, printable excerpt of a value for a violation's sentence.
func excerpt(_ value: some Any, limit: Int = 300) -> String {
    let text = String(describing: value)
    return text.count <= limit ? text : String(text.prefix(limit)) + "…"
}

/// Two descriptions of values that differ, shown from a little before their first difference.
func difference(_ a: some Any, _ b: some Any) -> String {
    let x = Array(String(describing: a)), y = Array(String(describing: b))
    var i = 0
    while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
    let from = max(0, i - 80)
    func part(_ c: [Character]) -> String {
        (from > 0 ? "…" : "") + String(c[from ..< min(c.count, i + 240)]) + (i + 240 < c.count ? "…" : "")
    }
    return "\(part(x)) / \(part(y))"
}
