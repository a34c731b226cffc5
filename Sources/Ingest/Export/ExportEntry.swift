package import GraphExport

/// One entry of the walk as ``ExportScan`` reads it: a file, or a Maildir folder.
package struct ExportEntry: Sendable, Hashable {
    /// The path as reports name it.
    package var path: String
    /// Index of the command-line path it was found under.
    package var argument: Int
    package var isMaildir: Bool
    /// The walk step it was found at (``ExportScan/step``).
    package var step: Int

    package init(path: String, argument: Int, isMaildir: Bool, step: Int = -1) {
        self.path = path
        self.argument = argument
        self.isMaildir = isMaildir
        self.step = step
    }
}

/// How ``ExportScan`` reads an entry (see ``ExportScan/planEntry``).
package enum EntryPlan: Sendable, Hashable {
    /// Read it whole.
    case read
    /// Pass over it: its events are known from an earlier read.
    case skip
    /// Read an append-only file (mbox, Graph JSON Lines) from a checkpoint an earlier read gave:
    /// its events from there on, as a read of the whole file gives them.
    case resume(EntryCheckpoint)
}

/// Where an append-only file can be read again from once bytes were appended to it, and how many of
/// the file's events (as ``ExportScan/next()`` returns them) come before that place.
package struct EntryCheckpoint: Sendable, Hashable, Codable {
    package enum Reader: Sendable, Hashable, Codable {
        /// At a message of an mbox file.
        case mbox(MboxReader.ResumePoint)
        /// At a value of a Graph JSON Lines file, with what the file held before it.
        case jsonLines(JSONResumePoint, ExportScan.GraphFileSeen)
    }

    package var reader: Reader
    /// The file's events before the checkpoint.
    package var eventsBefore: Int

    package init(reader: Reader, eventsBefore: Int) {
        self.reader = reader
        self.eventsBefore = eventsBefore
    }

    /// File offset where reading starts again.
    package var offset: Int {
        switch reader {
        case .mbox(let point): point.offset
        case .jsonLines(let point, _): point.fileOffset
        }
    }
}
