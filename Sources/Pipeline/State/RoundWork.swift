import Ingest
import Ledger
import MailModel

/// What the producer hands to the workers.
enum Work: Sendable {
    /// An event of the scan, and the entry it belongs to (nil: it comes from the walk itself). Boxed,
    /// as are the starts: work is moved several times on its way, and a box moves as one pointer.
    indirect case event(ExportEvent, entry: String?)
    /// Stored outcome records of an entry: per row, one per investigation.
    case stored([[[UInt8]]], path: String?)
    case start(EntryStartBox)
    case end(EntryEndBox)
    /// A file passed over, whole: its start and its stored records (its end goes with them).
    indirect case reused(EntryStart, [[[UInt8]]], path: String)
    /// An entry passed over whose outcomes the last round's summaries hold: the index of its part
    /// (the same in every investigation's summary). Consecutive ones become one ``summarized(_:)``.
    case summarizedPart(Int)
    /// Entries passed over whose outcomes the last round's summaries hold.
    indirect case summarized(SummarizedRun)
    /// Consecutive pieces of one entry, done in order by one worker.
    indirect case group([Work])

    var weight: Int {
        switch self {
        case .event(.message(let found), _): found.weight
        case .stored(let rows, _), .reused(_, let rows, _): rows.count * 512
        case .summarized(let run): run.weight
        case .summarizedPart: 64
        case .group(let pieces): pieces.reduce(0) { $0 + $1.weight }
        default: 1
        }
    }
}

/// What comes back from the workers, in input order.
enum Done: Sendable {
    /// One outcome per investigation, and their records (for an event of an entry); for a file that is
    /// one message read whole, the content digest of its bytes.
    case fresh([Outcome], records: [[UInt8]], inEntry: Bool, contentDigest: [UInt8]?)
    /// Stored outcomes: per row, one per investigation.
    case stored([[Outcome]])
    case corrupt(String)
    /// The boxes the work brought (not boxed again); an end's holds what the worker measured.
    case start(EntryStartBox)
    case end(EntryEndBox)
    indirect case reused(EntryStart, [[Outcome]])
    /// Per investigation, the pieces of the summarized entries' parts, one after another.
    indirect case summarized(SummarizedRun, [[RoundSummary.Piece]])
    indirect case group([Done])
}

/// Consecutive entries the last round's summaries hold, unchanged since: per investigation its
/// summary, and the indexes of the entries' parts (the same in every summary).
struct SummarizedRun: Sendable {
    var summaries: [RoundSummary.Parsed]
    var parts: [Int]

    var weight: Int { parts.reduce(0) { $0 + summaries[0].parts[$1].operations.count } }
}

/// The end of an entry, boxed once: the worker measures it (``EntryEndBox/measured``) and returns
/// the same box. One thread holds it at a time, as an ``EntryStartBox``.
final class EntryEndBox: @unchecked Sendable {
    let request: EndRequest
    var measured = EntryEnd()

    init(_ request: EndRequest) { self.request = request }
}

/// The end of an entry, to be measured by a worker.
struct EndRequest: Sendable {
    var entry: ExportEntry
    var checkpoint: EntryCheckpoint?
    /// Whether the entry was read now (else its stored outcomes were used).
    var isRecording: Bool
    /// Its digest when the planning computed it already (a file read whole, compared by content).
    var knownDigest: [UInt8]?
    /// A file that is one message read whole: its digest comes with the message's outcome.
    var digestFromContent = false
    /// The joins its Graph messages made to attachments kept apart (``StateJoins``).
    var joins: [UInt8]?
}

/// The end of an entry: where it could be read on from, and, for an entry read now, its identity
/// and digest once it was read.
struct EntryEnd: Sendable {
    var checkpoint: EntryCheckpoint?
    var identity: FileIdentity?
    var digest: [UInt8]?
    /// The joins its Graph messages made (``StateJoins``).
    var joins: [UInt8]?
}

/// An entry's start, boxed once on its way to a worker and back: the planning completes its identity
/// in place (``StatefulRound/identityRead(_:)``) before the producer hands it out, and the worker
/// returns the same box. One thread holds it at a time; the ordered map's queues hand it over.
final class EntryStartBox: @unchecked Sendable {
    var start: EntryStart

    init(_ start: EntryStart) { self.start = start }
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
