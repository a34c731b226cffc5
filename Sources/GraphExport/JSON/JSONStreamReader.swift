public import MailModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the streaming reader yields.
public enum JSONStreamEvent: Sendable {
    /// A value: a top-level value, or one element of a streamed collection (the elements of a
    /// top-level array, or of the `value` array of a top-level collection page).
    case value(JSONValue, JSONValueInfo)
    /// The end of a streamed collection (a top-level array or a page), after its last element.
    case collectionEnd(JSONCollectionInfo)
    /// Something irregular about the file (invalid JSON that was skipped, the file ending inside a value).
    case diagnostic(GraphDiagnostic)
}

/// Where a yielded value is, and what surrounds it.
public struct JSONValueInfo: Sendable {
    /// The value's location; `odataContext` is its own `@odata.context` or its page's.
    public var location: GraphLocation
    /// For an element of a collection page: the page's other members (`@odata.context`,
    /// `@odata.nextLink`, ...). When the page shows its `@odata.context` before `value`, the members
    /// written before `value`; otherwise all of them, also those written after `value`: the reader
    /// reads the rest of the page once ahead (again from the file) to learn them.
    public var envelope: JSONObject?
    /// Irregularities inside the value (raw control characters, nesting too deep, ...).
    public var diagnostics: [GraphDiagnostic]
    /// Length of the value's text, in bytes of UTF-8.
    public var byteLength: Int
    /// Whether the value is an element of a streamed collection (else it is a whole top-level value).
    public var isCollectionElement: Bool
}

/// A streamed collection that ended.
public struct JSONCollectionInfo: Sendable {
    /// Location of the collection itself (the page object, or the array).
    public var location: GraphLocation
    /// A collection page `{"value": [...], ...}` (else a bare array).
    public var isPage: Bool
    /// The page's members other than `value` (`@odata.context`, `@odata.nextLink`, `@odata.deltaLink`, ...).
    public var envelope: JSONObject?
    /// Elements seen, including elements that could not be read.
    public var elementCount: Int
    /// `false` when the file ended, or invalid JSON forced the reader out, before the collection closed.
    public var isComplete: Bool
}

/// Reads a JSON file as a stream of values, in bounded memory.
///
/// The file is read with POSIX `read()` through a sliding buffer (``GraphReaderOptions/bufferSize``).
/// It yields each top-level value of the file — or, for a top-level array and for the `value` array of
/// a top-level collection page, each *element* — one at a time, so a multi-GB page is never held
/// whole. One value larger than the buffer grows the buffer only while it is read.
///
/// Accepted: UTF-8 with or without BOM, UTF-16LE/BE with BOM or recognised from NUL bytes
/// (transcoded to UTF-8 as it is read); several top-level values concatenated, with or without line
/// breaks; JSON Lines (a line may hold an array); raw control characters inside strings (noted).
///
/// **Invalid JSON** never loses the rest of the file. The reader records `graph.invalid-json` (with
/// the byte offset, line and column of the offending byte, and how much was skipped) and resumes:
/// - in a JSON Lines file: at the next line;
/// - inside a streamed array: at the next element — the next `,` or `]` at the array's own level
///   (tracking strings and brackets from the failure), or a line that starts, at the indentation of
///   the array's first element, with `{` or `[`; a `{` or `[` in column 1 means a new top-level value
///   and ends the array;
/// - elsewhere: at the next line that starts with `{` or `[` in column 1 (the start of a top-level
///   value in pretty-printed, concatenated output).
/// Consecutive failures before anything is read again are reported as one diagnostic.
///
/// JSON Lines are recognised when the first top-level value lies on a single line and another value
/// starts on a later line. See ``GraphLocation`` for pointers and ``GraphReaderOptions`` for the
/// limits (nesting depth, value size) and what happens past them.
///
/// **Buffer size never changes the result.** Two decisions need text the reader has not reached:
/// whether the file holds several top-level values (and is JSON Lines), made before the first value
/// is yielded, and the `@odata.context` of a page that writes it after `value`, needed by the page's
/// first element. Both read ahead through a second reader of the same file (`pread`; inputs are
/// regular files or bytes in memory) that keeps nothing but its own buffer: the first value is
/// scanned to its end, the page is read on to its end by the same rules with every value dropped.
/// Such a page is therefore parsed twice, and a file whose first value is one large page is scanned
/// once more; memory stays two buffers.
public final class JSONStreamReader: Sequence, IteratorProtocol {
    public let options: GraphReaderOptions
    let window: ByteWindow
    private var parser: ValueParser
    private let fileSource: FileByteSource?
    /// A look-ahead pass reads on to learn a page's members and hands out nothing (see ``probeEnvelope()``).
    private let isProbe: Bool

    /// Stream offset of the next byte to read.
    private var pos = 0
    /// Events read but not yet handed out.
    private var events: EventQueue
    /// What is known of the file's top level.
    private var topLevel = TopLevel()
    /// The streamed containers open at `pos`: a top-level array, or a page and its `value` array.
    private var stack: [Container] = []
    /// Invalid text being skipped, reported once reading resumes.
    private var invalidRegion: InvalidRegion?
    /// For a look-ahead pass: the members of the page it reads, once that page ended.
    private var probedMembers: [JSONMember]?
    /// Largest buffer a look-ahead pass of this reader used.
    private var probeHighWater = 0

    /// Whether the file was recognised as JSON Lines.
    public var isJSONLines: Bool { topLevel.isJSONLines }
    /// In a JSON Lines file, the latest place the file can be read again from (the start of a
    /// top-level value with no invalid text pending before it), for reading only what is appended.
    public private(set) var resumePoint: JSONResumePoint?
    /// Whether the file was seen to hold more than one top-level value (see ``GraphLocation``).
    public var hasSeveralValues: Bool { topLevel.hasSeveralValues }
    /// The text encoding detected from the first bytes.
    public var encoding: GraphTextEncoding { window.source.encoding }
    /// The largest size a read buffer reached, in bytes (the main one, or the one of a look-ahead
    /// pass): the memory bound of the reader besides the values it yields.
    public var highWaterBufferBytes: Int { Swift.max(window.highWater, probeHighWater) }
    /// The read buffer's current size, in bytes (back to ``GraphReaderOptions/bufferSize`` once a
    /// value larger than it has been read).
    public var bufferBytes: Int { window.capacity }

    /// Opens `path` read-only.
    ///
    /// - Throws: ``GraphExportError`` only when the file cannot be opened (missing, no permission, a
    ///   directory). Everything about its content is reported through diagnostics.
    public init(path: String, options: GraphReaderOptions = .default) throws(GraphExportError) {
        // Non-blocking, so that a FIFO is refused at once instead of waiting for a writer (reads of a
        // regular file ignore the flag).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw GraphExportError(code: GraphDiagnostic.Code.unreadable.diagnosticCode, message: "cannot open the file: \(reason)", path: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            _ = close(fd)
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file (a FIFO, socket or device)"
            // Look-ahead reads parts of the file twice: only a regular file can be read again.
            throw GraphExportError(code: GraphDiagnostic.Code.notAFile.diagnosticCode, message: "the path is \(what), not a file", path: path)
        }
        let source = FileByteSource(fd: fd)
        fileSource = source
        self.options = options
        isProbe = false
        events = EventQueue(keepsEvents: true)
        let text = TextSource(raw: source)
        window = ByteWindow(source: text, capacity: options.bufferSize)
        parser = ValueParser(maxDepth: options.maxNestingDepth, lenientControlCharacters: options.lenientControlCharacters)
        if let failure = text.failed {
            throw GraphExportError(
                code: GraphDiagnostic.Code.unreadable.diagnosticCode, message: "cannot read the file: \(String(cString: strerror(failure)))", path: path)
        }
    }

    /// Reads JSON text held in memory (the same rules as a file).
    public init(bytes: [UInt8], options: GraphReaderOptions = .default) {
        self.options = options
        fileSource = nil
        isProbe = false
        events = EventQueue(keepsEvents: true)
        window = ByteWindow(source: TextSource(raw: MemoryByteSource(bytes)), capacity: options.bufferSize)
        parser = ValueParser(maxDepth: options.maxNestingDepth, lenientControlCharacters: options.lenientControlCharacters)
    }

    /// Reads a JSON Lines file again from `point` (taken by ``resumePoint`` on an earlier read of
    /// the same bytes): yields what a reader of the whole file yields from there on.
    ///
    /// - Throws: ``GraphExportError`` only when the file cannot be opened.
    public init(path: String, options: GraphReaderOptions = .default, resumingAt point: JSONResumePoint) throws(GraphExportError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw GraphExportError(code: GraphDiagnostic.Code.unreadable.diagnosticCode, message: "cannot open the file: \(reason)", path: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            _ = close(fd)
            throw GraphExportError(code: GraphDiagnostic.Code.notAFile.diagnosticCode, message: "the path is not a regular file", path: path)
        }
        let source = FileByteSource(fd: fd)
        fileSource = source
        self.options = options
        isProbe = false
        events = EventQueue(keepsEvents: true, emittedAny: true)
        let text = TextSource(
            raw: source.rereader(from: point.fileOffset), encoding: point.encoding, fileOffset: point.fileOffset,
            streamOffset: point.streamOffset)
        window = ByteWindow(
            source: text, capacity: options.bufferSize, position: point.streamOffset, line: point.line, lineStart: point.lineStart)
        parser = ValueParser(maxDepth: options.maxNestingDepth, lenientControlCharacters: options.lenientControlCharacters)
        parser.lineBreaksEndStrings = true
        pos = point.streamOffset
        topLevel = TopLevel(
            valueIndex: point.valueIndex, lookedAhead: true, isJSONLines: true, hasSeveralValues: true,
            reportedStrayComma: point.reportedStrayComma)
        resumePoint = point
    }

    /// A look-ahead pass that continues `reader` from where it is, on a second window over the same
    /// text, in the same state.
    private init(probing reader: JSONStreamReader) {
        options = reader.options
        fileSource = nil
        isProbe = true
        events = EventQueue(keepsEvents: false)
        window = reader.window.rereading(from: reader.pos, capacity: reader.window.initialCapacity)
        parser = reader.parser
        pos = reader.pos
        topLevel = reader.topLevel
        stack = reader.stack
        invalidRegion = reader.invalidRegion
    }

    /// The next event, or `nil` after the end of the file.
    public func next() -> JSONStreamEvent? {
        while true {
            if let event = events.next() { return event }
            if events.isFinished {
                fileSource?.close()
                return nil
            }
            step()
        }
    }

    // MARK: Steps

    /// ``GraphReaderOptions/maxValueBytes``, kept clear of overflow.
    private var valueLimit: Int { Swift.min(Swift.max(options.maxValueBytes, 0), Int.max / 4) }

    /// The largest the window grows: a value at the limit and the byte after it (which ends a
    /// number), with room to spare for resynchronisation's look at the next line's start.
    private var maxWindow: Int { Swift.max(window.initialCapacity, valueLimit + 8, 4096) }

    /// The end of the text a value starting at `start` may be parsed from: the value and one byte
    /// past it (a number's end is known from the byte after it). Whatever the buffer holds beyond
    /// is hidden, so that a value is too large, or invalid, whatever the buffer size.
    private func valueCap(from start: Int) -> Int { start + valueLimit + 1 }

    /// Reads one item: a top-level value, or the next item of the innermost streamed container.
    private func step() {
        guard let top = stack.last else { return stepTopLevel() }
        let (found, indent) = skipWhitespace(measuringIndent: top.kind == .array && top.count == 0)
        guard found else { return endInsideContainer() }
        guard let c = nextItemStart() else { return }
        switch top.kind {
        case .array: readElement(startingWith: c, indent: indent)
        case .page: readMember()
        }
    }

    private func stepTopLevel() {
        while true {
            guard skipWhitespace().found else { return finishAtEnd() }
            let c = window.byte(at: pos)
            if c == 0xEF, available(pos + 2, keep: pos), window.byte(at: pos + 1) == 0xBB, window.byte(at: pos + 2) == 0xBF {
                pos += 3  // a BOM of a concatenated file
                continue
            }
            if c == UInt8(ascii: ","), topLevel.valueIndex > 0 {
                if !topLevel.reportedStrayComma {
                    topLevel.reportedStrayComma = true
                    emit(diagnostic(.lenientSyntax, "A comma between top-level values was ignored.", .note, at: pos, pointer: nil))
                }
                pos += 1
                continue
            }
            break
        }
        let c = window.byte(at: pos)
        if !topLevel.lookedAhead, isValueStart(c) {
            topLevel.lookedAhead = true
            lookAhead()
        }
        if topLevel.isJSONLines, invalidRegion == nil, events.isDrained, !isProbe, isValueStart(c) { noteResumePoint() }
        let pointer = topLevel.pointer
        switch c {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let location = self.location(at: pos, pointer: pointer)
            stack.append(Container(c == UInt8(ascii: "{") ? .page : .array, location: location, pointer: pointer, depth: 1, start: pos))
            pos += 1
        case _ where isValueStart(c):
            let start = pos
            let location = self.location(at: start, pointer: pointer)
            switch parseUnit(at: start, baseDepth: 0, pointer: pointer) {
            case .value(let value, let end, let diagnostics):
                pos = end
                emitSuccess(.value(value, JSONValueInfo(
                    location: withContext(location, value: value, envelope: nil), envelope: nil,
                    diagnostics: diagnostics, byteLength: end - start, isCollectionElement: false)))
                topLevel.valueIndex += 1
            case .failure(let failure):
                handleFailure(failure, unitStart: start, inArray: false)
            case .tooLarge:
                handleTooLarge(start: start, pointer: pointer)
                topLevel.valueIndex += 1
            }
        default:
            handleFailure(
                failure(at: pos, "unexpected \(describe(c)) where a top-level JSON value should start", pointer: pointer),
                unitStart: pos, inArray: false, lostValue: false)
        }
    }

    /// What comes before the next item of the innermost container, at `pos` (not white space): its
    /// closer, which closes it; or, after an item, a comma (a trailing one before the closer is
    /// noted) or a new item with the comma missing (noted). Returns the first byte of the next item,
    /// or `nil` when the container closed, the text ended or a failure was handled.
    private func nextItemStart() -> UInt8? {
        let top = stack.count - 1
        let kind = stack[top].kind
        let c = window.byte(at: pos)
        if c == kind.closer {
            pos += 1
            closeContainer()
            return nil
        }
        guard stack[top].expectingSeparator else { return c }
        if c == UInt8(ascii: ",") {
            pos += 1
            stack[top].expectingSeparator = false
            guard skipWhitespace().found else {
                endInsideContainer()
                return nil
            }
            let next = window.byte(at: pos)
            guard next != kind.closer else {
                emit(diagnostic(.lenientSyntax, "A trailing comma before '\(Character(Unicode.Scalar(kind.closer)))' was ignored.", .note, at: pos, pointer: stack[top].pointer))
                pos += 1
                closeContainer()
                return nil
            }
            return next
        }
        let startsItem = kind == .array ? isValueStart(c) : c == UInt8(ascii: "\"")
        guard startsItem else {
            handleFailure(
                failure(at: pos, "expected ',' or '\(Character(Unicode.Scalar(kind.closer)))' after an \(kind.item) but found \(describe(c))", pointer: stack[top].pointer),
                unitStart: pos, inArray: kind == .array)
            return nil
        }
        emit(diagnostic(.lenientSyntax, "A missing comma between \(kind.item)s was assumed.", .note, at: pos, pointer: stack[top].pointer))
        stack[top].expectingSeparator = false
        return c
    }

    /// An element of the innermost (array) container, starting with `c` at `pos`; `indent` is the
    /// indentation of its line when it is the first element.
    private func readElement(startingWith c: UInt8, indent: Int?) {
        let top = stack.count - 1
        let index = stack[top].count
        let pointer = stack[top].pointer + "/\(index)"
        stack[top].count += 1
        guard isValueStart(c) else {
            return handleFailure(
                failure(at: pos, "unexpected \(describe(c)) where an array element should start", pointer: pointer),
                unitStart: pos, inArray: true)
        }
        if index == 0 { stack[top].indent = indent }
        let start = pos
        let location = self.location(at: start, pointer: pointer)
        switch parseUnit(at: start, baseDepth: stack[top].depth, pointer: pointer) {
        case .value(let value, let end, let diagnostics):
            pos = end
            stack[top].expectingSeparator = true
            emitElement(value, location: location, diagnostics: diagnostics, length: end - start)
        case .failure(let failure):
            handleFailure(failure, unitStart: start, inArray: true)
        case .tooLarge:
            stack[top].expectingSeparator = true
            handleTooLarge(start: start, pointer: pointer)
        }
    }

    /// A member of the innermost (page) container, at `pos`. A `value` array is streamed: its
    /// container is opened and its elements are read one step at a time.
    private func readMember() {
        let top = stack.count - 1
        guard let key = readMemberKey() else { return }
        guard skipWhitespace().found else { return endInsideContainer() }
        let memberPointer = stack[top].pointer + "/" + escapePointerToken(key)
        if !stack[top].streamedValue, window.byte(at: pos) == UInt8(ascii: "["), asciiCaseInsensitiveEqual(key, "value") {
            stack[top].streamedValue = true
            let location = self.location(at: pos, pointer: memberPointer)
            stack.append(Container(.array, location: location, pointer: memberPointer, depth: stack[top].depth + 1, start: pos))
            pos += 1
            if !stack[top].hasContext, !isProbe {
                stack[top].membersReadAhead = probeEnvelope()
            }
            return
        }
        let start = pos
        switch parseUnit(at: start, baseDepth: stack[top].depth, pointer: memberPointer) {
        case .value(let value, let end, let diagnostics):
            pos = end
            if key.hasPrefix("@"), asciiCaseInsensitiveEqual(key, "@odata.context") { stack[top].hasContext = true }
            stack[top].members.append(JSONMember(key: key, value: value))
            stack[top].memberDiagnostics += diagnostics
            stack[top].expectingSeparator = true
        case .failure(let failure):
            handleFailure(failure, unitStart: start, inArray: false)
        case .tooLarge:
            stack[top].expectingSeparator = true
            handleTooLarge(start: start, pointer: memberPointer)
        }
    }

    /// `"name" :` at `pos`; `nil` when it could not be read (the failure was handled).
    private func readMemberKey() -> String? {
        let pointer = stack[stack.count - 1].pointer
        let keyStart = pos
        let keyCap = valueCap(from: keyStart)
        while true {
            let base = window.base
            let end = Swift.min(window.end, keyCap) - base
            let atEnd = window.atEnd && window.end <= keyCap
            var after = 0
            let outcome = window.withUnsafeBytes { bytes in
                parser.parseMemberKey(bytes, from: keyStart - base, end: end, atEnd: atEnd, pointer: pointer, positionBase: base, after: &after)
            }
            switch outcome {
            case .ok(let name):
                pos = base + after
                return name
            case .needMore:
                if window.end >= keyCap || window.fill(keeping: keyStart, maxCapacity: maxWindow) == .tooLarge {
                    handleFailure(
                        failure(at: keyStart, "a member name is larger than the value size limit", pointer: pointer),
                        unitStart: keyStart, inArray: false)
                    return nil
                }
            case .failure(let f):
                handleFailure(streamFailure(f), unitStart: keyStart, inArray: false)
                return nil
            }
        }
    }

    // MARK: Ends of containers

    /// The innermost container's closer was read.
    private func closeContainer() {
        let container = stack.removeLast()
        switch container.kind {
        case .array:
            if let page = stack.indices.last {
                stack[page].expectingSeparator = true
                stack[page].count = container.count
                return
            }
            emitSuccess(collectionEnd(of: container, elementCount: container.count, isComplete: true))
        case .page where container.streamedValue:
            pageEnded(container)
            emitSuccess(collectionEnd(of: container, elementCount: container.count, isComplete: true))
        case .page:
            let value = JSONValue.object(JSONObject(container.members))
            emitSuccess(.value(value, JSONValueInfo(
                location: withContext(container.location, value: value, envelope: nil), envelope: nil,
                diagnostics: container.memberDiagnostics, byteLength: pos - container.start, isCollectionElement: false)))
        }
        topLevel.valueIndex += 1
    }

    /// The file ended inside a streamed container.
    private func endInsideContainer() {
        if let top = stack.last {
            var message = "The file ends inside the \(top.kind == .page ? "object" : "array") that starts at line \(top.location.line)"
            if top.kind == .array { message += " after \(top.count) element\(top.count == 1 ? "" : "s")" }
            message += "; it is incomplete."
            flushInvalidRegion(target: "the end of the file", at: pos)
            emit(diagnostic(.unexpectedEndOfFile, message, .error, at: pos, pointer: top.pointer))
        }
        abandonContainers()
        finishAtEnd()
    }

    /// Leaves every open container (the file ended, or resynchronisation went to the top level): a
    /// streamed collection ends incomplete, a page read as a value is lost (its members' diagnostics stay).
    private func abandonContainers() {
        guard !stack.isEmpty else { return }
        flushInvalidRegion(target: nil, at: nil)
        var streamedArrayCount: Int?
        while let container = stack.popLast() {
            switch container.kind {
            case .array:
                streamedArrayCount = container.count
                if stack.isEmpty { emit(collectionEnd(of: container, elementCount: container.count, isComplete: false)) }
            case .page where container.streamedValue:
                pageEnded(container)
                emit(collectionEnd(of: container, elementCount: streamedArrayCount ?? container.count, isComplete: false))
            case .page:
                for d in container.memberDiagnostics { emit(d) }
            }
        }
        topLevel.valueIndex += 1
    }

    /// A page whose `value` array was streamed ended: its members' diagnostics are yielded (a
    /// look-ahead pass keeps its members).
    private func pageEnded(_ page: Container) {
        if isProbe { probedMembers = page.members }
        for d in page.memberDiagnostics { emit(d) }
    }

    /// The end of a streamed collection: a top-level array, or a page with its members.
    private func collectionEnd(of container: Container, elementCount: Int, isComplete: Bool) -> JSONStreamEvent {
        guard container.kind == .page else {
            return .collectionEnd(JSONCollectionInfo(
                location: container.location, isPage: false, envelope: nil, elementCount: elementCount, isComplete: isComplete))
        }
        let envelope = JSONObject(container.members)
        var location = container.location
        location.odataContext = envelope["@odata.context"]?.stringValue
        return .collectionEnd(JSONCollectionInfo(
            location: location, isPage: true, envelope: envelope, elementCount: elementCount, isComplete: isComplete))
    }

    private func finishAtEnd() {
        flushInvalidRegion(target: "the end of the file", at: pos)
        let source = window.source
        if let failure = source.failed {
            emit(.diagnostic(GraphDiagnostic(
                code: .readFailed, message: "Reading the file failed: \(String(cString: strerror(failure))); the rest of it was not read.",
                severity: .error, byteOffset: window.fileOffset(pos))))
        }
        if source.invalidUTF16Count > 0 {
            emit(.diagnostic(GraphDiagnostic(
                code: .invalidUTF16,
                message: "The UTF-16 text has \(source.invalidUTF16Count) unpaired surrogate\(source.invalidUTF16Count == 1 ? "" : "s") or trailing odd byte; surrogates were replaced with U+FFFD and an odd byte was dropped.",
                severity: .warning, byteOffset: source.firstInvalidUTF16Offset)))
        }
        if !events.emittedAny {
            emit(.diagnostic(GraphDiagnostic(
                code: .emptyFile, message: "The file holds no JSON value.", severity: .warning, byteOffset: window.fileOffset(pos))))
        }
        events.isFinished = true
    }

    /// Records the start of the top-level value at `pos` as a place to read again from.
    private func noteResumePoint() {
        let (line, column) = window.lineAndColumn(at: pos)
        resumePoint = JSONResumePoint(
            fileOffset: window.fileOffset(pos), streamOffset: pos, line: line, lineStart: pos - column + 1, valueIndex: topLevel.valueIndex,
            reportedStrayComma: topLevel.reportedStrayComma, encoding: window.source.encoding)
    }

    // MARK: Look-ahead (several values? JSON Lines?)

    /// Looks past the first top-level value to learn whether more values follow and whether the file
    /// is JSON Lines. Consumes nothing (see ``ByteWindow/lookPastValue(at:)``).
    private func lookAhead() {
        let first = window.byte(at: pos)
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let past = window.lookPastValue(at: pos) else { return }
        topLevel.hasSeveralValues = true
        topLevel.isJSONLines = past.valueIsOneLine && past.nextStartsOnLaterLine
        // In JSON Lines a line break ends the record: a string still open there was cut.
        parser.lineBreaksEndStrings = topLevel.isJSONLines
    }

    /// The members the page being read will have when it ends (or is given up), for its elements'
    /// envelope and `@odata.context` when the page did not write its context before `value`.
    ///
    /// A look-ahead pass reads on from the start of the `value` array, through a second window over
    /// the same text and from the same state, by the same rules (so it ends the page where this
    /// reader will, invalid JSON included), yielding nothing and keeping only the page's members.
    private func probeEnvelope() -> JSONObject? {
        let probe = JSONStreamReader(probing: self)
        let pageLevel = stack.count - 1  // the page, under its array
        while !probe.events.isFinished, probe.probedMembers == nil, probe.stack.count >= pageLevel {
            probe.step()
        }
        probeHighWater = Swift.max(probeHighWater, probe.window.highWater)
        return probe.probedMembers.map(JSONObject.init)
    }

    // MARK: Units

    private enum UnitResult {
        case value(JSONValue, end: Int, diagnostics: [GraphDiagnostic])
        case failure(ParseFailure)
        case tooLarge
    }

    /// Parses one whole value starting at stream offset `start`, refilling (and if needed growing) the
    /// window until it is complete. The parser sees at most ``valueCap(from:)``: a value longer than
    /// ``GraphReaderOptions/maxValueBytes`` is too large whatever the buffer holds.
    private func parseUnit(at start: Int, baseDepth: Int, pointer: String) -> UnitResult {
        let cap = valueCap(from: start)
        while true {
            let base = window.base
            let end = Swift.min(window.end, cap) - base
            let atEnd = window.atEnd && window.end <= cap
            let outcome = window.withUnsafeBytes { bytes in
                parser.parseValue(bytes, from: start - base, end: end, atEnd: atEnd, baseDepth: baseDepth, pointer: pointer, positionBase: base)
            }
            switch outcome {
            case .value(let value, let end):
                let endPosition = base + end
                guard endPosition - start <= valueLimit else { return .tooLarge }
                let diagnostics = parser.diagnostics.map {
                    diagnostic($0.code, $0.message, $0.severity, at: $0.position, pointer: $0.pointer)
                }
                window.shrinkIfPossible(keeping: endPosition)
                return .value(value, end: endPosition, diagnostics: diagnostics)
            case .failure(let f):
                return .failure(streamFailure(f))
            case .needMore:
                if window.end >= cap || window.fill(keeping: start, maxCapacity: maxWindow) == .tooLarge { return .tooLarge }
            }
        }
    }

    /// A parser failure with its index turned into a stream offset.
    private func streamFailure(_ f: ParseFailure) -> ParseFailure {
        var f = f
        f.index += window.base
        return f
    }

    private func failure(at position: Int, _ reason: String, pointer: String) -> ParseFailure {
        ParseFailure(index: position, reason: reason, depth: 0, atEnd: false, pointer: pointer)
    }

    // MARK: Emitting

    private func emit(_ event: @autoclosure () -> JSONStreamEvent) {
        events.append(event())
    }

    private func emit(_ diagnostic: GraphDiagnostic) {
        events.append(.diagnostic(diagnostic))
    }

    /// Emits a successfully read value, after the diagnostic of the invalid region before it.
    private func emitSuccess(_ event: @autoclosure () -> JSONStreamEvent) {
        flushInvalidRegion(target: nil, at: nil)
        events.append(event())
    }

    private func emitElement(_ value: JSONValue, location: GraphLocation, diagnostics: [GraphDiagnostic], length: Int) {
        // The page of the element, if any: its members read so far, or (context not written before
        // `value`) all of them, read ahead.
        let page = stack.count >= 2 && stack[stack.count - 2].kind == .page ? stack[stack.count - 2] : nil
        emitSuccess({
            let envelope = page.map { $0.membersReadAhead ?? JSONObject($0.members) }
            return .value(value, JSONValueInfo(
                location: self.withContext(location, value: value, envelope: envelope), envelope: envelope,
                diagnostics: diagnostics, byteLength: length, isCollectionElement: true))
        }())
    }

    /// The location with `odataContext` set from the value itself or its page.
    private func withContext(_ location: GraphLocation, value: JSONValue, envelope: JSONObject?) -> GraphLocation {
        var location = location
        if let object = value.objectValue {
            location.odataContext = ResourceBuilder.annotations(object).context
        }
        if location.odataContext == nil { location.odataContext = envelope?["@odata.context"]?.stringValue }
        return location
    }

    // MARK: Locations and diagnostics

    private func location(at position: Int, pointer: String) -> GraphLocation {
        let (line, column) = window.lineAndColumn(at: position)
        return GraphLocation(
            pointer: pointer, byteOffset: window.fileOffset(position), line: line, column: column,
            valueIndex: topLevel.valueIndex, jsonLine: topLevel.isJSONLines ? line : nil)
    }

    private func diagnostic(
        _ code: GraphDiagnostic.Code, _ message: String, _ severity: GraphDiagnostic.Severity, at position: Int,
        pointer: String?
    ) -> GraphDiagnostic {
        let (line, column) = window.lineAndColumn(at: position)
        return GraphDiagnostic(
            code: code, message: message, severity: severity, byteOffset: window.fileOffset(position), line: line,
            column: column, pointer: pointer)
    }

    // MARK: Failures and resynchronisation

    /// Records invalid text at `failure` and resumes reading (see the type's documentation).
    /// `lostValue`: whether a top-level value was lost (else it was stray text between values).
    private func handleFailure(_ failure: ParseFailure, unitStart: Int, inArray: Bool, lostValue: Bool = true) {
        if failure.atEnd {
            flushInvalidRegion(target: "the end of the file", at: failure.index)
            let (line, _) = window.lineAndColumn(at: unitStart)
            emit(diagnostic(
                .unexpectedEndOfFile,
                "The file ends inside the value that starts at line \(line) (\(failure.reason)); that value is lost.",
                .error, at: unitStart, pointer: failure.pointer))
            abandonContainers()
            finishAtEnd()
            return
        }
        if invalidRegion == nil {
            let d = diagnostic(.invalidJSON, "", .error, at: failure.index, pointer: failure.pointer)
            // What is lost: the element, or the whole top-level value being read.
            let lostFrom = (inArray && !topLevel.isJSONLines)
                ? window.fileOffset(unitStart) : (stack.first?.location.byteOffset ?? window.fileOffset(unitStart))
            invalidRegion = InvalidRegion(
                diagnostic: d, reason: failure.reason, skipFromFileOffset: lostFrom, skipTo: unitStart,
                skipToFileOffset: window.fileOffset(unitStart))
        }
        let from = Swift.max(failure.index, unitStart + 1)
        if topLevel.isJSONLines {
            resyncToNextLine(from: from, lostValue: lostValue)
        } else if inArray {
            resyncToNextElement(from: from, depth: failure.depth)
        } else {
            resyncToTopLevel(from: from, lostValue: lostValue)
        }
    }

    /// Finishes the diagnostic of an invalid region: it ends where reading resumed (`at`, or the
    /// recorded resume point) and says where the reader went.
    private func flushInvalidRegion(target: String?, at position: Int?) {
        guard var region = invalidRegion else { return }
        invalidRegion = nil
        if let target { region.target = target }
        if let position, position > region.skipTo {
            region.skipTo = position
            region.skipToFileOffset = window.fileOffset(position)
        }
        let skipped = Swift.max(0, region.skipToFileOffset - region.skipFromFileOffset)
        var d = region.diagnostic
        let place = d.line.map { "line \($0), column \(d.column ?? 0)" } ?? "byte \(d.byteOffset ?? 0)"
        d.message = "Invalid JSON at \(place): \(region.reason); \(skipped) byte\(skipped == 1 ? " was" : "s were") skipped up to \(region.target)."
        emit(d)
    }

    /// Reading resumes at `position` (`target` says what is there).
    private func resume(at position: Int, target: String) {
        invalidRegion?.skipTo = position
        invalidRegion?.skipToFileOffset = window.fileOffset(position)
        invalidRegion?.target = target
        pos = position
    }

    /// After a failure outside a streamed array: leave the open containers, or count the lost value.
    private func leaveAfterFailure(lostValue: Bool) {
        if !stack.isEmpty {
            abandonContainers()
        } else if lostValue {
            topLevel.valueIndex += 1
        }
    }

    /// JSON Lines: resume after the next line break.
    private func resyncToNextLine(from: Int, lostValue: Bool) {
        var k = from
        while true {
            guard available(k, keep: k) else {
                resume(at: k, target: "the end of the file")
                return leaveAfterFailure(lostValue: lostValue)
            }
            if let lineBreak = window.firstIndex(of: 0x0A, from: k) {
                k = lineBreak + 1
                break
            }
            k = window.end
        }
        let (line, _) = window.lineAndColumn(at: k)
        resume(at: k, target: "the next line (line \(line))")
        leaveAfterFailure(lostValue: lostValue)
    }

    /// Resume at the next line that starts with `{` or `[` in column 1.
    private func resyncToTopLevel(from: Int, lostValue: Bool) {
        var k = from
        while true {
            guard available(k, keep: k) else {
                resume(at: k, target: "the end of the file")
                return leaveAfterFailure(lostValue: lostValue)
            }
            guard let lineBreak = window.firstIndex(of: 0x0A, from: k) else {
                k = window.end
                continue
            }
            k = lineBreak + 1
            guard available(k, keep: k) else { continue }
            let c = window.byte(at: k)
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { break }
        }
        let (line, _) = window.lineAndColumn(at: k)
        resume(at: k, target: "the next top-level value (line \(line))")
        leaveAfterFailure(lostValue: lostValue)
    }

    /// Inside a streamed array: resume at the next element (see the type's documentation).
    private func resyncToNextElement(from: Int, depth startDepth: Int) {
        let top = stack.count - 1
        let indent = stack[top].indent
        var depth = startDepth
        var inString = false
        var k = from
        /// Resumes at the next element, or at the array's end, at `position`.
        func resumeInArray(at position: Int, target: String) {
            stack[top].expectingSeparator = false
            resume(at: position, target: target)
        }
        while true {
            guard available(k, keep: k) else {
                return resume(at: k, target: "the end of the file")  // the array step reports the end of the file
            }
            let c = window.byte(at: k)
            if inString {
                if c == UInt8(ascii: "\\") { k += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false }
                if c != 0x0A { k += 1; continue }
                inString = false  // a line break ends a runaway string while resynchronising
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 { return resumeInArray(at: k, target: "the next array element") }
                depth += 1
            case UInt8(ascii: "}"):
                if depth > 0 { depth -= 1 }
            case UInt8(ascii: "]"):
                if depth == 0 { return resumeInArray(at: k, target: "the end of the array") }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return resumeInArray(at: k + 1, target: "the next array element") }
            case 0x0A:
                // Look at the next line's start: the array's element indentation, or column 1.
                var j = k + 1
                var spaces = 0
                while spaces < 256, available(j, keep: k), window.byte(at: j) == 0x20 || window.byte(at: j) == 0x09 {
                    j += 1
                    spaces += 1
                }
                if available(j, keep: k) {
                    let d = window.byte(at: j)
                    if d == UInt8(ascii: "{") || d == UInt8(ascii: "[") {
                        if let indent, spaces == indent {
                            return resumeInArray(at: j, target: "the next array element")
                        }
                        if spaces == 0 {
                            let (line, _) = window.lineAndColumn(at: j)
                            resume(at: j, target: "the next top-level value (line \(line))")
                            return abandonContainers()
                        }
                    }
                }
            default:
                break
            }
            k += 1
        }
    }

    /// A value larger than ``GraphReaderOptions/maxValueBytes``: report it and skip it without keeping it.
    private func handleTooLarge(start: Int, pointer: String) {
        flushInvalidRegion(target: nil, at: nil)
        emit(diagnostic(
            .valueTooLarge,
            "A value larger than the limit of \(options.maxValueBytes) bytes was skipped.",
            .error, at: start, pointer: pointer))
        var depth = 0
        var inString = false
        var k = start
        let first = window.byte(at: start)
        let scalar = !(first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\""))
        while available(k, keep: k) {
            let c = window.byte(at: k)
            if inString {
                if c == UInt8(ascii: "\\") { k += 2; continue }
                if c == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { k += 1; break }
                }
                k += 1
                continue
            }
            if scalar {
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c <= 0x20 { break }
                k += 1
                continue
            }
            if c == UInt8(ascii: "\"") { inString = true }
            else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth <= 0 { k += 1; break }
            }
            k += 1
        }
        pos = k
        window.shrinkIfPossible(keeping: k)
    }

    // MARK: Buffer helpers

    /// Makes sure stream offset `position` is in the window, keeping bytes from `keep`; `false` at the end.
    private func available(_ position: Int, keep: Int) -> Bool {
        while position >= window.end {
            if window.fill(keeping: Swift.min(keep, position), maxCapacity: maxWindow) != .more {
                if position >= window.end { return false }
            }
        }
        return true
    }

    /// Skips white space from `pos`; `found` is `false` at the end of the text. With
    /// `measuringIndent`, `indent` is the indentation of `pos` from the bytes skipped: the spaces and
    /// tabs after the last line break (`nil` without a line break, or after a CR).
    private func skipWhitespace(measuringIndent: Bool = false) -> (found: Bool, indent: Int?) {
        var indent: Int?
        while true {
            guard available(pos, keep: pos) else { return (false, nil) }
            let next = window.skipWhitespace(from: pos)
            if measuringIndent {
                for k in pos..<next {
                    switch window.byte(at: k) {
                    case 0x0A: indent = 0
                    case 0x20, 0x09: indent = indent.map { $0 + 1 }
                    default: indent = nil
                    }
                }
            }
            pos = next
            if next < window.end { return (true, indent) }
        }
    }

    private func isValueStart(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "N"), UInt8(ascii: "I"):
            true
        default:
            false
        }
    }
}
