import Investigation

/// The outcomes one investigation's fold took in a round, in input order, as the state keeps them
/// for a round over the very same files (``StatefulRound/reuseSummary()``): consecutive quiet items of
/// one mailbox as their counts (``QuietItems``, which fold as the items do), every other outcome as
/// its record (``OutcomeRecord``). Folding the summary gives the fold the outcomes gave.
///
/// Layout: a version byte, then entries — `0`, a mailbox and the counts of quiet items (in scope,
/// outside folders, undated, outside the date range, unsearchable, then per undecided filter its id
/// and count, ids in order); or `1`, a length and an outcome record.
struct RoundSummary {
    static let version: UInt8 = 1
    private var writer = RecordWriter(path: nil)
    private var quiet: (mailbox: String, items: QuietItems)?
    private let records = OutcomeRecord()
    /// The items (messages read or excluded) added.
    private(set) var items = 0

    init() {
        writer.byte(Self.version)
    }

    mutating func add(_ outcome: Outcome) {
        if outcome.isItem { items += 1 }
        if case .item(let item) = outcome, QuietItems.admits(item) {
            if quiet?.mailbox != item.mailbox {
                flushQuiet()
                quiet = (item.mailbox, QuietItems())
            }
            quiet!.items.add(item)
            return
        }
        flushQuiet()
        let record = records.encode(outcome)
        writer.byte(1)
        writer.unsigned(UInt64(record.count))
        writer.bytes.append(contentsOf: record)
    }

    /// The summary's bytes.
    mutating func finish() -> [UInt8] {
        flushQuiet()
        return writer.bytes
    }

    private mutating func flushQuiet() {
        guard let (mailbox, items) = quiet else { return }
        quiet = nil
        writer.byte(0)
        writer.string(mailbox)
        for count in [items.inScope, items.outsideFolders, items.undated, items.outsideDateRange, items.unsearchable] {
            writer.unsigned(UInt64(count))
        }
        let unknown = items.unknownConditions.sorted { $0.key < $1.key }
        writer.list(unknown) { writer, entry in
            writer.string(entry.key)
            writer.unsigned(UInt64(entry.value))
        }
    }

    /// Folds the summary in `bytes` into `fold`; throws when the bytes are not a summary.
    static func replay(_ bytes: [UInt8], into fold: inout ReportFold) throws {
        guard bytes.first == version else { throw RecordReader.Malformed(offset: 0) }
        var reader = RecordReader(bytes, path: nil)
        reader.position = 1
        let records = OutcomeRecord()
        while !reader.isAtEnd {
            switch try reader.byte() {
            case 0:
                let mailbox = try reader.string()
                var items = QuietItems()
                items.inScope = Int(clamping: try reader.unsigned())
                items.outsideFolders = Int(clamping: try reader.unsigned())
                items.undated = Int(clamping: try reader.unsigned())
                items.outsideDateRange = Int(clamping: try reader.unsigned())
                items.unsearchable = Int(clamping: try reader.unsigned())
                for _ in 0..<(try reader.count()) {
                    let id = try reader.string()
                    items.unknownConditions[id] = Int(clamping: try reader.unsigned())
                }
                fold.add(items, of: mailbox)
            case 1:
                let length = try reader.count()
                guard length <= bytes.count - reader.position else { throw RecordReader.Malformed(offset: reader.position) }
                fold.add(try records.decode(Array(bytes[reader.position..<(reader.position + length)])))
                reader.position += length
            default:
                throw RecordReader.Malformed(offset: reader.position - 1)
            }
        }
    }
}
