import Testing
@testable import MIME

/// A small deterministic generator (SplitMix64) so random round trips are reproducible.
private struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func bytes(_ s: String) -> ArraySlice<UInt8> { ArraySlice(Array(s.utf8)) }

private func decode(_ s: String, limit: Int = .max) -> (bytes: [UInt8], defects: DefectCollector) {
    var defects = DefectCollector()
    let out = Base64Decoder.decode(bytes(s), limit: limit, defects: &defects)
    return (out, defects)
}

@Suite struct Base64DecoderTests {
    @Test(arguments: [
        ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"),
        ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"),
    ])
    func rfc4648TestVectors(encoded: String, decoded: String) {
        let (out, defects) = decode(encoded)
        #expect(out == Array(decoded.utf8))
        #expect(defects.defects.isEmpty)
        #expect(Base64Decoder.encode(Array(decoded.utf8)) == Array(encoded.utf8))
    }

    @Test func roundTripsRandomBytes() {
        var rng = SeededRandom(seed: 0xB64)
        for round in 0..<300 {
            let count = Int.random(in: 0...2_000, using: &rng)
            let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let lineLength = [76, 64, 4, 0][round % 4]
            for lineBreak: [UInt8] in [[0x0D, 0x0A], [0x0A]] {
                let encoded = Base64Decoder.encode(data, lineLength: lineLength, lineBreak: lineBreak)
                var defects = DefectCollector()
                #expect(Base64Decoder.decode(ArraySlice(encoded), defects: &defects) == data)
                #expect(defects.defects.isEmpty)
            }
        }
    }

    /// The word-at-a-time paths against a character-at-a-time reference: alphabet characters
    /// accumulate, everything else is skipped, `=` ends the data, whole bytes of a partial quad are
    /// kept; under a size limit the output is the reference's prefix.
    @Test func fastPathsAgreeWithACharacterAtATimeReference() {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        func reference(_ input: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            var acc: UInt32 = 0
            var quad = 0
            for byte in input {
                if byte == UInt8(ascii: "=") { break }
                guard let value = alphabet.firstIndex(of: byte) else { continue }
                acc = acc << 6 | UInt32(value)
                quad += 1
                if quad == 4 {
                    out += [UInt8(truncatingIfNeeded: acc >> 16), UInt8(truncatingIfNeeded: acc >> 8), UInt8(truncatingIfNeeded: acc)]
                    quad = 0
                    acc = 0
                }
            }
            if quad == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
            if quad == 3 { out += [UInt8(truncatingIfNeeded: acc >> 10), UInt8(truncatingIfNeeded: acc >> 2)] }
            return out
        }
        var rng = SeededRandom(seed: 0x64B)
        let noise: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, UInt8(ascii: "*"), 0xC3, UInt8(ascii: "=")]
        for round in 0..<400 {
            let count = Int.random(in: 0...600, using: &rng)
            let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var encoded = Base64Decoder.encode(data, lineLength: [76, 72, 0, 8][round % 4])
            // Some rounds get stray bytes at random places (an `=` among them ends the data early).
            for _ in 0..<(round % 3 == 0 ? Int.random(in: 1...4, using: &rng) : 0) {
                let at = Int.random(in: 0...encoded.count, using: &rng)
                encoded.insert(noise[Int.random(in: 0..<(round % 2 == 0 ? noise.count : noise.count - 1), using: &rng)], at: at)
            }
            let expected = reference(encoded)
            for limit in [Int.max, count / 2, 7, 0] {
                var defects = DefectCollector()
                let decoded = Base64Decoder.decode(ArraySlice(encoded), limit: limit, defects: &defects)
                #expect(decoded == Array(expected.prefix(limit)), "round \(round), limit \(limit)")
            }
        }
    }

    @Test func encoderWrapsLinesAt76Characters() {
        let encoded = Base64Decoder.encode([UInt8](repeating: 0xAB, count: 200))
        let lines = encoded.split(separator: 0x0A).map { $0.filter { $0 != 0x0D } }
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(lines.count == 4)
    }

    @Test func lfAndCrlfLineBreaksDecodeAlike() {
        let lf = decode("SGVsbG8s\nIHdvcmxk\nIQ==\n")
        let crlf = decode("SGVsbG8s\r\nIHdvcmxk\r\nIQ==\r\n")
        #expect(lf.bytes == Array("Hello, world!".utf8))
        #expect(crlf.bytes == lf.bytes)
        #expect(lf.defects.defects.isEmpty && crlf.defects.defects.isEmpty)
    }

    @Test func whiteSpaceIsSkippedSilently() {
        let (out, defects) = decode("  Zm9v \t YmFy\u{0B}\u{0C}\n")
        #expect(out == Array("foobar".utf8))
        #expect(defects.defects.isEmpty)
    }

    @Test func invalidCharactersAreSkippedWithADefect() {
        let (out, defects) = decode("Zm9v*YmFy!")
        #expect(out == Array("foobar".utf8))
        #expect(defects.defects.map(\.code) == [.base64InvalidCharacters])
        #expect(defects.defects.first?.offset == 4)
        #expect(defects.defects.first?.message.hasPrefix("2 ") == true)
    }

    @Test func missingPaddingKeepsTheCompleteBytes() {
        let (two, twoDefects) = decode("Zm9vYg")
        #expect(two == Array("foob".utf8))
        #expect(twoDefects.defects.map(\.code) == [.base64InvalidPadding])
        let (three, threeDefects) = decode("Zm9vYmE\n")
        #expect(three == Array("fooba".utf8))
        #expect(threeDefects.defects.map(\.code) == [.base64InvalidPadding])
    }

    @Test func aDanglingSingleCharacterIsDropped() {
        let (out, defects) = decode("Zm9vY")
        #expect(out == Array("foo".utf8))
        #expect(defects.defects.map(\.code) == [.base64InvalidPadding])
        let (padded, paddedDefects) = decode("Zm9vY=")
        #expect(padded == Array("foo".utf8))
        #expect(paddedDefects.contains(.base64InvalidPadding))
    }

    @Test func incompletePaddingIsReported() {
        let (out, defects) = decode("Zg=")
        #expect(out == Array("f".utf8))
        #expect(defects.defects.map(\.code) == [.base64InvalidPadding])
        // "==" split by a line break is still complete padding.
        let (split, splitDefects) = decode("Zg=\r\n=\r\n")
        #expect(split == Array("f".utf8))
        #expect(splitDefects.defects.isEmpty)
    }

    /// A mailing-list footer after the last base64 line: GMime and CPython both stop at the padding.
    @Test func dataAfterPaddingIsIgnoredAndReported() {
        let input = "SGk=\n\n--\nmailing list footer\n"
        let (out, defects) = decode(input)
        #expect(out == Array("Hi".utf8))
        #expect(defects.defects.map(\.code) == [.base64InvalidPadding])
        #expect(defects.defects.first?.offset == 6)
    }

    /// Concatenated blocks end at the first padding, as in GMime 3.2 and CPython (the hashes must agree).
    @Test func concatenatedBlocksStopAtTheFirstPadding() {
        let (out, defects) = decode("QQ==QkI=")
        #expect(out == Array("A".utf8))
        #expect(defects.contains(.base64InvalidPadding))
    }

    @Test func extraPaddingAfterACompleteQuadIsHarmless() {
        let (out, defects) = decode("Zm9v=\n==\n")
        #expect(out == Array("foo".utf8))
        #expect(defects.defects.isEmpty)
    }

    @Test func sizeLimitTruncatesAndReports() {
        let encoded = String(decoding: Base64Decoder.encode(Array(0..<100) as [UInt8]), as: UTF8.self)
        for limit in [0, 1, 2, 3, 10, 99] {
            let (out, defects) = decode(encoded, limit: limit)
            #expect(out == Array(0..<UInt8(limit)))
            #expect(defects.defects.map(\.code) == [.decodedSizeLimit])
        }
        let (all, allDefects) = decode(encoded, limit: 100)
        #expect(all.count == 100)
        #expect(allDefects.defects.isEmpty)
    }

    @Test func offsetsAreShiftedByTheBaseOffset() {
        var defects = DefectCollector(baseOffset: 1_000)
        _ = Base64Decoder.decode(bytes("Zm9v#"), defects: &defects)
        #expect(defects.defects.first?.offset == 1_004)
    }

    @Test func decodesASliceWithNonZeroStartIndex() {
        let whole = Array("xxxxZm9vYmFy".utf8)
        var defects = DefectCollector()
        #expect(Base64Decoder.decode(whole[4...], defects: &defects) == Array("foobar".utf8))
    }

    /// `TransferEncoding.decode` routes to the per-encoding decoders and enforces the size limit.
    @Suite struct TransferEncodingRouting {
        @Test(arguments: [
            ("base64", TransferEncoding.base64), ("BASE64", .base64), (" Quoted-Printable ", .quotedPrintable),
            ("7bit", .sevenBit), ("7-bit", .sevenBit), ("8BIT", .eightBit), ("binary", .binary), ("", .sevenBit),
            ("x-uuencode", .uuencode), ("x-uue", .uuencode), ("uuencode", .uuencode), ("uue", .uuencode),
            ("x-gzip64", .unknown("x-gzip64")),
        ])
        func tokens(token: String, encoding: TransferEncoding) {
            #expect(TransferEncoding(token: token) == encoding)
        }

        @Test func routesToTheDecoders() {
            var defects = DefectCollector()
            #expect(TransferEncoding.base64.decode(bytes("Zm9v"), defects: &defects) == Array("foo".utf8))
            #expect(TransferEncoding.quotedPrintable.decode(bytes("caf=C3=A9"), defects: &defects) == [0x63, 0x61, 0x66, 0xC3, 0xA9])
            #expect(TransferEncoding.uuencode.decode(bytes("begin 644 a\n#86)C\n`\nend\n"), defects: &defects) == Array("abc".utf8))
            #expect(TransferEncoding.eightBit.decode(bytes("caf=C3"), defects: &defects) == Array("caf=C3".utf8))
            #expect(defects.defects.isEmpty)
        }

        @Test func unknownEncodingKeepsTheRawBytes() {
            var defects = DefectCollector()
            let out = TransferEncoding(token: "x-gzip64").decode(bytes("H4sI"), defects: &defects)
            #expect(out == Array("H4sI".utf8))
            #expect(defects.defects.map(\.code) == [.transferEncodingUnknown])
        }

        @Test func sizeLimitAppliesToEveryEncoding() {
            var limits = ParserLimits()
            limits.maxDecodedBytes = 4
            let cases: [(TransferEncoding, String)] = [
                (.base64, "Zm9vYmFy"), (.quotedPrintable, "foo=62ar"), (.sevenBit, "foobar"),
                (.uuencode, "begin 644 a\n&9F]O8F%R\n`\nend\n"), (.unknown("x-foo"), "foobar"),
            ]
            for (encoding, input) in cases {
                var defects = DefectCollector()
                let out = encoding.decode(bytes(input), limits: limits, defects: &defects)
                #expect(out == Array("foob".utf8), "\(encoding)")
                #expect(defects.contains(.decodedSizeLimit), "\(encoding)")
            }
        }
    }
}
