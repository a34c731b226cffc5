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
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count, failure == nil {
            let n = buffer.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
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
