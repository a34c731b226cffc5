/// A plain link: a printable-ASCII `http(s)://host/rest` whose host is a domain name, the common case
/// in mail, read and matched without the URL parser and without allocating. Anything else (user info,
/// a port, an IP or punycode host, a percent-escaped host, backslashes, white space, other schemes) is `nil`
/// here and goes through ``LinkURL``, whose results this type reproduces for the links it accepts.
struct PlainLink: Sendable {
    /// The link as written.
    let url: String
    /// The scheme as written, `http` or `https` in any case.
    private let schemeEnd: Int
    /// The host's bytes in ``url`` (after `://`, before the first `/`, `?` or `#`).
    private let hostRange: Range<Int>

    init?(_ url: String) {
        var url = url
        url.makeContiguousUTF8()
        guard let parts = url.utf8.withContiguousStorageIfAvailable({ Self.read($0) }) ?? nil else { return nil }
        self.url = url
        self.schemeEnd = parts.schemeEnd
        self.hostRange = parts.host
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> (schemeEnd: Int, host: Range<Int>)? {
        let schemeEnd: Int
        if hasPrefix(bytes, "https://") {
            schemeEnd = 5
        } else if hasPrefix(bytes, "http://") {
            schemeEnd = 4
        } else {
            return nil  // before reading the rest: a `data:` URI may be long
        }
        // Printable ASCII only: white space, controls and backslashes need LinkURL. Percent-escapes
        // are kept as written after the host (and refused in it, below).
        if !isPrintableWithoutBackslash(bytes) { return nil }
        let hostStart = schemeEnd + 3
        var i = hostStart
        var labelStart = i
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x2F || c == 0x3F || c == 0x23 { break }  // / ? #
            switch c {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D:
                break
            case 0x2E:
                guard i > labelStart else { return nil }  // an empty label (or a leading dot)
                if isPunycode(bytes, labelStart..<i) { return nil }
                labelStart = i + 1
            default:
                return nil  // user info, a port, brackets: LinkURL decides
            }
            i += 1
        }
        guard i > labelStart else { return nil }  // empty host, or a trailing dot
        let lastLabel = labelStart..<i
        if isPunycode(bytes, lastLabel) { return nil }
        // A numeric (or 0x) last label makes the host an IPv4 address for a browser: LinkURL reads it.
        if bytes[lastLabel].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return nil }
        if lastLabel.count >= 2, bytes[lastLabel.lowerBound] == 0x30, bytes[lastLabel.lowerBound + 1] | 0x20 == 0x78 { return nil }
        return (schemeEnd, hostStart..<i)
    }

    /// Whether every byte is printable ASCII other than `\\`, eight bytes at a time (tracking links are
    /// hundreds of bytes long). Each test below is exact for "some byte of the word is ...": a borrow
    /// or carry only reaches the bytes above one that is.
    private static func isPrintableWithoutBackslash(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            while i &+ 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let belowBang = (word &- ones &* 0x21) & ~word & high  // a byte <= 0x20
                let deleteOrHigh = ((word &+ ones) | word) & high  // a byte >= 0x7F
                let x = word ^ (ones &* 0x5C)
                let backslash = (x &- ones) & ~x & high
                if belowBang | deleteOrHigh | backslash != 0 { return false }
                i &+= 8
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte <= 0x20 || byte >= 0x7F || byte == 0x5C { return false }
            i += 1
        }
        return true
    }

    /// `xn--` labels are re-encoded by IDNA.
    private static func isPunycode(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> Bool {
        label.count >= 4 && bytes[label.lowerBound] | 0x20 == 0x78 && bytes[label.lowerBound + 1] | 0x20 == 0x6E
            && bytes[label.lowerBound + 2] == 0x2D && bytes[label.lowerBound + 3] == 0x2D
    }

    /// Case-insensitive; `prefix` is lower case. Only letters can match a byte other than their own:
    /// `:` and `/` already have bit 0x20 set, and the bytes that would fold onto them are controls.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = prefix.utf8Start
        for k in 0..<count where bytes[k] | 0x20 != start[k] { return false }
        return true
    }

    // MARK: - Matching

    /// Whether the host equals `domain` or is a subdomain of it (``DomainMatcher/matches(domain:)``).
    func hostMatches(_ domain: DomainMatcher) -> Bool {
        url.utf8.withContiguousStorageIfAvailable { bytes in
            domain.matches(asciiHost: UnsafeBufferPointer(rebasing: bytes[hostRange]))
        } ?? false
    }

    /// Whether the host equals one of the index's domain values or is a subdomain of one.
    func hostMatches(_ index: DomainValueIndex) -> Bool {
        index.matchesDomain(ascii: host)
    }

    /// Whether ``normalized`` (or, when `withScheme` is false, ``normalizedWithoutScheme``) starts with
    /// `prefix`, compared byte for byte without building either string.
    func normalizedStarts(with prefix: [UInt8], withScheme: Bool) -> Bool {
        url.utf8.withContiguousStorageIfAvailable { bytes in
            var matched = 0
            /// Compares the next bytes; true when the whole prefix has been matched.
            func consume(_ part: some Sequence<UInt8>, lowercased: Bool) -> Bool? {
                for byte in part {
                    if matched == prefix.count { return true }
                    let b = lowercased && byte &- 0x41 < 26 ? byte | 0x20 : byte
                    guard b == prefix[matched] else { return false }
                    matched += 1
                }
                return matched == prefix.count ? true : nil
            }
            if withScheme {
                if let done = consume(bytes[0..<(schemeEnd + 3)], lowercased: true) { return done }
            }
            if let done = consume(bytes[hostRange], lowercased: true) { return done }
            let rest = bytes[hostRange.upperBound...]
            if rest.first != 0x2F, let done = consume(CollectionOfOne(0x2F), lowercased: false) { return done }
            return consume(rest, lowercased: false) ?? false
        } ?? false
    }

    // MARK: - As strings (tests and evidence)

    /// The host in lower case.
    var host: String { String(decoding: url.utf8.dropFirst(hostRange.lowerBound).prefix(hostRange.count), as: UTF8.self).lowercased() }

    /// As ``LinkURL/normalized``: `scheme://host/rest`, scheme and host in lower case, `/` for an empty path.
    var normalized: String { String(url.prefix(schemeEnd)).lowercased() + "://" + normalizedWithoutScheme }

    /// As ``LinkURL/normalizedWithoutScheme``.
    var normalizedWithoutScheme: String {
        let rest = String(decoding: url.utf8.dropFirst(hostRange.upperBound), as: UTF8.self)
        return host + (rest.utf8.first == 0x2F ? rest : "/" + rest)
    }
}
