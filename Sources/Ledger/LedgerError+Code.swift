extension LedgerError {
    /// The catalogue of state file error codes. Each code is stable.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }

        /// The file is not an SQLite database (or is encrypted).
        public static let notADatabase: Self = "state.not-a-database"
        /// An SQLite database that Dragnet did not make (another application's): never changed.
        public static let foreign: Self = "state.foreign"
        /// A state made by a newer Dragnet, whose schema this one does not know.
        public static let newer: Self = "state.newer"
        /// The database, or a record in it, is damaged.
        public static let corrupt: Self = "state.corrupt"
        /// The file cannot be created, opened or written (a missing folder, permissions, a full disk).
        public static let unwritable: Self = "state.unwritable"
        /// Another process holds the state and did not let go in time.
        public static let busy: Self = "state.busy"
    }
}
