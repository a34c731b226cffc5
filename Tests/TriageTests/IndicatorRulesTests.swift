import Foundation
import Investigation
import MailModel
import Testing
@testable import Triage

/// The lists and rules behind the picks, and a reported message full of hostile text.
struct IndicatorRulesTests {
    @Test func registrableDomains() {
        #expect(RegistrableDomain.of("mail.fabrikam-invoices.example") == "fabrikam-invoices.example")
        #expect(RegistrableDomain.of("a.b.example.co.uk") == "example.co.uk")
        #expect(RegistrableDomain.of("example.com") == "example.com")
        #expect(RegistrableDomain.host("x.evil.example", isWithin: "evil.example"))
        #expect(!RegistrableDomain.host("notevil.example", isWithin: "evil.example"))
    }

    @Test func sharedSenderDomains() {
        #expect(SharedDomains.kind(of: "gmail.com") == .freemail)
        #expect(SharedDomains.kind(of: "contoso123.onmicrosoft.com") == .onmicrosoft)
        #expect(SharedDomains.kind(of: "em123.sendgrid.net") == .cloudMailer)
        #expect(SharedDomains.kind(of: "paypal.com") == .bigSender)
        #expect(SharedDomains.kind(of: "fabrikam-invoices.example") == nil)
        #expect(SharedDomains.isRoleAddress("no-reply"))
        #expect(!SharedDomains.isRoleAddress("jane.doe"))
    }

    @Test func sharedLinkHosts() {
        #expect(SharedLinkHosts.kind(of: "bit.ly") == .shortener)
        #expect(SharedLinkHosts.kind(of: "docs.google.com") == .sharedContent)
        #expect(SharedLinkHosts.kind(of: "evil-site.web.app") == .customerSubdomain)
        #expect(SharedLinkHosts.kind(of: "nam12.safelinks.protection.outlook.com") == .wrapper)
        #expect(SharedLinkHosts.kind(of: "www.w3.org") == .infrastructure)
        #expect(SharedLinkHosts.kind(of: "www.paypalobjects.com") == .infrastructure)
        #expect(SharedLinkHosts.kind(of: "fabrikam-invoices.example") == nil)
    }

    @Test func subjectPrefixesAndGenericNames() {
        #expect(SubjectText.withoutPrefixes("RE: Fwd: [EXTERNAL] Invoice INV-1 overdue") == "Invoice INV-1 overdue")
        #expect(AttachmentNames.isGeneric("image001.png"))
        #expect(AttachmentNames.isGeneric("invoice.pdf"))
        #expect(!AttachmentNames.isGeneric("INV-204981.html"))
    }

    @Test("hostile text in a reported message stays a value: quotes, newlines, comment marks, line separators")
    func hostileValuesRoundTrip() throws {
        let scratch = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // An encoded-word subject decoding to a quote, a newline, '#', ': ' and the YAML/Unicode line
        // separators NEL, LS and PS; a link host and an attachment name with quotes and a '#'.
        let subject = "Invoice \"42\"\n# action: delete\u{85}key: x\u{2028}more\u{2029} ' -- end of the text here"
        let encoded = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        let eml = [
            "From: Billing <billing@hostile-lure.example>", "To: victim@tailspin.example", "Subject: \(encoded)",
            "Message-ID: <x\"y#z@hostile-lure.example>", "Date: Mon, 14 Dec 2026 10:00:00 +0000", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/html; charset=utf-8", "",
            "<a href=\"https://hostile-lure.example/pay?x=%22#frag\">pay</a>", "--b",
            "Content-Type: application/octet-stream; name=\"a\\\"b #c:\\\\d-2026.bin\"",
            "Content-Disposition: attachment; filename=\"a\\\"b #c:\\\\d-2026.bin\"", "", "payload bytes", "--b--", "",
        ].joined(separator: "\r\n")
        let file = scratch.appendingPathComponent("hostile.eml")
        try Data(eml.utf8).write(to: file)
        let draft = try Draft.make(path: file.path)
        let investigation = try Support.investigation(of: draft)
        #expect(Support.values(investigation, .subject) == [subject])
        #expect(Support.values(investigation, .messageId) == ["x\"y#z@hostile-lure.example"])
        #expect(Support.values(investigation, .attachmentName) == ["a\"b #c:\\d-2026.bin"])
        // Nothing from the evidence became a key: the file has exactly the draft's filters.
        #expect(investigation.conditions.count == Set(draft.indicators.map(\.kind)).count)
        #expect(investigation.action.kind == .warn)
        for line in draft.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!line.unicodeScalars.contains { [0x85, 0x2028, 0x2029, 0x0D].contains($0.value) })
        }
    }

    static func draft(_ lines: [String]) throws -> Draft {
        let scratch = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("m.eml")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
        return try Draft.make(path: file.path)
    }

    @Test("mail through a mailing list: no relay IP, no footer links, no list Reply-To")
    func mailingList() throws {
        let draft = try Self.draft([
            "Received: from list.example.org (192.0.2.9) by mx.tailspin.example; Mon, 14 Dec 2026 10:00:05 +0000",
            "Received-SPF: pass client-ip=192.0.2.9", "From: Deals <deals@cheap-watches.example>", "Reply-To: talk@list.example.org",
            "List-Id: <talk.list.example.org>", "List-Unsubscribe: <https://list.example.org/unsub>", "To: talk@list.example.org",
            "Subject: Replica watches at unbelievable prices today", "Message-ID: <w1@cheap-watches.example>", "Date: Mon, 14 Dec 2026 10:00:00 +0000",
            "Content-Type: text/plain", "", "Buy now: https://cheap-watches.example/buy", "--", "Sponsored by https://sponsor.example/ad",
            "Unsubscribe: https://list.example.org/unsub",
        ])
        let investigation = try Support.investigation(of: draft)
        #expect(Support.values(investigation, .ip).isEmpty)
        #expect(Support.values(investigation, .url) == ["cheap-watches.example"])
        #expect(investigation.conditions.filter { $0.field == .header }.isEmpty)
        #expect(draft.leftOut.contains { $0.what == "link host sponsor.example" })
    }

    @Test("an address only the Received chain names is not a sending IP: relays and forwarders carry everyone's mail")
    func receivedChainAlone() throws {
        let draft = try Self.draft([
            "Received: from forwarder.example.net (198.51.100.200) by mx.tailspin.example; Mon, 14 Dec 2026 10:00:05 +0000",
            "From: Billing <billing@lure.example>", "To: anna@tailspin.example", "Subject: Your invoice is overdue, pay today please",
            "Message-ID: <r1@lure.example>", "Date: Mon, 14 Dec 2026 10:00:00 +0000", "Content-Type: text/plain", "", "Pay at https://lure.example/pay",
        ])
        #expect(Support.values(try Support.investigation(of: draft), .ip).isEmpty)
        #expect(draft.leftOut.contains { $0.what == "sending IP 198.51.100.200" && $0.reason.contains("Received chain") })
        // The sender's domain hosts the attack (its link goes there): the domain is the indicator.
        #expect(Support.values(try Support.investigation(of: draft), .from) == ["lure.example"])
    }

    @Test("a message without Message-ID keeps its sender and subject, flagged for review")
    func noMessageID() throws {
        let draft = try Self.draft([
            "From: PayPal <service@paypal.com>", "To: anna@tailspin.example", "Subject: Alert", "Date: Mon, 14 Dec 2026 10:00:00 +0000",
            "Content-Type: text/plain", "", "Log in at https://www.paypal.com/",
        ])
        let investigation = try Support.investigation(of: draft)
        #expect(Support.values(investigation, .from) == ["service@paypal.com"])
        #expect(Support.values(investigation, .subject) == ["Alert"])
        #expect(draft.yaml.contains("REVIEW:"))
    }
}
