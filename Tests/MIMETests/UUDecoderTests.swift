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

private func decode(_ s: String) -> (bytes: [UInt8], defects: DefectCollector) {
    var defects = DefectCollector()
    let out = UUDecoder.decode(bytes(s), defects: &defects)
    return (out, defects)
}

@Suite struct UUDecoderTests {
    /// "Cat" as produced by uuencode(1).
    @Test func decodesAClassicBlock() {
        let (out, defects) = decode("begin 644 cat.txt\n#0V%T\n`\nend\n")
        #expect(out == Array("Cat".utf8))
        #expect(defects.defects.isEmpty)
    }

    @Test func roundTripsRandomBytes() {
        var rng = SeededRandom(seed: 0x0064)
        for _ in 0..<100 {
            let count = Int.random(in: 0...400, using: &rng)
            let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for lineBreak: [UInt8] in [[0x0A], [0x0D, 0x0A]] {
                let encoded = UUDecoder.encode(data, fileName: "data.bin", lineBreak: lineBreak)
                var defects = DefectCollector()
                #expect(UUDecoder.decode(ArraySlice(encoded), defects: &defects) == data)
                #expect(defects.defects.isEmpty)
            }
        }
    }

    @Test func textBeforeTheBlockAndBlankLinesAreSkipped() {
        let (out, defects) = decode("Here is the file:\n\nbegin 0644 a b.txt\n\n#86)C\n\n`\nend\ntrailing words\n")
        #expect(out == Array("abc".utf8))
        #expect(defects.defects.isEmpty)
    }

    @Test func aBeginLineWithoutANameIsAccepted() {
        #expect(decode("begin 644\n#86)C\n`\nend\n").bytes == Array("abc".utf8))
    }

    @Test func endWithoutTheZeroLengthLineIsFine() {
        let (out, defects) = decode("begin 644 a\r\n#86)C\r\nend\r\n")
        #expect(out == Array("abc".utf8))
        #expect(defects.defects.isEmpty)
    }

    @Test func aMissingEndIsReported() {
        let (out, defects) = decode("begin 644 a\n#86)C\n")
        #expect(out == Array("abc".utf8))
        #expect(defects.defects.map(\.code) == [.uuencodeMalformed])
    }

    /// Trailing spaces stripped in transit: the missing characters count as zero bits (as in CPython).
    @Test func aShortLineIsCompletedWithZeroBits() {
        let (out, defects) = decode("begin 644 a\n%86)C\n`\nend\n")
        #expect(out == Array("abc".utf8) + [0, 0])
        #expect(defects.defects.map(\.code) == [.uuencodeMalformed])
        #expect(defects.defects.first?.offset == 12)
    }

    @Test func noBeginLineKeepsTheContent() {
        let (out, defects) = decode("#86)C\nend\n")
        #expect(out == Array("#86)C\nend\n".utf8))
        #expect(defects.defects.map(\.code) == [.uuencodeMalformed])
    }

    @Test func onlyTheFirstBlockOfAPartIsDecoded() {
        #expect(decode("begin 644 a\n#86)C\n`\nend\nbegin 644 b\n#86)C\n`\nend\n").bytes == Array("abc".utf8))
    }

    @Test func sizeLimitTruncates() {
        var defects = DefectCollector()
        let out = UUDecoder.decode(bytes("begin 644 a\n&9F]O8F%R\n`\nend\n"), limit: 2, defects: &defects)
        #expect(out == Array("fo".utf8))
        #expect(defects.contains(.decodedSizeLimit))
    }

    // MARK: Scanning plain-text bodies

    @Test func scannerFindsABlockWithItsRangeNameAndMode() throws {
        let before = "Hi,\r\nthe file follows.\r\n\r\n"
        let block = "begin 600 report.pdf\r\n#86)C\r\n`\r\nend\r\n"
        let text = before + block + "Bye\r\n"
        let blocks = UUDecoder.scanBlocks(in: bytes(text))
        #expect(blocks.count == 1)
        let found = try #require(blocks.first)
        #expect(found.fileName == "report.pdf")
        #expect(found.mode == 0o600)
        #expect(found.data == Array("abc".utf8))
        #expect(found.range == before.utf8.count..<(before.utf8.count + block.utf8.count))
        #expect(found.defects.isEmpty)
    }

    @Test func scannerFindsSeveralBlocks() {
        let a = String(decoding: UUDecoder.encode(Array(0..<100) as [UInt8], fileName: "one.bin"), as: UTF8.self)
        let b = String(decoding: UUDecoder.encode(Array("second".utf8), fileName: "two.txt", mode: 0o755), as: UTF8.self)
        let blocks = UUDecoder.scanBlocks(in: bytes("text\n" + a + "middle\n" + b))
        #expect(blocks.map(\.fileName) == ["one.bin", "two.txt"])
        #expect(blocks[0].data == Array(0..<100))
        #expect(blocks[1].data == Array("second".utf8))
        #expect(blocks[1].mode == 0o755)
    }

    @Test(arguments: [
        "begin 644 the meeting\nWe start at nine, as agreed last week with everybody.\nend\n",
        "begin by reading the attached notes\n#86)C\n`\nend\n",
        "begin 99 x\n#86)C\n`\nend\n",
        "begin 644\n#86)C\n`\nend\n",
        "begin 644 notes\n\nSome text.\n",
        "begin 644 notes\nM this line is far too short for its length character\n",
        "Let us begin 644 x\n#86)C\n",
    ])
    func scannerIgnoresOrdinaryText(text: String) {
        #expect(UUDecoder.scanBlocks(in: bytes(text)).isEmpty)
    }

    @Test func scannerReportsABlockWithoutEnd() {
        let text = "begin 644 cut.bin\n#86)C\nThat was all.\n"
        let blocks = UUDecoder.scanBlocks(in: bytes(text))
        #expect(blocks.count == 1)
        #expect(blocks.first?.data == Array("abc".utf8))
        #expect(blocks.first?.defects.map(\.code) == [.uuencodeMalformed])
        #expect(blocks.first?.range == 0..<"begin 644 cut.bin\n#86)C\n".utf8.count)
    }

    @Test(arguments: ["begin 644 empty\n`\nend\n", "begin 644 empty\nend\n"])
    func scannerAcceptsAnEmptyFile(text: String) {
        let blocks = UUDecoder.scanBlocks(in: bytes(text))
        #expect(blocks.count == 1)
        #expect(blocks.first?.data == [])
        #expect(blocks.first?.range == 0..<text.utf8.count)
        #expect(blocks.first?.defects.isEmpty == true)
    }
}
