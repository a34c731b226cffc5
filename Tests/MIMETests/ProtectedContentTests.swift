import Foundation
import MailModel
import Testing
@testable import MIME

/// Encrypted, signed and rights-protected messages (`Fixtures/protected`, written by its
/// `generate.sh` with real `openssl` and `gpg` output): what is protected is named by a defect, what is
/// only signed is read — the content of an opaque-signed S/MIME part included (DER and streamed BER).
@Suite
struct ProtectedContentTests {
    static let folder = "protected/mail/analyst@fabrikam.example/Inbox"
    static let fixtures = Fixture.messages(in: folder)

    static func parse(_ name: String, limits: ParserLimits = .default) throws -> MIMEMessage {
        MIMEParser(options: ParserOptions(limits: limits)).parse(try Fixture.bytes(folder, name))
    }

    /// The protections a full reading finds, as `code@part`, sorted.
    static func protections(_ message: MIMEMessage) -> [String] {
        message.protectionDefects().map { "\($0.code.rawValue)@\($0.partPath)" }.sorted()
    }

    static let expected: [String: [String]] = [
        "forwarded-encrypted.eml": ["mime.encrypted-smime@1.2.1"],
        "pgp-clearsigned.eml": [],
        "pgp-inline-base64.eml": ["mime.encrypted-pgp-inline@1"],
        "pgp-inline.eml": ["mime.encrypted-pgp-inline@1"],
        "pgp-mime-encrypted.eml": ["mime.encrypted-pgp@1"],
        "plain-unrelated.eml": [],
        "rpmsg.eml": ["mime.rights-protected@1.2"],
        "signed-xml-attachment.eml": [],
        "smime-authenveloped.eml": ["mime.encrypted-smime@1"],
        "smime-clear-signed.eml": [],
        "smime-enveloped-x-type.eml": ["mime.encrypted-smime@1"],
        "smime-enveloped.eml": ["mime.encrypted-smime@1"],
        "smime-malformed.eml": ["mime.smime-unreadable@1"],
        "smime-opaque-signed-ber.eml": [],
        "smime-opaque-signed.eml": [],
        "smime-signed-then-encrypted.eml": ["mime.encrypted-smime@1"],
    ]

    @Test func everyFixtureIsListed() {
        #expect(Self.fixtures == Self.expected.keys.sorted())
    }

    @Test(arguments: fixtures)
    func protectionIsNamedWhereItIs(_ name: String) throws {
        #expect(Self.protections(try Self.parse(name)) == Self.expected[name])
    }

    @Test(arguments: fixtures)
    func treeMatchesGolden(_ name: String) throws {
        let actual = GoldenRendering.render(try Self.parse(name))
        let golden = try Fixture.golden("protected/trees", name.replacingOccurrences(of: ".eml", with: ".tree.txt"), actual)
        #expect(actual == golden)
    }

    @Test(arguments: fixtures)
    func lfAndCRLFReadTheSame(_ name: String) throws {
        let lf = try Fixture.bytes(Self.folder, name)
        let crlf = Fixture.crlf(lf)
        // PGP/MIME's ciphertext is armored text in a 7bit application/octet-stream part: its bytes are
        // the line endings as written, so only they may differ.
        let keep = { (line: String) in name != "pgp-mime-encrypted.eml" || !line.hasPrefix("  bytes:") }
        #expect(GoldenRendering.structure(MIMEParser().parse(lf)).filter(keep) == GoldenRendering.structure(MIMEParser().parse(crlf)).filter(keep))
        #expect(Self.protections(MIMEParser().parse(lf)) == Self.protections(MIMEParser().parse(crlf)))
    }

    // MARK: Opaque-signed S/MIME: the signed entity is read

    /// The body text of every inline text leaf, decoded.
    static func texts(_ message: MIMEMessage) -> [String] {
        message.leaves.filter(\.isBodyText).map { leaf in
            var defects = DefectCollector()
            return leaf.text(fromDecoded: leaf.decodedContent(defects: &defects), defects: &defects)
        }
    }

    /// The base64 body of a single-part fixture, decoded with Foundation (an independent decoder).
    static func p7mBytes(_ name: String) throws -> [UInt8] {
        let text = String(decoding: try Fixture.bytes(folder, name), as: UTF8.self)
        let body = try #require(text.range(of: "\n\n")).upperBound
        return Array(try #require(Data(base64Encoded: String(text[body...]), options: .ignoreUnknownCharacters)))
    }

    @Test(arguments: ["smime-opaque-signed.eml", "smime-opaque-signed-ber.eml"])
    func opaqueSignedContentIsReadAsAnEmbeddedEntity(_ name: String) throws {
        let message = try Self.parse(name)
        guard case .message(let signed) = message.root.body else {
            Issue.record("the signed content was not read: \(message.root.body)")
            return
        }
        #expect(signed.root.path == "1.1")
        #expect(message.allDefects.isEmpty)
        let texts = Self.texts(message)
        #expect(texts.contains { $0.contains("Please send the wire transfer for INV-20931 today.") })
        #expect(texts.contains { $0.contains("https://northwind-payments.example/pay") })
        // The part itself still is the .p7m file: its decoded bytes are the CMS structure.
        var defects = DefectCollector()
        #expect(message.root.decodedContent(defects: &defects) == (try Self.p7mBytes(name)))
    }

    @Test func streamedBERJoinsTheSegmentsOfTheSignedContent() throws {
        let message = try Self.parse("smime-opaque-signed-ber.eml")
        let texts = Self.texts(message)
        // Over 8 KB, cut by openssl into 4096-byte OCTET STRING segments: the lines around each cut survive.
        let plain = try #require(texts.first)
        for line in 1...130 { #expect(plain.contains(String(format: "Line %02d of the remittance advice, kept for the audit trail.", line))) }
        #expect(texts.count == 2, "text/plain and text/html of the signed multipart/alternative")
    }

    @Test func aSignedFileIsKeptAsItsAttachment() throws {
        let message = try Self.parse("signed-xml-attachment.eml")
        let p7m = try #require(message.leaves.first { $0.filename == "invoice.xml.p7m" })
        #expect(p7m.leafContent != nil && p7m.wrapperContent == nil)
        #expect(AttachmentEnumeration.attachments(of: message).map(\.filename) == ["invoice.xml.p7m"])
    }

    @Test func signedContentBeyondTheLimitsIsNotRead() throws {
        var shallow = ParserLimits()
        shallow.maxNestingDepth = 0
        let flat = try Self.parse("smime-opaque-signed.eml", limits: shallow)
        #expect(flat.root.leafContent != nil)
        #expect(flat.allDefects.map(\.code) == [.nestingTooDeep])

        var berDepth = ParserLimits()
        berDepth.maxCMSNestingDepth = 3
        let cut = try Self.parse("smime-opaque-signed-ber.eml", limits: berDepth)
        #expect(cut.root.leafContent != nil)
        let defect = try #require(cut.allDefects.first)
        #expect(defect.code == .smimeUnreadable)
        #expect(defect.message.contains("nested deeper than 3 levels"))
    }

    // MARK: S/MIME forms

    static let envelopedDER = "MAsGCSqGSIb3DQEHAw=="  // ContentInfo { envelopedData }

    @Test func aP7MFileIsReadAsSMIMEOnlyWhenItIsCMS() {
        let named = { (content: String) in
            Array("Content-Type: application/octet-stream; name=\"smime.p7m\"\nContent-Transfer-Encoding: base64\n\n\(content)\n".utf8)
        }
        #expect(MIMEParser().parse(named(Self.envelopedDER)).allDefects.map(\.code) == [.encryptedSMIME])
        #expect(MIMEParser().parse(named("bm90IENNUw==")).allDefects.isEmpty, "a file merely named .p7m")
    }

    @Test func theCMSContentTypeDecidesOverSMIMEType() {
        // Declared signed-data, actually EnvelopedData: encrypted.
        let text = "Content-Type: application/pkcs7-mime; smime-type=signed-data\nContent-Transfer-Encoding: base64\n\n\(Self.envelopedDER)\n"
        #expect(MIMEParser().parse(Array(text.utf8)).allDefects.map(\.code) == [.encryptedSMIME])
        // Declared enveloped-data but unreadable: still named as encrypted.
        let broken = "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\nContent-Transfer-Encoding: base64\n\nAAAA\n"
        let defects = MIMEParser().parse(Array(broken.utf8)).allDefects
        #expect(defects.map(\.code) == [.encryptedSMIME])
        #expect(defects.first?.message.contains("cannot be read either") == true)
    }

    @Test func anEmptySMIMEPartHidesNothing() {
        let text = "Content-Type: application/x-pkcs7-mime\n\n"
        #expect(MIMEParser().parse(Array(text.utf8)).allDefects.isEmpty)
    }

    @Test func rightsManagementIsKnownByTypeOrName() {
        let byName = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nnotice\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"MESSAGE.RPMSG\"\n\nxx\n--b--\n"
        #expect(MIMEParser().parse(Array(byName.utf8)).allDefects.map { "\($0.code.rawValue)@\($0.partPath)" } == ["mime.rights-protected@1.2"])
    }

    @Test func multipartEncryptedNamesItsProtocol() {
        let text = "Content-Type: multipart/encrypted; protocol=\"application/x-other\"; boundary=b\n\n--b\n\nx\n--b--\n"
        let defect = MIMEParser().parse(Array(text.utf8)).allDefects.first
        #expect(defect?.code == .encryptedPGP)
        #expect(defect?.message.contains("application/x-other") == true)
    }

    // MARK: Inline PGP

    static func inline(_ type: String, _ body: String, disposition: String = "") -> [String] {
        let message = MIMEParser().parse(Array("Content-Type: \(type)\n\(disposition)\n\(body)".utf8))
        return message.protectionDefects().map(\.code.rawValue)
    }

    @Test func inlinePGPIsAnArmorLineInBodyText() {
        let block = "-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n"
        #expect(Self.inline("text/plain", "Hi\n" + block) == ["mime.encrypted-pgp-inline"])
        #expect(Self.inline("text/plain", "Hi\n   " + block) == ["mime.encrypted-pgp-inline"], "indented")
        #expect(Self.inline("text/plain", "Hi\r\n" + block) == ["mime.encrypted-pgp-inline"])
        #expect(Self.inline("text/html", "<pre>" + block + "</pre>") == ["mime.encrypted-pgp-inline"], "after a tag")
        #expect(Self.inline("text/plain", "<pre>" + block).isEmpty, "a tag is markup only in HTML")
        #expect(Self.inline("text/plain", "Mail me a -----BEGIN PGP MESSAGE----- block").isEmpty, "mentioned in a sentence")
        #expect(Self.inline("text/plain", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhello\n").isEmpty, "signed only")
        #expect(Self.inline("text/plain", block, disposition: "Content-Disposition: attachment; filename=x.asc\n").isEmpty, "an attachment, not the body")
        #expect(Self.inline("application/pgp-encrypted", block).isEmpty)
    }

    /// The skipping search for the armor header against a search at every offset, in text full of
    /// dashes and of the header's own letters, the header at every position and cut at its ends.
    @Test func armorHeaderSearchAgreesWithASearchAtEveryOffset() {
        let header = Array("-----BEGIN PGP MESSAGE-----".utf8)
        func reference(_ bytes: [UInt8], afterTag: Bool) -> Int? {
            guard bytes.count >= header.count else { return nil }
            for i in 0...(bytes.count - header.count) where Array(bytes[i..<(i + header.count)]) == header {
                var j = i
                while j > 0, bytes[j - 1] == 0x20 || bytes[j - 1] == 0x09 { j -= 1 }
                if j == 0 || bytes[j - 1] == 0x0A || bytes[j - 1] == 0x0D || (afterTag && bytes[j - 1] == 0x3E) { return i }
            }
            return nil
        }
        let pieces: [[UInt8]] = ["-", "--", "-----", "-----BEGIN", "BEGIN PGP", " MESSAGE-----", "\n", ">", " ", "x", "E"].map { Array($0.utf8) }
        var state: UInt64 = 17
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(30) { bytes += pieces[next(pieces.count)] }
            if round % 2 == 0 { bytes.insert(contentsOf: header, at: next(bytes.count + 1)) }
            for afterTag in [false, true] {
                #expect(MIMEEntity.pgpMessageLine(in: bytes, afterTag: afterTag) == reference(bytes, afterTag: afterTag))
            }
        }
    }

    // MARK: The BER reader

    static func reader(_ bytes: [UInt8], depth: Int = 8) -> BERReader { BERReader(bytes: bytes, maxDepth: depth) }

    @Test func definiteAndIndefiniteLengthsAndConstructedStrings() throws {
        // OCTET STRING, constructed, indefinite: "AB" then a constructed indefinite segment "C", then EOC.
        let bytes: [UInt8] = [0x24, 0x80, 0x04, 0x02, 0x41, 0x42, 0x24, 0x80, 0x04, 0x01, 0x43, 0x00, 0x00, 0x00, 0x00]
        let r = Self.reader(bytes)
        let element = try r.element(at: 0, limit: bytes.count).get()
        #expect(element.end == bytes.count && element.contentEnd == bytes.count - 2)
        #expect(try r.stringContent(of: element, depth: 0, maxBytes: 100).get().bytes == Array("ABC".utf8))
        let cut = try r.stringContent(of: element, depth: 0, maxBytes: 2).get()
        #expect(cut.bytes == Array("AB".utf8) && cut.isCut)
        // Long-form length (X.690 8.1.3.5).
        let long: [UInt8] = [0x04, 0x82, 0x01, 0x00] + [UInt8](repeating: 0x61, count: 256)
        #expect(try Self.reader(long).element(at: 0, limit: long.count).get().contentEnd == long.count)
        // High tag number: [128] context-specific, primitive, empty.
        let high: [UInt8] = [0x9F, 0x81, 0x00, 0x00]
        let tag = try Self.reader(high).element(at: 0, limit: high.count).get().tag
        #expect(tag.tagClass == 2 && tag.number == 128 && !tag.isConstructed)
    }

    @Test func malformedElementsAreFailuresWithOffsets() {
        func failure(_ bytes: [UInt8], depth: Int = 8) -> BERReader.Failure? {
            if case .failure(let f) = Self.reader(bytes, depth: depth).element(at: 0, limit: bytes.count) { return f }
            return nil
        }
        #expect(failure([0x04, 0x05, 0x41])?.reason == "the element claims 5 bytes but only 1 remain")
        #expect(failure([0x04, 0x80, 0x00, 0x00])?.reason == "a primitive element has an indefinite length")
        #expect(failure([0x30, 0x80, 0x04, 0x00])?.reason == "an indefinite length has no end-of-contents octets")
        #expect(failure([0x04, 0x85, 1, 1, 1, 1, 1])?.reason == "the length takes 5 octets (at most 4 are read)")
        #expect(failure([0x30]) != nil)
        #expect(failure([]) != nil)
        // 40 nested indefinite SEQUENCEs against a depth of 32.
        let deep = [UInt8](repeating: 0, count: 0) + (0..<40).flatMap { _ in [UInt8(0x30), 0x80] } + [UInt8](repeating: 0, count: 80)
        #expect(failure(deep, depth: 32)?.reason == "nested deeper than 32 levels")
        #expect(failure(deep, depth: 64) == nil)
    }

    @Test func cmsContentTypes() throws {
        func type(_ oid: [UInt8]) throws -> CMSContentInfo.ContentType {
            let der: [UInt8] = [0x30, UInt8(oid.count + 2), 0x06, UInt8(oid.count)] + oid
            return try CMSContentInfo.read(der, maxDepth: 8, maxContentBytes: 100).get().contentType
        }
        let pkcs7: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07]
        let smime: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01]
        #expect(try type(pkcs7 + [1]) == .data)
        #expect(try type(pkcs7 + [3]) == .envelopedData)
        #expect(try type(pkcs7 + [6]) == .encryptedData)
        #expect(try type(smime + [23]) == .authEnvelopedData)
        #expect(try type(smime + [9]) == .compressedData)
        #expect(try type([0x2B, 0x06, 0x01]) == .other("1.3.6.1"))
        // SignedData without content (a detached signature): no signed content.
        let detached: [UInt8] = [0x30, 0x23, 0x06, 0x09] + pkcs7 + [2, 0xA0, 0x16, 0x30, 0x14, 0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x0B, 0x06, 0x09]
            + pkcs7 + [1, 0x31, 0x00]
        let read = try CMSContentInfo.read(detached, maxDepth: 8, maxContentBytes: 100).get()
        #expect(read.contentType == .signedData && read.signedContent == nil)
    }

    @Test func damagedCMSIsReadOrRefusedNeverTrapped() throws {
        // Every prefix and thousands of one-byte changes of a real BER structure: a result or a failure
        // whose offset lies inside the input, each time.
        let der = try Self.p7mBytes("smime-opaque-signed-ber.eml")
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed }
        var inputs: [[UInt8]] = stride(from: 0, to: der.count, by: 5).map { Array(der.prefix($0)) }
        for _ in 0..<3000 {
            var bytes = der
            let i = Int(next() % UInt64(min(bytes.count, 200)))  // the headers are where lengths live
            bytes[i] = UInt8(truncatingIfNeeded: next())
            inputs.append(bytes)
        }
        for bytes in inputs {
            switch CMSContentInfo.read(bytes, maxDepth: 32, maxContentBytes: 1 << 20) {
            case .success(let info): #expect((info.signedContent?.count ?? 0) <= bytes.count)
            case .failure(let failure): #expect(failure.offset >= 0 && failure.offset <= bytes.count)
            }
            let part = "Content-Type: application/pkcs7-mime; smime-type=signed-data\nContent-Transfer-Encoding: binary\n\n"
            _ = MIMEParser().parse(Array(part.utf8) + bytes).allDefects
        }
    }

    @Test func signedContentIsCutAtTheByteLimit() throws {
        let der = try Self.p7mBytes("smime-opaque-signed.eml")
        let full = try CMSContentInfo.read(der, maxDepth: 32, maxContentBytes: 1 << 20).get()
        let cut = try CMSContentInfo.read(der, maxDepth: 32, maxContentBytes: 10).get()
        #expect(!full.isSignedContentCut && full.signedContent?.starts(with: Array("Content-Type:".utf8)) == true)
        #expect(cut.isSignedContentCut && cut.signedContent == Array(full.signedContent!.prefix(10)))
    }
}
