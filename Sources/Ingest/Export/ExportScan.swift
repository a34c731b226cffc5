import GraphExport
package import MailModel
package import Outlook
private import Glibc

/// Reads everything below the input paths (§3, §3.2, §3.3) and produces, one at a time and in a
/// deterministic order, every message found — attributed to its mailbox and folder — and every
/// problem met. Files are classified by content: MIME messages, mbox files, Apple Mail `.emlx`, MH
/// messages, Graph JSON, Maildirs, archives (read member by member, in archive order, through
/// libarchive; a member's path is `archive.zip!/inner/path`); side files of known layouts are noted;
/// anything else is "unrecognised input". Memory holds one file, one archive member or one Graph
/// value at a time (an mbox or Graph file on disk, and a large mbox member, are streamed).
///
/// Mailbox (owner), in order: the `users('...')` segment of the Graph `@odata.context`; the nearest
/// ancestor folder named as an address or UPN, with or without a Purview qualifier
/// (`alice@corp.example (Archive)`, the qualifier kept as the mailbox part); the layout conventions
/// of `LayoutResolver` (Apple Mail account folders, Thunderbird `prefs.js`, Google Vault account
/// lists and per-account file names, the Google Takeout index); `mailboxHint` (`--mailbox`); else
/// `unknown`. Folder: Graph `parentFolderId` through the nearest `mailFolders.json`; else the path
/// below the mailbox (`FolderPath`); Gmail labels, read with the message, come first (§3.3).
package final class ExportScan {
    package let directory: Directory
    package let mailboxHint: String?
    /// How PST/OST and `.msg` files are read (`--recovered`, limits).
    package var outlookOptions = OutlookReadOptions()
    /// Whether the deleted items libpff recovers from PST/OST files are read too (`--recovered`).
    package var includeRecoveredItems: Bool {
        get { outlookOptions.includeRecovered }
        set { outlookOptions.includeRecovered = newValue }
    }
    /// Limits against archive bombs.
    package let archiveLimits: ArchiveLimits

    private let walker: InputWalker
    /// Events of the current entry not yet handed out.
    private var queue: [ExportEvent] = []
    private var queueIndex = 0
    /// The reader of the current streamed file (mbox or Graph JSON).
    private var current: Current?
    private var folderMaps: [String: [String: String]?] = [:]
    /// The archives being read, outermost first: the innermost gives the next member.
    private var frames: [ArchiveFrame] = []
    /// Surveys of archives on disk made before reading (by path), used once when the archive is read.
    private var surveys: [String: ArchiveHints]
    private let layout = LayoutResolver()

    private enum Current {
        case mbox(MboxReader, place: Place, member: Member?)
        case graph(GraphReader, path: String, mailbox: String?, folderFallback: String?, mailFolders: [String: String]?, seen: GraphFileSeen, member: Member?)
        case outlook(OutlookFileScan)
    }

    /// Where the messages of a file go (§3.2, §3.3).
    private struct Place {
        var mailbox: String?
        var part: String?
        var folder: String
    }

    /// An archive being read.
    private struct ArchiveFrame {
        var reader: LibArchiveReader
        /// The archive's report path (`case/evidence.zip`, `case/evidence.zip!/inner.tar`).
        var display: String
        var layout: LayoutPath
        /// 1 for an archive on disk, 2 for an archive inside it, ...
        var depth: Int
        var budget: ArchiveBudget
        /// The surveys of this archive and of the archives holding it, outermost first.
        var surveys: [ArchiveHints]
    }

    /// The archive member whose data a streamed reader is reading.
    private struct Member {
        var data: ArchiveMemberData
        var display: String
        var frame: Int
    }

    /// What a Graph file held so far: messages, other resources the export uses (users, groups,
    /// folders, attachments), resources it recognises but does not use (said in a note), and values
    /// that are none of these (skipped, and said so).
    package struct GraphFileSeen: Sendable, Hashable, Codable {
        var messages = 0
        var resources = 0
        var skipped = 0
        /// Recognised but not used, by what they are (`event`, `user`, ...).
        var unused: [String: Int] = [:]
        /// Attachments the first pass did not index (so no message could claim them).
        var unindexedAttachments = 0
        /// Attachments in an archive member (the first pass reads files on disk only).
        var attachmentsInArchive = 0
        /// Diagnostics of severity error already reported for the file.
        var errors = 0
    }

    /// Mailboxes named by the folders of the inputs (lower-cased), known before any file is read.
    package let mailboxFolders: Set<String>

    /// Counts of what was found, for `validate`.
    package private(set) var filesSeen = 0

    /// Bytes read so far, for progress: the files opened before the current one, and the current one
    /// up to its last message found (an mbox's `From ` line, a Graph value's offset; a file read
    /// whole, once its message is found).
    package var bytesDone: Int { bytesBeforeCurrent + positionInCurrent }
    private var bytesBeforeCurrent = 0
    private var currentSize = 0
    /// The size of the entry's file when ``open(_:)`` read it (nil: it was not opened that way).
    private var openedSize: Int?
    private var positionInCurrent = 0
    private var currentEntryPath = ""

    /// `-` among the paths: standard input, read whole into memory when the walk reaches it (one
    /// message, an mbox or a Graph JSON file, sniffed like a file), at most this many bytes
    /// (`--stdin-max-bytes`; default 4 GiB). Nothing of it is written anywhere.
    package var standardInputLimit = 4 << 30

    /// Counts the files (and Maildir folders) below `paths` and their bytes, for a progress line.
    package static func measure(_ paths: [String]) -> (files: Int, bytes: Int) {
        let walker = InputWalker(paths: paths)
        var files = 0
        var bytes = 0
        while let found = walker.next() {
            guard case .entry(let entry) = found else { continue }
            files += 1
            bytes += entry.isMaildir || entry.isStandardInput ? 0 : size(of: entry.path)
        }
        return (files, bytes)
    }

    private static func size(of path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Asked before each walk entry (a file, a Maildir, an archive) is read, on the thread that calls
    /// `next()`: read it whole, pass over it, or read an append-only file from a checkpoint. Default: read.
    /// With the plan, the entry's size when the planner measured it already (else the scan takes it
    /// with a `stat` of its own).
    package var planEntry: ((ExportEntry) -> (plan: EntryPlan, size: Int?))?
    /// Told, on the thread that calls `next()`, the identity of an entry's file as the scan opened it to
    /// read (what `fstat` said) (right after ``planEntry`` said to read it; not for a Maildir, a file resumed
    /// from a checkpoint, or one that could not be opened): a planner that records files takes the
    /// identity of the bytes read from it, without a `stat` of its own.
    package var entryOpened: ((FileIdentity) -> Void)?
    /// Asked before ``planEntry``: whether the entry is this scan's at all. An entry it is not is
    /// passed over (a `.passedOver` step) without a word to ``planEntry`` or ``entryFinished``.
    package var includesEntry: ((ExportEntry) -> Bool)?
    /// Told, in the `next()` call after an entry's last event, that the entry is done, with where it
    /// could be read again from once bytes are appended (an mbox or Graph JSON Lines file on disk).
    package var entryFinished: ((ExportEntry, EntryCheckpoint?) -> Void)?
    /// Index of the command-line path the scan is in.
    package var currentArgument: Int { walker.currentArgument }
    /// The walk step the last event belongs to: each thing the walk finds (an entry, a path that
    /// could not be read, a path skipped) is one step, numbered from 0 in walk order; the events after
    /// the walk (attachments kept apart whose message is not in the export) belong to one last step.
    /// The same inputs give the same steps (``ShardPlan`` numbers them alike without reading files).
    package private(set) var step = -1
    /// Whether the export keeps attachments apart from their messages (known once `next()` was
    /// called): a Graph message is then joined to them as it is read.
    package var keepsAttachmentsApart: Bool { !attachmentIndex.isEmpty }

    /// The entry being read, its events returned so far, and its checkpoint once known.
    private var entry: ExportEntry?
    private var entryEvents = 0
    private var entryCheckpoint: EntryCheckpoint?
    /// In a Graph JSON Lines file: the latest resume point, what the file held before it, and the
    /// events returned before it.
    private var jsonLinesMark: (point: JSONResumePoint, seen: GraphFileSeen, events: Int)?

    private let paths: [String]
    /// Threads for the first pass over the export (``AttachmentIndex``).
    private let workers: Int
    /// Attachments the export keeps apart from their messages; built by the first call to ``next()``.
    package private(set) var attachmentIndex = AttachmentIndex()
    private var indexed = false
    private var reportedWithoutMessage = false

    /// - Parameter workers: threads for the first pass that finds attachments kept apart from their
    ///   messages (the events are the same for any number).
    /// - Parameter recordsWalk: also list ``contextFiles`` during the first light walk, and keep what
    ///   it met for the pass that indexes attachments kept apart and for the scan itself (a run with a
    ///   state: no walk but the first, for a path per file held until the scan is done).
    package init(
        paths: [String], mailboxHint: String? = nil, archiveLimits: ArchiveLimits = .default, workers: Int = 1,
        recordsWalk: Bool = false
    ) {
        self.paths = paths
        self.workers = max(1, workers)
        self.mailboxHint = mailboxHint?.lowercased()
        self.archiveLimits = archiveLimits
        let steps: InputWalker.Steps?
        (directory, mailboxFolders, surveys, contextFiles, steps) = Self.survey(paths, limits: archiveLimits, recordsWalk: recordsWalk)
        walkEntries = steps?.compactMap { step in
            if case .entry(let entry) = step.found { entry } else { nil }
        }
        walkProblems = steps?.compactMap { step in
            switch step.found {
            case .entry: nil
            case .error(let problem), .skipped(let problem): "\(problem.code) \(problem.path)"
            }
        }
        // The scan reads what the first walk met: the same files (a file added between the two walks
        // is the next run's), and no second walk of the folders.
        walker = steps.map(InputWalker.init(replaying:)) ?? InputWalker(paths: paths)
    }

    /// The entries the first light walk met, in walk order, and what it could not or would not read
    /// (a code and a path each); nil unless the scan was made with `recordsWalk`.
    package let walkEntries: [InputWalker.Entry]?
    package let walkProblems: [String]?

    /// The context files below the inputs (``isContextFile(_:root:)``), in walk order; nil unless the
    /// scan was made with `recordsWalk`.
    package let contextFiles: [String]?

    /// Asked in the first pass (``attachmentIndex``) of each file it would open: true when the file is
    /// known to hold no attachments kept apart (a state read it before and it is unchanged since), so
    /// it is not opened. Set before the first pass.
    package var holdsNoAttachments: ((String) -> Bool)?

    /// The next event, or `nil` when everything was read. Unreadable command-line paths come last;
    /// then attachments kept apart whose message is not in the export.
    package func next() -> ExportEvent? {
        while let step = nextStep() {
            if case .event(let event) = step { return event }
        }
        return nil
    }

    /// One step of the scan: an event, or word that an entry was passed over (``planEntry`` said
    /// `.skip`), so that a caller doing its own work for such entries keeps pace with the walk.
    package enum Step {
        case event(ExportEvent)
        case passedOver
    }

    /// Makes the first pass (``attachmentIndex``) now, if not made yet (else the first `next()` makes it).
    package func indexAttachments() {
        guard !indexed else { return }
        indexed = true
        buildAttachmentIndex()
    }

    /// Gives back the joins an earlier run recorded for an entry passed over now
    /// (``AttachmentIndex/replay(_:consumer:)``), before the walk ends.
    package func replayJoins(_ joins: [Int32], of path: String) {
        attachmentIndex.replay(joins, consumer: path)
    }

    /// The joins the messages of the entry at `path` made, so far (``AttachmentIndex/joins(of:)``).
    package func joins(of path: String) -> [Int32] { attachmentIndex.joins(of: path) }

    /// Whether the first pass found attachments kept apart in the file at `path` (asked of the index
    /// in place, not of a copy of it).
    package func holdsIndexedAttachments(_ path: String) -> Bool { attachmentIndex.holdsIndexedAttachments(path) }

    /// The next step, or `nil` when everything was read.
    package func nextStep() -> Step? {
        indexAttachments()
        while true {
            if queueIndex < queue.count {
                defer { queueIndex += 1 }
                entryEvents += 1
                noteProgress(queue[queueIndex])
                return .event(queue[queueIndex])
            }
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            if let event = nextFromCurrent() {
                entryEvents += 1
                noteProgress(event)
                return .event(event)
            }
            if current != nil || queueIndex < queue.count { continue }
            if !frames.isEmpty {
                nextMember()
                continue
            }
            finishEntry()
            guard let found = walker.next() else {
                bytesBeforeCurrent += currentSize
                currentSize = 0
                positionInCurrent = 0
                guard !reportedWithoutMessage else { return nil }
                reportedWithoutMessage = true
                step += 1
                queue = attachmentIndex.withoutMessage().map { .diagnostic($0) }
                continue
            }
            step += 1
            switch found {
            case .error(let error):
                return .event(.unreadable(error))
            case .skipped(let note):
                return .event(.diagnostic(Diagnostic(code: note.code, message: note.message, location: SourceLocation(path: note.path), severity: .note)))
            case .entry(let walked):
                filesSeen += 1
                bytesBeforeCurrent += currentSize
                let isSized = !walked.isMaildir && !walked.isStandardInput
                currentSize = 0
                positionInCurrent = 0
                currentEntryPath = walked.path
                let entry = ExportEntry(path: walked.path, argument: walker.currentArgument, isMaildir: walked.isMaildir, step: step)
                // Not this scan's (another shard's): as if the walk had not found it.
                if let includesEntry, !includesEntry(entry) {
                    if isSized { currentSize = Self.size(of: walked.path) }
                    return .passedOver
                }
                self.entry = entry
                entryEvents = 0
                entryCheckpoint = nil
                jsonLinesMark = nil
                // Standard input cannot be passed over or resumed: it is read every time.
                let planned = walked.isStandardInput ? nil : planEntry?(entry)
                let plan = planned?.plan ?? .read
                openedSize = nil
                switch plan {
                case .read where walked.isStandardInput: openStandardInput()
                case .read: open(walked)
                case .skip: return .passedOver
                case .resume(let checkpoint): resume(walked, at: checkpoint)
                }
                // A file passed over is not read: no bytes of it count as read (and it needs no `stat`);
                // one opened to be read was measured by its opening.
                if isSized { currentSize = planned?.size ?? openedSize ?? Self.size(of: walked.path) }
            }
        }
    }

    /// Passes over the walk's next `count` entries as ``planEntry`` saying `.skip` to each would, without
    /// asking it or telling ``entryFinished`` of them: a caller that knows them unchanged (a re-run with
    /// a state) spares thousands of steps. Only right after a `.passedOver` step; stops early at the
    /// end of the walk or at anything that is not a plain entry (which the next step then gives), and
    /// gives how many it passed over.
    @discardableResult
    package func passOver(_ count: Int) -> Int {
        finishEntry()
        for done in 0..<count {
            guard let found = walker.peek(), case .entry(let walked) = found, !walked.isMaildir, !walked.isStandardInput else { return done }
            _ = walker.next()
            step += 1
            filesSeen += 1
        }
        return count
    }

    /// How far into the current file a message handed out lies (for ``bytesDone``).
    private func noteProgress(_ event: ExportEvent) {
        guard case .message(let found) = event, found.source.path == currentEntryPath else { return }
        // A file read whole holds one message (streamed ones say how far they got).
        positionInCurrent = current == nil ? currentSize : min(currentSize, found.offsetInFile)
    }

    private func finishEntry() {
        guard let entry else { return }
        self.entry = nil
        entryFinished?(entry, entryCheckpoint)
    }

    /// Reads an mbox or Graph JSON Lines file from a checkpoint of an earlier read.
    private func resume(_ walked: InputWalker.Entry, at checkpoint: EntryCheckpoint) {
        let path = walked.path
        let layoutPath = LayoutPath(disk: path, root: walked.root)
        entryEvents = checkpoint.eventsBefore
        switch checkpoint.reader {
        case .mbox(let point):
            do {
                let reader = try MboxReader(path: path, resumingAt: point)
                current = .mbox(reader, place: place(of: layoutPath, display: path, role: .mbox, surveys: []), member: nil)
            } catch {
                queue.append(.unreadable(error))
            }
        case .jsonLines(let point, let seen):
            do {
                let reader = try GraphReader(path: path, options: Self.graphOptions(path), resumingAt: point)
                jsonLinesMark = (point, seen, checkpoint.eventsBefore)
                let place = place(of: layoutPath, display: path, role: .message, surveys: [])
                current = .graph(
                    reader, path: path, mailbox: place.mailbox, folderFallback: place.folder == "unknown" ? nil : place.folder,
                    mailFolders: folderMap(near: layoutPath, surveys: []), seen: seen, member: nil)
            } catch {
                queue.append(.unreadable(IngestError(code: IngestCode.unreadable, message: error.message, path: path)))
            }
        }
    }

    /// How a Graph file is read: a folder list says what it is by its name, even without annotations.
    private static func graphOptions(_ path: String) -> GraphReaderOptions {
        var options = GraphReaderOptions()
        if fileName(of: path, isOneOf: ["mailfolders.json"]) { options.untypedObjects = .folder }
        return options
    }

    // MARK: Entries

    /// The last folder's place for single-message files: files of one folder come one after another.
    private var lastPlace: (folder: String, place: Place)?

    /// The mailbox and folder of a file (its owner per §3.2 and §3.3, its folder path); `display` is
    /// its report path (whose folder part keys the cache).
    private func place(of path: LayoutPath, display: String, role: FolderPath.Role, surveys: [ArchiveHints]) -> Place {
        let folderKey = String(Self.parentFolder(of: display))
        if role == .message, let lastPlace, lastPlace.folder == folderKey { return lastPlace.place }
        let owner = layout.owner(of: path, role: role, surveys: surveys)
        let place = Place(
            mailbox: owner?.address, part: owner?.part,
            folder: FolderPath.folder(of: path, mailboxIndex: owner?.componentIndex, role: role))
        if role == .message { lastPlace = (folderKey, place) }
        return place
    }

    private func open(_ entry: InputWalker.Entry) {
        let path = entry.path
        if entry.isMaildir {
            openMaildir(entry)
            return
        }
        // A file of attachments only was read by the first pass: its diagnostics are all it holds more.
        if let diagnostics = attachmentIndex.attachmentsOnlyDiagnostics(path) {
            queue += diagnostics.map { .diagnostic(Self.diagnostic($0, path: path)) }
            return
        }
        // Files up to `wholeFileLimit` are read once and sniffed in memory; larger ones are streamed.
        let whole: [UInt8]?
        let prefix: [UInt8]
        do {
            let read = try InputFile.readMeasured(path, wholeUpTo: Self.wholeFileLimit, prefix: 8192)
            whole = read.isWhole ? read.bytes : nil
            prefix = read.isWhole ? Array(read.bytes.prefix(8192)) : read.bytes
            openedSize = Int(read.identity.size)
            entryOpened?(read.identity)
        } catch {
            queue.append(.unreadable(error))
            return
        }
        let layoutPath = LayoutPath(disk: path, root: entry.root)
        // PST/OST and OLE2 (`.msg`) files announce themselves by their first bytes; libpff and
        // libolecf read them from disk.
        if let kind = OutlookFileKind.sniff(prefix) {
            let place = self.place(of: layoutPath, display: path, role: .message, surveys: [])
            current = .outlook(OutlookFileScan(
                path: path, kind: kind, mailbox: place.mailbox, part: place.part, folder: place.folder, mailboxHint: mailboxHint,
                options: outlookOptions, resolve: { self.resolve($0) }))
            return
        }
        if ArchiveSniff.isArchive(prefix) {
            openArchive(path: path, layout: layoutPath)
            return
        }
        classify(Unit(display: path, layout: layoutPath, body: .disk, whole: whole, prefix: prefix), surveys: [])
    }

    /// Reads standard input (`-`) into memory and classifies it like a file of that name.
    private func openStandardInput() {
        let read = InputFile.readStandardInput(upTo: standardInputLimit)
        currentSize = read.bytes.count
        if !read.isWhole {
            queue.append(.diagnostic(Diagnostic(
                code: IngestCode.standardInputTooLarge,
                message: "standard input holds more than \(standardInputLimit) bytes (--stdin-max-bytes); the rest is not read",
                location: SourceLocation(path: "-"))))
        }
        let prefix = Array(read.bytes.prefix(8192))
        if OutlookFileKind.sniff(prefix) != nil || ArchiveSniff.isArchive(prefix) {
            queue.append(.unrecognised(path: "-", reason: "\(ContentKind.describe(prefix)) on standard input: give it as a file"))
            return
        }
        let layoutPath = LayoutPath(disk: "-", root: "-")
        classify(Unit(display: "-", layout: layoutPath, body: .disk, whole: read.bytes, prefix: prefix), surveys: [])
    }

    private func openMaildir(_ entry: InputWalker.Entry) {
        let path = entry.path
        do {
            let maildir = try MaildirReader(folderPath: path)
            queue += maildir.notes.map { .diagnostic($0) }
            let layoutPath = LayoutPath(disk: path + "/cur", root: entry.root)
            let owner = layout.owner(of: layoutPath, role: .message, surveys: [])
            let folder = WellKnownFolder.normalizePath(maildir.folderName)
            for message in maildir.messages {
                do {
                    let bytes = try InputFile.read(message.path)
                    var found = FoundMessage(
                        content: .mime(bytes), source: message.source, mailbox: resolve(owner?.address), folder: folder,
                        offsetInFile: 0, isRead: message.flags.contains(.seen), notes: [])
                    found.mailboxPart = owner?.part
                    queue.append(.message(found))
                } catch {
                    queue.append(.unreadable(error))
                }
            }
        } catch {
            queue.append(.unreadable(error))
        }
    }

    // MARK: Archives

    /// Opens an archive on disk: surveys it (unless the first walk did), then reads it member by member.
    private func openArchive(path: String, layout layoutPath: LayoutPath) {
        let hints: ArchiveHints
        if let surveyed = surveys.removeValue(forKey: path) {
            hints = surveyed
        } else if let reader = try? LibArchiveReader(path: path) {
            hints = ArchiveSurvey.survey(reader, display: path, layout: layoutPath, limits: archiveLimits)
        } else {
            hints = ArchiveHints()
        }
        if let kind = hints.documentKind {
            queue.append(.unrecognised(path: path, reason: kind))
            return
        }
        do {
            let reader = try LibArchiveReader(path: path)
            frames.append(ArchiveFrame(reader: reader, display: path, layout: layoutPath, depth: 1, budget: ArchiveBudget(), surveys: [hints]))
        } catch {
            queue.append(error.code == ArchiveCode.corrupt.diagnosticCode ? .diagnostic(Self.archiveDiagnostic(.corrupt, error.message, path: path)) : .unreadable(error))
        }
    }

    /// Opens an archive held by a member of `parent`.
    private func openArchive(bytes: [UInt8], display: String, layout layoutPath: LayoutPath, parent: ArchiveFrame) {
        do {
            let hints = ArchiveSurvey.survey(try LibArchiveReader(bytes: bytes, path: display), display: display, layout: layoutPath, limits: archiveLimits)
            if let kind = hints.documentKind {
                queue.append(.unrecognised(path: display, reason: kind))
                return
            }
            let reader = try LibArchiveReader(bytes: bytes, path: display)
            frames.append(ArchiveFrame(
                reader: reader, display: display, layout: layoutPath, depth: parent.depth + 1, budget: parent.budget,
                surveys: parent.surveys + [hints]))
        } catch {
            queue.append(.diagnostic(Self.archiveDiagnostic(.corrupt, error.message, path: display)))
        }
    }

    static func archiveDiagnostic(_ code: ArchiveCode, _ message: String, path: String) -> Diagnostic {
        Diagnostic(code: code.diagnosticCode, message: message, location: SourceLocation(path: path))
    }

    /// Reads the next member header of the innermost archive and opens the member.
    private func nextMember() {
        guard let frame = frames.last else { return }
        if frame.budget.isExhausted {
            frames.removeLast()
            return
        }
        switch frame.reader.nextHeader() {
        case .end:
            frames.removeLast()
        case .failed(let message):
            queue.append(.diagnostic(Self.archiveDiagnostic(
                .corrupt, "cannot be read further (\(message)); the members after this point are not read", path: frame.display)))
            frames.removeLast()
        case .member(let member):
            frame.budget.members += 1
            if frame.budget.members > archiveLimits.maxMembers {
                queue.append(.diagnostic(Self.archiveDiagnostic(
                    .tooManyMembers, "holds more than \(archiveLimits.maxMembers) members (the member limit); the rest is not read", path: frame.display)))
                frame.budget.isExhausted = true
                return
            }
            let name = frame.reader.isRaw ? ArchiveSniff.memberName(ofCompressedFile: frame.layout.fileName) : member.name
            var trimmed = Substring(name)
            while trimmed.first == "/" { trimmed.removeFirst() }
            let display = frame.display + "!/" + trimmed
            let layoutPath = frame.layout.member(name)
            if name.hasPrefix("/") || name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") {
                queue.append(.diagnostic(Self.archiveDiagnostic(
                    .memberName, "the member's name is absolute or climbs out of the archive ('\(name)'); it is only a name here, nothing is extracted", path: display)))
            }
            switch member.kind {
            case .directory:
                return
            case .link, .other:
                queue.append(.diagnostic(Self.archiveDiagnostic(.memberSkipped, "is a link or special file, not a file; not read", path: display)))
                return
            case .file:
                break
            }
            if member.isEncrypted {
                queue.append(.diagnostic(Self.archiveDiagnostic(.encryptedMember, "is encrypted; Dragnet never tries a passphrase, so it is not read", path: display)))
                return
            }
            filesSeen += 1
            openMember(ArchiveMemberData(reader: frame.reader, budget: frame.budget, limits: archiveLimits), display: display, layout: layoutPath)
        }
    }

    private func openMember(_ data: ArchiveMemberData, display: String, layout layoutPath: LayoutPath) {
        guard let frame = frames.last else { return }
        let first = data.readAll(upTo: Self.wholeFileLimit)
        if data.stop?.isLimit == true || (first.bytes.isEmpty && data.stop != nil) {
            finishMember(data, display: display)
            return
        }
        if ArchiveSniff.isArchive(first.bytes) {
            guard frame.depth < archiveLimits.maxDepth else {
                queue.append(.diagnostic(Self.archiveDiagnostic(
                    .tooDeep, "is an archive nested more than \(archiveLimits.maxDepth) deep (the depth limit); not opened", path: display)))
                data.skip()
                finishMember(data, display: display)
                return
            }
            var bytes = first.bytes
            if !first.isComplete { bytes += data.readAll(upTo: archiveLimits.maxMemberBytes).bytes }
            if data.stop != nil {
                let isLimit = data.stop!.isLimit
                finishMember(data, display: display)
                if isLimit { return }
            }
            openArchive(bytes: bytes, display: display, layout: layoutPath, parent: frame)
            return
        }
        var notes: [Diagnostic] = []
        if let stop = data.stop, first.isComplete {
            // On the message read from the member's start, the limit is a warning (the archive's own diagnostic is the error).
            notes.append(Diagnostic(code: stop.code.diagnosticCode, message: stop.message, location: SourceLocation(path: display), severity: .warning))
        }
        classify(
            Unit(display: display, layout: layoutPath, body: .member(data, frame: frames.count - 1), whole: first.isComplete ? first.bytes : nil,
                 prefix: first.bytes, notes: notes),
            surveys: frame.surveys)
        if !isStreaming(data) {
            // What was not read is skipped within the limits (libarchive alone would decompress it unchecked).
            data.skip()
            finishMember(data, display: display)
        }
    }

    private func isStreaming(_ data: ArchiveMemberData) -> Bool {
        switch current {
        case .mbox(_, _, let member?): member.data === data
        case .graph(_, _, _, _, _, _, let member?): member.data === data
        default: false
        }
    }

    /// Reports why a member's data stopped early. A limit stops the archive too when skipping the
    /// rest of the member would mean decompressing it.
    private func finishMember(_ data: ArchiveMemberData, display: String) {
        guard let stop = data.stop else { return }
        let consequence = stop.isLimit ? "" : "; what was read of it is used"
        queue.append(.diagnostic(Self.archiveDiagnostic(stop.code, stop.message + consequence, path: display)))
        if stop.isLimit, let frame = frames.last, !frame.reader.skipsBySeeking, !frame.budget.isExhausted {
            queue.append(.diagnostic(Self.archiveDiagnostic(
                stop.code, "the rest of the archive is not read: skipping the member would mean decompressing it", path: frame.display)))
            frames.removeLast()
        }
    }

    // MARK: Classifying a file

    /// A file to classify: on disk or an archive member.
    private struct Unit {
        enum Body {
            case disk
            case member(ArchiveMemberData, frame: Int)
        }

        var display: String
        var layout: LayoutPath
        var body: Body
        /// All of the file when it is small (or a member read whole).
        var whole: [UInt8]?
        /// Its first bytes (all that was read of a large member).
        var prefix: [UInt8]
        /// Notes for every message of the file (a member cut short).
        var notes: [Diagnostic] = []

        /// The whole content, read now if it was not (a large member: up to the member limit).
        func bytes() throws(IngestError) -> [UInt8] {
            if let whole { return whole }
            switch body {
            case .disk: return try InputFile.read(display)
            case .member(let data, _): return prefix + data.readAll(upTo: .max).bytes
            }
        }

        var member: Member? {
            if case .member(let data, let frame) = body { return Member(data: data, display: display, frame: frame) }
            return nil
        }
    }

    private func classify(_ unit: Unit, surveys: [ArchiveHints]) {
        let path = unit.display
        let name = unit.layout.fileName
        if let side = SideFile.identify(unit.layout) {
            queue.append(.diagnostic(Diagnostic(
                code: IngestCode.sideFile,
                message: "\(side.description): \(side.isUsed ? "read for the layout, " : "")not a message", location: SourceLocation(path: path))))
            return
        }
        let sniffPrefix = unit.whole.map { Array($0.prefix(8192)) } ?? Array(unit.prefix.prefix(8192))
        if OutlookFileKind.sniff(sniffPrefix) != nil {
            queue.append(.unrecognised(path: path, reason: "\(ContentKind.describe(sniffPrefix)) inside an archive: Outlook files are read from disk only (extract it)"))
            return
        }
        if GraphReader.looksLikeJSON(sniffPrefix) {
            openGraph(unit, surveys: surveys)
            return
        }
        if AppleMailMessage.isEmlx(name) || Self.startsWithByteCountLine(sniffPrefix) {
            openEmlx(unit, surveys: surveys)
            return
        }
        // Many single messages start with an envelope `From ` line; a file is read as an mbox when a
        // second message follows. A mail client's folder file (`Junk`, `Inbox.mbox`) holding one
        // message is read as a message, in the folder the file stands for.
        let startsWithFrom = MboxReader.looksLikeMbox(sniffPrefix)
        let isMboxFile = startsWithFrom && Self.isMboxFileName(name)
        if startsWithFrom, unit.whole.map({ isMboxFile || Self.mayHoldSecondMessage($0) }) ?? true {
            if openMbox(unit, keepsOneMessage: Self.hasMboxExtension(name), surveys: surveys) { return }
        }
        guard InputFormat.sniff(sniffPrefix, path: path) == .eml else {
            queue.append(.unrecognised(path: path, reason: ContentKind.describe(sniffPrefix)))
            return
        }
        let bytes: [UInt8]
        do {
            bytes = try unit.bytes()
        } catch {
            queue.append(.unreadable(error))
            return
        }
        // An empty file (a failed export) is no message: say so rather than count a blank one.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            queue.append(.unrecognised(path: path, reason: "an empty file (no header or body)"))
            return
        }
        let mh = MHFolder.message(named: name)
        var place = self.place(of: unit.layout, display: unit.display, role: isMboxFile ? .mbox : .message, surveys: surveys)
        if mh != nil, place.mailbox == nil, let root = layout.mhRoot(of: unit.layout, surveys: surveys) {
            place.folder = FolderPath.folder(of: unit.layout, mailboxIndex: nil, role: .message, folderRoot: root)
        }
        // Blank lines before the header block (a careless export) are the MIME parser's to skip
        // (`mime.leading-blank-lines`), so a file and the same file inside an archive read alike.
        var found = FoundMessage(
            content: .mime(bytes), source: MessageSource(format: mh == nil ? "eml" : "mh", path: path),
            mailbox: resolve(place.mailbox), folder: place.folder, offsetInFile: 0, isRead: nil, notes: unit.notes)
        found.mailboxPart = place.part
        if let mh {
            found.isRead = layout.mhIsRead(unit.layout, number: mh.number, surveys: surveys)
            found.isRemovedByUser = mh.isRemoved
        }
        queue.append(.message(found))
    }

    /// An mbox folder file: its name ends `.mbox`, `.mbx` or `.mbs`, or has no extension (Thunderbird)
    /// and is not an MH message number.
    static func isMboxFileName(_ name: String) -> Bool {
        hasMboxExtension(name) || !name.contains(".") && MHFolder.message(named: name) == nil
    }

    /// Whether the name ends `.mbox`, `.mbx` or `.mbs`.
    static func hasMboxExtension(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".mbox") || lower.hasSuffix(".mbx") || lower.hasSuffix(".mbs")
    }

    /// Whether the first line is a byte count (digits) and a mail header block follows: an Apple Mail
    /// `.emlx` whatever its name.
    static func startsWithByteCountLine(_ bytes: [UInt8]) -> Bool {
        guard let lf = bytes.firstIndex(of: 0x0A), lf > 0 else { return false }
        var line = bytes[..<lf]
        if line.last == 0x0D { line = line.dropLast() }
        guard !line.isEmpty, line.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return InputFormat.startsWithMailHeaderBlock(Array(bytes[(lf + 1)...]))
    }

    private func openEmlx(_ unit: Unit, surveys: [ArchiveHints]) {
        let bytes: [UInt8]
        do {
            bytes = try unit.bytes()
        } catch {
            queue.append(.unreadable(error))
            return
        }
        let emlx = AppleMailMessage(bytes, path: unit.display)
        let start = Array(bytes[emlx.messageRange.lowerBound ..< min(emlx.messageRange.upperBound, emlx.messageRange.lowerBound + 8192)])
        guard InputFormat.startsWithMailHeaderBlock(start) else {
            queue.append(.unrecognised(path: unit.display, reason: ContentKind.describe(start)))
            return
        }
        let place = self.place(of: unit.layout, display: unit.display, role: .message, surveys: surveys)
        var found = FoundMessage(
            content: .mime(Array(bytes[emlx.messageRange])), source: MessageSource(format: "emlx", path: unit.display),
            mailbox: resolve(place.mailbox), folder: place.folder, offsetInFile: emlx.messageRange.lowerBound, isRead: emlx.isRead,
            notes: unit.notes + emlx.notes)
        found.mailboxPart = place.part
        if AppleMailMessage.isPartial(unit.layout.fileName) {
            found.storedAttachments = layout.storedAttachments(of: unit.layout, display: unit.display, surveys: surveys)
        }
        queue.append(.message(found))
    }

    /// Reads an mbox; false when the file (held in memory) turns out to hold one message and its name
    /// does not end `.mbox` (`keepsOneMessage`): it is then read as a message.
    private func openMbox(_ unit: Unit, keepsOneMessage: Bool, surveys: [ArchiveHints]) -> Bool {
        let reader: MboxReader
        switch unit.body {
        case .disk:
            if let whole = unit.whole {
                reader = MboxReader(source: MemoryMboxSource(whole), path: unit.display)
            } else {
                do {
                    reader = try MboxReader(path: unit.display)
                } catch {
                    queue.append(.unreadable(error))
                    return true
                }
            }
        case .member(let data, _):
            if let whole = unit.whole {
                reader = MboxReader(source: MemoryMboxSource(whole, endsEarlyBecause: data.stop?.message), path: unit.display)
            } else {
                let source = StreamMboxSource(prefix: unit.prefix, maxLookahead: MboxReader.Options.default.maxMessageBytes) { buffer in
                    data.read(into: buffer)
                }
                reader = MboxReader(source: source, path: unit.display)
            }
        }
        guard let first = reader.next() else {
            reader.close()
            queue += reader.fileNotes.map { .diagnostic($0) }
            return true
        }
        let second = reader.next()
        if second == nil, unit.whole != nil, !keepsOneMessage {
            reader.close()
            return false
        }
        let place = self.place(of: unit.layout, display: unit.display, role: .mbox, surveys: surveys)
        for message in [first] + (second.map { [$0] } ?? []) {
            queue.append(.message(mboxMessage(message, place: place, notes: [])))
        }
        current = .mbox(reader, place: place, member: unit.member)
        return true
    }

    private func mboxMessage(_ message: MboxMessage, place: Place, notes: [Diagnostic]) -> FoundMessage {
        var found = FoundMessage(
            content: .mime(message.bytes), source: message.source, mailbox: resolve(place.mailbox),
            folder: place.folder, offsetInFile: message.contentRange.lowerBound, isRead: nil, notes: message.notes + notes)
        found.mailboxPart = place.part
        return found
    }

    private func openGraph(_ unit: Unit, surveys: [ArchiveHints]) {
        let path = unit.display
        let reader: GraphReader
        // A folder list says what it is by its name, even without annotations.
        var options = GraphReaderOptions()
        if Self.fileName(of: path, isOneOf: ["mailfolders.json"]) { options.untypedObjects = .folder }
        switch unit.body {
        case .disk where unit.whole == nil:
            do {
                reader = try GraphReader(path: path, options: options)
            } catch {
                queue.append(.unreadable(IngestError(code: IngestCode.unreadable, message: error.message, path: path)))
                return
            }
        default:
            do {
                reader = GraphReader(bytes: try unit.bytes(), options: options)
            } catch {
                queue.append(.unreadable(error))
                return
            }
        }
        let place = self.place(of: unit.layout, display: unit.display, role: .message, surveys: surveys)
        current = .graph(
            reader, path: path, mailbox: place.mailbox, folderFallback: place.folder == "unknown" ? nil : place.folder,
            mailFolders: folderMap(near: unit.layout, surveys: surveys), seen: GraphFileSeen(), member: unit.member)
    }

    /// Files up to this size are read whole and sniffed in memory (64 MiB).
    static let wholeFileLimit = 64 << 20

    /// Whether a file that starts with a `From ` line has another `From ` line after a line break
    /// (a cheap test before the mbox reader decides).
    static func mayHoldSecondMessage(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var i = 0
            let n = buffer.count
            while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                let lf = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if lf + 5 < n, buffer[lf + 1] == 0x46, buffer[lf + 2] == 0x72, buffer[lf + 3] == 0x6F, buffer[lf + 4] == 0x6D, buffer[lf + 5] == 0x20 {
                    return true
                }
                i = lf + 1
            }
            return false
        }
    }


    /// The mailbox a found owner stands for: a Graph context that names the user by object id
    /// (`users('7f180cbb-...')`) is the user's address (else UPN) when the directory knows the id.
    private func resolve(_ mailbox: String?) -> String {
        guard let mailbox else { return mailboxHint ?? "unknown" }
        guard !mailbox.contains("@"), !directory.users.isEmpty else { return mailbox }
        if let known = mailboxByUserID[mailbox] { return known ?? mailbox }
        let name = directory.mailboxName(forUserID: mailbox)
        mailboxByUserID[mailbox] = .some(name)
        return name ?? mailbox
    }

    private var mailboxByUserID: [String: String?] = [:]

    private func nextFromCurrent() -> ExportEvent? {
        guard let current else { return nil }
        switch current {
        case .outlook(let scan):
            if let event = scan.next() { return event }
            self.current = nil
            return nil
        case .mbox(let reader, let place, let member):
            if let message = reader.next() { return .message(mboxMessage(message, place: place, notes: [])) }
            if member == nil, let point = reader.resumePoint { entryCheckpoint = EntryCheckpoint(reader: .mbox(point), eventsBefore: point.index) }
            let notes = reader.fileNotes
            reader.close()
            self.current = nil
            queue += notes.map { .diagnostic($0) }
            if let member { finishMember(member.data, display: member.display) }
            return nil
        case .graph(let reader, let path, let mailbox, let folderFallback, let mailFolders, var seen, let member):
            func keep() {
                self.current = .graph(reader, path: path, mailbox: mailbox, folderFallback: folderFallback, mailFolders: mailFolders, seen: seen, member: member)
            }
            while let record = reader.next() {
                if let point = reader.resumePoint, point != jsonLinesMark?.point { jsonLinesMark = (point, seen, entryEvents) }
                switch record {
                case .message(let message, let location):
                    seen.messages += 1
                    keep()
                    let owner = location.mailbox ?? message.odataContext.flatMap { GraphContext.mailbox(fromContext: $0) } ?? mailbox
                    var folder = folderFallback ?? "unknown"
                    if let id = message.parentFolderId.value, let name = mailFolders?[id] {
                        folder = WellKnownFolder.normalize(name)
                    }
                    let source = MessageSource(
                        format: "graph-json", path: path, pointer: location.pointer, line: location.jsonLine)
                    let resolved = resolve(owner?.lowercased())
                    var found = FoundMessage(
                        content: .graph(message), source: source, mailbox: resolved, folder: folder,
                        offsetInFile: 0, isRead: message.isRead.value, notes: [])
                    found.batchResponseID = location.batchResponseID
                    if !attachmentIndex.isEmpty, let id = message.id.value {
                        found.attachmentsApart = attachmentIndex.take(messageID: id, mailbox: resolved, consumer: currentEntryPath)
                    }
                    return .message(found)
                case .diagnostic(let diagnostic):
                    if diagnostic.severity == .error { seen.errors += 1 }
                    keep()
                    return .diagnostic(Self.diagnostic(diagnostic, path: path))
                case .other(let other, _):
                    switch other.kind {
                    case .otherResource, .tombstone: seen.unused[other.resourceName ?? "other resource", default: 0] += 1
                    case .unknownObject, .scalar: seen.skipped += 1
                    }
                case .user:
                    if Self.fileName(of: path, isOneOf: ["users.json"]) { seen.resources += 1 } else { seen.unused["user", default: 0] += 1 }
                case .group:
                    if Self.fileName(of: path, isOneOf: ["groups.json"]) { seen.resources += 1 } else { seen.unused["group", default: 0] += 1 }
                case .folder:
                    if Self.fileName(of: path, isOneOf: ["mailfolders.json"]) { seen.resources += 1 } else { seen.unused["mail folder", default: 0] += 1 }
                case .attachment:
                    // Joined to its message (or reported without one) through the first pass, which reads files on disk only.
                    seen.resources += 1
                    if member != nil {
                        seen.attachmentsInArchive += 1
                    } else if !attachmentIndex.holdsIndexedAttachments(path) {
                        seen.unindexedAttachments += 1
                    }
                case .page(let page):
                    // An attachments page, even an empty one, says what its message's attachments are.
                    if page.odataContext.flatMap(GraphContext.attachmentsOwner(fromContext:)) != nil { seen.resources += 1 }
                }
            }
            self.current = nil
            if member == nil, let mark = jsonLinesMark, mark.point.valueIndex > 0 {
                entryCheckpoint = EntryCheckpoint(reader: .jsonLines(mark.point, mark.seen), eventsBefore: mark.events)
            }
            var notes: [ExportEvent] = []
            // A file whose problems were already reported (an error page, invalid JSON) is not also "unrecognised".
            if seen.messages == 0, seen.resources == 0, seen.unused.isEmpty, seen.errors == 0 {
                notes.append(.unrecognised(path: path, reason: "JSON that holds no Graph message, user, group, folder or attachment"))
            }
            if seen.unindexedAttachments > 0 {
                let n = seen.unindexedAttachments
                notes.append(.diagnostic(Diagnostic(
                    code: GraphDiagnostic.Code.attachmentsWithoutMessage.diagnosticCode,
                    message: "\(n) attachment\(n == 1 ? "" : "s") whose message nothing names (no @odata.context says whose \(n == 1 ? "it is" : "they are")); not used",
                    location: SourceLocation(path: path))))
            }
            if !seen.unused.isEmpty {
                let total = seen.unused.values.reduce(0, +)
                let kinds = seen.unused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                notes.append(.diagnostic(Diagnostic(
                    code: GraphDiagnostic.Code.valuesUnused.diagnosticCode,
                    message: "\(total == 1 ? "1 value is a" : "\(total) values are") Graph resource\(total == 1 ? "" : "s") not used for mail (\(kinds); users, groups and folders are read only from users.json, groups.json and mailFolders.json)",
                    location: SourceLocation(path: path))))
            }
            if seen.skipped > 0 {
                let what = seen.skipped == 1 ? "1 value is" : "\(seen.skipped) values are"
                notes.append(.diagnostic(Diagnostic(
                    code: GraphDiagnostic.Code.valuesSkipped.diagnosticCode,
                    message: "\(what) neither a message nor a user, group, folder or attachment (an unknown object, a number, text or null) and were skipped",
                    location: SourceLocation(path: path))))
            }
            if seen.attachmentsInArchive > 0 {
                let n = seen.attachmentsInArchive
                notes.append(.diagnostic(Diagnostic(
                    code: GraphDiagnostic.Code.attachmentsWithoutMessage.diagnosticCode,
                    message: "\(n) attachment\(n == 1 ? "" : "s") saved apart from \(n == 1 ? "its message" : "their messages") inside an archive; attachments saved apart are joined only from files on disk (extract the archive to join them); not used",
                    location: SourceLocation(path: path))))
            }
            queue += notes.dropFirst()
            if let member { finishMember(member.data, display: member.display) }
            return notes.first
        }
    }

    /// The first pass: every JSON file that may hold attachments kept apart from their messages is
    /// read for where they are (``AttachmentIndex``), on `workers` threads, added in walk order.
    private func buildAttachmentIndex() {
        // The files the first walk kept, else a walk of its own.
        let walker = walkEntries == nil ? InputWalker(paths: paths) : nil
        var kept = (walkEntries ?? []).makeIterator()
        func nextEntry() -> InputWalker.Entry? {
            guard let walker else { return kept.next() }
            while let found = walker.next() {
                if case .entry(let entry) = found { return entry }
            }
            return nil
        }
        var index = AttachmentIndex()
        OrderedParallelMap<InputWalker.Entry, AttachmentIndex.FileScan?>(workers: workers, maxBatchCount: 32).run(
            next: {
                while let entry = nextEntry() {
                    guard !entry.isMaildir, !entry.isStandardInput,
                        !Self.fileName(of: entry.path, isOneOf: ["users.json", "groups.json", "mailfolders.json"])
                    else { continue }
                    // Known to hold none: not opened, not even handed to a worker.
                    if let known = self.holdsNoAttachments, known(entry.path) { continue }
                    return entry
                }
                return nil
            },
            weight: { _ in 1 },
            transform: { entry in AttachmentIndex.scan(path: entry.path) },
            consume: { entry, scan in
                guard let scan else { return }
                let folderMailbox = place(of: LayoutPath(disk: entry.path, root: entry.root), display: entry.path, role: .message, surveys: []).mailbox
                index.add(scan) { owner in self.resolve((owner ?? folderMailbox)?.lowercased()) }
            })
        attachmentIndex = index
    }

    static func diagnostic(_ d: GraphDiagnostic, path: String) -> Diagnostic {
        Diagnostic(
            code: d.code.diagnosticCode, message: d.message,
            location: SourceLocation(path: path, byteOffset: d.byteOffset, line: d.line, column: d.column, pointer: d.pointer),
            severity: d.severity)
    }

    // MARK: Mailbox and folder resolution (§3.2)

    /// The nearest ancestor folder of the file at `path` (a report path, archive members included)
    /// that names a mailbox, lower-cased.
    package static func mailbox(forPath path: String) -> String? {
        mailbox(ofFolders: path.split(separator: "/").dropLast())
    }

    /// The same for a path that may itself be a mailbox folder (an unreadable input).
    package static func mailbox(containing path: String) -> String? {
        mailbox(ofFolders: path.split(separator: "/")[...])
    }

    private static func mailbox(ofFolders components: ArraySlice<Substring>) -> String? {
        for component in components.reversed() {
            if let named = MailboxName.parse(folder: String(component)) { return named.address }
        }
        return nil
    }

    /// The `id → displayName` map of the nearest `mailFolders.json` at or above the file's folder,
    /// up to the mailbox folder (on disk, or in the archive the file is in).
    private func folderMap(near path: LayoutPath, surveys: [ArchiveHints]) -> [String: String]? {
        var k = path.components.count - 1
        while k >= 0 {
            let key = (path.isAbsolute ? "/" : "") + path.components[..<k].joined(separator: "/")
            if let cached = folderMaps[key] {
                if let cached { return cached }
            } else {
                var map: [String: String]?
                for name in ["mailFolders.json", "mailfolders.json", "MailFolders.json"] {
                    guard let bytes = layout.sideFile(name, inFolder: k, of: path, surveys: surveys) else { continue }
                    map = Self.folderMap(bytes)
                    break
                }
                folderMaps[key] = .some(map)
                if let map { return map }
            }
            if k >= 1, !path.isArchive(k - 1), MailboxName.parse(folder: path.components[k - 1]) != nil { break }
            k -= 1
        }
        return nil
    }

    private static func folderMap(_ bytes: [UInt8]) -> [String: String] {
        // The file's name says what it holds: objects without a type are folders.
        var options = GraphReaderOptions()
        options.untypedObjects = .folder
        let reader = GraphReader(bytes: bytes, options: options)
        var map: [String: String] = [:]
        func add(_ folder: GraphMailFolder) {
            if let id = folder.id.value, let name = folder.displayName.value { map[id] = name }
            for child in folder.childFolders.value ?? [] { add(child) }
        }
        while let record = reader.next() {
            if case .folder(let folder, _) = record { add(folder) }
        }
        return map
    }

    /// The path up to its last `/` (empty without one), found on the UTF-8 bytes: `String.lastIndex(of:)`
    /// would walk grapheme clusters.
    static func parentFolder(of path: String) -> Substring {
        guard let slash = lastSlash(in: path) else { return "" }
        return path[..<slash]
    }

    /// The index of the last `/` of `path`, by a backward scan of its UTF-8 in place (the generic
    /// `utf8.lastIndex(of:)` steps index by index; it runs for every file of an export).
    package static func lastSlash(in path: String) -> String.Index? {
        let utf8 = path.utf8
        let found: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            var i = bytes.count
            while i > 0 {
                i -= 1
                if bytes[i] == 0x2F { return i }
            }
            return nil
        }
        guard let found else { return utf8.lastIndex(of: UInt8(ascii: "/")) }
        return found.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// Whether the file's name is one of `names` (lower case), in any case: `mailFolders.json`,
    /// `users.json`, `groups.json` say what a file holds.
    static func fileName(of path: String, isOneOf names: [String]) -> Bool {
        // On the path's UTF-8 in place (every file of an export passes here in a run with a state).
        var path = path
        return path.withUTF8 { bytes in
            var start = bytes.count
            while start > 0, bytes[start - 1] != 0x2F { start -= 1 }
            let count = bytes.count - start
            return names.contains { candidate in
                var candidate = candidate
                return candidate.utf8.count == count
                    && candidate.withUTF8 { name in (0..<count).allSatisfy { (bytes[start + $0] &- 0x41 < 26 ? bytes[start + $0] | 0x20 : bytes[start + $0]) == name[$0] } }
            }
        }
    }

    /// Whether a file's content decides how the items of other files are attributed or read (the
    /// directory `users.json` and `groups.json`, a `mailFolders.json` folder list, the side files the
    /// layout rules read, attachments Apple Mail stored apart): a stateful run evaluates everything
    /// again when one of them changes.
    package static func isContextFile(_ path: String, root: String) -> Bool {
        if cannotBeContextFile(path) { return false }
        if fileName(of: path, isOneOf: ["users.json", "groups.json", "mailfolders.json"]) { return true }
        // The file name alone first, and the whole layout only for a path with an `Attachments`
        // folder (every file of an export passes here in a run with a state).
        let name = lastSlash(in: path).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        if SideFile.isReadByRules(name) { return true }
        guard hasAttachmentsFolder(path) else { return false }
        return SideFile.isAppleStoredAttachment(LayoutPath(disk: path, root: root))
    }

    /// What the names of context files (above and ``SideFile/isReadByRules(_:)``) end with, lower-cased:
    /// `users.json`, `prefs.js`, `.mh_sequences`, `.mh_profile`, `context`, `archive_browser.html`,
    /// `-results-count.csv`.
    private static let contextNameEndings: Set<UInt8> = Set("nsetlv".utf8)

    /// Whether `path` is surely no context file: its name ends with an ASCII letter no context
    /// file's name ends with, and no folder of it is `Attachments` (most files of an export, told
    /// from one byte and one scan of the path).
    private static func cannotBeContextFile(_ path: String) -> Bool {
        guard let last = path.utf8.last, last < 0x80, !contextNameEndings.contains(last &- 0x41 < 26 ? last | 0x20 : last) else { return false }
        return !hasAttachmentsFolder(path)
    }

    /// Whether a component of `path` (not the last) is `Attachments`, compared on the bytes.
    private static let attachmentsFolder = Array("Attachments/".utf8)

    private static func hasAttachmentsFolder(_ path: String) -> Bool {
        let needle = attachmentsFolder
        var path = path
        return path.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] && (start == 0 || bytes[start - 1] == 0x2F) {
                if needle.indices.allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
    }

    /// A first, light walk: `users.json` and `groups.json` anywhere below the inputs (the directory),
    /// the mailboxes folder names give, and a survey of each archive (by its extension) for the same
    /// and for the side files the layout rules read. Nothing else is read, nothing is kept per file.
    private static func survey(
        _ paths: [String], limits: ArchiveLimits, recordsWalk: Bool
    ) -> (Directory, Set<String>, [String: ArchiveHints], [String]?, InputWalker.Steps?) {
        var directory = Directory()
        var mailboxes = Set<String>()
        var surveys: [String: ArchiveHints] = [:]
        var contextFiles: [String]? = recordsWalk ? [] : nil
        var steps: InputWalker.Steps? = recordsWalk ? [] : nil
        let walker = InputWalker(paths: paths)
        var lastFolder: Substring = ""
        while let found = walker.next() {
            steps?.append((found, walker.currentArgument))
            let entry: InputWalker.Entry
            switch found {
            case .entry(let found): entry = found
            case .error, .skipped: continue
            }
            if recordsWalk, !entry.isMaildir, isContextFile(entry.path, root: entry.root) { contextFiles?.append(entry.path) }
            let folder = parentFolder(of: entry.path)
            if folder != lastFolder || entry.isMaildir {
                lastFolder = folder
                if let mailbox = entry.isMaildir ? mailbox(containing: entry.path) : mailbox(forPath: entry.path) { mailboxes.insert(mailbox) }
            }
            guard !entry.isMaildir else { continue }
            if ArchiveSniff.hasArchiveExtension(entry.path), let reader = try? LibArchiveReader(path: entry.path) {
                let hints = ArchiveSurvey.survey(reader, display: entry.path, layout: LayoutPath(disk: entry.path, root: entry.root), limits: limits)
                mailboxes.formUnion(hints.mailboxes)
                for file in hints.directoryFiles {
                    directory.sources.append(entry.path + "!/" + file.path)
                    let reader = GraphReader(bytes: file.bytes)
                    while let record = reader.next() { directory.add(record) }
                }
                var kept = hints
                kept.directoryFiles = []
                surveys[entry.path] = kept
                continue
            }
            guard fileName(of: entry.path, isOneOf: ["users.json", "groups.json"]), let reader = try? GraphReader(path: entry.path) else { continue }
            directory.sources.append(entry.path)
            while let record = reader.next() { directory.add(record) }
        }
        return (directory, mailboxes, surveys, contextFiles, steps)
    }
}
