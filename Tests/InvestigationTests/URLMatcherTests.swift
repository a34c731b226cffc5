@testable import Investigation
import Testing

@Suite struct URLMatcherLinkTests {
    @Test(arguments: [
        ("https://Login.Contoso.COM/Path?Q=1#Frag", "https://login.contoso.com/Path?Q=1#Frag"),
        ("HTTP://contoso.com", "http://contoso.com/"),
        ("http://contoso.com:80/a", "http://contoso.com/a"),
        ("https://contoso.com:443", "https://contoso.com/"),
        ("https://contoso.com:8443/a", "https://contoso.com:8443/a"),
        ("http://contoso.com.:80?x", "http://contoso.com/?x"),
        ("https://paypal.com@evil.example/login", "https://evil.example/login"),
        ("https://user:pass@evil.example:443/", "https://evil.example/"),
        ("https:\\\\evil.example\\a\\b", "https://evil.example/a/b"),
        ("https:evil.example/x", "https://evil.example/x"),
        ("https:///evil.example/x", "https://evil.example/x"),
        ("  https://evil.exa\nmple/x\t ", "https://evil.example/x"),
        ("https://bücher.example/Über", "https://xn--bcher-kva.example/Über"),
        ("https://%65vil.example/", "https://evil.example/"),
        ("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
        ("http://3405803783/", "http://203.0.113.7/"),
        ("http://0xCB.0.113.7/", "http://203.0.113.7/"),
        ("http://0313.0.0161.07/", "http://203.0.113.7/"),
        ("http://203.113.7/", "http://203.113.0.7/"),
        ("www.example.com/x", "http://www.example.com/x"),
        ("//cdn.example.com/x.js", "http://cdn.example.com/x.js"),
        ("example.com:8080/x", "http://example.com:8080/x"),
        ("mailto:Billing@Contoso.com?subject=Hi", "mailto:Billing@Contoso.com?subject=Hi"),
        ("JavaScript:alert(1)", "javascript:alert(1)"),
    ])
    func normalizesLinks(link: String, normalized: String) throws {
        let url = try #require(LinkURL(link))
        #expect(url.normalized == normalized)
    }

    @Test func extractsHosts() throws {
        #expect(try #require(LinkURL("https://a.b.contoso.com/x")).host == .domain("a.b.contoso.com"))
        #expect(try #require(LinkURL("http://[::ffff:203.0.113.7]/")).host == .ip(IPAddress("203.0.113.7")!))
        #expect(try #require(LinkURL("http://203.0.113.7:8080/")).host == .ip(IPAddress("203.0.113.7")!))
        #expect(try #require(LinkURL("https://paypal.com\\@evil.example/")).host == .domain("paypal.com"))
    }

    @Test(arguments: [
        "/relative/path", "#top", "?q=1", "page", "javascript:void(0)", "data:text/html,<b>x</b>", "tel:+1555",
        "cid:image001.png@01D9", "hxxp://evil.example/", "hxxps://evil.example/",
    ])
    func findsNoHostWhereThereIsNone(_ link: String) throws {
        let url = try #require(LinkURL(link))
        #expect(url.host == nil)
    }

    @Test func readsMailtoDomains() throws {
        let url = try #require(LinkURL("mailto:a@Contoso.com,b@bücher.example?cc=c@other.example"))
        #expect(url.host == nil)
        #expect(url.mailtoDomains == ["contoso.com", "xn--bcher-kva.example"])
    }

    @Test(arguments: ["", "   ", "http://contoso.com:99999/", "http://contoso.com:8o/", "http://[2001:db8::1/", "http://256.0.0.1/", "http://1.2.3.4.5/"])
    func refusesWhatABrowserRefuses(_ link: String) {
        #expect(LinkURL(link) == nil)
    }
}

@Suite struct URLMatcherTests {
    @Test func decidesTheKindOfAValue() throws {
        #expect(try #require(URLMatcher("contoso.com")).kind == .domain(DomainMatcher("contoso.com")!))
        #expect(try #require(URLMatcher("203.0.113.7")).kind == .ip(IPPattern("203.0.113.7")!))
        #expect(try #require(URLMatcher("[2001:db8::1]")).kind == .ip(IPPattern("2001:db8::1")!))
        #expect(try #require(URLMatcher("203.0.113.0/24")).kind == .ip(IPPattern("203.0.113.0/24")!))
        guard case .url = try #require(URLMatcher("contoso.com/login")).kind else {
            Issue.record("a value with a path is a URL")
            return
        }
        guard case .url = try #require(URLMatcher("https://contoso.com")).kind else {
            Issue.record("a value with a scheme is a URL")
            return
        }
    }

    @Test(arguments: ["", "  ", "/login", "contoso .com", "a..b", "http://contoso.com:99999/", "https://", "http:///"])
    func rejectsValuesOfNoKind(_ value: String) {
        #expect(URLMatcher(value) == nil)
    }

    @Test func matchesDomainsAndSubdomainsOfLinkHosts() throws {
        let matcher = try #require(URLMatcher("contoso-invoices.com"))
        #expect(matcher.matches(link: "https://contoso-invoices.com/pay"))
        #expect(matcher.matches(link: "http://secure.CONTOSO-INVOICES.com./pay"))
        #expect(matcher.matches(link: "https://microsoft.com@contoso-invoices.com/"))
        #expect(matcher.matches(link: "www.contoso-invoices.com"))
        #expect(matcher.matches(link: "mailto:billing@contoso-invoices.com"))
        #expect(!matcher.matches(link: "https://evilcontoso-invoices.com/"))
        #expect(!matcher.matches(link: "https://contoso-invoices.com.evil.net/"))
        #expect(!matcher.matches(link: "https://example.com/?next=contoso-invoices.com"))
        #expect(!matcher.matches(link: "/contoso-invoices.com"))
        #expect(!matcher.matches(link: "hxxps://contoso-invoices.com/"))
    }

    @Test func matchesInternationalizedHostsInBothForms() throws {
        for value in ["bücher.example", "xn--bcher-kva.example"] {
            let matcher = try #require(URLMatcher(value))
            #expect(matcher.matches(link: "https://shop.bücher.example/"))
            #expect(matcher.matches(link: "https://shop.xn--bcher-kva.example/"))
            #expect(matcher.matches(link: "https://b%C3%BCcher.example/"))
        }
    }

    @Test func matchesURLPrefixesOfNormalizedLinks() throws {
        let matcher = try #require(URLMatcher("https://contoso.com/login"))
        #expect(matcher.matches(link: "https://contoso.com/login"))
        #expect(matcher.matches(link: "HTTPS://CONTOSO.COM:443/login?user=a#x"))
        #expect(matcher.matches(link: "https://contoso.com/login.php"))
        #expect(!matcher.matches(link: "https://contoso.com/Login"))
        #expect(!matcher.matches(link: "http://contoso.com/login"))
        #expect(!matcher.matches(link: "https://contoso.com.evil.net/login"))
        let root = try #require(URLMatcher("https://contoso.com"))
        #expect(root.matches(link: "https://contoso.com/anything"))
        #expect(!root.matches(link: "https://contoso.com.evil.net/"))
    }

    @Test func matchesSchemelessURLValuesOverHTTPAndHTTPS() throws {
        let matcher = try #require(URLMatcher("Contoso.com/login"))
        #expect(matcher.matches(link: "https://contoso.com/login?u=1"))
        #expect(matcher.matches(link: "http://contoso.com/login"))
        #expect(matcher.matches(link: "contoso.com/login"))
        #expect(!matcher.matches(link: "ftp://contoso.com/login"))
        #expect(!matcher.matches(link: "https://mail.contoso.com/login"))
        let idn = try #require(URLMatcher("bücher.example/konto"))
        #expect(idn.matches(link: "https://xn--bcher-kva.example/konto/reset"))
    }

    /// The part-by-part prefix test against the normalized forms it stands for, with every prefix of
    /// them and a changed byte at every position.
    @Test func normalizedPrefixAgreesWithTheNormalizedForm() throws {
        let links = [
            "https://contoso.com/login?u=1#x", "HTTP://CONTOSO.COM:8080/a", "http://203.0.113.7/x", "http://[2001:db8::1]:81/",
            "mailto:billing@contoso.com?subject=x", "data:image/png;base64,iVBORw0KGgo=", "cid:part1@x", "www.example.com/path",
            "https://bücher.example/konto", "javascript:void(0)", "/relative/path",
        ]
        for text in links {
            let link = try #require(LinkURL(text))
            for (includingScheme, form) in [(true, link.normalized), (false, link.normalizedWithoutScheme)] {
                let bytes = Array(form.utf8)
                for length in 0...bytes.count {
                    let prefix = Array(bytes[..<length])
                    #expect(link.normalizedStarts(with: prefix, includingScheme: includingScheme), "\(text) \(length)")
                    if length > 0 {
                        var changed = prefix
                        changed[length - 1] ^= 0x01
                        #expect(!link.normalizedStarts(with: changed, includingScheme: includingScheme), "\(text) \(length)")
                    }
                }
                #expect(!link.normalizedStarts(with: bytes + [0x2F], includingScheme: includingScheme))
            }
        }
    }

    @Test func matchesOtherSchemesByPrefix() throws {
        let matcher = try #require(URLMatcher("mailto:billing@contoso.com"))
        #expect(matcher.matches(link: "MAILTO:billing@contoso.com?subject=Invoice"))
        #expect(!matcher.matches(link: "mailto:someone@contoso.com"))
    }

    @Test func matchesIPHostsInEveryForm() throws {
        let matcher = try #require(URLMatcher("203.0.113.7"))
        #expect(matcher.matches(link: "http://203.0.113.7/login"))
        #expect(matcher.matches(link: "http://3405803783/"))
        #expect(matcher.matches(link: "http://0xcb.0x00.0x71.0x07/"))
        #expect(matcher.matches(link: "http://[::ffff:203.0.113.7]/"))
        #expect(matcher.matches(link: "203.0.113.7/login"))
        #expect(!matcher.matches(link: "http://203.0.113.8/"))
        #expect(!matcher.matches(link: "http://203.0.113.7.nip.io/"))
        let v6 = try #require(URLMatcher("2001:db8::/32"))
        #expect(v6.matches(link: "https://[2001:DB8:0::1]:8443/"))
        #expect(!v6.matches(link: "https://contoso.com/"))
        let block = try #require(URLMatcher("203.0.113.0/24"))
        #expect(block.matches(link: "http://203.0.113.99/x"))
    }

    /// Links are attacker-controlled: huge or odd ones must be answered, not hang or trap.
    @Test func toleratesHostileLinks() {
        let matcher = URLMatcher("contoso.com")!
        let spaces = String(repeating: " ", count: 100_000)
        #expect(matcher.matches(link: spaces + "https://contoso.com/" + spaces))
        #expect(!matcher.matches(link: "https://" + String(repeating: "a.", count: 50_000) + "evil"))
        #expect(matcher.matches(link: "https://" + String(repeating: "a.", count: 50_000) + "contoso.com"))
        #expect(!matcher.matches(link: "https://" + String(repeating: "ü", count: 10_000) + ".com/"))
        #expect(!matcher.matches(link: "https://xn--" + String(repeating: "9", count: 10_000) + ".com/"))
        #expect(!matcher.matches(link: "http://" + String(repeating: "9", count: 5_000) + "/"))
        #expect(!matcher.matches(link: "http://[" + String(repeating: ":", count: 5_000) + "]/"))
        #expect(!matcher.matches(link: String(repeating: "%", count: 10_000)))
        #expect(!matcher.matches(link: "https://" + String(repeating: "@", count: 10_000)))
    }
}
