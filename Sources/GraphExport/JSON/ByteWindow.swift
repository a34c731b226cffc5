#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sliding buffer over the UTF-8 stream of a file.
///
/// Positions handed around by the reader are *stream offsets* (offsets in the UTF-8 text; for a UTF-8
/// file, the file offset minus the BOM). The window holds the stream bytes `[base, base + count)`.
/// ``fill(keeping:maxCapacity:)`` drops everything before a position the caller still needs, then
/// reads more; it grows the buffer only when the kept bytes already fill it (one value larger than
/// the buffer), so the buffer size stays at its initial capacity for ordinary exports.
///
/// What the reader decides never depends on the capacity: a decision that needs text past the
/// window reads it through a second window over the same file (``rereading(from:capacity:)``).
final class ByteWindow {
    /// The buffer; only this type touches it (see ``withUnsafeBytes(_:)``).
    private var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Valid bytes in `storage`.
    private(set) var count = 0
    /// Stream offset of `storage[0]`.
    private(set) var base = 0
    /// The text source returned its end.
    private(set) var atEnd = false
    /// Largest capacity the buffer ever had.
    private(set) var highWater: Int
    let initialCapacity: Int
    let source: TextSource

    // Line tracking: every stream byte before `linePosition` has been counted.
    private var linePosition = 0
    private var lineNumber = 1
    private var lineStart = 0
    /// Stream offset where the line holding `base` starts (it may start before the window).
    private(set) var baseLineStart = 0
    /// Whether the bytes from ``baseLineStart`` to `base` are all blanks (space, tab): what looking
    /// back from `base` for an indentation would have found before those bytes were dropped.
    private(set) var baseLineBlank = true

    /// Free room a read needs: one UTF-8 character transcoded from UTF-16 takes up to 4 bytes.
    private let minimumRoom: Int

    init(source: TextSource, capacity: Int) {
        self.source = source
        minimumRoom = source.encoding.isUTF16 ? 4 : 1
        self.capacity = max(capacity, minimumRoom)
        initialCapacity = self.capacity
        highWater = self.capacity
        storage = .allocate(capacity: self.capacity)
    }

    /// A window over `source` that starts at stream offset `position`, on line `line` whose first
    /// byte is at stream offset `lineStart`.
    convenience init(source: TextSource, capacity: Int, position: Int, line: Int, lineStart: Int) {
        self.init(source: source, capacity: capacity)
        base = position
        linePosition = position
        lineNumber = line
        self.lineStart = lineStart
    }

    /// A second window that reads the same text again from stream offset `position` (which must be
    /// inside this window, or its end), leaving this one as it is.
    func rereading(from position: Int, capacity: Int) -> ByteWindow {
        let (line, column) = lineAndColumn(at: position)
        return ByteWindow(
            source: source.rereader(fromStream: position), capacity: capacity, position: position, line: line,
            lineStart: position - column + 1)
    }

    deinit { storage.deallocate() }

    /// Stream offset just past the valid bytes.
    var end: Int { base + count }

    /// The byte at stream offset `position`, which must be inside the window.
    @inline(__always) func byte(at position: Int) -> UInt8 { storage[position - base] }

    /// Whether `position` is inside the window.
    @inline(__always) func contains(_ position: Int) -> Bool { position >= base && position < base + count }

    /// Calls `body` with the window's bytes: index 0 is stream offset ``base``, and `count` bytes are
    /// valid. The pointer is valid only during `body` (a fill moves the bytes).
    @inline(__always) func withUnsafeBytes<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafePointer(storage))
    }

    /// Stream offset of the first `byte` at or after `position` (inside the window), if the window holds one.
    func firstIndex(of byte: UInt8, from position: Int) -> Int? {
        let from = position - base
        guard from < count, let hit = memchr(storage + from, Int32(byte), count - from) else { return nil }
        return base + (hit.assumingMemoryBound(to: UInt8.self) - storage)
    }

    /// Stream offset of the first byte at or after `position` (inside the window) that is not JSON
    /// white space, or ``end``.
    func skipWhitespace(from position: Int) -> Int {
        base + GraphExport.skipWhitespace(storage, position - base, count)
    }

    enum FillResult { case more, end, tooLarge }

    /// Makes more bytes available, keeping the bytes from stream offset `keep` on.
    ///
    /// Returns `.end` when the text has no more bytes, `.tooLarge` when the kept bytes already fill
    /// `maxCapacity`.
    func fill(keeping keep: Int, maxCapacity: Int) -> FillResult {
        if atEnd { return .end }
        let keep = max(min(keep, end), base)
        advanceLines(to: keep)
        let drop = keep - base
        if drop > 0 {
            let left = count - drop
            noteLine(ofNewBase: keep)
            if left > 0 { storage.update(from: storage + drop, count: left) }
            count = left
            base = keep
            source.discardMapping(before: keep)
        }
        // Transcoding needs room for a whole character.
        if capacity - count < minimumRoom {
            guard capacity < maxCapacity else { return .tooLarge }
            var newCapacity = max(capacity * 2, count + minimumRoom)
            if newCapacity > maxCapacity { newCapacity = max(maxCapacity, count + minimumRoom) }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: storage, count: count)
            storage.deallocate()
            storage = grown
            capacity = newCapacity
            highWater = max(highWater, capacity)
        }
        var got = 0
        while capacity - count >= minimumRoom {
            let n = source.read(into: storage + count, capacity: capacity - count)
            if n <= 0 {
                atEnd = true
                break
            }
            count += n
            got += n
        }
        return got > 0 ? .more : .end
    }

    /// Shrinks the buffer back to its initial capacity when a large value made it grow and the
    /// bytes kept now fit.
    func shrinkIfPossible(keeping keep: Int) {
        guard capacity > initialCapacity, keep >= base else { return }
        let kept = end - max(keep, base)
        guard kept * 2 <= initialCapacity else { return }
        advanceLines(to: keep)
        let drop = keep - base
        noteLine(ofNewBase: keep)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: initialCapacity)
        if kept > 0 { fresh.update(from: storage + drop, count: kept) }
        storage.deallocate()
        storage = fresh
        capacity = initialCapacity
        count = kept
        base = keep
        source.discardMapping(before: keep)
    }

    /// Before the window moves to `newBase` (lines counted up to it, its bytes still held): where the
    /// line holding it starts, and whether only blanks precede it on that line.
    private func noteLine(ofNewBase newBase: Int) {
        var blank = lineStart >= base || baseLineBlank
        var p = max(lineStart, base)
        while blank, p < newBase {
            let c = byte(at: p)
            blank = c == 0x20 || c == 0x09
            p += 1
        }
        baseLineStart = lineStart
        baseLineBlank = blank
    }

    /// Counts line breaks up to stream offset `position` (which must be at or after the last one counted).
    private func advanceLines(to position: Int) {
        guard position > linePosition else { return }
        let from = max(linePosition, base)
        let to = min(position, end)
        if to > from {
            var p = storage + (from - base)
            let stop = storage + (to - base)
            while p < stop {
                guard let hit = memchr(p, 0x0A, stop - p) else { break }
                let nl = hit.assumingMemoryBound(to: UInt8.self)
                lineNumber += 1
                lineStart = base + (nl - storage) + 1
                p = nl + 1
            }
        }
        linePosition = max(linePosition, to)
    }

    /// The 1-based line and column (in UTF-8 bytes) of stream offset `position`.
    func lineAndColumn(at position: Int) -> (line: Int, column: Int) {
        if position >= linePosition {
            advanceLines(to: position)
            return (lineNumber, position - lineStart + 1)
        }
        // Behind the counter: count back within the window (rare).
        var line = lineNumber
        var p = max(position, base)
        while p < linePosition && p < end {
            if byte(at: p) == 0x0A { line -= 1 }
            p += 1
        }
        var start = position
        while start > base && byte(at: start - 1) != 0x0A { start -= 1 }
        // The line began before the window: where was counted when the window moved.
        if start == base { start = baseLineStart }
        return (line, position - start + 1)
    }

    /// File offset of stream offset `position`.
    func fileOffset(_ position: Int) -> Int { source.fileOffset(forStream: position) }
}
