package import Investigation
package import MailModel
package import Ingest
package import Ledger
package import MIME
package import Outlook
private import Glibc

/// Runs investigations over an export with a state (§14): files read before and unchanged give their
/// stored outcomes, new and changed files are read (an append-only file from where it was read to),
/// and every investigation's report is folded from the outcomes in input order, so it is the report a
/// run without state writes. Several investigations share one read and parse of each item.
///
/// A file is recorded in the same transaction as its outcomes, so a process killed at any moment
/// leaves each file either as it was or wholly read; the next run reads what was not recorded.
package final class StatefulRun {
    package let investigations: [Investigation]
    package let ledger: Ledger
    package var workers: Int
    package var mailboxHint: String?
    package var includeSnippets: Bool
    package var options: ParserOptions
    /// Limits against archive bombs (they decide what is read of an archive).
    package var archiveLimits: ArchiveLimits = .default
    /// How PST/OST and `.msg` files are read (`--recovered`, limits).
    package var outlookOptions = OutlookReadOptions()
    /// For tests of crash safety: the process kills itself (SIGKILL) once this many items were
    /// evaluated, wherever the run is (inside a file, a transaction, a commit's batch).
    package var killAfterItems: Int?
    /// For tests of watches: a pause after each item evaluated, so that a round lasts.
    package var pausePerItem: Double = 0
    /// Sees the first investigation's outcomes as they are folded, in input order, with the walk step
    /// of the entry they belong to (`nil`: an event of the walk itself, or after it). For shards.
    package var onOutcome: ((Int?, Outcome) -> Void)?

    package init(
        investigations: [Investigation], ledger: Ledger, workers: Int, mailboxHint: String? = nil, includeSnippets: Bool = true,
        options: ParserOptions = .default
    ) {
        self.investigations = investigations
        self.ledger = ledger
        self.workers = workers
        self.mailboxHint = mailboxHint
        self.includeSnippets = includeSnippets
        self.options = options
    }

    /// What a watch adds to a run.
    package struct Watching {
        /// A match not emitted before: the investigation's index and the row (called in input order).
        package var onMatch: (Int, MatchRow) -> Void
        /// Asked before each event is read: stop the round here (the deadline passed, a signal came).
        package var shouldStop: () -> Bool
        /// Whether an incomplete end of a file that is still growing waits for a later round (see
        /// the README) instead of being reported as broken.
        package var defersIncompleteTails = true

        package init(onMatch: @escaping (Int, MatchRow) -> Void, shouldStop: @escaping () -> Bool, defersIncompleteTails: Bool = true) {
            self.onMatch = onMatch
            self.shouldStop = shouldStop
            self.defersIncompleteTails = defersIncompleteTails
        }
    }

    /// What a run did.
    package struct Result {
        /// Per investigation, in order: the report and the exit status (0, or 3 when some input could
        /// not be read).
        package var reports: [(InvestigationReport, ExitStatus)]
        /// Items read and evaluated, and items whose stored outcomes were reused.
        package var itemsEvaluated: Int
        package var itemsReused: Int
        /// Files recorded below the inputs that are gone, now forgotten.
        package var gone: [String]
        /// Matches emitted (a watch) or found in what was read.
        package var newMatches: Int
        /// False when a watch stopped the round before the end of the walk.
        package var isComplete: Bool
    }

    /// Runs over `paths` (through `scan` when the caller made it already). Throws when the state
    /// cannot be read or written.
    package func run(
        paths: [String], scan: ExportScan? = nil, toolVersion: String, runOptions: [String: String], watching: Watching? = nil
    ) throws(LedgerError) -> Result {
        let start = Self.now()
        let scan = scan ?? ExportScan(paths: paths, mailboxHint: mailboxHint, archiveLimits: archiveLimits, workers: workers, recordsWalk: true)
        scan.outlookOptions = outlookOptions
        let contexts = investigations.map { RunContext(investigation: $0, directory: scan.directory) }
        let settings = StateSettings(
            toolVersion: toolVersion, includeSnippets: includeSnippets, mailboxHint: mailboxHint, options: options,
            archiveLimits: archiveLimits, outlookOptions: outlookOptions, contextDigest: scan.contextFiles.map(StateSettings.contextDigest(files:)) ?? StateSettings.contextDigest(paths))
        let round = StatefulRound(
            run: self, scan: scan, contexts: contexts, paths: paths, watching: watching, settingsText: settings.text)
        let outcome: Result
        do {
            outcome = try ledger.session { session in
                try round.run(session: session)
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.unwritable, "\(error)", path: ledger.path)
        }
        if round.finishesApart {
            // Written while the caller folds and writes the reports; the next session waits for it.
            // The round is not used here again but for its folds, which its last transaction does not touch.
            nonisolated(unsafe) let round = round
            ledger.sessionInBackground { session in try round.finish(session: session) }
        }
        let duration = Self.now() - start
        let startTime = UTCTimestamp.iso8601(Int64(start))
        var result = outcome
        // The folds taken from the round, so that each moves its rows into its report.
        var folds = round.folds
        round.folds = []
        folds.reverse()
        while let fold = folds.popLast() {
            result.reports.append(fold.report(run: InvestigationReport.RunInfo(
                toolVersion: toolVersion, options: runOptions, startTime: startTime, inputs: paths, durationSeconds: duration,
                itemsEvaluated: outcome.itemsEvaluated, itemsReused: outcome.itemsReused, inputsGone: outcome.gone,
                statePath: ledger.path)))
        }
        return result
    }

    /// Seconds since the epoch.
    package static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
