/// Finds which of many normalized needles occurs in a text in one pass (Aho–Corasick, compiled to a
/// complete automaton over the bytes the needles use), for keyword lists of hundreds or thousands of
/// values. The answer is the one a loop over the needles in order would give: the first needle (in
/// value order) that occurs anywhere, at its first occurrence.
///
/// The automaton is built once per filter; its table has one row per trie node and one column per
/// distinct needle byte. Lists whose table would exceed ``maxTableEntries`` are not compiled (`init`
/// returns nil) and are searched needle by needle instead.
struct MultiNeedleSearcher: Sendable {
    /// The most table entries (4 bytes each) an automaton may have: 16 Mi, 64 MiB.
    static let maxTableEntries = 16 << 20

    /// Byte → column (0: a byte no needle contains, which always leads back to the root).
    private let columnOf: [UInt8]
    private let columns: Int
    /// `next[state * columns + column]`: the complete transition function.
    private let next: [Int32]
    /// The lowest needle index recognised in each state (its own needle or one on its suffix chain),
    /// or `Int32.max`.
    private let best: [Int32]
    private let lengths: [Int]

    /// `nil` for an empty list, a list holding an empty needle, or one too large to compile.
    init?(_ needles: [[UInt8]]) {
        guard !needles.isEmpty, !needles.contains(where: \.isEmpty) else { return nil }
        var columnOf = [UInt8](repeating: 0, count: 256)
        var columns = 1
        for needle in needles {
            for byte in needle where columnOf[Int(byte)] == 0 {
                guard columns < 256 else { return nil }
                columnOf[Int(byte)] = UInt8(columns)
                columns += 1
            }
        }
        // The trie, in a growing table (-1: no edge yet).
        var next: [Int32] = Array(repeating: -1, count: columns)
        var best: [Int32] = [Int32.max]
        var states = 1
        for (index, needle) in needles.enumerated() {
            var state = 0
            for byte in needle {
                let slot = state * columns + Int(columnOf[Int(byte)])
                if next[slot] < 0 {
                    guard (states + 1) * columns <= Self.maxTableEntries else { return nil }
                    next[slot] = Int32(states)
                    next.append(contentsOf: repeatElement(-1, count: columns))
                    best.append(Int32.max)
                    states += 1
                }
                state = Int(next[slot])
            }
            best[state] = min(best[state], Int32(index))
        }
        // Breadth first: failure links complete the transitions and carry the best needle down.
        var failure = [Int32](repeating: 0, count: states)
        var queue: [Int32] = []
        queue.reserveCapacity(states)
        for column in 0..<columns {
            if next[column] < 0 {
                next[column] = 0
            } else {
                failure[Int(next[column])] = 0
                queue.append(next[column])
            }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            best[state] = min(best[state], best[Int(failure[state])])
            for column in 0..<columns {
                let slot = state * columns + column
                let child = next[slot]
                let fallback = next[Int(failure[state]) * columns + column]
                if child < 0 {
                    next[slot] = fallback
                } else {
                    failure[Int(child)] = fallback
                    queue.append(child)
                }
            }
        }
        self.columnOf = columnOf
        self.columns = columns
        self.next = next
        self.best = best
        self.lengths = needles.map(\.count)
    }

    /// The index of the first needle (in list order) found in `text` and the byte range of its first
    /// occurrence, or nil when none occurs.
    func firstNeedle(in text: [UInt8]) -> (index: Int, range: Range<Int>)? {
        var found = Int32.max
        var end = 0
        text.withUnsafeBufferPointer { bytes in
            next.withUnsafeBufferPointer { next in
                columnOf.withUnsafeBufferPointer { columnOf in
                    best.withUnsafeBufferPointer { best in
                        var state = 0
                        for position in 0..<bytes.count {
                            state = Int(next[state &* columns &+ Int(columnOf[Int(bytes[position])])])
                            let here = best[state]
                            if here < found {
                                found = here
                                end = position + 1
                                if found == 0 { return }
                            }
                        }
                    }
                }
            }
        }
        guard found != Int32.max else { return nil }
        let index = Int(found)
        return (index, (end - lengths[index])..<end)
    }
}
