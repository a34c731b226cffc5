import Foundation
import Testing
@testable import MIME

/// Message identifiers (RFC 5322 §3.6.4): white space and comments of the obsolete syntax removed;
/// broken identifiers kept as written. The expected values are what GMime 3 reads.
@Suite
struct MessageIDParserTests {
    static func id(_ value: String) -> String? { MessageIDParser.messageID(Array(value.utf8)[...]) }
    static func ids(_ value: String) -> [String] { MessageIDParser.messageIDs(Array(value.utf8)[...]) }

    static let single: [(String, String?)] = [
        ("<abc@host.example>", "abc@host.example"),
        (" <abc@ host.example > ", "abc@host.example"),
        ("<abc (comment) @host.example>", "abc@host.example"),
        ("<abc(x)@(y)host.example(z)>", "abc@host.example"),
        ("< abc . def @ host . example >", "abc.def@host.example"),
        ("<abc@host.example (c)>", "abc@host.example"),
        ("(comment) <abc@host.example>", "abc@host.example"),
        ("<abc@host.example> trailing junk", "abc@host.example"),
        ("<abc@host.example> <def@host.example>", "abc@host.example"),
        ("<abc@\r\n host.example>", "abc@host.example"),
        ("<\"quoted local\"@host.example>", "\"quoted local\"@host.example"),
        ("<abc@[192.0.2.1]>", "abc@[192.0.2.1]"),
        ("<abc@[ 192.0.2.1 ]>", "abc@[192.0.2.1]"),
        // Junk after a complete id-right is dropped.
        ("<abc$1@Received: from [192.0.2.1]\r\n    by mx.example >", "abc$1@Received"),
        ("<abc@host.example:25>", "abc@host.example"),
        // Not even obsolete syntax: kept as written.
        ("<a b@host.example>", "a b@host.example"),
        ("<abc@def@ghi.example>", "abc@def"),
        ("<abc..def@host.example>", "abc..def@host.example"),
        ("<abcdef>", "abcdef"),
        ("abc@host.example", "abc@host.example"),
        ("foo bar", "foo bar"),
        ("<abc@host.example", "abc@host.example"),
        ("<<abc@host.example>>", "abc@host.example"),
        ("<>", nil),
        ("", nil),
    ]

    @Test(arguments: single.indices)
    func messageID(_ index: Int) {
        let (value, expected) = Self.single[index]
        #expect(Self.id(value) == expected, "\(value)")
    }

    @Test func listsOfIdentifiers() {
        #expect(Self.ids("<a@x.example> <b@x.example>") == ["a@x.example", "b@x.example"])
        #expect(Self.ids("<parent (the parent) @ x.example>") == ["parent@x.example"])
        // obs-references: phrases between identifiers are skipped, also ones with `:` and quotes.
        #expect(Self.ids("<r@x.example> (root)\r\n < s . t @ x.example > Re: a \"quoted <phrase>\" <u(l)@(r)x.example>")
                == ["r@x.example", "s.t@x.example", "u@x.example"])
        // Without any `<`: white-space separated identifiers that hold an `@`.
        #expect(Self.ids("a@x.example b@x.example junk") == ["a@x.example", "b@x.example"])
        #expect(Self.ids("<> <a b@x.example>") == ["a b@x.example"])
        #expect(Self.ids("") == [])
    }

    @Test func envelopeReadsThemAll() {
        let text = "Message-ID: <m@ x.example >\nIn-Reply-To: <p (c) @x.example>\nReferences: <r@x.example>\n <p (c) @x.example>\n\nbody\n"
        let envelope = MessageEnvelope(headers: MIMEParser().parse(Array(text.utf8)).headers)
        #expect(envelope.messageID == "m@x.example")
        #expect(envelope.inReplyTo == ["p@x.example"])
        #expect(envelope.references == ["r@x.example", "p@x.example"])
    }
}
