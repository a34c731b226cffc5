public import Investigation
import MailModel

/// One self-contained HTML file (§9) a person reads in a browser or prints: inline CSS, no scripts,
/// nothing loaded from anywhere (a Content-Security-Policy of `default-src 'none'` makes sure), light
/// and dark colour schemes, a print layout.
///
/// Sections: the investigation (name, description, planned action, run time, scope, file and its
/// SHA-256), summary cards, campaigns (each one's spread: mailboxes reached, copies, read and unread,
/// first and last seen), found users, matches per folder, filters (the expression, and matches
/// and unsearchable messages per filter), the matches (the online product's columns, with evidence
/// and provenance under each row), mailboxes not scanned, diagnostics, and the run.
///
/// Every value from mail, from the investigation file or from the command line goes through
/// ``TextSafety/html(_:lineBreaks:markup:)``: markup is escaped, control and invisible formatting
/// characters are shown as markers. No value is ever put in a URL; nothing is a link.
public struct HTMLReportWriter: ReportWriter {
    public init() {}

    public var format: ReportFormat { .html }

    public func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8] {
        var page = HTMLPage(report: report, options: options)
        page.document()
        return Array(page.out.utf8)
    }
}

/// Builds the HTML report as text.
private struct HTMLPage {
    let report: InvestigationReport
    let options: ReportOptions
    var out = ""

    let campaignIndex: CampaignIndex

    init(report: InvestigationReport, options: ReportOptions) {
        self.report = report
        self.options = options
        campaignIndex = CampaignIndex(report)
        out.reserveCapacity(32 * 1024 + report.matches.count * 2048)
    }

    /// Escaped text.
    func e(_ text: String) -> String { TextSafety.html(text) }

    /// An escaped address with a break opportunity after `@`, so narrow columns wrap it there.
    func addr(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return eOrDash(nil) }
        var out = ""
        for c in e(text) {
            out.append(c)
            if c == "@" { out += "<wbr>" }
        }
        return out
    }

    /// Escaped text, or a muted dash when there is none.
    func eOrDash(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "<span class=\"muted\">—</span>" }
        return e(text)
    }

    mutating func line(_ s: String) {
        out += s
        out += "\n"
    }

    mutating func document() {
        let inv = report.investigation
        line("<!DOCTYPE html>")
        line("<html lang=\"en\">")
        line("<head>")
        line("<meta charset=\"utf-8\">")
        line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">")
        line("<meta name=\"referrer\" content=\"no-referrer\">")
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        line("<meta name=\"color-scheme\" content=\"light dark\">")
        line("<meta name=\"generator\" content=\"Dragnet \(e(report.run.toolVersion))\">")
        line("<title>\(TextSafety.html(inv.name, markup: false)) — Dragnet report</title>")
        line("<style>")
        line(HTMLStyle.css)
        line("</style>")
        line("</head>")
        line("<body>")
        line("<div class=\"page\">")
        header()
        line("<main>")
        cards()
        campaigns()
        line("<div class=\"columns\">")
        foundUsers()
        folders()
        line("</div>")
        filters()
        matches()
        notScanned()
        diagnostics()
        line("</main>")
        footer()
        line("</div>")
        line("</body>")
        line("</html>")
    }

    // MARK: header

    mutating func header() {
        let inv = report.investigation
        line("<header class=\"report-head\">")
        line("<p class=\"eyebrow\">Dragnet investigation report</p>")
        line("<h1>\(e(inv.name))</h1>")
        if let description = inv.description, !description.isEmpty {
            line("<p class=\"description\">\(TextSafety.html(description, lineBreaks: true))</p>")
        }
        line("<dl class=\"meta\">")
        var action = actionBadge(inv.action.planned)
        if let message = inv.action.message, !message.isEmpty { action += " “\(e(message))”" }
        meta("Planned action", action)
        meta("Run started", "<span class=\"mono\">\(eOrDash(report.run.startTime))</span> · \(e(ReportFormatting.fixed(report.run.durationSeconds))) s")
        meta("Mailboxes", scopeMailboxes(inv.scope))
        meta("Date range (sending date)", dateRange(inv.scope.dateRange))
        meta("Folders", inv.scope.folders.map { $0.isEmpty ? "none" : $0.map(e).joined(separator: ", ") } ?? "all folders")
        meta("Investigation file", "<span class=\"mono\">\(eOrDash(inv.path))</span>")
        meta("File SHA-256", "<span class=\"mono\">\(eOrDash(inv.fileSHA256))</span>")
        line("</dl>")
        line("</header>")
    }

    mutating func meta(_ term: String, _ html: String) {
        line("<div><dt>\(term)</dt><dd>\(html)</dd></div>")
    }

    func actionBadge(_ planned: String) -> String {
        let tone = switch planned {
        case "would-warn": "action-warn"
        case "would-move-to-trash": "action-trash"
        case "would-delete": "action-delete"
        default: "action-none"
        }
        return "<span class=\"action \(tone)\">\(e(ReportFormatting.statusLabel(planned)))</span>"
    }

    func scopeMailboxes(_ scope: Scope) -> String {
        var parts: [String] = []
        if let mailboxes = scope.mailboxes {
            parts.append(mailboxes.isEmpty ? "none listed" : mailboxes.map { "<span class=\"mono\">\(e($0))</span>" }.joined(separator: ", "))
        } else {
            parts.append("all mailboxes")
        }
        if !scope.groups.isEmpty { parts.append("groups " + scope.groups.map(e).joined(separator: ", ")) }
        if !scope.authorizedDomains.isEmpty {
            parts.append("authorized domains " + scope.authorizedDomains.map { "<span class=\"mono\">\(e($0))</span>" }.joined(separator: ", "))
        }
        return parts.joined(separator: " · ")
    }

    func dateRange(_ range: DateRange?) -> String {
        guard let range else { return "any date" }
        let from = range.from.map { "from <span class=\"mono\">\(ReportFormatting.iso8601($0))</span>" } ?? "from the beginning"
        let until = range.until.map { " until <span class=\"mono\">\(ReportFormatting.iso8601($0))</span> (exclusive)" } ?? " on"
        var written: [String] = []
        if let f = range.fromText { written.append("from " + e(f)) }
        if let t = range.toText { written.append("to " + e(t)) }
        let asWritten = written.isEmpty ? "" : " <span class=\"muted\">(written: \(written.joined(separator: " ")))</span>"
        return from + until + asWritten
    }

    // MARK: figures

    mutating func cards() {
        let s = report.summary
        line("<section class=\"cards\" aria-label=\"Summary\">")
        card(s.mailboxesScanned, "Mailboxes scanned")
        card(s.mailboxesNotScanned.count, "Mailboxes not scanned", tone: s.mailboxesNotScanned.isEmpty ? nil : "warn")
        card(s.mailboxesWithMatches, "Mailboxes with matches", tone: s.mailboxesWithMatches > 0 ? "accent" : nil)
        card(s.messagesScanned, "Messages scanned")
        card(s.messagesMatched, "Messages matched", tone: s.messagesMatched > 0 ? "accent" : nil)
        card(s.messagesUndated, "Undated messages", tone: s.messagesUndated > 0 ? "warn" : nil)
        card(s.messagesUnsearchable, "Unsearchable messages", tone: s.messagesUnsearchable > 0 ? "warn" : nil)
        card(s.messagesOutsideDateRange, "Outside the date range")
        card(s.messagesOutsideFolders, "Outside the folders")
        card(report.diagnostics.count, "Diagnostics", tone: report.diagnostics.contains { $0.severity == .error } ? "warn" : nil)
        line("</section>")
    }

    mutating func card(_ value: Int, _ caption: String, tone: String? = nil) {
        let cls = tone.map { "card \($0)" } ?? "card"
        line("<div class=\"\(cls)\"><span class=\"figure\">\(ReportFormatting.grouped(value))</span><span class=\"caption\">\(caption)</span></div>")
    }

    mutating func sectionHeading(_ title: String, count: Int? = nil) {
        line("<h2>\(title)" + (count.map { " <span class=\"count\">(\(ReportFormatting.grouped($0)))</span>" } ?? "") + "</h2>")
    }

    /// Each campaign's spread before the rows: mailboxes reached, copies, read and unread, first and
    /// last seen (§15).
    mutating func campaigns() {
        let campaigns = campaignIndex.campaigns
        line("<section id=\"campaigns\">")
        sectionHeading("Campaigns", count: campaigns.count)
        if campaigns.isEmpty {
            line("<p class=\"empty\">No matches, so no campaigns.</p>")
            line("</section>")
            return
        }
        line("<ul class=\"spread\">")
        for c in campaigns {
            line("<li><span class=\"fid\">\(e(c.id))</span> \(spreadSentence(c))</li>")
        }
        line("</ul>")
        line("<div class=\"table-wrap\"><table>")
        line("<thead><tr><th>Campaign</th><th>Subject and sender</th><th class=\"num\">Copies</th><th class=\"num\">Mailboxes</th><th class=\"num\">Read</th><th class=\"num\">Unread</th><th class=\"num\">Unknown</th><th>First seen</th><th>Last seen</th><th>Matches</th></tr></thead>")
        line("<tbody>")
        for c in campaigns {
            let numbers = c.matchIndexes.map { "#\($0 + 1)" }.joined(separator: " ")
            line("<tr><td><span class=\"fid\">\(e(c.id))</span></td><td class=\"subject\">\(eOrDash(c.subject))<br><span class=\"muted addr\">\(addr(c.from))</span><br><span class=\"muted mono\">\(e(c.key))</span></td><td class=\"num\">\(ReportFormatting.grouped(c.messages))</td><td class=\"num\">\(ReportFormatting.grouped(c.mailboxes.count))</td><td class=\"num\">\(ReportFormatting.grouped(c.read))</td><td class=\"num\">\(ReportFormatting.grouped(c.unread))</td><td class=\"num\">\(ReportFormatting.grouped(c.readUnknown))</td><td class=\"date\">\(seen(c.firstSeen))</td><td class=\"date\">\(seen(c.lastSeen))</td><td>\(numbers)</td></tr>")
        }
        line("</tbody></table></div>")
        line("</section>")
    }

    /// "reached 7 mailboxes with 7 copies; 2 already read, 2 unread, 3 unknown".
    func spreadSentence(_ c: Campaign) -> String {
        let mailboxes = c.mailboxes.count == 1 ? "1 mailbox" : "\(ReportFormatting.grouped(c.mailboxes.count)) mailboxes"
        let copies = c.messages == 1 ? "1 copy" : "\(ReportFormatting.grouped(c.messages)) copies"
        var states = ["<strong>\(ReportFormatting.grouped(c.read)) already read</strong>", "\(ReportFormatting.grouped(c.unread)) unread"]
        if c.readUnknown > 0 { states.append("\(ReportFormatting.grouped(c.readUnknown)) of unknown read state") }
        return "reached <strong>\(mailboxes)</strong> with \(copies); \(states.joined(separator: ", ")) — \(eOrDash(c.subject))"
    }

    func seen(_ date: Int64?) -> String {
        date.map { "<span class=\"mono\">\(ReportFormatting.iso8601($0))</span>" } ?? "<span class=\"muted\">undated</span>"
    }

    mutating func foundUsers() {
        let found = report.foundUsers
        line("<section id=\"found-users\">")
        sectionHeading("Found users", count: found.count)
        if found.isEmpty {
            line("<p class=\"empty\">No mailbox had a match.</p>")
        } else {
            line("<div class=\"table-wrap\"><table>")
            line("<thead><tr><th>Mailbox</th><th class=\"num\">Messages scanned</th><th class=\"num\">Matches</th></tr></thead>")
            line("<tbody>")
            for m in found {
                line("<tr><td class=\"mono\">\(addr(m.mailbox))</td><td class=\"num\">\(ReportFormatting.grouped(m.messagesScanned))</td><td class=\"num\">\(ReportFormatting.grouped(m.matches))</td></tr>")
            }
            line("</tbody></table></div>")
        }
        line("</section>")
    }

    mutating func folders() {
        let folders = ReportFormatting.sorted(report.summary.matchesByFolder)
        line("<section id=\"folders\">")
        sectionHeading("Matches per folder", count: folders.count)
        if folders.isEmpty {
            line("<p class=\"empty\">No matches.</p>")
        } else {
            line("<div class=\"table-wrap\"><table>")
            line("<thead><tr><th>Folder</th><th class=\"num\">Matches</th></tr></thead>")
            line("<tbody>")
            for (folder, count) in folders {
                line("<tr><td>\(e(folder))</td><td class=\"num\">\(ReportFormatting.grouped(count))</td></tr>")
            }
            line("</tbody></table></div>")
        }
        line("</section>")
    }

    mutating func filters() {
        let inv = report.investigation
        line("<section id=\"filters\">")
        sectionHeading("Filters")
        line("<p class=\"expression\">Match <strong>\(inv.match == .all ? "all" : "any")</strong> of: <code>\(e(expression(inv.filters)))</code></p>")
        let rows = report.filterFigures
        if rows.isEmpty {
            line("<p class=\"empty\">The investigation has no filters.</p>")
        } else {
            line("<div class=\"table-wrap\"><table>")
            line("<thead><tr><th>Id</th><th>Filter</th><th>Line</th><th class=\"num\">Matches</th><th class=\"num\">Unsearchable</th></tr></thead>")
            line("<tbody>")
            let lines = Dictionary(inv.conditions.map { ($0.id, $0.location.line) }, uniquingKeysWith: { a, _ in a })
            for row in rows {
                let lineNumber = lines[row.id].flatMap { $0 > 0 ? String($0) : nil } ?? ""
                let unsearchable = row.unsearchable > 0
                    ? "<span class=\"badge\">\(ReportFormatting.grouped(row.unsearchable))</span>" : "0"
                line("<tr><td><span class=\"fid\">\(e(row.id))</span></td><td>\(eOrDash(row.label))</td><td class=\"num\">\(lineNumber)</td><td class=\"num\">\(ReportFormatting.grouped(row.matches))</td><td class=\"num\">\(unsearchable)</td></tr>")
            }
            line("</tbody></table></div>")
        }
        line("</section>")
    }

    /// The filter expression in one line: `f1, f2, all(f3, not(f4))`.
    func expression(_ nodes: [FilterNode]) -> String {
        nodes.map { node in
            switch node {
            case .condition(let c): c.id
            case .all(let children): "all(\(expression(children)))"
            case .any(let children): "any(\(expression(children)))"
            case .not(let child): "not(\(expression([child])))"
            }
        }.joined(separator: ", ")
    }

    // MARK: matches

    mutating func matches() {
        line("<section id=\"matches\">")
        sectionHeading("Matches", count: report.matches.count)
        if report.matches.isEmpty {
            line("<p class=\"empty\">No message matched.</p>")
            line("</section>")
            return
        }
        line("<div class=\"table-wrap\"><table class=\"matches\">")
        line("<thead><tr><th class=\"num\">#</th><th>Owner</th><th>From</th><th>Sender Name</th><th>To</th><th>Subject</th><th>Attachment</th><th>Folder</th><th>Date</th><th>Filters</th><th>Status</th></tr></thead>")
        for (i, row) in report.matches.enumerated() {
            match(row, number: i + 1)
        }
        line("</table></div>")
        line("</section>")
    }

    mutating func match(_ row: MatchRow, number: Int) {
        let filters = row.filters(in: report)
        line("<tbody class=\"match\">")
        line("<tr>")
        line("<td class=\"num\">\(number)</td>")
        let part = row.mailboxPart.map { "<br><span class=\"muted\">(\(e($0)))</span>" } ?? ""
        line("<td class=\"addr\">\(addr(row.mailbox))\(part)</td>")
        line("<td class=\"addr\">\(addr(row.from))</td>")
        line("<td>\(eOrDash(row.senderName))</td>")
        line("<td class=\"addr\">\(row.to.isEmpty ? eOrDash(nil) : row.to.map { addr($0) }.joined(separator: ",<br>"))</td>")
        line("<td class=\"subject\">\(eOrDash(row.subject))</td>")
        let attachment: String
        if !row.attachmentNames.isEmpty {
            attachment = "<span class=\"file\">" + row.attachmentNames.map(e).joined(separator: "<br>") + "</span>"
        } else {
            attachment = row.hasAttachments ? "Yes" : "<span class=\"muted\">No</span>"
        }
        line("<td class=\"file-cell\">\(attachment)</td>")
        let labelText = row.labels.isEmpty ? "" : "<br><span class=\"muted\">" + row.labels.map(e).joined(separator: ", ") + "</span>"
        line("<td>\(e(row.folder))\(labelText)</td>")
        // A break is allowed between the day and the time only.
        let date = row.date.map(ReportFormatting.readableDate).map { text -> String in
            let parts = text.split(separator: " ", maxSplits: 1)
            return "\(parts[0]) <span class=\"nowrap\">\(parts.count > 1 ? parts[1] : "")</span>"
        }
        line("<td class=\"date\">\(date ?? "<span class=\"muted\">undated</span>")</td>")
        line("<td>\(filters.map { "<span class=\"fid\">\(e($0.id))</span>" }.joined(separator: " "))</td>")
        let caveats = row.caveats.map { "<span class=\"badge\">\(e(ReportFormatting.caveatLabel($0)))</span>" }.joined(separator: " ")
        line("<td>\(actionBadge(row.plannedAction))\(caveats.isEmpty ? "" : "<br>" + caveats)</td>")
        line("</tr>")
        line("<tr class=\"detail\"><td></td><td colspan=\"10\"><div class=\"detail-grid\">")
        // Evidence: which filter held where, and (unless --no-snippets) the text around the hit.
        line("<ul class=\"evidence\">")
        let labels = Dictionary(filters.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        if row.evidence.isEmpty {
            line("<li class=\"muted\">No evidence recorded.</li>")
        }
        for evidence in row.evidence {
            let label = (labels[evidence.filter] ?? nil) ?? report.label(ofFilter: evidence.filter)
            var item = "<li><span class=\"fid\">\(e(evidence.filter))</span> "
            if let label { item += e(label) + " " }
            item += "<span class=\"where\">in \(e(evidence.field))"
            if let path = evidence.path, !path.isEmpty { item += " · at <span class=\"mono\">\(e(path))</span>" }
            item += "</span>"
            if options.includeSnippets && !evidence.snippet.isEmpty {
                item += "<span class=\"snippet\">\(TextSafety.html(evidence.snippet, lineBreaks: true))</span>"
            }
            line(item + "</li>")
        }
        line("</ul>")
        // Provenance.
        line("<dl class=\"provenance\">")
        if let campaign = campaignIndex.campaign(ofMatch: number - 1) {
            line("<dt>Campaign</dt><dd><span class=\"fid\">\(e(campaign))</span></dd>")
        }
        line("<dt>Message-ID</dt><dd class=\"mono\">\(eOrDash(row.messageID))</dd>")
        line("<dt>Source</dt><dd>\(e(ReportFormatting.sourceLabel(row.source.format)))</dd>")
        line("<dt>Path</dt><dd class=\"mono\">\(eOrDash(row.source.path))</dd>")
        let location = ReportFormatting.location(row.source)
        if !location.isEmpty { line("<dt>Location</dt><dd class=\"mono\">\(e(location))</dd>") }
        // The warning is in the header; a row shows it only when it differs.
        if let warning = row.warningMessage, !warning.isEmpty, warning != report.investigation.action.message {
            line("<dt>Warning</dt><dd>\(e(warning))</dd>")
        }
        if let isRead = row.isRead { line("<dt>Read</dt><dd>\(isRead ? "yes" : "no")</dd>") }
        line("</dl>")
        line("</div></td></tr>")
        line("</tbody>")
    }

    // MARK: what could not be scanned or read

    mutating func notScanned() {
        let entries = report.summary.mailboxesNotScanned
        line("<section id=\"not-scanned\">")
        sectionHeading("Mailboxes not scanned", count: entries.count)
        if entries.isEmpty {
            line("<p class=\"empty\">Every mailbox found was scanned.</p>")
        } else {
            line("<div class=\"table-wrap\"><table>")
            line("<thead><tr><th>Mailbox</th><th>Reason</th></tr></thead>")
            line("<tbody>")
            for entry in entries {
                line("<tr><td class=\"mono\">\(addr(entry.mailbox))</td><td>\(e(ReportFormatting.reasonLabel(.notScanned(entry.reason))))</td></tr>")
            }
            line("</tbody></table></div>")
        }
        line("</section>")
    }

    mutating func diagnostics() {
        let diagnostics = report.diagnostics
        line("<section id=\"diagnostics\">")
        sectionHeading("Diagnostics", count: diagnostics.count)
        if diagnostics.isEmpty {
            line("<p class=\"empty\">Every input was read completely.</p>")
        } else {
            line("<div class=\"table-wrap\"><table>")
            line("<thead><tr><th>Severity</th><th>Code</th><th>Path</th><th>Location</th><th>Message</th></tr></thead>")
            line("<tbody>")
            for d in diagnostics {
                let severity = "<span class=\"sev sev-\(d.severity.rawValue)\">\(d.severity.rawValue)</span>"
                let location = ReportFormatting.location(d.location)
                line("<tr><td>\(severity)</td><td class=\"mono\">\(e(d.code.rawValue))</td><td class=\"mono\">\(eOrDash(d.location.path))</td><td class=\"mono\">\(location.isEmpty ? "" : e(location))</td><td>\(e(d.message))</td></tr>")
            }
            line("</tbody></table></div>")
        }
        line("</section>")
    }

    // MARK: run

    mutating func footer() {
        let run = report.run
        line("<footer>")
        line("<h2>Run</h2>")
        line("<dl class=\"meta\">")
        meta("Tool", "Dragnet <span class=\"mono\">\(e(run.toolVersion))</span>")
        meta("Started", "<span class=\"mono\">\(eOrDash(run.startTime))</span>")
        meta("Duration", "\(e(ReportFormatting.fixed(run.durationSeconds))) s")
        let options = ReportFormatting.sorted(run.options)
        meta("Options", options.isEmpty ? "none" : options.map { "<span class=\"mono\">\(e($0.key))=\(e($0.value))</span>" }.joined(separator: "<br>"))
        meta("Inputs (\(run.inputs.count))", run.inputs.isEmpty ? "none" : run.inputs.map { "<span class=\"mono\">\(e($0))</span>" }.joined(separator: "<br>"))
        meta("Evidence snippets", self.options.includeSnippets ? "shown" : "left out (--no-snippets)")
        line("</dl>")
        line("<p>Written offline by Dragnet. This file loads nothing and runs no script; Dragnet changed nothing in the export.</p>")
        line("</footer>")
    }
}
