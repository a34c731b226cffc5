public import Investigation

/// Options every report writer understands.
public struct ReportOptions: Sendable, Hashable {
    /// Whether evidence snippets (text around a hit) are written. `--no-snippets` sets this to `false`:
    /// the evidence then says which filter held on which field and part, and nothing of the text.
    public var includeSnippets: Bool
    /// The report goes to a terminal: text formats (CSV) show control characters from the evidence
    /// as visible marks instead of passing them through.
    public var forTerminal: Bool

    public init(includeSnippets: Bool = true, forTerminal: Bool = false) {
        self.includeSnippets = includeSnippets
        self.forTerminal = forTerminal
    }
}

/// Renders an ``InvestigationReport`` in one format. Writers are pure: the same report and options
/// give byte-identical output (§9, §12), apart from the `run` timing fields the report carries.
public protocol ReportWriter: Sendable {
    /// The format this writer produces.
    var format: ReportFormat { get }
    /// The whole report as UTF-8 bytes, ready to be written to a file or stdout.
    func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8]
}

extension ReportWriter {
    /// The report with the default options.
    public func render(_ report: InvestigationReport) -> [UInt8] { render(report, options: ReportOptions()) }

    /// The report as a `String` (the bytes are always valid UTF-8).
    public func renderString(_ report: InvestigationReport, options: ReportOptions = ReportOptions()) -> String {
        String(decoding: render(report, options: options), as: UTF8.self)
    }
}

/// The report formats of `dragnet investigate --format` (§9).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case json, jsonl, csv, html, sarif

    /// The writer for this format.
    public var writer: any ReportWriter {
        switch self {
        case .json: JSONReportWriter()
        case .jsonl: JSONLinesReportWriter()
        case .csv: CSVReportWriter()
        case .html: HTMLReportWriter()
        case .sarif: SARIFReportWriter()
        }
    }

    /// The usual file name extension (without the dot).
    public var fileExtension: String { rawValue }

    /// The media type, with its charset.
    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .jsonl: "application/jsonl"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .html: "text/html; charset=utf-8"
        case .sarif: "application/sarif+json"
        }
    }
}
