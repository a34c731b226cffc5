private import Glibc

/// Reads input files read-only. Inputs are evidence: nothing is ever written beside them.
package enum InputFile {
    /// Reads the whole file at `path` (opened `O_RDONLY`).
    package static func read(_ path: String) throws(IngestError) -> [UInt8] {
        try read(path, wholeUpTo: .max, prefix: 0).bytes
    }

    /// Reads at most `count` bytes from the start of the file at `path` (for sniffing its format).
    package static func readPrefix(_ path: String, count: Int) throws(IngestError) -> [UInt8] {
        try read(path, wholeUpTo: -1, prefix: count).bytes
    }

    /// Opens the file once: reads all of it when it holds at most `limit` bytes, else only its first
    /// `prefix` bytes (`isWhole` says which), so a caller can sniff a large file before streaming it.
    package static func read(_ path: String, wholeUpTo limit: Int, prefix: Int) throws(IngestError) -> (bytes: [UInt8], isWhole: Bool) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path, errno: errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw .unreadable(path, errno: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path, errno: EISDIR) }
        let size = max(0, Int(st.st_size))
        if size <= limit { return (try fill(fd, path: path, capacity: size, grows: true), true) }
        return (try fill(fd, path: path, capacity: prefix, grows: false), false)
    }

    /// Reads from `fd` into a buffer of `capacity` bytes, without zero-filling it first; when `grows`,
    /// keeps reading to the end of the file (its size may have changed since `fstat`). The buffer has
    /// one byte of room more than expected, so that the read which finds the end needs no new buffer.
    private static func fill(_ fd: Int32, path: String, capacity: Int, grows: Bool) throws(IngestError) -> [UInt8] {
        var failure: Int32 = 0
        var reachedEnd = false
        let room = grows ? capacity + 1 : capacity
        var out = unsafe [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let n = unsafe Glibc.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 {
                    reachedEnd = true
                    return
                }
                initialized += n
            }
        }
        if failure != 0 { throw .unreadable(path, errno: failure) }
        guard grows, !reachedEnd else { return out }
        // The file grew since fstat: read the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = unsafe chunk.withUnsafeMutableBytes { raw in unsafe Glibc.read(fd, raw.baseAddress!, raw.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, errno: errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[..<n])
        }
        return out
    }
}
