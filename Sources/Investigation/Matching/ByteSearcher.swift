/// Substring search in bytes (a `memmem`), prepared once per needle and run over many haystacks.
///
/// Boyer–Moore–Horspool, which skips ahead on a mismatch and so reads only part of a typical body. Its
/// worst case is O(n·m) (`aaaa…` against `baaa…a`), so it counts the bytes it compares and, past a
/// budget proportional to what it has scanned, switches to Knuth–Morris–Pratt from where it is: the
/// total stays O(n + m) for every input, and no body can make a keyword search slow.
struct ByteSearcher: Sendable, Hashable {
    let needle: [UInt8]
    /// Horspool shift for each byte value (how far the window may move when it ends with that byte).
    private let shift: [Int]
    /// KMP failure function: `failure[i]` is the length of the longest proper border of `needle[0...i]`.
    private let failure: [Int]

    init(_ needle: [UInt8]) {
        self.needle = needle
        let m = needle.count
        var shift = [Int](repeating: max(m, 1), count: 256)
        if m > 1 {
            for i in 0..<(m - 1) { shift[Int(needle[i])] = m - 1 - i }
        }
        self.shift = shift
        var failure = [Int](repeating: 0, count: m)
        var k = 0
        if m > 1 {
            for i in 1..<m {
                while k > 0, needle[i] != needle[k] { k = failure[k - 1] }
                if needle[i] == needle[k] { k += 1 }
                failure[i] = k
            }
        }
        self.failure = failure
    }

    /// The offset of the first occurrence of the needle in `haystack` at or after `from`, or `nil`.
    func firstIndex(in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let n = haystack.count
        let m = needle.count
        guard from >= 0, from <= n else { return nil }
        if m == 0 { return from }
        guard n - from >= m else { return nil }
        return needle.withUnsafeBufferPointer { pattern in
            if m == 1 {
                let byte = pattern[0]
                var i = from
                while i < n {
                    if haystack[i] == byte { return i }
                    i += 1
                }
                return nil
            }
            return shift.withUnsafeBufferPointer { shift in
                let last = pattern[m - 1]
                var position = from
                var compared = 0
                while position <= n - m {
                    let tail = haystack[position + m - 1]
                    if tail == last {
                        var k = 0
                        while k < m - 1, haystack[position + k] == pattern[k] { k += 1 }
                        if k == m - 1 { return position }
                        compared += k + 1
                        if compared > 4 * (position - from) + 4 * m + 256 {
                            return knuthMorrisPratt(haystack, pattern, from: position)
                        }
                    }
                    position += shift[Int(tail)]
                }
                return nil
            }
        }
    }

    private func knuthMorrisPratt(
        _ haystack: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>, from: Int
    ) -> Int? {
        let m = pattern.count
        return failure.withUnsafeBufferPointer { failure in
            var k = 0
            var i = from
            while i < haystack.count {
                let byte = haystack[i]
                while k > 0, byte != pattern[k] { k = failure[k - 1] }
                if byte == pattern[k] { k += 1 }
                if k == m { return i - m + 1 }
                i += 1
            }
            return nil
        }
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.needle == rhs.needle }

    func hash(into hasher: inout Hasher) { hasher.combine(needle) }
}
