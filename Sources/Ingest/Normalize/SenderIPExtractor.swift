/// Finds sender IP addresses in header fields (§4): `X-Originating-IP`, `X-Sender-IP` and the
/// `from` clause of each `Received` hop (RFC 5321 §4.4: `"from" domain "(" TCP-info ")" ... "by" ...`).
package enum SenderIPExtractor {
    /// IP addresses in order of appearance, without duplicates.
    package static func senderIPs(headers: [(name: String, value: String)]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        func add(_ ip: String) {
            if seen.insert(ip).inserted { out.append(ip) }
        }
        for (name, value) in headers {
            if equalsIgnoringCase(name, "received") {
                ipLiterals(in: fromClause(of: value)).forEach(add)
            } else if equalsIgnoringCase(name, "x-originating-ip") || equalsIgnoringCase(name, "x-sender-ip")
                || equalsIgnoringCase(name, "x-originating-client-ip")
            {
                ipLiterals(in: Substring(value)).forEach(add)
            }
        }
        return out
    }

    /// ASCII case-insensitive equality without allocating (`lower` is lower-case).
    static func equalsIgnoringCase(_ name: String, _ lower: String) -> Bool {
        name.utf8.count == lower.utf8.count && zip(name.utf8, lower.utf8).allSatisfy { a, b in
            (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == b
        }
    }

    /// The part of a Received value before its `by` clause (the sending side).
    static func fromClause(of value: String) -> Substring {
        var value = value
        let end = value.withUTF8 { fromClauseEnd($0) }
        return Substring(value.utf8.prefix(end))
    }

    /// Where the `by` clause (or the `;` before the date) starts, or the end.
    private static func fromClauseEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 1
        while i + 3 < bytes.count {
            if isBlank(bytes[i - 1]), bytes[i] | 0x20 == 0x62, bytes[i + 1] | 0x20 == 0x79, isBlank(bytes[i + 2]) { return i }
            if bytes[i] == 0x3B { return i }
            i += 1
        }
        return bytes.count
    }

    /// IPv4 dotted quads and IPv6 literals (`[IPv6:...]`, `[2001:db8::1]`) found in `text`.
    static func ipLiterals(in text: Substring) -> [String] {
        var out: [String] = []
        var text = text
        text.withUTF8 { ipLiterals(in: $0) { out.append($0) } }
        return out
    }

    private static func ipLiterals(in chars: UnsafeBufferPointer<UInt8>, _ found: (String) -> Void) {
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if isDigit(c), i == 0 || !(isDigit(chars[i - 1]) || chars[i - 1] == 0x2E || isAlpha(chars[i - 1])) {
                if let (ip, end) = ipv4(chars, i) {
                    found(ip)
                    i = end
                    continue
                }
            }
            if c == 0x5B, let (ip, end) = ipv6Literal(chars, after: i) {  // "[" may open an IPv6 literal
                found(ip)
                i = end
                continue
            }
            i += 1
        }
    }

    /// The IPv6 literal after the `[` at `bracket` (RFC 5321 `IPv6:` tag dropped), lower-cased, and
    /// where it ends (at the `]` or the blank that ends it).
    private static func ipv6Literal(_ chars: UnsafeBufferPointer<UInt8>, after bracket: Int) -> (String, Int)? {
        var end = bracket + 1
        while end < chars.count, chars[end] != 0x5D, chars[end] != 0x20 { end += 1 }
        var start = bracket + 1
        let literal = UnsafeBufferPointer(rebasing: chars[start..<end])
        if literal.starts(with: "IPv6:".utf8) || literal.starts(with: "ipv6:".utf8) { start += 5 }
        let address = UnsafeBufferPointer(rebasing: chars[start..<end])
        guard address.count >= 3, address.contains(0x3A),
            address.allSatisfy({ isDigit($0) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) || $0 == 0x3A || $0 == 0x2E })
        else { return nil }
        return (String(decoding: address.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self), end)
    }

    /// A dotted quad at `start`, written without leading zeros, and where it ends.
    private static func ipv4(_ c: UnsafeBufferPointer<UInt8>, _ start: Int) -> (String, Int)? {
        var i = start
        var text: [UInt8] = []
        text.reserveCapacity(15)
        for octet in 0..<4 {
            var value = 0
            var digits = 0
            while i < c.count, isDigit(c[i]), digits < 4 {
                value = value * 10 + Int(c[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0, digits <= 3, value <= 255 else { return nil }
            if octet > 0 { text.append(0x2E) }
            if value >= 100 { text.append(UInt8(0x30 + value / 100)) }
            if value >= 10 { text.append(UInt8(0x30 + value / 10 % 10)) }
            text.append(UInt8(0x30 + value % 10))
            if octet < 3 {
                guard i < c.count, c[i] == 0x2E else { return nil }
                i += 1
            }
        }
        if i < c.count, isDigit(c[i]) || (c[i] == 0x2E && i + 1 < c.count && isDigit(c[i + 1])) || isAlpha(c[i]) { return nil }
        return (String(decoding: text, as: UTF8.self), i)
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
