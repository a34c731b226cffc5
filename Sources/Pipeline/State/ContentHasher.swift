private import CXXHash

/// XXH3-128 (xxHash) of bytes given in pieces: the state's content digests (``FileDigest``).
///
/// The only user of libxxhash: it owns one hashing state, freed with it. A digest is the hash's
/// canonical form, 16 bytes, big-endian (as `xxhsum -H2` prints it).
struct ContentHasher: ~Copyable {
    private let state: OpaquePointer

    init() {
        // XXH3_createState fails only when malloc does.
        guard let state = XXH3_createState() else { fatalError("out of memory for an XXH3 state") }
        self.state = state
        XXH3_128bits_reset(state)
    }

    deinit { XXH3_freeState(state) }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = dragnet_xxh3_128_update(state, base, bytes.count)
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    consuming func finalize() -> [UInt8] { Self.canonical(XXH3_128bits_digest(state)) }

    /// The digest of bytes at hand, in one call.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        canonical(dragnet_xxh3_128(bytes.baseAddress, bytes.count))
    }

    static func digest(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBytes { digest($0) } }

    private static func canonical(_ hash: XXH128_hash_t) -> [UInt8] {
        var canonical = XXH128_canonical_t()
        XXH128_canonicalFromHash(&canonical, hash)
        return withUnsafeBytes(of: canonical.digest) { Array($0) }
    }
}
