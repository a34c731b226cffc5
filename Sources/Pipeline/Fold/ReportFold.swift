package import Investigation
package import MailModel
import Ingest

/// Folds the outcomes of a run, in input order, into its report (§9): the summary figures, the
/// per-mailbox counts, the match rows and the diagnostics. The report is a pure function of the
/// outcomes and their order, so outcomes read now, stored by an earlier run (`--state`) or made by
/// another process interleave into the same report.
///
/// Rules: a mailbox's status is the first thing said of it (`scanned` by its first item, or the
/// exclusion reason of its first excluded item); an unreadable input, or an error note on part of a
/// file, makes the run's exit status 3 and the mailbox holding it `unreadable` when nothing else was
/// said of it; mailboxes the scope names that the export holds no mail of are `not-in-export`.
/// Matches are sorted by mailbox, folder, date and source; diagnostics stay in input order.
package struct ReportFold: Sendable {
    package let investigation: Investigation
    private let scope: ScopeEvaluator
    /// For each lower-cased identity of a directory user, all of that user's (§3.2).
    private let aliases: [String: Set<String>]

    package private(set) var summary = InvestigationReport.Summary()
    private var perMailbox: [String: Tally] = [:]
    package private(set) var matches: [MatchRow] = []
    package private(set) var diagnostics: [Diagnostic] = []
    /// Whether an input (or part of one) could not be read: the exit status is then 3.
    package private(set) var lostInput = false
    private var unreadableMailboxes: Set<String> = []
    /// Items (messages read or excluded) folded so far.
    package private(set) var itemCount = 0

    private struct Tally: Sendable {
        var status: MailboxStatus
        var scanned = 0
        var matches = 0
    }

    package init(investigation: Investigation, scope: ScopeEvaluator, aliases: [String: Set<String>]) {
        self.investigation = investigation
        self.scope = scope
        self.aliases = aliases
    }

    /// Makes room for `count` more matches at once (a summary folded whole knows its items: grown
    /// row by row, thousands of large rows would be copied again at every doubling).
    package mutating func reserveMatches(_ count: Int) {
        matches.reserveCapacity(matches.count + count)
    }

    /// Adds the next outcome in input order.
    package mutating func add(_ outcome: consuming Outcome) {
        // Consumed: a match's row moves into `matches` (a copy would retain each of its fields).
        switch consume outcome {
        case .excluded(let mailbox, let reason):
            if perMailbox[mailbox] == nil { perMailbox[mailbox] = Tally(status: .notScanned(reason)) }
            itemCount += 1
        case .item(let item):
            add(item)
            itemCount += 1
        case .unreadable(let diagnostic):
            diagnostics.append(diagnostic)
            lostInput = true
            // A mailbox folder (or file) that could not be read at all is a mailbox not scanned.
            if let mailbox = ExportScan.mailbox(containing: diagnostic.location.path) { unreadableMailboxes.insert(mailbox) }
        case .note(let diagnostic):
            diagnostics.append(diagnostic)
            // Part of a file could not be read (invalid JSON skipped, an error page, a cut file).
            if diagnostic.losesInput {
                lostInput = true
                if let mailbox = ExportScan.mailbox(forPath: diagnostic.location.path) { unreadableMailboxes.insert(mailbox) }
            }
        }
    }

    /// Adds `items` of `mailbox`, next in input order: the same as adding each of them.
    package mutating func add(_ items: QuietItems, of mailbox: String) {
        guard items.count > 0 else { return }
        var entry = perMailbox[mailbox] ?? Tally(status: .scanned)
        entry.scanned += items.inScope
        summary.messagesScanned += items.inScope
        summary.messagesOutsideFolders += items.outsideFolders
        summary.messagesUndated += items.undated
        summary.messagesOutsideDateRange += items.outsideDateRange
        summary.messagesUnsearchable += items.unsearchable
        for (id, count) in items.unknownConditions { summary.unsearchableByFilter[id, default: 0] += count }
        perMailbox[mailbox] = entry
        itemCount += items.count
    }

    private mutating func add(_ item: consuming ItemOutcome) {
        var entry = perMailbox[item.mailbox] ?? Tally(status: .scanned)
        diagnostics += item.partial
        switch item.placement {
        case .outsideFolders: summary.messagesOutsideFolders += 1
        case .undated: summary.messagesUndated += 1
        case .outsideDateRange: summary.messagesOutsideDateRange += 1
        case .inScope:
            entry.scanned += 1
            summary.messagesScanned += 1
            if item.truth != nil {
                for id in item.unknownConditions { summary.unsearchableByFilter[id, default: 0] += 1 }
                if item.truth == .unknown { summary.messagesUnsearchable += 1 }
            }
            if let row = item.row.take() {
                entry.matches += 1
                summary.messagesMatched += 1
                summary.matchesByFolder[item.folder, default: 0] += 1
                for id in row.matchedFilters { summary.matchesByFilter[id, default: 0] += 1 }
                matches.append(row)
            }
        }
        perMailbox[item.mailbox] = entry
    }

    /// The report of the outcomes folded, with `run` (whose duration is also the summary's), and the
    /// exit status (§9: 0, or 3 when some input could not be read). Consuming: the rows move into
    /// the report in their order (copied, each of thousands would be retained field by field).
    package consuming func report(run: InvestigationReport.RunInfo) -> (InvestigationReport, ExitStatus) {
        var perMailbox = perMailbox
        for mailbox in unreadableMailboxes where perMailbox[mailbox] == nil {
            perMailbox[mailbox] = Tally(status: .notScanned(scope.exclusion(ofMailbox: mailbox) ?? .unreadable))
        }
        // A mailbox the investigation names that the export holds no mail of is not scanned either.
        let present = Set(perMailbox.keys.flatMap { aliases[$0] ?? [$0] })
        for listed in investigation.scope.mailboxes ?? [] {
            let name = listed.lowercased()
            if present.isDisjoint(with: aliases[name] ?? [name]) { perMailbox[name] = Tally(status: .notScanned(.notInExport)) }
        }
        let mailboxes = perMailbox.sorted { $0.key < $1.key }.map { name, entry in
            InvestigationReport.MailboxResult(mailbox: name, status: entry.status, messagesScanned: entry.scanned, matches: entry.matches)
        }
        var summary = summary
        summary.mailboxesScanned = mailboxes.filter { $0.status == .scanned }.count
        summary.mailboxesNotScanned = mailboxes.compactMap { mailbox in mailbox.status.notScannedReason.map { .init(mailbox: mailbox.mailbox, reason: $0) } }
        summary.mailboxesWithMatches = mailboxes.filter { $0.matches > 0 }.count
        summary.durationSeconds = run.durationSeconds
        let order = Self.sortedOrder(matches)
        var rows = matches
        matches = []
        Self.arrange(&rows, in: order)
        let report = InvestigationReport(
            investigation: investigation, summary: summary, mailboxes: mailboxes, matches: rows, diagnostics: diagnostics, run: run)
        return (report, .reading(lostInput: lostInput))
    }

    /// The indexes of `rows` in ``rowOrder(_:_:)``'s order. Indexes are sorted, not the rows (moving
    /// thousands of large rows costs more than comparing them), and mostly on integers: each row's
    /// mailbox and folder by their rank among the few distinct ones, so that most comparisons of the
    /// sort compare no text; rows equal in those and in date are compared whole.
    static func sortedOrder(_ rows: [MatchRow]) -> [Int] {
        func ranks(_ values: [String]) -> [Int] {
            var rank: [String: Int] = [:]
            for value in values { rank[value] = 0 }
            for (index, distinct) in rank.keys.sorted().enumerated() { rank[distinct] = index }
            return values.map { rank[$0]! }
        }
        // Fields read in place (a whole row passed on would be copied, a retain per field).
        let mailbox = ranks(rows.indices.map { rows[$0].mailbox })
        let folder = ranks(rows.indices.map { rows[$0].folder })
        let date = rows.indices.map { rows[$0].date ?? .min }
        return rows.indices.sorted { a, b in
            if mailbox[a] != mailbox[b] { return mailbox[a] < mailbox[b] }
            if folder[a] != folder[b] { return folder[a] < folder[b] }
            if date[a] != date[b] { return date[a] < date[b] }
            return rowOrder(rows, a, b)
        }
    }

    /// Puts `rows[order[i]]` at `i` for every `i`, in place, following each cycle of the permutation
    /// with swaps in the buffer (which move rows; `Array.swapAt` copied each, a retain per field).
    static func arrange(_ rows: inout [MatchRow], in order: [Int]) {
        var placed = [Bool](repeating: false, count: rows.count)
        rows.withUnsafeMutableBufferPointer { rows in
            for start in rows.indices where !placed[start] {
                // Along the cycle, the row first at `start` is carried to the place that wants it.
                var current = start
                while true {
                    placed[current] = true
                    let next = order[current]
                    if next == start { break }
                    rows.swapAt(current, next)
                    current = next
                }
            }
        }
    }

    /// ``rowOrder(_:_:)`` of `rows[a]` and `rows[b]`, reading the fields in place: passing whole rows
    /// would copy each (a retain per field) at every comparison of the sort.
    static func rowOrder(_ rows: [MatchRow], _ a: Int, _ b: Int) -> Bool {
        if rows[a].mailbox != rows[b].mailbox { return rows[a].mailbox < rows[b].mailbox }
        if rows[a].folder != rows[b].folder { return rows[a].folder < rows[b].folder }
        if (rows[a].date ?? .min) != (rows[b].date ?? .min) { return (rows[a].date ?? .min) < (rows[b].date ?? .min) }
        if rows[a].source.path != rows[b].source.path { return rows[a].source.path < rows[b].source.path }
        if (rows[a].source.index ?? 0) != (rows[b].source.index ?? 0) { return (rows[a].source.index ?? 0) < (rows[b].source.index ?? 0) }
        if (rows[a].source.line ?? 0) != (rows[b].source.line ?? 0) { return (rows[a].source.line ?? 0) < (rows[b].source.line ?? 0) }
        return (rows[a].source.pointer ?? "") < (rows[b].source.pointer ?? "")
    }

    /// Matches in a deterministic order: mailbox, folder, date, source.
    package static func rowOrder(_ a: MatchRow, _ b: MatchRow) -> Bool {
        if a.mailbox != b.mailbox { return a.mailbox < b.mailbox }
        if a.folder != b.folder { return a.folder < b.folder }
        if (a.date ?? .min) != (b.date ?? .min) { return (a.date ?? .min) < (b.date ?? .min) }
        if a.source.path != b.source.path { return a.source.path < b.source.path }
        if (a.source.index ?? 0) != (b.source.index ?? 0) { return (a.source.index ?? 0) < (b.source.index ?? 0) }
        if (a.source.line ?? 0) != (b.source.line ?? 0) { return (a.source.line ?? 0) < (b.source.line ?? 0) }
        return (a.source.pointer ?? "") < (b.source.pointer ?? "")
    }
}
