private import Glibc
package import MailModel

/// Streams the messages of an mbox file, one at a time, in file order.
///
/// The file is opened read-only (`O_RDONLY`) and read with `read(2)` through a sliding buffer of
/// `Options.bufferSize` bytes; it is never loaded whole. Memory is bounded by the largest message
/// (capped at `Options.maxMessageBytes`) plus the buffer. Content-Length headers are checked with
/// `pread(2)` at the offset they point to, without moving the read position. An archive member is
/// read the same way from an `MboxByteSource` that keeps the bytes looked ahead (at most
/// `maxMessageBytes` of them).
///
/// Malformed content never throws and never stops the reader: a broken message is yielded with
/// `notes`, and reading goes on. Only a file that cannot be opened throws (`IngestError`).
///
/// **Separators.** A line is a message separator when it starts with `From ` (case-sensitive), is not
/// a header field (`From  : a@example.com`, a colon after optional white space), and:
/// - it is the first line of the file (after an optional UTF-8 BOM); or
/// - the `Content-Length` of the message before it was trusted and points at it (see below); or
/// - it follows a blank line and is an envelope line (`From <token> <date>`, the date having a
///   `hh:mm` time and a month or weekday name or a 4-digit year), or it is a bare `From <token>`
///   (Mozilla's `From - `) and the next line looks like a header field (`Name:`); or
/// - it does not follow a blank line, is an envelope or bare `From <token>` line, and the next line
///   looks like a header field. Recorded as `mbox.missing-blank-line-before-from`.
///
/// Other `From ` lines are message content (`mbox.unquoted-from-line`): prose such as
/// `From Russia with love` that a broken writer did not quote must not split a message in two.
/// Lines longer than `maxFromLineBytes` are separators only where a trusted Content-Length
/// points at them (`fromLine` then keeps their start: `mbox.from-line-too-long`). Lines end with LF; a CR before the LF
/// is part of the line break, so LF and CRLF files (and mixtures) read the same way.
///
/// The blank line just before a separator (and a blank line that ends the file) belongs to the
/// separator, not to the message.
///
/// **Content-Length (mboxcl, mboxcl2).** When a message's header block has `Content-Length: N`, the
/// body is taken to end N bytes after the blank line that ends the header block, provided that
/// position (give or take the line break ending the last line, and one blank line) is a `From ` line
/// or the end of the file. Then `From ` lines inside the body do not split the message, and the
/// `From ` line found there is a separator even without a blank line before it. Otherwise the header
/// is ignored (`mbox.content-length-mismatch`) and the message ends at the next separator found by
/// the rules above.
///
/// **Unquoting.** See `Unquoting`. The default, `.mboxrd`, removes one `>` from every line matching
/// `^>+From `, except in a message whose trusted Content-Length body has unquoted `From ` lines: that
/// is mboxcl2, which quotes nothing, so nothing is unquoted.
///
/// **Leading bytes.** Bytes before the first `From ` line are reported (`mbox.leading-garbage`).
/// When their first line looks like a header field they are yielded as a message without a
/// `From ` line; otherwise the note is attached to the first message. A file with no `From ` line at
/// all is yielded as one message (`mbox.no-from-line`) unless it is empty or blank.
///
/// Diagnostic codes: `mbox.leading-garbage`, `mbox.no-from-line`, `mbox.missing-blank-line-before-from`,
/// `mbox.content-length-mismatch`, `mbox.unquoted-from-line`, `mbox.empty-message`,
/// `mbox.truncated-at-eof`, `mbox.message-too-large`, `mbox.from-line-too-long`, `mbox.read-error`.
package final class MboxReader: Sequence, IteratorProtocol {
    /// How `>From ` quoting is undone.
    ///
    /// mboxo writers quote `From ` as `>From ` and leave `>From ` alone, so an original `>From ` cannot
    /// be told from a quoted `From `. mboxrd writers quote every `^>*From ` line with one more `>`,
    /// which is reversible. The variant of a file is not written anywhere. Both rules turn `>From `
    /// into `From `, the only quoted line most mailboxes have; they differ on `>>From ` and deeper,
    /// which mboxrd writers produce by quoting a `>From ` line and mboxo writers only keep as it was.
    /// Undoing mboxrd is exact on mboxrd files and costs one `>` on such (rare) lines of mboxo files,
    /// the same loss mboxo readers already have on `>From `; undoing mboxo on mboxrd files would
    /// leave an extra `>` instead. Hence the default `.mboxrd`.
    package enum Unquoting: String, Sendable, Hashable {
        /// Remove one `>` from lines matching `^>+From ` (default).
        case mboxrd
        /// Remove the `>` from lines matching `^>From ` only.
        case mboxo
        /// Keep the bytes as stored.
        case none
    }

    package struct Options: Sendable, Hashable {
        /// Bytes asked of each `read(2)`; the buffer grows past it only to look one line ahead.
        /// Default: 64 KiB. Any value from 1 gives the same messages.
        package var bufferSize: Int = 64 << 10
        /// Most bytes kept of one message; the rest of a longer message is skipped (still scanned for
        /// the next separator) and the message gets `mbox.message-too-large`. Default: 256 MiB.
        package var maxMessageBytes: Int = 256 << 20
        /// How `>From ` quoting is undone. Default: `.mboxrd`.
        package var unquoting: Unquoting = .mboxrd
        /// Whether `Content-Length` headers are checked and, when consistent, used. Default: true.
        package var useContentLength: Bool = true

        package init() {}
        package static let `default` = Options()
    }

    /// Longest `From ` line (without its line break) taken for a separator.
    package static let maxFromLineBytes = 1000

    /// The path as given; used in `source` and in the location of notes.
    package let path: String
    package let options: Options
    /// Notes that belong to no message (a file holding only blank lines). Complete once `next()`
    /// has returned nil.
    package private(set) var fileNotes: [Diagnostic] = []

    private var source: MboxByteSource?
    private var buffer: [UInt8]
    private var lo = 0
    private var hi = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private var atEOF = false
    private var readFailure: String?

    private var prefix: [UInt8] = []
    private var lineNumber = 0
    private var started = false
    private var finished = false
    private var atFileStart = true
    private var nextIndex = 0
    private var unit: Unit

    // Reading again from a message (see `ResumePoint`).
    /// Where the unit being read starts, when it starts at a `From ` line.
    private var unitStart: ResumePoint?
    /// The first unit whose reading looked at the end of the file (a Content-Length check or a
    /// look at the next line that reached it): what is appended may change it.
    private var horizon: ResumePoint??
    /// Set by `init(path:options:resumingAt:)`: the first line is the separator of a known message.
    private var resumesAtSeparator = false
    private var carriedNotes: [Diagnostic] = []
    /// Once `next()` returned nil: the earliest message whose reading could change if bytes were
    /// appended to the file (the last one, or an earlier one whose Content-Length was checked at the
    /// end of the file); nil when reading again must start at the beginning (a message at index 0, a
    /// read error).
    package private(set) var resumePoint: ResumePoint?

    /// Opens `path` read-only. Throws `input.unreadable` when it cannot be opened or is a folder.
    package convenience init(path: String, options: Options = .default) throws(IngestError) {
        self.init(source: try FileMboxSource(path: path), path: path, options: options)
    }

    /// Reads from `source` (an archive member, bytes in memory); `path` names it in sources and notes.
    package init(source: MboxByteSource, path: String, options: Options = .default) {
        self.path = path
        self.options = options
        self.source = source
        buffer = [UInt8](repeating: 0, count: Swift.max(1, options.bufferSize))
        prefix.reserveCapacity(256)
        unit = Unit(spanStart: 0, fromOffset: nil, fromLine: nil, fromLineNumber: 0, contentStart: 0)
    }

    /// Opens `path` read-only to read it again from `point` (taken by ``resumePoint`` on an earlier
    /// read of the same first bytes): yields the messages and notes a reader of the whole file yields
    /// from there on.
    package convenience init(path: String, options: Options = .default, resumingAt point: ResumePoint) throws(IngestError) {
        self.init(source: try FileMboxSource(path: path, from: point.offset), path: path, options: options)
        bufferOffset = point.offset
        started = true  // no byte order mark there
        lineNumber = point.line - 1
        nextIndex = point.index
        unit = Unit(spanStart: point.offset, fromOffset: nil, fromLine: nil, fromLineNumber: 0, contentStart: point.offset)
        resumesAtSeparator = true
        carriedNotes = point.carriedNotes
    }

    deinit { closeFile() }

    /// Closes the file early; `next()` then returns nil. Called automatically at the end.
    package func close() {
        finished = true
        closeFile()
    }

    private func closeFile() {
        source?.close()
        source = nil
    }

    /// The next message, or nil at the end of the file.
    package func next() -> MboxMessage? {
        if finished { return nil }
        if !started { begin() }
        while true {
            guard let line = readLine() else {
                finished = true
                let message = finishAtEOF()
                closeFile()
                if readFailure == nil, let point = horizon ?? unitStart, point.index > 0 { resumePoint = point }
                return message
            }
            if let message = process(line) { return message }
        }
    }

    // MARK: - Format sniffing

    /// Whether `prefix` (the first bytes of a file; 1 KiB is plenty) starts like an mbox: an optional
    /// UTF-8 BOM, then a `From ` line that is an envelope line (`From <token> <date>`, see the type's
    /// documentation), or a bare `From <token>` line followed by a header field line. A message
    /// (`From:` with a colon), JSON or anything else is not an mbox.
    package static func looksLikeMbox(_ prefix: [UInt8]) -> Bool {
        var start = 0
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let firstEnd = prefix[start...].firstIndex(of: 0x0A) ?? prefix.endIndex
        var line = prefix[start ..< firstEnd]
        if line.last == 0x0D { line = line.dropLast() }
        if line.count > maxFromLineBytes { return false }
        switch MboxSyntax.classify(line) {
        case .envelope:
            return true
        case .bare:
            guard firstEnd < prefix.endIndex else { return false }
            let nextStart = firstEnd + 1
            let nextEnd = prefix[nextStart...].firstIndex(of: 0x0A) ?? prefix.endIndex
            return MboxSyntax.isHeaderLike(prefix[nextStart ..< nextEnd])
        case .none, .other, .header:
            return false
        }
    }

    // MARK: - Units (a message, or the bytes before the first `From ` line, being read)

    private struct Unit {
        var spanStart: Int
        /// Offset of the `From ` line; nil for the leading bytes of the file.
        var fromOffset: Int?
        var fromLine: [UInt8]?
        var fromLineNumber: Int
        var contentStart: Int
        /// Raw content read so far, at most `maxMessageBytes`; may end with the next `From ` line.
        var bytes: [UInt8] = []
        var notes: [Diagnostic] = []
        var lines = 0
        var lastLineStart = 0
        var lastLineBlank = false
        var lastLineHasEOL = true
        var onlyWhitespace = true
        var firstLineHeaderLike = false
        var inHeaders = true
        var contentLength: (value: Int, offset: Int, line: Int)?
        /// Set when the Content-Length was checked and trusted: where the content ends and where the
        /// next `From ` line is (nil: the end of the file).
        var trusted: (contentEnd: Int, fromAt: Int?)?
        var contentLengthPastEnd = false
        /// Offsets (from `contentStart`) of the `>` to remove.
        var quotePositions: [Int] = []
        var sawUnquotedFrom = false
        var fromLinesInTrustedBody = 0

        init(spanStart: Int, fromOffset: Int?, fromLine: [UInt8]?, fromLineNumber: Int, contentStart: Int) {
            self.spanStart = spanStart
            self.fromOffset = fromOffset
            self.fromLine = fromLine
            self.fromLineNumber = fromLineNumber
            self.contentStart = contentStart
        }
    }

    private struct Line {
        var start: Int
        /// Length including the line break.
        var length: Int
        /// Length of the line break: 0 (end of file), 1 (LF) or 2 (CRLF).
        var eol: Int
        var isBlank: Bool { eol > 0 && length == eol }
    }

    private func begin() {
        started = true
        while hi - lo < 3, fill() {}
        if hi - lo >= 3, buffer[lo] == 0xEF, buffer[lo + 1] == 0xBB, buffer[lo + 2] == 0xBF {
            lo += 3
            unit.contentStart = 3
        }
    }

    private func note(_ code: DiagnosticCode, as severity: Diagnostic.Severity? = nil, _ message: String, offset: Int, line: Int?) -> Diagnostic {
        Diagnostic(code: code, message: message, location: SourceLocation(path: path, byteOffset: offset, line: line), severity: severity)
    }

    /// Handles one line; returns a message when the line closes one.
    private func process(_ line: Line) -> MboxMessage? {
        if resumesAtSeparator {
            resumesAtSeparator = false
            atFileStart = false
            return startMessage(at: line, confirmed: false, isFirstLine: true)
        }
        let isFirstLine = atFileStart
        atFileStart = false
        var isSeparator = false
        var confirmed = false
        if let trusted = unit.trusted, let fromAt = trusted.fromAt {
            if line.start == fromAt {
                isSeparator = true
                confirmed = true
            } else if line.start > fromAt {
                unit.trusted = nil // cannot happen on a file that does not change while read
            }
        }
        if !isSeparator, unit.trusted == nil, MboxSyntax.startsWithFrom(prefix),
           line.length - line.eol <= Self.maxFromLineBytes {
            let kind = MboxSyntax.classify(MboxSyntax.withoutEOL(prefix[...]))
            if kind == .header {
                isSeparator = false
            } else if isFirstLine {
                isSeparator = true
            } else if unit.lastLineBlank {
                isSeparator = kind == .envelope || (kind == .bare && peekHeaderLike())
            } else {
                isSeparator = (kind == .envelope || kind == .bare) && peekHeaderLike()
            }
        }
        if isSeparator { return startMessage(at: line, confirmed: confirmed, isFirstLine: isFirstLine) }
        contentLine(line)
        return nil
    }

    private func contentLine(_ line: Line) {
        unit.lines += 1
        let blank = line.isBlank
        let text = prefix[...]
        if unit.lines == 1 { unit.firstLineHeaderLike = MboxSyntax.isHeaderLike(text) }
        if !blank, unit.onlyWhitespace {
            if line.length > text.count || text.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }) {
                unit.onlyWhitespace = false
            }
        }
        if text.first == 0x3E, options.unquoting != .none {
            let depth = MboxSyntax.quoteDepth(text)
            if depth == 1 || (depth > 1 && options.unquoting == .mboxrd) {
                unit.quotePositions.append(line.start - unit.contentStart)
            }
        }
        if MboxSyntax.startsWithFrom(text) {
            if unit.trusted != nil {
                unit.fromLinesInTrustedBody += 1
            } else if !unit.sawUnquotedFrom, MboxSyntax.classify(MboxSyntax.withoutEOL(text)) != .header {
                unit.sawUnquotedFrom = true
                unit.notes.append(note(IngestCode.mboxUnquotedFromLine, "a `From ` line inside the message was not taken for a separator (not an envelope line after a blank line, nor followed by a header)",
                                       offset: line.start, line: lineNumber))
            }
        }
        if unit.inHeaders {
            if blank {
                unit.inHeaders = false
                if let cl = unit.contentLength, options.useContentLength {
                    checkContentLength(cl, bodyStart: line.start + line.length)
                }
            } else if unit.contentLength == nil, (text.first ?? 0) | 0x20 == 0x63, let value = MboxSyntax.contentLength(text) {
                unit.contentLength = (value, line.start, lineNumber)
            }
        }
        unit.lastLineStart = line.start
        unit.lastLineBlank = blank
        unit.lastLineHasEOL = line.eol > 0
    }

    /// Checks where a Content-Length points, with `pread` (the read position does not move).
    private func checkContentLength(_ cl: (value: Int, offset: Int, line: Int), bodyStart: Int) {
        let p = bodyStart + cl.value
        let window = 10 // the byte before p, a line break, a blank line, `From `
        let w = probe(at: p - 1, count: window)
        if (w?.count ?? 0) < window { lookedAtEnd() }
        guard let w else {
            unit.notes.append(note(IngestCode.mboxContentLengthMismatch, "Content-Length: \(cl.value) could not be checked; message boundaries found by scanning",
                                   offset: cl.offset, line: cl.line))
            return
        }
        func mismatch(_ why: String) {
            unit.notes.append(note(IngestCode.mboxContentLengthMismatch, "Content-Length: \(cl.value) \(why); message boundaries found by scanning",
                                   offset: cl.offset, line: cl.line))
        }
        if w.isEmpty {
            unit.contentLengthPastEnd = true
            mismatch("points past the end of the file")
            return
        }
        if w.count == 1 {
            unit.trusted = (p, nil)
            return
        }
        var k = 1
        if w[0] != 0x0A {
            // p is inside a line: accept it only at that line's break.
            if w[k] == 0x0A {
                k += 1
            } else if w[k] == 0x0D, k + 1 < w.count, w[k + 1] == 0x0A {
                k += 2
            } else {
                mismatch("ends inside a line")
                return
            }
        }
        let e = p - 1 + k
        if k == w.count {
            unit.trusted = (e, nil)
            return
        }
        if MboxSyntax.startsWithFrom(w[k...]) {
            unit.trusted = (e, e)
            return
        }
        var f = k
        if w[f] == 0x0A {
            f += 1
        } else if w[f] == 0x0D, f + 1 < w.count, w[f + 1] == 0x0A {
            f += 2
        } else {
            mismatch("does not end at a `From ` line or at the end of the file")
            return
        }
        if f == w.count {
            unit.trusted = (e, nil)
        } else if MboxSyntax.startsWithFrom(w[f...]) {
            unit.trusted = (e, p - 1 + f)
        } else {
            mismatch("does not end at a `From ` line or at the end of the file")
        }
    }

    /// A `From ` line that starts a message: closes the current unit and starts the next one.
    private func startMessage(at line: Line, confirmed: Bool, isFirstLine: Bool) -> MboxMessage? {
        var fromLine = Array(MboxSyntax.withoutEOL(prefix[...]))
        let complete = prefix.count == line.length
        if !complete, fromLine.count > Self.maxFromLineBytes { fromLine.removeLast(fromLine.count - Self.maxFromLineBytes) }
        let contentEnd: Int
        if let trusted = unit.trusted {
            contentEnd = trusted.contentEnd
        } else {
            contentEnd = unit.lastLineBlank ? unit.lastLineStart : line.start
        }
        var next: Unit? = Unit(spanStart: line.start, fromOffset: line.start, fromLine: fromLine,
                               fromLineNumber: lineNumber, contentStart: line.start + line.length)
        if !complete {
            next!.notes.append(note(IngestCode.mboxFromLineTooLong, "the `From ` line is longer than \(Self.maxFromLineBytes) bytes; only its start is kept",
                                    offset: line.start, line: lineNumber))
        }
        var carried = carriedNotes
        carriedNotes = []
        if !isFirstLine, contentEnd == line.start {
            carried.append(note(IngestCode.mboxMissingBlankLineBeforeFrom, as: confirmed ? .note : nil, confirmed ? "no blank line before this `From ` line (the previous message's Content-Length ends here)"
                                          : "no blank line before this `From ` line; taken for a separator because it is followed by a header",
                                offset: line.start, line: lineNumber))
        }
        next!.notes += carried
        let finished = unit
        let message = conclude(finished, contentEnd: contentEnd, spanEnd: line.start, atEnd: false, next: &next)
        unit = next!
        unitStart = ResumePoint(offset: line.start, index: nextIndex, line: lineNumber, carriedNotes: carried)
        return message
    }

    private func finishAtEOF() -> MboxMessage? {
        let end = bufferOffset + lo
        let contentEnd: Int
        if let trusted = unit.trusted {
            contentEnd = Swift.min(trusted.contentEnd, end)
        } else {
            contentEnd = unit.lastLineBlank ? unit.lastLineStart : end
        }
        var none: Unit?
        return conclude(unit, contentEnd: contentEnd, spanEnd: end, atEnd: true, next: &none)
    }

    /// Turns a finished unit into a message, or, for leading bytes that are not one, into a note on
    /// the next unit (or on the file).
    private func conclude(_ u: Unit, contentEnd: Int, spanEnd: Int, atEnd: Bool, next: inout Unit?) -> MboxMessage? {
        var u = u
        if u.fromOffset == nil {
            let count = spanEnd - u.contentStart
            if count == 0 {
                if next != nil { next!.spanStart = u.spanStart }
                return nil
            }
            let leading: Diagnostic
            if u.onlyWhitespace {
                leading = note(IngestCode.mboxLeadingGarbage, as: .note, "\(count) bytes of blank lines before the first `From ` line",
                               offset: u.contentStart, line: 1)
            } else if next == nil {
                leading = note(IngestCode.mboxNoFromLine, "the file has no `From ` line; its \(count) bytes are read as one message",
                               offset: u.contentStart, line: 1)
            } else if u.firstLineHeaderLike {
                leading = note(IngestCode.mboxLeadingGarbage, "\(count) bytes before the first `From ` line look like a message and are read as one (without a `From ` line)",
                               offset: u.contentStart, line: 1)
            } else {
                leading = note(IngestCode.mboxLeadingGarbage, "\(count) bytes before the first `From ` line are not a message and are skipped",
                               offset: u.contentStart, line: 1)
            }
            let isMessage = !u.onlyWhitespace && (next == nil || u.firstLineHeaderLike)
            if !isMessage {
                if next != nil {
                    next!.spanStart = u.spanStart
                    next!.notes.insert(leading, at: 0)
                } else {
                    fileNotes.append(leading)
                }
                return nil
            }
            u.notes.insert(leading, at: 0)
        }

        let length = contentEnd - u.contentStart
        var bytes = u.bytes
        if bytes.count > length { bytes.removeLast(bytes.count - length) }
        let offset = u.fromOffset ?? u.contentStart
        let line = u.fromOffset == nil ? 1 : u.fromLineNumber
        if length > options.maxMessageBytes {
            u.notes.append(note(IngestCode.mboxMessageTooLarge, "the message is \(length) bytes; only the first \(options.maxMessageBytes) are read",
                                offset: offset, line: line))
        }
        let isMboxcl2 = u.trusted != nil && u.fromLinesInTrustedBody > 0
        if !isMboxcl2, !u.quotePositions.isEmpty { Self.unquote(&bytes, at: u.quotePositions) }
        if length == 0 || u.onlyWhitespace {
            u.notes.append(note(IngestCode.mboxEmptyMessage, "the message is empty", offset: offset, line: line))
        }
        if atEnd {
            if u.contentLengthPastEnd {
                u.notes.append(note(IngestCode.mboxTruncatedAtEOF, "the file ends before the message's Content-Length does: the message is truncated",
                                    offset: spanEnd, line: nil))
            } else if u.lines > 0, !u.lastLineHasEOL, u.trusted == nil {
                u.notes.append(note(IngestCode.mboxTruncatedAtEOF, "the file ends in the middle of a line: the message may be truncated",
                                    offset: spanEnd, line: lineNumber))
            }
            if let readFailure {
                u.notes.append(note(IngestCode.mboxReadError, "reading stopped here: \(readFailure)", offset: spanEnd, line: nil))
            }
        }
        let index = nextIndex
        nextIndex += 1
        return MboxMessage(index: index, offset: offset, fromLine: u.fromLine,
                           contentRange: u.contentStart ..< contentEnd, span: u.spanStart ..< spanEnd,
                           bytes: bytes, notes: u.notes,
                           source: MessageSource(format: "mbox", path: path, index: index, offset: offset))
    }

    /// Removes the byte at each of `positions` (ascending) that lies inside `bytes`.
    static func unquote(_ bytes: inout [UInt8], at positions: [Int]) {
        var write = 0
        var read = 0
        let count = bytes.count
        bytes.withUnsafeMutableBufferPointer { b in
            for p in positions where p < count {
                if write != read {
                    var i = read
                    while i < p { b[write + i - read] = b[i]; i += 1 }
                }
                write += p - read
                read = p + 1
            }
            if write != read {
                var i = read
                while i < count { b[write + i - read] = b[i]; i += 1 }
            }
            write += count - read
        }
        bytes.removeLast(count - write)
    }

    // MARK: - Reading

    /// Reads the next line (through its LF, or to the end of the file), appending it to the current
    /// unit and keeping its first bytes in `prefix`. Nil at the end of the file.
    private func readLine() -> Line? {
        if lo == hi, !fill() { return nil }
        let start = bufferOffset + lo
        prefix.removeAll(keepingCapacity: true)
        var limit = 0
        var length = 0
        var last: UInt8 = 0
        var beforeLast: UInt8 = 0
        while true {
            if lo == hi, !fill() { break }
            let found = findLF()
            let end = found.map { $0 + 1 } ?? hi
            let n = end - lo
            if length == 0 { limit = buffer[lo] == 0x46 || buffer[lo] == 0x3E ? Self.maxFromLineBytes + 2 : 128 }
            if prefix.count < limit { prefix.append(contentsOf: buffer[lo ..< lo + Swift.min(n, limit - prefix.count)]) }
            let room = options.maxMessageBytes - unit.bytes.count
            if room > 0 { unit.bytes.append(contentsOf: buffer[lo ..< lo + Swift.min(n, room)]) }
            beforeLast = n >= 2 ? buffer[end - 2] : last
            last = buffer[end - 1]
            length += n
            lo = end
            if found != nil {
                lineNumber += 1
                return Line(start: start, length: length, eol: beforeLast == 0x0D && length >= 2 ? 2 : 1)
            }
        }
        lineNumber += 1
        return Line(start: start, length: length, eol: 0)
    }

    /// Index of the first LF in `buffer[lo..<hi]`.
    private func findLF() -> Int? {
        let lo = self.lo
        let count = hi - lo
        return unsafe buffer.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress, let hit = unsafe memchr(base + lo, 0x0A, count) else { return nil }
            return unsafe lo + UnsafeRawPointer(base + lo).distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Reads more bytes into the buffer (at most `bufferSize`); false at the end of the file.
    private func fill() -> Bool {
        guard !atEOF, let source else { return false }
        if lo == hi {
            bufferOffset += lo
            lo = 0
            hi = 0
        } else if hi == buffer.count, lo > 0 {
            let live = hi - lo
            unsafe buffer.withUnsafeMutableBufferPointer { b in
                unsafe _ = memmove(b.baseAddress!, b.baseAddress! + lo, live)
            }
            bufferOffset += lo
            lo = 0
            hi = live
        }
        let chunk = Swift.max(1, options.bufferSize)
        if hi == buffer.count { buffer.append(contentsOf: repeatElement(0, count: chunk)) }
        let want = Swift.min(chunk, buffer.count - hi)
        let hi = self.hi
        let n = unsafe buffer.withUnsafeMutableBytes { raw in
            source.read(into: unsafe raw.baseAddress! + hi, count: want)
        }
        guard let n else {
            readFailure = source.failure ?? "read error"
            atEOF = true
            return false
        }
        if n == 0 {
            atEOF = true
            return false
        }
        self.hi += n
        return true
    }

    /// Whether the next line (not consumed) looks like a header field. Reads ahead at most 256 bytes.
    private func peekHeaderLike() -> Bool {
        var k = 0
        var sawName = false
        var sawSpace = false
        while k <= 256 {
            if lo + k == hi {
                if !fill() {
                    lookedAtEnd()
                    return false
                }
                continue
            }
            let c = buffer[lo + k]
            if c == 0x3A { return sawName }
            if c == 0x20 || c == 0x09 {
                if !sawName { return false }
                sawSpace = true
            } else if c >= 0x21, c <= 0x7E {
                if sawSpace { return false }
                sawName = true
            } else {
                return false
            }
            k += 1
        }
        return false
    }

    /// Marks the unit being read as one that appended bytes could change.
    private func lookedAtEnd() {
        if horizon == nil { horizon = .some(unitStart) }
    }

    /// Up to `count` bytes at `offset`, read with `pread` (no bytes: the offset is past the end).
    /// Nil when the file cannot be read there.
    private func probe(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, let source else { return nil }
        let bufferEnd = bufferOffset + hi
        // Bytes already in the buffer come from it; a source that cannot seek has no other copy.
        guard offset >= bufferOffset, offset < bufferEnd else { return source.peek(at: offset, count: count) }
        let inBuffer = Swift.min(count, bufferEnd - offset)
        var window = Array(buffer[(offset - bufferOffset) ..< (offset - bufferOffset + inBuffer)])
        if inBuffer < count {
            guard let rest = source.peek(at: bufferEnd, count: count - inBuffer) else { return nil }
            window += rest
        }
        return window
    }
}
