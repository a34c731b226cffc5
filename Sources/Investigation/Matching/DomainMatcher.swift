/// A domain filter value (§6 `from`/`to`/`cc`/`bcc` without `@`, and `url` domains): a domain matches
/// when it **equals the value or is a subdomain of it**.
///
/// - Label boundaries: `mail.contoso.com` is a subdomain of `contoso.com`; `evilcontoso.com` is not.
/// - Case-insensitive; a trailing dot (`contoso.com.`) is ignored on either side.
/// - Internationalized domains match in both forms: `bücher.example`, `BÜCHER.example` and
///   `xn--bcher-kva.example` are one domain (both sides are compared in their ``IDNA`` ASCII form).
///
/// ```swift
/// let matcher = DomainMatcher("bücher.example")!
/// matcher.matches(domain: "mail.xn--bcher-kva.example")   // true
/// ```
package struct DomainMatcher: Sendable, Hashable {
    /// The value in ASCII form (`xn--bcher-kva.example`).
    package let asciiForm: String
    /// The value in Unicode form (`bücher.example`).
    package let unicodeForm: String
    private let dottedASCII: [UInt8]

    /// Parses a domain value; `nil` when it is not one: empty, an empty label (`a..b`, `.a`), white
    /// space, or a character that cannot be in a host name (`@ / \ : ? # [ ] < > "` and controls), or
    /// an `xn--` label that is not valid Punycode. Surrounding white space and a leading `@` or `*.`
    /// (`@contoso.com`, `*.contoso.com`) are accepted and ignored.
    package init?(_ value: String) {
        var text = Substring(value).trimmingUnicodeWhitespace
        if text.hasBytePrefix("@") {
            text = text.droppingScalars(1)
        } else if text.hasBytePrefix("*.") {
            text = text.droppingScalars(2)
        }
        guard !text.isEmpty else { return nil }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x21 || scalar.value == 0x7F || scalar.isUnicodeWhitespace { return nil }
            if "@/\\:?#[]<>\"".unicodeScalars.contains(scalar) { return nil }
        }
        let labels = IDNA.splitLabels(String(text))
        guard !labels.contains(where: \.isEmpty) else { return nil }
        for label in labels where IDNA.isACE(IDNA.mapLabel(label)) {
            guard Punycode.decode(String(IDNA.mapLabel(label).dropFirst(IDNA.acePrefix.count))) != nil else {
                return nil
            }
        }
        guard let ascii = IDNA.toASCII(String(text)) else { return nil }
        self.asciiForm = ascii
        self.unicodeForm = IDNA.toUnicode(String(text))
        self.dottedASCII = Array(("." + ascii).utf8)
    }

    /// Whether `domain` (as found in mail, in either form) equals the value or is a subdomain of it.
    /// ``matches(domain:)`` for a host in ASCII without punycode labels (a plain link's host), in any
    /// case: a byte comparison, no IDNA work.
    package func matches(asciiHost host: UnsafeBufferPointer<UInt8>) -> Bool {
        let dotted = dottedASCII.count
        if host.count == dotted - 1 { return zip(host, dottedASCII.dropFirst()).allSatisfy { $0.asciiLowercased == $1 } }
        guard host.count > dotted else { return false }
        return zip(host[(host.count - dotted)...], dottedASCII).allSatisfy { $0.asciiLowercased == $1 }
    }

    package func matches(domain: String) -> Bool {
        let candidate = Substring(domain).trimmingUnicodeWhitespace
        guard !candidate.isEmpty else { return false }
        guard let ascii = IDNA.toASCII(String(candidate)) else {
            return Self.isSameOrSubdomain(IDNA.toUnicode(String(candidate)), of: unicodeForm)
        }
        let bytes = ascii.utf8
        if bytes.count == dottedASCII.count - 1 { return bytes.elementsEqual(dottedASCII.dropFirst()) }
        return bytes.count > dottedASCII.count && bytes.suffix(dottedASCII.count).elementsEqual(dottedASCII)
    }

    /// Byte comparison: both sides are already mapped (lower-cased, NFC), and `String`'s canonical
    /// comparison of hostile text can be slow.
    private static func isSameOrSubdomain(_ candidate: String, of value: String) -> Bool {
        let candidate = Array(candidate.utf8)
        let dotted = Array(("." + value).utf8)
        return candidate.elementsEqual(dotted.dropFirst())
            || (candidate.count > dotted.count && candidate.suffix(dotted.count).elementsEqual(dotted))
    }
}

/// An address filter value for `from`, `to`, `cc`, `bcc` (§6): with `@`, "an address in that field
/// equals it (case-insensitive)"; without, "the address's domain equals it or is a subdomain of it"
/// (``DomainMatcher``).
///
/// Addresses compare with the local part lower-cased and in NFC (Unicode lower-casing, for SMTPUTF8
/// local parts) and the domain in its ``IDNA`` ASCII form, so `Billing@BÜCHER.example` equals
/// `billing@xn--bcher-kva.example`. A value written `@contoso.com` is a domain value.
package struct AddressMatcher: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// A whole address: lower-cased local part, ASCII-form domain.
        case address(localPart: String, domain: String)
        case domain(DomainMatcher)
    }

    package let kind: Kind

    /// Parses a value; `nil` when it is neither an address (`local@domain`, optionally in `<>`) nor a
    /// domain (see ``DomainMatcher/init(_:)``).
    package init?(_ value: String) {
        var text = Substring(value).trimmingUnicodeWhitespace
        if text.hasBytePrefix("<"), text.hasByteSuffix(">"), text.utf8.count >= 2 {
            text = text.droppingScalars(1).droppingLastScalars(1)
        }
        guard let at = text.lastIndex(ofScalar: "@"), at != text.startIndex else {
            guard let domain = DomainMatcher(String(text)) else { return nil }
            self.kind = .domain(domain)
            return
        }
        let local = text[..<at]
        guard !local.unicodeScalars.contains(where: \.isUnicodeWhitespace),
            let domain = DomainMatcher(String(text[text.unicodeScalars.index(after: at)...]))
        else { return nil }
        self.kind = .address(localPart: Self.comparableLocalPart(local), domain: domain.asciiForm)
    }

    /// Whether `address` (an address as written in mail, `local@domain`) matches the value.
    package func matches(address: String) -> Bool {
        let text = Substring(address).trimmingUnicodeWhitespace
        guard let at = text.lastIndex(ofScalar: "@") else { return false }
        let domain = String(text[text.unicodeScalars.index(after: at)...])
        switch kind {
        case .domain(let matcher):
            return matcher.matches(domain: domain)
        case .address(let localPart, let valueDomain):
            guard Self.comparableLocalPart(text[..<at]).utf8.elementsEqual(localPart.utf8) else { return false }
            let candidate = IDNA.toASCII(domain) ?? IDNA.toUnicode(domain)
            return candidate.utf8.elementsEqual(valueDomain.utf8)
        }
    }

    /// A local part lower-cased and in NFC (``IDNA/mapLabel(_:)``), compared as bytes.
    /// A domain value (for ``DomainValueIndex``).
    init(domain: DomainMatcher) {
        self.kind = .domain(domain)
    }

    static func comparableLocalPart(_ local: Substring) -> String {
        IDNA.mapLabel(local)
    }
}

