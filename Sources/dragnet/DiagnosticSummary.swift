import MailModel

/// The end-of-run summary on stderr of what was not read cleanly, by code, with counts and what it
/// means for the result; codes that can hide a match first (their facts come from each code's
/// catalogue: ``DiagnosticCode/isPartlyRead`` and ``DiagnosticCode/severity``, never from a list here):
///
/// ```
/// dragnet: 3 diagnostics (the report lists each; --verbose prints them here):
///   html.limit-reached: 1 message only partly read — matches may be missed
///   input.unreadable: 2 inputs not read, wholly or in part — matches may be missed
/// ```
///
/// Notes (irregular but fully read) are left out; `--verbose` prints every diagnostic instead.
enum DiagnosticSummary {
    static func text(_ diagnostics: [Diagnostic]) -> String? {
        let counted = diagnostics.filter { $0.severity != .note }
        guard !counted.isEmpty else { return nil }
        var byCode: [DiagnosticCode: (count: Int, severity: Diagnostic.Severity)] = [:]
        for d in counted {
            let entry = byCode[d.code] ?? (0, d.severity)
            byCode[d.code] = (entry.count + 1, max(entry.severity, d.severity))
        }
        let ordered = byCode.sorted { a, b in
            let (ra, rb) = (rank(a.key, a.value.severity), rank(b.key, b.value.severity))
            return ra != rb ? ra < rb : a.key < b.key
        }
        var lines = ["dragnet: \(counted.count) diagnostic\(counted.count == 1 ? "" : "s") (the report lists each; --verbose prints them here):"]
        for (code, entry) in ordered {
            lines.append("  \(code): \(phrase(code, count: entry.count, severity: entry.severity))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What `count` diagnostics of `code` mean, in words.
    static func phrase(_ code: DiagnosticCode, count: Int, severity: Diagnostic.Severity) -> String {
        let s = count == 1 ? "" : "s"
        if code.isPartlyRead { return "\(count) message\(s) only partly read — matches may be missed" }
        if severity == .error { return "\(count) input\(s) not read, wholly or in part — matches may be missed" }
        return "\(count) read in a degraded way"
    }

    /// Those that can hide a match first.
    private static func rank(_ code: DiagnosticCode, _ severity: Diagnostic.Severity) -> Int {
        if code.isPartlyRead || severity == .error { return 0 }
        return 1
    }
}
