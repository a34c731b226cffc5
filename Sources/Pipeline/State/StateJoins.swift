import Ingest

/// How the state keeps the joins of Graph messages to attachments kept apart from them
/// (``AttachmentIndex``): a digest of the index a run made, and per file the joins its messages made.
enum StateJoins {
    /// SHA-256 of what a join reads: the index's places, owners and files, and each indexed file's
    /// content digest (an attachment edited in place keeps its places). A file that cannot be read
    /// counts as empty bytes, so its return changes the digest.
    /// `knownDigest` gives the digest the state recorded of a file it knows unchanged (not read again).
    static func digest(of index: AttachmentIndex, knownDigest: (String) -> [UInt8]? = { _ in nil }) -> [UInt8] {
        var bytes = index.canonicalBytes()
        for path in index.indexedFiles { bytes += knownDigest(path) ?? FileDigest.whole(path) ?? [] }
        return FileDigest.sha256(bytes)
    }

    /// The joins as the state keeps them: 4 bytes (little-endian) per joined chain; nil for none.
    static func encode(_ joins: [Int32]) -> [UInt8]? {
        guard !joins.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(joins.count * 4)
        for join in joins { withUnsafeBytes(of: join.littleEndian) { out += $0 } }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [Int32] {
        stride(from: 0, to: bytes.count - bytes.count % 4, by: 4).map { at in
            Int32(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
    }
}
