private import Glibc

/// Reads whole files, opened `O_RDONLY`: inputs are evidence, and nothing is ever written beside
/// them. The one way Dragnet reads a file at once (messages, investigation files, reports, sidecars);
/// the streaming readers (Graph JSON, mbox) open theirs the same way.
public enum ReadOnlyFile {
    /// Why a file could not be read.
    public struct Failure: Error, Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// No such file (or a dangling link).
            case notFound
            /// The path is a folder.
            case isFolder
            /// The file exists but could not be opened (permission denied, ...).
            case cannotOpen
            /// Reading failed part-way (an I/O error).
            case cannotRead
            /// The file is larger than the limit the caller gave.
            case tooLarge
        }

        public var kind: Kind
        /// The `errno` of the failing call (0 for ``Kind/tooLarge``).
        public var errno: Int32

        /// A short reason for messages: `permission denied`, `no such file`, `is a folder`,
        /// `input/output error`, or `errno N`.
        public var reason: String { kind == .tooLarge ? "too large" : ReadOnlyFile.reason(errno: errno) }
    }

    /// A short reason for an `errno` of a file operation: `permission denied`, `no such file`, `is a
    /// folder`, `input/output error`, or `errno N`.
    public static func reason(errno: Int32) -> String {
        switch errno {
        case EPERM, EACCES: "permission denied"
        case ENOENT: "no such file"
        case EISDIR: "is a folder"
        case EIO: "input/output error"
        default: "errno \(errno)"
        }
    }

    /// The whole file at `path`; ``Failure/Kind/tooLarge`` when it holds more than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int = .max) throws(Failure) -> [UInt8] {
        let (bytes, isWhole) = try read(path, wholeUpTo: maxBytes, prefix: 0)
        guard isWhole else { throw Failure(kind: .tooLarge, errno: 0) }
        return bytes
    }

    /// At most `count` bytes from the start of the file at `path` (to sniff its format).
    public static func readPrefix(_ path: String, count: Int) throws(Failure) -> [UInt8] {
        try read(path, wholeUpTo: -1, prefix: count).bytes
    }

    /// Opens the file once: reads all of it when it holds at most `limit` bytes, else only its first
    /// `prefix` bytes (`isWhole` says which), so a caller can sniff a large file before streaming it.
    public static func read(_ path: String, wholeUpTo limit: Int, prefix: Int) throws(Failure) -> (bytes: [UInt8], isWhole: Bool) {
        let read = try readMeasured(path, wholeUpTo: limit, prefix: prefix)
        return (read.bytes, read.isWhole)
    }

    /// ``read(_:wholeUpTo:prefix:)``, with the identity of the file it opened (what `fstat` said).
    public static func readMeasured(_ path: String, wholeUpTo limit: Int, prefix: Int) throws(Failure) -> (bytes: [UInt8], isWhole: Bool, identity: FileIdentity) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = Glibc.errno
            throw Failure(kind: code == ENOENT ? .notFound : code == EISDIR ? .isFolder : .cannotOpen, errno: code)
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw Failure(kind: .cannotRead, errno: Glibc.errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(kind: .isFolder, errno: EISDIR) }
        let size = max(0, Int(st.st_size))
        let identity = FileIdentity(st)
        if size <= limit {
            let bytes = try fill(fd, capacity: size, upTo: limit)
            return bytes.count <= limit ? (bytes, true, identity) : (Array(bytes.prefix(prefix)), false, identity)
        }
        return (try fill(fd, capacity: prefix, upTo: nil), false, identity)
    }

    /// Reads from `fd` into a buffer of `capacity` bytes, without zero-filling it first; with `upTo`,
    /// keeps reading to the end of the file (its size may have changed since `fstat`) or one byte past
    /// `upTo`. The buffer has one byte of room more than expected, so that the read which finds the
    /// end needs no new buffer.
    private static func fill(_ fd: Int32, capacity: Int, upTo limit: Int?) throws(Failure) -> [UInt8] {
        var failure: Int32 = 0
        var reachedEnd = false
        let room = limit == nil ? capacity : capacity + 1
        var out = unsafe [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let n = unsafe Glibc.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                if n < 0 {
                    if Glibc.errno == EINTR { continue }
                    failure = Glibc.errno
                    return
                }
                if n == 0 {
                    reachedEnd = true
                    return
                }
                initialized += n
            }
        }
        if failure != 0 { throw Failure(kind: .cannotRead, errno: failure) }
        guard let limit, !reachedEnd else { return out }
        // The file grew since fstat: read the rest in chunks, up to one byte past the limit.
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while out.count <= limit {
            let n = unsafe chunk.withUnsafeMutableBytes { raw in unsafe Glibc.read(fd, raw.baseAddress!, raw.count) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw Failure(kind: .cannotRead, errno: Glibc.errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[..<n])
        }
        return out
    }
}
