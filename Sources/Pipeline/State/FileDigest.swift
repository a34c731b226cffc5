package import MailModel
private import Crypto
private import Glibc

/// Digests the state compares to tell whether a file changed (see the README, "State").
///
/// Content digests are XXH3-128 (``ContentHasher``): they tell the state whether bytes changed, they
/// are not evidence of integrity (reports give attachments' SHA-256). At about 45 GB/s (AVX2, picked
/// at run time) a digest costs a first run next to nothing, where SHA-256 (1.5 GB/s with the CPU's SHA
/// extensions) cost it 3 %;
/// 128 bits make an accidental collision as unlikely as SHA-256's, and a made one would need both
/// versions of a file written into the evidence with the same size and time (rsync's checksums are
/// XXH128 for the same reason).
/// - A file read whole: the digest of all its bytes, once per read. It catches a file rewritten with
///   the same size and time, and lets a file that was only touched be reused without parsing it again.
/// - An append-only file (mbox, Graph JSON Lines): the digest of its first 64 KiB, of the 64 KiB on
///   each side of the checkpoint (clipped to what was read) and of those offsets. Hashing the whole
///   prefix on every run would read the whole file again, which appending exists to avoid; a rewrite
///   that keeps the size, the start and the bytes around the checkpoint is not noticed.
/// - A Maildir: SHA-256 of its message files' names, sizes and modification times.
///
/// Digests of other kinds or lengths (SHA-256 of builds before XXH3) never equal these: such a file
/// is read again.
package enum FileDigest {
    static let window = 64 << 10

    /// A digest's bytes, copied at once (not element by element through `Sequence`).
    private static func digestBytes(_ digest: SHA256.Digest) -> [UInt8] { digest.withUnsafeBytes { Array($0) } }

    /// SHA-256 of bytes at hand.
    package static func sha256(_ bytes: [UInt8]) -> [UInt8] { digestBytes(SHA256.hash(data: bytes)) }

    /// The content digest of a file's bytes at hand (those of a file read whole).
    package static func content(_ bytes: [UInt8]) -> [UInt8] { ContentHasher.digest(bytes) }

    /// The content digest of the whole file, or nil when it cannot be read.
    package static func whole(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = ContentHasher()
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // Sized to the file (at most 1 MiB) and not zero-filled: most inputs are small.
        let capacity = max(1, min(Int(st.st_size) + 1, 1 << 20))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress!, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        return hasher.finalize()
    }

    /// The digest of an append-only file read up to `readEnd`, around `checkpoint`; nil when the
    /// file no longer holds those bytes.
    package static func around(_ path: String, checkpoint: Int, readEnd: Int) -> [UInt8]? {
        guard checkpoint >= 0, readEnd >= checkpoint else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = ContentHasher()
        let head = 0..<min(window, readEnd)
        let middle = max(head.upperBound, checkpoint - window)..<min(readEnd, checkpoint + window)
        for range in [head, middle] where !range.isEmpty {
            guard let bytes = pread(fd, range) else { return nil }
            hasher.update(bytes)
        }
        withUnsafeBytes(of: (Int64(checkpoint).littleEndian, Int64(readEnd).littleEndian)) { hasher.update($0) }
        return hasher.finalize()
    }

    /// Exactly the bytes of `range`, or nil.
    private static func pread(_ fd: Int32, _ range: Range<Int>) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var got = 0
        while got < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in Glibc.pread(fd, raw.baseAddress! + got, raw.count - got, off_t(range.lowerBound + got)) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return nil }
            got += n
        }
        return bytes
    }

    /// The listing of a Maildir (`cur/` and `new/`): its digest, message count and newest
    /// modification time; nil when it cannot be listed.
    package static func maildir(_ path: String) -> (digest: [UInt8], identity: FileIdentity)? {
        var hasher = SHA256()
        var count: Int64 = 0
        var newest: Int64 = 0
        let folder = path.hasSuffix("/") ? path : path + "/"
        for sub in ["cur", "new"] {
            guard let dir = opendir(folder + sub) else { continue }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
                if !name.hasPrefix(".") { names.append(name) }
            }
            closedir(dir)
            for name in names.sorted() {
                guard let identity = FileIdentity.ofAny(folder + sub + "/" + name) else { continue }
                count += 1
                newest = max(newest, identity.modified)
                hasher.update(data: Array("\(sub)/\(name)\u{0}\(identity.size)\u{0}\(identity.modified)\u{0}".utf8))
            }
        }
        guard let folderIdentity = FileIdentity.ofAny(path) else { return nil }
        return (digestBytes(hasher.finalize()), FileIdentity(size: count, modified: newest, inode: folderIdentity.inode, device: folderIdentity.device))
    }

    /// Lower-case hex.
    package static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
