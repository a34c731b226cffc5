import Ingest
import MailModel

/// What a round's walk digest is made of (``StatefulRound/walkDigest``), entry by entry in walk
/// order: the SHA-256 of the settings and inputs, then per entry its path and root, whether it is a
/// Maildir (with its listing's digest) and its identity, then what the walk could not read.
///
/// The bytes are hashed as they come, through a buffer of a few KiB: a first run's walk of 6,300
/// files is 700 KB of them, and memory a run touches first costs it a page fault and zeroing.
struct WalkDigest: ~Copyable {
    private var hasher = ContentHasher()
    /// Bytes not hashed yet.
    private var bytes: [UInt8] = []
    private let settledBefore: Int64
    /// Whether every entry added was modified before `settledBefore` (see ``StatefulRound/settledBefore``).
    private(set) var isSettled = true
    /// The entries added.
    private(set) var count = 0

    /// Bytes gathered before they are hashed: XXH3 takes larger pieces faster than one per field.
    private static let bufferSize = 16 << 10

    init(settings: [UInt8], settledBefore: Int64) {
        bytes.reserveCapacity(Self.bufferSize + 1024)
        bytes.append(contentsOf: settings)
        self.settledBefore = settledBefore
    }

    mutating func add(_ entry: InputWalker.Entry, identity: FileIdentity, listing: [UInt8]) {
        Self.text(entry.path, into: &bytes)
        Self.text(entry.root, into: &bytes)
        if entry.isMaildir {
            bytes.append(1)
            bytes.append(contentsOf: listing)
        } else {
            bytes.append(0)
        }
        if identity.modified >= settledBefore { isSettled = false }
        Self.number(identity.size, into: &bytes)
        Self.number(identity.modified, into: &bytes)
        Self.number(identity.inode, into: &bytes)
        Self.number(identity.device, into: &bytes)
        count += 1
        if bytes.count >= Self.bufferSize {
            hasher.update(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// The digest, with what the walk could not read (a code and a path each). XXH3-128, as the
    /// content digests: it only tells whether the walk is the one a summary was kept over (SHA-256 of
    /// 700 KB of walk took a millisecond of an unchanged re-run's 45). A summary kept with a SHA-256
    /// (32 bytes) never equals it, and is read again from the rows.
    consuming func finish(problems: [String]) -> [UInt8] {
        Self.number(Int64(problems.count), into: &bytes)
        for problem in problems { Self.text(problem, into: &bytes) }
        hasher.update(bytes)
        return hasher.finalize()
    }

    static func text(_ value: String, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: value.utf8)
        bytes.append(0)
    }

    static func number(_ value: Int64, into bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
