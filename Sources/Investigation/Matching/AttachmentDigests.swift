import Crypto
import Synchronization

/// The digests §6 `attachmentMD5/SHA1/SHA256/SHA512` compare: "an attachment's digest of its decoded
/// bytes equals the value (hex, case-insensitive)".
package enum DigestKind: String, Sendable, Hashable, CaseIterable {
    case md5, sha1, sha256, sha512

    /// Length of the digest in hex characters (32, 40, 64, 128).
    package var hexLength: Int {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        case .sha512: 128
        }
    }

    /// A filter value as the lower-case hex this kind produces, or `nil` when it is not hex of the
    /// right length. Surrounding white space is ignored; so is a `:` or space between byte pairs
    /// (`2C:26:B4…`, as some tools print digests).
    package func normalizedHex(_ value: String) -> String? {
        var hex: [UInt8] = []
        hex.reserveCapacity(hexLength)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): hex.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): hex.append(byte | 0x20)
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            default: return nil
            }
        }
        guard hex.count == hexLength else { return nil }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The digests of one attachment's decoded bytes, computed lazily: the bytes are produced on the first
/// request, and each digest is computed at most once, only when a filter asks for it (apple/swift-crypto:
/// `Insecure.MD5`, `Insecure.SHA1`, `SHA256`, `SHA512`; lower-case hex).
///
/// The decoded bytes are kept once produced (for the life of this object, one item's evaluation), so a
/// second kind of digest does not decode the attachment again.
///
/// Safe to share between tasks: state is behind a `Mutex`, and a digest asked for by two tasks at once
/// is computed once (the second waits for the first).
///
/// ```swift
/// let digests = AttachmentDigests(content: attachment.content)
/// digests.digest(.sha256) == "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
/// ```
package final class AttachmentDigests: Sendable {
    private struct State {
        var bytes: [UInt8]?
        var digests: [DigestKind: String] = [:]
    }

    private let content: @Sendable () -> [UInt8]
    private let state = Mutex(State())

    /// Digests of the bytes `content` produces (called at most once, on the first request).
    package init(content: @escaping @Sendable () -> [UInt8]) {
        self.content = content
    }

    /// Digests of the bytes `content` produces, some of them already `known` (by kind raw value).
    package convenience init(content: @escaping @Sendable () -> [UInt8], known: [String: String]) {
        self.init(content: content)
        let digests = Dictionary(uniqueKeysWithValues: known.compactMap { key, value in DigestKind(rawValue: key).map { ($0, value) } })
        state.withLock { $0.digests = digests }
    }

    /// Digests of `bytes`.
    package convenience init(bytes: [UInt8]) {
        self.init(content: { bytes })
    }

    /// The digest of the given kind, in lower-case hex.
    package func digest(_ kind: DigestKind) -> String {
        state.withLock { state in
            if let known = state.digests[kind] { return known }
            let bytes = state.bytes ?? content()
            state.bytes = bytes
            let hex = Self.compute(kind, bytes)
            state.digests[kind] = hex
            return hex
        }
    }

    /// Whether the digest of the given kind equals `value` (hex in any case; see
    /// ``DigestKind/normalizedHex(_:)``). `false` for a value that is not a digest of that kind.
    package func matches(_ kind: DigestKind, _ value: String) -> Bool {
        guard let expected = kind.normalizedHex(value) else { return false }
        return digest(kind) == expected
    }

    /// The number of decoded bytes (produces them if no digest has yet).
    package var byteCount: Int {
        state.withLock { state in
            let bytes = state.bytes ?? content()
            state.bytes = bytes
            return bytes.count
        }
    }

    /// The digest of the given kind when it is already known or computed; `nil` without computing it.
    package func existingDigest(_ kind: DigestKind) -> String? {
        state.withLock { $0.digests[kind] }
    }

    /// Which digests have been computed so far (for tests and statistics).
    package var computedKinds: Set<DigestKind> {
        state.withLock { Set($0.digests.keys) }
    }

    static func compute(_ kind: DigestKind, _ bytes: [UInt8]) -> String {
        switch kind {
        case .md5: hex(Insecure.MD5.hash(data: bytes))
        case .sha1: hex(Insecure.SHA1.hash(data: bytes))
        case .sha256: hex(SHA256.hash(data: bytes))
        case .sha512: hex(SHA512.hash(data: bytes))
        }
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(128)
        for byte in digest {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
