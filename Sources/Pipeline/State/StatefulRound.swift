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
    /// The producer's view of the entry being read: how it was planned.
    var openStart: EntryStart?
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
        scan.entryFinished = { [unowned self] entry, checkpoint in
            self.entryOpen = false
            let start = self.openStart
            self.openStart = nil
            self.push(.work(.end(EndRequest(
                entry: entry, checkpoint: checkpoint, isRecording: start.map { $0.plan != .skip } ?? false, knownDigest: start?.digest))))
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
                        return .stored((0..<count).map { row in records.map { $0[row] } }, path: openStart?.entry.path)
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
            guard let step = scan.nextStep() else {
                if pendingHead < pending.count { continue }
                return nil
            }
            if case .event(let event) = step { push(.work(.event(event, entry: entryOpen ? openStart?.entry.path : nil))) }
        }
    }

    // MARK: Working (on the workers)

    static func perform(_ work: Work, evaluation: SharedEvaluation, records: OutcomeRecord) -> Done {
        switch work {
        case .event(let event, let entry):
            let outcomes = evaluation.outcomes(event)
            return .fresh(outcomes, records: entry.map { path in outcomes.map { records.encode($0, in: path) } } ?? [], inEntry: entry != nil)
        case .stored(let rows, let path):
            do {
                return .stored(try rows.map { row in try row.map { try records.decode($0, in: path) } })
            } catch {
                return .corrupt("a stored outcome record cannot be read (\(error))")
            }
        case .start(let start):
            return .start(start)
        case .end(let request):
            return .end(measure(request))
        }
    }

    /// What the state records of an entry read now, measured on a worker once it was read: its
    /// identity then, and its digest (of the bytes around the checkpoint for an append-only file).
    static func measure(_ request: EndRequest) -> EntryEnd {
        var end = EntryEnd(checkpoint: request.checkpoint)
        guard request.isRecording else { return end }
        let path = request.entry.path
        if request.entry.isMaildir {
            let listing = FileDigest.maildir(path)
            end.identity = listing?.identity
            end.digest = listing?.digest
        } else {
            end.identity = FileIdentity.of(path)
            if let checkpoint = request.checkpoint, checkpoint.eventsBefore > 0, let identity = end.identity {
                end.digest = FileDigest.around(path, checkpoint: checkpoint.offset, readEnd: Int(identity.size))
            } else {
                end.digest = request.knownDigest ?? FileDigest.whole(path)
            }
        }
        return end
    }
}

/// What the producer hands to the workers.
enum Work: Sendable {
    /// An event of the scan, and the entry it belongs to (nil: it comes from the walk itself).
    case event(ExportEvent, entry: String?)
    /// Stored outcome records of an entry: per row, one per investigation.
    case stored([[[UInt8]]], path: String?)
    case start(EntryStart)
    case end(EndRequest)

    var weight: Int {
        switch self {
        case .event(.message(let found), _): found.weight
        case .stored(let rows, _): rows.count * 512
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
    case end(EntryEnd)
}

/// The end of an entry, to be measured by a worker.
struct EndRequest: Sendable {
    var entry: ExportEntry
    var checkpoint: EntryCheckpoint?
    /// Whether the entry was read now (else its stored outcomes were used).
    var isRecording: Bool
    /// Its digest when the planning computed it already (a file read whole, compared by content).
    var knownDigest: [UInt8]?
}

/// The end of an entry: where it could be read on from, and, for an entry read now, its identity
/// and digest once it was read.
struct EntryEnd: Sendable {
    var checkpoint: EntryCheckpoint?
    var identity: FileIdentity?
    var digest: [UInt8]?
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
