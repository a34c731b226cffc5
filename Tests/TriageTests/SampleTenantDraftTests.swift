import Foundation
import Investigation
import MailModel
import Reports
import Testing
import Triage

/// `dragnet draft` over every phishing message of the sample tenant (Fixtures/sample-tenant/README.md,
/// "The planted campaign"): the 7 delivered copies and the 2 forwards of it as an attached message, in
/// EML and Graph JSON. Each draft is valid, finds every copy and nothing else, and the copies form one
/// campaign.
@Suite(.serialized)
struct SampleTenantDraftTests {
    /// The 9 planted items: file (relative to the tenant) and, for a message inside a Graph page, its pointer.
    static let phish: [(file: String, pointer: String?, mailbox: String)] = [
        ("alice.martin@fabrikam.example/messages-page-1.json", "/value/3", "alice.martin@fabrikam.example"),
        ("bruno.keller@fabrikam.example/Inbox/024-20261124_081215-Overdue_invoice_INV-204981_action_required.eml", nil, "bruno.keller@fabrikam.example"),
        ("bruno.keller@fabrikam.example/Sent Items/005-20261124_084130-FW__Overdue_invoice_INV-204981_action_required.eml", nil, "bruno.keller@fabrikam.example"),
        ("chloe.nguyen@fabrikam.example/messages.json", "/1", "chloe.nguyen@fabrikam.example"),
        ("david.okafor@fabrikam.example/reported-phish-forward.json", nil, "david.okafor@fabrikam.example"),
        ("emma.schulz@fabrikam.example/Deleted Items/002-20261124_081218-Overdue_invoice_INV-204981_action_required.eml", nil, "emma.schulz@fabrikam.example"),
        ("farid.haddad@fabrikam.example/messages-ps51.json", "/1", "farid.haddad@fabrikam.example"),
        ("grace.lee@fabrikam.example/Junk Email/003-20261124_081305-Overdue_invoice_INV-204981_action_required.eml", nil, "grace.lee@fabrikam.example"),
        ("henry.wu@fabrikam.example/single-message.json", nil, "henry.wu@fabrikam.example"),
    ]

    static let allCopies = [
        "alice.martin@fabrikam.example/messages-page-1.json#/value/3",
        "bruno.keller@fabrikam.example/Inbox/024-20261124_081215-Overdue_invoice_INV-204981_action_required.eml",
        "bruno.keller@fabrikam.example/Sent Items/005-20261124_084130-FW__Overdue_invoice_INV-204981_action_required.eml",
        "chloe.nguyen@fabrikam.example/messages.json#/1",
        "david.okafor@fabrikam.example/reported-phish-forward.json",
        "emma.schulz@fabrikam.example/Deleted Items/002-20261124_081218-Overdue_invoice_INV-204981_action_required.eml",
        "farid.haddad@fabrikam.example/messages-ps51.json#/1",
        "grace.lee@fabrikam.example/Junk Email/003-20261124_081305-Overdue_invoice_INV-204981_action_required.eml",
        "henry.wu@fabrikam.example/single-message.json",
    ]

    /// The reported message as one file: the EML or single-message JSON itself, or the message cut
    /// out of its Graph page into a scratch file (a responder saves the one message).
    static func reportedFile(_ entry: (file: String, pointer: String?, mailbox: String), in scratch: URL) throws -> String {
        let path = Support.tenant + "/" + entry.file
        guard let pointer = entry.pointer else { return path }
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        var value: Any = try JSONSerialization.jsonObject(with: data)
        for token in pointer.split(separator: "/") {
            if let index = Int(token), let array = value as? [Any] { value = array[index] } else if let object = value as? [String: Any] {
                value = object[String(token)] as Any
            }
        }
        let out = scratch.appendingPathComponent(entry.mailbox + "-" + pointer.replacingOccurrences(of: "/", with: "_") + ".json")
        try JSONSerialization.data(withJSONObject: value).write(to: out)
        return out.path
    }

    @Test("a draft from each phishing item finds all 9 planted items and nothing else", arguments: phish.indices)
    func draftFindsTheCampaign(index: Int) throws {
        let scratch = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let entry = Self.phish[index]
        let draft = try Draft.make(path: try Self.reportedFile(entry, in: scratch), mailbox: entry.mailbox)
        let investigation = try Support.investigation(of: draft)
        #expect(investigation.match == .any)
        #expect(investigation.action.kind == .warn)
        #expect((investigation.action.message?.count ?? 99) <= Action.maxMessageLength)
        // Drafted from the phish itself, forwards included: its Message-ID, never the forward's.
        #expect(Support.values(investigation, .messageId) == ["b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example"])
        #expect(Support.values(investigation, .from) == ["fabrikam-invoices.example"])
        #expect(Support.values(investigation, .attachmentSHA256) == ["2b196b357458e333cdad7fee70412832f8afe877debb72359e29abb81a587d4e"])
        #expect(Support.values(investigation, .url) == ["fabrikam-invoices.example"])
        #expect(!Support.values(investigation, .from).contains("fabrikam.example"))

        let report = Support.run(investigation, over: [Support.tenant])
        #expect(Support.places(report, relativeTo: Support.tenant) == Self.allCopies)
        // The 7 delivered copies are one campaign (one Message-ID, EML and Graph); the forwards another.
        let campaigns = CampaignIndex(report).campaigns
        #expect(campaigns.map(\.messages) == [7, 2])
        #expect(campaigns.first?.mailboxes.count == 7)
        #expect(campaigns.first.map { ($0.read, $0.unread, $0.readUnknown) } ?? (0, 0, 0) == (2, 2, 3))
    }

    @Test("an EML copy's draft names the first external sending IP; a copy without headers cannot")
    func sendingIP() throws {
        let eml = try Draft.make(path: Support.tenant + "/" + Self.phish[1].file)
        #expect(Support.values(try Support.investigation(of: eml), .ip) == ["203.0.113.77"])
        let henry = try Draft.make(path: Support.tenant + "/" + Self.phish[8].file)
        #expect(Support.values(try Support.investigation(of: henry), .ip).isEmpty)
        #expect(henry.leftOut.contains { $0.what == "sending IP" && $0.reason.contains("headers") })
    }

    @Test("a forward of the phish as an attached message is drafted from the attached message, in both formats")
    func forwardsAreUnwrapped() throws {
        for entry in [Self.phish[2], Self.phish[4]] {
            let draft = try Draft.make(path: Support.tenant + "/" + entry.file)
            #expect(draft.reported.carrier?.from.first?.address == "bruno.keller@fabrikam.example")
            #expect(draft.reported.item.from.first?.address == "billing@fabrikam-invoices.example")
            #expect(draft.reported.origin.contains("attached"))
            let asIs = try Draft.make(path: Support.tenant + "/" + entry.file, unwrap: false)
            #expect(asIs.reported.carrier == nil)
            #expect(asIs.reported.item.from.first?.address == "bruno.keller@fabrikam.example")
        }
    }

    @Test("the same message gives the same draft, byte for byte")
    func deterministic() throws {
        let path = Support.tenant + "/" + Self.phish[1].file
        #expect(try Draft.make(path: path).yaml == Draft.make(path: path).yaml)
    }
}

/// Match rows carry what campaigns and plans need, whatever the investigation's filters read.
struct MatchRowFactsTests {
    @Test("rows carry attachment digests always, link hosts when the run reads links (never a second read for a row with a Message-ID)")
    func campaignFacts() throws {
        func run(_ filter: String) throws -> InvestigationReport {
            let investigation = try InvestigationFile.parse(text: "name: t\nfilters:\n  - \(filter)\n", path: "t.yaml", fileSHA256: "").investigation
            return Support.run(investigation, over: [Support.tenant])
        }
        let report = try run("messageId: b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example")
        #expect(report.matches.count == 7)
        #expect(report.matches.allSatisfy { $0.linkHosts.isEmpty })
        #expect(report.matches.allSatisfy { $0.attachmentSHA256 == ["2b196b357458e333cdad7fee70412832f8afe877debb72359e29abb81a587d4e"] })
        let withLinks = try run("url: fabrikam-invoices.example")
        #expect(withLinks.matches.count == 9)
        #expect(withLinks.matches.allSatisfy { $0.linkHosts.contains("fabrikam-invoices.example") })
        #expect(report.matches.filter { $0.source.format == "graph-json" }.allSatisfy { $0.graphID != nil && $0.receivedDate != nil })
        #expect(report.matches.filter { $0.source.format == "eml" }.allSatisfy { $0.graphID == nil })
    }
}
