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
        let bytes = Array(value.utf8)
        var i = 1
        while i + 3 < bytes.count {
            if (bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 || bytes[i - 1] == 0x0A || bytes[i - 1] == 0x0D),
               bytes[i] | 0x20 == 0x62, bytes[i + 1] | 0x20 == 0x79,
               bytes[i + 2] == 0x20 || bytes[i + 2] == 0x09 || bytes[i + 2] == 0x0A || bytes[i + 2] == 0x0D {
                return Substring(String(decoding: bytes[..<i], as: UTF8.self))
            }
            if bytes[i] == 0x3B { return Substring(String(decoding: bytes[..<i], as: UTF8.self)) }
            i += 1
        }
        return Substring(value)
    }

    /// IPv4 dotted quads and IPv6 literals (`[IPv6:...]`, `[2001:db8::1]`) found in `text`.
    static func ipLiterals(in text: Substring) -> [String] {
        var out: [String] = []
        let chars = Array(text.utf8)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if isDigit(c), i == 0 || !(isDigit(chars[i - 1]) || chars[i - 1] == 0x2E || isAlpha(chars[i - 1])) {
                if let (ip, end) = ipv4(chars, i) {
                    out.append(ip)
                    i = end
                    continue
                }
            }
            if c == 0x5B {  // "[" may open an IPv6 literal
                var j = i + 1
                var literal = chars[j...].prefix { $0 != 0x5D && $0 != 0x20 }
                j += literal.count
                if let colon = literal.firstIndex(of: 0x3A), literal.starts(with: Array("IPv6:".utf8)) || literal.starts(with: Array("ipv6:".utf8)) {
                    literal = literal[(colon + 1)...]
                }
                let s = String(decoding: literal, as: UTF8.self)
                if s.contains(":"), s.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), s.count >= 3 {
                    out.append(s.lowercased())
                    i = j
                    continue
                }
            }
            i += 1
        }
        return out
    }

    private static func ipv4(_ c: [UInt8], _ start: Int) -> (String, Int)? {
        var i = start
        var octets: [Int] = []
        while octets.count < 4 {
            var value = 0
            var digits = 0
            while i < c.count, isDigit(c[i]), digits < 4 {
                value = value * 10 + Int(c[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0, digits <= 3, value <= 255 else { return nil }
            octets.append(value)
            if octets.count < 4 {
                guard i < c.count, c[i] == 0x2E else { return nil }
                i += 1
            }
        }
        if i < c.count, isDigit(c[i]) || (c[i] == 0x2E && i + 1 < c.count && isDigit(c[i + 1])) || isAlpha(c[i]) { return nil }
        return (octets.map(String.init).joined(separator: "."), i)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
