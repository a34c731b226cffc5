public import Investigation
public import MailModel
import Ingest
import Ledger

/// One stateful run in progress (``StatefulRun``): the scan feeds work to the workers on the calling
/// thread (planning each entry against the state), the workers evaluate fresh events and decode stored
/// records, and the results come back in input order to be folded and recorded.
final class StatefulRound {
    let run: StatefulRun
    let scan: ExportScan
    let contexts: [RunContext]
    let paths: [String]
    let watching: StatefulRun.Watching?
    let settingsText: String
    /// The investigations' keys in the state: their files' SHA-256.
    let keys: [String]
    var folds: [ReportFold]

    // The producer's side (the thread that calls `scan.next()`).
    var session: LedgerSession!
    var pending: [Pending] = []
    var pendingHead = 0
    var entryOpen = false
    var seenPaths: Set<String> = []
    var stopped = false
    /// What went wrong with the state; the run ends at once.
    var failure: LedgerError?

    // The consumer's side.
    var current: OpenEntry?
    var itemsEvaluated = 0
    var itemsReused = 0
    var newMatches = 0
    var writesSinceCommit = 0
    var lastCommit = StatefulRun.now()

    /// Work waiting to be handed to the workers, in input order.
    enum Pending {
        case work(Work)
        /// Stored records of a file still to fetch: per investigation its file row, from and to.
        case stored(files: [Int64], from: Int, to: Int)
    }

    init(run: StatefulRun, scan: ExportScan, contexts: [RunContext], paths: [String], watching: StatefulRun.Watching?, settingsText: String) {
        self.run = run
        self.scan = scan
        self.contexts = contexts
        self.paths = paths
        self.watching = watching
        self.settingsText = settingsText
        keys = contexts.map { Self.key(of: $0.investigation) }
        folds = contexts.map { $0.fold() }
    }

    /// The state's key of an investigation: its file's SHA-256.
    static func key(of investigation: Investigation) -> String { investigation.fileSHA256 }

    func run(session: LedgerSession) throws -> StatefulRun.Result {
        self.session = session
        let time = UTCTimestamp.iso8601(Int64(StatefulRun.now()))
        for (key, context) in zip(keys, contexts) {
            try session.prepareInvestigation(key: key, name: context.investigation.name, settings: settingsText, time: time)
        }
        scan.planEntry = { [unowned self] entry in self.plan(entry) }
        scan.entryFinished = { [unowned self] _, checkpoint in
            self.entryOpen = false
            self.push(.work(.end(checkpoint)))
        }
        let contents = contexts.map { ItemContent(readBy: $0.investigation) }
        let contextsForWorkers = contexts
        let options = run.options
        let snippets = run.includeSnippets
        OrderedParallelMap<Work, Done>(workers: run.workers).run(
            next: { [unowned self] in self.nextWork() },
            weight: { work in work.weight },
            makeTransform: {
                let evaluation = SharedEvaluation(contexts: contextsForWorkers, contents: contents, options: options, snippets: snippets)
                let records = OutcomeRecord()
                return { work in Self.perform(work, evaluation: evaluation, records: records) }
            },
            consume: { [unowned self] _, done in self.consume(done) })
        scan.planEntry = nil
        scan.entryFinished = nil
        if let failure { throw failure }
        let complete = !stopped
        if current != nil { try abandonCurrent() }
        var gone: [String] = []
        if complete { gone = try forgetGoneFiles() }
        if session.isInTransaction { try session.commit() }
        return StatefulRun.Result(
            reports: [], itemsEvaluated: itemsEvaluated, itemsReused: itemsReused, gone: gone, newMatches: newMatches, isComplete: complete)
    }

    // MARK: Producing

    func push(_ item: Pending) { pending.append(item) }

    /// The next work in input order: queued markers and stored records first, then the scan's next event.
    func nextWork() -> Work? {
        while true {
            if failure != nil { return nil }
            if pendingHead < pending.count {
                let item = pending[pendingHead]
                pendingHead += 1
                if pendingHead == pending.count {
                    pending.removeAll(keepingCapacity: true)
                    pendingHead = 0
                }
                switch item {
                case .work(let work): return work
                case .stored(let files, let from, let to):
                    let count = min(256, to - from)
                    if from + count < to { pending.insert(.stored(files: files, from: from + count, to: to), at: pendingHead) }
                    do throws(LedgerError) {
                        var records: [[[UInt8]]] = []
                        for file in files { records.append(try session.outcomes(file: file, from: from, limit: count)) }
                        guard records.allSatisfy({ $0.count == count }) else {
                            failure = LedgerError(.corrupt, "has fewer outcome records than its files say", path: run.ledger.path)
                            return nil
                        }
                        return .stored((0..<count).map { row in records.map { $0[row] } })
                    } catch {
                        failure = error
                        return nil
                    }
                }
            }
            if stopped { return nil }
            if let watching, watching.shouldStop() {
                stopped = true
                return nil
            }
            guard let event = scan.next() else {
                if pendingHead < pending.count { continue }
                return nil
            }
            push(.work(.event(event, inEntry: entryOpen)))
        }
    }

    // MARK: Working (on the workers)

    static func perform(_ work: Work, evaluation: SharedEvaluation, records: OutcomeRecord) -> Done {
        switch work {
        case .event(let event, let inEntry):
            let outcomes = evaluation.outcomes(event)
            return .fresh(outcomes, records: inEntry ? outcomes.map(records.encode) : [], inEntry: inEntry)
        case .stored(let rows):
            do {
                return .stored(try rows.map { row in try row.map(records.decode) })
            } catch {
                return .corrupt("a stored outcome record cannot be read (\(error))")
            }
        case .start(let start):
            return .start(start)
        case .end(let checkpoint):
            return .end(checkpoint)
        }
    }
}

/// What the producer hands to the workers.
enum Work: Sendable {
    /// An event of the scan, and whether it belongs to an entry (else it comes from the walk itself).
    case event(ExportEvent, inEntry: Bool)
    /// Stored outcome records: per row, one per investigation.
    case stored([[[UInt8]]])
    case start(EntryStart)
    case end(EntryCheckpoint?)

    var weight: Int {
        switch self {
        case .event(.message(let found), _): found.weight
        case .stored(let rows): rows.count * 512
        default: 1
        }
    }
}

/// What comes back from the workers, in input order.
enum Done: Sendable {
    /// One outcome per investigation, and their records (for an event of an entry).
    case fresh([Outcome], records: [[UInt8]], inEntry: Bool)
    /// Stored outcomes: per row, one per investigation.
    case stored([[Outcome]])
    case corrupt(String)
    case start(EntryStart)
    case end(EntryCheckpoint?)
}

/// How an entry is read this time, decided before it is opened.
struct EntryStart: Sendable {
    var entry: ExportEntry
    var plan: EntryPlan
    /// The file's identity when planned (nil: it could not be examined; the scan says why).
    var identity: FileIdentity?
    /// Its digest when already computed (a file read whole that was hashed to compare, a Maildir).
    var digest: [UInt8]?
    /// Per investigation, the file as the state recorded it.
    var files: [LedgerFile?]
    /// For a skipped file whose identity changed but whose content did not: record the new identity.
    var refreshesIdentity = false
    /// A watch: the incomplete end of this file did not grow since the last round; report it as it is.
    var isSettled = false
}
