public import Investigation
import JSONOutput

/// The default report (§9): one JSON document with the keys `investigation`, `summary`, `mailboxes`,
/// `matches`, `diagnostics` and `run`, in that order, laid out with two-space indentation and ending
/// with a newline.
///
/// Deterministic: keys in a fixed order, dictionaries in natural key order (`f2` before `f10`),
/// durations with three decimals, dates as ISO 8601 UTC. Two renders of the same report are
/// byte-identical; two runs over the same inputs differ only in `run.startTime`,
/// `run.durationSeconds` and `summary.durationSeconds`.
public struct JSONReportWriter: ReportWriter {
    public init() {}

    public var format: ReportFormat { .json }

    public func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8] {
        var json = ReportJSON()
        json.writer.beginObject()
        json.writer.key("investigation")
        json.investigation(report.investigation)
        json.writer.key("summary")
        json.writer.beginObject()
        json.summaryFields(report)
        json.writer.endObject()
        json.writer.key("mailboxes")
        json.mailboxes(report.mailboxes)
        json.writer.key("matches")
        json.writer.beginArray()
        for row in report.matches { json.match(row, in: report, options: options) }
        json.writer.endArray()
        json.writer.key("diagnostics")
        json.diagnostics(report.diagnostics)
        json.writer.key("run")
        json.run(report.run)
        json.writer.endObject()
        var out = ReportJSON.pretty(json.finished())
        out.append(0x0A)
        return out
    }
}
