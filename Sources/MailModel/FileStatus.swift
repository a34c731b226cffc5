/// What `fstat` said of a file when it was opened for reading: a caller that records the file (a
/// state) takes it from the descriptor it read, not from a `stat` of its path of its own.
public struct FileStatus: Sendable, Hashable {
    /// Bytes.
    public var size: Int64
    /// Modification time, nanoseconds since the epoch.
    public var modified: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, modified: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
        self.device = device
    }
}
