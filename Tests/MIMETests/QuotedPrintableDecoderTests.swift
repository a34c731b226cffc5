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

private func decode(_ s: String, limit: Int = .max) -> (text: String, bytes: [UInt8], defects: DefectCollector) {
    var defects = DefectCollector()
    let out = QuotedPrintableDecoder.decode(ArraySlice(Array(s.utf8)), limit: limit, defects: &defects)
    return (String(decoding: out, as: UTF8.self), out, defects)
}

@Suite struct QuotedPrintableDecoderTests {
    @Test func hexEscapesInEitherCase() {
        let (text, _, defects) = decode("caf=C3=A9 caf=c3=a9 =3D")
        #expect(text == "café café =")
        #expect(defects.defects.isEmpty)
    }

    @Test(arguments: ["soft=\nbreak", "soft=\r\nbreak", "soft=  \nbreak", "soft=\t \r\nbreak", "soft=\r"])
    func softLineBreaksDisappear(input: String) {
        let (text, _, defects) = decode(input)
        #expect(text == (input == "soft=\r" ? "soft" : "softbreak"))
        #expect(defects.defects.isEmpty)
    }

    @Test func hardLineBreaksAreKeptAsTheyAre() {
        #expect(decode("a\nb\r\nc").bytes == Array("a\nb\r\nc".utf8))
    }

    /// GMime and CPython both keep white space at the end of lines; the decoded bytes are hashed.
    @Test func trailingWhiteSpaceIsKept() {
        #expect(decode("trail  \nx\t\r\n").text == "trail  \nx\t\r\n")
    }

    @Test func lfAndCrlfEncodingsDecodeToTheSameText() {
        let lf = decode("Gr=C3=BC=\nsse\nzweite Zeile=3F\n")
        let crlf = decode("Gr=C3=BC=\r\nsse\r\nzweite Zeile=3F\r\n")
        #expect(lf.text == "Grüsse\nzweite Zeile?\n")
        #expect(crlf.bytes.filter { $0 != 0x0D } == lf.bytes)
    }

    @Test(arguments: [("bad=ZZx", "bad=ZZx"), ("a= b", "a= b"), ("end=4", "end=4"), ("x=\rY", "x=\rY"), ("a==3D", "a==")])
    func invalidEscapesAreKeptLiterally(input: String, expected: String) {
        let (text, _, defects) = decode(input)
        #expect(text == expected)
        #expect(defects.defects.map(\.code) == [.quotedPrintableInvalidEscape])
        #expect(defects.defects.first?.offset == input.utf8.firstIndex(of: UInt8(ascii: "=")).map { input.utf8.distance(from: input.utf8.startIndex, to: $0) })
    }

    @Test func aFinalEqualsSignIsASoftBreak() {
        let (text, _, defects) = decode("end=")
        #expect(text == "end")
        #expect(defects.defects.isEmpty)
    }

    @Test func eightBitBytesPassThrough() {
        let input: [UInt8] = [0x63, 0xE9, 0x00, 0xFF, 0x3D, 0x34, 0x31]
        var defects = DefectCollector()
        #expect(QuotedPrintableDecoder.decode(ArraySlice(input), defects: &defects) == [0x63, 0xE9, 0x00, 0xFF, 0x41])
    }

    @Test func roundTripsRandomBinary() {
        var rng = SeededRandom(seed: 0x9F)
        for _ in 0..<300 {
            let count = Int.random(in: 0...1_500, using: &rng)
            let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for lineBreak: [UInt8] in [[0x0D, 0x0A], [0x0A]] {
                let encoded = QuotedPrintableDecoder.encode(data, lineBreak: lineBreak)
                var defects = DefectCollector()
                #expect(QuotedPrintableDecoder.decode(ArraySlice(encoded), defects: &defects) == data)
                #expect(defects.defects.isEmpty)
                #expect(encoded.split(separator: 0x0A).allSatisfy { $0.count <= 77 })
                #expect(encoded.allSatisfy { $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || ($0 >= 0x20 && $0 < 0x7F) })
            }
        }
    }

    @Test func roundTripsRandomTextWithHardLineBreaks() {
        var rng = SeededRandom(seed: 0x7E47)
        let alphabet: [UInt8] = Array("abc XYZ=.\t\u{7F}".utf8) + [0xC3, 0xA9, 0x0D, 0x0A, 0x0A]
        for _ in 0..<300 {
            let count = Int.random(in: 0...600, using: &rng)
            let data = (0..<count).map { _ in alphabet.randomElement(using: &rng)! }
            let encoded = QuotedPrintableDecoder.encode(data, lineLength: 40, textMode: true, lineBreak: [0x0A])
            var defects = DefectCollector()
            #expect(QuotedPrintableDecoder.decode(ArraySlice(encoded), defects: &defects) == data)
            #expect(defects.defects.isEmpty)
            // Text mode writes the line breaks of the data as they are.
            #expect(encoded.filter { $0 == 0x0A }.count >= data.filter { $0 == 0x0A }.count)
        }
    }

    @Test func encoderProtectsWhiteSpaceAtLineEnds() {
        let encoded = QuotedPrintableDecoder.encode(Array("a \nb\t".utf8), textMode: true)
        #expect(String(decoding: encoded, as: UTF8.self) == "a=20\nb=09")
    }

    @Test func qEncodingReadsUnderscoreAsSpace() {
        let input = Array("a_b=5F=20c".utf8)
        let result = input.withUnsafeBufferPointer { QuotedPrintableDecoder.decodeQ($0) }
        #expect(result.bytes == Array("a b_ c".utf8))
        #expect(result.firstInvalid == nil)
        // In body quoted-printable an underscore is itself.
        #expect(decode("a_b").text == "a_b")
    }

    /// The word-at-a-time path (eight bytes stored at once, the plain ones before an '=' kept) against
    /// a byte-at-a-time reference, on text with an '=' at every distance from a word's start.
    @Test func wordPathAgreesWithAByteAtATimeReference() {
        func reference(_ input: [UInt8]) -> [UInt8] {
            func hex(_ b: UInt8) -> UInt8? {
                switch b {
                case 0x30...0x39: b - 0x30
                case 0x41...0x46: b - 0x41 + 10
                case 0x61...0x66: b - 0x61 + 10
                default: nil
                }
            }
            var out: [UInt8] = []
            var i = 0
            while i < input.count {
                guard input[i] == 0x3D else { out.append(input[i]); i += 1; continue }
                if i + 2 < input.count, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                var j = i + 1
                while j < input.count, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
                if j == input.count { i = j; continue }
                if input[j] == 0x0A { i = j + 1; continue }
                if input[j] == 0x0D, j + 1 == input.count { i = j + 1; continue }
                if input[j] == 0x0D, input[j + 1] == 0x0A { i = j + 2; continue }
                out.append(0x3D)
                i += 1
            }
            return out
        }
        var random = SeededRandom(seed: 17)
        let pieces: [[UInt8]] = ["=3D", "=\r\n", "=\n", "= \n", "=", "=zz", "=4", "ab", "x", "\u{E9}", "style", "_", " "].map { Array($0.utf8) }
        for _ in 0..<2_000 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) { input += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            var defects = DefectCollector()
            #expect(QuotedPrintableDecoder.decode(input[...], defects: &defects) == reference(input))
        }
    }

    @Test func sizeLimitTruncatesAndReports() {
        let (_, out, defects) = decode("abc=3Ddef", limit: 4)
        #expect(out == Array("abc=".utf8))
        #expect(defects.defects.map(\.code) == [.decodedSizeLimit])
    }
}
