#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encoding of a JSON file, detected from its first bytes.
public enum GraphTextEncoding: String, Sendable, Hashable {
    /// UTF-8 without a byte order mark (also plain ASCII).
    case utf8
    /// UTF-8 with the `EF BB BF` byte order mark (Windows PowerShell 5.1 `-Encoding UTF8`).
    case utf8BOM = "utf8-bom"
    /// UTF-16 little endian with the `FF FE` mark (Windows PowerShell `>` and `Out-File`).
    case utf16LE = "utf16le-bom"
    /// UTF-16 big endian with the `FE FF` mark.
    case utf16BE = "utf16be-bom"
    /// UTF-16 little endian without a mark, recognised from its NUL bytes.
    case utf16LENoBOM = "utf16le"
    /// UTF-16 big endian without a mark, recognised from its NUL bytes.
    case utf16BENoBOM = "utf16be"

    var isUTF16: Bool { self != .utf8 && self != .utf8BOM }
    var isBigEndian: Bool { self == .utf16BE || self == .utf16BENoBOM }
    /// Length of the byte order mark.
    var bomLength: Int {
        switch self {
        case .utf8BOM: 3
        case .utf16LE, .utf16BE: 2
        default: 0
        }
    }

    /// Detects the encoding from the first bytes of a file (at least 4 when the file has them; up to a
    /// few hundred make the UTF-16 guess more reliable).
    ///
    /// A BOM decides. Without one, UTF-16 is recognised when NUL bytes sit at the odd (little endian)
    /// or even (big endian) positions of at least half of the first code units, and at most a quarter
    /// as often at the other ones (surrogates and CJK text put a few there); anything else is UTF-8.
    public static func detect(_ prefix: some Collection<UInt8>) -> GraphTextEncoding {
        let bytes = Array(prefix.prefix(512))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        let pairs = bytes.count / 2
        guard pairs >= 1 else { return .utf8 }
        var evenZeros = 0, oddZeros = 0
        for i in 0..<pairs {
            if bytes[2 * i] == 0 { evenZeros += 1 }
            if bytes[2 * i + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 2 >= pairs, evenZeros * 4 <= oddZeros, bytes[0] != 0 { return .utf16LENoBOM }
        if evenZeros * 2 >= pairs, oddZeros * 4 <= evenZeros, bytes[1] != 0 { return .utf16BENoBOM }
        return .utf8
    }
}

/// Where raw file bytes come from: a file descriptor (read with POSIX `read`) or memory.
protocol RawByteSource: AnyObject {
    /// Reads up to `count` bytes; returns 0 at the end, -1 on an error (`errno` describes it).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int
    /// A second, independent reader of the same bytes from `offset` on (the file read again), for
    /// decisions that look ahead without keeping what they pass in memory.
    func rereader(from offset: Int) -> RawByteSource
}

/// A regular file, read sequentially; it owns the descriptor.
final class FileByteSource: RawByteSource {
    private var fd: Int32

    init(fd: Int32) { self.fd = fd }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        guard fd >= 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, buffer, count)
            #else
            let n = Darwin.read(fd, buffer, count)
            #endif
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Reads at a file offset without moving the sequential position (`pread`).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        guard fd >= 0 else { return 0 }
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    func rereader(from offset: Int) -> RawByteSource { FileRegionSource(file: self, offset: offset) }

    func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    deinit { close() }
}

/// The same file read again from an offset (through the owner's descriptor, with `pread`).
final class FileRegionSource: RawByteSource {
    private let file: FileByteSource
    private var offset: Int

    init(file: FileByteSource, offset: Int) {
        self.file = file
        self.offset = offset
    }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        let n = file.read(into: buffer, count: count, at: offset)
        if n > 0 { offset += n }
        return n
    }

    func rereader(from offset: Int) -> RawByteSource { FileRegionSource(file: file, offset: offset) }
}

final class MemoryByteSource: RawByteSource {
    private let bytes: [UInt8]
    private var position: Int

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = min(max(position, 0), bytes.count)
    }

    func rereader(from offset: Int) -> RawByteSource { MemoryByteSource(bytes, from: offset) }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        let n = min(count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { raw in
            buffer.copyMemory(from: raw.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// Turns raw file bytes into a UTF-8 stream: UTF-8 passes through (without its BOM); UTF-16 is
/// transcoded chunk by chunk. Keeps what is needed to map a stream offset back to a file offset.
final class TextSource {
    let raw: RawByteSource
    private(set) var encoding: GraphTextEncoding = .utf8
    /// Bytes read before the encoding was known, served first.
    private var prefix: [UInt8] = []
    private var prefixPosition = 0
    /// File offset of the next raw byte to be transcoded (UTF-16) or served (UTF-8).
    private var fileOffset = 0
    /// Stream (UTF-8) offset of the next byte produced.
    private var streamOffset = 0
    private(set) var failed: Int32? = nil
    /// Invalid UTF-16 seen (unpaired surrogates, an odd trailing byte).
    private(set) var invalidUTF16Count = 0
    private(set) var firstInvalidUTF16Offset: Int?

    // UTF-16 state.
    private var rawChunk: UnsafeMutablePointer<UInt8>
    private let rawChunkCapacity = 64 * 1024
    private var rawStart = 0, rawEnd = 0
    private var rawEOF = false
    /// Runs of characters with the same (UTF-8 length, file length): stream offset -> file offset.
    private var runs: [(stream: Int, file: Int, u8: Int, f: Int)] = []

    init(raw: RawByteSource) {
        self.raw = raw
        rawChunk = .allocate(capacity: rawChunkCapacity)
        sniff()
    }

    /// Text already sniffed, read from a character boundary: `raw` starts at `fileOffset`, which
    /// is stream offset `streamOffset`.
    /// A reader of the text from `fileOffset` (a character boundary), which is `streamOffset` in the text.
    init(raw: RawByteSource, encoding: GraphTextEncoding, fileOffset: Int, streamOffset: Int) {
        self.raw = raw
        self.encoding = encoding
        self.fileOffset = fileOffset
        self.streamOffset = streamOffset
        rawChunk = .allocate(capacity: rawChunkCapacity)
    }

    /// A second reader of the same text from stream offset `offset` (a character boundary whose
    /// mapping is still known: inside the window, or its end), reading the file again.
    func rereader(fromStream offset: Int) -> TextSource {
        let file = fileOffset(forStream: offset)
        return TextSource(raw: raw.rereader(from: file), encoding: encoding, fileOffset: file, streamOffset: offset)
    }

    deinit { rawChunk.deallocate() }

    private func sniff() {
        var head = [UInt8](repeating: 0, count: 512)
        var got = 0
        while got < head.count {
            let n = head.withUnsafeMutableBytes { raw.read(into: $0.baseAddress! + got, count: $0.count - got) }
            if n < 0 { failed = errno; break }
            if n == 0 { break }
            got += n
        }
        head.removeSubrange(got...)
        encoding = GraphTextEncoding.detect(head)
        let bom = encoding.bomLength
        fileOffset = bom
        if encoding.isUTF16 {
            // Move the sniffed bytes (after the BOM) into the raw chunk.
            let rest = Array(head.dropFirst(bom))
            rest.withUnsafeBufferPointer { rawChunk.update(from: $0.baseAddress!, count: rest.count) }
            rawStart = 0
            rawEnd = rest.count
            if got < 512 { rawEOF = true }
        } else {
            prefix = Array(head.dropFirst(bom))
        }
    }

    /// Maps an offset in the UTF-8 stream to an offset in the file.
    func fileOffset(forStream offset: Int) -> Int {
        guard encoding.isUTF16 else { return offset + encoding.bomLength }
        // Binary search for the last run starting at or before `offset`.
        var lo = 0, hi = runs.count - 1
        guard hi >= 0 else { return offset * 2 + encoding.bomLength }
        if offset < runs[0].stream { return runs[0].file - (runs[0].stream - offset) * 2 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if runs[mid].stream <= offset { lo = mid } else { hi = mid - 1 }
        }
        let run = runs[lo]
        return run.file + (offset - run.stream) / run.u8 * run.f
    }

    /// Forgets mapping runs that end before `offset` (the window discarded those bytes).
    func discardMapping(before offset: Int) {
        guard runs.count > 1 else { return }
        var drop = 0
        while drop + 1 < runs.count, runs[drop + 1].stream <= offset { drop += 1 }
        if drop > 64 || (drop > 0 && drop * 2 > runs.count) { runs.removeFirst(drop) }
    }

    /// Fills `buffer` with up to `capacity` UTF-8 bytes. Returns 0 at the end of the text, -1 on an error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        if encoding.isUTF16 { return readUTF16(into: buffer, capacity: capacity) }
        if prefixPosition < prefix.count {
            let n = min(capacity, prefix.count - prefixPosition)
            prefix.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + prefixPosition, count: n) }
            prefixPosition += n
            if prefixPosition == prefix.count { prefix = [] ; prefixPosition = 0 }
            return n
        }
        if failed != nil { return -1 }
        let n = raw.read(into: buffer, count: capacity)
        if n < 0 { failed = errno }
        return n
    }

    private func appendRun(u8: Int, f: Int) {
        if let last = runs.last, last.u8 == u8, last.f == f { return }
        runs.append((stream: streamOffset, file: fileOffset, u8: u8, f: f))
    }

    private func refillRaw() {
        guard !rawEOF else { return }
        if rawStart > 0 {
            let left = rawEnd - rawStart
            if left > 0 { rawChunk.update(from: rawChunk + rawStart, count: left) }
            rawStart = 0
            rawEnd = left
        }
        while rawEnd < rawChunkCapacity {
            let n = raw.read(into: rawChunk + rawEnd, count: rawChunkCapacity - rawEnd)
            if n < 0 { failed = errno; rawEOF = true; break }
            if n == 0 { rawEOF = true; break }
            rawEnd += n
        }
    }

    private func noteInvalidUTF16() {
        invalidUTF16Count += 1
        if firstInvalidUTF16Offset == nil { firstInvalidUTF16Offset = fileOffset }
    }

    private func readUTF16(into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        var produced = 0
        let big = encoding.isBigEndian
        while produced + 4 <= capacity {
            if rawEnd - rawStart < 4 && !rawEOF { refillRaw() }
            let available = rawEnd - rawStart
            if available < 2 {
                if available == 1 && rawEOF {
                    // An odd trailing byte: dropped (and reported).
                    noteInvalidUTF16()
                    fileOffset += 1
                    rawStart += 1
                }
                break
            }
            let p = rawChunk + rawStart
            let unit = big ? (UInt32(p[0]) << 8 | UInt32(p[1])) : (UInt32(p[1]) << 8 | UInt32(p[0]))
            if unit < 0x80 {
                appendRun(u8: 1, f: 2)
                out[produced] = UInt8(unit)
                produced += 1; streamOffset += 1; fileOffset += 2; rawStart += 2
            } else if unit < 0x800 {
                appendRun(u8: 2, f: 2)
                out[produced] = UInt8(0xC0 | (unit >> 6))
                out[produced + 1] = UInt8(0x80 | (unit & 0x3F))
                produced += 2; streamOffset += 2; fileOffset += 2; rawStart += 2
            } else if unit >= 0xD800 && unit <= 0xDBFF {
                if available < 4 && !rawEOF { refillRaw(); continue }
                var low: UInt32 = 0
                if available >= 4 {
                    low = big ? (UInt32(p[2]) << 8 | UInt32(p[3])) : (UInt32(p[3]) << 8 | UInt32(p[2]))
                }
                if low >= 0xDC00 && low <= 0xDFFF {
                    let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    appendRun(u8: 4, f: 4)
                    out[produced] = UInt8(0xF0 | (scalar >> 18))
                    out[produced + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    out[produced + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[produced + 3] = UInt8(0x80 | (scalar & 0x3F))
                    produced += 4; streamOffset += 4; fileOffset += 4; rawStart += 4
                } else {
                    noteInvalidUTF16()
                    appendRun(u8: 3, f: 2)
                    out[produced] = 0xEF; out[produced + 1] = 0xBF; out[produced + 2] = 0xBD
                    produced += 3; streamOffset += 3; fileOffset += 2; rawStart += 2
                }
            } else {
                var scalar = unit
                if unit >= 0xDC00 && unit <= 0xDFFF {
                    noteInvalidUTF16()
                    scalar = 0xFFFD
                }
                appendRun(u8: 3, f: 2)
                out[produced] = UInt8(0xE0 | (scalar >> 12))
                out[produced + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                out[produced + 2] = UInt8(0x80 | (scalar & 0x3F))
                produced += 3; streamOffset += 3; fileOffset += 2; rawStart += 2
            }
        }
        if produced == 0 && failed != nil { return -1 }
        return produced
    }
}
