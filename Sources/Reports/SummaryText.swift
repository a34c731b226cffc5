public import Investigation
import MailModel

/// A few lines for the terminal when the report goes to a file: the figures, the found users, and
/// where the report was written. Values are made terminal-safe (control characters, escape
/// sequences and bidi overrides shown, never sent to the terminal).
///
/// ```
/// Investigation: Invoice lure, November
///   Planned action: would-warn ("This email is a known phishing attempt.")
///   Mailboxes: 3 scanned, 2 not scanned (1 not-authorized, 1 out-of-scope), 2 with matches
///   Messages: 1,200 scanned, 3 matched, 4 undated, 2 outside the date range, 0 outside the folders, 6 unsearchable
///   Unsearchable per filter: f3 6
///   Found users (2):
///     alice@contoso.com  2 matches
///     bob@contoso.com    1 match
///   Diagnostics: 2 (1 error, 1 warning)
///   Report: out/report.html
///   Duration: 1.234 s
/// ```
public enum SummaryText {
    /// How many found users are listed before "and N more".
    public static let maxFoundUsersListed = 20

    /// The summary, ending with a newline. `reportPath` is where the report was written, if it was.
    public static func render(_ report: InvestigationReport, reportPath: String? = nil) -> String {
        let s = report.summary
        let t = TerminalText.escaped
        var lines: [String] = []
        lines.append("Investigation: \(t(report.investigation.name))")

        var action = report.investigation.action.planned
        if let message = report.investigation.action.message, !message.isEmpty { action += " (\"\(t(message))\")" }
        lines.append("  Planned action: \(action)")

        var mailboxes = "\(ReportFormatting.grouped(s.mailboxesScanned)) scanned, \(ReportFormatting.grouped(s.mailboxesNotScanned.count)) not scanned"
        if !s.mailboxesNotScanned.isEmpty {
            var reasons: [String: Int] = [:]
            for entry in s.mailboxesNotScanned { reasons[entry.reason.rawValue, default: 0] += 1 }
            mailboxes += " (" + ReportFormatting.sorted(reasons).map { "\(ReportFormatting.grouped($0.value)) \(t($0.key))" }.joined(separator: ", ") + ")"
        }
        mailboxes += ", \(ReportFormatting.grouped(s.mailboxesWithMatches)) with matches"
        lines.append("  Mailboxes: " + mailboxes)

        lines.append(
            "  Messages: \(ReportFormatting.grouped(s.messagesScanned)) scanned, \(ReportFormatting.grouped(s.messagesMatched)) matched, "
                + "\(ReportFormatting.grouped(s.messagesUndated)) undated, \(ReportFormatting.grouped(s.messagesOutsideDateRange)) outside the date range, "
                + "\(ReportFormatting.grouped(s.messagesOutsideFolders)) outside the folders, \(ReportFormatting.grouped(s.messagesUnsearchable)) unsearchable")

        let unsearchable = report.filterFigures.filter { $0.unsearchable > 0 }
        if !unsearchable.isEmpty {
            lines.append("  Unsearchable per filter: " + unsearchable.map { "\(t($0.id)) \(ReportFormatting.grouped($0.unsearchable))" }.joined(separator: ", "))
        }

        let found = report.foundUsers
        if found.isEmpty {
            lines.append("  Found users: none")
        } else {
            lines.append("  Found users (\(ReportFormatting.grouped(found.count))):")
            let listed = found.prefix(maxFoundUsersListed).map { (name: t($0.mailbox), matches: $0.matches) }
            let width = min(48, listed.map(\.name.count).max() ?? 0)
            for user in listed {
                let padding = String(repeating: " ", count: max(0, width - user.name.count))
                lines.append("    \(user.name)\(padding)  \(ReportFormatting.count(user.matches, "match", "matches"))")
            }
            if found.count > listed.count {
                lines.append("    … and \(ReportFormatting.grouped(found.count - listed.count)) more (see the report)")
            }
        }

        let diagnostics = report.diagnostics
        if diagnostics.isEmpty {
            lines.append("  Diagnostics: none")
        } else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            let notes = diagnostics.count - errors - warnings
            var parts: [String] = []
            if errors > 0 { parts.append(ReportFormatting.count(errors, "error", "errors")) }
            if warnings > 0 { parts.append(ReportFormatting.count(warnings, "warning", "warnings")) }
            if notes > 0 { parts.append(ReportFormatting.count(notes, "note", "notes")) }
            lines.append("  Diagnostics: \(ReportFormatting.grouped(diagnostics.count)) (\(parts.joined(separator: ", ")))")
        }

        if let state = report.run.statePath {
            var line = "  State: \(t(state)): \(ReportFormatting.grouped(report.run.itemsEvaluated)) evaluated, "
                + "\(ReportFormatting.grouped(report.run.itemsReused)) reused"
            if !report.run.inputsGone.isEmpty { line += ", " + ReportFormatting.count(report.run.inputsGone.count, "input gone", "inputs gone") }
            lines.append(line)
        }
        if let reportPath { lines.append("  Report: \(t(reportPath))") }
        lines.append("  Duration: \(ReportFormatting.fixed(s.durationSeconds)) s")
        return lines.joined(separator: "\n") + "\n"
    }
}
