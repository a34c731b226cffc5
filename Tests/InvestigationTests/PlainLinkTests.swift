import Testing
@testable import Investigation

/// The engine's fast reading of plain `http(s)` links must agree with the full URL reader.
@Suite
struct PlainLinkTests {
    static let links = [
        "https://fabrikam-invoices.example/pay/204981", "HTTP://WWW.Example.COM", "http://www.example.com?x=1",
        "https://sub.contoso.example/Path/To#frag", "https://login.c0ntoso-support.example/owa/auth?user=dana%40x",
        "http://user@evil.example/", "http://evil.example:8080/x", "https://203.0.113.7/login", "http://0x7f.1/",
        "https://xn--bcher-kva.example/a", "https://bücher.example/a", "www.example.com/login", "mailto:a@evil.example",
        "https://example.com./x", "https://example.com\\x", "javascript:alert(1)", "https://a..b/",
        "HTTPS://Sub.CONTOSO.Example/Path?Q=1", "https://EXAMPLE.COM#top", "http://www.example.com?", "http://.example.com/",
        "http://0X7f.1/", "https://XN--bcher-kva.example/a", "https://a.example.123/", "https://example.com.evil.example/",
        "https://notexample.com/", "https://www.example.com/loginx", "https://www.example.com/Login",
        "https://www.example.com/login%20now?u=a%40b.example", "http://www.example.com%2Fevil.example/x", "https://ex%61mple.com/",
        "https://www.example.com/%7Euser#%41",
    ]
    static let values = [
        "fabrikam-invoices.example", "example.com", "https://www.example.com/", "www.example.com/login",
        "contoso.example", "https://sub.contoso.example/Path", "evil.example", "203.0.113.0/24", "bücher.example",
        "https://fabrikam-invoices.example/pay/", "https://www.example.com/login", "http://www.example.com/login",
        "HTTPS://SUB.contoso.example/", "sub.contoso.example/Path?", "example.com#top",
    ]

    @Test(arguments: links)
    func fastReadingAgreesWithLinkURL(_ link: String) {
        guard let plain = PlainLink(link), let parsed = LinkURL(link) else { return }
        #expect(parsed.normalized == plain.normalized)
        #expect(parsed.normalizedWithoutScheme == plain.normalizedWithoutScheme)
        #expect(parsed.host?.description == plain.host)
        for value in Self.values {
            guard let matcher = URLMatcher(value) else { continue }
            let fast: Bool
            switch matcher.kind {
            case .domain(let domain):
                fast = plain.hostMatches(domain)
                #expect(fast == domain.matches(domain: plain.host))
            case .url(let url):
                let prefix = url.hasWrittenScheme ? url.normalized : url.normalizedWithoutScheme
                fast = plain.normalizedStarts(with: Array(prefix.utf8), withScheme: url.hasWrittenScheme)
            case .ip: fast = false
            }
            #expect(fast == matcher.matches(parsed), "\(link) vs \(value)")
        }
    }

    @Test func linksThatNeedBrowserRulesAreNotPlain() {
        for link in ["http://user@evil.example/", "http://evil.example:8080/x", "https://203.0.113.7/", "http://0x7f.1/",
                     "https://xn--bcher-kva.example/", "https://bücher.example/", "www.example.com", "https://e.example\\x",
                     "https://ex%61mple.com/", "http://www.example.com%2Fevil.example/x"] {
            #expect(PlainLink(link) == nil, "\(link)")
        }
        #expect(PlainLink("https://a.example")?.normalized == "https://a.example/")
        // Percent-escapes after the host are kept as written, as LinkURL keeps them.
        #expect(PlainLink("https://www.example.com/login%20now?u=a%40b.example")?.normalized == "https://www.example.com/login%20now?u=a%40b.example")
    }
}
