private import Glibc

/// Reads input files read-only. Inputs are evidence: nothing is ever written beside them.
package enum InputFile {
    /// Reads the whole file at `path` (opened `O_RDONLY`).
    package static func read(_ path: String) throws(IngestError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path, errno: errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw .unreadable(path, errno: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path, errno: EISDIR) }
        var size = Int(st.st_size)
        if size <= 0 { size = 0 }
        var out = [UInt8](repeating: 0, count: size)
        var filled = 0
        while true {
            if filled == out.count { out.append(contentsOf: repeatElement(0, count: max(4096, out.count))) }
            let n = unsafe out.withUnsafeMutableBytes { raw in
                unsafe Glibc.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(out.count - filled)
        return out
    }

    /// Reads at most `count` bytes from the start of the file at `path` (for sniffing its format).
    package static func readPrefix(_ path: String, count: Int) throws(IngestError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path, errno: errno) }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = unsafe out.withUnsafeMutableBytes { raw in
                unsafe Glibc.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(count - filled)
        return out
    }

    /// The size of the file at `path` in bytes, or `nil` when it cannot be examined.
    package static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }
}
