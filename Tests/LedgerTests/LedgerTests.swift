import Foundation
import GRDB
import Testing
@testable import Ledger

/// The state database: its schema, WAL mode, transactions, and the files it refuses.
@Suite struct LedgerTests {
    /// A temporary folder, removed at the end.
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-ledger-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    static func file(_ key: String, _ path: String, outcomes: Int = 0) -> LedgerFile {
        LedgerFile(
            investigation: key, path: path, kind: .append, size: 10, modified: 20, inode: 30, device: 40, digest: [1, 2, 3],
            checkpoint: [9, 9], kept: 1, outcomes: outcomes, items: outcomes, pendingSize: nil, readAt: 50.5)
    }

    @Test func aNewStateHasTheSchemaInWALModeAndKeepsWhatWasCommitted() throws {
        let folder = try Folder()
        let path = folder.path("state.sqlite")
        do {
            let ledger = try Ledger(path: path)
            try ledger.session { session in
                #expect(try session.prepareInvestigation(key: "k", name: "inv", settings: "s1", time: "t") == false)
                try session.begin()
                var file = Self.file("k", "a/b.mbox", outcomes: 3)
                try session.save(&file)
                for seq in 0..<3 { try session.insertOutcome(file: file.id!, seq: seq, record: Array("r\(seq)".utf8)) }
                try session.commit()
            }
        }
        let queue = try DatabaseQueue(path: path)
        let (mode, application, tables, migrations) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
                try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            )
        }
        #expect(mode == "wal")
        #expect(application == LedgerSchema.applicationID)
        #expect(tables.isSuperset(of: ["investigation", "file", "outcome"]))
        #expect(migrations == ["v1", "v2", "v3", "v4", "v5", "v6"])
        let again = try Ledger(path: path)
        try again.session { session in
            #expect(try session.prepareInvestigation(key: "k", name: "inv", settings: "s1", time: "t2") == true)
            let file = try #require(try session.file(investigation: "k", path: "a/b.mbox"))
            #expect(file == { var f = Self.file("k", "a/b.mbox", outcomes: 3); f.id = file.id; return f }())
            #expect(try session.outcomes(file: file.id!, from: 1, limit: 10) == [Array("r1".utf8), Array("r2".utf8)])
            #expect(try session.files(investigation: "k").map(\.path) == ["a/b.mbox"])
            #expect(try session.file(investigation: "other", path: "a/b.mbox") == nil)
        }
    }

    /// A run's commits stay in the write-ahead log (under 64 MiB of it) until the state is closed;
    /// closing in the background copies them into the database and removes the log, and a state
    /// opened afterwards holds everything committed.
    @Test func theLogIsCopiedIntoTheStateWhenItIsClosedInTheBackground() throws {
        let folder = try Folder()
        let path = folder.path("state.sqlite")
        var closing: LedgerTask<Void>?
        do {
            let ledger = try Ledger(path: path)
            try ledger.session { session in
                _ = try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t")
                try session.begin()
                // Over SQLite's default threshold of 1,000 pages (4 MiB), under Dragnet's.
                for index in 0..<1_500 {
                    var file = Self.file("k", "folder/\(index).eml", outcomes: 1)
                    try session.save(&file, records: [Array(repeating: UInt8(index % 251), count: 3_000)])
                }
                try session.commit()
            }
            let log = try #require(try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
            #expect(log > 4_000 * 1_024, "the commit was not copied into the database by itself")
            closing = ledger.closeInBackground()
        }
        try #require(closing).wait()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "closing copied the log and removed it")
        let queue = try DatabaseQueue(path: path)
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM file") }
        #expect(count == 1_500)
        let again = try Ledger(path: path)
        try again.session { session in
            let file = try #require(try session.file(investigation: "k", path: "folder/1499.eml"))
            #expect(try session.outcomes(file: file.id!, from: 0, limit: 5) == [Array(repeating: UInt8(1_499 % 251), count: 3_000)])
        }
    }

    /// Transactions committed while the state is written are copied into the database on a connection
    /// of its own meanwhile (the writing goes on, nothing waits); the close copies the rest, and a
    /// state opened afterwards holds everything committed.
    @Test func theLogIsCopiedInTheBackgroundWhileTheStateGoesOnBeingWritten() throws {
        let folder = try Folder()
        let path = folder.path("state.sqlite")
        let size = { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        var closing: LedgerTask<Void>?
        do {
            let ledger = try Ledger(path: path)
            let created = size()
            try ledger.session { session in
                _ = try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t")
                for batch in 0..<4 {
                    try session.begin()
                    for index in 0..<300 {
                        var file = Self.file("k", "folder/\(batch)-\(index).eml", outcomes: 1)
                        try session.save(&file, records: [Array(repeating: UInt8(index % 251), count: 1_000)])
                    }
                    try session.commit()
                    ledger.copyLogInBackground()
                }
            }
            ledger.checkpointer.waitUntilIdle()
            // The rows (over a megabyte) are in the database file before it is closed.
            #expect(created < 100_000)
            #expect(size() > 1_200_000, "the log was copied into the database in the background")
            closing = ledger.closeInBackground()
        }
        try #require(closing).wait()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "closing copied the rest and removed the log")
        let again = try Ledger(path: path)
        try again.session { session in
            #expect(try session.files(investigation: "k").count == 1_200)
            let file = try #require(try session.file(investigation: "k", path: "folder/3-299.eml"))
            #expect(try session.outcomes(file: file.id!, from: 0, limit: 5) == [Array(repeating: UInt8(299 % 251), count: 1_000)])
        }
    }

    /// Work given to the background (a round's summaries) is committed before the next session and
    /// before the state is closed, whoever keeps the session object; its error comes from the next
    /// session, and the state still closes.
    @Test func workInTheBackgroundComesBeforeTheNextSessionAndTheClose() throws {
        let folder = try Folder()
        let path = folder.path("state.sqlite")
        let ledger = try Ledger(path: path)
        try ledger.session { session in _ = try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t") }
        let body = (0..<2_000_000).map { UInt8(truncatingIfNeeded: $0) }
        // The session escapes its call (as a round keeps it): its statements are still finalized.
        nonisolated(unsafe) var kept: [LedgerSession] = []
        ledger.sessionInBackground { session in
            kept.append(session)
            try session.begin()
            try session.setSummary(LedgerSummary(digest: [1], items: 2, body: body), investigation: "k")
            try session.commit()
        }
        let summary = try ledger.session { session in try session.summary(investigation: "k") }
        #expect(summary == LedgerSummary(digest: [1], items: 2, body: body))
        ledger.sessionInBackground { session in
            try session.begin()
            try session.setSummary(nil, investigation: "k")
            try session.begin()  // a second transaction inside the first: SQLite refuses it
        }
        #expect(throws: LedgerError.self) { try ledger.session { _ in } }
        #expect(try ledger.session { session in try session.summary(investigation: "k") } != nil, "the failed work was rolled back")
        ledger.sessionInBackground { session in
            kept.append(session)
            try session.begin()
            try session.setSummary(LedgerSummary(digest: [3], items: 4, body: [5]), investigation: "k")
            try session.commit()
        }
        try ledger.closeInBackground().wait()
        #expect(kept.count == 2)
        let again = try Ledger(path: path)
        #expect(try again.session { session in try session.summary(investigation: "k") } == LedgerSummary(digest: [3], items: 4, body: [5]))
    }

    /// Opened on a thread of its own, a state is the one ``Ledger/init(path:)`` gives, and a file it
    /// refuses is refused the same way.
    @Test func aStateOpenedInTheBackgroundIsTheSameAndRefusesTheSame() throws {
        let folder = try Folder()
        let path = folder.path("state.sqlite")
        do {
            let ledger = try Ledger(path: path)
            try ledger.session { session in
                _ = try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t")
                try session.begin()
                var file = Self.file("k", "a.mbox", outcomes: 0)
                try session.save(&file)
                try session.commit()
            }
        }
        let opened = try Ledger.openInBackground(path: path).wait()
        let found = try opened.session { session in try session.file(investigation: "k", path: "a.mbox")?.path }
        #expect(found == "a.mbox")
        let notes = folder.path("notes.txt")
        try Data("not a database, but long enough to be read as one\n".utf8).write(to: URL(fileURLWithPath: notes))
        #expect(throws: LedgerError.self) { try Ledger.openInBackground(path: notes).wait() }
        do {
            _ = try Ledger.openInBackground(path: notes).wait()
        } catch {
            #expect(error.code == .notADatabase)
        }
    }

    /// A new state is made with the schema at once (``LedgerSchema/createCurrent(_:)``): it is the one
    /// the migrations make one after another, column by column, key by key, index by index.
    @Test func aNewStateHasTheSchemaTheMigrationsMake() throws {
        let folder = try Folder()
        _ = try Ledger(path: folder.path("new.sqlite"))
        do {
            let queue = try DatabaseQueue(path: folder.path("migrated.sqlite"))
            try LedgerSchema.migrator.migrate(queue)
        }
        func describe(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                var lines = ["application_id \(try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0)"]
                lines += try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid").map { "migration \($0)" }
                let objects = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
                for object in objects {
                    let name: String = object["name"]
                    let sql: String? = object["sql"]
                    lines.append("\(object["type"] as String) \(name) on \(object["tbl_name"] as String) withoutRowID=\(sql?.contains("WITHOUT ROWID") ?? false)")
                    guard object["type"] as String == "table" else { continue }
                    for pragma in ["table_xinfo", "index_list", "foreign_key_list"] {
                        for row in try Row.fetchAll(db, sql: "PRAGMA \(pragma)(\(name))") { lines.append("  \(pragma) \(row)") }
                    }
                    for index in try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?)", arguments: [name]) {
                        for row in try Row.fetchAll(db, sql: "PRAGMA index_xinfo(\(index))") { lines.append("  \(index) \(row)") }
                    }
                }
                return lines
            }
        }
        let made = try describe(folder.path("new.sqlite"))
        let migrated = try describe(folder.path("migrated.sqlite"))
        #expect(made.count > 40)
        #expect(made == migrated)
    }

    /// A state of version 1 is migrated: its rows stay, with no joins and no digest of the attachment
    /// index (unknown: the next run reads Graph files again); both are kept once written.
    @Test func aVersionOneStateIsMigratedAndKeepsJoins() throws {
        let folder = try Folder()
        let path = folder.path("v1.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try LedgerSchema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO investigation (key, name, settings, lastRun) VALUES ('k', 'inv', 's', 't')")
                try db.execute(sql: """
                    INSERT INTO file (investigation, path, kind, size, modified, inode, device, digest, kept, outcomes, items, readAt)
                    VALUES (1, 'a.json', 'whole', 1, 2, 3, 4, x'01', 0, 0, 0, 5.0)
                    """)
            }
        }
        let ledger = try Ledger(path: path)
        try ledger.session { session in
            #expect(try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t2") == true)
            var file = try #require(try session.file(investigation: "k", path: "a.json"))
            #expect(file.joins == nil && file.size == 1)
            #expect(try session.joinsDigest(investigation: "k") == nil)
            try session.begin()
            file.joins = [1, 0, 0, 0]
            try session.save(&file)
            try session.setJoinsDigest([7, 7], investigation: "k")
            try session.commit()
            #expect(try session.file(investigation: "k", path: "a.json")?.joins == [1, 0, 0, 0])
            #expect(try session.joinsDigest(investigation: "k") == [7, 7])
            #expect(try session.joinsDigest(investigation: "other") == nil)
            try session.begin()
            try session.setJoinsDigest(nil, investigation: "k")
            try session.commit()
            #expect(try session.joinsDigest(investigation: "k") == nil)
        }
    }

    /// A state of version 2 is migrated: its rows stay and do not say what the first pass found in
    /// each file (nil: the file is opened for it); once said, it is kept, and every row of a run comes
    /// back from one read, by path.
    @Test func aVersionTwoStateIsMigratedAndLearnsWhatFilesHold() throws {
        let folder = try Folder()
        let path = folder.path("v2.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try LedgerSchema.migrator.migrate(queue, upTo: "v2")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO investigation (key, name, settings, lastRun) VALUES ('k', 'inv', 's', 't')")
                try db.execute(sql: """
                    INSERT INTO file (investigation, path, kind, size, modified, inode, device, digest, kept, outcomes, items, readAt, joins)
                    VALUES (1, 'a.eml', 'whole', 1, 2, 3, 4, x'01', 0, 1, 1, 5.0, NULL), (1, 'b.json', 'whole', 6, 7, 8, 9, x'02', 0, 0, 0, 5.0, x'01000000')
                    """)
            }
        }
        let ledger = try Ledger(path: path)
        try ledger.session { session in
            #expect(try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t2") == true)
            let files = try session.allFiles(investigation: "k")
            #expect(files.keys.sorted() == ["a.eml", "b.json"])
            #expect(files.values.allSatisfy { $0.holdsAttachments == nil })
            #expect(files["b.json"]?.joins == [1, 0, 0, 0] && files["a.eml"]?.size == 1)
            var eml = try #require(files["a.eml"])
            var json = try #require(files["b.json"])
            try session.begin()
            eml.holdsAttachments = false
            json.holdsAttachments = true
            try session.save(&eml)
            try session.save(&json)
            try session.commit()
            let again = try session.allFiles(investigation: "k")
            #expect(again["a.eml"] == eml && again["b.json"] == json)
            #expect(again["a.eml"]?.holdsAttachments == false && again["b.json"]?.holdsAttachments == true)
            #expect(try session.allFiles(investigation: "other").isEmpty)
        }
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == ["v1", "v2", "v3", "v4", "v5", "v6"])
    }

    /// A state of version 5 is migrated: its summaries move to a table of their own, unchanged, and
    /// the investigation's row no longer holds one (an update of it wrote the summary again).
    @Test func aVersionFiveStateIsMigratedAndKeepsItsSummaries() throws {
        let folder = try Folder()
        let path = folder.path("v5.sqlite")
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        do {
            let queue = try DatabaseQueue(path: path)
            try LedgerSchema.migrator.migrate(queue, upTo: "v5")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO investigation (key, name, settings, lastRun, summaryDigest, summaryItems, summary)
                        VALUES ('k', 'inv', 's', 't', x'0102', 7, ?), ('other', 'inv2', 's', 't', NULL, NULL, NULL)
                        """,
                    arguments: [Data(body)])
            }
        }
        let ledger = try Ledger(path: path)
        try ledger.session { session in
            #expect(try session.summary(investigation: "k") == LedgerSummary(digest: [1, 2], items: 7, body: body))
            #expect(try session.summary(investigation: "other") == nil)
            #expect(try session.prepareInvestigation(key: "k", name: "inv", settings: "s", time: "t2") == true)
            try session.begin()
            try session.setSummary(nil, investigation: "k")
            try session.setSummary(LedgerSummary(digest: [3], items: 1, body: [9]), investigation: "other")
            try session.commit()
            #expect(try session.summary(investigation: "k") == nil)
            #expect(try session.summary(investigation: "other") == LedgerSummary(digest: [3], items: 1, body: [9]))
        }
        let queue = try DatabaseQueue(path: path)
        let columns = try queue.read { db in try db.columns(in: "investigation").map(\.name) }
        #expect(columns == ["id", "key", "name", "settings", "lastRun", "joinsDigest"])
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM summary") } == 1)
    }

    /// A new file given all its records keeps few and small ones in its row (one insert), read back
    /// like `outcome` rows, by file and by folder; replacing or removing them moves them to rows
    /// first, and many or large records are rows from the start.
    @Test func aSmallFilesRecordsAreKeptInItsRow() throws {
        let folder = try Folder()
        let ledger = try Ledger(path: folder.path("s"))
        let records = (0..<3).map { Array("record \($0)".utf8) }
        try ledger.session { session in
            try session.prepareInvestigation(key: "k", name: "n", settings: "s", time: "t")
            try session.begin()
            var small = Self.file("k", "box/a.eml", outcomes: 3)
            try session.save(&small, records: records)
            var many = Self.file("k", "box/b.json", outcomes: 65)
            let manyRecords = (0..<65).map { [UInt8(truncatingIfNeeded: $0)] }
            try session.save(&many, records: manyRecords)
            var large = Self.file("k", "box/c.eml", outcomes: 1)
            try session.save(&large, records: [Array(repeating: 7, count: 70_000)])
            try session.commit()
            #expect(try Self.keptInRows(folder.path("s")) == ["box/a.eml"])
            #expect(try session.outcomes(file: small.id!, from: 0, limit: 10) == records)
            #expect(try session.outcomes(file: small.id!, from: 1, limit: 1) == [records[1]])
            #expect(try session.outcomes(file: small.id!, from: 3, limit: 5).isEmpty)
            #expect(try session.outcomes(file: many.id!, from: 60, limit: 10) == Array(manyRecords[60...]))
            #expect(try session.outcomes(file: large.id!, from: 0, limit: 1).first?.count == 70_000)
            let byFolder = try session.smallFileOutcomes(investigation: "k", inFolder: "box/", limit: 64)
            #expect(byFolder[small.id!] == records && byFolder[many.id!] == nil && byFolder[large.id!]?.count == 1)
            // Read again: record 1 replaced, the file ends after it.
            try session.begin()
            try session.insertOutcome(file: small.id!, seq: 1, record: Array("again".utf8))
            try session.deleteOutcomes(file: small.id!, from: 2)
            try session.commit()
            #expect(try session.outcomes(file: small.id!, from: 0, limit: 10) == [records[0], Array("again".utf8)])
        }
        #expect(try Self.keptInRows(folder.path("s")).isEmpty)
        // Damaged bytes in a row are a damaged state, never a crash.
        try DatabaseQueue(path: folder.path("s")).write { db in
            try db.execute(sql: "UPDATE file SET records = x'05' WHERE path = 'box/b.json'")
        }
        #expect { try ledger.session { session in _ = try session.outcomes(file: 2, from: 0, limit: 1) } } throws: { error in
            (error as? LedgerError)?.code == .corrupt
        }
    }

    @Test func newFilesInsertedTogetherAreTheRowsSavedOneByOne() throws {
        let folder = try Folder()
        // Two full statements and a rest saved one by one; every value of a row, and its records.
        let count = 2 * LedgerSession.insertedPerStatement + 5
        let files = (0..<count).map(Self.variedFile)
        let records = (0..<count).map { index in (0..<(index % 4)).map { Array("record \(index).\($0)".utf8) } }
        let batch = try Ledger(path: folder.path("batch"))
        try batch.session { session in
            for key in ["k", "other"] { try session.prepareInvestigation(key: key, name: "n", settings: "s", time: "t") }
            try session.begin()
            try session.insertNew(files, records: records)
            try session.commit()
            // Rows in the order given; each file's records read back.
            #expect(try session.files(investigation: "k").map(\.path) == files.filter { $0.investigation == "k" }.map(\.path))
            for key in ["k", "other"] {
                let stored = try session.allFiles(investigation: key)
                for (file, fileRecords) in zip(files, records) where file.investigation == key {
                    var expected = file
                    expected.id = stored[file.path]?.id
                    #expect(stored[file.path] == expected)
                    #expect(try session.outcomes(file: expected.id!, from: 0, limit: 10) == fileRecords)
                }
            }
        }
        let single = try Ledger(path: folder.path("single"))
        try single.session { session in
            for key in ["k", "other"] { try session.prepareInvestigation(key: key, name: "n", settings: "s", time: "t") }
            try session.begin()
            for (file, fileRecords) in zip(files, records) {
                var file = file
                try session.save(&file, records: fileRecords)
            }
            try session.commit()
        }
        #expect(try Self.rows(folder.path("batch")) == Self.rows(folder.path("single")))
    }

    /// A file whose values vary with `index`: two investigations, optional columns set or not.
    static func variedFile(_ index: Int) -> LedgerFile {
        let value = Int64(index)
        let kind: LedgerFile.Kind = index % 3 == 0 ? .append : .whole
        let checkpoint: [UInt8]? = index % 3 == 0 ? [UInt8(index)] : nil
        let pendingSize: Int64? = index % 5 == 0 ? value : nil
        let joins: [UInt8]? = index % 7 == 0 ? [7, UInt8(index)] : nil
        let holdsAttachments: Bool? = index % 2 == 0 ? nil : index % 4 == 1
        return LedgerFile(
            investigation: index % 2 == 0 ? "k" : "other", path: "box/\(index).eml", kind: kind, size: value, modified: 1_000 + value,
            inode: 2_000 + value, device: 7, digest: [UInt8(index), 1, 2], checkpoint: checkpoint, kept: index % 3, outcomes: index % 4,
            items: index % 4, pendingSize: pendingSize, readAt: Double(index) + 0.5, joins: joins, holdsAttachments: holdsAttachments)
    }

    /// Every column of every file row, in row order.
    static func rows(_ path: String) throws -> [[DatabaseValue]] {
        let rows: [Row] = try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: "SELECT * FROM file ORDER BY id") }
        return rows.map { Array($0.databaseValues) }
    }

    /// The files whose rows keep their records.
    static func keptInRows(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT path FROM file WHERE records IS NOT NULL ORDER BY path") }
    }

    @Test func aTransactionLeftOpenIsRolledBack() throws {
        let folder = try Folder()
        let ledger = try Ledger(path: folder.path("s"))
        try ledger.session { session in
            try session.prepareInvestigation(key: "k", name: "n", settings: "s", time: "t")
            try session.begin()
            var file = Self.file("k", "x")
            try session.save(&file)
        }
        let file = try ledger.session { session in try session.file(investigation: "k", path: "x") }
        #expect(file == nil)
    }

    @Test func otherSettingsMarkTheInvestigationsFilesOnlyAndOutcomesGoWithTheirFile() throws {
        let folder = try Folder()
        let ledger = try Ledger(path: folder.path("s"))
        try ledger.session { session in
            for key in ["a", "b"] {
                try session.prepareInvestigation(key: key, name: key, settings: "one", time: "t")
                try session.begin()
                var file = Self.file(key, "f", outcomes: 2)
                try session.save(&file)
                try session.insertOutcome(file: file.id!, seq: 0, record: [1])
                try session.insertOutcome(file: file.id!, seq: 1, record: [2])
                try session.commit()
            }
            #expect(try session.prepareInvestigation(key: "a", name: "a", settings: "two", time: "t") == false)
            let marked = try #require(try session.file(investigation: "a", path: "f"))
            #expect(marked.size == -1 && marked.digest.isEmpty && marked.checkpoint == nil, "to be read again whole")
            #expect(try session.outcomes(file: marked.id!, from: 0, limit: 9).count == 2, "its records stay until replaced")
            let kept = try #require(try session.file(investigation: "b", path: "f"))
            try session.begin()
            try session.deleteOutcomes(file: kept.id!, from: 1)
            try session.commit()
            #expect(try session.outcomes(file: kept.id!, from: 0, limit: 9) == [[1]])
            try session.begin()
            try session.deleteFile(id: kept.id!)
            try session.commit()
            #expect(try session.outcomes(file: kept.id!, from: 0, limit: 9).isEmpty)
        }
    }

    @Test func aFoldersSmallFilesRecordsComeInOneReadAndOnlyThoseOfTheFolder() throws {
        let folder = try Folder()
        let ledger = try Ledger(path: folder.path("s"))
        try ledger.session { session in
            try session.prepareInvestigation(key: "a", name: "a", settings: "one", time: "t")
            try session.prepareInvestigation(key: "b", name: "b", settings: "one", time: "t")
            try session.begin()
            // Files of the folder (one with a name that is not ASCII), of a folder below it, of a
            // folder whose name starts like it, of another investigation, and one with many records.
            var ids: [String: Int64] = [:]
            for (key, path, count) in [
                ("a", "x/one", 2), ("a", "x/zwölf", 1), ("a", "x/sub/deep", 1), ("a", "x-y/other", 1), ("b", "x/one", 1), ("a", "x/long", 5),
            ] {
                var file = Self.file(key, path, outcomes: count)
                try session.save(&file)
                ids[key + path] = file.id!
                for seq in (0..<count).reversed() { try session.insertOutcome(file: file.id!, seq: seq, record: [UInt8(seq), UInt8(count)]) }
            }
            // A record past the file's count is not one of its outcomes.
            try session.insertOutcome(file: ids["ax/zwölf"]!, seq: 1, record: [7])
            try session.commit()
            let records = try session.smallFileOutcomes(investigation: "a", inFolder: "x/", limit: 4)
            #expect(records == [ids["ax/one"]!: [[0, 2], [1, 2]], ids["ax/zwölf"]!: [[0, 1]]])
            #expect(try session.smallFileOutcomes(investigation: "c", inFolder: "x/", limit: 4).isEmpty)
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftAsItIs() throws {
        let folder = try Folder()
        let path = folder.path("notes.txt")
        let text = Data(String(repeating: "These are my case notes, not a database.\n", count: 200).utf8)
        try text.write(to: URL(fileURLWithPath: path))
        #expect { try Ledger(path: path) } throws: { ($0 as? LedgerError)?.code == .notADatabase }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftAsItIs() throws {
        let folder = try Folder()
        let path = folder.path("app.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: LedgerError.self) { try Ledger(path: path) }
        #expect(error?.code == .foreign)
        #expect(error?.description.hasPrefix("\(path): error: [state.foreign]") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aStateOfANewerDragnetIsRefused() throws {
        let folder = try Folder()
        let path = folder.path("s")
        _ = try Ledger(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        #expect { try Ledger(path: path) } throws: { ($0 as? LedgerError)?.code == .newer }
    }

    @Test func aDamagedStateIsRefused() throws {
        let folder = try Folder()
        let path = folder.path("s")
        do {
            let ledger = try Ledger(path: path)
            try ledger.session { session in
                try session.prepareInvestigation(key: "k", name: "n", settings: "s", time: "t")
                try session.begin()
                for index in 0..<200 {
                    var file = Self.file("k", "file-\(index)", outcomes: 1)
                    try session.save(&file)
                    try session.insertOutcome(file: file.id!, seq: 0, record: Array(repeating: UInt8(index & 0xFF), count: 300))
                }
                try session.commit()
            }
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count > 8 * 4096)
        // Overwrite pages after the first (the header stays): b-tree pages no longer make sense.
        for index in 4096..<(bytes.count - 1) where index % 7 == 0 { bytes[index] = 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // Refused when opened, before any run reads (or would not read) the damaged pages.
        #expect { _ = try Ledger(path: path) } throws: { error in
            guard let error = error as? LedgerError else { return false }
            return error.code == .corrupt || error.code == .notADatabase
        }
        #expect { try Ledger(path: path).session { session in _ = try session.files(investigation: "k") } } throws: { error in
            guard let error = error as? LedgerError else { return false }
            return error.code == .corrupt || error.code == .notADatabase
        }
    }

    @Test func aMissingFolderIsAnUnwritableState() throws {
        #expect { try Ledger(path: "/nonexistent-folder-\(getpid())/state") } throws: { ($0 as? LedgerError)?.code == .unwritable }
    }
}
