import MailModel
/// A diagnostic found while parsing one value, before its line and column are known.
struct PendingDiagnostic {
    var code: GraphDiagnostic.Code
    var message: String
    var severity: GraphDiagnostic.Severity
    /// Stream offset.
    var position: Int
    var pointer: String
}

/// Why a value could not be parsed.
struct ParseFailure {
    /// Buffer index of the offending byte.
    var index: Int
    /// What was wrong, as a sentence fragment ("expected ',' or '}' after an object member").
    var reason: String
    /// Containers open inside the value at the failure (for resynchronisation).
    var depth: Int
    /// The failure is the end of the text inside the value.
    var atEnd: Bool
    /// JSON pointer at the failure.
    var pointer: String
}

enum ParseOutcome {
    /// A complete value; `end` is the buffer index just after it.
    case value(JSONValue, end: Int)
    /// The buffer ended inside the value and more text may follow: refill and parse again.
    case needMore
    case failure(ParseFailure)
}

/// Parses one complete JSON value out of a contiguous buffer, iteratively (an explicit stack, no
/// recursion), byte by byte.
///
/// The parser never reads past `end`. When the value is not complete before `end` and more text may
/// follow, it answers `.needMore` and the caller refills the window and parses the value again from
/// its start (the partial tree is discarded); a window that doubles when needed keeps that linear.
struct ValueParser {
    var maxDepth: Int
    var lenientControlCharacters: Bool
    /// JSON Lines: a raw line break inside a string is the end of a cut record, never kept.
    var lineBreaksEndStrings = false

    private var frames: [Frame] = []
    private var scratch: [UInt8] = []
    /// Diagnostics of the value being parsed (valid after `.value`).
    private(set) var diagnostics: [PendingDiagnostic] = []
    private var reportedControl = false
    private var reportedUTF8 = false
    private var reportedEscape = false
    private var pointerBase = ""
    private var positionBase = 0

    private struct Frame {
        var isObject: Bool
        var members: [JSONMember] = []
        var elements: [JSONValue] = []
        var key: String = ""
    }

    init(maxDepth: Int, lenientControlCharacters: Bool) {
        self.maxDepth = maxDepth
        self.lenientControlCharacters = lenientControlCharacters
    }

    // MARK: Entry points

    /// Parses the value starting at buffer index `start` (white space before it is skipped).
    ///
    /// - Parameters:
    ///   - baseDepth: containers already open around the value (for the nesting limit).
    ///   - pointer: JSON pointer of the value, for diagnostics.
    ///   - positionBase: stream offset of buffer index 0.
    mutating func parseValue(
        _ p: UnsafePointer<UInt8>, from start: Int, end: Int, atEnd: Bool, baseDepth: Int, pointer: String,
        positionBase: Int
    ) -> ParseOutcome {
        reset(pointer: pointer, positionBase: positionBase)
        var i = start
        var value = JSONValue.null

        outer: while true {
            // A value starts at `i`.
            i = skipWhitespace(p, i, end)
            guard i < end else {
                return atEnd ? .failure(failure(i, "the text ends where a value should start", atEnd: true)) : .needMore
            }
            let c = p[i]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = c == UInt8(ascii: "{")
                if baseDepth + frames.count + 1 > maxDepth {
                    report(
                        .nestingTooDeep,
                        "Nesting deeper than \(maxDepth) levels; the deeper \(isObject ? "object" : "array") was read as null.",
                        .warning, at: i)
                    guard let after = skipContainer(p, i, end) else {
                        return atEnd
                            ? .failure(failure(i, "the text ends inside a value", atEnd: true)) : .needMore
                    }
                    i = after
                    value = .null
                    break
                }
                i = skipWhitespace(p, i + 1, end)
                guard i < end else { return needMoreOrEnd(i, atEnd) }
                if isObject {
                    if p[i] == UInt8(ascii: "}") {
                        i += 1
                        value = .object(JSONObject())
                        break
                    }
                    frames.append(Frame(isObject: true))
                    switch parseKey(p, &i, end, atEnd) {
                    case .ok(let key): frames[frames.count - 1].key = key
                    case .needMore: return .needMore
                    case .failure(let f): return .failure(f)
                    }
                    continue outer
                } else {
                    if p[i] == UInt8(ascii: "]") {
                        i += 1
                        value = .array([])
                        break
                    }
                    frames.append(Frame(isObject: false))
                    continue outer
                }
            case UInt8(ascii: "\""):
                switch parseString(p, &i, end, atEnd) {
                case .ok(let s): value = .string(s)
                case .needMore: return .needMore
                case .failure(let f): return .failure(f)
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"):
                switch parseNumber(p, &i, end, atEnd) {
                case .ok(let n): value = .number(n)
                case .needMore: return .needMore
                case .failure(let f): return .failure(f)
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                switch parseLiteral(p, &i, end, atEnd) {
                case .ok(let v): value = v
                case .needMore: return .needMore
                case .failure(let f): return .failure(f)
                }
            default:
                return .failure(failure(i, "unexpected \(describe(c)) where a value should start", atEnd: false))
            }

            // Attach `value` to the open containers, closing those that end here.
            while true {
                guard !frames.isEmpty else { return .value(value, end: i) }
                let top = frames.count - 1
                let isObject = frames[top].isObject
                if isObject {
                    frames[top].members.append(JSONMember(key: frames[top].key, value: value))
                } else {
                    frames[top].elements.append(value)
                }
                i = skipWhitespace(p, i, end)
                guard i < end else { return needMoreOrEnd(i, atEnd) }
                let c = p[i]
                if c == UInt8(ascii: ",") {
                    i = skipWhitespace(p, i + 1, end)
                    guard i < end else { return needMoreOrEnd(i, atEnd) }
                    let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if p[i] == close {
                        report(.lenientSyntax, "A trailing comma before '\(Character(Unicode.Scalar(close)))' was ignored.", .note, at: i)
                        i += 1
                        let frame = frames.removeLast()
                        value = isObject ? .object(JSONObject(frame.members)) : .array(frame.elements)
                        continue
                    }
                    if isObject {
                        switch parseKey(p, &i, end, atEnd) {
                        case .ok(let key): frames[top].key = key
                        case .needMore: return .needMore
                        case .failure(let f): return .failure(f)
                        }
                    }
                    continue outer
                } else if isObject && c == UInt8(ascii: "}") {
                    i += 1
                    value = .object(JSONObject(frames.removeLast().members))
                } else if !isObject && c == UInt8(ascii: "]") {
                    i += 1
                    value = .array(frames.removeLast().elements)
                } else {
                    let what = isObject ? "expected ',' or '}' after an object member" : "expected ',' or ']' after an array element"
                    return .failure(failure(i, "\(what) but found \(describe(c))", atEnd: false))
                }
            }
        }
    }

    enum KeyOutcome {
        case ok(String)
        case needMore
        case failure(ParseFailure)
    }

    /// Parses `"key" :` at buffer index `start` (white space before and after is skipped); on success
    /// `end` is the index just after the colon.
    mutating func parseMemberKey(
        _ p: UnsafePointer<UInt8>, from start: Int, end: Int, atEnd: Bool, pointer: String, positionBase: Int,
        after: inout Int
    ) -> KeyOutcome {
        reset(pointer: pointer, positionBase: positionBase)
        var i = skipWhitespace(p, start, end)
        let outcome = parseKey(p, &i, end, atEnd)
        if case .ok = outcome { after = i }
        return outcome
    }

    // MARK: Pieces

    private mutating func reset(pointer: String, positionBase: Int) {
        frames.removeAll(keepingCapacity: true)
        diagnostics.removeAll(keepingCapacity: true)
        reportedControl = false
        reportedUTF8 = false
        reportedEscape = false
        pointerBase = pointer
        self.positionBase = positionBase
    }

    private func needMoreOrEnd(_ i: Int, _ atEnd: Bool) -> ParseOutcome {
        atEnd ? .failure(failure(i, "the text ends inside \(frames.last?.isObject == true ? "an object" : "an array")", atEnd: true)) : .needMore
    }

    /// The JSON pointer of the place being parsed.
    private func currentPointer() -> String {
        var pointer = pointerBase
        for frame in frames {
            if frame.isObject {
                pointer += "/" + escapePointerToken(frame.key)
            } else {
                pointer += "/\(frame.elements.count)"
            }
        }
        return pointer
    }

    private func failure(_ index: Int, _ reason: String, atEnd: Bool) -> ParseFailure {
        ParseFailure(index: index, reason: reason, depth: frames.count, atEnd: atEnd, pointer: currentPointer())
    }

    private mutating func report(
        _ code: GraphDiagnostic.Code, _ message: String, _ severity: GraphDiagnostic.Severity, at index: Int
    ) {
        diagnostics.append(
            PendingDiagnostic(
                code: code, message: message, severity: severity, position: positionBase + index,
                pointer: currentPointer()))
    }

    private mutating func parseKey(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ atEnd: Bool) -> KeyOutcome {
        i = skipWhitespace(p, i, end)
        guard i < end else {
            return atEnd ? .failure(failure(i, "the text ends inside an object", atEnd: true)) : .needMore
        }
        guard p[i] == UInt8(ascii: "\"") else {
            return .failure(failure(i, "expected a quoted member name but found \(describe(p[i]))", atEnd: false))
        }
        let key: String
        switch parseString(p, &i, end, atEnd) {
        case .ok(let s): key = s
        case .needMore: return .needMore
        case .failure(let f): return .failure(f)
        }
        i = skipWhitespace(p, i, end)
        guard i < end else {
            return atEnd ? .failure(failure(i, "the text ends inside an object", atEnd: true)) : .needMore
        }
        guard p[i] == UInt8(ascii: ":") else {
            return .failure(failure(i, "expected ':' after the member name but found \(describe(p[i]))", atEnd: false))
        }
        i += 1
        return .ok(key)
    }

    private enum Piece<T> {
        case ok(T)
        case needMore
        case failure(ParseFailure)
    }

    private mutating func makeString(_ start: UnsafePointer<UInt8>, _ count: Int, at index: Int) -> String {
        let buffer = UnsafeBufferPointer(start: start, count: count)
        if isASCII(start, count) { return String(decoding: buffer, as: UTF8.self) }
        if let s = String(validating: buffer, as: UTF8.self) { return s }
        if !reportedUTF8 {
            reportedUTF8 = true
            report(.invalidUTF8, "A string holds bytes that are not valid UTF-8; they were replaced with U+FFFD.", .warning, at: index)
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    private mutating func parseString(
        _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ atEnd: Bool
    ) -> Piece<String> {
        let open = i
        var j = findStringSpecial(p, i + 1, end)
        guard j < end else { return unterminated(open, atEnd) }
        if p[j] == UInt8(ascii: "\"") {
            let s = makeString(p + open + 1, j - open - 1, at: open)
            i = j + 1
            return .ok(s)
        }
        // Slow path: escapes or raw control characters.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + open + 1, count: j - open - 1))
        while true {
            guard j < end else { return unterminated(open, atEnd) }
            let c = p[j]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                guard j + 1 < end else { return unterminated(open, atEnd) }
                let e = p[j + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e); j += 2
                case UInt8(ascii: "b"): scratch.append(0x08); j += 2
                case UInt8(ascii: "f"): scratch.append(0x0C); j += 2
                case UInt8(ascii: "n"): scratch.append(0x0A); j += 2
                case UInt8(ascii: "r"): scratch.append(0x0D); j += 2
                case UInt8(ascii: "t"): scratch.append(0x09); j += 2
                case UInt8(ascii: "u"):
                    guard j + 6 <= end else { return unterminated(open, atEnd) }
                    guard let unit = hex4(p + j + 2) else {
                        noteInvalidEscape(at: j)
                        scratch.append(UInt8(ascii: "\\"))
                        scratch.append(e)
                        j += 2
                        break
                    }
                    var scalar = unit
                    var length = 6
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        // A high surrogate: pair it with the following \uDC00-\uDFFF when present.
                        if j + 12 > end && !atEnd && (j + 6 >= end || p[j + 6] == UInt8(ascii: "\\")) {
                            return .needMore
                        }
                        if j + 12 <= end, p[j + 6] == UInt8(ascii: "\\"), p[j + 7] == UInt8(ascii: "u"),
                            let low = hex4(p + j + 8), low >= 0xDC00, low <= 0xDFFF
                        {
                            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            length = 12
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if unit >= 0xDC00 && unit <= 0xDFFF {
                        scalar = 0xFFFD
                    }
                    appendUTF8(scalar)
                    j += length
                default:
                    noteInvalidEscape(at: j)
                    scratch.append(UInt8(ascii: "\\"))
                    j += 1
                }
                continue
            }
            if c < 0x20 {
                if !lenientControlCharacters || (lineBreaksEndStrings && (c == 0x0A || c == 0x0D)) {
                    return .failure(failure(j, "raw control character 0x\(hex2(c)) inside a string", atEnd: false))
                }
                if !reportedControl {
                    reportedControl = true
                    report(
                        .controlCharacter,
                        "A string holds a raw control character (0x\(hex2(c))) that JSON requires to be escaped; it was kept as it is.",
                        .note, at: j)
                }
                scratch.append(c)
                j += 1
                continue
            }
            let next = findStringSpecial(p, j, end)
            scratch.append(contentsOf: UnsafeBufferPointer(start: p + j, count: next - j))
            j = next
        }
        let s = scratch.withUnsafeBufferPointer { makeString($0.baseAddress!, $0.count, at: open) }
        i = j + 1
        return .ok(s)
    }

    private mutating func noteInvalidEscape(at j: Int) {
        if !reportedEscape {
            reportedEscape = true
            report(.invalidEscape, "A string holds an invalid backslash escape; it was kept literally.", .note, at: j)
        }
    }

    private func unterminated<T>(_ open: Int, _ atEnd: Bool) -> Piece<T> {
        atEnd ? .failure(failure(open, "the text ends inside a string", atEnd: true)) : .needMore
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    private mutating func parseNumber(
        _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ atEnd: Bool
    ) -> Piece<JSONNumber> {
        let start = i
        var j = i
        @inline(__always) func digits(_ j: inout Int) -> Int {
            let from = j
            while j < end, p[j] &- UInt8(ascii: "0") < 10 { j += 1 }
            return j - from
        }
        if p[j] == UInt8(ascii: "-") { j += 1 }
        guard j < end else { return atEnd ? .failure(failure(start, "a lone '-' is not a number", atEnd: false)) : .needMore }
        if p[j] == UInt8(ascii: "N") || p[j] == UInt8(ascii: "I") {
            let word: [UInt8] = p[j] == UInt8(ascii: "N") ? Array("NaN".utf8) : Array("Infinity".utf8)
            var k = 0
            while k < word.count, j + k < end, p[j + k] == word[k] { k += 1 }
            if k < word.count {
                if j + k >= end && !atEnd { return .needMore }
                return .failure(failure(start, "invalid literal", atEnd: false))
            }
            j += word.count
        } else {
            if digits(&j) == 0 {
                if j >= end && !atEnd { return .needMore }
                return .failure(failure(start, "invalid number", atEnd: false))
            }
            if j < end, p[j] == UInt8(ascii: ".") {
                j += 1
                if digits(&j) == 0 {
                    if j >= end && !atEnd { return .needMore }
                    return .failure(failure(start, "invalid number (no digit after the decimal point)", atEnd: false))
                }
            }
            if j < end, p[j] | 0x20 == UInt8(ascii: "e") {
                j += 1
                if j < end, p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-") { j += 1 }
                if digits(&j) == 0 {
                    if j >= end && !atEnd { return .needMore }
                    return .failure(failure(start, "invalid number (no digit in the exponent)", atEnd: false))
                }
            }
        }
        // The number may go on in the next read.
        if j >= end && !atEnd { return .needMore }
        i = j
        return .ok(JSONNumber(text: String(decoding: UnsafeBufferPointer(start: p + start, count: j - start), as: UTF8.self)))
    }

    private mutating func parseLiteral(
        _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ atEnd: Bool
    ) -> Piece<JSONValue> {
        let (word, value): (StaticString, JSONValue)
        switch p[i] {
        case UInt8(ascii: "t"): (word, value) = ("true", .bool(true))
        case UInt8(ascii: "f"): (word, value) = ("false", .bool(false))
        default: (word, value) = ("null", .null)
        }
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        var k = 0
        while k < n, i + k < end, p[i + k] == w[k] { k += 1 }
        if k < n {
            if i + k >= end && !atEnd { return .needMore }
            return .failure(failure(i, "invalid literal (expected '\(word)')", atEnd: false))
        }
        i += n
        return .ok(value)
    }
}

// MARK: Byte helpers

@inline(__always)
func skipWhitespace(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
    var i = from
    while i < end {
        let c = p[i]
        if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
    }
    return i
}

/// Index of the first `"`, `\` or byte < 0x20 in `[from, end)`, or `end`. Eight bytes at a time.
@inline(__always)
func findStringSpecial(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
    findByte(p, from, end, stopAtControl: true)
}

/// Index of the first `"` or `\` in `[from, end)`, or `end`.
@inline(__always)
func findQuoteOrBackslash(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
    findByte(p, from, end, stopAtControl: false)
}

/// The first `"` or `\` (and, with `stopAtControl`, byte < 0x20) in `[from, end)`, eight bytes at a
/// time while none is there.
@inline(__always)
private func findByte(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, stopAtControl: Bool) -> Int {
    var i = from
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let raw = UnsafeRawPointer(p)
    while i + 8 <= end {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        var found = (q &- ones) & ~q | (b &- ones) & ~b
        if stopAtControl { found |= (w &- ones &* 0x20) & ~w }
        if found & highs != 0 { break }
        i += 8
    }
    while i < end {
        let c = p[i]
        if c == 0x22 || c == 0x5C || (stopAtControl && c < 0x20) { return i }
        i += 1
    }
    return end
}

/// Whether the bytes are all ASCII (eight at a time).
@inline(__always)
func isASCII(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    var acc: UInt64 = 0
    let raw = UnsafeRawPointer(p)
    while i + 8 <= count {
        acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        i += 8
    }
    var tail: UInt8 = 0
    while i < count {
        tail |= p[i]
        i += 1
    }
    return acc & 0x8080_8080_8080_8080 == 0 && tail & 0x80 == 0
}

/// Skips a whole object or array starting at `i` (string-aware); the index after it, or `nil` when
/// it does not end before `end`.
func skipContainer(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
    var depth = 0
    var j = i
    while j < end {
        let c = p[j]
        switch c {
        case UInt8(ascii: "\""):
            var k = j + 1
            while true {
                k = findQuoteOrBackslash(p, k, end)
                if k >= end { return nil }
                if p[k] == UInt8(ascii: "\\") { k += 2; continue }
                break
            }
            j = k + 1
            continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth <= 0 { return j + 1 }
        default:
            break
        }
        j += 1
    }
    return nil
}

@inline(__always)
private func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - UInt8(ascii: "A") + 10)
    default: nil
    }
}

@inline(__always)
private func hex4(_ p: UnsafePointer<UInt8>) -> UInt32? {
    guard let a = hexValue(p[0]), let b = hexValue(p[1]), let c = hexValue(p[2]), let d = hexValue(p[3]) else { return nil }
    return a << 12 | b << 8 | c << 4 | d
}

func hex2(_ c: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return String(decoding: [digits[Int(c >> 4)], digits[Int(c & 0xF)]], as: UTF8.self)
}

/// A byte described for a message: `'x'`, or `byte 0x00` for non-printable ones.
func describe(_ c: UInt8) -> String {
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    return "byte 0x\(hex2(c))"
}

/// Escapes a member name as a JSON pointer token (RFC 6901: `~` → `~0`, `/` → `~1`).
func escapePointerToken(_ key: String) -> String {
    guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
    return key.replacing("~", with: "~0").replacing("/", with: "~1")
}
