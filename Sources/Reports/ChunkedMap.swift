import Dispatch

/// `transform` of each index of `0..<count`, in order, worked out in chunks on every core when
/// there are more than one chunk's worth: campaigns and rows are made at the end of a run, from
/// thousands of matches, when the other cores are idle.
func chunkedMap<T: Sendable>(count: Int, chunkSize: Int = 256, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > chunkSize else { return (0..<count).map(transform) }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        // Each chunk initializes its own elements: no two threads write the same one.
        nonisolated(unsafe) let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: (count + chunkSize - 1) / chunkSize) { chunk in
            for index in (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize) {
                unsafe (base + index).initialize(to: transform(index))
            }
        }
        initialized = count
    }
}
