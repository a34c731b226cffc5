private import Glibc
import Investigation
public import MailModel
import Pipeline
private import Glibc

/// The outcome of testing one investigation against its expectations.
public struct InvestigationTestResult: Sendable {
    public enum Status: String, Sendable, Hashable {
        case passed, failed, error
    }

    /// One unmet expectation.
    public struct Problem: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// A sample matched that must not (a look-alike in `noMatch`, or an unlisted sample).
            case unexpectedMatch
            /// A sample named in `match` did not match.
            case missingMatch
            /// The number of matches differs from `count`.
            case count
            /// An expectation names no sample item.
            case selectsNothing
            /// A sample could not be read.
            case unreadableSample
        }

        public var kind: Kind
        /// The item (path relative to the suite folder, with its fragment), when there is one.
        public var item: String?
        /// Why: the deciding conditions (or what is wrong).
        public var reasons: [String]
        /// What was expected, in a word: `must not match`, `not listed in match`, ...
        public var note: String?

        public init(kind: Kind, item: String? = nil, reasons: [String], note: String? = nil) {
            self.kind = kind
            self.item = item
            self.reasons = reasons
            self.note = note
        }

        /// The line printed under a failing investigation.
        public var line: String {
            switch kind {
            case .unexpectedMatch:
                return "unexpected match: \(item ?? "?")\(note.map { " (\($0))" } ?? "") — \(reasons.joined(separator: "; "))"
            case .missingMatch:
                return "missing match:    \(item ?? "?") — \(reasons.joined(separator: "; "))"
            case .count, .selectsNothing, .unreadableSample:
                return reasons.joined(separator: "; ")
            }
        }
    }

    /// The investigation file, as discovered.
    public var file: String
    /// The test's name: the file's name without its extension.
    public var name: String
    /// The investigation's `name`, when it could be read.
    public var investigationName: String?
    public var status: Status
    /// Items of `match` that matched.
    public var expectedMatches = 0
    /// Items of `noMatch` that did not match.
    public var lookAlikesClear = 0
    /// Other samples that did not match (with `unlisted: noMatch`).
    public var othersClear = 0
    /// Every match over the samples.
    public var matches = 0
    /// Sample items read.
    public var samplesRead = 0
    public var problems: [Problem] = []
    /// Why the investigation could not be tested (printable lines): an invalid investigation or
    /// expectation file, no samples.
    public var errors: [String] = []
    public var warnings: [String] = []
    public var durationSeconds: Double = 0

    public init(file: String, name: String, status: Status) {
        self.file = file
        self.name = name
        self.status = status
    }

    /// `3 expected matches, 2 look-alikes clear, 4 other samples clear`.
    public var passSummary: String {
        var parts = ["\(expectedMatches) expected match\(expectedMatches == 1 ? "" : "es")"]
        parts.append("\(lookAlikesClear) look-alike\(lookAlikesClear == 1 ? "" : "s") clear")
        if othersClear > 0 { parts.append("\(othersClear) other sample\(othersClear == 1 ? "" : "s") clear") }
        return parts.joined(separator: ", ")
    }

    /// One sentence for a failure (JUnit `message`).
    public var failureSummary: String {
        if status == .error { return errors.first ?? "the investigation could not be tested" }
        var counts: [Problem.Kind: Int] = [:]
        for p in problems { counts[p.kind, default: 0] += 1 }
        var parts: [String] = []
        func add(_ kind: Problem.Kind, _ singular: String, _ plural: String) {
            if let n = counts[kind] { parts.append("\(n) \(n == 1 ? singular : plural)") }
        }
        add(.unexpectedMatch, "unexpected match", "unexpected matches")
        add(.missingMatch, "missing match", "missing matches")
        add(.count, "wrong match count", "wrong match counts")
        add(.selectsNothing, "expectation naming no sample", "expectations naming no sample")
        add(.unreadableSample, "unreadable sample", "unreadable samples")
        return parts.joined(separator: ", ")
    }
}

/// The outcome of one suite.
public struct SuiteTestResult: Sendable {
    public var suite: RuleSuite
    public var results: [InvestigationTestResult]
    /// When the suite started (local time, `YYYY-MM-DDTHH:MM:SS`, for JUnit).
    public var timestamp: String
    public var durationSeconds: Double

    public var passed: Int { results.filter { $0.status == .passed }.count }
    public var failed: Int { results.filter { $0.status == .failed }.count }
    public var errored: Int { results.filter { $0.status == .error }.count }
}

/// The outcome of `dragnet test`.
public struct RuleTestRun: Sendable {
    public var suites: [SuiteTestResult]
    /// Arguments that named no suite (printable lines).
    public var argumentErrors: [String]

    public init(suites: [SuiteTestResult], argumentErrors: [String]) {
        self.suites = suites
        self.argumentErrors = argumentErrors
    }

    public var results: [InvestigationTestResult] { suites.flatMap(\.results) }

    /// §11: 0 every investigation passed; 1 an expectation failed; 2 bad arguments, an invalid suite,
    /// investigation or expectation file (which wins over failures: the suite could not be checked).
    public var exitStatus: ExitStatus {
        if !argumentErrors.isEmpty || results.contains(where: { $0.status == .error }) || results.isEmpty { return .invalidInput }
        return results.contains { $0.status == .failed } ? .failure : .success
    }
}

/// Runs investigations over their samples and checks their expectations (§11).
public struct RuleTestRunner: Sendable {
    public var workers: Int
    public var toolVersion: String

    public init(workers: Int, toolVersion: String) {
        self.workers = max(1, workers)
        self.toolVersion = toolVersion
    }

    /// Discovers the suites of `arguments` and tests every investigation. `onResult` is called after
    /// each investigation (for streaming output).
    public func run(arguments: [String], onResult: ((RuleSuite, InvestigationTestResult) -> Void)? = nil) -> RuleTestRun {
        let (suites, errors) = SuiteDiscovery.discover(arguments)
        return RuleTestRun(suites: suites.map { run(suite: $0, onResult: onResult) }, argumentErrors: errors)
    }

    /// Tests every investigation of a suite.
    public func run(suite: RuleSuite, onResult: ((RuleSuite, InvestigationTestResult) -> Void)? = nil) -> SuiteTestResult {
        let start = Self.now()
        let timestamp = Self.localTimestamp()
        var catalogues: [String: SampleCatalogue] = [:]
        var results: [InvestigationTestResult] = []
        for file in suite.investigations {
            let result = test(file: file, suite: suite, catalogues: &catalogues)
            onResult?(suite, result)
            results.append(result)
        }
        return SuiteTestResult(suite: suite, results: results, timestamp: timestamp, durationSeconds: Self.now() - start)
    }

    /// Tests one investigation file.
    func test(file: String, suite: RuleSuite, catalogues: inout [String: SampleCatalogue]) -> InvestigationTestResult {
        let start = Self.now()
        var result = InvestigationTestResult(file: file, name: PathText.stem(file), status: .error)
        if !suite.errors.isEmpty {
            result.errors = suite.errors
            result.durationSeconds = Self.now() - start
            return result
        }
        let testCase: RuleTestCase
        switch RuleInvestigationFile.loadTestCase(path: file) {
        case .failure(let failure):
            result.errors = failure.errors
            result.warnings = failure.warnings
            result.durationSeconds = Self.now() - start
            return result
        case .success(let loaded):
            testCase = loaded
        }
        result.investigationName = testCase.investigation.name
        result.warnings = testCase.warnings
        let expectations = testCase.expectations
        // Samples: the expectations' own; else a samples/ folder beside an investigation kept in a
        // subfolder of the suite; else the suite's.
        let fileFolder = PathText.folder(of: file)
        let beside = PathText.join(fileFolder, RuleSuite.conventionalSamples)
        let samples = expectations.samples
            ?? (PathText.normalize(fileFolder) != PathText.normalize(suite.root) && PathText.exists(beside).isFolder ? [beside] : suite.samples)
        if samples.isEmpty {
            result.errors = ["\(file): error: [\(RuleTestCode.noSamples)] no samples: add a 'samples/' folder to the suite \(suite.root), 'samples:' to its suite.yaml, or 'samples:' to the expectations"]
            result.durationSeconds = Self.now() - start
            return result
        }
        for sample in samples where !PathText.exists(sample).exists {
            result.errors.append("\(expectations.path): error: [\(RuleTestCode.noSamples)] the samples path '\(sample)' does not exist")
        }
        if !result.errors.isEmpty {
            result.durationSeconds = Self.now() - start
            return result
        }
        let mailbox = expectations.mailbox ?? suite.mailbox
        let cacheKey = samples.joined(separator: "\u{0}") + "\u{1}" + (mailbox ?? "")
        let catalogue = catalogues[cacheKey] ?? SampleCatalogue(paths: samples, mailboxHint: mailbox)
        catalogues[cacheKey] = catalogue

        let runner = InvestigationRunner(investigation: testCase.investigation, workers: workers, mailboxHint: mailbox, includeSnippets: true)
        let (report, _) = runner.run(paths: samples, toolVersion: toolVersion, runOptions: ["mode": "test"])
        result.status = .passed
        check(&result, testCase: testCase, samples: samples, suite: suite, catalogue: catalogue, report: report)
        result.durationSeconds = Self.now() - start
        return result
    }

    /// Compares the report with the expectations and fills in counts and problems.
    func check(
        _ result: inout InvestigationTestResult, testCase: RuleTestCase, samples: [String], suite: RuleSuite,
        catalogue: SampleCatalogue, report: InvestigationReport
    ) {
        let expectations = testCase.expectations
        let explainer = MatchExplainer(investigation: testCase.investigation)
        let baseFolder = PathText.folder(of: expectations.path)
        func display(_ key: ItemKey) -> String { PathText.relative(key.path, to: suite.root) + key.fragment }
        func where_(_ s: ItemSelector) -> String {
            s.line > 0 ? "\(expectations.path):\(s.line):\(s.column)" : expectations.path
        }

        result.samplesRead = catalogue.items.count
        for line in catalogue.unreadable {
            result.problems.append(.init(kind: .unreadableSample, reasons: ["sample unreadable: \(line)"]))
        }
        var mustMatch: [ItemKey: ItemSelector] = [:]
        var mustNot: [ItemKey: ItemSelector] = [:]
        for (selectors, isMatch) in [(expectations.match, true), (expectations.noMatch, false)] {
            for selector in selectors {
                let selected = catalogue.select(selector, samplesFolders: samples, baseFolder: baseFolder)
                if selected.isEmpty {
                    result.problems.append(.init(kind: .selectsNothing, reasons: [
                        "expectation '\(selector.written)' (\(where_(selector))) names no sample item: \(Self.hint(selector, samples: samples, baseFolder: baseFolder, suiteRoot: suite.root))",
                    ]))
                }
                for entry in selected {
                    if isMatch { mustMatch[entry.key] = mustMatch[entry.key] ?? selector } else { mustNot[entry.key] = mustNot[entry.key] ?? selector }
                }
            }
        }
        let both = Set(mustMatch.keys).intersection(mustNot.keys).sorted()
        if !both.isEmpty {
            result.status = .error
            result.errors = both.map { key in
                "\(expectations.path): error: [\(RuleTestCode.conflict)] \(display(key)) is named both by match '\(mustMatch[key]!.written)' and by noMatch '\(mustNot[key]!.written)'"
            }
            return
        }

        var rows: [ItemKey: MatchRow] = [:]
        for row in report.matches { rows[ItemKey(row.source)] = row }
        let mailboxStatus = Dictionary(report.mailboxes.map { ($0.mailbox, $0.status) }, uniquingKeysWith: { a, _ in a })
        result.matches = report.matches.count
        var known = Set<ItemKey>()
        for entry in catalogue.items {
            known.insert(entry.key)
            let matched = rows[entry.key] != nil
            if mustMatch[entry.key] != nil {
                if matched {
                    result.expectedMatches += 1
                } else {
                    result.problems.append(.init(
                        kind: .missingMatch, item: display(entry.key),
                        reasons: explainer.whyNotMatched(entry.item, mailboxStatus: mailboxStatus[entry.item.mailbox])))
                }
            } else if mustNot[entry.key] != nil {
                if matched {
                    result.problems.append(.init(kind: .unexpectedMatch, item: display(entry.key), reasons: explainer.whyMatched(entry.item), note: "must not match"))
                } else {
                    result.lookAlikesClear += 1
                }
            } else if expectations.unlisted == .noMatch {
                if matched {
                    result.problems.append(.init(kind: .unexpectedMatch, item: display(entry.key), reasons: explainer.whyMatched(entry.item), note: "not listed in match"))
                } else {
                    result.othersClear += 1
                }
            }
        }
        // Matches the catalogue did not see (should not happen: both read the same samples).
        for row in report.matches where !known.contains(ItemKey(row.source)) && expectations.unlisted == .noMatch {
            let reasons = zip(row.matchedFilters, row.matchedFilterLabels).map { "\($0) (\($1)) held" }
            result.problems.append(.init(kind: .unexpectedMatch, item: display(ItemKey(row.source)), reasons: reasons, note: "not listed in match"))
        }
        if let count = expectations.count, count != report.matches.count {
            let listed = report.matches.map { display(ItemKey($0.source)) }
            result.problems.append(.init(kind: .count, reasons: [
                "expected exactly \(count) match\(count == 1 ? "" : "es"), got \(report.matches.count)" + (listed.isEmpty ? "" : ": \(listed.joined(separator: ", "))"),
            ]))
        }
        if !result.problems.isEmpty { result.status = .failed }
    }

    /// Where a selector looked, for "names no sample item".
    static func hint(_ selector: ItemSelector, samples: [String], baseFolder: String, suiteRoot: String) -> String {
        func fragmentNote(_ path: String) -> String {
            guard selector.fragment != nil else { return "" }
            return PathText.exists(path).exists ? " (the file exists, but no message of it is at that fragment)" : ""
        }
        switch selector.kind {
        case .messageId(let id):
            return "no sample has Message-ID <\(id)>"
        case .sample(let path):
            let full = samples.map { PathText.join($0, path) }
            return "nothing at \(full.joined(separator: " or "))" + (full.first.map(fragmentNote) ?? "")
        case .path(let path):
            let full = PathText.join(baseFolder, path)
            let inSamples = samples.contains { PathText.isWithin(full, $0) }
            return "nothing at \(full)" + fragmentNote(full) + (inSamples || PathText.exists(full).exists == false ? "" : " (outside the samples, so never scanned)")
        case .file(let path):
            let full = samples.map { PathText.join($0, path) } + [PathText.join(baseFolder, path)]
            return "nothing at \(full.joined(separator: " or "))" + fragmentNote(full[0])
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// `YYYY-MM-DDTHH:MM:SS` in local time (JUnit timestamps carry no zone).
    static func localTimestamp() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
