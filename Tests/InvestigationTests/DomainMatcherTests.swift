@testable import Investigation
import Testing

@Suite struct DomainPunycodeTests {
    /// RFC 3492 §7.1 samples and common labels (checked against CPython's `punycode` codec).
    @Test(arguments: [
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("faß", "fa-hia"),
        ("ü", "tda"),
        ("bücher-a", "bcher-a-n2a"),
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        ("PorquénopuedensimplementehablarenEspañol", "PorqunopuedensimplementehablarenEspaol-fmd56a"),
        ("-> $1.00 <-", "-> $1.00 <--"),
    ])
    func encodesAndDecodes(unicode: String, encoded: String) {
        #expect(Punycode.encode(unicode) == encoded)
        #expect(Punycode.decode(encoded) == unicode)
    }

    @Test func decodesDigitsInEitherCase() {
        #expect(Punycode.decode("BCHER-KVA") == "BüCHER")
        #expect(Punycode.decode("bcher-KVA") == "bücher")
    }

    @Test(arguments: ["bcher-kv!", "bcher-k", "99999999999999999999", "bü-kva", "a-9999999"])
    func rejectsInvalidInput(_ text: String) {
        #expect(Punycode.decode(text) == nil)
    }

    @Test func refusesHostileLengths() {
        #expect(Punycode.encode(String(repeating: "ü", count: 5_000)) == nil)
        #expect(Punycode.decode(String(repeating: "a", count: 5_000)) == nil)
    }
}

@Suite struct DomainIDNATests {
    @Test func convertsBothWays() {
        #expect(IDNA.toASCII("bücher.example") == "xn--bcher-kva.example")
        #expect(IDNA.toASCII("BÜCHER.Example.") == "xn--bcher-kva.example")
        #expect(IDNA.toASCII("Mail.Contoso.COM") == "mail.contoso.com")
        #expect(IDNA.toUnicode("xn--bcher-kva.example") == "bücher.example")
        #expect(IDNA.toUnicode("XN--BCHER-KVA.Example") == "bücher.example")
        #expect(IDNA.toASCII("faß.de") == "xn--fa-hia.de")
    }

    @Test func mapsWithNFCAndIDNAFullStops() {
        #expect(IDNA.toASCII("bu\u{0308}cher.example") == "xn--bcher-kva.example")
        #expect(IDNA.toASCII("bücher\u{3002}example") == "xn--bcher-kva.example")
        #expect(IDNA.toASCII("例え\u{FF0E}テスト") == "xn--r8jz45g.xn--zckzah")
    }

    @Test func reencodesPunycodeSpelledWithUpperCaseLetters() {
        // `xn--bcher-kva` decodes to "Bücher" when its first letter is upper case; it maps to bücher.
        #expect(IDNA.toASCII("xn--Bcher-kva.example") == "xn--bcher-kva.example")
        let upper = "xn--" + Punycode.encode("BÜCHER")!
        #expect(IDNA.toASCII(upper + ".example") == "xn--bcher-kva.example")
    }

    @Test func keepsUndecodableACELabelsAsWritten() {
        #expect(IDNA.toASCII("xn--!!.example") == "xn--!!.example")
        #expect(IDNA.toUnicode("xn--!!.example") == "xn--!!.example")
    }
}

@Suite struct DomainMatcherTests {
    @Test func matchesTheDomainAndItsSubdomains() throws {
        let matcher = try #require(DomainMatcher("contoso.com"))
        #expect(matcher.matches(domain: "contoso.com"))
        #expect(matcher.matches(domain: "mail.contoso.com"))
        #expect(matcher.matches(domain: "a.b.CONTOSO.com."))
        #expect(!matcher.matches(domain: "evilcontoso.com"))
        #expect(!matcher.matches(domain: "contoso.com.evil.net"))
        #expect(!matcher.matches(domain: "contoso.co"))
        #expect(!matcher.matches(domain: "com"))
        #expect(!matcher.matches(domain: ""))
    }

    @Test func ignoresCaseAndTrailingDots() throws {
        let matcher = try #require(DomainMatcher("Contoso.COM."))
        #expect(matcher.asciiForm == "contoso.com")
        #expect(matcher.matches(domain: "CONTOSO.com"))
    }

    @Test func matchesInternationalizedDomainsInBothForms() throws {
        let unicode = try #require(DomainMatcher("bücher.example"))
        let ascii = try #require(DomainMatcher("xn--bcher-kva.example"))
        for matcher in [unicode, ascii] {
            #expect(matcher.asciiForm == "xn--bcher-kva.example")
            #expect(matcher.unicodeForm == "bücher.example")
            #expect(matcher.matches(domain: "bücher.example"))
            #expect(matcher.matches(domain: "xn--bcher-kva.example"))
            #expect(matcher.matches(domain: "XN--BCHER-KVA.EXAMPLE"))
            #expect(matcher.matches(domain: "BÜCHER.example"))
            #expect(matcher.matches(domain: "shop.bu\u{0308}cher.example"))
            #expect(matcher.matches(domain: "shop.xn--bcher-kva.example"))
            #expect(!matcher.matches(domain: "bucher.example"))
            #expect(!matcher.matches(domain: "xn--bcher-kva.example.evil"))
        }
    }

    @Test func acceptsAtAndWildcardPrefixes() throws {
        #expect(try #require(DomainMatcher("@contoso.com")).asciiForm == "contoso.com")
        #expect(try #require(DomainMatcher("*.contoso.com")).asciiForm == "contoso.com")
        #expect(try #require(DomainMatcher("  contoso.com ")).asciiForm == "contoso.com")
    }

    /// Domains in mail are attacker-controlled: huge or odd ones are answered, never slow or trapping.
    @Test func toleratesHostileDomains() throws {
        let matcher = try #require(DomainMatcher("contoso.com"))
        let marks = String(repeating: "\u{0301}\u{0323}", count: 50_000)
        #expect(!matcher.matches(domain: "a" + marks + ".com"))
        #expect(matcher.matches(domain: "a" + marks + ".contoso.com"))
        #expect(!matcher.matches(domain: String(repeating: "ü", count: 100_000)))
        #expect(!matcher.matches(domain: "xn--" + String(repeating: "9", count: 100_000) + ".com"))
        #expect(matcher.matches(domain: String(repeating: "a.", count: 100_000) + "contoso.com"))
        let address = try #require(AddressMatcher("a@contoso.com"))
        #expect(!address.matches(address: marks + "@contoso.com"))
        #expect(!address.matches(address: "a@" + marks))
    }

    @Test(arguments: ["", " ", "a..b", ".contoso.com", "contoso .com", "http://contoso.com", "a@b", "xn--!!.com", "contoso.com/x"])
    func rejectsValuesThatAreNotDomains(_ value: String) {
        #expect(DomainMatcher(value) == nil)
    }
}

@Suite struct DomainAddressMatcherTests {
    @Test func matchesWholeAddressesCaseInsensitively() throws {
        let matcher = try #require(AddressMatcher("billing@contoso-invoices.com"))
        #expect(matcher.matches(address: "billing@contoso-invoices.com"))
        #expect(matcher.matches(address: "Billing@Contoso-Invoices.COM"))
        #expect(!matcher.matches(address: "billing2@contoso-invoices.com"))
        #expect(!matcher.matches(address: "billing@mail.contoso-invoices.com"))
        #expect(!matcher.matches(address: "contoso-invoices.com"))
    }

    @Test func matchesInternationalizedAddressDomainsInBothForms() throws {
        let matcher = try #require(AddressMatcher("<Kasse@bücher.example>"))
        #expect(matcher.kind == .address(localPart: "kasse", domain: "xn--bcher-kva.example"))
        #expect(matcher.matches(address: "kasse@xn--bcher-kva.example"))
        #expect(matcher.matches(address: "KASSE@BÜCHER.EXAMPLE"))
        let punycode = try #require(AddressMatcher("kasse@xn--bcher-kva.example"))
        #expect(punycode.matches(address: "kasse@bücher.example"))
    }

    @Test func matchesNonASCIILocalPartsCaseInsensitively() throws {
        let matcher = try #require(AddressMatcher("JÖRG@example.com"))
        #expect(matcher.matches(address: "jörg@example.com"))
    }

    @Test func treatsValuesWithoutLocalPartAsDomains() throws {
        for value in ["contoso.com", "@contoso.com"] {
            let matcher = try #require(AddressMatcher(value))
            #expect(matcher.matches(address: "ceo@contoso.com"))
            #expect(matcher.matches(address: "ceo@eu.mail.contoso.com"))
            #expect(!matcher.matches(address: "ceo@evilcontoso.com"))
        }
    }

    @Test(arguments: ["", "a b@contoso.com", "billing@", "billing@a..b"])
    func rejectsInvalidValues(_ value: String) {
        #expect(AddressMatcher(value) == nil)
    }
}

@Suite struct DomainValueIndexTests {
    static let values = [
        "contoso.com", "Evil.Example", "bücher.example", "xn--mnchen-3ya.example", "*.paypal-security.example", "@sub.fabrikam.example",
        "dana@contoso.com", "Billing@Fabrikam-Invoices.example", "ceo@bücher.example", "a.b.c.d.example",
    ]
    static let candidates = [
        "dana@contoso.com", "DANA@CONTOSO.COM", "eve@mail.contoso.com", "eve@evilcontoso.com", "x@evil.example", "x@a.evil.example.",
        "x@bücher.example", "x@xn--bcher-kva.example", "x@BÜCHER.example", "x@münchen.example", "x@paypal-security.example",
        "x@login.paypal-security.example", "x@fabrikam.example", "x@sub.fabrikam.example", "billing@fabrikam-invoices.example",
        "billing@mail.fabrikam-invoices.example", "ceo@xn--bcher-kva.example", "x@b.c.d.example", "x@z.a.b.c.d.example", "no-at-sign",
        "x@", "x@.", "x@example", " x@contoso.com ",
    ]

    @Test func indexAgreesWithEachMatcher() {
        let matchers = Self.values.compactMap { AddressMatcher($0) }
        #expect(matchers.count == Self.values.count)
        let index = DomainValueIndex(matchers)
        for candidate in Self.candidates {
            let linear = matchers.contains { $0.matches(address: candidate) }
            #expect(index.matches(address: candidate) == linear, "\(candidate)")
        }
        let domains = matchers.compactMap { matcher -> DomainMatcher? in
            if case .domain(let domain) = matcher.kind { return domain }
            return nil
        }
        let domainIndex = DomainValueIndex(domains: domains)
        for host in ["contoso.com", "www.contoso.com", "evil.example", "a.evil.example", "xn--bcher-kva.example", "mail.bücher.example",
                     "münchen.example", "paypal-security.example", "notcontoso.com", "example", "d.example"] {
            #expect(domainIndex.matchesDomain(host) == domains.contains { $0.matches(domain: host) }, "\(host)")
        }
    }

    @Test func thousandsOfValuesAreLookedUpNotScanned() {
        let matchers = (0..<20_000).compactMap { AddressMatcher("u\($0)@evil\($0 % 500).example") }
            + (0..<20_000).compactMap { AddressMatcher("bad\($0).example") }
        let index = DomainValueIndex(matchers)
        #expect(index.matches(address: "u19999@evil499.example"))
        #expect(index.matches(address: "anyone@mail.bad12345.example"))
        #expect(!index.matches(address: "u19999@evil498.example"))
        #expect(!index.matches(address: "anyone@bad20000.example"))
    }
}
