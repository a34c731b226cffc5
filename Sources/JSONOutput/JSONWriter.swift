/// A small, fast JSON emitter that appends UTF-8 bytes to a buffer. Keys are written in the order
/// given, so output is deterministic.
///
/// Compact by default; ``init(capacity:prettyDepth:scalarArraysOnOneLine:)`` lays its output out for
/// people as it writes it, the one pretty layout of every JSON document Dragnet writes (reports, plans,
/// diffs): two-space indentation, one key per line, arrays that hold no object or array on one line
/// (`["a", "b"]`), empty containers as `{}` and `[]`.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// The innermost open container (the top level while none is open), kept apart from `outer` so
    /// that every value's separator reads and updates it in place.
    private var top = Frame(layout: .object, start: 0)
    /// The open containers around `top`, the top level first: their count is `top`'s depth.
    private var outer: [Frame] = []
    private var pendingKey = false
    /// Indentation depth of the top level when pretty; nil when compact.
    private let prettyDepth: Int?
    private let scalarArraysOnOneLine: Bool

    private enum Layout { case object, undecidedArray, inlineArray, blockArray }
    private struct Frame {
        var layout: Layout
        /// Offset of the opening bracket.
        var start: Int
        var hasElements = false
    }

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
        prettyDepth = nil
        scalarArraysOnOneLine = true
    }

    /// A writer laying its output out for people, every line after the first indented `prettyDepth`
    /// levels more (for a value nested in a document rendered apart). `scalarArraysOnOneLine: false`
    /// puts every array element on a line of its own.
    public init(capacity: Int = 1024, prettyDepth: Int, scalarArraysOnOneLine: Bool = true) {
        bytes.reserveCapacity(capacity)
        self.prettyDepth = prettyDepth
        self.scalarArraysOnOneLine = scalarArraysOnOneLine
    }

    /// Writes the comma (and, when pretty, the line break) before a value unless it follows a key.
    private mutating func separator(container: Bool = false) {
        if pendingKey { pendingKey = false; return }
        let depth = outer.count
        guard let base = prettyDepth, depth > 0 else {
            if top.hasElements { bytes.append(0x2C) }
            top.hasElements = true
            return
        }
        switch top.layout {
        case .object, .blockArray:
            if top.hasElements { bytes.append(0x2C) }
            newline(depth: base + depth)
        case .undecidedArray:
            // An array's first element decides: one line while it holds scalars only.
            if container || !scalarArraysOnOneLine {
                top.layout = .blockArray
                newline(depth: base + depth)
            } else {
                top.layout = .inlineArray
            }
        case .inlineArray:
            if container {
                relayOutAsBlock(depth: base + depth)
                bytes.append(0x2C)
                newline(depth: base + depth)
            } else {
                bytes.append(0x2C)
                bytes.append(0x20)
            }
        }
        top.hasElements = true
    }

    /// A line break and `depth` levels of indentation, copied from a constant line of spaces (the
    /// generic `repeatElement` append cost more than the rest of writing a key).
    @inline(__always)
    private mutating func newline(depth: Int) {
        let count = 1 + depth * 2
        Self.indentedLineBreak.withUTF8Buffer { line in
            if count <= line.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<count]))
            } else {
                bytes.append(contentsOf: line)
                bytes.append(contentsOf: repeatElement(0x20, count: count - line.count))
            }
        }
    }

    /// A line break and 32 levels of indentation.
    private static var indentedLineBreak: StaticString {
        "\n                                                                "
    }

    /// An array written on one line that turns out to hold a container: its scalars so far put one
    /// per line (a rare, mixed array).
    private mutating func relayOutAsBlock(depth: Int) {
        let from = top.start + 1
        let written = Array(bytes[from...])
        bytes.removeSubrange(from...)
        newline(depth: depth)
        var i = 0
        while i < written.count {
            let c = written[i]
            if c == 0x22 {
                var j = i + 1
                while j < written.count && written[j] != 0x22 { j += written[j] == 0x5C ? 2 : 1 }
                bytes.append(contentsOf: written[i...min(j, written.count - 1)])
                i = j + 1
            } else if c == 0x2C {
                bytes.append(0x2C)
                newline(depth: depth)
                i += 2  // the space after the comma
            } else {
                bytes.append(c)
                i += 1
            }
        }
        top.layout = .blockArray
    }

    private mutating func open(_ bracket: UInt8, _ layout: Layout) {
        separator(container: true)
        outer.append(top)
        top = Frame(layout: layout, start: bytes.count)
        bytes.append(bracket)
    }

    private mutating func close(_ bracket: UInt8) {
        let frame = top
        top = outer.removeLast()
        if let base = prettyDepth, frame.hasElements, frame.layout != .inlineArray {
            newline(depth: base + outer.count)
        }
        bytes.append(bracket)
    }

    public mutating func beginObject() { open(0x7B, .object) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B, .undecidedArray) }
    public mutating func endArray() { close(0x5D) }

    /// Writes `"key":` inside an object; the next value call supplies the value.
    public mutating func key(_ key: String) {
        separator()
        appendString(key)
        bytes.append(0x3A)
        if prettyDepth != nil { bytes.append(0x20) }
        pendingKey = true
    }

    /// ``key(_:)`` for a constant key that needs no escaping (no control character, quote, backslash
    /// or DEL): its bytes are copied as they are, without the escape scan.
    public mutating func key(ascii key: StaticString) {
        separator()
        key.withUTF8Buffer { name in
            assert(!name.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }, "a key that needs escaping")
            bytes.append(0x22)
            bytes.append(contentsOf: name)
        }
        appendASCII(prettyDepth != nil ? "\": " : "\":")
        pendingKey = true
    }

    public mutating func string(_ value: String?) {
        separator()
        guard let value else { appendASCII("null"); return }
        appendString(value)
    }

    /// Writes a string whose bytes `write` appends, the caller guaranteeing that none needs escaping
    /// (a formatted date, say): written in place, without a `String` or the escape scan.
    public mutating func string(unescaped write: (inout [UInt8]) -> Void) {
        separator()
        bytes.append(0x22)
        write(&bytes)
        bytes.append(0x22)
    }

    /// Writes a number already formatted as JSON (`1.250`); the caller guarantees the syntax.
    public mutating func number(raw text: String) { separator(); bytes.append(contentsOf: text.utf8) }

    public mutating func int(_ value: Int) { separator(); appendDecimal(value) }
    public mutating func bool(_ value: Bool) { separator(); appendASCII(value ? "true" : "false") }
    public mutating func null() { separator(); appendASCII("null") }

    /// `"key": value` shorthands.
    public mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    public mutating func field(ascii name: StaticString, _ value: String?) { key(ascii: name); string(value) }
    public mutating func field(ascii name: StaticString, _ value: Int) { key(ascii: name); int(value) }

    @inline(__always)
    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// The decimal digits of `value` (as `String(value)` writes them), without making a `String`.
    private mutating func appendDecimal(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: magnitude / divisor % 10))
            divisor /= 10
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends a JSON string: quotes, backslashes and control characters escaped; everything else
    /// written as UTF-8 (lone surrogates cannot occur in a Swift String).
    private mutating func appendString(_ s: String) {
        // Native strings (all but bridged ones) lend their UTF-8 without a copy of the string.
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) != nil { return }
        var s = s
        s.withUTF8 { appendEscaped($0) }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var runStart = 0
        var i = 0
        let n = utf8.count
        while i < n {
            // Eight bytes at a time while none needs escaping (no control, quote, backslash or DEL).
            while i + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self))
                if Self.needsEscape(word) { break }
                i += 8
            }
            if i >= n { break }
            let c = utf8[i]
            if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x7F {
                i += 1
                continue
            }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            switch c {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            default:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(c >> 4)], Self.hex[Int(c & 0xF)]])
            }
            i += 1
            runStart = i
        }
        if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        bytes.append(0x22)
    }

    /// Whether any byte of `word` is below 0x20, a quote, a backslash or DEL.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || hasZero(word ^ (ones &* 0x7F))
    }

    /// Appends a line break (for JSON Lines).
    /// A line break ends a top-level value, so the next one starts a new JSON Lines record (no comma).
    public mutating func newline() {
        bytes.append(0x0A)
        if outer.isEmpty { top.hasElements = false }
    }
}
