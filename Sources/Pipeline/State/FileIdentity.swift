import MailModel
import Glibc

/// What `stat` says of an input file (or, for a Maildir, of its listing): enough to tell, without
/// reading it, that it is the file an earlier run read.
package struct FileIdentity: Sendable, Hashable {
    /// Bytes (a Maildir: messages).
    package var size: Int64
    /// Modification time, nanoseconds since the epoch (a Maildir: the newest of its messages').
    package var modified: Int64
    package var inode: Int64
    package var device: Int64

    package init(size: Int64, modified: Int64, inode: Int64, device: Int64) {
        self.size = size
        self.modified = modified
        self.inode = inode
        self.device = device
    }

    /// The identity of the regular file at `path` (symbolic links followed, as reading does), or nil.
    package static func of(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(st)
    }

    /// What `fstat` said of a file opened to be read.
    init(_ status: FileStatus) {
        size = status.size
        modified = status.modified
        inode = Int64(bitPattern: status.inode)
        device = Int64(bitPattern: status.device)
    }

    init(_ st: stat) {
        size = Int64(st.st_size)
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        inode = Int64(bitPattern: UInt64(st.st_ino))
        device = Int64(bitPattern: UInt64(st.st_dev))
    }
}
