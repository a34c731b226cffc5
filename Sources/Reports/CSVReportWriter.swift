public import Investigation
import MailModel

/// The match rows as CSV (RFC 4180; §9): the online product's columns first, provenance after.
///
/// - Lines end with CRLF (the last one too); the first line is the header.
/// - A field holding a comma, a quote, CR or LF is quoted, with quotes doubled.
/// - Safe against formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a `'`
///   in front, so a spreadsheet shows it as text instead of evaluating it.
/// - Lists (To, attachments, filters, caveats, evidence) are joined with `; `.
/// - NUL, which many CSV readers reject, is written as U+FFFD; every other character is kept
///   (a file keeps the evidence's bytes: RFC 4180 allows any character in a quoted field).
/// - With ``ReportOptions/forTerminal`` (standard output is a terminal), no control character from
///   the evidence reaches the terminal: cells go through ``TerminalText/escaped(_:)`` (ESC becomes
///   `␛`, a line break `␊`, a bidi override `[U+202E]`), so the only line breaks are the records'.
public struct CSVReportWriter: ReportWriter {
    public init() {}

    public var format: ReportFormat { .csv }

    /// The header row.
    public static let columns = [
        // The online product's result columns.
        "Owner", "From", "To", "Sender Name", "Subject", "Attachment", "Source", "Filter", "Status",
        // Provenance.
        "Folder", "Date", "Message-ID", "Format", "Path", "Location", "Attachment Names", "Filter IDs",
        "Planned Action", "Warning", "Caveats", "Evidence", "Is Read", "Campaign",
    ]

    public func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8] {
        var out = ""
        append(Self.columns, to: &out)
        let campaigns = CampaignIndex(report)
        for (index, row) in report.matches.enumerated() {
            let filters = row.filters(in: report)
            append([
                row.mailbox,
                row.from ?? "",
                row.to.joined(separator: "; "),
                row.senderName ?? "",
                row.subject ?? "",
                row.hasAttachments ? "Yes" : "No",
                ReportFormatting.sourceLabel(row.source.format),
                filters.map { $0.label ?? $0.id }.joined(separator: "; "),
                ReportFormatting.statusLabel(row.plannedAction),
                row.folder,
                row.date.map(ReportFormatting.iso8601) ?? "",
                row.messageID ?? "",
                row.source.format,
                row.source.path,
                ReportFormatting.location(row.source),
                row.attachmentNames.joined(separator: "; "),
                filters.map(\.id).joined(separator: "; "),
                row.plannedAction,
                row.warningMessage ?? "",
                row.caveats.joined(separator: "; "),
                row.evidence.map { ReportFormatting.evidenceLine($0, includeSnippet: options.includeSnippets) }.joined(separator: "; "),
                row.isRead.map { $0 ? "Yes" : "No" } ?? "",
                campaigns.campaign(ofMatch: index) ?? "",
            ], to: &out, forTerminal: options.forTerminal)
        }
        return Array(out.utf8)
    }

    private func append(_ cells: [String], to out: inout String, forTerminal: Bool = false) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(",") }
            out.append(Self.field(forTerminal ? TerminalText.escaped(cell) : cell))
        }
        out.append("\r\n")
    }

    /// One cell, neutralised against formula injection and quoted when RFC 4180 requires it.
    static func field(_ value: String) -> String {
        var cell = value.contains("\u{0}") ? value.replacingNUL() : value
        if let first = cell.unicodeScalars.first, formulaTriggers.contains(first) { cell = "'" + cell }
        guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return cell }
        var quoted = "\""
        for scalar in cell.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        quoted.append("\"")
        return quoted
    }

    /// First characters a spreadsheet may read as the start of a formula.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}

extension String {
    fileprivate func replacingNUL() -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars { out.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar) }
        return String(out)
    }
}
