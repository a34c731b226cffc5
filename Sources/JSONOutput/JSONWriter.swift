/// A small, fast JSON emitter that appends UTF-8 bytes to a buffer. Keys are written in the order
/// given, so output is deterministic.
///
/// Compact by default; ``init(capacity:prettyDepth:scalarArraysOnOneLine:)`` lays its output out for
/// people as it writes it, the one pretty layout of every JSON document Dragnet writes (reports, plans,
/// diffs): two-space indentation, one key per line, arrays that hold no object or array on one line
/// (`["a", "b"]`), empty containers as `{}` and `[]`.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One frame per open container, the top level first.
    private var frames: [Frame] = [Frame(layout: .object, start: 0)]
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
        let top = frames.count - 1
        guard let base = prettyDepth, top > 0 else {
            if frames[top].hasElements { bytes.append(0x2C) }
            frames[top].hasElements = true
            return
        }
        switch frames[top].layout {
        case .object, .blockArray:
            if frames[top].hasElements { bytes.append(0x2C) }
            newline(depth: base + top)
        case .undecidedArray:
            // An array's first element decides: one line while it holds scalars only.
            if container || !scalarArraysOnOneLine {
                frames[top].layout = .blockArray
                newline(depth: base + top)
            } else {
                frames[top].layout = .inlineArray
            }
        case .inlineArray:
            if container {
                relayOutAsBlock(top, depth: base + top)
                bytes.append(0x2C)
                newline(depth: base + top)
            } else {
                bytes.append(0x2C)
                bytes.append(0x20)
            }
        }
        frames[top].hasElements = true
    }

    @inline(__always)
    private mutating func newline(depth: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    /// An array written on one line that turns out to hold a container: its scalars so far put one
    /// per line (a rare, mixed array).
    private mutating func relayOutAsBlock(_ frame: Int, depth: Int) {
        let from = frames[frame].start + 1
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
        frames[frame].layout = .blockArray
    }

    private mutating func open(_ bracket: UInt8, _ layout: Layout) {
        separator(container: true)
        frames.append(Frame(layout: layout, start: bytes.count))
        bytes.append(bracket)
    }

    private mutating func close(_ bracket: UInt8) {
        let frame = frames.removeLast()
        if let base = prettyDepth, frame.hasElements, frame.layout != .inlineArray {
            newline(depth: base + frames.count - 1)
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

    public mutating func string(_ value: String?) {
        separator()
        guard let value else { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]); return }
        appendString(value)
    }
    /// Writes a number already formatted as JSON (`1.250`); the caller guarantees the syntax.
    public mutating func number(raw text: String) { separator(); bytes.append(contentsOf: text.utf8) }

    public mutating func int(_ value: Int) { separator(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { separator(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separator(); bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    /// `"key": value` shorthands.
    public mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends a JSON string: quotes, backslashes and control characters escaped; everything else
    /// written as UTF-8 (lone surrogates cannot occur in a Swift String).
    private mutating func appendString(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
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
        }
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
        if frames.count == 1 { frames[0].hasElements = false }
    }
}
