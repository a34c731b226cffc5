/// A small, fast JSON emitter that appends UTF-8 bytes to a buffer. Keys are written in the order
/// given, so output is deterministic.
///
/// Compact by default; ``init(capacity:prettyDepth:scalarArraysOnOneLine:)`` lays its output out for
/// people as it writes it, the one pretty layout of every JSON document Dragnet writes (reports, plans,
/// diffs): two-space indentation, one key per line, arrays that hold no object or array on one line
/// (`["a", "b"]`), empty containers as `{}` and `[]`.
public struct JSONWriter {
    /// The bytes written so far.
    public var bytes: [UInt8] {
        withExtendedLifetime(storage) { Array(UnsafeBufferPointer(start: buffer, count: count)) }
    }
    /// The bytes written from `offset` on, in place (valid only inside `body`).
    public func withBytes<Result, Failure: Error>(
        from offset: Int, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let start = min(max(0, offset), count)
        return try withExtendedLifetime(storage) { () throws(Failure) -> Result in
            try body(UnsafeRawBufferPointer(start: buffer + start, count: count - start))
        }
    }
    /// The number of bytes written so far: the offset of the next one.
    public var byteCount: Int { count }
    /// Owns the buffer the bytes are written to, shared by copies of a writer until one of them
    /// writes (``reserve(_:)``). Appending through a pointer, not an `Array`, spares each of the many
    /// small appends (a comma, a quote, a key) `Array`'s generic `append(contentsOf:)`.
    private var storage: Storage
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
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
        storage = Storage(capacity: capacity)
        buffer = storage.base
        self.capacity = storage.capacity
        prettyDepth = nil
        scalarArraysOnOneLine = true
    }

    /// A writer laying its output out for people, every line after the first indented `prettyDepth`
    /// levels more (for a value nested in a document rendered apart). `scalarArraysOnOneLine: false`
    /// puts every array element on a line of its own.
    public init(capacity: Int = 1024, prettyDepth: Int, scalarArraysOnOneLine: Bool = true) {
        storage = Storage(capacity: capacity)
        buffer = storage.base
        self.capacity = storage.capacity
        self.prettyDepth = prettyDepth
        self.scalarArraysOnOneLine = scalarArraysOnOneLine
    }

    /// Writes the comma (and, when pretty, the line break) before a value unless it follows a key.
    private mutating func separator(container: Bool = false) {
        ensureUnique()
        if pendingKey { pendingKey = false; return }
        let depth = outer.count
        guard let base = prettyDepth, depth > 0 else {
            if top.hasElements { append(0x2C) }
            top.hasElements = true
            return
        }
        switch top.layout {
        case .object, .blockArray:
            if top.hasElements { append(0x2C) }
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
                append(0x2C)
                newline(depth: base + depth)
            } else {
                append(0x2C)
                append(0x20)
            }
        }
        top.hasElements = true
    }

    /// A line break and `depth` levels of indentation, copied from a constant line of spaces (the
    /// generic `repeatElement` append cost more than the rest of writing a key).
    @inline(__always)
    private mutating func newline(depth: Int) {
        let length = 1 + depth * 2
        Self.indentedLineBreak.withUTF8Buffer { line in
            if length <= line.count {
                append(UnsafeBufferPointer(rebasing: line[..<length]))
            } else {
                append(line)
                for _ in line.count..<length { append(0x20) }
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
        let written = Array(UnsafeBufferPointer(start: buffer + from, count: count - from))
        count = from
        newline(depth: depth)
        var i = 0
        while i < written.count {
            let c = written[i]
            if c == 0x22 {
                var j = i + 1
                while j < written.count && written[j] != 0x22 { j += written[j] == 0x5C ? 2 : 1 }
                written.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[i...min(j, written.count - 1)])) }
                i = j + 1
            } else if c == 0x2C {
                append(0x2C)
                newline(depth: depth)
                i += 2  // the space after the comma
            } else {
                append(c)
                i += 1
            }
        }
        top.layout = .blockArray
    }

    private mutating func open(_ bracket: UInt8, _ layout: Layout) {
        separator(container: true)
        outer.append(top)
        top = Frame(layout: layout, start: count)
        append(bracket)
    }

    private mutating func close(_ bracket: UInt8) {
        ensureUnique()
        let frame = top
        top = outer.removeLast()
        if let base = prettyDepth, frame.hasElements, frame.layout != .inlineArray {
            newline(depth: base + outer.count)
        }
        append(bracket)
    }

    public mutating func beginObject() { open(0x7B, .object) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B, .undecidedArray) }
    public mutating func endArray() { close(0x5D) }

    /// Writes `"key":` inside an object; the next value call supplies the value.
    public mutating func key(_ key: String) {
        separator()
        appendString(key)
        append(0x3A)
        if prettyDepth != nil { append(0x20) }
        pendingKey = true
    }

    /// ``key(_:)`` for a constant key that needs no escaping (no control character, quote, backslash
    /// or DEL): its bytes are copied as they are, without the escape scan.
    public mutating func key(ascii key: StaticString) {
        guard !pendingKey, top.layout == .object else {
            // Misplaced (after a key, in an array): written as ``key(_:)`` writes it.
            key.withUTF8Buffer { self.key(String(decoding: $0, as: UTF8.self)) }
            return
        }
        ensureUnique()
        // What ``separator(container:)`` writes in an object, then the key: one reservation, no scan.
        let comma = top.hasElements ? 1 : 0
        let depth = outer.count
        let lineBreak = prettyDepth.map { depth > 0 ? 1 + ($0 + depth) * 2 : 0 } ?? 0
        let colon = prettyDepth == nil ? 2 : 3
        key.withUTF8Buffer { name in
            assert(!name.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }, "a key that needs escaping")
            reserve(comma + lineBreak + 1 + name.count + colon)
            var at = buffer + count
            if comma == 1 {
                at.initialize(to: 0x2C)
                at += 1
            }
            if lineBreak > 0 {
                at.initialize(to: 0x0A)
                (at + 1).initialize(repeating: 0x20, count: lineBreak - 1)
                at += lineBreak
            }
            at.initialize(to: 0x22)
            at += 1
            if let name = name.baseAddress, key.utf8CodeUnitCount > 0 {
                at.initialize(from: name, count: key.utf8CodeUnitCount)
                at += key.utf8CodeUnitCount
            }
            at.initialize(to: 0x22)
            (at + 1).initialize(to: 0x3A)
            if colon == 3 { (at + 2).initialize(to: 0x20) }
            at += colon
            count = buffer.distance(to: at)
        }
        top.hasElements = true
        pendingKey = true
    }

    public mutating func string(_ value: String?) {
        separator()
        guard let value else { appendASCII("null"); return }
        appendString(value)
    }

    /// Writes a string of `text`'s bytes, the caller guaranteeing that none needs escaping (a
    /// formatted date, say): without a `String` or the escape scan.
    public mutating func string(unescaped text: UnsafeBufferPointer<UInt8>) {
        separator()
        append(0x22)
        append(text)
        append(0x22)
    }

    /// Writes a number already formatted as JSON (`1.250`); the caller guarantees the syntax.
    public mutating func number(raw text: String) {
        separator()
        var text = text
        text.withUTF8 { append($0) }
    }

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
        text.withUTF8Buffer { append($0) }
    }

    /// The decimal digits of `value` (as `String(value)` writes them), without making a `String`.
    private mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            append(0x30 &+ UInt8(truncatingIfNeeded: magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// A lower-case hexadecimal digit of `nibble` (0...15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10 }

    /// Appends a JSON string: quotes, backslashes and control characters escaped; everything else
    /// written as UTF-8 (lone surrogates cannot occur in a Swift String).
    private mutating func appendString(_ s: String) {
        // Native strings (all but bridged ones) lend their UTF-8 without a copy of the string.
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) != nil { return }
        var s = s
        s.withUTF8 { appendEscaped($0) }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(0x22)
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
            if runStart < i { append(UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            append(0x5C)
            switch c {
            case 0x22: append(0x22)
            case 0x5C: append(0x5C)
            case 0x0A: append(0x6E)
            case 0x0D: append(0x72)
            case 0x09: append(0x74)
            default:
                append(0x75)
                append(0x30)
                append(0x30)
                append(Self.hexDigit(c >> 4))
                append(Self.hexDigit(c & 0xF))
            }
            i += 1
            runStart = i
        }
        if runStart < n { append(UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        append(0x22)
    }

    // MARK: The buffer

    /// A buffer of bytes, freed with its owner.
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    /// Gives this writer a buffer of its own if it shares one with a copy. Every writing call makes
    /// it first (through ``separator(container:)``, ``close(_:)`` or ``newline()``): the appends
    /// below then only check the capacity.
    @inline(__always)
    private mutating func ensureUnique() {
        if _slowPath(!isKnownUniquelyReferenced(&storage)) { moveToNewStorage(for: 0) }
    }

    /// Makes room for `n` more bytes (in a buffer this writer alone owns: ``ensureUnique()``).
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if _slowPath(n > capacity &- count) { moveToNewStorage(for: n) }
    }

    /// The bytes copied to a buffer of their own with room for `n` more (doubling the capacity when
    /// it is short, so appending stays linear).
    @inline(never)
    private mutating func moveToNewStorage(for n: Int) {
        let newCapacity = n > capacity - count ? max(capacity * 2, count + n) : capacity
        let new = Storage(capacity: newCapacity)
        new.base.initialize(from: buffer, count: count)
        storage = new
        buffer = new.base
        capacity = new.capacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count &+= 1
    }

    @inline(__always)
    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let source = run.baseAddress, !run.isEmpty else { return }
        reserve(run.count)
        (buffer + count).initialize(from: source, count: run.count)
        count &+= run.count
    }

    /// Whether any byte of `word` is below 0x20, a quote, a backslash or DEL.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Each term has a byte's high bit set where that byte is below 0x20, or equal to 0x22, 0x5C
        // or 0x7F (exact for "any": a borrow only ever follows such a byte); or-ed without branches.
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v }
        let below0x20 = (word &- ones &* 0x20) & ~word
        let special = zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)) | zeroBytes(word ^ (ones &* 0x7F))
        return (below0x20 | special) & highs != 0
    }

    /// Appends a line break (for JSON Lines).
    /// A line break ends a top-level value, so the next one starts a new JSON Lines record (no comma).
    public mutating func newline() {
        ensureUnique()
        append(0x0A)
        if outer.isEmpty { top.hasElements = false }
    }
}
