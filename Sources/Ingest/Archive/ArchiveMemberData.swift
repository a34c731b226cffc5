/// What one top-level archive (with the archives inside it) has used of its limits.
package final class ArchiveBudget {
    package var members = 0
    package var expandedBytes = 0
    /// Set when a limit of the whole archive was reached: nothing more of it is read.
    package var isExhausted = false

    package init() {}
}

/// The data of the archive member being read, handed out within `ArchiveLimits`: reading stops at
/// the member, total and ratio limits, at a damaged member and at the end of the data, and says why.
package final class ArchiveMemberData {
    /// Why reading stopped before the end of the member's data.
    package struct Stop: Sendable {
        package var code: ArchiveCode
        package var message: String
        /// Whether a limit stopped it (a bomb: what was read is not used).
        package var isLimit: Bool
    }

    private let reader: LibArchiveReader
    private let budget: ArchiveBudget
    private let limits: ArchiveLimits
    private let compressedAtStart: Int
    /// Expanded bytes handed out so far.
    package private(set) var expandedBytes = 0
    package private(set) var stop: Stop?
    package private(set) var isAtEnd = false
    /// Bytes asked of libarchive at a time.
    static let readStep = 16 << 10

    package init(reader: LibArchiveReader, budget: ArchiveBudget, limits: ArchiveLimits) {
        self.reader = reader
        self.budget = budget
        self.limits = limits
        compressedAtStart = reader.compressedBytesRead
    }

    /// Reads the next bytes into `buffer`: how many, 0 at the end, nil when reading stopped early
    /// (`stop` says why; the failure text is for the reader of the bytes).
    package func read(into buffer: UnsafeMutableRawBufferPointer) -> (count: Int?, failure: String?) {
        if let stop { return (nil, stop.message) }
        if isAtEnd || buffer.count == 0 { return (0, nil) }
        // libarchive fails a read of a damaged compressed stream without handing out the bytes it
        // could decompress before the damage when the buffer asks for more: read in small steps.
        let step = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, Self.readStep)])
        switch reader.read(into: step) {
        case .end:
            isAtEnd = true
            return (0, nil)
        case .failed(let message):
            let truncated = message.lowercased().contains("truncat") || message.lowercased().contains("premature")
            stop = Stop(
                code: truncated ? .truncated : .memberUnreadable,
                message: truncated ? "the data ends early: \(message)" : "the data cannot be read: \(message)", isLimit: false)
            return (nil, stop!.message)
        case .bytes(let n):
            expandedBytes += n
            budget.expandedBytes += n
            if expandedBytes > limits.maxMemberBytes {
                stop = Stop(code: .memberTooLarge, message: "the member expands past \(limits.maxMemberBytes) bytes (the per-member limit); read no further", isLimit: true)
            } else if budget.expandedBytes > limits.maxTotalBytes {
                budget.isExhausted = true
                stop = Stop(code: .totalTooLarge, message: "the archive expands past \(limits.maxTotalBytes) bytes (the total limit); the rest of it is not read", isLimit: true)
            } else if expandedBytes > limits.ratioCheckedAfterBytes {
                let compressed = max(1, reader.compressedBytesRead - compressedAtStart)
                if expandedBytes / compressed > limits.maxRatio {
                    stop = Stop(
                        code: .ratioExceeded,
                        message: "the member expands more than \(limits.maxRatio) times its compressed size (\(expandedBytes) bytes from \(compressed)): a decompression bomb; read no further",
                        isLimit: true)
                }
            }
            if let stop { return (nil, stop.message) }
            return (n, nil)
        }
    }

    /// Reads up to `limit` more bytes: the bytes, and whether the data ended (or stopped) within them.
    package func readAll(upTo limit: Int) -> (bytes: [UInt8], isComplete: Bool) {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        while out.count < limit {
            let want = min(chunk.count, limit - out.count)
            let result = unsafe chunk.withUnsafeMutableBytes { raw in read(into: UnsafeMutableRawBufferPointer(rebasing: raw[..<want])) }
            guard let n = result.count, n > 0 else { return (out, true) }
            out.append(contentsOf: chunk[..<n])
        }
        // Exactly `limit` bytes: one more read says whether the data ended there.
        var probe: UInt8 = 0
        let result = unsafe withUnsafeMutableBytes(of: &probe) { raw in read(into: raw) }
        if let n = result.count, n > 0 { out.append(probe) ; return (out, false) }
        return (out, true)
    }

    /// Reads the rest of the data without keeping it: by seeking when the archive allows it, else by
    /// reading (within the limits).
    package func skip() {
        if stop != nil || isAtEnd { return }
        if reader.skipsBySeeking {
            if let failure = reader.skip() { stop = Stop(code: .memberUnreadable, message: "the data cannot be skipped: \(failure)", isLimit: false) }
            isAtEnd = true
            return
        }
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        while true {
            let result = unsafe chunk.withUnsafeMutableBytes { raw in read(into: raw) }
            guard let n = result.count, n > 0 else { return }
        }
    }
}
