/// An IPv4 or IPv6 address as canonical bytes, so that every textual form of one address compares
/// equal: `2001:DB8::1` = `2001:db8:0::1` = `[IPv6:2001:db8::1]`, and the IPv4-mapped
/// `::ffff:203.0.113.7` = `203.0.113.7`.
package struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4, including IPv4-mapped IPv6 addresses) or 16 bytes (IPv6), network order.
    package let bytes: [UInt8]

    package var isIPv4: Bool { bytes.count == 4 }

    package init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = Self.unmapped(bytes)
    }

    /// Parses an address as it appears in mail headers and filters:
    /// - IPv4 dotted decimal `203.0.113.7` (four parts, each 0–255; leading zeros are read as decimal);
    /// - IPv6 in every RFC 4291 §2.2 form: full, `::`-compressed, with an embedded IPv4 tail
    ///   (`::ffff:203.0.113.7`, `64:ff9b::192.0.2.1`), hex in either case;
    /// - an RFC 6874/4007 zone id (`fe80::1%eth0`) is stripped;
    /// - brackets: `[203.0.113.7]`, `[2001:db8::1]`, and the RFC 5321 literal `[IPv6:2001:db8::1]`
    ///   (the prefix in any case, with or without brackets).
    /// Surrounding white space is ignored. Anything else is `nil`.
    package init?(_ text: String) {
        // The common case, a bare dotted IPv4 address, without the general path's string work.
        if text.utf8.count <= 15, text.utf8.allSatisfy({ $0 == 0x2E || ($0 >= 0x30 && $0 <= 0x39) }) {
            guard let bytes = Self.parseIPv4(Array(text.utf8)) else { return nil }
            self.bytes = bytes
            return
        }
        var value = Substring(text).trimmingUnicodeWhitespace
        guard value.utf8.count <= 128, value.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        if value.hasBytePrefix("["), value.hasByteSuffix("]"), value.utf8.count >= 2 {
            value = value.droppingScalars(1).droppingLastScalars(1)
        }
        if value.count > 5, value.prefix(5).lowercased() == "ipv6:" { value = value.dropFirst(5) }
        if let percent = value.firstIndex(of: "%"), value.contains(":") { value = value[..<percent] }
        guard !value.isEmpty, value.utf8.count <= 64 else { return nil }
        if value.contains(":") {
            guard let bytes = Self.parseIPv6(Array(value.utf8)) else { return nil }
            self.bytes = Self.unmapped(bytes)
        } else {
            guard let bytes = Self.parseIPv4(Array(value.utf8)) else { return nil }
            self.bytes = bytes
        }
    }

    /// The bytes as IPv6 (IPv4 as the IPv4-mapped `::ffff:a.b.c.d`).
    package var ipv6Bytes: [UInt8] { isIPv4 ? [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + bytes : bytes }

    /// `203.0.113.7`, or RFC 5952 text for IPv6 (`2001:db8::1`).
    package var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [Int] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[i]) << 8 | Int(bytes[i + 1])) }
        // The longest run of at least two zero groups (the first of equal runs) becomes `::`.
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while i < 8 {
            guard groups[i] == 0 else { i += 1; continue }
            var j = i
            while j < 8, groups[j] == 0 { j += 1 }
            if j - i > bestLength {
                bestStart = i
                bestLength = j - i
            }
            i = j
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Four decimal parts 0–255, each of 1–3 digits.
    static func parseIPv4(_ text: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        var value = 0
        var digits = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, result.count < 3 else { return nil }
                result.append(UInt8(value))
                value = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, result.count == 3 else { return nil }
        result.append(UInt8(value))
        return result
    }

    /// RFC 4291 §2.2 text: eight groups of 1–4 hex digits, at most one `::`, optionally ending in a
    /// dotted IPv4 address that stands for the last two groups.
    static func parseIPv6(_ text: [UInt8]) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        var i = 0
        let n = text.count
        if n >= 2, text[0] == UInt8(ascii: ":"), text[1] == UInt8(ascii: ":") {
            sawDoubleColon = true
            i = 2
        } else if n >= 1, text[0] == UInt8(ascii: ":") {
            return nil
        }
        while i < n {
            // A group, or an IPv4 tail.
            var j = i
            var value = 0
            while j < n, let digit = hexValue(text[j]) {
                if j - i < 4 { value = value * 16 + digit }
                j += 1
            }
            if j < n, text[j] == UInt8(ascii: ".") {
                guard let v4 = parseIPv4(Array(text[i...])) else { return nil }
                let groups = [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                if sawDoubleColon { tail += groups } else { head += groups }
                i = n
                break
            }
            guard j > i, j - i <= 4 else { return nil }
            if sawDoubleColon { tail.append(UInt16(value)) } else { head.append(UInt16(value)) }
            i = j
            guard i < n else { break }
            guard text[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            if i < n, text[i] == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                i += 1
            } else if i == n {
                return nil  // a trailing single colon
            }
        }
        let total = head.count + tail.count
        if sawDoubleColon {
            guard total <= 7 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        let groups = head + [UInt16](repeating: 0, count: 8 - total) + tail
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// IPv4-mapped IPv6 (`::ffff:0:0/96`) as its IPv4 address; anything else unchanged.
    private static func unmapped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else {
            return bytes
        }
        return Array(bytes[12...])
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

/// An `ip` filter value (§6): "a sender IP equals the value, or lies in it when the value is CIDR".
///
/// A single address (`203.0.113.7`, `2001:db8::1`) or a CIDR block (`203.0.113.0/24`,
/// `2001:db8::/32`). Host bits set in a block (`203.0.113.7/24`) are ignored: the block is
/// `203.0.113.0/24`. IPv4 and IPv6 meet through IPv4-mapped addresses: `::ffff:203.0.113.7` is in
/// `203.0.113.0/24`, `203.0.113.7` is in `::ffff:203.0.113.0/120`, and `::/0` contains every address.
package struct IPPattern: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block (host bits cleared).
    package let network: IPAddress
    /// Prefix length in bits of ``network`` (32 for a single IPv4 address, 128 for IPv6).
    package let prefixLength: Int

    /// Parses `address` or `address/prefix` (see ``IPAddress/init(_:)`` for address forms); the prefix
    /// is 0–32 for IPv4 and 0–128 for IPv6, in decimal. `nil` for anything else.
    package init?(_ value: String) {
        let text = Substring(value).trimmingUnicodeWhitespace
        var addressText = text
        var prefix: Int?
        if let slash = text.lastIndex(of: "/") {
            let digits = text[text.index(after: slash)...]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let length = Int(digits)
            else { return nil }
            prefix = length
            addressText = text[..<slash]
        }
        guard let address = IPAddress(String(addressText)) else { return nil }
        // A mapped IPv6 block is an IPv4 block when it lies inside ::ffff:0:0/96.
        let writtenAsIPv6 = addressText.contains(":")
        var length = prefix ?? (writtenAsIPv6 ? 128 : 32)
        var bytes = address.bytes
        if address.isIPv4 && writtenAsIPv6 {
            guard length <= 128 else { return nil }
            if length >= 96 {
                length -= 96
            } else {
                bytes = address.ipv6Bytes
            }
        }
        guard length >= 0, length <= bytes.count * 8 else { return nil }
        self.network = IPAddress(masking: bytes, to: length)
        self.prefixLength = length
    }

    /// Whether `address` (any form ``IPAddress/init(_:)`` reads) lies in the block; `false` when it is
    /// not an address.
    package func contains(_ address: String) -> Bool {
        guard let parsed = IPAddress(address) else { return false }
        return contains(parsed)
    }

    package func contains(_ address: IPAddress) -> Bool {
        let network = self.network.bytes
        let candidate = address.bytes
        // An IPv4 address against an IPv6 block is compared as ::ffff:a.b.c.d (RFC 4291 §2.5.5.2).
        let mapped = network.count == 16 && candidate.count == 4
        guard mapped || candidate.count == network.count else { return false }
        for index in network.indices {
            let bitsKept = min(max(prefixLength - index * 8, 0), 8)
            guard bitsKept > 0 else { break }
            let byte: UInt8 = !mapped ? candidate[index] : index < 10 ? 0 : index < 12 ? 0xFF : candidate[index - 12]
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bitsKept))
            if byte & mask != network[index] { return false }
        }
        return true
    }

    /// `203.0.113.0/24`, `2001:db8::/32`, or the bare address for a single one.
    package var description: String {
        prefixLength == network.bytes.count * 8 ? network.description : "\(network)/\(prefixLength)"
    }
}

extension IPAddress {
    fileprivate init(masking bytes: [UInt8], to length: Int) {
        self.bytes = Self.prefix(bytes, length)
    }

    /// `bytes` with every bit past the first `length` cleared.
    fileprivate static func prefix(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let bitsKept = min(max(length - index * 8, 0), 8)
            result[index] &= bitsKept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsKept))
        }
        return result
    }
}
