import Testing
@testable import MIME

private func parse(_ text: String) -> ([AddressListEntry], DefectCollector) {
    var defects = DefectCollector()
    let entries = AddressListParser.parse(Array(text.utf8)[...], defects: &defects)
    return (entries, defects)
}

private func mailboxes(_ text: String) -> [MailboxAddress] { parse(text).0.mailboxes }

private func addresses(_ text: String) -> [String] { mailboxes(text).map(\.address) }

private func mailbox(_ name: String?, _ address: String) -> MailboxAddress { MailboxAddress(name: name, address: address) }

@Suite("AddressListParser: RFC 5322 §3.4")
struct AddressListParserTests {
    @Test func nameAddr() {
        let (entries, defects) = parse(" John Smith <john.smith@example.com>")
        #expect(entries == [.mailbox(mailbox("John Smith", "john.smith@example.com"))])
        #expect(defects.defects.isEmpty)
    }

    @Test func listWithQuotedNamesAndBareAddresses() {
        let (entries, defects) = parse(#""Doe, Jane" <jane@example.org>, bob@example.net,Alice <alice@example.com>"#)
        #expect(entries.mailboxes == [
            mailbox("Doe, Jane", "jane@example.org"),
            mailbox(nil, "bob@example.net"),
            mailbox("Alice", "alice@example.com"),
        ])
        #expect(defects.defects.isEmpty)
    }

    @Test func addressesKeepTheirCase() {
        #expect(addresses("John.Smith@Example.COM") == ["John.Smith@Example.COM"])
    }

    @Test func foldedList() {
        let list = mailboxes("Robert Elz <kre@munnari.OZ.AU>,\r\n\tChris Garrigues\r\n <cwg@DeepEddy.Com>")
        #expect(list == [mailbox("Robert Elz", "kre@munnari.OZ.AU"), mailbox("Chris Garrigues", "cwg@DeepEddy.Com")])
    }

    @Test func obsoletePhraseWithDots() {
        #expect(mailboxes("John Q. Public <jqp@example.com>") == [mailbox("John Q. Public", "jqp@example.com")])
    }

    @Test func quotedStringInsidePhrase() {
        #expect(mailboxes(#"John "the man" Smith <a@b.example>"#) == [mailbox("John the man Smith", "a@b.example")])
        #expect(mailboxes(#""\"quoted\"" <a@b.example>"#) == [mailbox("\"quoted\"", "a@b.example")])
        #expect(mailboxes(#""" <a@b.example>"#) == [mailbox(nil, "a@b.example")])
    }

    @Test func encodedWordDisplayNames() {
        #expect(mailboxes("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>")
            == [mailbox("Andr\u{E9} Pirard", "PIRARD@vm1.ulg.ac.be")])
        // Outlook quotes encoded words; GMime and CPython decode them anyway.
        #expect(mailboxes(#""=?UTF-8?B?SsO2cmc=?=" <joerg@example.de>"#) == [mailbox("J\u{F6}rg", "joerg@example.de")])
    }

    @Test func commentNamesABareAddress() {
        #expect(mailboxes("user@host.example (Real Name)") == [mailbox("Real Name", "user@host.example")])
        #expect(mailboxes("a@b.example (Foo) (Bar)") == [mailbox("Foo", "a@b.example")])
        #expect(mailboxes("a@b.example (Work (main office))") == [mailbox("Work (main office)", "a@b.example")])
        // A display name wins over a comment.
        #expect(mailboxes(#""Joe" (x) <j@x.example> (y)"#) == [mailbox("Joe", "j@x.example")])
    }

    @Test func commentsAroundEveryToken() {
        #expect(addresses("a . b @ c . example") == ["a.b@c.example"])
        #expect(addresses("<a @ b (comment) . example>") == ["a@b.example"])
        #expect(addresses("jdoe@machine(comment).  example") == ["jdoe@machine.example"])
    }

    @Test func groups() {
        let (entries, defects) = parse("Team: alice@example.com, Bob <bob@example.com>;, carol@example.com")
        #expect(entries == [
            .group(name: "Team", members: [mailbox(nil, "alice@example.com"), mailbox("Bob", "bob@example.com")]),
            .mailbox(mailbox(nil, "carol@example.com")),
        ])
        #expect(entries.mailboxes.map(\.address) == ["alice@example.com", "bob@example.com", "carol@example.com"])
        #expect(defects.defects.isEmpty)
    }

    @Test func emptyGroupAddsNoMailbox() {
        let (entries, defects) = parse("undisclosed-recipients:;")
        #expect(entries == [.group(name: "undisclosed-recipients", members: [])])
        #expect(entries.mailboxes.isEmpty)
        #expect(defects.defects.isEmpty)
    }

    @Test func unclosedGroup() {
        let (entries, defects) = parse("Foo: a@b.example, c@d.example")
        #expect(entries.mailboxes.map(\.address) == ["a@b.example", "c@d.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func obsoleteRouteIsDropped() {
        let (entries, defects) = parse("<@relay1.example,@relay2.example:user@host.example>")
        #expect(entries.mailboxes == [mailbox(nil, "user@host.example")])
        #expect(defects.defects.map(\.code) == [.addressObsoleteRoute])
        #expect(defects.defects.first?.offset == 1)
    }

    @Test func missingDomainKeepsLocalPart() {
        let (entries, defects) = parse("Mailer-Daemon (Mail Delivery System)")
        #expect(entries.mailboxes == [mailbox("Mail Delivery System", "Mailer-Daemon")])
        #expect(defects.contains(.addressMissingDomain))

        let (angle, angleDefects) = parse("Postmaster <postmaster>")
        #expect(angle.mailboxes == [mailbox("Postmaster", "postmaster")])
        #expect(angleDefects.contains(.addressMissingDomain))

        #expect(addresses("user@") == ["user"])
    }

    @Test func quotedLocalPartsAreQuotedOnlyWhenNeeded() {
        #expect(addresses(#""john doe"@example.com"#) == [#""john doe"@example.com"#])
        #expect(addresses(#""john"@example.com"#) == ["john@example.com"])
        #expect(addresses(#"<"a\"b"@example.com>"#) == [#""a\"b"@example.com"#])
    }

    @Test func invalidDotAtomsAreKeptAsWritten() {
        #expect(addresses("a..b@c.example, .a@b.example, Gat.cash.out.@d.example")
            == ["a..b@c.example", ".a@b.example", "Gat.cash.out.@d.example"])
    }

    @Test func domainLiteral() {
        #expect(addresses("user@[192.168.0.1], <x@[IPv6:2001:db8::1]>") == ["user@[192.168.0.1]", "x@[IPv6:2001:db8::1]"])
    }

    @Test func rootQualifiedDomainLosesItsDot() {
        #expect(addresses("a@b.example.") == ["a@b.example"])
    }

    @Test func internationalizedAddressesAsWritten() {
        #expect(mailboxes("J\u{F6}rg <j\u{F6}rg@b\u{FC}cher.de>") == [mailbox("J\u{F6}rg", "j\u{F6}rg@b\u{FC}cher.de")])
    }

    @Test func encodedWordWithSpecialsIsOneWord() {
        #expect(mailboxes("=?utf-8?q?Smith,_John?= <js@example.com>") == [mailbox("Smith, John", "js@example.com")])
    }

    @Test func emptyInput() {
        let (entries, defects) = parse("  ")
        #expect(entries.isEmpty)
        #expect(defects.defects.isEmpty)
        #expect(parse(" , ,").0.isEmpty)
    }

    @Test func parseMailboxesFlattens() {
        var defects = DefectCollector()
        let list = AddressListParser.parseMailboxes(Array("G: a@x.example;, b@y.example".utf8)[...], defects: &defects)
        #expect(list.map(\.address) == ["a@x.example", "b@y.example"])
    }
}

@Suite("AddressListParser: broken lists")
struct AddressListParserRecoveryTests {
    @Test func unbalancedQuote() {
        let (entries, defects) = parse(#""John Smith <john@example.com>"#)
        #expect(entries.mailboxes == [mailbox("John Smith", "john@example.com")])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func unclosedAngleBracket() {
        let (entries, defects) = parse("John <a@b.example, c@d.example")
        #expect(entries.mailboxes == [mailbox("John", "a@b.example"), mailbox(nil, "c@d.example")])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func junkInsideAngleBrackets() {
        let (entries, defects) = parse("<a@b.example c>, <d@e.example>>")
        #expect(entries.mailboxes.map(\.address) == ["a@b.example", "d@e.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func missingCommas() {
        let (entries, defects) = parse("tim@example.com concierge@example.com")
        #expect(entries.mailboxes.map(\.address) == ["tim@example.com", "concierge@example.com"])
        #expect(defects.contains(.addressListMalformed))

        let (angles, angleDefects) = parse("Bob Dunite <bob@extern.example> Bobby Dunite <bobby@extern.example>")
        #expect(angles.mailboxes == [mailbox("Bob Dunite", "bob@extern.example"), mailbox("Bobby Dunite", "bobby@extern.example")])
        #expect(angleDefects.contains(.addressListMalformed))
    }

    @Test func semicolonAsSeparator() {
        let (entries, defects) = parse("a@b.example; c@d.example")
        #expect(entries.mailboxes.map(\.address) == ["a@b.example", "c@d.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func strayEmptyAngleAddress() {
        let (entries, defects) = parse(#""" <>, <>, a@b.example"#)
        #expect(entries.mailboxes.map(\.address) == ["a@b.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func addressAsDisplayName() {
        #expect(mailboxes("foo@bar.example <foo@bar.example>") == [mailbox("foo@bar.example", "foo@bar.example")])
    }

    @Test func wordsBeforeABareAddress() {
        let (entries, defects) = parse("Big Bug bb@bug.example")
        #expect(entries.mailboxes == [mailbox("Big Bug", "bb@bug.example")])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func wordsWithoutAddressAreDropped() {
        let (entries, defects) = parse("John Smith, a@b.example")
        #expect(entries.mailboxes.map(\.address) == ["a@b.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func mailtoPrefix() {
        let (entries, defects) = parse("<mailto:a@b.example>")
        #expect(entries.mailboxes.map(\.address) == ["a@b.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func unclosedComment() {
        let (entries, defects) = parse("a@b.example (Real Name")
        #expect(entries.mailboxes.map(\.address) == ["a@b.example"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func doubleAt() {
        #expect(addresses("ndtuf@uksyz@21cn.example") == ["ndtuf@uksyz"])
    }

    @Test func domainLiteralWithoutLocalPart() {
        let (entries, defects) = parse("zv@[10.0.0.1], [ufa]@netnoteinc.example")
        #expect(entries.mailboxes.map(\.address) == ["zv@[10.0.0.1]"])
        #expect(defects.contains(.addressListMalformed))
    }

    @Test func legacyEightBitLocalPart() {
        // Not UTF-8: read with the fallback charset instead of being dropped.
        var defects = DefectCollector()
        let bytes: [UInt8] = [0x20, 0xE9, 0x74, 0xE9] + Array("@example.com".utf8)
        let list = AddressListParser.parse(bytes[...], defects: &defects).mailboxes
        #expect(list.map(\.address) == ["\u{E9}t\u{E9}@example.com"])
    }
}
