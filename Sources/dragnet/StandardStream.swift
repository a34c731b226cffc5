import MailModel
private import Glibc

/// Buffered writes to stdout / stderr through file descriptors (no per-line syscalls).
final class StandardStream: @unchecked Sendable {
    static let output = StandardStream(fd: 1, capacity: 1 << 16)
    static let error = StandardStream(fd: 2, capacity: 0)

    private let fd: Int32
    private let capacity: Int
    private var buffer: [UInt8] = []
    /// The `errno` of the first write that failed (a full disk, a closed pipe), if any; later
    /// output is dropped.
    private(set) var failure: Int32?

    private init(fd: Int32, capacity: Int) {
        self.fd = fd
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    func write(_ raw: UnsafeRawBufferPointer) {
        // A block as large as the buffer (a whole report) goes out directly: appended, it would be
        // held twice, and the buffer would keep its size to the end of the run.
        if raw.count >= capacity {
            flush()
            writeAll(raw)
            return
        }
        buffer.append(contentsOf: raw)
        if buffer.count >= capacity { flush() }
    }

    func flush() {
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count, failure == nil {
            let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE, fd == 1 { Self.endQuietlyOnClosedPipe() }
                failure = errno
                break
            }
            offset += n
        }
    }

    /// The exit status when the reader of standard output went away (`dragnet ... | head -1`):
    /// 128 + SIGPIPE, what a shell reports for a program ended by a closed pipe.
    static let closedPipeStatus: Int32 = 128 + SIGPIPE

    /// A closed pipe is the reader saying it has seen enough: end at once, quietly (no message),
    /// with ``closedPipeStatus``. Temporary report files are removed by the exit handlers.
    static func endQuietlyOnClosedPipe() -> Never {
        ProgressLine.clearLine()
        Glibc.exit(closedPipeStatus)
    }

    /// Flushes standard output; when any of it could not be written, says so on stderr and exits
    /// with status 1: a report that did not arrive must not look like a successful run.
    static func finishOutput() {
        output.flush()
        guard let failure = output.failure else { return }
        let problem = LocatedError(
            code: CommandCode.outputUnwritable, message: "cannot write to standard output (\(String(cString: strerror(failure))))",
            path: CompilerStyleLine.programName)
        error.write(Array((problem.description + "\n").utf8))
        Glibc.exit(ExitStatus.failure.rawValue)
    }
}
