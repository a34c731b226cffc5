import Testing
@testable import Investigation
import MailModel

/// The `url` filter over links whose reader recorded what a mail gateway wrapped in them
/// (``MailLink/unwrapped``): the engine alone, with items built by hand.
@Suite struct UnwrappedLinkMatchingTests {
    static let safe = "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fm365&data=05"

    static func verdict(_ filters: String, _ links: [MailLink]) throws -> ItemVerdict {
        let investigation = try InvestigationFile.parse(text: "name: t\nfilters:\n\(filters)", path: "t.yaml", fileSHA256: "", directory: nil).investigation
        var item = MailItem(source: MessageSource(format: "eml", path: "m.eml"))
        item.links = links
        return InvestigationEvaluator(investigation: investigation).evaluate(item)
    }

    static func wrapped(_ layers: [String], via: [String], hint: String? = nil, url: String = safe) -> MailLink {
        MailLink(url: url, text: "Open", path: "1.2", unwrapped: UnwrappedLink(layers: layers, via: via, domainHint: hint))
    }

    @Test func anyLayerMatchesAndTheEvidenceNamesTheOriginal() throws {
        let link = Self.wrapped(
            ["https://urldefense.com/v3/__https://evil-login.example/m365__;!!x$", "https://evil-login.example/m365"],
            via: ["nam02.safelinks.protection.outlook.com", "urldefense.com"])
        for filter in ["url: evil-login.example", "url: https://evil-login.example/m365", "url: urldefense.com", "url: safelinks.protection.outlook.com"] {
            let verdict = try Self.verdict("  - \(filter)\n", [link])
            #expect(verdict.truth == .yes, "\(filter)")
            #expect(verdict.evidence.first?.snippet == "https://evil-login.example/m365 (via nam02.safelinks.protection.outlook.com, urldefense.com)")
            #expect(verdict.evidence.first?.path == "1.2")
        }
        #expect(try Self.verdict("  - url: fabrikam.example\n", [link]).truth == .no)
        // Long domain lists go through the hash index: the layers are seen there too.
        let many = (0..<10).map { "other\($0).example" } + ["evil-login.example"]
        #expect(try Self.verdict("  - url: [\(many.joined(separator: ", "))]\n", [link]).truth == .yes)
        #expect(try Self.verdict("  - {field: url, op: notEquals, value: evil-login.example}\n", [link]).truth == .no)
    }

    @Test func anOpaqueWrappersDomainHintMatchesDomainAndIPValuesOnly() throws {
        let mimecast = "https://url.uk.m.mimecastprotect.com/s/Ab1?domain=evil-login.example"
        let hinted = Self.wrapped([], via: ["url.uk.m.mimecastprotect.com"], hint: "evil-login.example", url: mimecast)
        let verdict = try Self.verdict("  - url: evil-login.example\n", [hinted])
        #expect(verdict.truth == .yes)
        #expect(verdict.evidence.first?.snippet == mimecast + " (target hidden; domain evil-login.example)")
        #expect(try Self.verdict("  - url: https://evil-login.example/\n", [hinted]).truth == .no, "the path is unknown")
        let many = (0..<10).map { "other\($0).example" } + ["evil-login.example"]
        #expect(try Self.verdict("  - url: [\(many.joined(separator: ", "))]\n", [hinted]).truth == .yes)
        let sub = Self.wrapped([], via: ["url.uk.m.mimecastprotect.com"], hint: "Mail.Evil-Login.example", url: mimecast)
        #expect(try Self.verdict("  - url: evil-login.example\n", [sub]).truth == .yes, "a subdomain, in any case")

        let ip = Self.wrapped([], via: ["url.za.m.mimecastprotect.com"], hint: "172.17.0.2", url: "https://url.za.m.mimecastprotect.com/s/Al-N?domain=172.17.0.2")
        #expect(try Self.verdict("  - url: 172.17.0.0/16\n", [ip]).truth == .yes)
        // A hint that is more than a host is not read as one.
        let odd = Self.wrapped([], via: ["url.uk.m.mimecastprotect.com"], hint: "evil-login.example/x?y", url: mimecast)
        #expect(try Self.verdict("  - url: evil-login.example\n", [odd]).truth == .no)
    }

    @Test func textOperatorsGiveOneHitPerLinkOnItsInnermostForm() throws {
        let link = Self.wrapped(["https://evil-login.example/m365"], via: ["nam02.safelinks.protection.outlook.com"])
        let verdict = try Self.verdict("  - {field: url, op: contains, value: 'example/m365'}\n", [link])
        #expect(verdict.truth == .yes)
        #expect(verdict.evidence.count == 1)
        #expect(verdict.evidence.first?.snippet.contains("https://evil-login.example/m365") == true)
        // The wrapper as written still holds text of its own.
        #expect(try Self.verdict("  - {field: url, op: contains, value: 'data=05'}\n", [link]).truth == .yes)
    }
}
