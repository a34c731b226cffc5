import MailModel
private import Glibc

/// Where an `MboxReader` reads its bytes: a file (read with `read(2)`, looked ahead with `pread(2)`),
/// bytes in memory, or the data of an archive member as it is decompressed.
package protocol MboxByteSource: AnyObject {
    /// Reads up to `count` bytes into `buffer`: how many were read, 0 at the end, nil on an error
    /// (`failure` says which).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int?
    /// Up to `count` bytes at `offset` (at or after the read position), without moving the read
    /// position; fewer at the end of the data; nil when they cannot be read.
    func peek(at offset: Int, count: Int) -> [UInt8]?
    /// Why the last read failed.
    var failure: String? { get }
    /// Releases the source; reads then return 0.
    func close()
}

/// A file opened read-only.
final class FileMboxSource: MboxByteSource {
    private var fd: Int32
    private(set) var failure: String?

    /// Opens `path` read-only. Throws `input.unreadable` when it cannot be opened or is a folder.
    init(path: String) throws(IngestError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path, errno: errno) }
        var st = stat()
        if fstat(fd, &st) != 0 {
            let e = errno
            _ = Glibc.close(fd)
            throw .unreadable(path, errno: e)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            _ = Glibc.close(fd)
            throw .unreadable(path, errno: EISDIR)
        }
        self.fd = fd
    }

    /// Opens `path` read-only, to read from byte `offset` on (an mbox read again from a message).
    convenience init(path: String, from offset: Int) throws(IngestError) {
        try self.init(path: path)
        if lseek(fd, off_t(offset), SEEK_SET) < 0 { throw .unreadable(path, errno: errno) }
    }

    deinit { close() }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int? {
        guard fd >= 0 else { return 0 }
        while true {
            let n = unsafe Glibc.read(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            failure = ReadOnlyFile.reason(errno: errno)
            return nil
        }
    }

    func peek(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, fd >= 0 else { return nil }
        var window = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let already = got
            let n = unsafe window.withUnsafeMutableBytes { raw in
                unsafe pread(fd, raw.baseAddress! + already, count - already, off_t(offset + already))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            got += n
        }
        window.removeLast(count - got)
        return window
    }

    func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }
}

/// Bytes held in memory (a small file or archive member read whole).
package final class MemoryMboxSource: MboxByteSource {
    private var bytes: [UInt8]
    private var position = 0
    /// Why the bytes end early (an archive member cut short), reported as a read error at their end.
    package let failure: String?

    package init(_ bytes: [UInt8], endsEarlyBecause failure: String? = nil) {
        self.bytes = bytes
        self.failure = failure
    }

    package func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int? {
        let n = min(count, bytes.count - position)
        guard n > 0 else { return failure == nil ? 0 : nil }
        unsafe bytes.withUnsafeBytes { raw in
            unsafe buffer.copyMemory(from: raw.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }

    package func peek(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0 else { return nil }
        guard offset < bytes.count else { return [] }
        return Array(bytes[offset ..< min(bytes.count, offset + count)])
    }

    package func close() {
        bytes = []
        position = 0
    }
}

/// Bytes that arrive in order from a producer that cannot seek (an archive member being
/// decompressed), after `prefix` bytes already taken from it. Looking ahead keeps the bytes between the
/// read position and the furthest byte looked at, at most `maxLookahead` of them.
package final class StreamMboxSource: MboxByteSource {
    /// Produces the next bytes: how many, 0 at the end, nil on an error (with its reason).
    package typealias Producer = (UnsafeMutableRawBufferPointer) -> (count: Int?, failure: String?)

    private var produce: Producer?
    /// Bytes produced but not yet read, from `pendingStart`.
    private var pending: [UInt8]
    private var pendingStart = 0
    /// Offset of `pending[pendingStart]` in the stream.
    private var position = 0
    private var atEnd = false
    private let maxLookahead: Int
    package private(set) var failure: String?

    package init(prefix: [UInt8], maxLookahead: Int, producer: @escaping Producer) {
        pending = prefix
        self.maxLookahead = maxLookahead
        produce = producer
    }

    /// Appends up to `want` produced bytes to `pending`; false at the end or on an error.
    private func pull(_ want: Int) -> Bool {
        guard !atEnd, let produce else { return false }
        let chunk = max(want, 64 << 10)
        let old = pending.count
        pending.append(contentsOf: repeatElement(0, count: chunk))
        let result = unsafe pending.withUnsafeMutableBytes { raw in
            produce(UnsafeMutableRawBufferPointer(rebasing: raw[old...]))
        }
        let n = result.count ?? 0
        pending.removeLast(chunk - n)
        if result.count == nil {
            failure = result.failure
            atEnd = true
            return false
        }
        if n == 0 {
            atEnd = true
            return false
        }
        return true
    }

    package func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int? {
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
            if !pull(count) { return failure == nil ? 0 : nil }
        }
        let n = min(count, pending.count - pendingStart)
        unsafe pending.withUnsafeBytes { raw in
            unsafe buffer.copyMemory(from: raw.baseAddress! + pendingStart, byteCount: n)
        }
        pendingStart += n
        position += n
        if pendingStart > (1 << 20), pendingStart * 2 > pending.count {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        return n
    }

    package func peek(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= position else { return nil }
        let end = offset + count
        guard end - position <= maxLookahead else { return nil }
        while position + pending.count - pendingStart < end {
            if !pull(end - position - (pending.count - pendingStart)) { break }
        }
        let available = position + pending.count - pendingStart
        if offset >= available { return [] }
        let from = pendingStart + offset - position
        return Array(pending[from ..< pendingStart + min(end, available) - position])
    }

    package func close() {
        produce = nil
        atEnd = true
        pending = []
        pendingStart = 0
    }
}
