/// A small, fast JSON emitter that appends UTF-8 bytes to a buffer. Keys are written in the order
/// given, so output is deterministic.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private var pendingKey = false

    /// Writes the comma before a value unless it follows a key.
    private mutating func separator() {
        if pendingKey { pendingKey = false; return }
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separator(); bytes.append(0x7B); needsComma.append(false) }
    public mutating func endObject() { bytes.append(0x7D); needsComma.removeLast() }
    public mutating func beginArray() { separator(); bytes.append(0x5B); needsComma.append(false) }
    public mutating func endArray() { bytes.append(0x5D); needsComma.removeLast() }

    /// Writes `"key":` inside an object; the next value call supplies the value.
    public mutating func key(_ key: String) {
        separator()
        appendString(key)
        bytes.append(0x3A)
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
        if needsComma.count == 1 { needsComma[0] = false }
    }
}
