/// The byte-level decodings wrapped links use: percent-escapes (RFC 3986 §2.1), base64 in either
/// alphabet (RFC 4648 §4 and §5), and the few HTML character references Proofpoint leaves in its links.
/// All are lenient: what cannot be decoded is kept as written and reported.
enum LinkByteDecoding {
    /// Bytes with their `%XX` escapes decoded.
    struct PercentDecoded {
        var bytes: [UInt8]
        /// A `%` not followed by two hex digits (kept as written).
        var hasBadEscape = false
        /// The text ends inside an escape (`…%2`): the link was probably cut.
        var isCutInEscape = false
    }

    /// RFC 3986 §2.1 `pct-encoded = "%" HEXDIG HEXDIG`, decoded once; other bytes as they are (`+` stays `+`).
    static func percentDecoded(_ text: some Collection<UInt8>) -> PercentDecoded {
        let source = Array(text)
        var out = PercentDecoded(bytes: [])
        out.bytes.reserveCapacity(source.count)
        var i = 0
        while i < source.count {
            let byte = source[i]
            if byte == 0x25 {
                if i + 2 < source.count, let high = hexValue(source[i + 1]), let low = hexValue(source[i + 2]) {
                    out.bytes.append(high << 4 | low)
                    i += 3
                    continue
                }
                let tail = source[(i + 1)...]
                if tail.count < 2, tail.allSatisfy({ hexValue($0) != nil }) {
                    out.isCutInEscape = true
                } else {
                    out.hasBadEscape = true
                }
            }
            out.bytes.append(byte)
            i += 1
        }
        return out
    }

    /// Whether the bytes start with an escaped scheme (`https%3A`, `http%253a`): a link encoded once
    /// more than its wrapper's parameter needs, which is decoded again.
    static func startsWithEncodedScheme(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count, i < 10, WrappedLinkParts.isLetter(bytes[i]) { i += 1 }
        guard i >= 3, i + 2 < bytes.count, bytes[i] == 0x25 else { return false }
        if bytes[i + 1] == 0x33, bytes[i + 2] | 0x20 == 0x61 { return true }  // %3A
        return i + 4 < bytes.count && bytes[i + 1] == 0x32 && bytes[i + 2] == 0x35 && bytes[i + 3] == 0x33
            && bytes[i + 4] | 0x20 == 0x61  // %253A
    }

    /// Base64 in the standard (`+/`) or the URL-safe (`-_`) alphabet, padding optional. `nil` for any
    /// other byte or an impossible length.
    static func base64Decoded(_ text: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41
            case 0x61...0x7A: value = byte - 0x61 + 26
            case 0x30...0x39: value = byte - 0x30 + 52
            case 0x2B, 0x2D: value = 62  // + -
            case 0x2F, 0x5F: value = 63  // / _
            case 0x3D:  // =
                padding += 1
                continue
            default: return nil
            }
            guard padding == 0 else { return nil }  // data after padding
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard bits < 6 else { return nil }  // one character left over: no byte can end there
        return out
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;` and other numeric references (`&#NN;`,
    /// `&#xHH;`) decoded; anything else kept as written.
    static func htmlUnescaped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x26) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        named: while i < bytes.count {
            guard bytes[i] == 0x26, let semicolon = bytes[(i + 1)...].prefix(12).firstIndex(of: 0x3B) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let name = bytes[(i + 1)..<semicolon]
            for (entity, value) in namedReferences where name.elementsEqual(entity.utf8) {
                out.append(value)
                i = semicolon + 1
                continue named
            }
            if name.first == 0x23, let scalar = numericReference(name.dropFirst()) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i = semicolon + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    private static let namedReferences: [(String, UInt8)] = [("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27)]

    private static func numericReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var digits = digits
        var radix = 10
        if digits.first.map({ $0 | 0x20 == 0x78 }) == true {
            digits = digits.dropFirst()
            radix = 16
        }
        guard !digits.isEmpty, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: radix), value != 0 else { return nil }
        return Unicode.Scalar(value)
    }

    /// The bytes as a link string: UTF-8 when they are valid UTF-8; otherwise every byte above 0x7F is
    /// written as a `%XX` escape again, so the link means what the bytes meant.
    static func linkString(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
