private import Glibc

/// The one byte scanner behind ``MIMEParser``: walks lines of one buffer and builds entities.
///
/// Lines end at LF; a CR before the LF belongs to the line ending. All positions are indices into
/// `bytes`; content is handed out as slices of `storage` (the same memory), never copied.
struct EntityScanner {
    let storage: [UInt8]
    let bytes: UnsafeBufferPointer<UInt8>
    let parser: MIMEParser
    var partCount: Int

    var limits: ParserLimits { parser.options.limits }
    var end: Int { bytes.count }

    init(storage: [UInt8], bytes: UnsafeBufferPointer<UInt8>, parser: MIMEParser, partCount: Int) {
        self.storage = storage
        self.bytes = bytes
        self.parser = parser
        self.partCount = partCount
    }

    /// Why a scan stopped.
    enum Stop {
        /// End of the buffer.
        case end
        /// A boundary line of the enclosing stack at index `index` (0 = outermost).
        case boundary(BoundaryHit)
    }

    /// A boundary line found while scanning.
    struct BoundaryHit {
        /// Index of the boundary in the stack.
        var index: Int
        var isClose: Bool
        /// First byte of the boundary line.
        var lineStart: Int
        /// First byte after the boundary line's line ending.
        var next: Int
    }

    // MARK: Lines

    /// The end of the line starting at `start`: `contentEnd` excludes the line ending, `next` is the
    /// start of the following line (or `end`).
    @inline(__always)
    func lineBounds(_ start: Int) -> (contentEnd: Int, next: Int) {
        let remaining = end - start
        guard remaining > 0, let base = bytes.baseAddress else { return (start, start) }
        if let hit = unsafe memchr(base + start, 0x0A, remaining) {
            let lf = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let contentEnd = (lf > start && bytes[lf - 1] == 0x0D) ? lf - 1 : lf
            return (contentEnd, lf + 1)
        }
        return (end, end)
    }

    /// The end of content that precedes a boundary line at `lineStart`: the line break before a
    /// boundary belongs to the boundary (RFC 2046 §5.1.1), so it is not part of the content.
    @inline(__always)
    func contentEnd(before lineStart: Int, notBefore start: Int) -> Int {
        var e = lineStart
        if e > start, bytes[e - 1] == 0x0A {
            e -= 1
            if e > start, bytes[e - 1] == 0x0D { e -= 1 }
        }
        return max(e, start)
    }

    /// Scans lines from `start` for a boundary of `stack`. Records `mime.line-too-long` once in `defects`.
    func scanForBoundary(from start: Int, stack: BoundaryStack, defects: inout DefectCollector) -> Stop {
        var lineStart = start
        var reportedLong = false
        let longLine = limits.maxLineLength + 2
        while lineStart < end {
            let (contentEnd, next) = lineBounds(lineStart)
            if next - lineStart > longLine, !reportedLong {
                reportedLong = true
                defects.report(.lineTooLong, "a line is \(contentEnd - lineStart) bytes long (over \(limits.maxLineLength))", at: lineStart)
            }
            if bytes[lineStart] == 0x2D, contentEnd - lineStart <= longLine,
               let hit = stack.match(bytes, from: lineStart, to: contentEnd) {
                return .boundary(BoundaryHit(index: hit.index, isClose: hit.isClose, lineStart: lineStart, next: next))
            }
            lineStart = next
        }
        return .end
    }

    /// Slice of the storage between two offsets.
    @inline(__always)
    func slice(_ from: Int, _ to: Int) -> ArraySlice<UInt8> { storage[from..<max(from, to)] }
}
