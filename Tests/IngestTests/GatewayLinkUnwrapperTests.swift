import Testing
@testable import Ingest
import MailModel

/// Links rewritten by mail gateways, written by hand after each vendor's format (see
/// `GatewayWrapper+Target.swift`), and the original links they must give back.
@Suite
struct GatewayLinkUnwrapperTests {
    static let phish = "https://evil-login.example/m365/login?user=alice&next=%2Fhome"
    static let unwrapper = GatewayLinkUnwrapper()

    struct Case: CustomTestStringConvertible, Sendable {
        let wrapped: String
        let original: String
        let via: [String]
        var testDescription: String { via.joined(separator: " > ") }
    }

    static let singleWrappers: [Case] = [
        // Microsoft Safe Links, commercial regions, government and sovereign clouds, Teams.
        Case(
            wrapped: "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fm365%2Flogin%3Fuser%3Dalice%26next%3D%252Fhome&data=05%7C02%7Calice%40fabrikam.example%7C5e1d%7C72f9%7C0%7C0%7C638700000000000000%7CUnknown%7CTWFpbGZsb3d8%7C0%7C%7C%7C&sdata=c2lnbmF0dXJl%2F%3D&reserved=0",
            original: phish, via: ["nam02.safelinks.protection.outlook.com"]),
        Case(
            wrapped: "HTTPS://EUR01.SAFELINKS.PROTECTION.OUTLOOK.COM/?url=https%3A%2F%2Fevil-login.example%2Fa&data=05%7C01&sdata=x&reserved=0",
            original: "https://evil-login.example/a", via: ["eur01.safelinks.protection.outlook.com"]),
        Case(
            wrapped: "https://gcc02.safelinks.protection.office365.us/?url=https%3A%2F%2Fevil-login.example%2Fa&data=05%7C02&sdata=x&reserved=0",
            original: "https://evil-login.example/a", via: ["gcc02.safelinks.protection.office365.us"]),
        Case(
            wrapped: "https://usg02.safelinks.protection.office365.us/?url=https%3A%2F%2Fevil-login.example%2Fa&data=05",
            original: "https://evil-login.example/a", via: ["usg02.safelinks.protection.office365.us"]),
        Case(
            wrapped: "https://can01.safelinks.protection.partner.outlook.cn/?url=https%3A%2F%2Fevil-login.example%2Fa&data=05",
            original: "https://evil-login.example/a", via: ["can01.safelinks.protection.partner.outlook.cn"]),
        Case(
            wrapped: "https://safelinks.protection.apps.mil/?url=https%3A%2F%2Fevil-login.example%2Fa&data=05",
            original: "https://evil-login.example/a", via: ["safelinks.protection.apps.mil"]),
        Case(
            wrapped: "https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fevil-login.example%2Fa&locale=en-us",
            original: "https://evil-login.example/a", via: ["statics.teams.cdn.office.net"]),
        // Encoded twice: decoded until it is a link, never further (the link's own %2F stays).
        Case(
            wrapped: "https://nam12.safelinks.protection.outlook.com/?url=https%253A%252F%252Fevil-login.example%252Fm365%252Flogin%253Fuser%253Dalice%2526next%253D%25252Fhome&data=05",
            original: phish, via: ["nam12.safelinks.protection.outlook.com"]),
        // Proofpoint URL Defense v1 (raw and encoded `u`, `&amp;` separators), v2, v3.
        Case(
            wrapped: "https://urldefense.proofpoint.com/v1/url?u=https://evil-login.example/a&amp;k=oIvRg1%2BdGA%3D%3D%0A&amp;r=IKM5u8%0A&amp;m=Ww6i%0A&amp;s=d358",
            original: "https://evil-login.example/a", via: ["urldefense.proofpoint.com"]),
        Case(
            wrapped: "https://urldefense.proofpoint.com/v1/url?u=https%3A%2F%2Fevil-login.example%2Fa%3Fx%3D1%26amp%3By%3D2&k=abc&r=def",
            original: "https://evil-login.example/a?x=1&y=2", via: ["urldefense.proofpoint.com"]),
        Case(
            wrapped: "https://urldefense.proofpoint.com/v2/url?u=https-3A__evil-2Dlogin.example_m365_login-3Fuser-3Dalice-26next-3D-252Fhome&d=DwMFaQ&c=Vxt5e0Os&r=MujLDFBJ&m=QJGhloAy&s=ew-rOtBF&e=",
            original: phish, via: ["urldefense.proofpoint.com"]),
        Case(
            wrapped: "https://urldefense.com/v3/__https://evil-login.example/m365/login?user=alice*next=*2Fhome*section__;JiUj!!ABCdefG!hIjKlMnOpQ$",
            original: "https://evil-login.example/m365/login?user=alice&next=%2Fhome#section", via: ["urldefense.com"]),
        Case(
            wrapped: "https://urldefense.com/v3/__https://evil-login.example/a**Bb__;JiYm!!ABC!def$",
            original: "https://evil-login.example/a&&&b", via: ["urldefense.com"]),
        Case(
            wrapped: "https://urldefense.com/v3/__https://evil-login.example/caf*__;w6k!!ABC!def$",
            original: "https://evil-login.example/café", via: ["urldefense.com"]),
        Case(
            wrapped: "https://urldefense.us/v3/__https:/evil-login.example/a__;!!G2kpM7uM!h30Sfdy1$",
            original: "https://evil-login.example/a", via: ["urldefense.us"]),
        // Google, Barracuda, Trend Micro, Sophos, Cisco, Trellix, Symantec.
        Case(
            wrapped: "https://www.google.com/url?q=https://evil-login.example/a&sa=D&source=editors&ust=1700000000000000&usg=AOvVaw0",
            original: "https://evil-login.example/a", via: ["www.google.com"]),
        Case(
            wrapped: "https://www.google.co.uk/url?sa=t&rct=j&url=https%3A%2F%2Fevil-login.example%2Fa%3Fb%3D1&usg=AOvVaw0",
            original: "https://evil-login.example/a?b=1", via: ["www.google.co.uk"]),
        Case(
            wrapped: "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fevil-login.example%2fa%3fb%3d1&c=E,1,tE7mVqz3,,&typo=1",
            original: "https://evil-login.example/a?b=1", via: ["linkprotect.cudasvc.com"]),
        Case(
            wrapped: "https://imsva91-ctp.trendmicro.com:443/wis/clicktime/v1/query?url=https%3a%2f%2fevil%2dlogin.example%2fa&umid=E2524A00-B5CC-0A05&auth=9f5545ad-50a7b9a9",
            original: "https://evil-login.example/a", via: ["imsva91-ctp.trendmicro.com"]),
        Case(
            wrapped: "https://us-west-2.protection.sophos.com/?d=evil-login.example&u=aHR0cHM6Ly9ldmlsLWxvZ2luLmV4YW1wbGUvbTM2NS9sb2dpbj91c2VyPWFsaWNlJm5leHQ9JTJGaG9tZQ%3D%3D&i=NjQ0M2U3&t=eWI5V3h5&h=9ba410ca&s=AVNPUEhU",
            original: phish, via: ["us-west-2.protection.sophos.com"]),
        Case(
            wrapped: "https://eu-central-1.protection.sophos.com/?d=evil-login.example&u=aHR0cHM6Ly9ldmlsLWxvZ2luLmV4YW1wbGUveD9hPTE=&i=NjA5&t=MnQ4&h=b05e",
            original: "https://evil-login.example/x?a=1", via: ["eu-central-1.protection.sophos.com"]),
        Case(
            wrapped: "https://secure-web.cisco.com/1VqOjcxMgKL3XZ-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789/https%3A%2F%2Fevil-login.example%2Fa%3Fb%3D1",
            original: "https://evil-login.example/a?b=1", via: ["secure-web.cisco.com"]),
        Case(
            wrapped: "https://protect2.fireeye.com/v1/url?k=5bd95ebd-044267fb-5bd8d5f2&q=1&e=900556dc-d199&u=https%3A%2F%2Fevil-login.example%2Fa",
            original: "https://evil-login.example/a", via: ["protect2.fireeye.com"]),
        Case(
            wrapped: "https://clicktime.symantec.com/38YrYPLxxSqYhBQLb1eruhW7Vc?u=https%3A%2F%2Fevil-login.example%2Fa",
            original: "https://evil-login.example/a", via: ["clicktime.symantec.com"]),
    ]

    @Test(arguments: singleWrappers)
    func eachWrapperGivesBackTheOriginal(_ c: Case) throws {
        let unwrapped = try #require(Self.unwrapper.unwrap(c.wrapped))
        #expect(unwrapped.original == c.original)
        #expect(unwrapped.layers == [c.original])
        #expect(unwrapped.via == c.via)
        #expect(unwrapped.problem == nil)
    }

    @Test func nestedWrappersArePeeledOneByOne() throws {
        // Safe Links around Proofpoint v2, as delivered to a tenant behind both.
        let proofpoint = "https://urldefense.proofpoint.com/v2/url?u=https-3A__evil-2Dlogin.example_a&d=DwMFaQ&c=x"
        let safe = "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Furldefense.proofpoint.com%2Fv2%2Furl%3Fu%3Dhttps-3A__evil-2Dlogin.example_a%26d%3DDwMFaQ%26c%3Dx&data=05&reserved=0"
        let two = try #require(Self.unwrapper.unwrap(safe))
        #expect(two.layers == [proofpoint, "https://evil-login.example/a"])
        #expect(two.via == ["nam02.safelinks.protection.outlook.com", "urldefense.proofpoint.com"])
        #expect(two.problem == nil)

        // Safe Links around Proofpoint v3, whose markers and table came percent-encoded.
        let aroundV3 = "https://na01.safelinks.protection.outlook.com/?url=https%3A//urldefense.com/v3/__https%3A//evil-login.example%3A443/search%3Fq%3Da%2Atest%26gs%3Dps__%3BKw%21%21-612Flbf0%21Ue6tQ%24&data=01"
        #expect(Self.unwrapper.unwrap(aroundV3)?.original == "https://evil-login.example:443/search?q=a+test&gs=ps")

        // Proofpoint v3 around Trellix, whose `%` escapes Proofpoint replaced by markers.
        let v3Trellix = "https://urldefense.com/v3/__https://protect2.fireeye.com/v1/url?k=26ebb71c&q=1&e=9f16&u=https*3A*2F*2Fevil-login.example*2Fa__;JSUlJQ!!EwVzqGoT!HyJHAJgO$"
        let peeled = try #require(Self.unwrapper.unwrap(v3Trellix))
        #expect(peeled.via == ["urldefense.com", "protect2.fireeye.com"])
        #expect(peeled.original == "https://evil-login.example/a")

        // Sophos around Barracuda.
        let sophos = "https://us-west-2.protection.sophos.com/?d=cudasvc.com&u=aHR0cHM6Ly9saW5rcHJvdGVjdC5jdWRhc3ZjLmNvbS91cmw_YT1odHRwcyUzYSUyZiUyZmV2aWwtbG9naW4uZXhhbXBsZSUyZmEmYz1FLDEseA==&i=NjM&h=90"
        let chain = try #require(Self.unwrapper.unwrap(sophos))
        #expect(chain.via == ["us-west-2.protection.sophos.com", "linkprotect.cudasvc.com"])
        #expect(chain.original == "https://evil-login.example/a")
    }

    @Test func mimecastHidesItsTargetButMayNameTheDomain() throws {
        let hinted = try #require(Self.unwrapper.unwrap("https://url.uk.m.mimecastprotect.com/s/YP9XCWQRPfDXo1NIKijuVb2y7?domain=evil-login.example"))
        #expect(hinted.layers.isEmpty)
        #expect(hinted.via == ["url.uk.m.mimecastprotect.com"])
        #expect(hinted.domainHint == "evil-login.example")
        #expect(hinted.problem?.code == "link.wrapper-opaque")
        #expect(hinted.problem?.message.contains("evil-login.example") == true)

        let bare = try #require(Self.unwrapper.unwrap("https://protect-eu.mimecast.com/s/Wx9lCoV1O9tXvVB5DIVizSpVM3h"))
        #expect(bare.domainHint == nil)
        #expect(bare.problem?.code == "link.wrapper-opaque")

        // A Sophos link without `u=` is opaque too; `d=` names the domain.
        let sophos = try #require(Self.unwrapper.unwrap("https://us-east-2.protection.sophos.com/?d=evil-login.example&b=990260&x=55f1&i=NjE2&h=a0af"))
        #expect(sophos.domainHint == "evil-login.example")
        #expect(sophos.problem?.code == "link.wrapper-opaque")
        // The opaque wrapper inside another is still reached.
        let inSafe = "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Furl.us.m.mimecastprotect.com%2Fs%2Fabc123%3Fdomain%3Devil-login.example&data=05"
        let nested = try #require(Self.unwrapper.unwrap(inSafe))
        #expect(nested.layers == ["https://url.us.m.mimecastprotect.com/s/abc123?domain=evil-login.example"])
        #expect(nested.domainHint == "evil-login.example")
    }

    @Test(arguments: [
        "https://evil-login.example/a",
        "https://safelinks.protection.outlook.com.evil-login.example/?url=https%3A%2F%2Fx.example",
        "https://notsafelinks.protection.outlook.com/?url=https%3A%2F%2Fx.example",
        "https://www.google.com/search?q=https%3A%2F%2Fx.example",
        "https://google.evil-login.example/url?q=https%3A%2F%2Fx.example",
        "https://linkprotect.cudasvc.com/other?a=https%3A%2F%2Fx.example",
        "https://evil.trendmicro.com.example/wis/clicktime/v1/query?url=https%3A%2F%2Fx.example",
        "hxxps://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fx.example",
        "mailto:alice@safelinks.protection.outlook.com",
        "javascript:location='https://nam02.safelinks.protection.outlook.com/?url=x'",
        "https://[2001:db8::1]/url?q=https%3A%2F%2Fx.example",
        "",
        "https://",
    ])
    func linksNoGatewayWroteAreLeftAlone(_ link: String) {
        #expect(Self.unwrapper.unwrap(link) == nil)
    }

    @Test func linksAreReadAsABrowserReadsThem() throws {
        // Surrounding white space, user info, a port, backslashes, a trailing dot, no scheme.
        for link in [
            "  https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fa&data=05 \n",
            "https://user@nam02.safelinks.protection.outlook.com:443/?url=https%3A%2F%2Fevil-login.example%2Fa",
            "https:\\\\nam02.safelinks.protection.outlook.com.\\?url=https%3A%2F%2Fevil-login.example%2Fa",
            "//nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fa",
            "www.google.com/url?q=https%3A%2F%2Fevil-login.example%2Fa",
            "https://nam02.safelinks.protection.out\nlook.com/?url=https%3A%2F%2Fevil-lo\tgin.example%2Fa\r\n&data=05",
        ] {
            #expect(Self.unwrapper.unwrap(link)?.original == "https://evil-login.example/a", "\(link)")
        }
    }

    // MARK: Malformed and hostile wrappers

    @Test func aCutOrMissingParameterIsADefectAndKeepsWhatWasRead() throws {
        let cut = try #require(Self.unwrapper.unwrap("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fa%2"))
        #expect(cut.original == "https://evil-login.example/a%2")
        #expect(cut.problem?.code == "link.wrapper-malformed")
        #expect(cut.problem?.message.contains("cut short") == true)

        for link in [
            "https://nam02.safelinks.protection.outlook.com/?data=05%7C02&reserved=0",
            "https://nam02.safelinks.protection.outlook.com/?url=&data=05",
            "https://nam02.safelinks.protection.outlook.com/",
            "https://urldefense.proofpoint.com/v2/url?d=DwMFaQ",
            "https://urldefense.com/v3/__https://evil-login.example/a",
            "https://urldefense.com/v9/url?u=x",
            "https://secure-web.cisco.com/1VqOjcxMgKL3XZ",
            "https://us-west-2.protection.sophos.com/?d=evil-login.example&u=%%%",
        ] {
            let unwrapped = try #require(Self.unwrapper.unwrap(link), "\(link)")
            #expect(unwrapped.layers.isEmpty, "\(link)")
            #expect(unwrapped.via.count == 1)
            #expect(unwrapped.problem?.code == "link.wrapper-malformed", "\(link)")
        }
    }

    @Test func badEscapesAndTablesAreDefectsNotCrashes() throws {
        let badEscape = try #require(Self.unwrapper.unwrap("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2F%ZZ%G&data=05"))
        #expect(badEscape.original == "https://evil-login.example/%ZZ%G")
        #expect(badEscape.problem?.message.contains("invalid %-escape") == true)

        let v2 = try #require(Self.unwrapper.unwrap("https://urldefense.proofpoint.com/v2/url?u=https-3A__evil-2Dlogin.example_-ZZ&d=x"))
        #expect(v2.original == "https://evil-login.example/%ZZ")
        #expect(v2.problem?.code == "link.wrapper-malformed")

        // More markers than the table holds; an unknown run letter; a table that is not base64.
        let short = try #require(Self.unwrapper.unwrap("https://urldefense.com/v3/__https://evil-login.example/a*b*c__;Jg!!x$"))
        #expect(short.original == "https://evil-login.example/a&b*c")
        #expect(short.problem?.message.contains("more `*` markers") == true)
        let run = try #require(Self.unwrapper.unwrap("https://urldefense.com/v3/__https://evil-login.example/a**!b__;Jg!!x$"))
        #expect(run.problem?.code == "link.wrapper-malformed")
        let table = try #require(Self.unwrapper.unwrap("https://urldefense.com/v3/__https://evil-login.example/a*__;@@@!!x$"))
        #expect(table.original == "https://evil-login.example/a*", "the markers stay; the host is still there")
        #expect(table.problem?.message.contains("invalid table") == true)

        // Bytes that are not UTF-8 once decoded stay escaped.
        let latin1 = try #require(Self.unwrapper.unwrap("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fcaf%E9&data=05"))
        #expect(latin1.original == "https://evil-login.example/caf%E9")
        #expect(latin1.problem == nil)

        // Something that is not a link: kept, and said.
        let search = try #require(Self.unwrapper.unwrap("https://www.google.com/url?q=how+to+reset+a+password&sa=D"))
        #expect(search.original == "how+to+reset+a+password")
        #expect(search.problem?.message.contains("not an absolute link") == true)
    }

    @Test func nestingDeeperThanTheLimitStopsThere() throws {
        var link = "https://evil-login.example/a"
        for _ in 0..<12 {
            link = "https://nam02.safelinks.protection.outlook.com/?url=" + Self.percentEncoded(link) + "&data=05"
        }
        let deep = try #require(Self.unwrapper.unwrap(link))
        #expect(deep.layers.count == 8)
        #expect(deep.via.count == 8)
        #expect(deep.problem?.code == "link.wrapper-too-deep")
        #expect(deep.original?.hasPrefix("https://nam02.safelinks.protection.outlook.com/") == true)

        let generous = try #require(GatewayLinkUnwrapper(maxDepth: 20).unwrap(link))
        #expect(generous.layers.count == 12)
        #expect(generous.original == "https://evil-login.example/a")
        #expect(generous.problem == nil)

        let none = try #require(GatewayLinkUnwrapper(maxDepth: 0).unwrap(link))
        #expect(none.layers.count == 1, "the first wrapper is always read")
        #expect(none.problem?.code == "link.wrapper-too-deep")
    }

    @Test func hugeAndRepetitiveLinksFinish() throws {
        let long = String(repeating: "%41", count: 200_000)
        let unwrapped = try #require(Self.unwrapper.unwrap("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2F" + long))
        #expect(unwrapped.original?.utf8.count == "https://evil-login.example/".utf8.count + 200_000)
        let markers = String(repeating: "*", count: 100_000)
        let v3 = try #require(Self.unwrapper.unwrap("https://urldefense.com/v3/__https://evil-login.example/\(markers)__;Jg!!x$"))
        #expect(v3.problem?.code == "link.wrapper-malformed")
        let ampersands = String(repeating: "&amp;", count: 50_000)
        #expect(Self.unwrapper.unwrap("https://nam02.safelinks.protection.outlook.com/?\(ampersands)url=https%3A%2F%2Fevil-login.example%2Fa")?.original == "https://evil-login.example/a")
    }

    @Test func diagnosticsSitOnTheBodyTheLinkCameFrom() {
        let links = Self.unwrapper.unwrapped([
            MailLink(url: "https://evil-login.example/a", text: nil, path: "1.1"),
            MailLink(url: "https://url.uk.m.mimecastprotect.com/s/abc?domain=evil-login.example", text: "Open", path: "1.2"),
            MailLink(url: "https://nam02.safelinks.protection.outlook.com/?data=05", text: nil, path: "1.2"),
        ])
        #expect(links[0].unwrapped == nil)
        #expect(links[0].target == "https://evil-login.example/a")
        let mime = GatewayLinkUnwrapper.diagnostics(of: links, path: "m.eml")
        #expect(mime.map(\.code) == ["link.wrapper-opaque", "link.wrapper-malformed"])
        #expect(mime.map(\.severity) == [.note, .warning])
        #expect(mime.map(\.location.partPath) == ["1.2", "1.2"])
        let graph = GatewayLinkUnwrapper.diagnostics(of: links.map { var l = $0; l.path = "/body"; return l }, path: "p.json", jsonPointerBase: "/value/3")
        #expect(graph.map(\.location.pointer) == ["/value/3/body", "/value/3/body"])
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
