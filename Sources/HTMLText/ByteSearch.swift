#if canImport(Glibc)
private import Glibc
#elseif canImport(Darwin)
private import Darwin
#endif

/// Finding one byte in a large buffer with the C library's `memchr` (vectorised), for the sanitizer's
/// scans over whole documents; a Swift loop reads a byte at a time.
enum ByteSearch {
    /// The index of the first `byte` in `bytes[start..<end]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        let start = max(start, 0)
        let end = min(end, bytes.count)
        guard start < end else { return nil }
        return unsafe bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = unsafe buffer.baseAddress,
                let hit = unsafe memchr(base + start, Int32(byte), end - start)
            else { return nil }
            return unsafe UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }

    /// The index of the first `byte` in `bytes[start...]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        firstIndex(of: byte, in: bytes, from: start, to: bytes.count)
    }
}
