import Investigation
import JSONOutput
import MailModel

/// The JSON fragments the JSON and JSON Lines writers share, written through ``JSONWriter`` with keys
/// in a fixed order and dictionaries in natural key order.
struct ReportJSON {
    var writer: JSONWriter
    /// Where ``document(_:campaigns:options:includingRows:)`` wrote the `matches` array's `[`.
    private(set) var matchesOffset: Int?

    /// Compact JSON.
    init() { writer = JSONWriter(capacity: 16 * 1024) }

    /// Pretty JSON (see ``JSONWriter/init(capacity:prettyDepth:scalarArraysOnOneLine:)``), every line after
    /// the first indented `depth` levels.
    init(prettyDepth depth: Int, capacity: Int = 16 * 1024) {
        writer = JSONWriter(capacity: capacity, prettyDepth: depth)
    }

    /// A number with the fixed number of decimals of durations (`1.250`).
    mutating func fixed(_ value: Double) {
        writer.number(raw: ReportFormatting.fixed(value))
    }

    // Keys are constant ASCII: written by ``JSONWriter/key(ascii:)``, without the escape scan.

    mutating func field(_ name: StaticString, fixed value: Double) {
        writer.key(ascii: name)
        fixed(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool?) {
        writer.key(ascii: name)
        if let value { writer.bool(value) } else { writer.null() }
    }

    mutating func field(_ name: StaticString, _ value: String?) { writer.field(ascii: name, value) }
    mutating func field(_ name: StaticString, _ value: Int) { writer.field(ascii: name, value) }

    mutating func field(_ name: StaticString, strings: [String]) {
        writer.key(ascii: name)
        field(strings: strings)
    }

    /// `{"key": n, ...}` in natural key order.
    mutating func field(_ name: StaticString, counts: [String: Int]) {
        writer.key(ascii: name)
        writer.beginObject()
        for (key, value) in ReportFormatting.sorted(counts) { writer.field(key, value) }
        writer.endObject()
    }

    /// A date as ISO 8601 UTC (``ReportFormatting/iso8601(_:)``), written in place; `null` when absent.
    mutating func field(_ name: StaticString, date: Int64?) {
        writer.key(ascii: name)
        guard let date else { writer.null(); return }
        UTCTimestamp.withISO8601(date) { writer.string(unescaped: $0) }
    }

    /// The bytes written.
    func finished() -> [UInt8] { writer.bytes }

    /// The whole report document, compact; `matches` is empty unless `includingRows`.
    mutating func document(_ report: InvestigationReport, campaigns: CampaignIndex, options: ReportOptions, includingRows: Bool) {
        writer.beginObject()
        writer.key(ascii: "investigation")
        investigation(report.investigation)
        writer.key(ascii: "summary")
        writer.beginObject()
        summaryFields(report)
        writer.endObject()
        writer.key(ascii: "mailboxes")
        mailboxes(report.mailboxes)
        writer.key(ascii: "campaigns")
        self.campaigns(campaigns.campaigns)
        writer.key(ascii: "matches")
        matchesOffset = writer.byteCount
        writer.beginArray()
        if includingRows {
            for (index, row) in report.matches.enumerated() {
                match(row, in: report, campaign: campaigns.campaign(ofMatch: index), options: options)
            }
        }
        writer.endArray()
        writer.key(ascii: "diagnostics")
        diagnostics(report.diagnostics)
        writer.key(ascii: "run")
        run(report.run)
        writer.endObject()
    }

    // MARK: investigation

    /// The normalized investigation (§5) with its file's path and SHA-256.
    mutating func investigation(_ inv: Investigation) {
        writer.beginObject()
        field("name", inv.name)
        field("description", inv.description)
        field("path", inv.path)
        field("sha256", inv.fileSHA256)
        writer.key(ascii: "scope")
        scope(inv.scope)
        field("match", inv.match.rawValue)
        writer.key(ascii: "filters")
        writer.beginArray()
        for node in inv.filters { filter(node) }
        writer.endArray()
        writer.key(ascii: "action")
        writer.beginObject()
        field("type", inv.action.kind.rawValue)
        field("message", inv.action.message)
        field("plannedAction", inv.action.planned)
        writer.endObject()
        writer.endObject()
    }

    private mutating func scope(_ scope: Scope) {
        writer.beginObject()
        if let mailboxes = scope.mailboxes { field("mailboxes", strings: mailboxes) } else { field("mailboxes", "all") }
        field("groups", strings: scope.groups)
        field("authorizedDomains", strings: scope.authorizedDomains)
        writer.key(ascii: "dateRange")
        if let range = scope.dateRange {
            writer.beginObject()
            field("from", range.fromText)
            field("to", range.toText)
            field("start", date: range.from)
            field("endExclusive", date: range.until)
            writer.endObject()
        } else {
            writer.null()
        }
        if let folders = scope.folders { field("folders", strings: folders) } else { field("folders", "all") }
        writer.endObject()
    }

    /// A filter node: `{"type": "condition", "id", "label", "field", "op", "values", "caseSensitive",
    /// "headerName", "line", "column"}` or `{"type": "all" | "any" | "not", "filters": [...]}`.
    mutating func filter(_ node: FilterNode) {
        writer.beginObject()
        switch node {
        case .condition(let c):
            field("type", "condition")
            field("id", c.id)
            field("label", c.label)
            field("field", c.field.rawValue)
            field("op", c.op.rawValue)
            writer.key(ascii: "values")
            writer.beginArray()
            for value in c.values {
                switch value {
                case .text(let s): writer.string(s)
                case .size(let min, let max):
                    writer.beginObject()
                    writer.key(ascii: "min")
                    if let min { writer.int(min) } else { writer.null() }
                    writer.key(ascii: "max")
                    if let max { writer.int(max) } else { writer.null() }
                    writer.endObject()
                }
            }
            writer.endArray()
            field("caseSensitive", c.caseSensitive)
            field("headerName", c.headerName)
            field("line", c.location.line)
            field("column", c.location.column)
        case .all(let nodes), .any(let nodes):
            if case .all = node { field("type", "all") } else { field("type", "any") }
            writer.key(ascii: "filters")
            writer.beginArray()
            for child in nodes { filter(child) }
            writer.endArray()
        case .not(let child):
            field("type", "not")
            writer.key(ascii: "filters")
            writer.beginArray()
            filter(child)
            writer.endArray()
        }
        writer.endObject()
    }

    // MARK: summary

    /// The summary's keys, written into the object that is open (the JSON document's `summary`, or the
    /// JSON Lines summary line).
    mutating func summaryFields(_ report: InvestigationReport) {
        let s = report.summary
        field("mailboxesScanned", s.mailboxesScanned)
        writer.key(ascii: "mailboxesNotScanned")
        writer.beginArray()
        for entry in s.mailboxesNotScanned {
            writer.beginObject()
            field("mailbox", entry.mailbox)
            field("reason", entry.reason.rawValue)
            writer.endObject()
        }
        writer.endArray()
        field("mailboxesWithMatches", s.mailboxesWithMatches)
        field("messagesScanned", s.messagesScanned)
        field("messagesMatched", s.messagesMatched)
        field("messagesUndated", s.messagesUndated)
        field("messagesOutsideDateRange", s.messagesOutsideDateRange)
        field("messagesOutsideFolders", s.messagesOutsideFolders)
        field("messagesUnsearchable", s.messagesUnsearchable)
        field("unsearchableByFilter", counts: report.completed(s.unsearchableByFilter))
        field("matchesByFolder", counts: s.matchesByFolder)
        field("matchesByFilter", counts: report.completed(s.matchesByFilter))
        field("durationSeconds", fixed: s.durationSeconds)
    }

    mutating func mailboxes(_ mailboxes: [InvestigationReport.MailboxResult]) {
        writer.beginArray()
        for m in mailboxes {
            writer.beginObject()
            field("mailbox", m.mailbox)
            field("status", m.status.rawValue)
            field("messagesScanned", m.messagesScanned)
            field("matches", m.matches)
            writer.endObject()
        }
        writer.endArray()
    }

    // MARK: campaigns

    /// `[{"id", "basis", "key", "subject", "from", "messages", "mailboxes", "firstSeen", "lastSeen",
    /// "read", "unread", "readUnknown", "matchIndexes"}]` (§15).
    mutating func campaigns(_ campaigns: [Campaign]) {
        writer.beginArray()
        for c in campaigns {
            writer.beginObject()
            field("id", c.id)
            field("basis", c.basis.rawValue)
            field("key", c.key)
            field("subject", c.subject)
            field("from", c.from)
            field("messages", c.messages)
            field("mailboxes", strings: c.mailboxes)
            field("firstSeen", date: c.firstSeen)
            field("lastSeen", date: c.lastSeen)
            field("read", c.read)
            field("unread", c.unread)
            field("readUnknown", c.readUnknown)
            writer.key(ascii: "matchIndexes")
            writer.beginArray()
            for index in c.matchIndexes { writer.int(index) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }

    // MARK: matches

    /// One match row (§9). With `type`, the object starts with `"type": "match"` (JSON Lines).
    mutating func match(_ row: MatchRow, in report: InvestigationReport, campaign: String?, options: ReportOptions, type: Bool = false) {
        writer.beginObject()
        if type { field("type", "match") }
        field("mailbox", row.mailbox)
        if let part = row.mailboxPart { field("mailboxPart", part) }
        field("folder", row.folder)
        if !row.labels.isEmpty { field("labels", strings: row.labels) }
        writer.key(ascii: "source")
        source(row.source)
        field("messageId", row.messageID)
        field("date", date: row.date)
        field("from", row.from)
        field("senderName", row.senderName)
        field("to", strings: row.to)
        field("subject", row.subject)
        field("hasAttachments", row.hasAttachments)
        field("attachments", strings: row.attachmentNames)
        writer.key(ascii: "matchedFilters")
        writer.beginArray()
        for index in row.matchedFilters.indices {
            writer.beginObject()
            field("id", row.matchedFilters[index])
            field("label", row.filterLabel(at: index, in: report))
            writer.endObject()
        }
        writer.endArray()
        writer.key(ascii: "evidence")
        writer.beginArray()
        for e in row.evidence {
            writer.beginObject()
            field("filter", e.filter)
            field("field", e.field)
            field("path", e.path)
            if options.includeSnippets { field("snippet", e.snippet) }
            writer.endObject()
        }
        writer.endArray()
        field("plannedAction", row.plannedAction)
        field("warningMessage", row.warningMessage)
        field("caveats", strings: row.caveats)
        field("isRead", row.isRead)
        field("receivedDate", date: row.receivedDate)
        field("graphId", row.graphID)
        writer.key(ascii: "categories")
        if let categories = row.categories { field(strings: categories) } else { writer.null() }
        field("campaign", campaign)
        writer.endObject()
    }

    /// An array of strings (the value of a key already written).
    mutating func field(strings: [String]) {
        writer.beginArray()
        for s in strings { writer.string(s) }
        writer.endArray()
    }

    /// `{"format", "path"}` then whichever of `index`, `offset`, `pointer`, `line`, `folder`,
    /// `descriptor`, `recovered` the source has.
    mutating func source(_ source: MessageSource) {
        writer.beginObject()
        field("format", source.format)
        field("path", source.path)
        if let index = source.index { field("index", index) }
        if let offset = source.offset { field("offset", offset) }
        if let pointer = source.pointer { field("pointer", pointer) }
        if let line = source.line { field("line", line) }
        if let folder = source.folder { field("folder", folder) }
        if let descriptor = source.descriptor { field("descriptor", descriptor) }
        if source.recovered { field("recovered", Optional(true)) }
        writer.endObject()
    }

    // MARK: diagnostics and run

    mutating func diagnostics(_ diagnostics: [Diagnostic]) {
        writer.beginArray()
        for d in diagnostics {
            writer.beginObject()
            field("path", d.location.path)
            field("code", d.code.rawValue)
            field("severity", d.severity.rawValue)
            field("message", d.message)
            writer.key(ascii: "location")
            writer.beginObject()
            if let offset = d.location.byteOffset { field("byteOffset", offset) }
            if let line = d.location.line { field("line", line) }
            if let column = d.location.column { field("column", column) }
            if let part = d.location.partPath { field("partPath", part) }
            if let pointer = d.location.pointer { field("pointer", pointer) }
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
    }

    mutating func run(_ run: InvestigationReport.RunInfo) {
        writer.beginObject()
        field("toolVersion", run.toolVersion)
        writer.key(ascii: "options")
        writer.beginObject()
        for (key, value) in ReportFormatting.sorted(run.options) { writer.field(key, value) }
        writer.endObject()
        field("startTime", run.startTime)
        field("inputs", strings: run.inputs)
        field("inputCount", run.inputs.count)
        field("itemsEvaluated", run.itemsEvaluated)
        field("itemsReused", run.itemsReused)
        if !run.inputsGone.isEmpty { field("inputsGone", strings: run.inputsGone) }
        field("durationSeconds", fixed: run.durationSeconds)
        writer.endObject()
    }
}
