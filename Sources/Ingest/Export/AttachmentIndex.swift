private import Glibc
package import GraphExport
package import MailModel

/// Where the export keeps attachments apart from their messages, found by a first pass before the
/// messages are read: for each message id, the file, byte range and JSON pointer of every
/// attachment of its attachments pages (`GET …/messages/{id}/attachments`, with `@odata.nextLink`
/// pages) and single attachments (`…/attachments/$entity`), in any file and any order of the walk.
///
/// **Memory.** Only places are kept — a few dozen bytes per attachment and the message id — never an
/// attachment's content: the attachments are read again, one message at a time, when the message is
/// normalized (``AttachmentsApart``).
///
/// **Which files are read.** A JSON file is read whole in this pass only when its bytes contain
/// `/attachments` (the `@odata.context` of an attachments page, also inside JSON batching
/// responses), or when they mention `contentBytes` or an attachment type and the file's first value
/// is an attachment (attachments saved without a context, named by their message's id); other files
/// are only scanned for those bytes. UTF-16 files are read up to their first value.
///
/// **Whose attachments.** The message id and mailbox come from the `@odata.context`
/// (`users('…')/messages('{id}')/attachments`); the mailbox falls back like a message's (the folder
/// named as an address, `--mailbox`). Attachments whose context names no message are matched by
/// their file's name, or their folder's name, being the message id.
package struct AttachmentIndex: Sendable {
    /// One page or attachment, where it is (about 80 bytes).
    struct Entry: Sendable {
        enum Kind: UInt8, Sendable {
            case attachment
            case page
            /// A page with an `@odata.nextLink`.
            case pageWithNextLink
        }

        var kind: Kind
        var file: Int32 = 0
        var mailbox: Int32 = 0
        /// The next entry of the same message, or -1.
        var next: Int32 = -1
        /// The yielded value holding the attachment (for a page: the page's own offset), and the
        /// attachment's bytes within it when found.
        var spanOffset: Int
        var spanLength: Int32
        var rangeStart: Int32 = -1
        var rangeEnd: Int32 = -1
        var line: Int32
        var column: Int32
        var jsonLine: Int32
        /// The attachment's pointer from the span when its bytes were not found there.
        var pointerInSpan: String
        /// The value's pointer in its file.
        var pointer: String
    }

    /// What one file gave (built on a worker, added in walk order).
    package struct FileScan: Sendable {
        var path: String
        var encoding: GraphTextEncoding
        var found: [(owner: GraphAttachmentsOwner?, entry: Entry)] = []
        /// Whether the file holds nothing but attachments and attachments pages (then the scan of
        /// messages need not read it again: its diagnostics are all it would give).
        var isAttachmentsOnly = true
        /// The reader's diagnostics about the file, in order.
        var diagnostics: [GraphDiagnostic] = []
    }

    /// A message's entries: a chain through ``Entry/next``, first and last in walk order.
    private struct Chain: Sendable {
        var first: Int32
        var last: Int32
        var consumed = false
    }

    /// Attachments of one file whose context names no message: matched by the file's or folder's name.
    private struct Unnamed: Sendable {
        var candidates: [String]
        /// Their entries, in walk order.
        var entries: [Int32]
        var consumed = false
    }

    /// Every entry, in walk order.
    private var entries: [Entry] = []
    private var messages: [String: Chain] = [:]
    private var unnamed: [Unnamed] = []
    private var unnamedByCandidate: [String: [Int]] = [:]
    private var files: [(path: String, encoding: GraphTextEncoding)] = []
    private var fileNumbers: [String: Int32] = [:]
    /// Files that hold nothing but attachments, with the reader's diagnostics about each.
    private var attachmentsOnly: [Int32: [GraphDiagnostic]] = [:]
    private var mailboxes: [String] = []
    private var mailboxNumbers: [String: Int32] = [:]
    /// Per file of messages (the walked entry's path), the joins its messages made: the first entry of
    /// each message's chain or unnamed group they took (see ``joins(of:)``).
    private var joinsByConsumer: [String: [Int32]] = [:]

    package init() {}

    /// Whether the export keeps any attachment apart from its message.
    package var isEmpty: Bool { entries.isEmpty }

    /// Attachments and pages indexed.
    package var entryCount: Int { entries.count }

    /// Whether `path` was read by this pass and held attachments (so each of its attachments has an entry).
    package func holdsIndexedAttachments(_ path: String) -> Bool { fileNumbers[path] != nil }

    /// For a file that holds nothing but attachments, all that reading it again would give: the
    /// reader's diagnostics about it; `nil` for any other file.
    package func attachmentsOnlyDiagnostics(_ path: String) -> [GraphDiagnostic]? {
        fileNumbers[path].flatMap { attachmentsOnly[$0] }
    }

    // MARK: Building

    /// Adds what one file held; `mailbox` resolves an owner (`nil` when the context names none) the way
    /// messages' owners are resolved.
    package mutating func add(_ scan: FileScan, mailbox: (String?) -> String) {
        guard !scan.found.isEmpty else { return }
        let file = Int32(files.count)
        files.append((scan.path, scan.encoding))
        fileNumbers[scan.path] = file
        if scan.isAttachmentsOnly { attachmentsOnly[file] = scan.diagnostics }
        var unnamedHere: [Int32] = []
        for (owner, found) in scan.found {
            var entry = found
            entry.file = file
            entry.mailbox = number(mailbox(owner?.mailbox))
            let index = Int32(entries.count)
            entries.append(entry)
            if let owner {
                if let chain = messages[owner.messageID] {
                    entries[Int(chain.last)].next = index
                    messages[owner.messageID]?.last = index
                } else {
                    messages[owner.messageID] = Chain(first: index, last: index)
                }
            } else {
                unnamedHere.append(index)
            }
        }
        if !unnamedHere.isEmpty {
            let number = unnamed.count
            let candidates = Self.candidates(forPath: scan.path)
            unnamed.append(Unnamed(candidates: candidates, entries: unnamedHere))
            for candidate in candidates { unnamedByCandidate[candidate, default: []].append(number) }
        }
    }

    private mutating func number(_ mailbox: String) -> Int32 {
        if let n = mailboxNumbers[mailbox] { return n }
        let n = Int32(mailboxes.count)
        mailboxes.append(mailbox)
        mailboxNumbers[mailbox] = n
        return n
    }

    /// Message ids a file of attachments without a context may be named by: its name without the
    /// extension, and its folder's name.
    static func candidates(forPath path: String) -> [String] {
        let components = path.split(separator: "/")
        var out: [String] = []
        if var name = components.last.map(String.init) {
            for ext in [".jsonl", ".json", ".txt"] where name.lowercased().hasSuffix(ext) {
                name.removeLast(ext.count)
                break
            }
            if !name.isEmpty { out.append(name) }
        }
        if components.count >= 2 {
            let folder = String(components[components.count - 2])
            if folder != ".", folder != "..", !out.contains(folder), !MailboxName.isAddress(folder) { out.append(folder) }
        }
        return out
    }

    /// The entries of a message's chain, in walk order.
    private func chain(_ chain: Chain) -> [Int32] {
        var out: [Int32] = []
        var i = chain.first
        while i >= 0 {
            out.append(i)
            i = entries[Int(i)].next
        }
        return out
    }

    // MARK: Joining

    /// The attachments saved apart for the message with Graph id `messageID` in `mailbox`, or `nil`
    /// when the export keeps none apart. A page's mailbox must be the message's, unless either is
    /// `unknown` or a user object id the directory could not turn into an address (the same user may
    /// be named by id on one side and by address on the other).
    /// `consumer` is the walked entry the message is read from: what it took is noted for ``joins(of:)``.
    package mutating func take(messageID: String, mailbox: String, consumer: String? = nil) -> AttachmentsApart? {
        guard !messageID.isEmpty else { return nil }
        var taken: [Int32] = []
        defer { if let consumer, !taken.isEmpty { joinsByConsumer[consumer, default: []] += taken } }
        var matched: [Int32] = []
        let messageNamed = mailbox != "unknown" && mailbox.contains("@")
        func fits(_ index: Int32) -> Bool {
            let pageMailbox = mailboxes[Int(entries[Int(index)].mailbox)]
            return pageMailbox == mailbox || !messageNamed || pageMailbox == "unknown" || !pageMailbox.contains("@")
        }
        if let found = messages[messageID] {
            let fitting = chain(found).filter(fits)
            if !fitting.isEmpty {
                matched += fitting
                messages[messageID]?.consumed = true
                taken.append(found.first)
            }
        }
        for number in unnamedByCandidate[messageID] ?? [] {
            let fitting = unnamed[number].entries.filter(fits)
            if !fitting.isEmpty {
                matched += fitting
                unnamed[number].consumed = true
                taken.append(unnamed[number].entries[0])
            }
        }
        guard !matched.isEmpty else { return nil }
        matched.sort()
        let kinds = matched.map { entries[Int($0)].kind }
        let pages = kinds.filter { $0 != .attachment }.count
        let withNextLink = kinds.filter { $0 == .pageWithNextLink }.count
        let addresses = matched.filter { entries[Int($0)].kind == .attachment }.map { address(entries[Int($0)]) }
        return AttachmentsApart(
            addresses: addresses, isIncomplete: withNextLink > 0 && withNextLink >= pages, firstPlace: place(entries[Int(matched[0])]))
    }

    private func address(_ entry: Entry) -> GraphValueAddress {
        let (path, encoding) = files[Int(entry.file)]
        return GraphValueAddress(
            path: path, encoding: encoding, spanOffset: entry.spanOffset, spanLength: Int(entry.spanLength),
            range: entry.rangeStart >= 0 ? Int(entry.rangeStart)..<Int(entry.rangeEnd) : nil, pointer: entry.pointerInSpan,
            location: GraphLocation(
                pointer: entry.pointer, byteOffset: entry.spanOffset, line: Int(entry.line), column: Int(entry.column), valueIndex: 0,
                jsonLine: entry.jsonLine > 0 ? Int(entry.jsonLine) : nil))
    }

    private func place(_ entry: Entry) -> SourceLocation {
        SourceLocation(
            path: files[Int(entry.file)].path, byteOffset: entry.spanOffset, line: Int(entry.line), column: Int(entry.column),
            pointer: entry.pointer)
    }

    /// One `graph.attachments-without-message` warning per message id the export keeps attachments
    /// of but holds no message of (and per file of attachments that name no message), in walk order.
    package func withoutMessage() -> [Diagnostic] {
        var out: [(Int32, Diagnostic)] = []
        for (id, message) in messages where !message.consumed {
            let indices = chain(message)
            let first = entries[Int(message.first)]
            let count = indices.filter { entries[Int($0)].kind == .attachment }.count
            let pages = indices.count - count
            let mailbox = mailboxes[Int(first.mailbox)]
            var what = "\(count) attachment\(count == 1 ? "" : "s")"
            if pages > 0 { what += " in \(pages) page\(pages == 1 ? "" : "s")" }
            out.append((message.first, Diagnostic(
                code: GraphDiagnostic.Code.attachmentsWithoutMessage.diagnosticCode,
                message: "\(what) of message '\(id)'\(mailbox == "unknown" ? "" : " (mailbox \(mailbox))") whose message is not in the export; not used",
                location: place(first))))
        }
        for group in unnamed where !group.consumed {
            // Another file named by the same candidate may have been joined; this one was not.
            let count = group.entries.filter { entries[Int($0)].kind == .attachment }.count
            let names = group.candidates.map { "'\($0)'" }.joined(separator: " or ")
            out.append((group.entries[0], Diagnostic(
                code: GraphDiagnostic.Code.attachmentsWithoutMessage.diagnosticCode,
                message: "\(count) attachment\(count == 1 ? "" : "s") whose message nothing names (no @odata.context says whose they are, and no message has the id \(names)); not used",
                location: place(entries[Int(group.entries[0])]))))
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }

    // MARK: Joins kept by a stateful run

    /// The joins the messages of the walked entry `consumer` made (each message's chain or unnamed
    /// group, by its first entry), to be recorded with the file: a later run over the same index
    /// (``canonicalBytes()`` unchanged) that passes the file over gives them back with ``replay(_:consumer:)``,
    /// so that the attachments its messages took are not reported as without a message.
    package func joins(of consumer: String) -> [Int32] {
        Array(Set(joinsByConsumer[consumer] ?? [])).sorted()
    }

    /// Marks as taken the chains and groups `joins` names (what a passed-over file's messages took in
    /// an earlier run over the same index), noting them for `consumer`. Unknown numbers are ignored.
    package mutating func replay(_ joins: [Int32], consumer: String) {
        guard !joins.isEmpty else { return }
        joinsByConsumer[consumer, default: []] += joins
        let wanted = Set(joins)
        for (id, chain) in messages where wanted.contains(chain.first) { messages[id]?.consumed = true }
        for number in unnamed.indices where wanted.contains(unnamed[number].entries[0]) { unnamed[number].consumed = true }
    }

    /// Everything a join reads from the index, as bytes (the files' contents aside: the caller adds
    /// a digest of each of ``indexedFiles``): equal bytes mean equal joins for the same messages.
    package func canonicalBytes() -> [UInt8] {
        var out: [UInt8] = []
        func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { out += $0 } }
        func text(_ value: String) {
            int(value.utf8.count)
            out += value.utf8
        }
        int(files.count)
        for file in files {
            text(file.path)
            text(file.encoding.rawValue)
        }
        int(mailboxes.count)
        for mailbox in mailboxes { text(mailbox) }
        int(entries.count)
        for entry in entries {
            for value in [
                Int(entry.kind.rawValue), Int(entry.file), Int(entry.mailbox), Int(entry.next), entry.spanOffset, Int(entry.spanLength),
                Int(entry.rangeStart), Int(entry.rangeEnd), Int(entry.line), Int(entry.column), Int(entry.jsonLine),
            ] { int(value) }
            text(entry.pointerInSpan)
            text(entry.pointer)
        }
        let chains = messages.sorted { $0.value.first < $1.value.first }
        int(chains.count)
        for (id, chain) in chains {
            text(id)
            int(Int(chain.first))
        }
        int(unnamed.count)
        for group in unnamed {
            int(group.candidates.count)
            for candidate in group.candidates { text(candidate) }
            int(group.entries.count)
            for entry in group.entries { int(Int(entry)) }
        }
        return out
    }

    /// The files the index read attachments from, in walk order.
    package var indexedFiles: [String] { files.map(\.path) }

    // MARK: Reading one file (on a worker)

    /// What `path` holds of attachments, or `nil` when it holds none (see the type's documentation for
    /// which files are read whole).
    package static func scan(path: String) -> FileScan? {
        guard let verdict = Self.sniff(path), verdict != .none else { return nil }
        var options = GraphReaderOptions()
        options.readsFields = false
        // A file read only to see whether it starts with an attachment: a small buffer, so that a page
        // of messages is not read 4 MiB ahead for its first one (the buffer grows for a larger value).
        if verdict == .ifFirstIsAttachment { options.bufferSize = 64 << 10 }
        guard let reader = try? GraphReader(path: path, options: options) else { return nil }
        var scan = FileScan(path: path, encoding: reader.encoding)
        // The attachments of a page share its context: its owner is worked out once.
        var lastContext: String?
        var lastOwner: GraphAttachmentsOwner?
        func owner(_ context: String?) -> GraphAttachmentsOwner? {
            guard let context else { return nil }
            if context != lastContext {
                lastContext = context
                lastOwner = GraphContext.attachmentsOwner(fromContext: context)
            }
            return lastOwner
        }
        // Attachments of the span being read whose bytes are still to be found within it.
        var spanFound: [Int] = []
        var span: GraphValueSpan?
        func locate() {
            // Only a span that holds attachments of several messages (a JSON batching response, an
            // array of pages) is worth narrowing: one message's span is parsed once for all of them.
            guard let span, spanFound.contains(where: { !scan.found[$0].entry.pointerInSpan.isEmpty }),
                Set(spanFound.map { scan.found[$0].owner?.messageID ?? "" }).count > 1
            else { return }
            let pointers = spanFound.map { scan.found[$0].entry.pointerInSpan }
            guard let ranges = try? GraphValueAddress.ranges(of: pointers, in: span, path: path, encoding: scan.encoding) else { return }
            for (index, range) in zip(spanFound, ranges) {
                guard let range, range.upperBound <= Int(Int32.max) else { continue }
                scan.found[index].entry.rangeStart = Int32(range.lowerBound)
                scan.found[index].entry.rangeEnd = Int32(range.upperBound)
                scan.found[index].entry.pointerInSpan = ""
            }
        }
        var sawResource = false
        while let record = reader.next() {
            switch record {
            case .attachment(_, let location):
                sawResource = true
                guard let current = reader.currentValue else { continue }
                if span?.byteOffset != current.byteOffset || span?.location.pointer != current.location.pointer {
                    locate()
                    span = current
                    spanFound = []
                }
                let spanPointer = current.location.pointer
                let inSpan = location.pointer.hasPrefix(spanPointer) ? String(location.pointer.dropFirst(spanPointer.count)) : location.pointer
                let owner = owner(location.odataContext)
                spanFound.append(scan.found.count)
                scan.found.append((owner, Entry(
                    kind: .attachment, spanOffset: current.byteOffset, spanLength: Int32(clamping: current.textLength),
                    line: Int32(clamping: location.line), column: Int32(clamping: location.column),
                    jsonLine: Int32(clamping: location.jsonLine ?? 0), pointerInSpan: inSpan, pointer: location.pointer)))
            case .page(let page):
                guard let owner = owner(page.odataContext) else { continue }
                let location = page.location
                // A page whose context came after a buffer's worth of elements: they are its attachments too.
                let elements = location.pointer + "/value/"
                let line = Int32(clamping: location.jsonLine ?? 0)
                for i in scan.found.indices.reversed() {
                    let entry = scan.found[i].entry
                    guard entry.kind == .attachment, entry.jsonLine == line, entry.pointer.hasPrefix(elements) else { break }
                    if scan.found[i].owner == nil { scan.found[i].owner = owner }
                }
                scan.found.append((owner, Entry(
                    kind: page.nextLink == nil ? .page : .pageWithNextLink, spanOffset: location.byteOffset, spanLength: 0,
                    line: Int32(clamping: location.line), column: Int32(clamping: location.column),
                    jsonLine: Int32(clamping: location.jsonLine ?? 0), pointerInSpan: "", pointer: location.pointer)))
            case .message, .user, .group, .folder, .other:
                // A file that only may hold attachments is read on only when it starts with one.
                if verdict == .ifFirstIsAttachment, !sawResource { return nil }
                sawResource = true
                scan.isAttachmentsOnly = false
            case .diagnostic(let diagnostic):
                scan.diagnostics.append(diagnostic)
            }
        }
        locate()
        return scan.found.isEmpty ? nil : scan
    }

    enum Verdict {
        case none
        /// The file names attachments pages: read it whole.
        case holdsAttachmentContexts
        /// The file may be attachments saved without a context: read it when it starts with one.
        case ifFirstIsAttachment
    }

    /// Looks at the bytes of a JSON file for what attachments saved apart leave there; `nil` when the
    /// file cannot be read or is not JSON.
    static func sniff(_ path: String) -> Verdict? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // At most 1 MiB at a time, sized to the file: most files are small, and zero-filling a
        // megabyte for each would cost more than reading it.
        let chunk = max(1, min(1 << 20, Int(st.st_size) + 1))
        let overlap = 16
        // Only the bytes read are looked at: the buffer is not zeroed (every file of an export passes here).
        var buffer = [UInt8](unsafeUninitializedCapacity: chunk + overlap) { _, count in count = chunk + overlap }
        /// Reads into `buffer[from..<to]` until it is full or the file ends; how many bytes were read.
        func fill(from: Int, to: Int) -> Int {
            buffer.withUnsafeMutableBytes { raw -> Int in
                var got = 0
                while from + got < to {
                    let r = read(fd, raw.baseAddress! + from + got, to - from - got)
                    if r < 0, errno == EINTR { continue }
                    if r <= 0 { break }
                    got += r
                }
                return got
            }
        }
        // The first bytes say whether the file is JSON at all (most files of an export are not): only
        // they are read before deciding.
        let sniffed = fill(from: 0, to: min(8192, chunk + overlap))
        let prefix = Array(buffer[0..<sniffed])
        guard GraphReader.looksLikeJSON(prefix) else { return nil }
        // UTF-16 text hides the ASCII bytes looked for: judge it by its first value.
        if GraphTextEncoding.detect(prefix).rawValue.hasPrefix("utf16") { return .ifFirstIsAttachment }
        var carried = 0
        var first = true
        var verdict = Verdict.none
        while true {
            let n = first ? sniffed + fill(from: sniffed, to: chunk + overlap) : fill(from: carried, to: chunk + overlap)
            first = false
            let filled = carried + n
            if filled == 0 { break }
            let found = buffer.withUnsafeBufferPointer { raw -> Verdict in
                let base = raw.baseAddress!
                if Self.contextNeedle.occurs(in: base, count: filled) { return .holdsAttachmentContexts }
                if verdict == .none, Self.attachmentNeedles.contains(where: { $0.occurs(in: base, count: filled) }) {
                    return .ifFirstIsAttachment
                }
                return .none
            }
            if found == .holdsAttachmentContexts { return found }
            if found == .ifFirstIsAttachment { verdict = found }
            if n == 0 { break }
            // Keep the tail, so that a needle across two chunks is seen.
            let keep = min(overlap, filled)
            buffer.withUnsafeMutableBytes { raw in
                let base = raw.baseAddress!
                memmove(base, base + filled - keep, keep)
            }
            carried = keep
        }
        return verdict
    }

    /// Bytes of an attachments `@odata.context` (`…/messages('…')/attachments`; `\/` escapes included).
    static let contextNeedle = FoldedNeedle("/attachments")
    /// Bytes every attachment saved without a context has: `contentBytes`, or its `@odata.type`
    /// (`…fileAttachment"`).
    static let attachmentNeedles = [FoldedNeedle("contentbytes\""), FoldedNeedle("attachment\"")]
}
