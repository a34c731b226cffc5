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
}
