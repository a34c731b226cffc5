import Foundation
import Synchronization
import Testing
import MailModel
@testable import MIME

/// One small message per defect code of the catalogue, and each limit at and past its value.
@Suite
struct DefectCatalogueTests {
    /// Every defect a full reading of `text` records: structure, envelope, transfer and charset decoding.
    static func defects(_ text: String, limits: ParserLimits = .default) -> [MIMEDefect.Code] {
        defects(Array(text.utf8), limits: limits)
    }

    static func defects(_ bytes: [UInt8], limits: ParserLimits = .default) -> [MIMEDefect.Code] {
        let message = MIMEParser(options: ParserOptions(limits: limits)).parse(bytes)
        var collector = DefectCollector()
        for leaf in message.leaves {
            let decoded = leaf.decodedContent(limits: limits, defects: &collector)
            if leaf.contentType.type == "text" { _ = leaf.text(fromDecoded: decoded, defects: &collector) }
            if let pgp = leaf.inlinePGPDefect(inDecoded: decoded) { collector.defects.append(pgp) }
            if leaf.contentType.mimeType == "text/plain" {
                for block in UUDecoder.scanBlocks(in: decoded[...]) { collector.defects += block.defects }
            }
        }
        let envelope = MessageEnvelope(headers: message.headers)
        return (message.allDefects + envelope.defects + collector.defects).map(\.code)
    }

    static let cases: [(MIMEDefect.Code, String)] = [
        (.mboxFromLine, "From someone@example.com Mon Mar 16 08:00:00 2026\nSubject: x\n\nbody\n"),
        (.junkBeforeHeaders, "Microsoft Mail Internet Headers Version 2.0\nSubject: x\nFrom: a@example.com\n\nbody\n"),
        (.leadingBlankLines, "\n\nFrom: a@example.com\nSubject: x\n\nbody\n"),
        (.firstHeaderLineIsContinuation, "\tcontinued\nSubject: x\n\nbody\n"),
        (.missingHeaderBodySeparator, "Subject: x\nthis line has no colon\nnor this one\n"),
        (.headerLineWithoutColon, "Subject: x\nstray line\nFrom: a@example.com\n\nbody\n"),
        (.headerNameInvalid, "Subject: x\nX Foo: bar\n\nbody\n"),
        (.headerRepeated, "To: a@example.com\nTo: b@example.com\n\nbody\n"),
        (.headerNonASCII, "Subject: caf\u{E9}\n\nbody\n"),
        (.encodedWordMalformed, "Subject: =?utf-8?X?abc?=\n\nbody\n"),
        (.encodedWordUnknownCharset, "Subject: =?x-no-such-charset?Q?abc?=\n\nbody\n"),
        (.addressListMalformed, "To: \"unbalanced <a@example.com>\n\nbody\n"),
        (.addressObsoleteRoute, "From: <@relay.example:user@example.com>\n\nbody\n"),
        (.addressMissingDomain, "To: postmaster\n\nbody\n"),
        (.dateInvalid, "Date: Mon, 45 Foo 2026 99:99:99 +0000\n\nbody\n"),
        (.dateMissingZone, "Date: Mon, 16 Mar 2026 08:00:00\n\nbody\n"),
        (.dateObsoleteZone, "Date: Mon, 16 Mar 2026 08:00:00 EST\n\nbody\n"),
        (.dateTwoDigitYear, "Date: Mon, 16 Mar 26 08:00:00 +0000\n\nbody\n"),
        (.contentTypeInvalid, "Content-Type: text\n\nbody\n"),
        (.contentDispositionInvalid, "Content-Disposition: ; filename=x.txt\n\nbody\n"),
        (.parameterInvalid, "Content-Type: text/plain; charset\n\nbody\n"),
        (.parameterContinuationGap, "Content-Type: application/pdf; name*0=a; name*2=c\n\nbody\n"),
        (.multipartMissingBoundary, "Content-Type: multipart/mixed\n\nbody\n"),
        (.boundaryEmpty, "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n\npart\n----\n"),
        (.startBoundaryNotFound, "Content-Type: multipart/mixed; boundary=b\n\nno boundary here\n"),
        (.closeBoundaryNotFound, "Content-Type: multipart/mixed; boundary=b\n\n--b\n\npart\n"),
        (.truncated, "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: base64\n\naGVsbG8gd29y"),
        (.multipartTransferEncodingInvalid, "Content-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: base64\n\n--b\n\npart\n--b--\n"),
        (.base64InvalidCharacters, "Content-Transfer-Encoding: base64\n\naGVs!!bG8=\n"),
        (.base64InvalidPadding, "Content-Transfer-Encoding: base64\n\naGVsbG8\n"),
        (.quotedPrintableInvalidEscape, "Content-Transfer-Encoding: quoted-printable\n\nbad =ZZ escape\n"),
        (.uuencodeMalformed, "Content-Transfer-Encoding: x-uuencode\n\nbegin 644 a.txt\n#86)C\n"),
        (.transferEncodingUnknown, "Content-Transfer-Encoding: x-foo\n\nbody\n"),
        (.charsetUnknown, "Content-Type: text/plain; charset=foo-bar\n\nbody\n"),
        (.charsetUndecodableBytes, "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n/w==\n"),
        (.charsetMissing, "Content-Transfer-Encoding: base64\n\nY2Fm6Q==\n"),
        // A CMS ContentInfo naming EnvelopedData (1.2.840.113549.1.7.3) and nothing more.
        (.encryptedSMIME, "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\nContent-Transfer-Encoding: base64\n\nMAsGCSqGSIb3DQEHAw==\n"),
        (.encryptedPGP, "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=b\n\n--b\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--b\nContent-Type: application/octet-stream\n\nciphertext\n--b--\n"),
        (.encryptedPGPInline, "Content-Type: text/plain\n\nHello\n-----BEGIN PGP MESSAGE-----\n\nhQEMA0\n-----END PGP MESSAGE-----\n"),
        (.rightsProtected, "Content-Type: application/x-microsoft-rpmsg-message; name=message.rpmsg\nContent-Transfer-Encoding: base64\n\ndugEYMQR44Y=\n"),
        // CompressedData (1.2.840.113549.1.9.16.1.9): not decompressed.
        (.smimeUnreadable, "Content-Type: application/pkcs7-mime; smime-type=compressed-data\nContent-Transfer-Encoding: base64\n\nMA0GCyqGSIb3DQEJEAEJ\n"),
    ]

    @Test(arguments: cases.map { $0.0.rawValue })
    func eachCodeHasATriggeringMessage(_ code: String) {
        let text = Self.cases.first { $0.0.rawValue == code }!.1
        let found = Self.defects(text)
        #expect(found.contains(MIMEDefect.Code(rawValue: code)), "\(code) not recorded; got \(found.map(\.rawValue))")
    }

    @Test func everyCatalogueCodeIsCovered() throws {
        let source = try String(contentsOfFile: Fixture.packageRoot.appendingPathComponent("Sources/MIME/Diagnostics/MIMEDefect+Code.swift").path, encoding: .utf8)
        let declared = source.split(separator: "\n").compactMap { line -> String? in
            guard let q = line.range(of: "Self(\"") else { return nil }
            return String(line[q.upperBound...].prefix { $0 != "\"" })
        }
        let limitCodes: Set<String> = ["mime.header-block-too-large", "mime.line-too-long", "mime.nesting-too-deep", "mime.too-many-parts", "mime.decoded-size-limit"]
        let covered = Set(Self.cases.map(\.0.rawValue)).union(limitCodes)
        #expect(declared.count >= 30)
        #expect(Set(declared).subtracting(covered).isEmpty, "codes without a test: \(Set(declared).subtracting(covered))")
    }

    @Test func observerSeesTheSameStructureDefectsAsTheEntities() {
        let seen = Mutex<[MIMEDefect]>([])
        let options = ParserOptions(defectObserver: { defect in seen.withLock { $0.append(defect) } })
        let message = MIMEParser(options: options).parse(Array("Content-Type: multipart/mixed; boundary=b\n\n--b\nstray\n\ntext\n--b\nContent-Type: multipart/alternative\n\nx\n".utf8))
        let attached = message.allDefects
        #expect(!attached.isEmpty)
        #expect(Set(seen.withLock { $0 }) == Set(attached))
    }

    // MARK: Limits, at the limit and one past it

    static func nested(_ depth: Int) -> String {
        var text = ""
        for level in 0..<depth { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "\ninner\n"
        for level in (0..<depth).reversed() { text += "--b\(level)--\n" }
        return text
    }

    @Test func nestingDepthLimit() {
        var limits = ParserLimits()
        limits.maxNestingDepth = 5
        #expect(!Self.defects(Self.nested(5), limits: limits).contains(.nestingTooDeep))
        #expect(Self.defects(Self.nested(6), limits: limits).contains(.nestingTooDeep))
        // Degrades: the too-deep multipart is kept as an opaque leaf and its text is still there.
        let message = MIMEParser(options: ParserOptions(limits: limits)).parse(Array(Self.nested(6).utf8))
        #expect(message.leaves.count == 1)
        #expect(message.leaves[0].contentType.type == "multipart")
    }

    static func parts(_ count: Int) -> String {
        "Content-Type: multipart/mixed; boundary=b\n\n" + (0..<count).map { "--b\n\npart \($0)\n" }.joined() + "--b--\n"
    }

    @Test func partCountLimit() {
        var limits = ParserLimits()
        limits.maxParts = 4  // the multipart itself plus three parts
        #expect(!Self.defects(Self.parts(3), limits: limits).contains(.tooManyParts))
        #expect(Self.defects(Self.parts(4), limits: limits).contains(.tooManyParts))
        let message = MIMEParser(options: ParserOptions(limits: limits)).parse(Array(Self.parts(10).utf8))
        #expect(message.leaves.count == 3)
    }

    /// As `ParserLimits.maxParts` says: the remaining parts are skipped up to the close delimiter, the
    /// epilogue is still read, and a multipart met past the limit is kept as an opaque leaf.
    @Test func partCountLimitSkipsToTheCloseDelimiter() throws {
        var limits = ParserLimits()
        limits.maxParts = 4
        for ending in ["\n", "\r\n"] {
            let text = (Self.parts(10) + "epilogue\n").replacingOccurrences(of: "\n", with: ending)
            let message = MIMEParser(options: ParserOptions(limits: limits)).parse(Array(text.utf8))
            guard case .multipart(let body) = message.root.body else { Issue.record("not a multipart"); continue }
            #expect(body.parts.count == 3)
            #expect(body.hasCloseBoundary)
            #expect(String(decoding: body.epilogue, as: UTF8.self) == "epilogue" + ending)
            #expect(message.allDefects.map(\.code) == [.tooManyParts])
        }
        // A multipart reached when the limit is used up (the root of an attached message) stays opaque.
        limits.maxParts = 2
        let nested = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\nContent-Type: multipart/alternative; boundary=c\n\n--c\n\nthree\n--c--\n--b--\n"
        let message = MIMEParser(options: ParserOptions(limits: limits)).parse(Array(nested.utf8))
        guard case .multipart(let body) = message.root.body, case .message(let attached)? = body.parts.first?.body else {
            Issue.record("not a multipart holding a message"); return
        }
        #expect(attached.root.contentType.type == "multipart")
        #expect(attached.root.leafContent.map { String(decoding: $0, as: UTF8.self) } == "--c\n\nthree\n--c--")
        #expect(message.allDefects.map(\.code) == [.tooManyParts])
        #expect(body.hasCloseBoundary)
    }

    @Test func headerBlockLimit() {
        var limits = ParserLimits()
        limits.maxHeaderBlockBytes = 64
        let small = "Subject: short\n\nbody\n"
        let large = "Subject: short\n" + (0..<10).map { "X-Filler-\($0): 0123456789\n" }.joined() + "\nbody\n"
        #expect(!Self.defects(small, limits: limits).contains(.headerBlockTooLarge))
        #expect(Self.defects(large, limits: limits).contains(.headerBlockTooLarge))
        let message = MIMEParser(options: ParserOptions(limits: limits)).parse(Array(large.utf8))
        #expect(message.headers.first(named: "Subject") != nil)
        #expect(message.headers.first(named: "X-Filler-9") == nil)
    }

    @Test func lineLengthLimit() {
        var limits = ParserLimits()
        limits.maxLineLength = 50
        let body = { (n: Int) in "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n" + String(repeating: "x", count: n) + "\n--b--\n" }
        #expect(!Self.defects(body(50), limits: limits).contains(.lineTooLong))
        #expect(Self.defects(body(80), limits: limits).contains(.lineTooLong))
    }

    @Test func decodedSizeLimit() {
        var limits = ParserLimits()
        limits.maxDecodedBytes = 5
        #expect(!Self.defects("Content-Transfer-Encoding: base64\n\naGVsbG8=\n", limits: limits).contains(.decodedSizeLimit))
        #expect(Self.defects("Content-Transfer-Encoding: base64\n\naGVsbG8gd29ybGQ=\n", limits: limits).contains(.decodedSizeLimit))
    }

    @Test func arbitraryBytesAlwaysTerminateWithRangesInside() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed }
        let alphabet: [UInt8] = Array("--b\n\r:=?QB; \"<>@boundary=multipart/mixedContent-Type\t".utf8) + [0x00, 0xFF, 0xC3]
        for _ in 0..<300 {
            let count = Int(next() % 600)
            let bytes = (0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            let message = MIMEParser().parse(bytes)
            message.root.walk { entity in
                #expect(entity.range.lowerBound >= 0 && entity.range.upperBound <= bytes.count)
                if let content = entity.leafContent { #expect(content.startIndex >= 0 && content.endIndex <= bytes.count) }
            }
        }
    }
}

/// The facts the catalogue declares with each code.
@Suite
struct DefectCodeFactsTests {
    @Test func limitsAndProtectionMeanContentWasLost() {
        let partlyRead: Set<MIMEDefect.Code> = [
            .decodedSizeLimit, .nestingTooDeep, .tooManyParts, .headerBlockTooLarge, .transferEncodingUnknown, .truncated,
            .encryptedSMIME, .encryptedPGP, .encryptedPGPInline, .rightsProtected, .smimeUnreadable,
        ]
        for code in MIMEDefect.Code.all {
            #expect(code.isPartlyRead == partlyRead.contains(code), "\(code)")
            #expect(code.diagnosticCode.severity == .warning, "\(code): the parser reads on")
        }
    }

    @Test func codesReadBackKeepTheirFacts() {
        #expect(MIMEDefect.Code(rawValue: "mime.truncated").isPartlyRead)
        #expect(MIMEDefect.Code(rawValue: "mime.truncated") == .truncated)
        #expect(!MIMEDefect.Code(rawValue: "mime.not-a-code").isPartlyRead)
    }
}
