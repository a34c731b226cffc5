import Ingest
import Ledger
private import Dispatch
private import Synchronization

/// The last round's summaries folded on the round's thread while other threads examine the walk
/// (``run(beside:)``, ``StatefulRound/measureWalk()``): in an unchanged re-run those are the
/// two longest steps, and one after the other each left a core idle. The round takes the folds only
/// when the walk's digest is the summaries' (``StatefulRound/reuse(_:replayed:)``); the examining
/// thread stops the fold as soon as it is not.
///
/// The replay gives up early when the summaries do not list the walk's entries, in order (files
/// added or gone): then the digest cannot be theirs, and a core is not spent on folds thrown away.
final class SummaryReplay: @unchecked Sendable {
    /// What folding the summaries gave: per investigation the fold and the settings digest its
    /// summary was kept with, and the items of the entries of the first.
    struct Replayed {
        var folds: [ReportFold]
        var settings: [[UInt8]]
        var items: Int
    }

    private let group = DispatchGroup()
    private let cancelled = Atomic<Bool>(false)
    // Written by ``run(beside:)``.
    private var result: Result<Replayed?, any Error> = .success(nil)
    private var parsedSummaries: [RoundSummary.Parsed]?

    private let kept: [LedgerSummary]
    private let folds: [ReportFold]
    private let walk: [InputWalker.Entry]?

    /// Will fold each of `kept` into a copy of the fold at the same index (``run(beside:)``).
    init(_ kept: [LedgerSummary], folds: [ReportFold], walk: [InputWalker.Entry]?) {
        self.kept = kept
        self.folds = folds
        self.walk = walk
    }

    /// Folds the summaries on this thread while `work` runs on another, and returns when both are
    /// done. The folds' rows are then this thread's allocations: the main thread's heap is the one
    /// the executable backs with huge pages, and a replay elsewhere took thousands of page faults more.
    func run(beside work: @escaping () -> Void) {
        nonisolated(unsafe) let work = work
        DispatchQueue.global(qos: .userInitiated).async(group: group) { work() }
        result = Result { try replay(kept, folds: folds, walk: walk) }
        group.wait()
    }

    /// Stops the replay at the next entry: its folds will not be taken.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// The replay's folds, given once (kept here, they would share the rows the report is to take
    /// over, and moving those into the report would copy them all); nil when it gave up (cancelled,
    /// or the summaries do not list the walk's entries) or did not run; throws when a summary cannot
    /// be read.
    func take() throws -> Replayed? {
        defer { result = .success(nil) }
        return try result.get()
    }

    /// The summaries as the replay read them (a round that takes the unchanged files' parts from them
    /// does not read them again), nil when one cannot be read or the replay did not run.
    func parsed() -> [RoundSummary.Parsed]? {
        parsedSummaries
    }

    private func replay(_ kept: [LedgerSummary], folds: [ReportFold], walk: [InputWalker.Entry]?) throws -> Replayed? {
        let parsed = try kept.map { try RoundSummary.parse($0.body) }
        parsedSummaries = parsed
        if let walk, !Self.lists(parsed[0], walk) { return nil }
        var folds = folds
        var items = 0
        for index in parsed.indices {
            guard let folded = try RoundSummary.replay(parsed[index], into: &folds[index], while: { !cancelled.load(ordering: .relaxed) }) else { return nil }
            if index == 0 { items = folded }
        }
        return Replayed(folds: folds, settings: parsed.map(\.settings), items: items)
    }

    /// Whether the summary's entries are the walk's, in order, by path.
    private static func lists(_ parsed: RoundSummary.Parsed, _ walk: [InputWalker.Entry]) -> Bool {
        var next = 0
        for part in parsed.parts {
            guard let entry = part.entry else { continue }
            guard next < walk.count, walk[next].path == entry.path else { return false }
            next += 1
        }
        return next == walk.count
    }
}
