import GRDB
private import GRDBSQLite

/// Runs a prepared statement that returns no rows with its values bound straight to SQLite. A state
/// records a row per file and a record per outcome: through GRDB's `StatementArguments` each value
/// is boxed as an existential and each blob copied into `Data`, which cost more than SQLite's own
/// insert. Only for statements GRDB does not otherwise execute, inside a transaction the session
/// opened (no transaction observers are involved).
struct DirectStatement {
    private let statement: Statement
    private let db: Database

    init(_ statement: Statement, in db: Database) {
        self.statement = statement
        self.db = db
    }

    /// Binds the statement's parameters, in order.
    struct Binder {
        fileprivate let handle: OpaquePointer
        fileprivate var index: Int32 = 0
        fileprivate var code = SQLITE_OK
        /// Parameters bound to lent bytes (``lent(_:)``), unbound once the statement has run.
        fileprivate var lentIndexes: [Int32] = []

        mutating func int(_ value: Int64) {
            index += 1
            note(sqlite3_bind_int64(handle, index, value))
        }

        mutating func int(_ value: Int) { int(Int64(value)) }

        mutating func int(_ value: Int64?) {
            if let value { int(value) } else { null() }
        }

        mutating func double(_ value: Double) {
            index += 1
            note(sqlite3_bind_double(handle, index, value))
        }

        mutating func text(_ value: String) {
            index += 1
            var value = value
            let code = value.withUTF8 { utf8 in
                // An empty text is bound as an empty text, never NULL: a pointer to a terminating zero.
                utf8.isEmpty
                    ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                    : UnsafeRawPointer(utf8.baseAddress!).withMemoryRebound(to: CChar.self, capacity: utf8.count) { text in
                        sqlite3_bind_text(handle, index, text, Int32(utf8.count), Self.transient)
                    }
            }
            note(code)
        }

        mutating func blob(_ value: [UInt8]) {
            value.withUnsafeBytes { raw in bind(raw, destructor: Self.transient) }
        }

        /// Binds bytes SQLite reads in place (`SQLITE_STATIC`), not copied: only within
        /// ``DirectStatement/execute(lending:_:)``, whose bytes outlive the statement's run.
        mutating func lent(_ bytes: UnsafeRawBufferPointer) {
            bind(bytes, destructor: nil)
            lentIndexes.append(index)
        }

        /// Binds the next parameter to `bytes`, copied by SQLite or not as `destructor` says; never
        /// NULL for no bytes (a NOT NULL column gets x'').
        private mutating func bind(_ bytes: UnsafeRawBufferPointer, destructor: sqlite3_destructor_type?) {
            index += 1
            note(bytes.isEmpty ? sqlite3_bind_zeroblob(handle, index, 0) : sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), destructor))
        }

        /// Binds text SQLite reads in place, as ``lent(_:)`` binds bytes.
        mutating func lentText(_ utf8: UnsafeRawBufferPointer) {
            index += 1
            // An empty text is bound as an empty text, never NULL.
            let code = utf8.isEmpty
                ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                : sqlite3_bind_text(handle, index, utf8.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
            note(code)
            lentIndexes.append(index)
        }

        mutating func blob(_ value: [UInt8]?) {
            if let value { blob(value) } else { null() }
        }

        mutating func bool(_ value: Bool?) {
            if let value { int(Int64(value ? 1 : 0)) } else { null() }
        }

        mutating func null() {
            index += 1
            note(sqlite3_bind_null(handle, index))
        }

        private mutating func note(_ result: Int32) {
            if code == SQLITE_OK { code = result }
        }

        /// SQLite copies the bytes (`SQLITE_TRANSIENT`): they need not outlive the call.
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    /// Binds with `bind` (every parameter, in order) and runs the statement to its end.
    func execute(_ bind: (inout Binder) -> Void) throws {
        let handle = statement.sqliteStatement
        var binder = Binder(handle: handle)
        bind(&binder)
        // Reset after each run (every parameter is bound again before the next: no clearing, but for
        // lent bytes, which the statement must not point to once they are gone).
        defer {
            sqlite3_reset(handle)
            for index in binder.lentIndexes { sqlite3_bind_null(handle, index) }
        }
        guard binder.code == SQLITE_OK, binder.index == sqlite3_bind_parameter_count(handle) else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments", sql: statement.sql)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }

    /// Runs the statement like ``execute(_:)`` with `large` lent to it: `bind` binds it where it
    /// goes with ``Binder/lent(_:)``, and SQLite reads it in place (a round's summary is megabytes:
    /// a copy of its own cost SQLite as many again in fresh pages).
    func execute(lending large: [UInt8], _ bind: (inout Binder, UnsafeRawBufferPointer) -> Void) throws {
        try large.withUnsafeBytes { bytes in try execute { binder in bind(&binder, bytes) } }
    }

    /// The row id of the last row inserted on the connection.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(db.sqliteConnection) }
}
