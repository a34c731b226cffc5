import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MailModel

/// Investigations over `Fixtures/gateway-links`: one phishing link wrapped by every mail gateway Dragnet
/// unwraps, singly and nested, in EML (HTML and plain text) and Graph JSON (HTML and text bodies), with
/// look-alikes whose wrapped links lead to the company's own site (see the folder's README).
@Suite(.serialized)
struct GatewayLinkInvestigationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Fixtures/gateway-links").path
    static let phish = "https://evil-login.example/m365/login?user=alice&next=%2Fhome"

    static func run(_ yaml: String) throws -> InvestigationReport {
        let investigation = try InvestigationFile.parse(text: yaml, path: "inline.yaml", fileSHA256: "", directory: nil).investigation
        return InvestigationRunner(investigation: investigation, workers: 2, mailboxHint: "alice@fabrikam.example")
            .run(paths: [folder + "/eml", folder + "/graph-messages.json"], toolVersion: "test", runOptions: [:]).0
    }

    /// The fixture's name of a match: the EML file name, or the Graph message's Message-ID local part.
    static func name(_ row: MatchRow) -> String {
        if row.source.format == "eml" { return URL(fileURLWithPath: row.source.path).deletingPathExtension().lastPathComponent }
        return String(row.messageID?.split(separator: "@").first ?? "")
    }

    /// Every phishing fixture: two EML files and two Graph messages per wrapper, and the cut Safe Link.
    static var phishNames: Set<String> {
        var names: Set<String> = ["malformed-safelinks-cut", "graph-malformed-proofpoint-v3"]
        for wrapper in wrappers {
            names.formUnion(["phish-\(wrapper)-html", "phish-\(wrapper)-plain", "graph-phish-\(wrapper)-html", "graph-phish-\(wrapper)-text"])
        }
        return names
    }

    static let wrappers = [
        "safelinks", "safelinks-gcc-high", "proofpoint-v1", "proofpoint-v2", "proofpoint-v3", "google", "barracuda", "trend-micro",
        "sophos", "cisco", "trellix", "symantec", "mimecast", "safelinks-around-proofpoint-v2", "safelinks-around-proofpoint-v3",
        "proofpoint-v3-around-trellix", "sophos-around-barracuda",
    ]

    @Test func aDomainFilterFindsThePhishBehindEveryWrapperAndNoLookAlike() throws {
        let report = try Self.run("name: wrapped phish\nfilters:\n  - url: evil-login.example\n")
        let found = Set(report.matches.map(Self.name))
        #expect(found == Self.phishNames)
        #expect(report.matches.count == Self.phishNames.count, "one row per item")
        #expect(Set(report.matches.map(\.source.format)) == ["eml", "graph-json"])

        for row in report.matches {
            let evidence = try #require(row.evidence.first, "\(Self.name(row))")
            #expect(evidence.field == "url")
            let name = Self.name(row)
            if name.contains("mimecast") {
                // Opaque: the wrapper is shown with the domain it names.
                #expect(evidence.snippet.hasPrefix("https://url.uk.m.mimecastprotect.com/s/"), "\(name)")
                #expect(evidence.snippet.hasSuffix("(target hidden; domain evil-login.example)"), "\(name)")
            } else if name.contains("malformed") {
                #expect(evidence.snippet.hasPrefix("https://evil-login.example/m365/login?user="), "\(name): \(evidence.snippet)")
            } else {
                // The evidence names the original link, then the wrappers it came through.
                #expect(evidence.snippet.hasPrefix(Self.phish + " (via "), "\(name): \(evidence.snippet)")
            }
        }
        let snippet = { (name: String) in report.matches.first { Self.name($0) == name }?.evidence.first?.snippet }
        #expect(snippet("phish-safelinks-html") == Self.phish + " (via nam02.safelinks.protection.outlook.com)")
        #expect(snippet("graph-phish-safelinks-gcc-high-text") == Self.phish + " (via gcc02.safelinks.protection.office365.us)")
        #expect(snippet("phish-safelinks-around-proofpoint-v2-plain") == Self.phish + " (via nam02.safelinks.protection.outlook.com, urldefense.proofpoint.com)")
        #expect(snippet("graph-phish-proofpoint-v3-around-trellix-html") == Self.phish + " (via urldefense.us, protect2.fireeye.com)")
        #expect(snippet("phish-sophos-around-barracuda-html") == Self.phish + " (via us-west-2.protection.sophos.com, linkprotect.cudasvc.com)")
    }

    @Test(arguments: ["https://evil-login.example/m365/login", "evil-login.example/m365/login?user=alice", "http://evil-login.example/m365"])
    func aURLPrefixFilterFindsEveryRecoverablePhish(_ prefix: String) throws {
        let report = try Self.run("name: wrapped phish\nfilters:\n  - url: '\(prefix)'\n")
        let found = Set(report.matches.map(Self.name))
        if prefix.hasPrefix("http://") {
            #expect(found.isEmpty, "the phish is https; a value with a scheme keeps it")
            return
        }
        // Mimecast hides the path, so only a domain value can find it.
        let expected = Self.phishNames.filter { !$0.contains("mimecast") }
        #expect(found == expected)
        #expect(report.matches.allSatisfy { $0.evidence.first?.snippet.hasPrefix("https://evil-login.example/m365/login") == true })
    }

    @Test func theWrapperItselfStaysMatchable() throws {
        let report = try Self.run("name: safe links\nfilters:\n  - url: safelinks.protection.outlook.com\n")
        let found = Set(report.matches.map(Self.name))
        #expect(found.contains("phish-safelinks-html"))
        #expect(found.contains("graph-clean-safelinks"), "the company's own wrapped link goes through Safe Links too")
        #expect(found.contains("malformed-safelinks-cut"))
        #expect(!found.contains("phish-safelinks-gcc-high-plain"), "another cloud's host")
        #expect(!found.contains("phish-proofpoint-v2-html"))
        // Matched on the wrapper, the evidence still names where the link leads.
        let row = try #require(report.matches.first { Self.name($0) == "phish-safelinks-html" })
        #expect(row.evidence.first?.snippet == Self.phish + " (via nam02.safelinks.protection.outlook.com)")

        // An intermediate layer matches too: Proofpoint inside Safe Links.
        let inner = try Self.run("name: pp\nfilters:\n  - url: urldefense.proofpoint.com\n")
        #expect(Set(inner.matches.map(Self.name)).contains("graph-phish-safelinks-around-proofpoint-v2-html"))
    }

    @Test func textOperatorsSeeTheUnwrappedLinkAndKeywordsStayOnTheText() throws {
        let contains = try Self.run("name: c\nfilters:\n  - {field: url, op: contains, value: 'login?user=alice&next'}\n")
        // Not Mimecast (no path) nor the v3 link whose table is broken (its `&` is still a marker).
        #expect(Set(contains.matches.map(Self.name)) == Self.phishNames.filter { !$0.contains("mimecast") && $0 != "graph-malformed-proofpoint-v3" })
        #expect(contains.matches.allSatisfy { $0.evidence.count == 1 }, "one hit per link, on its original form")

        // keyword and regex read the body text, where an HTML link is its visible text: unchanged.
        let keyword = try Self.run("name: k\nfilters:\n  - keyword: evil-login.example/m365\n")
        let byKeyword = Set(keyword.matches.map(Self.name))
        #expect(byKeyword.contains("phish-proofpoint-v3-plain"), "v3 keeps the link readable in plain text")
        #expect(byKeyword.allSatisfy { !$0.hasSuffix("-html") }, "an HTML link's text is 'Keep my password'")
    }

    @Test func malformedWrappersAreDiagnosticsOnTheLinkNeverErrors() throws {
        let report = try Self.run("name: wrapped phish\nfilters:\n  - url: evil-login.example\n")
        #expect(report.diagnostics.isEmpty, "a malformed wrapper is not a partly read item")
        #expect(report.matches.allSatisfy { !$0.caveats.contains("partly-read") })

        let page = Self.folder + "/graph-messages.json"
        let scan = ExportScan(paths: [page], mailboxHint: nil)
        var codes: [String: [String]] = [:]
        while let event = scan.next() {
            guard case .message(let found) = event, case .graph(let message) = found.content else { continue }
            let item = GraphItemNormalizer().item(from: message, source: found.source, mailbox: "alice", folder: "Inbox")
            codes[item.messageID ?? ""] = item.diagnostics.map(\.code.rawValue)
            if item.messageID?.hasPrefix("graph-malformed-proofpoint-v3") == true {
                #expect(item.diagnostics.first?.location.pointer == (found.source.pointer ?? "") + "/body")
                #expect(item.links.first?.target.hasPrefix("https://evil-login.example/m365/login?user=alice*next=") == true)
            }
        }
        #expect(codes["graph-malformed-proofpoint-v3@gateway-links.example"] == ["link.wrapper-malformed"])
        #expect(codes["graph-phish-mimecast-html@gateway-links.example"] == ["link.wrapper-opaque"])
        #expect(codes["graph-phish-safelinks-html@gateway-links.example"] == [])
    }
}
