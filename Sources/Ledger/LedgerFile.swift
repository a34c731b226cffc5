/// What the state records of one input file for one investigation: the file's identity when it was
/// read, how far it was read, and how many outcome records it has.
public struct LedgerFile: Sendable, Hashable {
    /// How the file is read again.
    public enum Kind: String, Sendable, Hashable {
        /// Read whole; `digest` is the SHA-256 of its bytes.
        case whole
        /// Append-only (mbox, Graph JSON Lines): `checkpoint` says where to read on from; `digest` is the
        /// SHA-256 of its head and of the bytes around the checkpoint (see the README).
        case append
        /// A Maildir folder; `digest` is the SHA-256 of its listing (names, sizes, modification times).
        case folder
    }

    /// Row id; nil until saved.
    public var id: Int64?
    /// The investigation key (the investigation file's SHA-256).
    public var investigation: String
    /// The path as reports name it.
    public var path: String
    public var kind: Kind
    /// Size in bytes when read (a Maildir: its message count).
    public var size: Int64
    /// Modification time when read, nanoseconds since the epoch.
    public var modified: Int64
    public var inode: Int64
    public var device: Int64
    public var digest: [UInt8]
    /// Where an append-only file is read again from (opaque to the state).
    public var checkpoint: [UInt8]?
    /// Outcome records before the checkpoint: those kept when the file is read on from it.
    public var kept: Int
    /// Outcome records (sequence numbers 0 ..< outcomes).
    public var outcomes: Int
    /// Of them, items (messages).
    public var items: Int
    /// Set by a watch that left an incomplete end of the file for a later round: the size then.
    public var pendingSize: Int64?
    /// When it was read, seconds since the epoch.
    public var readAt: Double
    /// The joins its Graph messages made to attachments kept apart (opaque to the state; nil: none),
    /// valid for the attachment index the investigation's `joinsDigest` names.
    public var joins: [UInt8]?
    /// Whether the first pass over the export found attachments kept apart in the file when it was
    /// read (nil: not known).
    public var holdsAttachments: Bool?

    public init(
        id: Int64? = nil, investigation: String, path: String, kind: Kind, size: Int64, modified: Int64, inode: Int64, device: Int64,
        digest: [UInt8], checkpoint: [UInt8]? = nil, kept: Int = 0, outcomes: Int = 0, items: Int = 0, pendingSize: Int64? = nil,
        readAt: Double, joins: [UInt8]? = nil, holdsAttachments: Bool? = nil
    ) {
        self.id = id
        self.investigation = investigation
        self.path = path
        self.kind = kind
        self.size = size
        self.modified = modified
        self.inode = inode
        self.device = device
        self.digest = digest
        self.checkpoint = checkpoint
        self.kept = kept
        self.outcomes = outcomes
        self.items = items
        self.pendingSize = pendingSize
        self.readAt = readAt
        self.joins = joins
        self.holdsAttachments = holdsAttachments
    }
}
