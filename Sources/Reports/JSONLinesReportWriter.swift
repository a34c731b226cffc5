public import Investigation
import JSONOutput
import MailModel

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
        out.append(contentsOf: Self.summaryLine(report, campaigns: campaigns.campaigns))
        return out
    }

    /// The last line: `{"type":"summary", ...}`.
    static func summaryLine(_ report: InvestigationReport, campaigns: [Campaign]) -> [UInt8] {
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
        json.campaigns(campaigns)
        json.writer.key("diagnostics")
        json.diagnostics(report.diagnostics)
        json.writer.key("run")
        json.run(report.run)
        json.writer.endObject()
        json.writer.newline()
        return json.finished()
    }
}

/// JSON Lines written while the run lasts (§9: "one match per line, written as soon as it is
/// decided, in input order"): ``line(for:)`` gives each match's line as the run decides it, in the
/// order the inputs are walked; ``summary(_:)`` the last line once the run is over.
///
/// The lines are those of ``JSONLinesReportWriter`` but for two things a stream cannot know early: a
/// match line has no `campaign` (campaigns group all matches), and the summary's
/// `campaigns[].matchIndexes` count the match lines as written (0 is the first line).
public struct JSONLinesStream: Sendable {
    private let context: InvestigationReport
    private let options: ReportOptions
    /// Line number of each match written, by its source.
    private var lineOfSource: [MessageSource: Int] = [:]
    private var written = 0

    /// `investigation` gives the filter labels of the lines.
    public init(investigation: Investigation, options: ReportOptions) {
        context = InvestigationReport(
            investigation: investigation, summary: .init(), mailboxes: [], matches: [], diagnostics: [],
            run: .init(toolVersion: "", options: [:], startTime: "", inputs: [], durationSeconds: 0))
        self.options = options
    }

    /// The line of a match just decided.
    public mutating func line(for row: MatchRow) -> [UInt8] {
        lineOfSource[row.source] = written
        written += 1
        var line = ReportJSON()
        line.match(row, in: context, campaign: nil, options: options, type: true)
        line.writer.newline()
        return line.finished()
    }

    /// The summary line of the finished `report` (whose matches are those streamed, sorted).
    public func summary(_ report: InvestigationReport) -> [UInt8] {
        var campaigns = CampaignIndex(report).campaigns
        for c in campaigns.indices {
            campaigns[c].matchIndexes = campaigns[c].matchIndexes.map { index in
                index < report.matches.count ? lineOfSource[report.matches[index].source] ?? index : index
            }.sorted()
        }
        return JSONLinesReportWriter.summaryLine(report, campaigns: campaigns)
    }
}
