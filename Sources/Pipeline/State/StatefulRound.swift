import Investigation
import MailModel
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
    /// Per investigation, no recorded file (and no row id): one array that a first run's entries share.
    let noFiles: [LedgerFile?]
    let noFileIDs: [Int64?]
    var folds: [ReportFold]

    // The producer's side (the thread that calls `scan.next()`).
    var session: LedgerSession!
    var pending: [Pending] = []
    var pendingHead = 0
    var entryOpen = false
    /// A piece of work taken from the queue but not handed out yet.
    var lookahead: Work?
    /// The producer's view of the entry being read: how it was planned, and its events so far.
    var openStart: EntryStart?
    var openEvents = 0
    var openIsOneEML = false
    /// The entry went as one piece of work (``Work/reused(_:_:path:)``): nothing more to send at its end.
    var openIsBundled = false
    /// Whether the state records any file of these investigations (else nothing is looked up).
    var hasRecordedFiles = true
    /// Per investigation, the recorded files by path, read at the start of the round (empty when
    /// none): the planning takes each file's rows out as the walk reaches it.
    var recorded: [[String: LedgerFile]] = []
    /// Per investigation, the outcome records of the small files (at most ``bundledRecords``) of the
    /// folder the walk is in, by file row id: one statement per folder.
    var folderRows: (folder: String, records: [[Int64: [[UInt8]]]])?
    /// A file passed over with at most this many records is one piece of work (start, records, end).
    static let bundledRecords = 64
    var stopped = false
    /// What went wrong with the state; the run ends at once.
    var failure: LedgerError?
    /// The digest of this run's attachment index (``StateJoins``), and whether every investigation's
    /// recorded outcomes were made with the same: else files that may hold Graph messages are read again.
    var joinsDigest: [UInt8] = []
    var joinsUnchanged = false
    /// Files the first pass took the identity of, not planned yet (the planning takes them), by path:
    /// made from ``measuredIdentities`` only by a round that does not fold its summary whole.
    var identities: [String: FileIdentity] = [:]
    /// The identity ``measureWalk()`` took of each walk entry, by its place in the walk (nil: a Maildir,
    /// or not examined).
    var measuredIdentities: [FileIdentity?] = []
    /// The planning's `stat` calls, by name in the folder the walk is in.
    let folderProbe = FolderProbe()
    /// A first run's planning leaves a file's identity to the scan, which measures the file it opens
    /// (``identityRead(_:)``): where the start of the file waits for it in ``pending``
    /// (``settleAwaitedIdentity()``).
    var awaitedStart: Int?
    /// When the round started (seconds since the epoch).
    let startedAt = StatefulRun.now()
    /// The digest of what this round's outcomes depend on (``measureWalk()``), and per investigation
    /// the summary of what its fold took, kept when the round ends complete and settled; nil when
    /// the round keeps none.
    var walkDigest: [UInt8]?
    /// Whether every entry was modified two seconds or more before the round started.
    var walkSettled = false
    /// The walk's digest is made when the round keeps its summaries, from the identities the planning
    /// took (``plannedWalk``): a first run examines each file once (``measureWalk()``).
    var walkIsDeferred = false
    /// The walk's digest, made as the planning describes the entries (``addToPlannedWalk(_:)``).
    var plannedWalk: WalkDigest?
    /// The SHA-256 of the settings and inputs (a summary holds it).
    var settingsDigest: [UInt8] = []
    var summaries: [RoundSummary]?
    /// The last round's summaries, when they stand for the rows of the files they list unchanged
    /// (``useSummariesForRows()``): the planning passes those files over with their parts.
    var summarized: SummaryLookup?
    /// Which of the summaries' parts the planning took, and the part the next entry most likely has
    /// (the walk meets entries in the order the summaries list them).
    var summarizedTaken: [Bool] = []
    var summarizedCursor = 0
    /// Entries after the one just passed over that go with it, unchanged (``unchangedAfter(_:part:in:)``):
    /// the scan passes over them at its next step.
    var passOverAlong = 0
    /// The size of the largest summary the round read (to size this round's).
    var lastSummarySize: Int?

    // The consumer's side.
    var current: OpenEntry?
    var itemsEvaluated = 0
    var itemsReused = 0
    var newMatches = 0
    var writesSinceCommit = 0
    var lastCommit = StatefulRun.now()
    /// Entries read and measured, not written yet (``writeFinished()``).
    var finished: [FinishedEntry] = []

    /// Work waiting to be handed to the workers, in input order.
    enum Pending {
        case work(Work)
        /// Stored records of a file still to fetch: per investigation its file row, from and to.
        case stored(files: [Int64], from: Int, to: Int)
        /// An item already handed out.
        case taken
    }

    init(run: StatefulRun, scan: ExportScan, contexts: [RunContext], paths: [String], watching: StatefulRun.Watching?, settingsText: String) {
        self.run = run
        self.scan = scan
        self.contexts = contexts
        self.paths = paths
        self.watching = watching
        self.settingsText = settingsText
        keys = contexts.map { Self.key(of: $0.investigation) }
        noFiles = Array(repeating: nil, count: keys.count)
        noFileIDs = Array(repeating: nil, count: keys.count)
        folds = contexts.map { $0.fold() }
    }

    /// The state's key of an investigation: its file's SHA-256.
    static func key(of investigation: Investigation) -> String { investigation.fileSHA256 }

    func run(session: LedgerSession) throws -> StatefulRun.Result {
        self.session = session
        // An investigation recorded as it is now only needs its `lastRun`, written once the round
        // writes anything: a re-run that finds nothing new leaves the state as it was, and its close
        // has no log to copy and flush to disk.
        let time = UTCTimestamp.iso8601(Int64(StatefulRun.now()))
        var unwritten: [(key: String, name: String)] = []
        for (key, context) in zip(keys, contexts) {
            let name = context.investigation.name
            if try session.isPrepared(key: key, name: name, settings: settingsText) {
                unwritten.append((key, name))
            } else {
                try session.prepareInvestigation(key: key, name: name, settings: settingsText, time: time)
            }
        }
        hasRecordedFiles = try keys.contains { key throws(LedgerError) in try session.hasFiles(investigation: key) }
        // The last round's summaries are folded meanwhile the walk is examined: taken if it is the same
        // (one kept with no digest, by a round whose files were not all settled, is never folded whole).
        let kept = run.onOutcome == nil ? try keptSummaries() : nil
        let replay = kept.flatMap { $0[0].digest.isEmpty ? nil : SummaryReplay($0, folds: folds, walk: scan.walkEntries) }
        if run.onOutcome == nil {
            if let replay, let kept {
                // The files are examined on every worker, beside the replay on this thread (on two
                // cores that took less time than leaving the replay a core of its own); once they
                // are, a digest that is not the summary's stops the fold.
                replay.run(beside: { [unowned self] in
                    self.measureWalk()
                    if self.walkDigest != kept[0].digest { replay.cancel() }
                })
            } else {
                measureWalk()
            }
        }
        if let kept, let reused = try reuse(kept, replayed: replay) { return reused }
        for (key, name) in unwritten { try session.prepareInvestigation(key: key, name: name, settings: settingsText, time: time) }
        indexMeasuredIdentities()
        // Reads and writes happen inside transactions (committed about every second): SQLite then takes
        // its locks once per transaction, not once per statement.
        try openTransaction()
        try forgetSummaries()
        if let kept { try useSummariesForRows(kept, parsed: replay?.parsed()) }
        if summarized == nil { try compareJoins() }
        scan.planEntry = { [unowned self] entry in
            let plan = self.plan(entry)
            // The size the scan counts as read: measured by the planning already.
            return (plan, self.openStart.flatMap { $0.entry.isMaildir ? nil : $0.identity.map { Int($0.size) } })
        }
        scan.entryOpened = { [unowned self] identity in self.identityRead(identity) }
        scan.entryFinished = { [unowned self] entry, checkpoint in
            self.entryOpen = false
            let start = self.openStart
            self.openStart = nil
            if self.openIsBundled { return }
            self.push(.work(.end(EntryEndBox(EndRequest(
                entry: entry, checkpoint: checkpoint, isRecording: start.map { $0.plan != .skip } ?? false, knownDigest: start?.digest,
                digestFromContent: self.openEvents == 1 && self.openIsOneEML,
                joins: StateJoins.encode(self.scan.joins(of: entry.path)))))))
        }
        let contents = contexts.map { ItemContent(readBy: $0.investigation) }
        let contextsForWorkers = contexts
        let options = run.options
        let snippets = run.includeSnippets
        // A piece of work is mostly a whole file (its start, messages and end): batches of up to 48
        // (and 256 KiB) hand work over a third as often as batches of 16, each hand-over a wake-up
        // that may take the reading thread's core; on 2 cores a first run took 2 % less wall time.
        OrderedParallelMap<Work, Done>(workers: run.workers, maxBatchCount: 48).run(
            next: { [unowned self] in self.nextWork() },
            weight: { work in work.weight },
            makeTransform: {
                let evaluation = SharedEvaluation(contexts: contextsForWorkers, contents: contents, options: options, snippets: snippets)
                let records = OutcomeRecord()
                return { work in Self.perform(work, evaluation: evaluation, records: records) }
            },
            consume: { [unowned self] _, done in self.consume(done) })
        scan.planEntry = nil
        scan.entryOpened = nil
        scan.entryFinished = nil
        if let failure { throw failure }
        try writeFinished()
        let complete = !stopped
        if current != nil { try abandonCurrent() }
        var gone: [String] = []
        if complete {
            gone = try forgetGoneFiles()
            // Summaries (megabytes) are kept by a transaction of their own, in the background
            // (``StatefulRun``); else the round ends here.
            if summaries == nil { try finish(session: session) }
        }
        if session.isInTransaction {
            try session.commit()
            // Copied while the summaries are written: the close then copies only those.
            run.ledger.copyLogInBackground()
        }
        return StatefulRun.Result(
            reports: [], itemsEvaluated: itemsEvaluated, itemsReused: itemsReused, gone: gone, newMatches: newMatches, isComplete: complete)
    }

    /// Whether the round ended complete with summaries to keep: ``finish(session:)`` is left to the caller.
    var finishesApart: Bool { !stopped && failure == nil && summaries != nil }

    /// The last transaction of a round that ended complete: the digest of the attachment index its
    /// rows were made with, and its summaries. Both were cleared in the round's first transaction
    /// when they did not hold (``compareJoins()``, ``forgetSummaries()``), so a process killed
    /// before this commits leaves none that its rows do not match: the next round reads the rows.
    func finish(session: LedgerSession) throws {
        self.session = session
        defer { self.session = nil }
        try openTransaction()
        for key in keys { try session.setJoinsDigest(joinsDigest, investigation: key) }
        try keepSummaries()
        try session.commit()
    }

    // MARK: Producing

    func push(_ item: Pending) { pending.append(item) }

    /// The next work in input order. An entry's start goes with what follows it, up to its end (at
    /// most 16 pieces, 256 KiB of messages): a file of one message is one piece of work, not three.
    func nextWork() -> Work? {
        guard let first = nextPiece() else { return nil }
        var group: [Work] = []
        switch first {
        case .start:
            // A file of one message is three pieces: its start, the message and its end.
            group.reserveCapacity(4)
            group.append(first)
            var weight = 0
            while group.count < 16, weight < 256 << 10, let next = nextPiece() {
                if case .summarizedPart = next {
                    lookahead = next
                    break
                }
                group.append(next)
                weight += next.weight
                if case .end = next { break }
            }
        case .reused:
            // Files passed over one after another go together.
            group.append(first)
            while group.count < 64, let next = nextPiece() {
                guard case .reused = next else {
                    lookahead = next
                    break
                }
                group.append(next)
            }
        case .summarizedPart(let first):
            // As do those whose parts the summaries hold: one piece of work for up to 256.
            var parts = [first]
            while parts.count < 256, let next = nextPiece() {
                guard case .summarizedPart(let part) = next else {
                    lookahead = next
                    break
                }
                parts.append(part)
            }
            return .summarized(SummarizedRun(summaries: summarized!.parsed, parts: parts))
        default:
            break
        }
        return group.count <= 1 ? first : .group(group)
    }

    /// The next piece of work: one set aside by ``nextWork()``, queued markers and stored records,
    /// then the scan's next event.
    private func nextPiece() -> Work? {
        if let piece = lookahead {
            lookahead = nil
            return piece
        }
        while true {
            if failure != nil { return nil }
            if pendingHead < pending.count {
                // Moved out, not copied: the work holds messages' bytes.
                var item = Pending.taken
                swap(&item, &pending[pendingHead])
                pendingHead += 1
                if pendingHead == pending.count {
                    pending.removeAll(keepingCapacity: true)
                    pendingHead = 0
                }
                switch item {
                case .taken: continue
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
            let step = scan.nextStep()
            settleAwaitedIdentity()
            guard let step else {
                if pendingHead < pending.count { continue }
                return nil
            }
            if passOverAlong > 0 {
                // Their parts are queued already: the walk must go past exactly those entries.
                if scan.passOver(passOverAlong) != passOverAlong {
                    failure = LedgerError(.corrupt, "is out of step with the walk (\(passOverAlong) entries to pass over)", path: run.ledger.path)
                    return nil
                }
                passOverAlong = 0
            }
            if case .event(let event) = step {
                if entryOpen {
                    openEvents += 1
                    if case .message(let found) = event { openIsOneEML = found.source.format == "eml" && found.offsetInFile == 0 }
                }
                push(.work(.event(event, entry: entryOpen ? openStart?.entry.path : nil)))
            }
        }
    }

    // MARK: Working (on the workers)

    static func perform(_ work: Work, evaluation: SharedEvaluation, records: OutcomeRecord) -> Done {
        switch work {
        case .event(let event, let entry):
            let outcomes = evaluation.outcomes(event)
            // A file that is one message, read whole: its digest from the bytes at hand (not read again).
            var digest: [UInt8]?
            if entry != nil, case .message(let found) = event, found.source.format == "eml", found.offsetInFile == 0,
                case .mime(let bytes) = found.content
            {
                digest = FileDigest.content(bytes)
            }
            return .fresh(
                outcomes, records: entry.map { path in outcomes.map { records.encode($0, in: path) } } ?? [], inEntry: entry != nil,
                contentDigest: digest)
        case .stored(let rows, let path):
            do {
                return .stored(try rows.map { row in try row.map { try records.decode($0, in: path) } })
            } catch {
                return .corrupt("a stored outcome record cannot be read (\(error))")
            }
        case .reused(let start, let rows, let path):
            do {
                return .reused(start, try rows.map { row in try row.map { try records.decode($0, in: path) } })
            } catch {
                return .corrupt("a stored outcome record cannot be read (\(error))")
            }
        case .summarized(let run):
            do {
                return .summarized(run, try run.summaries.map { summary in
                    var pieces: [RoundSummary.Piece] = []
                    for index in run.parts {
                        let part = summary.parts[index]
                        // Appended as decoded: a part's own array, then copied into these, faulted in pages twice.
                        try RoundSummary.visit(summary.bytes, part.operations, path: part.entry?.path) { pieces.append($0) }
                    }
                    return pieces
                })
            } catch {
                return .corrupt("a round's summary cannot be read (\(error))")
            }
        case .summarizedPart:
            // Never handed out alone: ``nextWork()`` gathers parts into a run.
            preconditionFailure("a summarized part outside a run")
        case .start(let start):
            return .start(start)
        case .end(let box):
            box.measured = measure(box.request)
            return .end(box)
        case .group(let pieces):
            return .group(pieces.map { perform($0, evaluation: evaluation, records: records) })
        }
    }

    /// What the state records of an entry read now, measured on a worker once it was read: its
    /// identity then, and its digest (of the bytes around the checkpoint for an append-only file).
    static func measure(_ request: EndRequest) -> EntryEnd {
        var end = EntryEnd(checkpoint: request.checkpoint, joins: request.joins)
        guard request.isRecording else { return end }
        let path = request.entry.path
        if request.entry.isMaildir {
            let listing = FileDigest.maildir(path)
            end.identity = listing?.identity
            end.digest = listing?.digest
        } else if request.digestFromContent {
            // One message read whole: what was parsed is what was hashed; the identity is the planned one.
            return end
        } else {
            end.identity = FileIdentity.of(path)
            if let checkpoint = request.checkpoint, checkpoint.eventsBefore > 0, let identity = end.identity {
                end.digest = FileDigest.around(path, checkpoint: checkpoint.offset, readEnd: Int(identity.size))
            } else if !request.digestFromContent {
                end.digest = request.knownDigest ?? FileDigest.whole(path)
            }
        }
        return end
    }
}
