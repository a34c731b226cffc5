import Ingest
import Investigation
import Ledger
import MailModel
private import Dispatch

/// The last complete round's summaries (``RoundSummary``, kept with each investigation): a round over
/// the very same files folds them instead of every file's stored outcomes; a round over the same files
/// with some added, changed or gone takes the parts of the unchanged files from them, in their places,
/// and reads the state's rows only for the others. The report is a function of the outcomes, which
/// are a function of the files' contents, the inputs and the settings.
extension StatefulRound {
    /// The parts of the last round's summaries, by path, and which of them this round met.
    struct SummaryLookup {
        /// Per investigation, the summary read.
        var parsed: [RoundSummary.Parsed]
        /// Per investigation, the part of each entry by path.
        var parts: [[String: Int]]
    }

    /// Folds one outcome per investigation, and keeps it in the round's summaries (with its record,
    /// when the caller has it: the summary does not encode it again).
    func fold(_ outcomes: [Outcome], records: [[UInt8]]? = nil) {
        // By index: each outcome is lent to the folds, not copied.
        for index in outcomes.indices {
            folds[index].add(outcomes[index])
            guard summaries != nil else { continue }
            let inEntry = summaries![index].isInEntry
            summaries![index].add(outcomes[index], record: inEntry ? records?[index] : nil)
        }
    }

    /// Measures what the round's outcomes depend on besides the investigation (the state's key): the
    /// SHA-256 of the settings and inputs (``settingsDigest``), and the SHA-256 of those with every
    /// entry of the walk, its identity (a Maildir: its listing's digest) and what the walk could not
    /// read (``walkDigest``; nil when an entry cannot be examined). ``walkSettled`` says whether every
    /// entry was modified two seconds or more before the round started: an identity proves a content
    /// only for files older than a clock tick (see the README).
    ///
    /// A round of investigations the state has no file of (a first run) has no summary to compare:
    /// its entries are examined once, by the planning, and the digest is made from those identities
    /// when the round keeps its summaries (``walkIsDeferred``).
    func measureWalk() {
        var settings: [UInt8] = []
        WalkDigest.text(settingsText, into: &settings)
        WalkDigest.number(Int64(paths.count), into: &settings)
        for path in paths { WalkDigest.text(path, into: &settings) }
        settingsDigest = FileDigest.sha256(settings)
        guard scan.walkEntries != nil, scan.walkProblems != nil else { return }
        if !hasRecordedFiles {
            walkIsDeferred = true
            plannedWalk = WalkDigest(settings: settingsDigest, settledBefore: settledBefore)
            return
        }
        let entries = scan.walkEntries ?? []
        // Examined on the workers' threads, each a contiguous share of the walk (the `stat` calls are
        // most of an unchanged round's time in the kernel).
        nonisolated(unsafe) let examined = UnsafeMutableBufferPointer<(identity: FileIdentity, listing: [UInt8])?>.allocate(capacity: entries.count)
        examined.initialize(repeating: nil)
        defer { examined.deinitialize().deallocate() }
        let shares = max(1, min(run.workers, entries.count / 512))
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            let probe = FolderProbe()
            for index in stride(from: entries.count * share / shares, to: entries.count * (share + 1) / shares, by: 1) {
                let entry = entries[index]
                if entry.isMaildir {
                    examined[index] = FileDigest.maildir(entry.path).map { ($0.identity, $0.digest) }
                } else {
                    examined[index] = probe.identity(of: entry.path).map { ($0, []) }
                }
            }
        }
        // Taken once: the first pass and the planning use them.
        measuredIdentities = entries.indices.map { entries[$0].isMaildir ? nil : examined[$0]?.identity }
        digestWalk { index, _ in examined[index] }
    }

    /// Makes ``identities`` from ``measuredIdentities``: the planning and the first pass look them up by
    /// path (a run of unchanged entries is compared by place, ``unchangedAfter(_:part:in:)``).
    func indexMeasuredIdentities() {
        identities.reserveCapacity(identities.count + measuredIdentities.count)
        for (entry, identity) in zip(scan.walkEntries ?? [], measuredIdentities) {
            if let identity { identities[entry.path] = identity }
        }
    }

    /// Files modified before this time (nanoseconds since the epoch) are settled: two seconds before
    /// the round started, so that a change in the same clock tick would have been seen.
    var settledBefore: Int64 { Int64((startedAt - 2) * 1e9) }

    /// Makes ``walkDigest`` and ``walkSettled`` from each walk entry's identity as `examine` gives it,
    /// by the entry's place in the walk (nil: it cannot be examined, and there is no digest).
    func digestWalk(_ examine: (Int, InputWalker.Entry) -> (identity: FileIdentity, listing: [UInt8])?) {
        guard let entries = scan.walkEntries, let problems = scan.walkProblems else { return }
        var digest = WalkDigest(settings: settingsDigest, settledBefore: settledBefore)
        for (index, entry) in entries.enumerated() {
            guard let (identity, listing) = examine(index, entry) else { return }
            digest.add(entry, identity: identity, listing: listing)
        }
        walkSettled = digest.isSettled
        walkDigest = digest.finish(problems: problems)
    }

    /// A first run's walk digest grows as the planning describes the entries (``plannedWalk``), met in
    /// walk order (the scan replays the walk): an entry met out of its place, or not planned (standard
    /// input), leaves the round without a digest, as an entry that cannot be examined does.
    func addToPlannedWalk(_ described: RoundSummary.Entry) {
        guard let count = plannedWalk?.count else { return }
        guard let entries = scan.walkEntries, count < entries.count, entries[count].path == described.path else {
            plannedWalk = nil
            return
        }
        plannedWalk!.add(entries[count], identity: described.identity, listing: described.listing)
    }

    /// Every investigation's summary when all were kept by one round (the same digest), else nil.
    func keptSummaries() throws(LedgerError) -> [LedgerSummary]? {
        guard hasRecordedFiles else { return nil }
        var kept: [LedgerSummary] = []
        for key in keys {
            guard let summary = try session.summary(investigation: key), summary.digest == (kept.first?.digest ?? summary.digest) else { return nil }
            kept.append(summary)
        }
        lastSummarySize = kept.map(\.body.count).max()
        return kept
    }

    /// When the summaries were kept over what ``walkDigest`` measures now, takes what `replay` folded
    /// of them meanwhile and gives the round's result; nil otherwise. (A round whose entries were not
    /// all settled keeps its summaries with an empty digest, which no round's equals, and no replay.)
    func reuse(_ kept: [LedgerSummary], replayed replay: SummaryReplay?) throws(LedgerError) -> StatefulRun.Result? {
        guard let walkDigest, kept[0].digest == walkDigest, let replay else { return nil }
        let done: SummaryReplay.Replayed?
        do {
            done = try replay.take()
        } catch {
            throw damagedSummary(error)
        }
        guard let done, done.settings.allSatisfy({ $0 == settingsDigest }) else { return nil }
        folds = done.folds
        // Nothing recorded below the inputs is gone: the round that kept the summaries walked these
        // very entries and forgot the others, and any round since that did not keep them cleared them.
        return StatefulRun.Result(reports: [], itemsEvaluated: 0, itemsReused: done.items, gone: [], newMatches: 0, isComplete: true)
    }

    /// A summary that cannot be read: the state is damaged.
    private func damagedSummary(_ error: any Error) -> LedgerError {
        LedgerError(.corrupt, "is damaged: a round's summary cannot be read (\(error))", path: run.ledger.path)
    }

    /// Takes the summaries as the rows of the files they list unchanged, when they can be: the same
    /// settings and inputs, no entry of the walk's own (an unreadable path, a repeated input) then or
    /// now, and no attachment kept apart in the export (joins across files are the rows' business).
    /// The first pass is made here, opening only the files the summaries do not know to hold none.
    /// `parsed`: the summaries as a ``SummaryReplay`` read them already.
    func useSummariesForRows(_ kept: [LedgerSummary], parsed known: [RoundSummary.Parsed]?) throws(LedgerError) {
        guard walkDigest != nil, scan.walkProblems?.isEmpty == true else { return }
        var lookup = SummaryLookup(parsed: [], parts: [])
        do {
            for (index, summary) in kept.enumerated() {
                let parsed = try known?[index] ?? RoundSummary.parse(summary.body)
                guard parsed.settings == settingsDigest, parsed.parts.allSatisfy({ $0.entry != nil }) else { return }
                var parts: [String: Int] = [:]
                parts.reserveCapacity(parsed.parts.count)
                for (index, part) in parsed.parts.enumerated() { parts[part.entry!.path] = index }
                // One round kept them all: the same entries in the same order, so one index serves all.
                guard lookup.parsed.first.map({ $0.parts.map(\.entry?.path) == parsed.parts.map(\.entry?.path) }) ?? true else { return }
                lookup.parsed.append(parsed)
                lookup.parts.append(parts)
            }
        } catch {
            throw damagedSummary(error)
        }
        scan.holdsNoAttachments = { [unowned self] path in
            self.unchangedPart(path, in: lookup).map { !lookup.parsed[0].parts[$0].entry!.holdsAttachments } ?? false
        }
        scan.indexAttachments()
        scan.holdsNoAttachments = nil
        guard !scan.keepsAttachmentsApart else { return }
        let digest = StateJoins.digest(of: scan.attachmentIndex) { _ in nil }
        for key in keys where try session.joinsDigest(investigation: key) != digest { return }
        joinsDigest = digest
        joinsUnchanged = true
        summarized = lookup
        summarizedTaken = Array(repeating: false, count: lookup.parsed[0].parts.count)
    }

    /// The part of the summaries that stands for the entry at `path`: known, settled, and with the
    /// identity the walk measured now. (A Maildir is compared by its listing's digest.)
    func unchangedPart(_ path: String, in lookup: SummaryLookup, listing: [UInt8]? = nil) -> Int? {
        guard let index = lookup.parts[0][path] else { return nil }
        return unchanged(index, in: lookup, identity: identities[path], listing: listing) ? index : nil
    }

    /// Whether the summaries' part `index` stands for an entry that has `identity` now (a Maildir:
    /// `listing`): settled when it was kept, and the same.
    private func unchanged(_ index: Int, in lookup: SummaryLookup, identity: FileIdentity?, listing: [UInt8]?) -> Bool {
        guard let entry = lookup.parsed[0].parts[index].entry, entry.isSettled else { return false }
        if entry.isMaildir { return listing == entry.listing }
        return identity == entry.identity
    }

    /// The index of the summaries' part of the entry at `path`: the part after the last one taken
    /// when it is that entry (the usual case), else looked up.
    private func part(of path: String, in lookup: SummaryLookup) -> Int? {
        let parts = lookup.parsed[0].parts
        if summarizedCursor < parts.count, parts[summarizedCursor].entry?.path == path { return summarizedCursor }
        return lookup.parts[0][path]
    }

    /// What the summaries say of an entry being planned.
    enum SummaryStanding {
        /// They hold it unchanged: passed over, its part folded in its place (one piece of work with
        /// its neighbours).
        case passedOver
        /// They do not list it: a file no round recorded (they list every recorded file below the
        /// inputs), so it has no rows.
        case notRecorded
        /// Listed but changed, not settled, or no summaries are used: its rows decide.
        case rowsDecide
    }

    /// Plans an entry from the summaries when they stand for it (``SummaryStanding``).
    func planFromSummary(_ entry: ExportEntry) -> SummaryStanding {
        guard let lookup = summarized else { return .rowsDecide }
        guard let part = part(of: entry.path, in: lookup) else { return .notRecorded }
        summarizedTaken[part] = true
        summarizedCursor = part + 1
        let listing = entry.isMaildir ? FileDigest.maildir(entry.path)?.digest : nil
        guard unchanged(part, in: lookup, identity: identities[entry.path], listing: listing) else { return .rowsDecide }
        openStart = nil
        openEvents = 0
        openIsOneEML = false
        openIsBundled = true
        push(.work(.summarizedPart(part)))
        passOverAlong = unchangedAfter(entry, part: part, in: lookup)
        return .passedOver
    }

    /// How many of the walk's entries after `entry` are the summaries' next parts, unchanged: their
    /// parts are queued here, and the scan passes over them without planning each
    /// (``ExportScan/passOver(_:)``). Compared by their places in the walk and in the summaries.
    private func unchangedAfter(_ entry: ExportEntry, part: Int, in lookup: SummaryLookup) -> Int {
        // The walk has no entries of its own (``useSummariesForRows(_:parsed:)``): its steps are its entries.
        guard let entries = scan.walkEntries, entries.count == measuredIdentities.count, entry.step >= 0, entry.step < entries.count,
            entries[entry.step].path == entry.path
        else { return 0 }
        let parts = lookup.parsed[0].parts
        var count = 0
        while true {
            let index = entry.step + 1 + count
            let next = part + 1 + count
            // A Maildir (its listing to make) or standard input is planned as the walk meets it.
            guard index < entries.count, next < parts.count, let described = parts[next].entry else { break }
            let walked = entries[index]
            guard !walked.isMaildir, !walked.isStandardInput, !described.isMaildir, described.path == walked.path,
                unchanged(next, in: lookup, identity: measuredIdentities[index], listing: nil)
            else { break }
            summarizedTaken[next] = true
            push(.work(.summarizedPart(next)))
            count += 1
        }
        summarizedCursor = part + 1 + count
        return count
    }

    /// Files the summaries list below this run's inputs that the walk did not meet: their rows.
    func goneSummarizedFiles() throws(LedgerError) -> [LedgerFile] {
        guard let summarized else { return [] }
        var gone: [LedgerFile] = []
        for (index, part) in summarized.parsed[0].parts.enumerated() {
            guard let path = part.entry?.path, !summarizedTaken[index] else { continue }
            for key in keys { if let file = try session.file(investigation: key, path: path) { gone.append(file) } }
        }
        return gone
    }

    /// Clears the summaries in the round's first transaction: a round that records anything and does
    /// not end complete leaves none behind. Starts this round's.
    func forgetSummaries() throws(LedgerError) {
        if hasRecordedFiles {
            for key in keys { try session.setSummary(nil, investigation: key) }
        }
        if walkDigest != nil || walkIsDeferred {
            // Room for the last summary and a tenth more; a first round, for a few hundred bytes per entry.
            let capacity = lastSummarySize.map { $0 + $0 / 10 } ?? (scan.walkEntries?.count ?? 0) * 320
            summaries = keys.map { _ in RoundSummary(settings: settingsDigest, capacity: capacity) }
        }
    }

    /// Keeps the summaries of a round that ended complete and settled (nothing to read again, no end
    /// of a file left for later), in the transaction that ends it: with the walk's digest when every
    /// entry was settled (a later round over the very same files folds them whole), else with none.
    func keepSummaries() throws(LedgerError) {
        // Every entry was planned, in walk order: the digest made meanwhile (taken, so that its
        // bytes are finished where they are, not copied).
        if walkIsDeferred, let planned = plannedWalk.take(), planned.count == scan.walkEntries?.count, let problems = scan.walkProblems {
            walkSettled = planned.isSettled
            walkDigest = planned.finish(problems: problems)
        }
        guard let walkDigest, failure == nil, var summaries else { return }
        for (index, key) in keys.enumerated() {
            let items = summaries[index].items
            try session.setSummary(
                LedgerSummary(digest: walkSettled ? walkDigest : [], items: items, body: summaries[index].finish()), investigation: key)
        }
        self.summaries = nil
    }
}
