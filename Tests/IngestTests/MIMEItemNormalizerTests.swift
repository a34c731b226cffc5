import Foundation
import Testing
@testable import Ingest
import MIME
import MailModel

/// The normalized item of §4 built from MIME fixtures.
@Suite
struct MIMEItemNormalizerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/mime")

    func item(_ name: String) throws -> MailItem {
        let bytes = try InputFile.read(Self.fixtures.appendingPathComponent(name).path)
        let message = MIMEParser().parse(bytes)
        return MIMEItemNormalizer().item(
            from: message, source: MessageSource(format: "eml", path: name), mailbox: "dana@contoso.example", folder: "Inbox")
    }

    @Test(arguments: ["49-phish-lookalike-html.eml", "34-embedded-uuencode-text.eml", "33-x-uuencode-attachment.eml"])
    func onlyWhatIsAskedForIsBuilt(_ name: String) throws {
        let bytes = try InputFile.read(Self.fixtures.appendingPathComponent(name).path)
        let message = MIMEParser().parse(bytes)
        let source = MessageSource(format: "eml", path: name)
        let full = MIMEItemNormalizer().item(from: message, source: source, mailbox: "dana@contoso.example", folder: "Inbox")
        let bare = MIMEItemNormalizer(content: []).item(from: message, source: source, mailbox: "dana@contoso.example", folder: "Inbox")
        #expect(bare.bodies.isEmpty && bare.links.isEmpty)
        #expect(bare.headers.value == nil && bare.senderIPs.value == nil)
        // The envelope and the attachments (uuencoded files in plain text too) are always there.
        #expect(bare.subject == full.subject && bare.from == full.from && bare.to == full.to && bare.date == full.date)
        #expect(bare.receivedDate == full.receivedDate)
        #expect(bare.attachments.value?.map(\.path) == full.attachments.value?.map(\.path))
        #expect(bare.attachments.value?.map(\.name) == full.attachments.value?.map(\.name))
        #expect(!(full.attachments.value ?? []).isEmpty || name.hasPrefix("49"))
        let headersOnly = MIMEItemNormalizer(content: [.headers]).item(from: message, source: source, mailbox: "d", folder: "Inbox")
        #expect(headersOnly.headers.value == full.headers.value && headersOnly.senderIPs.value == nil && headersOnly.bodies.isEmpty)
        let linksOnly = MIMEItemNormalizer(content: [.links]).item(from: message, source: source, mailbox: "d", folder: "Inbox")
        #expect(linksOnly.links == full.links)
    }

    @Test func phishingMessageFields() throws {
        let item = try item("49-phish-lookalike-html.eml")
        #expect(item.messageID == "0b7e5f3a.4d21@c0ntoso-support.example")
        #expect(item.subject == "⚠ Action required: mailbox storage 98% full")
        #expect(item.from.map(\.address) == ["helpdesk@c0ntoso-support.example"])
        #expect(item.from.first?.name == "Contoso IT Helpdesk")
        #expect(item.replyTo.map(\.address) == ["helpdesk-verify@mailbox.example.net"])
        // 2026-03-16T07:41:58Z
        #expect(item.date == 1_773_646_918)
        // The topmost Received hop: 2026-03-16T07:42:10Z.
        #expect(item.receivedDate == 1_773_646_930)
        #expect(item.senderIPs.value == ["203.0.113.45", "10.0.0.15", "127.0.0.1"])
        #expect(item.mailbox == "dana@contoso.example")
        #expect(item.folder == "Inbox")
    }

    @Test func repeatedRecipientFieldsAllCountForTheItemAndTheInspectRecord() throws {
        let item = try item("51-repeated-address-headers.eml")
        #expect(item.to.map(\.address) == ["dana@example.org", "erin@example.org"])
        #expect(item.cc.map(\.address) == ["finance@example.org", "audit@example.org"])
        #expect(item.bcc.map(\.address) == ["hidden1@example.org", "hidden2@example.org"])
        #expect(item.from.map(\.address) == ["payroll@example.com"])
        #expect(item.subject == "First subject wins")
        #expect(item.messageID == "first.20260317.0051@example.com")
        #expect(item.diagnostics.filter { $0.code == "mime.header-repeated" }.count == 7)
        let bytes = try InputFile.read(Self.fixtures.appendingPathComponent("51-repeated-address-headers.eml").path)
        let record = InspectRecord(message: MIMEParser().parse(bytes), source: MessageSource(format: "eml", path: "51.eml"))
        #expect(record.to.map(\.address) == item.to.map(\.address))
        #expect(record.cc.map(\.address) == item.cc.map(\.address))
        #expect(record.defects.filter { $0.code == "mime.header-repeated" }.count == 7)
    }

    @Test func bodyTextAndLinksComeFromTheHTMLBodyOnly() throws {
        let item = try item("49-phish-lookalike-html.eml")
        #expect(item.bodies.count == 1)
        #expect(item.bodies[0].origin == .html)
        #expect(item.bodies[0].text.contains("Your mailbox has reached 98% of its storage quota."))
        #expect(!item.bodies[0].text.contains("font-family"))
        #expect(item.links.map(\.url) == ["https://login.c0ntoso-support.example/owa/auth?user=dana%40contoso.example&r=1"])
        #expect(item.links.first?.text == "https://login.contoso.example/owa")
    }

    @Test func attachmentsHaveNamesExtensionsAndDecodedBytes() throws {
        let item = try item("49-phish-lookalike-html.eml")
        let attachments = try #require(item.attachments.value)
        #expect(attachments.count == 1)
        let html = attachments[0]
        #expect(html.name == "Voicemail_Message_0316.html")
        #expect(html.fileExtension == "html")
        #expect(html.contentType == "text/html")
        let text = String(decoding: html.content(), as: UTF8.self)
        #expect(text.hasPrefix("<html><head><script>window.location.href="))
    }

    @Test func attachedMessageIsAnAttachmentAndItsBodyIsSearched() throws {
        let item = try item("28-forwarded-rfc822-phish.eml")
        let attachments = try #require(item.attachments.value)
        #expect(attachments.contains { $0.contentType == "message/rfc822" })
        #expect(attachments.contains { $0.name == "Statement_0311.zip" })
        // The forwarded message's HTML body is searchable text of the outer item.
        #expect(item.bodies.count >= 2)
        #expect(item.bodies.contains { $0.path.hasPrefix("1.2.") && $0.origin == .html })
    }

    @Test func uuencodedFilesAreNumberedAsInspectNumbersThem() throws {
        let item = try item("34-embedded-uuencode-text.eml")
        let paths = (item.attachments.value ?? []).map(\.path).filter { $0.contains(".uu") }
        #expect(!paths.isEmpty)
        #expect(paths.allSatisfy { $0.range(of: #"\.uu[1-9][0-9]*$"#, options: .regularExpression) != nil })
        let bytes = try InputFile.read(Self.fixtures.appendingPathComponent("34-embedded-uuencode-text.eml").path)
        let record = InspectRecord(message: MIMEParser().parse(bytes), source: MessageSource(format: "eml", path: "x"), offsetInFile: 0, limits: .default)
        let inspected = record.parts.map(\.path).filter { $0.contains(".uu") }
        #expect(paths == inspected)
    }

    @Test func onlyPlainAndHTMLPartsAreBodyText() {
        let raw = """
            From: a@example.com
            Subject: parts
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            plain body https://plain.example/
            --b
            Content-Type: text/csv

            ZZCSV,https://csv.example/
            --b
            Content-Type: text/enriched

            <bold>ZZENRICHED</bold>
            --b
            Content-Type: text/rfc822-headers

            Received: from x by y
            --b--

            """
        let message = MIMEParser().parse(Array(raw.utf8))
        let item = MIMEItemNormalizer().item(from: message, source: MessageSource(format: "eml", path: "m.eml"), mailbox: "d", folder: "Inbox")
        #expect(item.bodies.map(\.path) == ["1.1"])
        #expect(item.links.map(\.url) == ["https://plain.example/"])
        #expect(item.attachments.value?.map(\.path) == ["1.2", "1.3", "1.4"])
    }

    @Test func plainTextURLsAreLinks() {
        let urls = PlainTextLinkScanner.urls(in: "Pay at https://evil.example/pay?id=1. Or www.other.example, or (http://x.example/a).")
        #expect(urls == ["https://evil.example/pay?id=1", "www.other.example", "http://x.example/a"])
    }

    @Test func plainTextURLsAreFoundAtEveryAlignment() {
        for padding in 0..<17 {
            let text = String(repeating: "x", count: padding) + " see https://a.example/p and WWW.b.example, " + String(repeating: "y", count: padding)
            #expect(PlainTextLinkScanner.urls(in: text) == ["https://a.example/p", "WWW.b.example"], "padding \(padding)")
        }
    }

    @Test func plainTextURLsInAnyCaseAtWordStartsOnly() {
        let text = "What we have: HTTPS://Evil.Example/X, WWW.Caps.example; nowww.x.example, http://a, https:/x.example, hhttp://y.example\nhttp://z.example/é"
        #expect(PlainTextLinkScanner.urls(in: text) == ["HTTPS://Evil.Example/X", "WWW.Caps.example", "http://z.example/é"])
    }

    @Test func receivedHopsGiveTheirFromClauseIPs() {
        let ips = SenderIPExtractor.senderIPs(headers: [
            (name: "Received", value: "from a.example (a.example [198.51.100.7]) by mx.example (10.1.1.1) with ESMTP"),
            (name: "Received", value: "from b ([IPv6:2001:db8::1]) by c"),
            (name: "X-Originating-IP", value: "[203.0.113.9]"),
            (name: "Received", value: "from version 1.2.3.4.5 by x"),
        ])
        #expect(ips == ["198.51.100.7", "2001:db8::1", "203.0.113.9"])
    }

    @Test func senderIPsAreWrittenCanonically() {
        let ips = SenderIPExtractor.senderIPs(headers: [
            (name: "RECEIVED", value: "from x ([010.001.002.003]) by y; Tue, 1 Oct 2002"),
            (name: "received", value: "from x ([IPv6:2001:DB8::A]) (helo [2001:db8::b]) (ipv6:fe80::1)\r\n\tby y"),
            (name: "Received", value: "from x (256.1.1.1 1.2.3.4a v1.2.3.4 [::]) by 5.6.7.8"),
            (name: "X-Sender-IP", value: "198.51.100.7"),
        ])
        #expect(ips == ["10.1.2.3", "2001:db8::a", "2001:db8::b", "198.51.100.7"])
    }

    /// Wrapped links as mail writes them inside HTML attributes: `&amp;` (and doubled `&amp;amp;`),
    /// numeric references, lower-case escapes, a wrapped attribute line, white space around the value.
    @Test func wrappedLinksInHTMLAttributesAreUnwrappedWhateverTheirEncoding() throws {
        let safe = "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fa%3Fb%3D1"
        let html = """
            <a href="\(safe)&amp;data=05%7C02&amp;reserved=0">one</a>
            <a href="\(safe)&amp;amp;data=05%7C02">two</a>
            <a href="\(safe)&#38;data=05&#x26;reserved=0">three</a>
            <a href="https://nam02.safelinks.protection.outlook.com/?url=https%3a%2f%2fevil-login.example%2fa%3fb%3d1&amp;data=05">four</a>
            <a href="  https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil-login.example%2Fa%3Fb%3D1&amp;da
            ta=05  ">five</a>
            <img src="https://urldefense.com/v3/__https://evil-login.example/a?b=1__;!!x!y$" alt="logo">
            <a href="https://www.fabrikam.example/">home</a>
            """
        let message = MIMEParser().parse(Array("Content-Type: text/html; charset=utf-8\r\n\r\n\(html)".utf8))
        let item = MIMEItemNormalizer().item(from: message, source: MessageSource(format: "eml", path: "m.eml"), mailbox: "m", folder: "Inbox")
        #expect(item.links.count == 7)
        #expect(item.links.prefix(6).map(\.target) == Array(repeating: "https://evil-login.example/a?b=1", count: 6))
        #expect(item.links.prefix(6).allSatisfy { $0.unwrapped?.problem == nil })
        #expect(item.links[5].text == "logo")
        #expect(item.links[6].unwrapped == nil && item.links[6].target == "https://www.fabrikam.example/")
        #expect(item.diagnostics.isEmpty)
    }
}
