import Foundation
import Investigation
import MailModel
import Reports
import Testing
import Triage

/// Drafts from deliberately tricky reports (Fixtures/triage, written by its generate.py), each run over
/// a small export holding their copies among look-alike ordinary mail: every copy matches, nothing else
/// does, and the copies form one campaign.
@Suite(.serialized)
struct TrickyReportTests {
    /// Case name in expected-copies.json → the reported file.
    static let cases: [(name: String, file: String)] = [
        ("forwarded", "forward-as-attachment.eml"),
        ("freemail", "freemail-sender.eml"),
        ("shortener", "shortener-only.eml"),
        ("attachment", "attachment-only.eml"),
        ("brand", "brand-spoof-graph.json"),
    ]

    static func expectedCopies() throws -> [String: [String]] {
        let data = try Data(contentsOf: Support.triage.appendingPathComponent("expected-copies.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: [String]] ?? [:]
    }

    static func draft(_ file: String) throws -> (Draft, Investigation) {
        let draft = try Draft.make(path: Support.triage.appendingPathComponent("reported/" + file).path)
        return (draft, try Support.investigation(of: draft))
    }

    @Test("the draft finds every copy and nothing else, in one campaign", arguments: cases.indices)
    func findsTheCopies(index: Int) throws {
        let c = Self.cases[index]
        let (_, investigation) = try Self.draft(c.file)
        let report = Support.run(investigation, over: [Support.export])
        let expected = try Self.expectedCopies()[c.name] ?? []
        #expect(!expected.isEmpty)
        #expect(Support.places(report, relativeTo: Support.export) == expected.sorted())
        #expect(CampaignIndex(report).campaigns.count == 1)
    }

    @Test("running the draft finds the reported message itself", arguments: cases.indices)
    func findsTheReportedMessage(index: Int) throws {
        let c = Self.cases[index]
        let (_, investigation) = try Self.draft(c.file)
        let report = Support.run(investigation, over: [Support.triage.appendingPathComponent("reported/" + c.file).path])
        #expect(report.matches.count == 1)
    }

    @Test("a forward as an attachment: drafted from the attached phish, not from the reporter")
    func forward() throws {
        let (draft, investigation) = try Self.draft("forward-as-attachment.eml")
        #expect(draft.reported.carrier?.from.first?.address == "carl@tailspin.example")
        #expect(Support.values(investigation, .from) == ["tailspin-support.example"])
        #expect(Support.values(investigation, .messageId) == ["a1f04c9e77d2@smtp.tailspin-support.example"])
        #expect(!Support.values(investigation, .from).contains { $0.contains("tailspin.example") && !$0.contains("support") })
        #expect(Support.values(investigation, .ip) == ["198.51.100.23"])
    }

    @Test("a freemail sender: the address, never the domain, and no relay IP of the provider")
    func freemail() throws {
        let (draft, investigation) = try Self.draft("freemail-sender.eml")
        #expect(Support.values(investigation, .from) == ["payroll.tailspin.hr@gmail.com"])
        #expect(Support.values(investigation, .ip).isEmpty)
        #expect(draft.leftOut.contains { $0.what == "sending IP" })
        let replyTo = investigation.conditions.filter { $0.field == .header && $0.headerName == "Reply-To" }
        #expect(replyTo.count == 1)
    }

    @Test("links only through a shortener: the whole short link is the indicator, never the shortener's host")
    func shortener() throws {
        let (_, investigation) = try Self.draft("shortener-only.eml")
        let urls = Support.values(investigation, .url)
        #expect(urls == ["bit.ly/3Tq8XwZ"])
        #expect(!urls.contains("bit.ly"))
        // The sender's domain is named by the From header only (the Message-ID is another host's).
        #expect(Support.values(investigation, .from) == ["accounts@harbor-partners.example"])
    }

    @Test("no links, only an attachment: its SHA-256 and name; a forged internal sender is left out")
    func attachmentOnly() throws {
        let (draft, investigation) = try Self.draft("attachment-only.eml")
        #expect(Support.values(investigation, .url).isEmpty)
        #expect(Support.values(investigation, .attachmentSHA256).count == 1)
        #expect(Support.values(investigation, .attachmentName) == ["Scan_0045721.htm"])
        #expect(Support.values(investigation, .from).isEmpty)
        #expect(draft.leftOut.contains { $0.what == "sender scanner@tailspin.example" && $0.reason.contains("forged") })
    }

    @Test("a spoofed brand in Graph JSON: the brand's address and hosts are left out, the form link is kept whole")
    func brand() throws {
        let (draft, investigation) = try Self.draft("brand-spoof-graph.json")
        #expect(Support.values(investigation, .from).isEmpty)
        #expect(Support.values(investigation, .url) == ["docs.google.com/forms/d/e/1FAIpQLSfPpLimited88/viewform"])
        #expect(draft.leftOut.contains { $0.what == "link host www.paypalobjects.com" })
        #expect(draft.leftOut.contains { $0.what == "link host www.paypal.com" })
    }
}
