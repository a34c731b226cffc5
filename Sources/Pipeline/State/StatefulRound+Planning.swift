import Foundation
import GraphExport
import Ingest
import Investigation
import Ledger
import MailModel

extension StatefulRound {
    /// How an entry is read (asked by the scan before it opens the entry): for every investigation,
    /// what its state says; the entry is passed over, read on from a checkpoint, or read whole when the
    /// investigations do not agree.
    func plan(_ entry: ExportEntry) -> EntryPlan {
        settleAwaitedIdentity()
        entryOpen = true
        let standing = failure == nil ? planFromSummary(entry) : .rowsDecide
        if standing == .passedOver { return .skip }
        // Taken out of the rows read at the start: those left at the end are of files the walk did not meet.
        let rows = recorded.isEmpty ? nil : recorded.indices.map { recorded[$0].removeValue(forKey: entry.path) }
        var start = EntryStart(entry: entry, plan: .read, identity: nil, digest: nil, files: noFiles)
        defer { queue(start) }
        // The first entry to be read warms the text normalizer; a round that reuses everything never does.
        defer { if start.plan != .skip { TextNormalizer.prepareInBackground() } }
        guard failure == nil else {
            start.plan = .skip
            return .skip
        }
        if entry.isMaildir {
            guard let listing = FileDigest.maildir(entry.path) else { return .read }
            start.identity = listing.identity
            start.digest = listing.digest
        } else {
            // Taken by the first pass, when it looked at the file (one `stat`, not two); in a first
            // run, by the scan as it opens the file to read it (``identityRead(_:)``).
            let known = identities.removeValue(forKey: entry.path)
            guard let identity = known ?? (hasRecordedFiles ? folderProbe.identity(of: entry.path) : nil) else { return .read }
            start.identity = identity
        }
        guard hasRecordedFiles else { return .read }
        do throws(LedgerError) {
            try readFolderRecords(entry.path)
            start.files = rows ?? start.files
            // With the summaries standing for the unchanged files' rows, the others' are looked up.
            if summarized != nil, standing == .rowsDecide {
                start.files = try keys.map { key throws(LedgerError) in try session.file(investigation: key, path: entry.path) }
            }
        } catch {
            failure = error
            start.plan = .skip
            return .skip
        }
        var plans: [EntryPlan] = []
        for file in start.files {
            guard let file else {
                plans.append(.read)
                continue
            }
            plans.append(decide(file, start: &start))
        }
        let counts = Set(start.files.map { $0?.outcomes ?? -1 })
        if let first = plans.first, plans.allSatisfy({ $0 == first }), counts.count == 1 {
            start.plan = first
        }
        // A Graph message is joined, as it is read, to the attachments the export keeps apart. When the
        // attachment index differs from the one the recorded outcomes were made with, files that may
        // hold Graph messages are read again; else a file passed over gives back the joins it made.
        if start.plan != .read, !joinsUnchanged, !entry.isMaildir, Self.mayHoldJSON(entry.path) {
            start.plan = .read
        }
        if joinsUnchanged, start.plan != .read, let joins = start.files.lazy.compactMap({ $0?.joins }).first {
            scan.replayJoins(StateJoins.decode(joins), of: entry.path)
        }
        if start.plan == .read { start.refreshesIdentity = false }
        return start.plan
    }

    /// The outcome records of the small files of the folder holding `path`, read together when the
    /// walk enters it (the walk takes a folder's files one after another).
    private func readFolderRecords(_ path: String) throws(LedgerError) {
        guard !recorded.isEmpty, let slash = ExportScan.lastSlash(in: path) else { return }
        let folder = String(path[...slash])
        guard folderRows?.folder != folder else { return }
        var records: [[Int64: [[UInt8]]]] = []
        for key in keys {
            records.append(try session.smallFileOutcomes(investigation: key, inFolder: folder, limit: Self.bundledRecords))
        }
        folderRows = (folder, records)
    }

    /// What one investigation's record of the file allows.
    private func decide(_ file: LedgerFile, start: inout EntryStart) -> EntryPlan {
        guard let identity = start.identity else { return .read }
        let unchanged = identity.size == file.size && identity.modified == file.modified && identity.inode == file.inode
            && identity.device == file.device
        // Modified within two seconds of being read: a change in the same clock tick would keep the
        // time and the size, so the content is compared (as git does with "racily clean" entries).
        let racy = file.readAt - Double(file.modified) / 1e9 < 2
        if let pendingSize = file.pendingSize {
            start.isSettled = identity.size == pendingSize
        } else if unchanged, !racy, file.kind != .folder {
            return .skip
        }
        switch file.kind {
        case .folder:
            guard start.digest == file.digest, file.pendingSize == nil else { return .read }
            start.refreshesIdentity = !unchanged
            return .skip
        case .whole:
            if file.pendingSize != nil { return .read }
            if start.digest == nil { start.digest = FileDigest.whole(start.entry.path) }
            guard start.digest == file.digest else { return .read }
            start.refreshesIdentity = true
            return .skip
        case .append:
            guard identity.size >= file.size, let bytes = file.checkpoint,
                let checkpoint = try? StateCheckpoint.decode(bytes),
                FileDigest.around(start.entry.path, checkpoint: checkpoint.offset, readEnd: Int(file.size)) == file.digest
            else { return .read }
            return .resume(checkpoint)
        }
    }

    /// Compares this run's attachment index with the one each investigation's outcomes were recorded
    /// with; when they differ, forgets the recorded digest in the open transaction, before any file is
    /// recorded (a run killed before its end must not leave a digest its files' rows do not match).
    func compareJoins() throws {
        // The rows of every recorded file, read once: the first pass and the planning look them up.
        if hasRecordedFiles {
            recorded = []
            for key in keys { recorded.append(try session.allFiles(investigation: key)) }
            identities.reserveCapacity(recorded[0].count)
        }
        // The first pass opens every file for attachments kept apart, except those the state read
        // before, unchanged since (by `stat`, and not racily clean), where it found none.
        func unchanged(_ path: String) -> LedgerFile? {
            guard let file = recorded.first?[path], file.pendingSize == nil, file.size >= 0, file.holdsAttachments != nil else { return nil }
            let identity: FileIdentity
            if let known = identities[path] {
                identity = known
            } else {
                guard let taken = FileIdentity.of(path) else { return nil }
                identities[path] = taken
                identity = taken
            }
            guard identity.size == file.size, identity.modified == file.modified, identity.inode == file.inode,
                identity.device == file.device, file.readAt - Double(file.modified) / 1e9 >= 2
            else { return nil }
            return file
        }
        if recorded.first?.isEmpty == false {
            scan.holdsNoAttachments = { path in unchanged(path).map { $0.holdsAttachments == false } ?? false }
        }
        scan.indexAttachments()
        scan.holdsNoAttachments = nil
        joinsDigest = StateJoins.digest(of: scan.attachmentIndex) { path in
            unchanged(path).flatMap { $0.kind == .whole && !$0.digest.isEmpty ? $0.digest : nil }
        }
        var unchanged = true
        for key in keys where try session.joinsDigest(investigation: key) != joinsDigest { unchanged = false }
        joinsUnchanged = unchanged
        if !unchanged {
            for key in keys { try session.setJoinsDigest(nil, investigation: key) }
        }
    }

    /// Whether the file starts like JSON (so may hold Graph messages).
    static func mayHoldJSON(_ path: String) -> Bool {
        guard let prefix = try? InputFile.readPrefix(path, count: 512) else { return true }
        return GraphReader.looksLikeJSON(prefix)
    }

    /// The identity of the file whose start waits for it (a first run's), as the scan found it when
    /// it opened the file to read it: that of the bytes read, with no `stat` of the path.
    func identityRead(_ identity: FileIdentity) {
        guard let index = awaitedStart else { return }
        awaitedStart = nil
        guard case .work(.start(let box)) = pending[index] else { return }
        box.start.identity = identity
        openStart?.identity = identity
    }

    /// Gives the start that waits for its identity the one a `stat` finds: the scan did not open its
    /// file to read it (a file of attachments only, one that could not be opened). Before the next
    /// entry is planned, and before the producer hands the start out.
    func settleAwaitedIdentity() {
        guard let index = awaitedStart, case .work(.start(let box)) = pending[index],
            let identity = folderProbe.identity(of: box.start.entry.path)
        else {
            awaitedStart = nil
            return
        }
        identityRead(identity)
    }

    /// Queues the entry's start, and the stored records it reuses.
    private func queue(_ start: EntryStart) {
        openStart = start
        openEvents = 0
        openIsOneEML = false
        openIsBundled = false
        let files = start.files.compactMap { $0?.id }
        // A file passed over with few records is one piece of work: its start, records and end.
        let count = start.files.first??.outcomes ?? 0
        if start.plan == .skip, failure == nil, files.count == keys.count, count <= Self.bundledRecords {
            do throws(LedgerError) {
                var records: [[[UInt8]]] = []
                for (index, file) in files.enumerated() {
                    // Read with the folder's rows, else (a file outside any folder) on its own.
                    if let folder = folderRows, start.entry.path.hasPrefix(folder.folder) {
                        records.append(count == 0 ? [] : folder.records[index][file] ?? [])
                    } else {
                        records.append(try session.outcomes(file: file, from: 0, limit: count))
                    }
                }
                guard records.allSatisfy({ $0.count == count }) else {
                    failure = LedgerError(.corrupt, "has fewer outcome records than its files say", path: run.ledger.path)
                    return
                }
                openIsBundled = true
                push(.work(.reused(start, (0..<count).map { row in records.map { $0[row] } }, path: start.entry.path)))
            } catch {
                failure = error
            }
            return
        }
        push(.work(.start(EntryStartBox(start))))
        // A first run's file to be read: the scan gives its identity as it opens it.
        if !hasRecordedFiles, start.plan == .read, start.identity == nil, !start.entry.isMaildir { awaitedStart = pending.count - 1 }
        guard files.count == keys.count else { return }
        switch start.plan {
        case .skip where failure == nil:
            let count = start.files.first??.outcomes ?? 0
            if count > 0 { push(.stored(files: files, from: 0, to: count)) }
        case .resume(let checkpoint):
            if checkpoint.eventsBefore > 0 { push(.stored(files: files, from: 0, to: checkpoint.eventsBefore)) }
        default:
            break
        }
    }
}

/// A checkpoint as the state keeps it: opaque bytes to the state, JSON here.
enum StateCheckpoint {
    static func encode(_ checkpoint: EntryCheckpoint) -> [UInt8] {
        (try? Array(JSONEncoder().encode(checkpoint))) ?? []
    }

    static func decode(_ bytes: [UInt8]) throws -> EntryCheckpoint {
        try JSONDecoder().decode(EntryCheckpoint.self, from: Data(bytes))
    }
}
