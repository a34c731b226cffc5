private import Glibc

/// A byte string searched for ignoring ASCII case (Boyer–Moore–Horspool on folded bytes).
struct FoldedNeedle: Sendable {
    private let bytes: [UInt8]
    private let shift: [Int]

    init(_ text: String) {
        bytes = Array(text.lowercased().utf8)
        var shift = [Int](repeating: bytes.count, count: 256)
        for (i, b) in bytes.dropLast().enumerated() {
            shift[Int(b)] = bytes.count - 1 - i
            if b >= 0x61 && b <= 0x7A { shift[Int(b - 0x20)] = bytes.count - 1 - i }
        }
        self.shift = shift
    }

    /// Whether the needle occurs in the `count` bytes at `p`.
    func occurs(in p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        let m = bytes.count
        guard m > 0 else { return true }
        if let first = bytes.first, first < 0x41 {
            // A needle starting with punctuation (`/`): memchr to each candidate, then compare.
            return bytes.withUnsafeBufferPointer { needle in
                var i = 0
                while i + m <= n, let hit = memchr(p + i, Int32(first), n - m + 1 - i) {
                    let at = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    var j = 1
                    while j < m {
                        let c = p[at + j]
                        if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != needle[j] { break }
                        j += 1
                    }
                    if j == m { return true }
                    i = at + 1
                }
                return false
            }
        }
        return bytes.withUnsafeBufferPointer { needle in
            shift.withUnsafeBufferPointer { shift in
                var i = 0
                while i + m <= n {
                    var j = m - 1
                    while j >= 0 {
                        let c = p[i + j]
                        if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != needle[j] { break }
                        j -= 1
                    }
                    if j < 0 { return true }
                    i += shift[Int(p[i + m - 1])]
                }
                return false
            }
        }
    }
}
