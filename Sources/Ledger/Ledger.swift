import Dispatch
import GRDB

/// The investigation state (§14): an SQLite database, through GRDB, that records per input file what
/// was read (``LedgerFile``) and per file and investigation the outcome records a report is folded
/// from. It knows no investigation types: an investigation is a key (its file's SHA-256), outcome
/// records and checkpoints are opaque bytes.
///
/// Opened in WAL mode (`synchronous = NORMAL`): a process killed at any moment leaves the last
/// committed transaction; a power loss may also lose the last few, never consistency. A file that is
/// not an SQLite database, an SQLite database of another application (no Dragnet `application_id`
/// and some tables) or a state made by a newer Dragnet is refused and left as it is; so is a damaged
/// one (every page is checked on open: through the mapping, about 3 ms for 6,900 files).
public final class Ledger: @unchecked Sendable {
    /// The state file.
    public let path: String
    private let queue: DatabaseQueue
    let checkpointer: LogCheckpointer

    /// Opens the state at `path`, creating it when the file does not exist or is empty.
    public init(path: String) throws(LedgerError) {
        self.path = path
        checkpointer = LogCheckpointer(path: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.label = "dragnet-state"
        // Pages are read from a mapping of the file, not copied by a `pread` each.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.error(error, path: path)
        }
        // Checked before anything is written: another application's database is never changed.
        do {
            let isNew = try queue.writeWithoutTransaction { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                var isNew = false
                if application != LedgerSchema.applicationID {
                    let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    if objects > 0 {
                        throw LedgerError(.foreign, "is an SQLite database that Dragnet did not make; give another path for the state", path: path)
                    }
                    isNew = true
                }
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check(1)") ?? "ok"
                if check != "ok" { throw LedgerError(.corrupt, "is damaged: \(check)", path: path) }
                if try LedgerSchema.migrator.hasBeenSuperseded(db) {
                    throw LedgerError(.newer, "was made by a newer Dragnet (its schema has changes this one does not know)", path: path)
                }
                if try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")?.lowercased() != "wal" {
                    throw LedgerError(.unwritable, "cannot be put in WAL mode", path: path)
                }
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Copied into the database by a commit only once the log holds 64 MiB (SQLite's default
                // is 4 MiB): a first run's log is copied when the state is closed, meanwhile the
                // report is written (``closeInBackground()``), not by its last commit.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
                if isNew { try db.inTransaction { try LedgerSchema.createCurrent(db); return .commit } }
                return isNew
            }
            if !isNew { try LedgerSchema.migrator.migrate(queue) }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw Self.error(error, path: path)
        }
    }

    /// The work ``sessionInBackground(_:)`` started last, until a session or the closing waits for it
    /// (only the thread that owns the state starts and takes it).
    private var background: LedgerTask<Void>?

    /// Runs `body` with the state's connection, on the calling thread, once the work given to
    /// ``sessionInBackground(_:)`` is done (its error is thrown here). Transactions are the caller's
    /// (``LedgerSession/begin()``, ``LedgerSession/commit()``); one left open is rolled back.
    public func session<T>(_ body: (LedgerSession) throws -> T) throws -> T {
        try waitForBackground()
        return try connected(body)
    }

    /// Runs `body` like ``session(_:)`` on a thread of its own and returns at once: a round's last
    /// transaction (its summaries, megabytes) is written while the caller folds and writes the report.
    /// The next ``session(_:)`` and ``closeInBackground()`` wait for it, and throw its error; a
    /// process killed meanwhile leaves the transaction undone, as any other.
    public func sessionInBackground(_ body: @escaping @Sendable (LedgerSession) throws -> Void) {
        let previous = background
        background = LedgerTask { () throws(LedgerError) in
            try previous?.wait()
            do {
                try self.connected(body)
            } catch let error as LedgerError {
                throw error
            } catch {
                throw Self.error(error, path: self.path)
            }
        }
    }

    private func waitForBackground() throws(LedgerError) {
        guard let task = background else { return }
        background = nil
        try task.wait()
    }

    private func connected<T>(_ body: (LedgerSession) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                let session = LedgerSession(db: db, path: path)
                defer {
                    if db.isInsideTransaction { try? db.rollback() }
                    session.end()
                }
                return try body(session)
            }
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError {
            throw Self.error(error, path: path)
        }
    }

    /// Opens the state at `path` on a thread of its own and returns at once: the page check and the
    /// migrations run while the caller walks the export. ``LedgerTask/wait()`` gives the state or the
    /// error ``init(path:)`` would have thrown.
    public static func openInBackground(path: String) -> LedgerTask<Ledger> {
        LedgerTask { () throws(LedgerError) in try Ledger(path: path) }
    }

    /// Starts copying the transactions committed so far from the write-ahead log into the database,
    /// on a connection and a thread of its own, and returns at once (``LogCheckpointer``): the close
    /// then has less to copy. The caller's connection goes on writing meanwhile.
    public func copyLogInBackground() {
        checkpointer.request()
    }

    /// Closes the state on a thread of its own (after the work ``sessionInBackground(_:)`` was given,
    /// whose error it gives first) and returns at once. Closing copies the write-ahead log
    /// into the database file and syncs both, mostly waiting on the disk: a caller writes its report
    /// meanwhile. Nothing may use the state afterwards; ``LedgerTask/wait()`` before the process ends.
    /// A failure leaves what was committed as it is: the next run finds it in the write-ahead log.
    public func closeInBackground() -> LedgerTask<Void> {
        let queue = queue
        let checkpointer = checkpointer
        let path = path
        let pending = background
        background = nil
        return LedgerTask { () throws(LedgerError) in
            // Closed after the work in the background, whatever its end; its error first.
            var failure: LedgerError?
            do throws(LedgerError) {
                try pending?.wait()
            } catch {
                failure = error
            }
            checkpointer.close()
            do {
                try queue.close()
            } catch {
                throw failure ?? Self.error(error, path: path)
            }
            if let failure { throw failure }
        }
    }

    /// A GRDB or SQLite error as a state error.
    static func error(_ error: any Error, path: String) -> LedgerError {
        guard let error = error as? DatabaseError else {
            return LedgerError(.unwritable, "cannot be opened: \(error)", path: path)
        }
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return LedgerError(.notADatabase, "is not a Dragnet state (not an SQLite database)", path: path)
        case .SQLITE_CORRUPT:
            return LedgerError(.corrupt, "is damaged: \(reason)", path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LedgerError(.busy, "is in use by another process: \(reason)", path: path)
        default:
            return LedgerError(.unwritable, "cannot be opened or written: \(reason)", path: path)
        }
    }
}

/// Work on the state done on a thread of its own (``Ledger/openInBackground(path:)``,
/// ``Ledger/closeInBackground()``), its result taken with ``wait()``.
public final class LedgerTask<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written by the task's thread before it leaves the group, read after `wait()`.
    private var result: Result<Value, LedgerError>?

    init(_ body: @escaping @Sendable () throws(LedgerError) -> Value) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            do throws(LedgerError) {
                self.result = .success(try body())
            } catch {
                self.result = .failure(error)
            }
            self.group.leave()
        }
    }

    /// Waits until the work is done; gives its result, or throws its error.
    public func wait() throws(LedgerError) -> Value {
        group.wait()
        return try result!.get()
    }
}
