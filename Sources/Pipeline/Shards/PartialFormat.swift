import MailModel

/// The partial result of one shard (`dragnet investigate --shard K/N --format partial`), read back by
/// `dragnet merge`: JSON Lines, documented in the README ("Partial results"). Line 1 is the
/// ``PartialHeader``; then, in input order, one ``PartialLine`` per outcome; then the counted items
/// per mailbox; the last line is the ``PartialTrailer``, whose line count shows the file is whole.
package enum PartialFormat {
    /// The `format` of the header line.
    package static let name = "dragnet-partial"
    /// The version of the format. Bump it when a line's meaning changes.
    package static let version = 1
}

/// Line 1 of a partial result: who made it and what a merge needs besides the outcomes.
package struct PartialHeader: Sendable, Codable, Equatable {
    package var type = "header"
    package var format = PartialFormat.name
    package var version = PartialFormat.version
    package var dragnetVersion: String
    package var shard: ShardNumber
    package var investigation: InvestigationSource
    /// The inputs as given (the report's `run.inputs`).
    package var inputs: [String]
    /// The report's `run.options` without `format` and `output` (the merge's own).
    package var options: [String: String]
    package var includeSnippets: Bool
    package var export: ExportFacts
    /// The directory facts the scope used (`users.json`, `groups.json`).
    package var directory: DirectoryFacts
    /// ISO 8601 UTC.
    package var startTime: String

    package struct ShardNumber: Sendable, Codable, Equatable {
        /// 1...count.
        package var index: Int
        package var count: Int
    }

    package struct InvestigationSource: Sendable, Codable, Equatable {
        /// The path reports name it by.
        package var path: String
        package var sha256: String
        /// The file's text (the merge parses it again: the report carries the normalized investigation).
        package var text: String
    }

    package struct ExportFacts: Sendable, Codable, Equatable {
        /// SHA-256 over the walk (paths and sizes): equal in the partials of one export.
        package var digest: String
        package var steps: Int
        package var entries: Int
        /// Weight (bytes plus 4 KiB per entry) of the export and of this shard.
        package var weight: Int64
        package var shardEntries: Int
        package var shardWeight: Int64
    }

    package struct DirectoryFacts: Sendable, Codable, Equatable {
        /// For each lower-cased identity of a directory user, all of that user's (sorted).
        package var aliases: [String: [String]]
        /// Lower-cased identities of the members of the investigation's groups (sorted).
        package var groupMembers: [String]
    }
}

/// One line between the header and the trailer.
package struct PartialLine: Sendable, Codable {
    /// `outcome`, `quiet` or `excluded` (and `header`, `end` for the first and last lines).
    package var type: String
    /// `outcome`: the walk step the line belongs to (``Ingest/ExportScan/step``).
    package var step: Int?
    /// Set on steps every shard reports alike (findings of the walk that are no entry, the events
    /// after the walk): a merge keeps what every shard reports.
    package var shared: Bool?
    /// `outcome`: the outcome (its record form, see the README).
    package var outcome: Outcome?
    /// `quiet`, `excluded`: the mailbox.
    package var mailbox: String?
    /// `quiet`: the counts.
    package var items: QuietItems?
    /// `excluded`: why, and how many items.
    package var reason: String?
    package var count: Int?

    package init(type: String, step: Int? = nil) {
        self.type = type
        self.step = step
    }
}

/// The last line of a partial result.
package struct PartialTrailer: Sendable, Codable, Equatable {
    package var type = "end"
    /// Lines of the file, this one included.
    package var lines: Int
    /// 0, or 3 when some of the shard's inputs could not be read.
    package var status: Int32
    package var itemsEvaluated: Int
    package var itemsReused: Int
    package var inputsGone: [String]
    package var matches: Int
    package var durationSeconds: Double
    /// The shard's own per-mailbox counts (a merge refolds the outcomes; these are for people).
    package var mailboxes: [MailboxCount]

    package struct MailboxCount: Sendable, Codable, Equatable {
        package var mailbox: String
        package var status: String
        package var messagesScanned: Int
        package var matches: Int
    }
}
