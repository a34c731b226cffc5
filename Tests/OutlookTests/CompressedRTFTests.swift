import Testing
@testable import Outlook

/// MS-OXRTFCP: decompression of the specification's examples, the uncompressed form, and damage.
struct CompressedRTFTests {
    static func bytes(_ hex: String) -> [UInt8] {
        hex.split(separator: " ").map { UInt8($0, radix: 16)! }
    }

    @Test func specificationExampleWithLiteralsAndReferences() {
        // MS-OXRTFCP §4.1: simple compressed RTF.
        let compressed = Self.bytes("2d 00 00 00 2b 00 00 00 4c 5a 46 75 f1 c5 c7 a7 03 00 0a 00 72 63 70 67 31 32 35 42 32 0a f3 20 68 65 6c 09 00 20 62 77 05 b0 6c 64 7d 0a 80 0f a0")
        let result = CompressedRTF.decompress(compressed)
        #expect(result.problem == nil)
        #expect(String(decoding: result.rtf, as: UTF8.self) == "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n")
    }

    @Test func specificationExampleWithAReferenceThatOverlapsItsOwnOutput() {
        // MS-OXRTFCP §4.2: a dictionary reference that reads bytes it is writing.
        let compressed = Self.bytes("1a 00 00 00 1c 00 00 00 4c 5a 46 75 e2 d4 4b 51 41 00 04 20 57 58 59 5a 0d 6e 7d 01 0e b0")
        let result = CompressedRTF.decompress(compressed)
        #expect(result.problem == nil)
        #expect(String(decoding: result.rtf, as: UTF8.self) == "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}")
    }

    @Test func uncompressedFormIsReadAsItIs() {
        let rtf = Array("{\\rtf1 plain}".utf8)
        var data: [UInt8] = []
        func u32(_ v: Int) { data += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        u32(rtf.count + 12)
        u32(rtf.count)
        data += Array("MELA".utf8)
        u32(0)
        data += rtf
        #expect(CompressedRTF.decompress(data).rtf == rtf)
    }

    @Test func damageKeepsWhatWasReadAndSaysSo() {
        var compressed = Self.bytes("2d 00 00 00 2b 00 00 00 4c 5a 46 75 f1 c5 c7 a7 03 00 0a 00 72 63 70 67 31 32 35 42 32 0a f3 20 68 65 6c 09 00 20 62 77 05 b0 6c 64 7d 0a 80 0f a0")
        compressed[20] ^= 0xFF  // a literal changed: the CRC no longer matches
        let changed = CompressedRTF.decompress(compressed)
        #expect(changed.problem?.contains("CRC") == true)
        #expect(!changed.rtf.isEmpty)
        let cut = CompressedRTF.decompress(Array(compressed.prefix(30)))
        #expect(cut.problem?.contains("cut short") == true)
        #expect(CompressedRTF.decompress([1, 2, 3]).problem != nil)
        var unknown = compressed
        unknown[8] = 0x41
        #expect(CompressedRTF.decompress(unknown).problem?.contains("unknown compression") == true)
    }

    @Test func outputIsBoundedByTheLimit() {
        let compressed = Self.bytes("1a 00 00 00 1c 00 00 00 4c 5a 46 75 e2 d4 4b 51 41 00 04 20 57 58 59 5a 0d 6e 7d 01 0e b0")
        #expect(CompressedRTF.decompress(compressed, maxBytes: 10).rtf.count == 10)
    }
}
