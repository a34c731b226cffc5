import Foundation
import GRDB

/// The state's connection while ``Ledger/session(_:)`` runs: reads, and writes inside transactions
/// the caller opens and commits. Valid only inside that call, on its thread.
public final class LedgerSession {
    private let db: Database
    private let path: String
    /// Row ids of the investigations by key.
    private var investigationIDs: [String: Int64] = [:]
    private var lastInvestigation: (key: String, id: Int64)?

    init(db: Database, path: String) {
        self.db = db
        self.path = path
    }

    private func run<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw Ledger.error(error, path: path)
        }
    }

    // MARK: Transactions

    /// Whether a transaction is open.
    public var isInTransaction: Bool { db.isInsideTransaction }

    /// Opens a write transaction (taking the write lock at once).
    public func begin() throws(LedgerError) {
        try run { try db.beginTransaction(.immediate) }
    }

    public func commit() throws(LedgerError) {
        try run { try db.commit() }
    }

    // MARK: Investigations

    /// Whether the investigation `key` is recorded under `name` with `settings`: its rows are ready
    /// as they are, and only its `lastRun` would change (read only; nothing is written).
    public func isPrepared(key: String, name: String, settings: String) throws(LedgerError) -> Bool {
        try run {
            let row = try Row.fetchOne(db, sql: "SELECT name, settings FROM investigation WHERE key = ?", arguments: [key])
            return row.map { ($0[0] as String?) == name && ($0[1] as String?) == settings } ?? false
        }
    }

    /// Makes ready the rows of the investigation `key`: when it was recorded with other `settings`
    /// (what else its outcomes depend on), every file of it is marked to be read again whole (size
    /// -1, no digest); its outcome records stay until a read replaces them, so that a watch knows
    /// which matches it emitted. Returns whether rows recorded earlier are still valid.
    @discardableResult
    public func prepareInvestigation(key: String, name: String, settings: String, time: String) throws(LedgerError) -> Bool {
        try run {
            let recorded = try String.fetchOne(db, sql: "SELECT settings FROM investigation WHERE key = ?", arguments: [key])
            try db.inTransaction(.immediate) {
                if recorded != nil, recorded != settings {
                    try db.execute(
                        sql: """
                            UPDATE file SET kind = 'whole', size = -1, digest = x'', checkpoint = NULL, kept = 0, pendingSize = NULL
                            WHERE investigation = (SELECT id FROM investigation WHERE key = ?)
                            """,
                        arguments: [key])
                }
                try db.execute(
                    sql: """
                        INSERT INTO investigation (key, name, settings, lastRun) VALUES (?, ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET name = excluded.name, settings = excluded.settings, lastRun = excluded.lastRun
                        """,
                    arguments: [key, name, settings, time])
                return .commit
            }
            return recorded == settings
        }
    }

    /// The digest of the attachment index the investigation's recorded outcomes and joins were made
    /// with; nil when unknown (never recorded, or cleared by a run over another index).
    public func joinsDigest(investigation key: String) throws(LedgerError) -> [UInt8]? {
        try run {
            let data = try Data.fetchOne(db, sql: "SELECT joinsDigest FROM investigation WHERE key = ?", arguments: [key])
            return data.map { [UInt8]($0) }
        }
    }

    /// Records (or clears, with nil) the digest ``joinsDigest(investigation:)`` gives, in the open transaction.
    public func setJoinsDigest(_ digest: [UInt8]?, investigation key: String) throws(LedgerError) {
        try run {
            try db.execute(sql: "UPDATE investigation SET joinsDigest = ? WHERE key = ?", arguments: [digest.map { Data($0) }, key])
        }
    }

    /// The summary of the investigation's last complete round (``LedgerSummary``), nil when none.
    public func summary(investigation key: String) throws(LedgerError) -> LedgerSummary? {
        try run {
            // Read in place (a summary holds every match again: megabytes, copied once).
            let rows = try Row.fetchCursor(
                db, sql: "SELECT digest, items, body FROM summary WHERE investigation = (SELECT id FROM investigation WHERE key = ?)",
                arguments: [key])
            guard let row = try rows.next(), let items = row[1] as Int?,
                let digest = try row.withUnsafeData(atIndex: 0, { $0.map { [UInt8]($0) } }),
                let body = try row.withUnsafeData(atIndex: 2, { $0.map { [UInt8]($0) } })
            else { return nil }
            return LedgerSummary(digest: digest, items: items, body: body)
        }
    }

    /// Records (or clears, with nil) the summary ``summary(investigation:)`` gives, in the open transaction.
    public func setSummary(_ summary: LedgerSummary?, investigation key: String) throws(LedgerError) {
        try run {
            guard let summary else {
                try cached(.deleteSummary, sql: "DELETE FROM summary WHERE investigation = (SELECT id FROM investigation WHERE key = ?)").execute { bind in
                    bind.text(key)
                }
                return
            }
            // Lent to SQLite: a summary holds every match again (megabytes), neither copied into `Data`
            // nor by SQLite.
            try cached(
                .setSummary,
                sql: """
                    INSERT OR REPLACE INTO summary (investigation, digest, items, body)
                    SELECT id, ?, ?, ? FROM investigation WHERE key = ?
                    """
            ).execute(lending: summary.body) { bind, body in
                bind.blob(summary.digest)
                bind.int(Int64(summary.items))
                bind.lent(body)
                bind.text(key)
            }
        }
    }

    /// The row id of the investigation `key`, nil when it was never prepared.
    private func investigationID(_ key: String) throws -> Int64? {
        // The same key again and again (a row per file): compared, not hashed.
        if let last = lastInvestigation, last.key == key { return last.id }
        if let id = investigationIDs[key] {
            lastInvestigation = (key, id)
            return id
        }
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM investigation WHERE key = ?", arguments: [key])
        if let id { investigationIDs[key] = id }
        return id
    }

    // MARK: Files

    private static let fileColumns =
        "id, investigation, path, kind, size, modified, inode, device, digest, checkpoint, kept, outcomes, items, pendingSize, readAt, joins, holdsAttachments"

    /// The file recorded at `path` for the investigation `key`.
    public func file(investigation key: String, path: String) throws(LedgerError) -> LedgerFile? {
        try run {
            guard let id = try investigationID(key) else { return nil }
            let statement = try db.cachedStatement(sql: "SELECT \(Self.fileColumns) FROM file WHERE investigation = ? AND path = ?")
            return try Row.fetchOne(statement, arguments: [id, path]).map { Self.file($0, key: key) }
        }
    }

    /// The files recorded directly in the folder `folder` (a path ending in `/`) for the investigation
    /// `key`, by path: one look-up of the index for a whole folder.
    public func files(investigation key: String, inFolder folder: String) throws(LedgerError) -> [String: LedgerFile] {
        try run {
            guard let id = try investigationID(key), let last = folder.utf8.last else { return [:] }
            // Paths from `folder` up to (not including) the folder name with its last byte raised.
            var upper = Array(folder.utf8)
            upper[upper.count - 1] = last &+ 1
            let statement = try db.cachedStatement(sql: "SELECT \(Self.fileColumns) FROM file WHERE investigation = ? AND path >= ? AND path < ?")
            var files: [String: LedgerFile] = [:]
            let rows = try Row.fetchCursor(statement, arguments: [id, folder, String(decoding: upper, as: UTF8.self)])
            while let row = try rows.next() {
                let path: String = row[2]
                guard !path.utf8.dropFirst(folder.utf8.count).contains(UInt8(ascii: "/")) else { continue }
                files[path] = Self.file(row, key: key)
            }
            return files
        }
    }

    /// Every file recorded for the investigation `key`, by path: one statement for a whole run (the
    /// first pass over the export and the planning of each file look them up).
    public func allFiles(investigation key: String) throws(LedgerError) -> [String: LedgerFile] {
        try run {
            guard let id = try investigationID(key) else { return [:] }
            let statement = try db.cachedStatement(sql: "SELECT \(Self.fileColumns) FROM file WHERE investigation = ?")
            var files: [String: LedgerFile] = [:]
            // Sized first: growing a dictionary of thousands of paths rehashes them again and again.
            files.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM file WHERE investigation = ?", arguments: [id]) ?? 0)
            let rows = try Row.fetchCursor(statement, arguments: [id])
            while let row = try rows.next() {
                let file = Self.file(row, key: key)
                files[file.path] = file
            }
            return files
        }
    }

    /// How many files are recorded for the investigation `key`.
    public func fileCount(investigation key: String) throws(LedgerError) -> Int {
        try run {
            guard let id = try investigationID(key) else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM file WHERE investigation = ?", arguments: [id]) ?? 0
        }
    }

    /// Whether any file is recorded for the investigation `key` (one row looked up, not all counted).
    public func hasFiles(investigation key: String) throws(LedgerError) -> Bool {
        try run {
            guard let id = try investigationID(key) else { return false }
            return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM file WHERE investigation = ?)", arguments: [id]) ?? false
        }
    }

    /// Every file recorded for the investigation `key`: id and path.
    public func files(investigation key: String) throws(LedgerError) -> [(id: Int64, path: String)] {
        try run {
            guard let id = try investigationID(key) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT id, path FROM file WHERE investigation = ? ORDER BY id", arguments: [id]).map { ($0[0], $0[1]) }
        }
    }

    private static func file(_ row: Row, key: String) -> LedgerFile {
        LedgerFile(
            id: row[0], investigation: key, path: row[2], kind: LedgerFile.Kind(rawValue: row[3]) ?? .whole, size: row[4], modified: row[5],
            inode: row[6], device: row[7], digest: [UInt8]((row[8] as Data?) ?? Data()), checkpoint: (row[9] as Data?).map { [UInt8]($0) }, kept: row[10],
            outcomes: row[11], items: row[12], pendingSize: row[13], readAt: row[14],
            joins: (row[15] as Data?).map { [UInt8]($0) }, holdsAttachments: row[16])
    }

    /// Inserts or updates `file` (setting its id). A new row may be given all its outcome records
    /// (`records`, sequence numbers 0 ..< count): few and small ones are kept in the row
    /// (``InlineRecords``), others are inserted as `outcome` rows. An update leaves the records a row
    /// holds as they are.
    public func save(_ file: inout LedgerFile, records: [[UInt8]]? = nil) throws(LedgerError) {
        precondition(file.id == nil || records == nil, "records go with a new row only")
        guard let id = file.id else {
            let inline = records.flatMap { InlineRecords.fit($0) ? $0 : nil }
            file.id = try insertRows([file][...], records: [inline][...], statement: .insertFile)
            if inline != nil { filesWithoutInlineRecords.remove(file.id!) }
            if let records, inline == nil {
                for (seq, record) in records.enumerated() { try insertOutcome(file: file.id!, seq: seq, record: record, replacing: false) }
            }
            return
        }
        let key = file.investigation
        guard let investigation = try run({ try investigationID(key) }) else {
            throw LedgerError(.corrupt, "has no investigation \(key) for \(file.path)", path: path)
        }
        let row = file
        try run {
            let statement = try cached(.updateFile, sql: """
                UPDATE file SET investigation = ?, path = ?, kind = ?, size = ?, modified = ?, inode = ?, device = ?, digest = ?,
                checkpoint = ?, kept = ?, outcomes = ?, items = ?, pendingSize = ?, readAt = ?, joins = ?, holdsAttachments = ? WHERE id = ?
                """)
            try statement.execute { bind in
                bind.int(investigation)
                bind.text(row.path)
                bind.text(row.kind.rawValue)
                bind.int(row.size)
                bind.int(row.modified)
                bind.int(row.inode)
                bind.int(row.device)
                bind.blob(row.digest)
                bind.blob(row.checkpoint)
                bind.int(row.kept)
                bind.int(row.outcomes)
                bind.int(row.items)
                bind.int(row.pendingSize)
                bind.double(row.readAt)
                bind.blob(row.joins)
                bind.bool(row.holdsAttachments)
                bind.int(id)
            }
        }
    }

    /// New files, each given all its outcome records, which ``InlineRecords`` keeps in its row
    /// (`records[i]` are `files[i]`'s, and fit): rows of a first run, written ``insertedPerStatement``
    /// to a statement: one statement per file took SQLite a third longer, starting and ending each.
    /// The rows get their ids in order; the files are not given them (a caller that needs ids uses
    /// ``save(_:records:)``).
    public func insertNew(_ files: [LedgerFile], records: [[[UInt8]]]) throws(LedgerError) {
        precondition(files.count == records.count && files.allSatisfy { $0.id == nil }, "new files, each with its records")
        var start = 0
        while files.count - start >= Self.insertedPerStatement {
            let batch = start..<(start + Self.insertedPerStatement)
            try insertRows(files[batch], records: records[batch].map { $0 }[...], statement: .insertFiles)
            start = batch.upperBound
        }
        for index in start..<files.count {
            var file = files[index]
            try save(&file, records: records[index])
        }
        // Row ids of files deleted this session may be given again.
        if !filesWithoutInlineRecords.isEmpty { filesWithoutInlineRecords.removeAll() }
    }

    /// Rows ``insertNew(_:records:)`` writes with one statement.
    static let insertedPerStatement = 32

    /// The `INSERT` of `rows` new files.
    private static func insertSQL(rows: Int) -> String {
        "INSERT INTO file (investigation, path, kind, size, modified, inode, device, digest, checkpoint, kept, outcomes, items, "
            + "pendingSize, readAt, joins, holdsAttachments, records) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// Inserts new `files` with `statement` (``insertSQL(rows:)`` of as many rows), each with its
    /// records kept in its row (`records[i]`, which fit) or none there (nil: they are `outcome` rows).
    /// The paths, digests and records (most of the state's bytes) are lent to SQLite from one buffer,
    /// not copied by it. Returns the last row's id.
    @discardableResult
    private func insertRows(_ files: ArraySlice<LedgerFile>, records: ArraySlice<[[UInt8]]?>, statement: Prepared) throws(LedgerError) -> Int64 {
        var ids: [Int64] = []
        ids.reserveCapacity(files.count)
        for file in files {
            let key = file.investigation
            guard let id = try run({ try investigationID(key) }) else {
                throw LedgerError(.corrupt, "has no investigation \(key) for \(file.path)", path: path)
            }
            ids.append(id)
        }
        // Each row's path, digest, checkpoint, joins and records, one after another.
        var lent: [UInt8] = []
        var ranges: [Range<Int>] = []
        lent.reserveCapacity(
            files.reduce(0) { $0 + $1.path.utf8.count + $1.digest.count + 64 } + records.reduce(0) { $0 + ($1?.reduce(0) { $0 + $1.count + 3 } ?? 0) })
        ranges.reserveCapacity(files.count * 5)
        func append(_ bytes: some Collection<UInt8>) {
            let start = lent.count
            lent.append(contentsOf: bytes)
            ranges.append(start..<lent.count)
        }
        // By index: the files are read in place, not copied.
        let first = (file: files.startIndex, records: records.startIndex)
        for row in 0..<files.count {
            append(files[first.file + row].path.utf8)
            append(files[first.file + row].digest)
            append(files[first.file + row].checkpoint ?? [])
            append(files[first.file + row].joins ?? [])
            let start = lent.count
            if let fileRecords = records[first.records + row] { InlineRecords.encode(fileRecords, into: &lent) }
            ranges.append(start..<lent.count)
        }
        return try run {
            let prepared = try cached(statement, sql: Self.insertSQL(rows: files.count))
            try prepared.execute(lending: lent) { bind, bytes in
                for row in 0..<files.count {
                    let file = files[first.file + row]
                    func lent(_ part: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[ranges[row * 5 + part]]) }
                    bind.int(ids[row])
                    bind.lentText(lent(0))
                    bind.text(file.kind.rawValue)
                    bind.int(file.size)
                    bind.int(file.modified)
                    bind.int(file.inode)
                    bind.int(file.device)
                    bind.lent(lent(1))
                    if file.checkpoint == nil { bind.null() } else { bind.lent(lent(2)) }
                    bind.int(file.kept)
                    bind.int(file.outcomes)
                    bind.int(file.items)
                    bind.int(file.pendingSize)
                    bind.double(file.readAt)
                    if file.joins == nil { bind.null() } else { bind.lent(lent(3)) }
                    bind.bool(file.holdsAttachments)
                    if records[first.records + row] == nil { bind.null() } else { bind.lent(lent(4)) }
                }
            }
            return prepared.lastInsertedRowID
        }
    }

    /// The statements a round runs per file and per outcome (and those of its summary), prepared once
    /// per session and finalized when it ends (``end()``).
    private enum Prepared: Int, CaseIterable {
        case insertFile, insertFiles, updateFile, insertOutcome, replaceOutcome, setSummary, deleteSummary
    }

    private var prepared = [DirectStatement?](repeating: nil, count: Prepared.allCases.count)

    /// Finalizes the statements prepared for the session when it ends (``Ledger/session(_:)``): a
    /// caller may keep the session object, and SQLite does not close a connection with statements.
    func end() {
        prepared = [DirectStatement?](repeating: nil, count: Prepared.allCases.count)
    }

    /// The statement `key`, prepared from `sql` the first time.
    private func cached(_ key: Prepared, sql: @autoclosure () -> String) throws -> DirectStatement {
        if let statement = prepared[key.rawValue] { return statement }
        let made = DirectStatement(try db.makeStatement(sql: sql()), in: db)
        prepared[key.rawValue] = made
        return made
    }

    /// Forgets a file and its outcome records.
    public func deleteFile(id: Int64) throws(LedgerError) {
        try run { try db.execute(sql: "DELETE FROM file WHERE id = ?", arguments: [id]) }
    }

    // MARK: Outcome records

    /// Up to `limit` outcome records of a file from sequence number `start` on, in order.
    public func outcomes(file: Int64, from start: Int, limit: Int) throws(LedgerError) -> [[UInt8]] {
        if let inline = try inlineRecords(file: file) {
            guard start < inline.count, limit > 0 else { return [] }
            return Array(inline[start..<min(inline.count, start + limit)])
        }
        return try run {
            let statement = try db.cachedStatement(sql: "SELECT record FROM outcome WHERE file = ? AND seq >= ? ORDER BY seq LIMIT ?")
            return try Data.fetchAll(statement, arguments: [file, start, limit]).map { [UInt8]($0) }
        }
    }

    /// The records a file keeps in its row (nil: its records are `outcome` rows). A file found to keep
    /// none is not asked again this session (a long file's records are read in many pieces).
    private func inlineRecords(file: Int64) throws(LedgerError) -> [[UInt8]]? {
        guard !filesWithoutInlineRecords.contains(file) else { return nil }
        let records = try run { () throws -> [[UInt8]]? in
            let statement = try db.cachedStatement(sql: "SELECT records FROM file WHERE id = ? AND records IS NOT NULL")
            guard let row = try Row.fetchOne(statement, arguments: [file]) else { return nil }
            return try inlineRecords(in: row, at: 0)
        }
        if records == nil { filesWithoutInlineRecords.insert(file) }
        return records
    }

    /// The records kept in a row's `records` column (not NULL).
    private func inlineRecords(in row: Row, at index: Int) throws -> [[UInt8]] {
        // An empty blob is no record; bytes that are not records are a damaged state.
        let records = try row.withUnsafeData(atIndex: index) { data in data.map { $0.withUnsafeBytes { InlineRecords.decode($0) } } ?? [] }
        guard let records else { throw LedgerError(.corrupt, "is damaged: the records kept in a file's row cannot be read", path: path) }
        return records
    }

    /// Moves the records a file keeps in its row to `outcome` rows, before they are replaced or removed.
    private func moveInlineRecords(file: Int64) throws(LedgerError) {
        guard let records = try inlineRecords(file: file) else { return }
        filesWithoutInlineRecords.insert(file)
        for (seq, record) in records.enumerated() { try insertOutcome(file: file, seq: seq, record: record, replacing: true) }
        try run { try db.execute(sql: "UPDATE file SET records = NULL WHERE id = ?", arguments: [file]) }
    }

    /// Files whose rows hold no records (looked at, or moved, this session; a row saved with records
    /// leaves the set).
    private var filesWithoutInlineRecords: Set<Int64> = []

    /// The outcome records of the files recorded directly in the folder `folder` (a path ending in
    /// `/`) for the investigation `key` that have at most `limit` records, by file row id, in order:
    /// one statement for a whole folder of small files, instead of one per file.
    public func smallFileOutcomes(investigation key: String, inFolder folder: String, limit: Int) throws(LedgerError) -> [Int64: [[UInt8]]] {
        try run {
            guard let id = try investigationID(key), let last = folder.utf8.last else { return [:] }
            var upper = Array(folder.utf8)
            upper[upper.count - 1] = last &+ 1
            // Paths in the folder's range with no `/` after the folder (compared as bytes, not characters).
            let statement = try db.cachedStatement(sql: """
                SELECT o.file, o.record FROM file f JOIN outcome o ON o.file = f.id
                WHERE f.investigation = ? AND f.path >= ? AND f.path < ? AND f.outcomes <= ? AND o.seq < f.outcomes
                AND instr(substr(CAST(f.path AS BLOB), ?), x'2F') = 0
                ORDER BY o.file, o.seq
                """)
            var records: [Int64: [[UInt8]]] = [:]
            let arguments: StatementArguments = [id, folder, String(decoding: upper, as: UTF8.self), limit, folder.utf8.count + 1]
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            while let row = try rows.next() {
                let file: Int64 = row[0]
                let record = try row.withUnsafeData(atIndex: 1) { data in data.map { [UInt8]($0) } ?? [] }
                records[file, default: []].append(record)
            }
            // And those kept in the files' rows.
            let inline = try db.cachedStatement(sql: """
                SELECT f.id, f.records FROM file f
                WHERE f.investigation = ? AND f.path >= ? AND f.path < ? AND f.outcomes <= ? AND f.records IS NOT NULL
                AND instr(substr(CAST(f.path AS BLOB), ?), x'2F') = 0
                """)
            let inlineRows = try Row.fetchCursor(inline, arguments: arguments)
            while let row = try inlineRows.next() {
                let file: Int64 = row[0]
                records[file] = try inlineRecords(in: row, at: 1)
            }
            return records
        }
    }

    /// Inserts a file's outcome record; `replacing` one the file may hold at `seq` already (a file
    /// recorded before), else the insert is plain (SQLite then keeps no statement journal for it).
    public func insertOutcome(file: Int64, seq: Int, record: [UInt8], replacing: Bool = true) throws(LedgerError) {
        // A file recorded before may keep its records in its row: they become rows first.
        if replacing { try moveInlineRecords(file: file) }
        try run {
            let statement = replacing
                ? try cached(.replaceOutcome, sql: "INSERT OR REPLACE INTO outcome (file, seq, record) VALUES (?, ?, ?)")
                : try cached(.insertOutcome, sql: "INSERT INTO outcome (file, seq, record) VALUES (?, ?, ?)")
            try statement.execute { bind in
                bind.int(file)
                bind.int(seq)
                bind.blob(record)
            }
        }
    }

    /// Removes a file's outcome records from sequence number `start` on.
    public func deleteOutcomes(file: Int64, from start: Int) throws(LedgerError) {
        try moveInlineRecords(file: file)
        try run {
            let statement = try db.cachedStatement(sql: "DELETE FROM outcome WHERE file = ? AND seq >= ?")
            try statement.execute(arguments: [file, start])
        }
    }
}
