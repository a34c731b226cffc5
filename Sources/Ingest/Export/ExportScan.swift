public import GraphExport
public import MailModel
package import Outlook
private import Glibc

/// Reads everything below the input paths (§3, §3.2) and produces, one at a time and in a
/// deterministic order, every message found — attributed to its mailbox and folder — and every
/// problem met. Files are classified by content: MIME messages, mbox files, Graph JSON, Maildirs;
/// anything else is "unrecognised input". Memory holds one file (or one Graph value) at a time.
///
/// Mailbox (owner), in order: the `users('...')` segment of the Graph `@odata.context`; the nearest
/// ancestor folder named as an address or UPN; `mailboxHint` (`--mailbox`); else `unknown`.
/// Folder: Graph `parentFolderId` through the nearest `mailFolders.json`; else the Maildir's name, the
/// mbox file's name, or the file's parent folder (unless that folder names a mailbox); else `unknown`.
/// Well-known folder names are normalised.
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

    private let walker: InputWalker
    /// Events of the current entry not yet handed out.
    private var queue: [ExportEvent] = []
    private var queueIndex = 0
    /// The reader of the current streamed file (mbox or Graph JSON).
    private var current: Current?
    private var folderMaps: [String: [String: String]?] = [:]

    private enum Current {
        case mbox(MboxReader, path: String, mailbox: String?, folder: String?)
        case graph(GraphReader, path: String, mailbox: String?, folderFallback: String?, mailFolders: [String: String]?, seen: GraphFileSeen)
        case outlook(OutlookFileScan)
    }

    /// What a Graph file held so far: messages, other resources the export uses (users, groups,
    /// folders, attachments), and values that are none of these (skipped, and said so).
    private struct GraphFileSeen {
        var messages = 0
        var resources = 0
        var skipped = 0
        /// Diagnostics of severity error already reported for the file.
        var errors = 0
    }

    /// Mailboxes named by the folders of the inputs (lower-cased), known before any file is read.
    package let mailboxFolders: Set<String>

    /// Counts of what was found, for `validate`.
    package private(set) var filesSeen = 0

    package init(paths: [String], mailboxHint: String? = nil) {
        walker = InputWalker(paths: paths)
        self.mailboxHint = mailboxHint?.lowercased()
        (directory, mailboxFolders) = Self.survey(paths)
    }

    /// The next event, or `nil` when everything was read. Unreadable command-line paths come last.
    package func next() -> ExportEvent? {
        while true {
            if queueIndex < queue.count {
                defer { queueIndex += 1 }
                return queue[queueIndex]
            }
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            if let event = nextFromCurrent() { return event }
            guard let found = walker.next() else { return nil }
            switch found {
            case .error(let error):
                return .unreadable(error)
            case .skipped(let note):
                return .diagnostic(Diagnostic(severity: .note, code: note.code, message: note.message, location: SourceLocation(path: note.path)))
            case .entry(let entry):
                filesSeen += 1
                open(entry)
            }
        }
    }

    // MARK: Entries

    /// Mailbox and folder attributed to the files of one folder, computed once per folder.
    private var placeByFolder: [Substring: (mailbox: String?, folder: String?)] = [:]

    /// The last folder's place: files of one folder come one after another.
    private var lastPlace: (folder: Substring, place: (mailbox: String?, folder: String?))?

    private func place(of path: String) -> (mailbox: String?, folder: String?) {
        let parent = Self.parentFolder(of: path)
        if let lastPlace, lastPlace.folder.utf8.elementsEqual(parent.utf8) { return lastPlace.place }
        let place: (mailbox: String?, folder: String?)
        if let cached = placeByFolder[parent] {
            place = cached
        } else {
            place = (Self.mailbox(forPath: path), Self.folder(forPath: path))
            placeByFolder[parent] = place
        }
        lastPlace = (parent, place)
        return place
    }

    private func open(_ entry: InputWalker.Entry) {
        let path = entry.path
        let (mailbox, parentFolder) = place(of: path)
        if entry.isMaildir {
            do {
                let maildir = try MaildirReader(folderPath: path)
                queue += maildir.notes.map { .diagnostic($0) }
                let folder = WellKnownFolder.normalize(maildir.folderName)
                for message in maildir.messages {
                    do {
                        let bytes = try InputFile.read(message.path)
                        queue.append(.message(FoundMessage(
                            content: .mime(bytes), source: message.source, mailbox: resolve(mailbox), folder: folder,
                            offsetInFile: 0, isRead: message.flags.contains(.seen), notes: [])))
                    } catch {
                        queue.append(.unreadable(error))
                    }
                }
            } catch {
                queue.append(.unreadable(error))
            }
            return
        }
        // Files up to `wholeFileLimit` are read once and sniffed in memory; larger ones are streamed.
        let whole: [UInt8]?
        let prefix: [UInt8]
        do {
            let read = try InputFile.read(path, wholeUpTo: Self.wholeFileLimit, prefix: 8192)
            whole = read.isWhole ? read.bytes : nil
            prefix = read.isWhole ? Array(read.bytes.prefix(8192)) : read.bytes
        } catch {
            queue.append(.unreadable(error))
            return
        }
        // PST/OST and OLE2 (`.msg`) files announce themselves by their first bytes.
        if let kind = OutlookFileKind.sniff(prefix) {
            current = .outlook(OutlookFileScan(
                path: path, kind: kind, mailbox: mailbox, folder: parentFolder, mailboxHint: mailboxHint, options: outlookOptions,
                resolve: { self.resolve($0) }))
            return
        }
        if GraphReader.looksLikeJSON(prefix) {
            let reader: GraphReader
            // A folder list says what it is by its name, even without annotations.
            var options = GraphReaderOptions()
            if Self.fileName(of: path, isOneOf: ["mailfolders.json"]) { options.untypedObjects = .folder }
            if let whole {
                reader = GraphReader(bytes: whole, options: options)
            } else {
                do {
                    reader = try GraphReader(path: path, options: options)
                } catch {
                    queue.append(.unreadable(IngestError(code: "input.unreadable", message: error.message, path: path)))
                    return
                }
            }
            current = .graph(reader, path: path, mailbox: mailbox, folderFallback: parentFolder, mailFolders: folderMap(near: path), seen: GraphFileSeen())
            return
        }
        // Many single messages start with an envelope `From ` line; a file is an mbox only when a
        // second message follows. A single message is read as it is, as an `.eml` file.
        if MboxReader.looksLikeMbox(prefix), whole.map(Self.mayHoldSecondMessage) ?? true {
            do {
                let reader = try MboxReader(path: path)
                let folder = Self.mboxFolder(path)
                if let first = reader.next(), let second = reader.next() {
                    for message in [first, second] {
                        queue.append(.message(FoundMessage(
                            content: .mime(message.bytes), source: message.source, mailbox: resolve(mailbox),
                            folder: folder ?? "unknown", offsetInFile: message.contentRange.lowerBound, isRead: nil, notes: message.notes)))
                    }
                    current = .mbox(reader, path: path, mailbox: mailbox, folder: folder)
                    return
                }
                reader.close()
            } catch {
                queue.append(.unreadable(error))
                return
            }
        }
        switch InputFormat.sniff(prefix, path: path) {
        case .eml:
            do {
                let bytes: [UInt8]
                if let whole { bytes = whole } else { bytes = try InputFile.read(path) }
                // An empty file (a failed export) is no message: say so rather than count a blank one.
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
                    queue.append(.unrecognised(path: path, reason: "an empty file (no header or body)"))
                    return
                }
                queue.append(.message(FoundMessage(
                    content: .mime(bytes), source: MessageSource(format: "eml", path: path), mailbox: resolve(mailbox),
                    folder: parentFolder ?? "unknown", offsetInFile: 0, isRead: nil, notes: [])))
            } catch {
                queue.append(.unreadable(error))
            }
        case .graphJSON, .unrecognised:
            queue.append(.unrecognised(path: path, reason: "not a mail message, mbox or Graph JSON"))
        }
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
        case .mbox(let reader, let path, let mailbox, let folder):
            if let message = reader.next() {
                return .message(FoundMessage(
                    content: .mime(message.bytes), source: message.source, mailbox: resolve(mailbox),
                    folder: folder ?? "unknown", offsetInFile: message.contentRange.lowerBound, isRead: nil, notes: message.notes))
            }
            _ = path
            let notes = reader.fileNotes
            reader.close()
            self.current = nil
            queue += notes.map { .diagnostic($0) }
            return nil
        case .graph(let reader, let path, let mailbox, let folderFallback, let mailFolders, var seen):
            while let record = reader.next() {
                switch record {
                case .message(let message, let location):
                    seen.messages += 1
                    self.current = .graph(reader, path: path, mailbox: mailbox, folderFallback: folderFallback, mailFolders: mailFolders, seen: seen)
                    let owner = location.mailbox ?? message.odataContext.flatMap { GraphContext.mailbox(fromContext: $0) } ?? mailbox
                    var folder = folderFallback.map(WellKnownFolder.normalize) ?? "unknown"
                    if let id = message.parentFolderId.value, let name = mailFolders?[id] {
                        folder = WellKnownFolder.normalize(name)
                    }
                    let source = MessageSource(
                        format: "graph-json", path: path, pointer: location.pointer, line: location.jsonLine)
                    return .message(FoundMessage(
                        content: .graph(message), source: source, mailbox: resolve(owner?.lowercased()), folder: folder,
                        offsetInFile: 0, isRead: message.isRead.value, notes: []))
                case .diagnostic(let diagnostic):
                    if diagnostic.severity == .error { seen.errors += 1 }
                    self.current = .graph(reader, path: path, mailbox: mailbox, folderFallback: folderFallback, mailFolders: mailFolders, seen: seen)
                    return .diagnostic(Self.diagnostic(diagnostic, path: path))
                case .other:
                    seen.skipped += 1
                case .user, .group, .folder, .attachment:
                    seen.resources += 1
                case .page:
                    continue
                }
            }
            self.current = nil
            // A file whose problems were already reported (an error page, invalid JSON) is not also "unrecognised".
            if seen.messages == 0, seen.resources == 0, seen.errors == 0 {
                return .unrecognised(path: path, reason: "JSON that holds no Graph message, user, group or folder")
            }
            if seen.skipped > 0 {
                let what = seen.skipped == 1 ? "1 value is" : "\(seen.skipped) values are"
                return .diagnostic(Diagnostic(
                    severity: .warning, code: "graph.values-skipped",
                    message: "\(what) neither a message nor a user, group, folder or attachment (another resource, a number, text or null) and were skipped",
                    location: SourceLocation(path: path)))
            }
            return nil
        }
    }

    static func diagnostic(_ d: GraphDiagnostic, path: String) -> Diagnostic {
        Diagnostic(
            severity: d.severity == .error ? .error : (d.severity == .note ? .note : .warning), code: d.code.rawValue, message: d.message,
            location: SourceLocation(path: path, byteOffset: d.byteOffset, line: d.line, column: d.column, pointer: d.pointer))
    }

    // MARK: Mailbox and folder resolution (§3.2)

    /// The nearest ancestor folder of the file at `path` named as an address or UPN, lower-cased.
    package static func mailbox(forPath path: String) -> String? {
        mailbox(ofFolders: path.split(separator: "/").dropLast())
    }

    /// The same for a path that may itself be a mailbox folder (an unreadable input).
    package static func mailbox(containing path: String) -> String? {
        mailbox(ofFolders: path.split(separator: "/")[...])
    }

    private static func mailbox(ofFolders components: ArraySlice<Substring>) -> String? {
        for component in components.reversed() where MailboxName.isAddress(String(component)) {
            return component.lowercased()
        }
        return nil
    }

    /// The parent folder's name, unless it names a mailbox (or there is none).
    static func folder(forPath path: String) -> String? {
        let components = path.split(separator: "/").map(String.init)
        guard components.count >= 2 else { return nil }
        let parent = components[components.count - 2]
        if parent == "." || parent == ".." || MailboxName.isAddress(parent) { return nil }
        return WellKnownFolder.normalize(parent)
    }

    /// An mbox file stands for one folder: its name without the extension (`Inbox.mbox` → Inbox).
    static func mboxFolder(_ path: String) -> String? {
        guard var name = path.split(separator: "/").last.map(String.init) else { return nil }
        for ext in [".mbox", ".mbx", ".mbs", ".txt"] where name.lowercased().hasSuffix(ext) {
            name.removeLast(ext.count)
        }
        return name.isEmpty ? folder(forPath: path) : WellKnownFolder.normalize(name)
    }

    /// The `id → displayName` map of the nearest `mailFolders.json` at or above the file's folder,
    /// up to the mailbox folder.
    private func folderMap(near path: String) -> [String: String]? {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast()
        while !components.isEmpty {
            let dir = components.joined(separator: "/")
            if let cached = folderMaps[dir] {
                if let cached { return cached }
            } else {
                let map = Self.loadFolderMap(in: dir.isEmpty ? "." : dir)
                folderMaps[dir] = .some(map)
                if let map { return map }
            }
            if let last = components.last, MailboxName.isAddress(last) { break }
            components.removeLast()
        }
        return nil
    }

    private static func loadFolderMap(in dir: String) -> [String: String]? {
        for name in ["mailFolders.json", "mailfolders.json", "MailFolders.json"] {
            let path = dir + "/" + name
            // The file's name says what it holds: objects without a type are folders.
            var options = GraphReaderOptions()
            options.untypedObjects = .folder
            guard access(path, R_OK) == 0, let reader = try? GraphReader(path: path, options: options) else { continue }
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
        return nil
    }

    /// The path up to its last `/` (empty without one), found on the UTF-8 bytes: `String.lastIndex(of:)`
    /// would walk grapheme clusters.
    static func parentFolder(of path: String) -> Substring {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return path[..<slash]
    }

    /// Whether the file's name is one of `names` (lower case), in any case: `mailFolders.json`,
    /// `users.json`, `groups.json` say what a file holds.
    static func fileName(of path: String, isOneOf names: [String]) -> Bool {
        let utf8 = path.utf8
        let name = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8[utf8.index(after: $0)...] } ?? utf8[...]
        return names.contains { candidate in
            candidate.utf8.count == name.count && zip(name, candidate.utf8).allSatisfy { ($0 &- 0x41 < 26 ? $0 | 0x20 : $0) == $1 }
        }
    }

    /// A first, light walk: `users.json` and `groups.json` anywhere below the inputs (the directory),
    /// and the mailboxes folder names give. Nothing else is read, nothing is kept per file.
    private static func survey(_ paths: [String]) -> (Directory, Set<String>) {
        var directory = Directory()
        var mailboxes = Set<String>()
        let walker = InputWalker(paths: paths)
        var lastFolder: Substring = ""
        while let found = walker.next() {
            guard case .entry(let entry) = found else { continue }
            let folder = parentFolder(of: entry.path)
            if folder != lastFolder || entry.isMaildir {
                lastFolder = folder
                if let mailbox = entry.isMaildir ? mailbox(containing: entry.path) : mailbox(forPath: entry.path) { mailboxes.insert(mailbox) }
            }
            guard !entry.isMaildir else { continue }
            guard fileName(of: entry.path, isOneOf: ["users.json", "groups.json"]), let reader = try? GraphReader(path: entry.path) else { continue }
            directory.sources.append(entry.path)
            while let record = reader.next() { directory.add(record) }
        }
        return (directory, mailboxes)
    }
}
