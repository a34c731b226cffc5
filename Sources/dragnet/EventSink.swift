private import Glibc

/// Where a watch's events go: standard output, or a file appended to, one line per write.
final class EventSink: @unchecked Sendable {
    private let fd: Int32
    private let path: String

    init(_ path: String) throws {
        self.path = path
        if path == "-" {
            fd = 1
        } else {
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            if fd < 0 { throw OutputFile.unwritable(path, "cannot write events", errno: errno) }
        }
    }

    deinit { if fd > 2 { close(fd) } }

    /// Writes one event line at once (no buffering: a reader sees it as soon as it is decided).
    func write(_ line: [UInt8]) {
        if fd == 1 { StandardStream.output.flush() }
        var offset = 0
        while offset < line.count {
            let n = line.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
