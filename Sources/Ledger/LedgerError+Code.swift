import MailModel

/// The catalogue of state file error codes (`--state`). Each code is stable; every one stops the
/// command with exit status 2.
extension LedgerError.Code {
    /// The file is not an SQLite database (or is encrypted).
    public static let notADatabase = Self("state.not-a-database", .error)
    /// An SQLite database that Dragnet did not make (another application's): never changed.
    public static let foreign = Self("state.foreign", .error)
    /// A state made by a newer Dragnet, whose schema this one does not know.
    public static let newer = Self("state.newer", .error)
    /// The database, or a record in it, is damaged.
    public static let corrupt = Self("state.corrupt", .error)
    /// The file cannot be created, opened or written (a missing folder, permissions, a full disk).
    public static let unwritable = Self("state.unwritable", .error)
    /// Another process holds the state and did not let go in time.
    public static let busy = Self("state.busy", .error)

    /// Every declared code.
    public static let all: [Self] = [.notADatabase, .foreign, .newer, .corrupt, .unwritable, .busy]
}
