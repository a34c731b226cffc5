private import Glibc

/// Buffered writes to stdout / stderr through file descriptors (no per-line syscalls).
final class StandardStream: @unchecked Sendable {
    static let output = StandardStream(fd: 1, capacity: 1 << 16)
    static let error = StandardStream(fd: 2, capacity: 0)

    private let fd: Int32
    private let capacity: Int
    private var buffer: [UInt8] = []

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
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 { if errno == EINTR { continue } else { break } }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
