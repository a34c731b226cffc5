import GRDB

/// The state's schema, as GRDB migrations applied in order (their identifiers are recorded in the
/// `grdb_migrations` table). A state with a migration this build does not know was made by a newer
/// Dragnet and is refused. The README documents the tables.
enum LedgerSchema {
    /// `PRAGMA application_id` of a Dragnet state: "DRGN".
    static let applicationID: Int32 = 0x4452_474E

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE investigation (\(investigationColumnsV1));
                CREATE TABLE file (\(fileColumnsV1), UNIQUE (investigation, path));
                \(outcomeTable)
                """)
        }
        // v2: the joins of attachments kept apart from their messages (README, "State"): the digest of
        // the attachment index the recorded outcomes were made with, and per file the joins its messages made.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE investigation ADD COLUMN joinsDigest BLOB;
                ALTER TABLE file ADD COLUMN joins BLOB;
                """)
        }
        // v3: per file, whether the first pass over the export (the attachment index) found attachments
        // kept apart in it (README, "State"): an unchanged file known to hold none is not opened again
        // for that pass. NULL (rows of earlier versions): not known, the file is opened.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE file ADD COLUMN holdsAttachments INTEGER")
        }
        // v4: the summary of the investigation's last complete round (README, "State"): a re-run over
        // the very same files folds it instead of every stored outcome. NULL: none, the round reads rows.
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                ALTER TABLE investigation ADD COLUMN summaryDigest BLOB;
                ALTER TABLE investigation ADD COLUMN summaryItems INTEGER;
                ALTER TABLE investigation ADD COLUMN summary BLOB;
                """)
        }
        // v5: a small file's outcome records kept in its row (README, "State"): one insert per file read
        // whole instead of one per record too. NULL (every row of earlier versions): in `outcome`.
        migrator.registerMigration("v5") { db in
            try db.execute(sql: "ALTER TABLE file ADD COLUMN records BLOB")
        }
        // v6: the summary in a table of its own (README, "State"). In the investigation's row, every
        // run's update of that row (its last run's time) wrote the megabytes of the summary again.
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                \(summaryTable)
                INSERT INTO summary (investigation, digest, items, body)
                    SELECT id, summaryDigest, summaryItems, summary FROM investigation
                    WHERE summaryDigest IS NOT NULL AND summaryItems IS NOT NULL AND summary IS NOT NULL;
                ALTER TABLE investigation DROP COLUMN summaryDigest;
                ALTER TABLE investigation DROP COLUMN summaryItems;
                ALTER TABLE investigation DROP COLUMN summary;
                """)
        }
        return migrator
    }

    /// Makes the schema the migrations end with, at once, in a new state, and records every migration
    /// as applied: the six one after another (each a transaction and a check of the foreign keys, the
    /// columns they drop a copy of the table) took about 5 ms of a first run. The columns later
    /// migrations add follow version 1's in the order they were added (`LedgerTests` compares both
    /// schemas).
    static func createCurrent(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            CREATE TABLE investigation (\(investigationColumnsV1), joinsDigest BLOB);
            CREATE TABLE file (\(fileColumnsV1), joins BLOB, holdsAttachments INTEGER, records BLOB, UNIQUE (investigation, path));
            \(outcomeTable)
            \(summaryTable)
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            """)
        for identifier in migrator.migrations {
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }

    // The tables as version 1 (and, for `summary`, version 6) made them: written once, for the
    // migrations and for a new state.
    private static let investigationColumnsV1 = """
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        settings TEXT NOT NULL,
        lastRun TEXT NOT NULL
        """

    private static let fileColumnsV1 = """
        id INTEGER PRIMARY KEY,
        investigation INTEGER NOT NULL REFERENCES investigation(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        size INTEGER NOT NULL,
        modified INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        device INTEGER NOT NULL,
        digest BLOB NOT NULL,
        checkpoint BLOB,
        kept INTEGER NOT NULL,
        outcomes INTEGER NOT NULL,
        items INTEGER NOT NULL,
        pendingSize INTEGER,
        readAt REAL NOT NULL
        """

    private static let outcomeTable = """
        CREATE TABLE outcome (
            file INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            record BLOB NOT NULL,
            PRIMARY KEY (file, seq)
        ) WITHOUT ROWID;
        """

    private static let summaryTable = """
        CREATE TABLE summary (
            investigation INTEGER PRIMARY KEY REFERENCES investigation(id) ON DELETE CASCADE,
            digest BLOB NOT NULL,
            items INTEGER NOT NULL,
            body BLOB NOT NULL
        );
        """
}
