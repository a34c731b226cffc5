/// The domain and address values of one filter, indexed so that a list of thousands (an IOC list)
/// costs a few hash look-ups per address or host instead of one comparison per value.
///
/// Same answers as asking each ``AddressMatcher`` / ``DomainMatcher`` in turn: a host matches a
/// domain value when the host's ASCII form equals it or ends in `.` + it, so the host and each of its
/// parent domains are looked up; an address matches an address value when the mapped local part and
/// the ASCII domain are equal. A domain that has no ASCII form is left to the matchers themselves.
struct DomainValueIndex: Sendable {
    /// ASCII forms of the domain values.
    private let domains: Set<String>
    /// `local@domain` (mapped local part, ASCII domain) of the address values.
    private let addresses: Set<String>
    private let matchers: [AddressMatcher]

    init(_ matchers: [AddressMatcher]) {
        self.matchers = matchers
        var domains: Set<String> = []
        var addresses: Set<String> = []
        for matcher in matchers {
            switch matcher.kind {
            case .domain(let domain): domains.insert(domain.asciiForm)
            case .address(let localPart, let domain): addresses.insert(localPart + "@" + domain)
            }
        }
        self.domains = domains
        self.addresses = addresses
    }

    init(domains: [DomainMatcher]) {
        self.init(domains.map { AddressMatcher(domain: $0) })
    }

    var isEmpty: Bool { matchers.isEmpty }

    /// Whether an address as written in mail matches a value.
    func matches(address: String) -> Bool {
        guard !matchers.isEmpty else { return false }
        let text = Substring(address).trimmingUnicodeWhitespace
        guard let at = text.lastIndex(ofScalar: "@") else { return false }
        let domain = String(text[text.unicodeScalars.index(after: at)...])
        guard let ascii = IDNA.toASCII(domain) else {
            return matchers.contains { $0.matches(address: address) }
        }
        if !addresses.isEmpty, addresses.contains(AddressMatcher.comparableLocalPart(text[..<at]) + "@" + ascii) { return true }
        return matchesDomain(ascii: ascii)
    }

    /// Whether a domain (a link's host as ``LinkURL`` gives it, a `mailto:` domain) equals a domain
    /// value or is a subdomain of one.
    func matchesDomain(_ domain: String) -> Bool {
        guard !domains.isEmpty else { return false }
        let candidate = Substring(domain).trimmingUnicodeWhitespace
        guard !candidate.isEmpty else { return false }
        guard let ascii = IDNA.toASCII(String(candidate)) else {
            return matchers.contains { matcher in
                if case .domain(let value) = matcher.kind { return value.matches(domain: domain) }
                return false
            }
        }
        return matchesDomain(ascii: ascii)
    }

    /// Whether a host already in lower-case ASCII form (a link's host) equals a domain value or is a
    /// subdomain of one.
    func matchesDomain(ascii host: some StringProtocol) -> Bool {
        guard !domains.isEmpty else { return false }
        var rest = Substring(host)
        while true {
            if domains.contains(String(rest)) { return true }
            guard let dot = rest.utf8.firstIndex(of: UInt8(ascii: ".")) else { return false }
            rest = rest[rest.utf8.index(after: dot)...]
        }
    }
}
