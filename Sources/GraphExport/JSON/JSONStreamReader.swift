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
    /// `@odata.nextLink`, ...). Members written after the `value` array are included only when the
    /// reader held the elements back until the page ended (it does so while the page has shown no
    /// `@odata.context`, up to one buffer's worth of elements).
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
/// JSON Lines are recognised when the first top-level value lies on a single line (and fits in the
/// buffer) and another value starts on a later line. See ``GraphLocation`` for pointers and
/// ``GraphReaderOptions`` for the limits (nesting depth, value size) and what happens past them.
public final class JSONStreamReader: Sequence, IteratorProtocol {
    public let options: GraphReaderOptions
    let window: ByteWindow
    private var parser: ValueParser
    private let fileSource: FileByteSource?

    private var pos = 0
    private var output: [JSONStreamEvent] = []
    private var outputHead = 0
    private var delayed: [JSONStreamEvent] = []
    private var delayedBytes = 0
    private var valueIndex = 0
    private var lookedAhead = false
    private var stack: [Container] = []
    private var pendingError: PendingError?
    private var finished = false
    private var emittedSomething = false
    private var reportedStrayComma = false
    /// Whether the failure being resynchronised lost a top-level value (else it was stray text).
    private var lostTopLevelValue = true

    /// Whether the file was recognised as JSON Lines.
    public private(set) var isJSONLines = false
    /// Whether the file was seen to hold more than one top-level value (see ``GraphLocation``).
    public private(set) var hasSeveralValues = false
    /// The text encoding detected from the first bytes.
    public var encoding: GraphTextEncoding { window.source.encoding }
    /// The largest size the read buffer reached, in bytes: the memory bound of the reader (besides
    /// the values it yields).
    public var highWaterBufferBytes: Int { window.highWater }
    /// The read buffer's current size, in bytes (back to ``GraphReaderOptions/bufferSize`` once a
    /// value larger than it has been read).
    public var bufferBytes: Int { window.capacity }

    private struct Container {
        var isPage: Bool
        var location: GraphLocation
        var pointer: String
        var depth: Int
        var count = 0
        var members: [JSONMember] = []
        var memberDiagnostics: [GraphDiagnostic] = []
        var streamedValue = false
        var expectingSeparator = false
        var indent: Int?
        var hasContext = false
        /// Stream offset of the container's first byte.
        var start = 0
    }

    private struct PendingError {
        var diagnostic: GraphDiagnostic
        var reason: String
        /// File offset where the lost text starts.
        var skipFromFileOffset: Int
        /// File offset where reading resumed, taken while the position is still mapped (UTF-16
        /// files forget how stream offsets map to file offsets behind the buffer).
        var skipToFileOffset: Int
        var target: String
    }

    /// Opens `path` read-only.
    ///
    /// - Throws: ``GraphExportError`` only when the file cannot be opened (missing, no permission, a
    ///   directory). Everything about its content is reported through diagnostics.
    public init(path: String, options: GraphReaderOptions = .default) throws(GraphExportError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw GraphExportError(code: "graph.unreadable", message: "cannot open the file: \(reason)", path: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            _ = close(fd)
            throw GraphExportError(code: "graph.not-a-file", message: "the path is a directory, not a file", path: path)
        }
        let source = FileByteSource(fd: fd)
        fileSource = source
        self.options = options
        let text = TextSource(raw: source)
        window = ByteWindow(source: text, capacity: options.bufferSize)
        parser = ValueParser(maxDepth: options.maxNestingDepth, lenientControlCharacters: options.lenientControlCharacters)
        if let failure = text.failed {
            throw GraphExportError(
                code: "graph.unreadable", message: "cannot read the file: \(String(cString: strerror(failure)))", path: path)
        }
    }

    /// Reads JSON text held in memory (the same rules as a file).
    public init(bytes: [UInt8], options: GraphReaderOptions = .default) {
        self.options = options
        fileSource = nil
        window = ByteWindow(source: TextSource(raw: MemoryByteSource(bytes)), capacity: options.bufferSize)
        parser = ValueParser(maxDepth: options.maxNestingDepth, lenientControlCharacters: options.lenientControlCharacters)
    }

    /// The next event, or `nil` after the end of the file.
    public func next() -> JSONStreamEvent? {
        while outputHead >= output.count {
            if finished {
                fileSource?.close()
                return nil
            }
            if !output.isEmpty {
                output.removeAll(keepingCapacity: true)
                outputHead = 0
            }
            step()
        }
        let event = output[outputHead]
        outputHead += 1
        return event
    }

    // MARK: Steps

    private var maxWindow: Int { Swift.max(window.initialCapacity, options.maxValueBytes) }

    private func step() {
        guard let top = stack.last else { return stepTopLevel() }
        if top.isPage { stepPage() } else { stepArray() }
    }

    private func stepTopLevel() {
        while true {
            guard skipWhitespace() else { return finishAtEnd() }
            let c = window.byte(at: pos)
            if c == 0xEF, available(pos + 2, keep: pos), window.byte(at: pos + 1) == 0xBB, window.byte(at: pos + 2) == 0xBF {
                pos += 3  // a BOM of a concatenated file
                continue
            }
            if c == UInt8(ascii: ","), valueIndex > 0 {
                if !reportedStrayComma {
                    reportedStrayComma = true
                    emit(.diagnostic(diagnostic(.lenientSyntax, "A comma between top-level values was ignored.", .note, at: pos, pointer: nil)))
                }
                pos += 1
                continue
            }
            break
        }
        let c = window.byte(at: pos)
        if !lookedAhead, isValueStart(c) {
            lookedAhead = true
            lookAhead()
        }
        let pointer = topLevelPointer()
        switch c {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let location = self.location(at: pos, pointer: pointer)
            stack.append(Container(isPage: c == UInt8(ascii: "{"), location: location, pointer: pointer, depth: 1, start: pos))
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
                valueIndex += 1
            case .failure(let failure):
                handleFailure(failure, unitStart: start, inArray: false)
            case .tooLarge:
                handleTooLarge(start: start, pointer: pointer)
                valueIndex += 1
            }
        default:
            handleFailure(
                failure(at: pos, "unexpected \(describe(c)) where a top-level JSON value should start", pointer: pointer),
                unitStart: pos, inArray: false, lostValue: false)
        }
    }

    private func stepArray() {
        let top = stack.count - 1
        guard skipWhitespace() else { return endInsideContainer() }
        var c = window.byte(at: pos)
        if c == UInt8(ascii: "]") {
            pos += 1
            return closeArray()
        }
        if stack[top].expectingSeparator {
            if c == UInt8(ascii: ",") {
                pos += 1
                stack[top].expectingSeparator = false
                guard skipWhitespace() else { return endInsideContainer() }
                c = window.byte(at: pos)
                if c == UInt8(ascii: "]") {
                    emit(.diagnostic(diagnostic(.lenientSyntax, "A trailing comma before ']' was ignored.", .note, at: pos, pointer: stack[top].pointer)))
                    pos += 1
                    return closeArray()
                }
            } else if isValueStart(c) {
                emit(.diagnostic(diagnostic(.lenientSyntax, "A missing comma between array elements was assumed.", .note, at: pos, pointer: stack[top].pointer)))
                stack[top].expectingSeparator = false
            } else {
                return handleFailure(
                    failure(at: pos, "expected ',' or ']' after an array element but found \(describe(c))", pointer: stack[top].pointer),
                    unitStart: pos, inArray: true)
            }
        }
        let index = stack[top].count
        let pointer = stack[top].pointer + "/\(index)"
        stack[top].count += 1
        guard isValueStart(c) else {
            return handleFailure(
                failure(at: pos, "unexpected \(describe(c)) where an array element should start", pointer: pointer),
                unitStart: pos, inArray: true)
        }
        if index == 0 { stack[top].indent = indentation(at: pos) }
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

    private func stepPage() {
        let top = stack.count - 1
        guard skipWhitespace() else { return endInsideContainer() }
        var c = window.byte(at: pos)
        if c == UInt8(ascii: "}") {
            pos += 1
            return closePage()
        }
        if stack[top].expectingSeparator {
            if c == UInt8(ascii: ",") {
                pos += 1
                stack[top].expectingSeparator = false
                guard skipWhitespace() else { return endInsideContainer() }
                c = window.byte(at: pos)
                if c == UInt8(ascii: "}") {
                    emit(.diagnostic(diagnostic(.lenientSyntax, "A trailing comma before '}' was ignored.", .note, at: pos, pointer: stack[top].pointer)))
                    pos += 1
                    return closePage()
                }
            } else if c == UInt8(ascii: "\"") {
                emit(.diagnostic(diagnostic(.lenientSyntax, "A missing comma between object members was assumed.", .note, at: pos, pointer: stack[top].pointer)))
                stack[top].expectingSeparator = false
            } else {
                return handleFailure(
                    failure(at: pos, "expected ',' or '}' after an object member but found \(describe(c))", pointer: stack[top].pointer),
                    unitStart: pos, inArray: false)
            }
        }
        // A member name.
        let keyStart = pos
        var key = ""
        while true {
            var after = 0
            let outcome = parser.parseMemberKey(
                window.storage, from: keyStart - window.base, end: window.count, atEnd: window.atEnd,
                pointer: stack[top].pointer, positionBase: window.base, after: &after)
            switch outcome {
            case .ok(let name):
                key = name
                pos = window.base + after
            case .needMore:
                if window.fill(keeping: keyStart, maxCapacity: maxWindow) == .tooLarge {
                    return handleFailure(
                        failure(at: keyStart, "a member name is larger than the value size limit", pointer: stack[top].pointer),
                        unitStart: keyStart, inArray: false)
                }
                continue
            case .failure(let f):
                return handleFailure(streamFailure(f), unitStart: keyStart, inArray: false)
            }
            break
        }
        guard skipWhitespace() else { return endInsideContainer() }
        let memberPointer = stack[top].pointer + "/" + escapePointerToken(key)
        if !stack[top].streamedValue, window.byte(at: pos) == UInt8(ascii: "["), asciiCaseInsensitiveEqual(key, "value") {
            stack[top].streamedValue = true
            let location = self.location(at: pos, pointer: memberPointer)
            stack.append(Container(isPage: false, location: location, pointer: memberPointer, depth: stack[top].depth + 1, start: pos))
            pos += 1
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

    private func closeArray() {
        let array = stack.removeLast()
        if let parent = stack.indices.last {
            stack[parent].expectingSeparator = true
            stack[parent].count = array.count
        } else {
            emitSuccess(.collectionEnd(JSONCollectionInfo(
                location: array.location, isPage: false, envelope: nil, elementCount: array.count, isComplete: true)))
            valueIndex += 1
        }
    }

    private func closePage() {
        let page = stack.removeLast()
        let object = JSONObject(page.members)
        if page.streamedValue {
            flushDelayed(envelope: object)
            for d in page.memberDiagnostics { emit(.diagnostic(d)) }
            var location = page.location
            location.odataContext = object["@odata.context"]?.stringValue
            emitSuccess(.collectionEnd(JSONCollectionInfo(
                location: location, isPage: true, envelope: object, elementCount: page.count, isComplete: true)))
        } else {
            let value = JSONValue.object(object)
            emitSuccess(.value(value, JSONValueInfo(
                location: withContext(page.location, value: value, envelope: nil), envelope: nil,
                diagnostics: page.memberDiagnostics, byteLength: pos - page.start, isCollectionElement: false)))
        }
        valueIndex += 1
    }

    /// The file ended inside a streamed container.
    private func endInsideContainer() {
        if let top = stack.last {
            let what = top.isPage ? "object" : "array"
            var message = "The file ends inside the \(what) that starts at line \(top.location.line)"
            if !top.isPage { message += " after \(top.count) element\(top.count == 1 ? "" : "s")" }
            message += "; it is incomplete."
            flushPendingError(target: "the end of the file", at: pos)
            emit(.diagnostic(diagnostic(.unexpectedEndOfFile, message, .error, at: pos, pointer: top.pointer)))
        }
        abandonContainers()
        finishAtEnd()
    }

    /// Leaves every open container (the file ended, or resynchronisation went to the top level).
    private func abandonContainers() {
        guard !stack.isEmpty else { return }
        flushPendingError(target: nil, at: nil)
        var elementCount = 0
        var arrayInfo: Container?
        while let container = stack.popLast() {
            if container.isPage {
                let object = JSONObject(container.members)
                if container.streamedValue {
                    flushDelayed(envelope: object)
                    for d in container.memberDiagnostics { emit(.diagnostic(d)) }
                    var location = container.location
                    location.odataContext = object["@odata.context"]?.stringValue
                    emit(.collectionEnd(JSONCollectionInfo(
                        location: location, isPage: true, envelope: object,
                        elementCount: arrayInfo?.count ?? container.count, isComplete: false)))
                } else {
                    for d in container.memberDiagnostics { emit(.diagnostic(d)) }
                }
            } else {
                elementCount = container.count
                arrayInfo = container
                if stack.isEmpty {
                    emit(.collectionEnd(JSONCollectionInfo(
                        location: container.location, isPage: false, envelope: nil, elementCount: elementCount, isComplete: false)))
                }
            }
        }
        flushDelayed(envelope: nil)
        valueIndex += 1
    }

    private func finishAtEnd() {
        flushPendingError(target: "the end of the file", at: pos)
        flushDelayed(envelope: nil)
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
        if !emittedSomething {
            emit(.diagnostic(GraphDiagnostic(
                code: .emptyFile, message: "The file holds no JSON value.", severity: .warning, byteOffset: window.fileOffset(pos))))
        }
        finished = true
    }

    // MARK: Look-ahead (several values? JSON Lines?)

    /// Looks past the first top-level value, within one buffer, to learn whether more values follow and
    /// whether the file is JSON Lines. Consumes nothing.
    private func lookAhead() {
        let start = pos
        let first = window.byte(at: start)
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return }
        var scan = ScanState()
        var next = start
        var valueEnd: Int?
        while valueEnd == nil {
            if next >= window.end {
                if window.end - start >= window.initialCapacity { return }
                guard window.fill(keeping: start, maxCapacity: window.capacity) == .more else { return }
                continue
            }
            let index = scanForValueEnd(window.storage, from: next - window.base, end: window.count, state: &scan)
            if let index { valueEnd = window.base + index } else { next = window.end }
        }
        guard let valueEnd else { return }
        let singleLine = !containsNewline(from: start, to: valueEnd)
        var k = valueEnd
        var sawNewline = false
        while true {
            // Within the buffer as it is: looking ahead never grows it.
            while k >= window.end {
                guard window.fill(keeping: start, maxCapacity: window.capacity) == .more else { return }
            }
            let c = window.byte(at: k)
            if c == 0x20 || c == 0x09 || c == 0x0D { k += 1; continue }
            if c == 0x0A { sawNewline = true; k += 1; continue }
            break
        }
        hasSeveralValues = true
        isJSONLines = singleLine && sawNewline
        // In JSON Lines a line break ends the record: a string still open there was cut.
        parser.lineBreaksEndStrings = isJSONLines
    }

    private func containsNewline(from: Int, to: Int) -> Bool {
        guard to > from else { return false }
        return memchr(window.storage + (from - window.base), 0x0A, to - from) != nil
    }

    private func topLevelPointer() -> String {
        guard !isJSONLines else { return "" }
        return (hasSeveralValues || valueIndex > 0) ? "/\(valueIndex)" : ""
    }

    // MARK: Units

    private enum UnitResult {
        case value(JSONValue, end: Int, diagnostics: [GraphDiagnostic])
        case failure(ParseFailure)
        case tooLarge
    }

    /// Parses one whole value starting at stream offset `start`, refilling (and if needed growing) the
    /// window until it is complete.
    private func parseUnit(at start: Int, baseDepth: Int, pointer: String) -> UnitResult {
        while true {
            let outcome = parser.parseValue(
                window.storage, from: start - window.base, end: window.count, atEnd: window.atEnd,
                baseDepth: baseDepth, pointer: pointer, positionBase: window.base)
            switch outcome {
            case .value(let value, let end):
                let endPosition = window.base + end
                let diagnostics = parser.diagnostics.map {
                    diagnostic($0.code, $0.message, $0.severity, at: $0.position, pointer: $0.pointer)
                }
                window.shrinkIfPossible(keeping: endPosition)
                return .value(value, end: endPosition, diagnostics: diagnostics)
            case .failure(let f):
                return .failure(streamFailure(f))
            case .needMore:
                if window.fill(keeping: start, maxCapacity: maxWindow) == .tooLarge { return .tooLarge }
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

    private func emit(_ event: JSONStreamEvent) {
        emittedSomething = true
        if delayed.isEmpty { output.append(event) } else { delayed.append(event) }
    }

    /// Emits a successfully read value, after the diagnostic of the invalid region before it.
    private func emitSuccess(_ event: JSONStreamEvent) {
        flushPendingError(target: nil, at: nil)
        emit(event)
    }

    private func emitElement(_ value: JSONValue, location: GraphLocation, diagnostics: [GraphDiagnostic], length: Int) {
        flushPendingError(target: nil, at: nil)
        let parentIndex = stack.count - 2
        guard parentIndex >= 0, stack[parentIndex].isPage else {
            emit(.value(value, JSONValueInfo(
                location: withContext(location, value: value, envelope: nil), envelope: nil,
                diagnostics: diagnostics, byteLength: length, isCollectionElement: true)))
            return
        }
        let envelope = JSONObject(stack[parentIndex].members)
        let info = JSONValueInfo(
            location: withContext(location, value: value, envelope: envelope), envelope: envelope,
            diagnostics: diagnostics, byteLength: length, isCollectionElement: true)
        if stack[parentIndex].hasContext {
            emit(.value(value, info))
        } else {
            // Hold elements back until the page's @odata.context is known (or the page ends).
            emittedSomething = true
            delayed.append(.value(value, info))
            delayedBytes += length
            if delayedBytes > window.initialCapacity { flushDelayed(envelope: envelope) }
        }
    }

    private func flushDelayed(envelope: JSONObject?) {
        guard !delayed.isEmpty else { return }
        for event in delayed {
            if case .value(let value, var info) = event, let envelope {
                info.envelope = envelope
                if info.location.odataContext == nil {
                    info.location.odataContext = envelope["@odata.context"]?.stringValue
                }
                output.append(.value(value, info))
            } else {
                output.append(event)
            }
        }
        delayed.removeAll()
        delayedBytes = 0
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
            valueIndex: valueIndex, jsonLine: isJSONLines ? line : nil)
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

    private func handleFailure(_ failure: ParseFailure, unitStart: Int, inArray: Bool, lostValue: Bool = true) {
        lostTopLevelValue = lostValue
        if failure.atEnd {
            flushPendingError(target: "the end of the file", at: failure.index)
            let (line, _) = window.lineAndColumn(at: unitStart)
            emit(.diagnostic(diagnostic(
                .unexpectedEndOfFile,
                "The file ends inside the value that starts at line \(line) (\(failure.reason)); that value is lost.",
                .error, at: unitStart, pointer: failure.pointer)))
            abandonContainers()
            finishAtEnd()
            return
        }
        if pendingError == nil {
            let d = diagnostic(.invalidJSON, "", .error, at: failure.index, pointer: failure.pointer)
            // What is lost: the element, or the whole top-level value being read.
            let lostFrom = (inArray && !isJSONLines)
                ? window.fileOffset(unitStart) : (stack.first?.location.byteOffset ?? window.fileOffset(unitStart))
            pendingError = PendingError(
                diagnostic: d, reason: failure.reason, skipFromFileOffset: lostFrom, skipToFileOffset: window.fileOffset(unitStart), target: "")
        }
        let from = Swift.max(failure.index, unitStart + 1)
        if isJSONLines {
            resyncToNextLine(from: from)
        } else if inArray {
            resyncToNextElement(from: from, depth: failure.depth)
        } else {
            resyncToTopLevel(from: from)
        }
    }

    /// Finishes the diagnostic of an invalid region: it ends where reading resumed (`at`, or the
    /// recorded resume point) and says where the reader went.
    private func flushPendingError(target: String?, at position: Int?) {
        guard var pending = pendingError else { return }
        pendingError = nil
        if let target { pending.target = target }
        if let position { pending.skipToFileOffset = Swift.max(pending.skipToFileOffset, window.fileOffset(position)) }
        let skipped = Swift.max(0, pending.skipToFileOffset - pending.skipFromFileOffset)
        var d = pending.diagnostic
        let place = d.line.map { "line \($0), column \(d.column ?? 0)" } ?? "byte \(d.byteOffset ?? 0)"
        d.message = "Invalid JSON at \(place): \(pending.reason); \(skipped) byte\(skipped == 1 ? " was" : "s were") skipped up to \(pending.target)."
        emit(.diagnostic(d))
    }

    private func noteResume(at position: Int, target: String) {
        pendingError?.skipToFileOffset = window.fileOffset(position)
        pendingError?.target = target
    }

    /// After a failure outside a streamed array: leave the open containers, or count the lost value.
    private func leaveAfterFailure() {
        if !stack.isEmpty {
            abandonContainers()
        } else if lostTopLevelValue {
            valueIndex += 1
        }
    }

    /// JSON Lines: resume after the next line break.
    private func resyncToNextLine(from: Int) {
        var k = from
        while true {
            guard available(k, keep: k) else {
                noteResume(at: k, target: "the end of the file")
                leaveAfterFailure()
                pos = k
                return
            }
            let index = k - window.base
            if let hit = memchr(window.storage + index, 0x0A, window.count - index) {
                k = window.base + (hit.assumingMemoryBound(to: UInt8.self) - window.storage) + 1
                break
            }
            k = window.end
        }
        let (line, _) = window.lineAndColumn(at: k)
        noteResume(at: k, target: "the next line (line \(line))")
        leaveAfterFailure()
        pos = k
    }

    /// Resume at the next line that starts with `{` or `[` in column 1.
    private func resyncToTopLevel(from: Int) {
        var k = from
        while true {
            guard available(k, keep: k) else {
                noteResume(at: k, target: "the end of the file")
                leaveAfterFailure()
                pos = k
                return
            }
            let index = k - window.base
            guard let hit = memchr(window.storage + index, 0x0A, window.count - index) else {
                k = window.end
                continue
            }
            k = window.base + (hit.assumingMemoryBound(to: UInt8.self) - window.storage) + 1
            guard available(k, keep: k) else { continue }
            let c = window.byte(at: k)
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { break }
        }
        let (line, _) = window.lineAndColumn(at: k)
        noteResume(at: k, target: "the next top-level value (line \(line))")
        leaveAfterFailure()
        pos = k
    }

    /// Inside a streamed array: resume at the next element (see the type's documentation).
    private func resyncToNextElement(from: Int, depth startDepth: Int) {
        let top = stack.count - 1
        let indent = stack[top].indent
        var depth = startDepth
        var inString = false
        var k = from
        while true {
            guard available(k, keep: k) else {
                noteResume(at: k, target: "the end of the file")
                pos = k
                return  // the array step reports the end of the file
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
                if depth == 0 {
                    stack[top].expectingSeparator = false
                    noteResume(at: k, target: "the next array element")
                    pos = k
                    return
                }
                depth += 1
            case UInt8(ascii: "}"):
                if depth > 0 { depth -= 1 }
            case UInt8(ascii: "]"):
                if depth == 0 {
                    stack[top].expectingSeparator = false
                    noteResume(at: k, target: "the end of the array")
                    pos = k
                    return
                }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    stack[top].expectingSeparator = false
                    noteResume(at: k + 1, target: "the next array element")
                    pos = k + 1
                    return
                }
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
                            stack[top].expectingSeparator = false
                            noteResume(at: j, target: "the next array element")
                            pos = j
                            return
                        }
                        if spaces == 0 {
                            let (line, _) = window.lineAndColumn(at: j)
                            noteResume(at: j, target: "the next top-level value (line \(line))")
                            abandonContainers()
                            pos = j
                            return
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
        flushPendingError(target: nil, at: nil)
        emit(.diagnostic(diagnostic(
            .valueTooLarge,
            "A value larger than the limit of \(options.maxValueBytes) bytes was skipped.",
            .error, at: start, pointer: pointer)))
        var depth = 0
        var inString = false
        var k = start
        let first = window.byte(at: start)
        let scalar = !(first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\""))
        while true {
            guard available(k, keep: k) else {
                pos = k
                window.shrinkIfPossible(keeping: k)
                return
            }
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

    /// Skips white space from `pos`; `false` at the end of the text.
    private func skipWhitespace() -> Bool {
        while true {
            guard available(pos, keep: pos) else { return false }
            let index = pos - window.base
            let j = GraphExport.skipWhitespace(window.storage, index, window.count)
            pos = window.base + j
            if j < window.count { return true }
        }
    }

    /// Columns of white space before `position` on its line, when only white space precedes it.
    private func indentation(at position: Int) -> Int? {
        var k = position
        var count = 0
        while k > window.base {
            let c = window.byte(at: k - 1)
            if c == 0x0A { return count }
            if c != 0x20 && c != 0x09 { return nil }
            count += 1
            k -= 1
        }
        if k == 0 { return count }
        // The line starts before the window: blank there too if only blanks were dropped.
        return window.baseLineBlank ? count + (window.base - window.baseLineStart) : nil
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

/// State of a structural scan that can continue in the next buffer.
struct ScanState {
    var depth = 0
    var inString = false
    var escaped = false
}

/// Scans for the end of the container that starts the scan (string-aware). Returns the buffer index
/// just after it, or `nil` when `end` came first (the state continues in the next buffer).
func scanForValueEnd(_ p: UnsafePointer<UInt8>, from: Int, end: Int, state: inout ScanState) -> Int? {
    var i = from
    while i < end {
        if state.inString {
            if state.escaped {
                state.escaped = false
                i += 1
                continue
            }
            let j = findQuoteOrBackslash(p, i, end)
            if j >= end { return nil }
            if p[j] == UInt8(ascii: "\\") {
                state.escaped = true
                i = j + 1
                continue
            }
            state.inString = false
            i = j + 1
            continue
        }
        switch p[i] {
        case UInt8(ascii: "\""): state.inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): state.depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            state.depth -= 1
            if state.depth <= 0 { return i + 1 }
        default: break
        }
        i += 1
    }
    return nil
}
