import Investigation
import MailModel

/// The outcomes one investigation's fold took in a round, in input order and by walk entry, as the
/// state keeps them (``StatefulRound/reuseSummary()``): consecutive quiet items of one mailbox as
/// their counts (``QuietItems``, which fold as the items do), every other outcome as its record
/// (``OutcomeRecord``). Folding the summary gives the fold the outcomes gave; a round over the same
/// files with others added folds each unchanged entry's part in its place.
///
/// Layout (see the README): a version byte (2), the SHA-256 of the settings and inputs, then parts in input order — `2` an entry: its path
/// (the length it shares with the previous entry's path, then the rest), whether it is a Maildir, its
/// identity (size, modification time, inode, device; a Maildir also its listing's SHA-256), whether
/// it holds attachments kept apart (1) and was modified two seconds or more before the round (2), as a
/// byte of flags, its items, and the length of its operations; `3` outcomes of the
/// walk itself: the length of its operations. Operations: `0`, a mailbox and the counts of quiet
/// items (in scope, outside folders, undated, outside the date range, unsearchable, then per
/// undecided filter its id and count, ids in order); `1`, a length and an outcome record (paths equal
/// to the entry's own written as a bare 0).
struct RoundSummary {
    static let version: UInt8 = 2

    /// A walk entry as the summary describes it.
    struct Entry: Sendable, Equatable {
        var path: String
        var isMaildir = false
        var identity: FileIdentity
        /// A Maildir: the SHA-256 of its listing.
        var listing: [UInt8] = []
        var holdsAttachments = false
        /// Modified at least two seconds before the round read it: its identity proves its content.
        var isSettled = false
        /// Messages read or excluded.
        var items = 0
    }

    /// What folding an entry's operations gives.
    enum Piece: Sendable {
        case quiet(mailbox: String, QuietItems)
        case outcome(Outcome)
    }

    private var writer = RecordWriter(path: nil)
    private var operations = RecordWriter(path: nil)
    private var quiet: (mailbox: String, items: QuietItems)?
    /// The entry whose operations are being written (nil: outcomes of the walk itself).
    private var entry: Entry?
    private var previousPath: [UInt8] = []
    private let records = OutcomeRecord()
    /// The items (messages read or excluded) added.
    private(set) var items = 0

    /// - Parameter settings: the SHA-256 of the settings and inputs the round ran with.
    /// - Parameter capacity: the bytes to reserve (the last summary's size: grown in place, not copied
    ///   at every doubling).
    init(settings: [UInt8], capacity: Int = 0) {
        writer.bytes.reserveCapacity(capacity)
        writer.byte(Self.version)
        writer.bytes.append(contentsOf: settings)
    }

    /// Starts the part of a walk entry: outcomes added until ``endEntry(holdsAttachments:)`` are its.
    mutating func beginEntry(_ entry: Entry) {
        closePart()
        self.entry = entry
        self.entry!.items = 0
    }

    mutating func endEntry(holdsAttachments: Bool) {
        entry?.holdsAttachments = holdsAttachments
        closePart()
    }

    /// Whether an entry is open (``beginEntry(_:)``).
    var isInEntry: Bool { entry != nil }

    /// Adds an outcome of the open entry (or of the walk itself); `record` is its record in the
    /// entry's path when the caller has it.
    mutating func add(_ outcome: Outcome, record: [UInt8]? = nil) {
        if outcome.isItem {
            items += 1
            entry?.items += 1
        }
        if case .item(let item) = outcome, QuietItems.admits(item) {
            if quiet?.mailbox != item.mailbox {
                flushQuiet()
                quiet = (item.mailbox, QuietItems())
            }
            quiet!.items.add(item)
            return
        }
        flushQuiet()
        let bytes = record ?? records.encode(outcome, in: entry?.path)
        operations.byte(1)
        operations.unsigned(UInt64(bytes.count))
        operations.bytes.append(contentsOf: bytes)
    }

    /// Adds an entry's part as an earlier summary holds it (its operations copied as they are).
    mutating func append(_ stored: Entry, operations bytes: ArraySlice<UInt8>) {
        closePart()
        items += stored.items
        writeHeader(stored)
        writer.unsigned(UInt64(bytes.count))
        writer.bytes.append(contentsOf: bytes)
    }

    /// The summary's bytes.
    mutating func finish() -> [UInt8] {
        closePart()
        return writer.bytes
    }

    private mutating func closePart() {
        flushQuiet()
        defer {
            entry = nil
            operations.bytes.removeAll(keepingCapacity: true)
        }
        if let entry {
            writeHeader(entry)
        } else {
            guard !operations.bytes.isEmpty else { return }
            writer.byte(3)
        }
        writer.unsigned(UInt64(operations.bytes.count))
        writer.bytes.append(contentsOf: operations.bytes)
    }

    private mutating func writeHeader(_ entry: Entry) {
        writer.byte(2)
        var path = entry.path
        path.withUTF8 { path in
            var shared = 0
            while shared < min(path.count, previousPath.count), path[shared] == previousPath[shared] { shared += 1 }
            writer.unsigned(UInt64(shared))
            writer.unsigned(UInt64(path.count - shared))
            writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: path[shared...]))
            // The previous path's bytes, kept in one buffer that is reused.
            previousPath.replaceSubrange(previousPath.indices, with: path)
        }
        writer.bool(entry.isMaildir)
        writer.int(entry.identity.size)
        writer.int(entry.identity.modified)
        writer.int(entry.identity.inode)
        writer.int(entry.identity.device)
        if entry.isMaildir {
            writer.unsigned(UInt64(entry.listing.count))
            writer.bytes.append(contentsOf: entry.listing)
        }
        writer.byte((entry.holdsAttachments ? 1 : 0) | (entry.isSettled ? 2 : 0))
        writer.unsigned(UInt64(entry.items))
    }

    private mutating func flushQuiet() {
        guard let (mailbox, items) = quiet else { return }
        quiet = nil
        operations.byte(0)
        operations.string(mailbox)
        operations.unsigned(UInt64(items.inScope))
        operations.unsigned(UInt64(items.outsideFolders))
        operations.unsigned(UInt64(items.undated))
        operations.unsigned(UInt64(items.outsideDateRange))
        operations.unsigned(UInt64(items.unsearchable))
        if items.unknownConditions.isEmpty { return operations.unsigned(0) }
        let unknown = items.unknownConditions.sorted { $0.key < $1.key }
        operations.list(unknown) { writer, entry in
            writer.string(entry.key)
            writer.unsigned(UInt64(entry.value))
        }
    }
}

extension RoundSummary {
    /// A summary read: its parts in order (an entry with the range of its operations in `bytes`, or
    /// the range of the walk's own outcomes).
    struct Parsed: Sendable {
        let bytes: [UInt8]
        /// The SHA-256 of the settings and inputs (``init(settings:)``).
        var settings: [UInt8] = []
        var parts: [(entry: Entry?, operations: Range<Int>)] = []
    }

    /// Reads the parts of a summary; throws when the bytes are not one.
    static func parse(_ bytes: [UInt8]) throws -> Parsed {
        guard bytes.first == version else { throw RecordReader.Malformed(offset: 0) }
        var parsed = Parsed(bytes: bytes)
        guard bytes.count >= 33 else { throw RecordReader.Malformed(offset: bytes.count) }
        parsed.settings = Array(bytes[1..<33])
        var reader = RecordReader(bytes, path: nil)
        reader.position = 33
        var previousPath: [UInt8] = []
        func range(_ reader: inout RecordReader) throws -> Range<Int> {
            let length = try reader.count()
            guard length <= bytes.count - reader.position else { throw RecordReader.Malformed(offset: reader.position) }
            defer { reader.position += length }
            return reader.position..<(reader.position + length)
        }
        while !reader.isAtEnd {
            switch try reader.byte() {
            case 2:
                let shared = try reader.count()
                let rest = try range(&reader)
                guard shared <= previousPath.count else { throw RecordReader.Malformed(offset: reader.position) }
                let path = Array(previousPath[..<shared]) + bytes[rest]
                previousPath = path
                let isMaildir = try reader.bool()
                let identity = FileIdentity(size: try reader.int64(), modified: try reader.int64(), inode: try reader.int64(), device: try reader.int64())
                let listing = isMaildir ? Array(bytes[try range(&reader)]) : []
                let flags = try reader.byte()
                guard flags < 4 else { throw RecordReader.Malformed(offset: reader.position - 1) }
                let items = Int(clamping: try reader.unsigned())
                let entry = Entry(
                    path: String(decoding: path, as: UTF8.self), isMaildir: isMaildir, identity: identity, listing: listing,
                    holdsAttachments: flags & 1 != 0, isSettled: flags & 2 != 0, items: items)
                parsed.parts.append((entry, try range(&reader)))
            case 3:
                parsed.parts.append((nil, try range(&reader)))
            default:
                throw RecordReader.Malformed(offset: reader.position - 1)
            }
        }
        return parsed
    }

    /// Each piece of a part's operations in turn (`path`: the entry's, for the records' own paths),
    /// decoded in place (no array of them, no copy of a record's bytes: an unchanged re-run decodes
    /// every match of the export this way).
    static func visit(_ bytes: [UInt8], _ operations: Range<Int>, path: String?, _ body: (consuming Piece) -> Void) throws {
        var reader = RecordReader(bytes, in: operations, path: nil)
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
                body(.quiet(mailbox: mailbox, items))
            case 1:
                let length = try reader.count()
                guard length <= operations.upperBound - reader.position else { throw RecordReader.Malformed(offset: reader.position) }
                body(.outcome(try records.decode(bytes, range: reader.position..<(reader.position + length), in: path)))
                reader.position += length
            default:
                throw RecordReader.Malformed(offset: reader.position - 1)
            }
        }
    }

    /// Folds pieces into `fold`.
    static func fold(_ pieces: [Piece], into fold: inout ReportFold) {
        for piece in pieces { add(piece, to: &fold) }
    }

    private static func add(_ piece: consuming Piece, to fold: inout ReportFold) {
        switch consume piece {
        case .quiet(let mailbox, let items): fold.add(items, of: mailbox)
        case .outcome(let outcome): fold.add(outcome)
        }
    }

    /// Folds the whole summary in `bytes` into `fold`, and gives the settings digest it was kept with
    /// and the items of its entries; throws when the bytes are not a summary.
    @discardableResult
    static func replay(_ bytes: [UInt8], into fold: inout ReportFold) throws -> (settings: [UInt8], items: Int) {
        let parsed = try parse(bytes)
        return (parsed.settings, try replay(parsed, into: &fold)!)
    }

    /// Folds a summary read into `fold`, part by part while `shouldGoOn` says so; gives the items of
    /// its entries, nil when it was stopped.
    static func replay(_ parsed: Parsed, into fold: inout ReportFold, while shouldGoOn: () -> Bool = { true }) throws -> Int? {
        var items = 0
        // At most one match per item (the items of the walk's own outcomes are not counted: few).
        fold.reserveMatches(parsed.parts.reduce(0) { $0 + ($1.entry?.items ?? 0) })
        for part in parsed.parts {
            guard shouldGoOn() else { return nil }
            try visit(parsed.bytes, part.operations, path: part.entry?.path) { add($0, to: &fold) }
            items += part.entry?.items ?? 0
        }
        return items
    }
}
