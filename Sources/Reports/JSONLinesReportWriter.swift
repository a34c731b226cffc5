public import Investigation
import JSONOutput

/// JSON Lines (§9): one line per match (`{"type": "match", ...}`, the same object as in the JSON
/// report's `matches`), then one summary line:
///
/// ```
/// {"type":"summary","investigation":{"name","path","sha256","plannedAction"},<the summary keys>,
///  "mailboxes":[...],"campaigns":[...],"diagnostics":[...],"run":{...}}
/// ```
///
/// Every line is compact JSON ending with `\n`; a consumer can stream the matches and read the
/// figures from the last line.
public struct JSONLinesReportWriter: ReportWriter {
    public init() {}

    public var format: ReportFormat { .jsonl }

    public func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8] {
        // A fresh writer per line: one writer separates top-level values with commas.
        var out: [UInt8] = []
        let campaigns = CampaignIndex(report)
        for (index, row) in report.matches.enumerated() {
            var line = ReportJSON()
            line.match(row, in: report, campaign: campaigns.campaign(ofMatch: index), options: options, type: true)
            line.writer.newline()
            out.append(contentsOf: line.finished())
        }
        var json = ReportJSON()
        json.writer.beginObject()
        json.field("type", "summary")
        json.writer.key("investigation")
        json.writer.beginObject()
        json.field("name", report.investigation.name)
        json.field("path", report.investigation.path)
        json.field("sha256", report.investigation.fileSHA256)
        json.field("plannedAction", report.investigation.action.planned)
        json.writer.endObject()
        json.summaryFields(report)
        json.writer.key("mailboxes")
        json.mailboxes(report.mailboxes)
        json.writer.key("campaigns")
        json.campaigns(campaigns.campaigns)
        json.writer.key("diagnostics")
        json.diagnostics(report.diagnostics)
        json.writer.key("run")
        json.run(report.run)
        json.writer.endObject()
        json.writer.newline()
        out.append(contentsOf: json.finished())
        return out
    }
}
