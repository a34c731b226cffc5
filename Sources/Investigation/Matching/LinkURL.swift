/// A link as found in mail (an HTML `href`/`src`, or a URL in plain text), read the way a browser
/// would read it and reduced to what the §6 `url` filter compares: its host and a normalized form.
///
/// Reading (after the WHATWG URL Standard where it matters for where a click goes):
/// - Leading and trailing white space and C0 controls are removed, and tabs and line breaks anywhere
///   (an HTML attribute may wrap).
/// - The scheme is lower-cased. For the special schemes `http`, `https`, `ftp`, `ws`, `wss` and
///   `file`, backslashes count as slashes and any number of slashes may follow the colon
///   (`https:\\evil.example\x` goes to `evil.example`). A link without a scheme is read as `http`
///   when it starts with `//` or with a host name (`www.example.com/x`, `example.com:8080/`).
/// - The host is what follows the user info (`https://paypal.com@evil.example/` goes to
///   `evil.example`), percent-decoded, lower-cased, in its ``IDNA`` ASCII form, without a trailing
///   dot. An IPv6 host is in brackets; a host that ends in a number is an IPv4 address in any of the
///   browser's forms (`http://3405803783/`, `http://0xCB.0.113.7/`, `http://203.113.7/` are all
///   `203.0.113.7` — phishing uses them to hide an address).
/// - A port equal to the scheme's default (80, 443, 21) is dropped.
/// - Only the special schemes (and scheme-less links read as `http`) have a host. Relative references
///   (`/x`, `#top`), `javascript:`, `data:`, `tel:`, `cid:` and any other scheme — including defanged
///   `hxxp://` and `hxxps://`, which are not re-armed — have ``host`` `nil`. A `mailto:` link has no
///   host, but its addresses' domains are in ``mailtoDomains``.
/// - Scheme-less text is read as a host when its first segment looks like a host name with a dot, so a
///   relative `invoice.pdf` reads as the host `invoice.pdf`; without a list of top-level domains
///   this cannot be told apart from `example.com`, and only a filter for that name could match it.
///
/// The normalized form is `scheme://host[:port]` followed by the path, query and fragment **as
/// written** (backslashes turned into slashes for special schemes, an empty path written `/`). The
/// path keeps its case and its percent-encoding; the fragment is kept, so a value without one still
/// matches links that have one. User info is dropped. A link with no authority normalizes to
/// `scheme:` plus the rest as written.
package struct LinkURL: Sendable, Hashable {
    /// The lower-cased scheme (`http` when the link had none and starts with a host).
    package let scheme: String
    /// Whether the scheme was written (`false` for `www.example.com/x`).
    package let hasWrittenScheme: Bool
    /// The host, or `nil` for links that have none.
    package let host: Host?
    /// The port, when written and not the scheme's default.
    package let port: Int?
    /// Path, query and fragment as written (see the type's documentation); `/` at least when there is
    /// a host.
    package let rest: String
    /// `mailto:` links: the domains of the addresses (ASCII form).
    package let mailtoDomains: [String]

    package enum Host: Sendable, Hashable, CustomStringConvertible {
        /// A domain in ``IDNA`` ASCII form.
        case domain(String)
        case ip(IPAddress)

        package var description: String {
            switch self {
            case .domain(let name): name
            case .ip(let address): address.isIPv4 ? address.description : "[\(address)]"
            }
        }
    }

    /// `scheme://host[:port]/rest`, or `scheme:rest` for links without a host.
    package var normalized: String {
        guard let host else { return scheme + ":" + rest }
        return scheme + "://" + host.description + (port.map { ":\($0)" } ?? "") + rest
    }

    /// ``normalized`` without `scheme://`.
    package var normalizedWithoutScheme: String {
        guard let host else { return rest }
        return host.description + (port.map { ":\($0)" } ?? "") + rest
    }

    static let specialSchemes: Set<String> = ["http", "https", "ftp", "ws", "wss", "file"]
    static let defaultPorts: [String: Int] = ["http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443]

    /// Reads a link. `nil` only for an empty link or a host a browser would refuse (a bad port, an
    /// IPv4 number out of range, an unclosed IPv6 bracket); a relative link is a `LinkURL` without host.
    package init?(_ link: String) {
        self.init(link, readingBytesFirst: true)
    }

    /// `readingBytesFirst: false` reads every link through the general (scalar) path, for tests that
    /// check the byte path against it.
    init?(_ link: String, readingBytesFirst: Bool) {
        if readingBytesFirst, let read = LinkURL(writtenWithoutHost: link) {
            self = read
            return
        }
        let scalars = Self.cleaned(link)
        guard !scalars.isEmpty else { return nil }

        // Scheme?
        var index = 0
        var scheme: String?
        if let colon = Self.schemeEnd(scalars) {
            let candidate = String(scalars: scalars[..<colon]).lowercased()
            let after = Array(scalars[(colon + 1)...])
            let followedBySlashes = after.starts(with: ["/", "/"])
            if Self.specialSchemes.contains(candidate) || followedBySlashes || !Self.looksLikePort(after) {
                scheme = candidate
                index = colon + 1
            }
        }

        if let scheme {
            let special = Self.specialSchemes.contains(scheme)
            var slashes = index
            while slashes < scalars.count, scalars[slashes] == "/" || (special && scalars[slashes] == "\\") {
                slashes += 1
            }
            if special {
                guard let parsed = Self.parseAuthority(scalars, from: slashes, scheme: scheme, special: special)
                else { return nil }
                self.init(scheme: scheme, written: true, authority: parsed)
            } else {
                let rest = String(scalars: scalars[index...])
                self.init(
                    scheme: scheme, written: true, host: nil, port: nil, rest: rest,
                    mailtoDomains: scheme == "mailto" ? Self.mailtoDomains(rest) : [])
            }
            return
        }

        // No scheme: `//host/...`, or a host name first, is read as http; anything else is relative.
        if scalars.starts(with: ["/", "/"]) || scalars.starts(with: ["\\", "\\"]) {
            guard let parsed = Self.parseAuthority(scalars, from: 2, scheme: "http", special: true) else { return nil }
            self.init(scheme: "http", written: false, authority: parsed)
            return
        }
        if Self.startsWithHostName(scalars),
            let parsed = Self.parseAuthority(scalars, from: 0, scheme: "http", special: true)
        {
            self.init(scheme: "http", written: false, authority: parsed)
            return
        }
        self.init(
            scheme: "http", written: false, host: nil, port: nil, rest: String(scalars: scalars[...]),
            mailtoDomains: [])
    }

    private init(scheme: String, written: Bool, authority: Authority) {
        self.init(
            scheme: scheme, written: written, host: authority.host,
            port: authority.port.flatMap { $0 == Self.defaultPorts[scheme] ? nil : $0 }, rest: authority.rest,
            mailtoDomains: [])
    }

    private init(scheme: String, written: Bool, host: Host?, port: Int?, rest: String, mailtoDomains: [String]) {
        self.scheme = scheme
        self.hasWrittenScheme = written
        self.host = host
        self.port = port
        self.rest = rest
        self.mailtoDomains = mailtoDomains
    }

    // MARK: - Reading

    private struct Authority {
        var host: Host?
        var port: Int?
        var rest: String
    }

    /// The scheme and the rest of a link written with a scheme that has no host (`data:`, `cid:`,
    /// `mailto:`, `javascript:`, ...) and with nothing for ``cleaned(_:)`` to remove, read from its
    /// bytes: what the scalar path gives, without turning a long `data:` URI into an array of scalars.
    /// `nil` sends the link down the general path.
    private static func writtenOtherScheme(_ link: String) -> (scheme: String, rest: Substring)? {
        let found = link.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            // The ends must be visible ASCII (a non-ASCII last scalar may be white space to trim).
            guard let first = bytes.first, let last = bytes.last, last > 0x20, last < 0x7F,
                (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A
            else { return nil }
            var colon = 1
            while colon < bytes.count, bytes[colon] != 0x3A {
                let c = bytes[colon]
                let isSchemeByte = ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E
                guard isSchemeByte else { return nil }
                colon += 1
            }
            guard colon < bytes.count else { return nil }
            var index = colon + 1
            // Eight bytes at a time while none is below 0x0E (a `data:` URI is tens of KB of base64).
            if let base = bytes.baseAddress {
                while index &+ 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                    index &+= 8
                }
            }
            while index < bytes.count {
                let c = bytes[index]
                if c == 0x09 || c == 0x0A || c == 0x0D { return nil }
                index += 1
            }
            // `host:8080/x` without a scheme: the general path reads it as a host and port.
            let rest = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
            let afterSlashes = rest.count >= 2 && rest[0] == 0x2F && rest[1] == 0x2F
            if !afterSlashes, looksLikePort(rest.prefix(7).map { Unicode.Scalar($0) }) { return nil }
            return colon
        }
        guard let colonOffset = found ?? nil else { return nil }
        let colon = link.utf8.index(link.utf8.startIndex, offsetBy: colonOffset)
        let scheme = String(link[..<colon]).lowercased()
        guard !specialSchemes.contains(scheme) else { return nil }
        return (scheme, link[link.utf8.index(after: colon)...])
    }

    /// Reads `link` when it is written with a scheme that has no host (`data:`, `cid:`, `mailto:`, ...)
    /// and nothing to clean (what ``init(_:)`` gives for it, from its bytes); `nil` for any other link.
    package init?(writtenWithoutHost link: String) {
        guard let (scheme, rest) = Self.writtenOtherScheme(link) else { return nil }
        self.init(
            scheme: scheme, written: true, host: nil, port: nil, rest: String(rest),
            mailtoDomains: scheme == "mailto" ? Self.mailtoDomains(String(rest)) : [])
    }

    /// Whether `link` is written with a scheme that has no host (`data:`, `cid:`, `mailto:`, ...), as
    /// ``host`` would say after reading it, without making the strings of a reading (a `data:` image
    /// link is tens of KB).
    package static func isWrittenWithoutHost(_ link: String) -> Bool {
        writtenOtherScheme(link) != nil
    }

    /// Without surrounding white space and controls, and without tabs and line breaks anywhere.
    private static func cleaned(_ link: String) -> [Unicode.Scalar] {
        let all = Array(link.unicodeScalars)
        func isTrimmed(_ scalar: Unicode.Scalar) -> Bool { scalar.value <= 0x20 || scalar.isUnicodeWhitespace }
        guard let first = all.firstIndex(where: { !isTrimmed($0) }), let last = all.lastIndex(where: { !isTrimmed($0) })
        else { return [] }
        return all[first...last].filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
    }

    /// The index of the colon ending a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    private static func schemeEnd(_ scalars: [Unicode.Scalar]) -> Int? {
        guard let first = scalars.first, first.isASCIILetter else { return nil }
        var i = 1
        while i < scalars.count {
            let c = scalars[i]
            if c == ":" { return i }
            guard c.isASCIILetter || c.isASCIIDigit || c == "+" || c == "-" || c == "." else { return nil }
            i += 1
        }
        return nil
    }

    /// `8080`, `8080/x`, `8080?q`: what follows `host:` when a scheme-less link has a port.
    private static func looksLikePort(_ after: [Unicode.Scalar]) -> Bool {
        let digits = after.prefix { $0.isASCIIDigit }
        guard !digits.isEmpty else { return false }
        guard digits.count < after.count else { return true }
        return ["/", "\\", "?", "#"].contains(after[digits.count])
    }

    /// Whether a scheme-less link starts with something that reads as a host name: the text up to the
    /// first `/ \ ? #` (without user info and port) has a dot, no empty label, only host characters,
    /// and a last label that is not all digits unless it is a dotted-quad IPv4 address.
    private static func startsWithHostName(_ scalars: [Unicode.Scalar]) -> Bool {
        let end = scalars.firstIndex { $0 == "/" || $0 == "\\" || $0 == "?" || $0 == "#" } ?? scalars.count
        var authority = Array(scalars[..<end])
        if let at = authority.lastIndex(of: "@") { authority = Array(authority[(at + 1)...]) }
        if authority.first == "[" { return authority.contains("]") }
        if let colon = authority.lastIndex(of: ":") { authority = Array(authority[..<colon]) }
        guard authority.contains("."), authority.first != ".", !authority.contains(where: \.isUnicodeWhitespace) else {
            return false
        }
        for c in authority where c.value < 0x80 {
            guard c.isASCIILetter || c.isASCIIDigit || c == "-" || c == "." || c == "_" || c == "%" else { return false }
        }
        let labels = String(scalars: authority[...])[...].splitScalars(where: { $0 == "." })
        let nonEmpty = labels.last?.isEmpty == true ? labels.dropLast() : labels[...]
        guard !nonEmpty.contains(where: \.isEmpty), let last = nonEmpty.last else { return false }
        if last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return nonEmpty.count == 4 }
        return true
    }

    /// Reads `[userinfo@]host[:port]` from `start`, then the rest.
    private static func parseAuthority(_ scalars: [Unicode.Scalar], from start: Int, scheme: String, special: Bool)
        -> Authority?
    {
        var end = start
        while end < scalars.count {
            let c = scalars[end]
            if c == "/" || c == "?" || c == "#" || (special && c == "\\") { break }
            end += 1
        }
        var authority = Array(scalars[start..<end])
        if let at = authority.lastIndex(of: "@") { authority = Array(authority[(at + 1)...]) }
        var restScalars = Array(scalars[end...])
        if special { restScalars = restScalars.map { $0 == "\\" ? "/" : $0 } }
        var rest = String(scalars: restScalars[...])
        if rest.isEmpty || rest.utf8.first == UInt8(ascii: "?") || rest.utf8.first == UInt8(ascii: "#") { rest = "/" + rest }

        var hostScalars = authority
        var portText: [Unicode.Scalar] = []
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostScalars = Array(authority[...close])
            let after = authority[(close + 1)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                portText = Array(after.dropFirst())
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostScalars = Array(authority[..<colon])
            portText = Array(authority[(colon + 1)...])
        }
        var port: Int?
        if !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
                let value = Int(String(scalars: portText[...])), value <= 65535
            else { return nil }
            port = value
        }
        if hostScalars.isEmpty {
            // `file:///x` has an empty host; for the others there is nothing to compare.
            return Authority(host: nil, port: port, rest: rest)
        }
        guard let host = parseHost(hostScalars) else { return nil }
        return Authority(host: host, port: port, rest: rest)
    }

    /// A host as a browser reads it: IPv6 in brackets, an IPv4 number, or a domain.
    static func parseHost(_ scalars: [Unicode.Scalar]) -> Host? {
        let text = String(scalars: scalars[...])
        if scalars.first == "[" {
            guard let address = IPAddress(text), !address.isIPv4 || text.utf8.contains(UInt8(ascii: ":")) else {
                return nil
            }
            return .ip(address)
        }
        let decoded = percentDecoded(text)
        if let ipv4 = whatwgIPv4(decoded) {
            guard let address = ipv4 else { return nil }
            return .ip(address)
        }
        guard let ascii = IDNA.toASCII(decoded) else { return .domain(IDNA.toUnicode(decoded)) }
        return .domain(ascii)
    }

    /// The WHATWG IPv4 parser: `nil` when the host does not end in a number (it is a domain);
    /// `.some(nil)` when it does but is not a valid address (the browser refuses the URL).
    static func whatwgIPv4(_ host: String) -> IPAddress?? {
        var parts = host[...].splitScalars(where: { $0 == "." })
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard let last = parts.last, endsInNumber(last) else { return nil }
        guard parts.count <= 4 else { return .some(nil) }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = ipv4Number(part) else { return .some(nil) }
            numbers.append(number)
        }
        for number in numbers.dropLast() where number > 255 { return .some(nil) }
        let lastLimit = UInt64(1) << (8 * UInt64(5 - numbers.count))
        guard numbers[numbers.count - 1] < lastLimit else { return .some(nil) }
        var value = numbers[numbers.count - 1]
        for (index, number) in numbers.dropLast().enumerated() { value += number << (8 * UInt64(3 - index)) }
        let bytes = [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        return .some(IPAddress(bytes: bytes))
    }

    private static func endsInNumber(_ part: Substring) -> Bool {
        if !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        return ipv4Number(part) != nil && (part.hasBytePrefix("0x") || part.hasBytePrefix("0X"))
    }

    /// One part: `0x` hex, leading-`0` octal, or decimal (WHATWG "IPv4 number parser").
    private static func ipv4Number(_ part: Substring) -> UInt64? {
        var bytes = Array(part.utf8)[...]
        guard !bytes.isEmpty, bytes.count <= 34, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var radix = 10
        if bytes.count >= 2, bytes.first == UInt8(ascii: "0"), bytes.dropFirst().first.map({ $0 | 0x20 }) == UInt8(ascii: "x") {
            bytes = bytes.dropFirst(2)
            radix = 16
        } else if bytes.count >= 2, bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
            radix = 8
        }
        if bytes.isEmpty { return 0 }
        return UInt64(String(decoding: bytes, as: UTF8.self), radix: radix)
    }

    /// `%XX` sequences decoded when the result is valid UTF-8; the text as written otherwise.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "%"), i + 2 < source.count,
                let high = hexDigit(source[i + 1]), let low = hexDigit(source[i + 2])
            {
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? text
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Domains of the addresses of a `mailto:` link (`a@x.example,b@y.example?subject=...`).
    private static func mailtoDomains(_ rest: String) -> [String] {
        let to = rest[...].splitScalars(where: { $0 == "?" })[0]
        return percentDecoded(String(to))[...].splitScalars(where: { $0 == "," }).compactMap { address in
            guard let at = address.lastIndex(ofScalar: "@") else { return nil }
            let domain = String(address[address.unicodeScalars.index(after: at)...][...].trimmingUnicodeWhitespace)
            guard !domain.isEmpty else { return nil }
            return IDNA.toASCII(domain) ?? IDNA.toUnicode(domain)
        }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}

extension String {
    /// A string of Unicode scalars, ASCII appended byte by byte (the standard library's generic
    /// `UnicodeScalarView.append(contentsOf:)` is not specialized outside it, and links can be long).
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
