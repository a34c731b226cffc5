import Foundation
import MailModel
import Testing
@testable import MIME

/// Header blocks real mailers break: field names with white space, an obsolete `From  :` field as
/// the first line, blank lines before the headers; and the empty `boundary=""`. Each reading is
/// checked in its LF and CRLF forms.
@Suite
struct HeaderBlockRecoveryTests {
    static func parse(_ text: String, crlf: Bool = false) -> MIMEMessage {
        let bytes = Array(text.utf8)
        return MIMEParser().parse(crlf ? Fixture.crlf(bytes) : bytes)
    }

    static func names(_ message: MIMEMessage) -> [String] { message.headers.map(\.name) }

    static func text(_ entity: MIMEEntity) -> String {
        var defects = DefectCollector()
        return entity.text(fromDecoded: entity.decodedContent(defects: &defects), defects: &defects)
            .replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The defects of the whole tree with their offsets in the LF form (CRLF adds one byte per line).
    static func defects(_ message: MIMEMessage) -> [String] {
        message.allDefects.map { "\($0.code.rawValue)@\($0.offset ?? -1)" }
    }

    // MARK: Field names with white space

    @Test(arguments: [false, true])
    func fieldNameWithWhiteSpaceIsSkippedAndTheBlockGoesOn(crlf: Bool) {
        // Folded, followed by a header, twice in a row, and last before the empty line.
        let text = """
            From: a@example.com
            X Scan Station: model 3000
            \tbuild 42
            To: b@example.com
            X Foo: 1
            X\tBar: 2
            Subject: still a header
            Content-Type: text/plain; charset=us-ascii
            X Last: before the empty line

            body

            """
        let message = Self.parse(text, crlf: crlf)
        #expect(Self.names(message) == ["From", "To", "Subject", "Content-Type"])
        #expect(message.root.contentType.charset == "us-ascii")
        #expect(Self.text(message.root) == "body\n")
        let found = message.allDefects
        #expect(found.map(\.code) == [.headerNameInvalid, .headerNameInvalid, .headerNameInvalid, .headerNameInvalid])
        if !crlf {
            let starts = ["X Scan", "X Foo", "X\tBar", "X Last"].map { text.range(of: "\n" + $0)!.lowerBound.utf16Offset(in: text) + 1 }
            #expect(found.map(\.offset) == starts)
        }
        #expect(found[0].message.contains("'X Scan Station'") && found[0].message.contains("white space"))
        #expect(found[2].message.contains("'X\tBar'"))
    }

    @Test(arguments: [false, true])
    func aPartWhoseFirstFieldHasAMalformedNameKeepsItsHeaders(crlf: Bool) {
        // The case that lost a PDF: every part header after `X Scan Id:` became content.
        let text = """
            Content-Type: multipart/mixed; boundary=b

            --b
            X Scan Id: 0050
            Content-Type: application/pdf; name=scan.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--

            """
        let message = Self.parse(text, crlf: crlf)
        let leaf = message.leaves[0]
        #expect(leaf.contentType.mimeType == "application/pdf")
        #expect(leaf.filename == "scan.pdf")
        var defects = DefectCollector()
        #expect(leaf.decodedContent(defects: &defects) == Array("%PDF-1.4\n".utf8))
        #expect(leaf.defects.map(\.code) == [.headerNameInvalid])
    }

    @Test func linesWithoutAnyColonKeepTheirRule() {
        // Followed by a header: skipped. Followed by anything else: the body starts there.
        let skipped = Self.parse("From: a@example.com\nno colon here\nTo: b@example.com\n\nbody\n")
        #expect(Self.names(skipped) == ["From", "To"])
        #expect(skipped.allDefects.map(\.code) == [.headerLineWithoutColon])
        let body = Self.parse("From: a@example.com\nno colon here\nnor here\n")
        #expect(Self.names(body) == ["From"])
        #expect(body.allDefects.map(\.code) == [.missingHeaderBodySeparator])
        #expect(Self.text(body.root) == "no colon here\nnor here\n")
    }

    @Test func aMalformedNameFollowedByProseIsTheBodyStart() {
        // `Dear team: ...` then a line without a colon: the header block has ended, as before.
        let message = Self.parse("Subject: x\nDear team: the report\nis attached\n")
        #expect(Self.names(message) == ["Subject"])
        #expect(message.allDefects.map(\.code) == [.missingHeaderBodySeparator])
        #expect(Self.text(message.root) == "Dear team: the report\nis attached\n")
    }

    @Test func envelopeLinesInsideTheHeadersAreNotMalformedFields() {
        // `From x@y Mon Jan  5 09:00:00 2026` has colons and spaces, but it is an envelope line.
        let message = Self.parse("Subject: x\nFrom x@example.com Mon Jan  5 09:00:00 2026\nTo: b@example.com\n\nbody\n")
        #expect(Self.names(message) == ["Subject", "To"])
        #expect(message.allDefects.map(\.code) == [.headerLineWithoutColon])
    }

    @Test func aMalformedFirstLineIsSkipped() {
        // Before a run of header lines it is junk before the headers (the rule for any first line).
        let junk = Self.parse("X Foo: bar\nFrom: a@example.com\nSubject: s\n\nbody\n")
        #expect(Self.names(junk) == ["From", "Subject"])
        #expect(Self.defects(junk) == ["mime.junk-before-headers@0"])
        let field = Self.parse("X Foo: bar\nSubject: s\n\nbody\n")
        #expect(Self.names(field) == ["Subject"])
        #expect(Self.defects(field) == ["mime.header-name-invalid@0"])
    }

    @Test func proseWithAColonIsNotAField() {
        // Five words or more before the colon: a sentence, not a broken field name.
        let message = Self.parse("These test messages are part of the library:\nhttp://www.example.org/library/\n")
        #expect(message.headers.isEmpty)
        #expect(Self.text(message.root) == "These test messages are part of the library:\nhttp://www.example.org/library/\n")
        let mid = Self.parse("Subject: x\nThese test messages are part of the library:\nTo: b@example.com\n\nbody\n")
        #expect(mid.allDefects.map(\.code) == [.headerLineWithoutColon])
    }

    // MARK: `From  :` as the first line

    @Test(arguments: ["From  : John Doe <jdoe@example.com>", "From\t: John Doe <jdoe@example.com>", "From : John Doe <jdoe@example.com>"])
    func anObsoleteFromFieldIsAHeaderNotAnEnvelopeLine(_ first: String) {
        for crlf in [false, true] {
            let message = Self.parse("\(first)\nSubject: s\n\nbody\n", crlf: crlf)
            #expect(Self.names(message) == ["From", "Subject"])
            #expect(message.allDefects.isEmpty)
            let envelope = MessageEnvelope(headers: message.headers)
            #expect(envelope.from.map(\.address) == ["jdoe@example.com"])
            #expect(envelope.from.first?.name == "John Doe")
        }
    }

    @Test(arguments: ["From jdoe@example.com Mon Jan  5 09:00:00 2026", "From - ", "From MAILER-DAEMON Fri Jul  8 12:08:34 2011"])
    func envelopeLinesAreStillSkipped(_ first: String) {
        let message = Self.parse("\(first)\nFrom: a@example.com\nSubject: s\n\nbody\n")
        #expect(Self.names(message) == ["From", "Subject"])
        #expect(message.allDefects.map(\.code) == [.mboxFromLine])
    }

    // MARK: Blank lines before the headers

    @Test(arguments: [false, true])
    func blankLinesBeforeTheHeadersAreSkipped(crlf: Bool) {
        let message = Self.parse("\n \t\n\nFrom: a@example.com\nSubject: s\n\nbody\n", crlf: crlf)
        #expect(Self.names(message) == ["From", "Subject"])
        #expect(Self.text(message.root) == "body\n")
        #expect(Self.defects(message) == ["mime.leading-blank-lines@0"])
        #expect(message.allDefects.first?.message.contains("3 blank line(s)") == true)
    }

    @Test func blankLinesBeforeAnEnvelopeLineAreSkippedToo() {
        let message = Self.parse("\nFrom a@example.com Mon Jan  5 09:00:00 2026\nFrom: a@example.com\nSubject: s\n\nbody\n")
        #expect(Self.names(message) == ["From", "Subject"])
        #expect(message.allDefects.map(\.code) == [.leadingBlankLines, .mboxFromLine])
    }

    @Test(arguments: ["\n\nHello there,\nno headers here.\n", "\n\nNote: one line that looks like a field\n\nbody\n", "\n\n", "\n   \n"])
    func aBodyThatStartsWithBlankLinesStaysABody(_ text: String) {
        // RFC 5322 §2.1: the first empty line ends an empty header block. Without a header block
        // after the blank lines (two header lines), nothing is skipped.
        let message = Self.parse(text)
        #expect(message.headers.isEmpty)
        #expect(!message.allDefects.contains { $0.code == .leadingBlankLines })
    }

    @Test func nestedPartsDoNotSkipBlankLines() {
        // A part that starts with an empty line has no headers (RFC 2046 §5.1.1): its content follows.
        let message = Self.parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nFrom: not a header\nTo: x\n--b--\n")
        #expect(message.leaves[0].headers.isEmpty)
        #expect(Self.text(message.leaves[0]) == "From: not a header\nTo: x")
    }

    // MARK: boundary=""

    @Test(arguments: [false, true])
    func anEmptyBoundaryIsABoundaryOfZeroLength(crlf: Bool) {
        let text = """
            Content-Type: multipart/mixed; boundary=""

            preamble
            --
            Content-Type: text/plain

            part one
            --\t
            Content-Type: text/plain

            part two
            ----
            epilogue

            """
        let message = Self.parse(text, crlf: crlf)
        guard case .multipart(let body) = message.root.body else {
            Issue.record("not split into parts")
            return
        }
        #expect(body.parts.map(Self.text) == ["part one", "part two"])
        #expect(body.hasCloseBoundary)
        #expect(String(decoding: body.preamble, as: UTF8.self) == "preamble")
        #expect(message.root.defects.map(\.code) == [.boundaryEmpty])
        #expect(message.root.defects.first?.offset == 0)
    }

    @Test func anEmptyBoundaryInsideANamedOne() {
        let text = """
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=

            --
            Content-Type: text/plain

            inner
            ----
            --outer
            Content-Type: text/plain

            last
            --outer--

            """
        let message = Self.parse(text)
        #expect(message.leaves.map(\.path) == ["1.1.1", "1.2"])
        #expect(message.leaves.map(Self.text) == ["inner", "last"])
        // `boundary=` without even quotes is an empty value too (and an invalid parameter).
        #expect(message.allDefects.map(\.code) == [.parameterInvalid, .boundaryEmpty])
    }

    @Test func aMissingBoundaryIsStillMissing() {
        let message = Self.parse("Content-Type: multipart/mixed\n\n--\n\npart\n----\n")
        #expect(message.allDefects.map(\.code) == [.multipartMissingBoundary])
        #expect(message.leaves.count == 1)
    }
}
