import Investigation
import MailModel
import Ingest
import Ledger
private import Glibc

/// An entry read and measured whose rows and records wait to be written (``StatefulRound/writeFinished()``):
/// per investigation its file's row (with its id when it has one), and the records not written yet.
struct FinishedEntry {
    var rows: [LedgerFile]
    var records: [(sequence: Int, records: [[UInt8]])]
    /// Records the file had before this read, and has now: those past the new end are removed.
    var storedBefore: Int
    var sequence: Int
    /// Whether the file had a row when the round started (else it has no records to replace).
    var wasRecorded: Bool

    /// The open entry `entry` at its end, to be written as `rows` say.
    init(_ entry: OpenEntry, rows: [LedgerFile]) {
        self.rows = rows
        records = entry.buffered
        storedBefore = entry.storedBefore
        sequence = entry.sequence
        wasRecorded = entry.wasRecorded
    }

    /// Whether all the records of the file are at hand: a new file read whole now (not one that had
    /// rows, or whose first records were written before its end, a long file).
    var hasAllRecords: Bool {
        !wasRecorded && !records.isEmpty && rows.allSatisfy({ $0.id == nil })
            && records.enumerated().allSatisfy({ $0.offset == $0.element.sequence })
    }

    /// The records of the row at `index` (one investigation's), when ``hasAllRecords``.
    func records(ofRow index: Int) -> [[UInt8]] {
        // One investigation and one outcome (most files): the outcome's array is the row's.
        if records.count == 1, rows.count == 1 { return records[0].records }
        return records.map { $0.records[index] }
    }
}

/// The entry being folded and recorded (the consumer's side).
struct OpenEntry {
    var start: EntryStart
    /// Whether its outcomes are read now and recorded (else they are stored ones, reused).
    var isRecording: Bool
    /// Per investigation, the file's row (nil until written: a new file gets its row with its records).
    var fileIDs: [Int64?] = []
    /// Records read but not yet written (written with the file's row, or in batches for a long file).
    var buffered: [(sequence: Int, records: [[UInt8]])] = []
    /// Whether the file had a row when the round started, and the number of records it had then (those
    /// past the new end are removed).
    var wasRecorded = false
    var storedBefore = 0
    /// A file that is one message read whole: the content digest of the bytes read.
    var contentDigest: [UInt8]?
    /// The next outcome's sequence number in the file.
    var sequence = 0
    var items = 0
    /// An input (or part of one) could not be read: the file is not recorded, and is read again.
    var hadUnreadable = false
    /// A watch: per investigation, the sources of matches the file had before (emitted already).
    var earlierMatches: [Set<String>] = []
    /// A watch: outcomes at the end of the file that say it was cut (held until the file's end).
    var heldBack: [(outcomes: [Outcome], records: [[UInt8]])] = []
}

extension StatefulRound {
    func consume(_ done: Done) {
        if case .group(let pieces) = done {
            for piece in pieces { consume(piece) }
            return
        }
        guard failure == nil, !stopped else { return }
        // A watch told to stop (a deadline, a signal) stops here too: work already read ahead is dropped.
        if let watching, watching.shouldStop() {
            stopped = true
            return
        }
        do {
            switch done {
            case .start(let box): try begin(box.start)
            case .stored(let rows): stored(rows)
            case .fresh(let outcomes, let records, let inEntry, let digest):
                if let digest, current?.isRecording == true { current!.contentDigest = digest }
                try fresh(outcomes, records: records, inEntry: inEntry)
            case .end(let box): try self.end(box.measured)
            case .reused(let start, let rows):
                try begin(start)
                stored(rows)
                try end(EntryEnd())
            case .summarized(let run, let pieces):
                for index in keys.indices {
                    RoundSummary.fold(pieces[index], into: &folds[index])
                    guard summaries != nil else { continue }
                    let summary = run.summaries[index]
                    for part in run.parts { summaries![index].append(summary.parts[part].entry!, operations: summary.bytes[summary.parts[part].operations]) }
                }
                for part in run.parts { itemsReused += run.summaries[0].parts[part].entry!.items }
            case .group: break
            case .corrupt(let reason): failure = LedgerError(.corrupt, "is damaged: \(reason)", path: run.ledger.path)
            }
        } catch let error as LedgerError {
            failure = error
        } catch {
            failure = LedgerError(.unwritable, "\(error)", path: run.ledger.path)
        }
    }

    private func begin(_ start: EntryStart) throws {
        if summaries != nil {
            // The round's summaries describe the entry by what the planning measured.
            guard let identity = start.identity else {
                summaries = nil
                return try begin(start)
            }
            let described = RoundSummary.Entry(
                path: start.entry.path, isMaildir: start.entry.isMaildir, identity: identity,
                listing: start.entry.isMaildir ? start.digest ?? [] : [], isSettled: identity.modified < settledBefore)
            if walkIsDeferred { addToPlannedWalk(described) }
            for index in keys.indices { summaries![index].beginEntry(described) }
        }
        // Made in place (an entry copied in and out costs a retain and a release of each of its parts).
        current = OpenEntry(start: start, isRecording: false)
        let kept: Int
        switch start.plan {
        case .skip: return
        case .read: kept = 0
        case .resume(let checkpoint): kept = checkpoint.eventsBefore
        }
        current!.isRecording = true
        // Only a watch emits matches, so only a watch looks them up.
        if watching != nil { current!.earlierMatches = Array(repeating: [], count: keys.count) }
        for case let file? in start.files {
            current!.wasRecorded = true
            current!.storedBefore = max(current!.storedBefore, file.outcomes)
        }
        // A new file (all of a first run's) shares the round's array of no rows.
        current!.fileIDs = current!.wasRecorded ? start.files.map { $0?.id } : noFileIDs
        if watching != nil {
            for (index, file) in start.files.enumerated() {
                if let id = file?.id { current!.earlierMatches[index] = try matchedSources(file: id, path: start.entry.path, from: kept) }
            }
        }
        // Nothing is written until records are: a file is written in one transaction with its row.
    }

    /// Writes the buffered records of the current entry, creating the rows of a new file first.
    private func flushRecords() throws {
        guard let entry = current, !entry.buffered.isEmpty else { return }
        try openTransaction()
        for index in keys.indices where entry.fileIDs[index] == nil {
            var file = LedgerFile(
                investigation: keys[index], path: entry.start.entry.path, kind: .whole, size: -1, modified: 0, inode: 0, device: 0, digest: [],
                readAt: 0)
            try session.save(&file)
            current!.fileIDs[index] = file.id
        }
        for (sequence, records) in entry.buffered {
            for (index, record) in records.enumerated() {
                // A file without a row when the round started has no records to replace.
                try session.insertOutcome(
                    file: current!.fileIDs[index]!, seq: sequence, record: record, replacing: entry.start.files[index] != nil)
            }
        }
        writesSinceCommit += entry.buffered.count
        current!.buffered.removeAll(keepingCapacity: true)
    }

    /// Sources of the matches among a file's records from `start` on.
    private func matchedSources(file: Int64, path: String, from start: Int) throws -> Set<String> {
        var sources: Set<String> = []
        let records = OutcomeRecord()
        var from = start
        while true {
            let chunk = try session.outcomes(file: file, from: from, limit: 1024)
            for bytes in chunk {
                if let row = try records.decode(bytes, in: path).match { sources.insert(Self.sourceKey(row.source)) }
            }
            if chunk.count < 1024 { return sources }
            from += chunk.count
        }
    }

    static func sourceKey(_ source: MessageSource) -> String {
        "\(source.path)\u{0}\(source.index ?? -1)\u{0}\(source.offset ?? -1)\u{0}\(source.pointer ?? "")\u{0}\(source.line ?? -1)"
    }

    private func stored(_ rows: [[Outcome]]) {
        for outcomes in rows {
            if let onOutcome = run.onOutcome, let first = outcomes.first { onOutcome(current?.start.entry.step, first) }
            fold(outcomes)
            let isItem = outcomes.first?.isItem ?? false
            if isItem { itemsReused += 1 }
            if current?.isRecording == true {
                current!.sequence += 1
                if isItem { current!.items += 1 }
            }
        }
    }

    private func fresh(_ outcomes: [Outcome], records: [[UInt8]], inEntry: Bool) throws {
        guard inEntry, current?.isRecording == true else {
            // From the walk itself (a missing input, a repeated one): folded, never stored.
            if let onOutcome = run.onOutcome, let first = outcomes.first { onOutcome(inEntry ? current?.start.entry.step : nil, first) }
            fold(outcomes)
            if outcomes.first?.isItem == true { itemsEvaluated += 1 }
            return
        }
        if let watching, watching.defersIncompleteTails, !current!.start.isSettled {
            let cut = outcomes.contains(where: Self.saysFileWasCut)
            if cut || !current!.heldBack.isEmpty {
                // Held until the file's end; an item that reads whole after it shows the end came later.
                if !cut, outcomes.first?.isItem == true {
                    try releaseHeldBack()
                } else {
                    current!.heldBack.append((outcomes, records))
                    return
                }
            }
        }
        try take(outcomes, records: records)
    }

    /// Folds, emits and records fresh outcomes of the current entry.
    private func take(_ outcomes: [Outcome], records: [[UInt8]]) throws {
        if let onOutcome = run.onOutcome, let first = outcomes.first { onOutcome(current?.start.entry.step, first) }
        fold(outcomes, records: records)
        for (index, outcome) in outcomes.enumerated() {
            if let row = outcome.match, let watching, !current!.earlierMatches[index].contains(Self.sourceKey(row.source)) {
                watching.onMatch(index, row)
                newMatches += 1
            } else if outcome.match != nil, watching == nil {
                newMatches += 1
            }
        }
        let isItem = outcomes.first?.isItem ?? false
        if isItem {
            itemsEvaluated += 1
            testHooks()
        }
        if case .unreadable = outcomes.first { current!.hadUnreadable = true }
        current!.buffered.append((current!.sequence, records))
        if current!.buffered.count >= 256 { try flushRecords() }
        current!.sequence += 1
        if isItem { current!.items += 1 }
    }

    /// ``StatefulRun/killAfterItems`` and ``StatefulRun/pausePerItem``.
    private func testHooks() {
        if let limit = run.killAfterItems, itemsEvaluated >= limit { kill(getpid(), SIGKILL) }
        if run.pausePerItem > 0 {
            var pause = timespec(tv_sec: Int(run.pausePerItem), tv_nsec: Int((run.pausePerItem - run.pausePerItem.rounded(.down)) * 1e9))
            nanosleep(&pause, nil)
        }
    }

    private func releaseHeldBack() throws {
        let held = current!.heldBack
        current!.heldBack = []
        for (outcomes, records) in held { try take(outcomes, records: records) }
    }

    /// Whether an outcome says its file ended inside a value or a message.
    static func saysFileWasCut(_ outcome: Outcome) -> Bool {
        switch outcome {
        case .note(let diagnostic): StateCodes.cutAtEnd.contains(diagnostic.code)
        case .item(let item): item.partial.contains { StateCodes.cutAtEnd.contains($0.code) }
        case .excluded, .unreadable: false
        }
    }

    private func end(_ measured: EntryEnd) throws {
        // Moved out, not copied (it holds the entry's start and records).
        guard var entry = current.take() else { return }
        let start = entry.start
        let holdsAttachments = scan.holdsIndexedAttachments(start.entry.path)
        for index in keys.indices { summaries?[index].endEntry(holdsAttachments: holdsAttachments) }
        guard entry.isRecording else {
            // A new identity of the same content; or a row of an earlier schema that does not say
            // what the first pass found in the file (said now, so it is not opened for it again).
            let refreshes = start.refreshesIdentity && start.identity != nil
            if refreshes || start.files.contains(where: { $0 != nil && $0!.holdsAttachments == nil && $0!.size >= 0 }) {
                try openTransaction()
                for case var file? in start.files {
                    if refreshes, let identity = start.identity {
                        file.size = identity.size
                        file.modified = identity.modified
                        file.inode = identity.inode
                        file.device = identity.device
                        file.readAt = StatefulRun.now()
                    }
                    file.holdsAttachments = holdsAttachments
                    try session.save(&file)
                }
            }
            return
        }
        var deferred = false
        if !entry.heldBack.isEmpty {
            deferred = true
            entry.heldBack = []
            // The file's end waits for a later round: this one is not settled.
            summaries = nil
        }
        let path = start.entry.path
        let now = StatefulRun.now()
        // Not recorded (read again next time): an unreadable part, or a file read whole that changed while read.
        let identity = measured.identity ?? (entry.contentDigest != nil ? start.identity : nil)
        var kind: LedgerFile.Kind = start.entry.isMaildir ? .folder : .whole
        var checkpoint = measured.checkpoint
        var digest = measured.digest ?? entry.contentDigest
        if let point = checkpoint, point.eventsBefore > entry.sequence || point.eventsBefore == 0 {
            // Held back past the checkpoint (a watch), or nothing before it: the file is read whole again.
            if point.eventsBefore > 0 { digest = FileDigest.whole(path) }
            checkpoint = nil
        }
        if checkpoint != nil { kind = .append }
        guard !entry.hadUnreadable, let identity, let before = start.identity,
            kind == .append || identity == before
        else { return try markForReadingAgain(entry) }
        guard let digest else { return try markForReadingAgain(entry) }
        let rows = keys.indices.map { index in
            LedgerFile(
                id: entry.fileIDs[index], investigation: keys[index], path: path, kind: kind, size: identity.size, modified: identity.modified,
                inode: identity.inode, device: identity.device, digest: digest, checkpoint: checkpoint.map(StateCheckpoint.encode),
                kept: checkpoint?.eventsBefore ?? 0, outcomes: entry.sequence, items: entry.items, pendingSize: deferred ? identity.size : nil,
                readAt: now, joins: measured.joins, holdsAttachments: holdsAttachments)
        }
        // Written with the next entries, a few hundred at a time (``writeFinished()``), and at least
        // about every second, as before.
        finished.append(FinishedEntry(entry, rows: rows))
        if finished.count >= Self.finishedPerWrite || now - lastCommit >= 1 { try writeFinished() }
    }

    /// Entries written together: SQLite's code and pages stay in the caches across the inserts,
    /// instead of being fetched again between one file's evaluation and the next.
    static let finishedPerWrite = 256

    /// Writes the entries read and measured since the last call (their rows, records, and the removal
    /// of records past their new ends) in the open transaction, which is committed about every second.
    /// An entry not written yet when the process is killed is read again by the next run, as one
    /// written in a transaction not committed yet is.
    func writeFinished() throws {
        guard !finished.isEmpty else { return }
        try openTransaction()
        // New files with all their records at hand, kept in their rows: inserted together, in order.
        var newRows: [LedgerFile] = []
        var newRecords: [[[UInt8]]] = []
        func insertNewRows() throws {
            guard !newRows.isEmpty else { return }
            try session.insertNew(newRows, records: newRecords)
            newRows.removeAll(keepingCapacity: true)
            newRecords.removeAll(keepingCapacity: true)
        }
        for entry in finished {
            let hasAllRecords = entry.hasAllRecords
            if hasAllRecords {
                let first = newRecords.count
                for index in entry.rows.indices { newRecords.append(entry.records(ofRow: index)) }
                if newRecords[first...].allSatisfy(InlineRecords.fit) {
                    newRows.append(contentsOf: entry.rows)
                    writesSinceCommit += entry.records.count + 1
                    continue
                }
                newRecords.removeSubrange(first...)
            }
            try insertNewRows()
            var ids: [Int64] = []
            ids.reserveCapacity(entry.rows.count)
            // A new file with all its records at hand: the state keeps them with its row when it can.
            for (index, var row) in entry.rows.enumerated() {
                try session.save(&row, records: hasAllRecords ? entry.records(ofRow: index) : nil)
                ids.append(row.id!)
            }
            for (sequence, records) in entry.records where !hasAllRecords {
                for (index, record) in records.enumerated() {
                    try session.insertOutcome(file: ids[index], seq: sequence, record: record, replacing: entry.wasRecorded)
                }
            }
            if entry.storedBefore > entry.sequence {
                for id in ids { try session.deleteOutcomes(file: id, from: entry.sequence) }
            }
            writesSinceCommit += entry.records.count + 1
        }
        try insertNewRows()
        finished.removeAll(keepingCapacity: true)
        if writesSinceCommit >= 4096 || StatefulRun.now() - lastCommit >= 1 {
            try session.commit()
            // Copied into the database while the round goes on, not all by the close at its end.
            run.ledger.copyLogInBackground()
            try openTransaction()
        }
    }

    func openTransaction() throws {
        if !session.isInTransaction {
            try session.begin()
            writesSinceCommit = 0
            lastCommit = StatefulRun.now()
        }
    }

    /// A round stopped inside an entry: it is read again next time.
    func abandonCurrent() throws {
        guard let entry = current, entry.isRecording else { return }
        try markForReadingAgain(entry)
        current = nil
    }

    /// Records that an entry must be read again whole (it changed while read, or part of it could not
    /// be read), keeping its outcomes only so that a watch does not emit its matches twice.
    private func markForReadingAgain(_ entry: OpenEntry) throws {
        // Read again next time though unchanged (an unreadable part may become readable): not settled.
        summaries = nil
        let rows = keys.indices.map { index in
            LedgerFile(
                id: entry.fileIDs[index], investigation: keys[index], path: entry.start.entry.path, kind: .whole, size: -1, modified: 0,
                inode: 0, device: 0, digest: [], outcomes: entry.sequence, items: entry.items, readAt: 0)
        }
        // Written at once, with the entries finished before it.
        finished.append(FinishedEntry(entry, rows: rows))
        try writeFinished()
    }

    /// Files recorded below this run's inputs that the walk did not meet: forgotten, and listed.
    func forgetGoneFiles() throws -> [String] {
        var gone: Set<String> = []
        for file in try goneSummarizedFiles() where isBelowInputs(file.path) {
            guard let id = file.id else { continue }
            try openTransaction()
            try session.deleteFile(id: id)
            gone.insert(file.path)
        }
        // The rows read at the start that the planning did not take (files recorded during this round
        // were all met by the walk).
        for rows in recorded {
            for file in rows.values where isBelowInputs(file.path) {
                guard let id = file.id else { continue }
                try openTransaction()
                try session.deleteFile(id: id)
                gone.insert(file.path)
            }
        }
        return gone.sorted { InputPosition.pathPrecedes($0, $1) }
    }

    private func isBelowInputs(_ path: String) -> Bool {
        paths.contains { input in
            path == input || path.hasPrefix(input.hasSuffix("/") ? input : input + "/")
        }
    }
}
