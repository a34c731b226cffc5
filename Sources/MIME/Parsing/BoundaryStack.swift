/// The boundaries of the multiparts enclosing the current position, innermost last.
///
/// RFC 2046 §5.1.2: a boundary of an enclosing multipart ends every part nested inside it, so each
/// candidate line is checked against the whole stack, innermost first.
struct BoundaryStack {
    private(set) var boundaries: [[UInt8]] = []

    var isEmpty: Bool { boundaries.isEmpty }
    var count: Int { boundaries.count }

    mutating func push(_ boundary: [UInt8]) { boundaries.append(boundary) }
    mutating func pop() { boundaries.removeLast() }

    /// Which boundary the line `line` is, if any: `delimiter := "--" boundary` followed by optional
    /// `"--"` (close-delimiter) and transport padding (`*LWSP-char`, RFC 2046 §5.1.1).
    /// Returns the index in the stack (innermost first wins) and whether it is a close delimiter.
    func match(_ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (index: Int, isClose: Bool)? {
        guard end - start >= 2, line[start] == 0x2D, line[start + 1] == 0x2D else { return nil }
        var i = boundaries.count - 1
        while i >= 0 {
            let b = boundaries[i]
            if let isClose = Self.matches(b, line, start + 2, end) { return (i, isClose) }
            i -= 1
        }
        return nil
    }

    private static func matches(_ b: [UInt8], _ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        let n = b.count
        guard end - start >= n else { return nil }
        var k = 0
        while k < n {
            if line[start + k] != b[k] { return nil }
            k += 1
        }
        var p = start + n
        var isClose = false
        if end - p >= 2, line[p] == 0x2D, line[p + 1] == 0x2D {
            isClose = true
            p += 2
        }
        while p < end {
            let c = line[p]
            if c != 0x20 && c != 0x09 && c != 0x0D { return nil }
            p += 1
        }
        return isClose
    }
}
