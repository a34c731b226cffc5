import Glibc

/// What `stat` says of a file (for a Maildir, the state makes one of its listing): enough to tell,
/// without reading it, that it is the file an earlier run read. A reader that opens a file takes it
/// from the descriptor it reads (``ReadOnlyFile/readMeasured(_:wholeUpTo:prefix:)``): the identity of
/// the bytes read.
public struct FileIdentity: Sendable, Hashable {
    /// Bytes (a Maildir: messages).
    public var size: Int64
    /// Modification time, nanoseconds since the epoch (a Maildir: the newest of its messages').
    public var modified: Int64
    /// Inode and device numbers, their bits as signed integers (as the state stores them).
    public var inode: Int64
    public var device: Int64

    public init(size: Int64, modified: Int64, inode: Int64, device: Int64) {
        self.size = size
        self.modified = modified
        self.inode = inode
        self.device = device
    }

    /// The identity of the regular file at `path` (symbolic links followed, as reading does), or nil.
    public static func of(_ path: String) -> FileIdentity? {
        measured(regularOnly: true) { stat(path, &$0) }
    }

    /// The identity of whatever is at `path` (a folder too, or a Maildir's message of any kind), or nil.
    public static func ofAny(_ path: String) -> FileIdentity? {
        measured(regularOnly: false) { stat(path, &$0) }
    }

    /// The identity of the regular file `name` in the open folder `folder` (one path component looked
    /// up, not every component of a path), or nil.
    public static func of(_ name: UnsafePointer<CChar>, inFolder folder: Int32) -> FileIdentity? {
        measured(regularOnly: true) { fstatat(folder, name, &$0, 0) }
    }

    /// What the `stat` call `call` found, or nil when it failed (or found no regular file, asked for one).
    private static func measured(regularOnly: Bool, _ call: (inout stat) -> Int32) -> FileIdentity? {
        var st = stat()
        guard call(&st) == 0, !regularOnly || st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(st)
    }

    init(_ st: stat) {
        size = Int64(st.st_size)
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        inode = Int64(bitPattern: UInt64(st.st_ino))
        device = Int64(bitPattern: UInt64(st.st_dev))
    }
}
