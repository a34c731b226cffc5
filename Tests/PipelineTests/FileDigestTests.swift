import Foundation
import Testing
@testable import Pipeline

/// Content digests are XXH3-128 in canonical (big-endian) form, the same whether the bytes come at
/// once or read from the file in pieces; the append-only digest sees what is around its checkpoint.
struct FileDigestTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("file-digest-\(getpid())-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func contentDigestsAreXXH3OfTheBytes() {
        // The published XXH3-128 values (seed 0), as `xxhsum -H2` prints them.
        #expect(FileDigest.hex(FileDigest.content([])) == "99aa06d3014798d86001c324468d497f")
        #expect(FileDigest.hex(FileDigest.content(Array("abc".utf8))) == "06b05ab6733a618578af5f94892f3950")
        // Long enough for the vector code (AVX2 where the CPU has it): the value of libxxhash's plain
        // SSE2 entry point, so states made before keep their digests.
        let long = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }
        #expect(FileDigest.hex(FileDigest.content(long)) == "4e53faeda1b5812bb25cea78018497ff")
    }

    @Test func aFileReadInPiecesHasTheDigestOfItsBytes() throws {
        // Over 1 MiB: read in more than one piece.
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 4_096, (1 << 20) + 12_345] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let url = try temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(FileDigest.whole(url.path) == FileDigest.content(bytes), "\(count) bytes")
        }
        #expect(FileDigest.whole("/nonexistent/\(UUID().uuidString)") == nil)
    }

    @Test func anAppendOnlyDigestSeesTheBytesAroundItsCheckpoint() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let before = try #require(FileDigest.around(url.path, checkpoint: 200_000, readEnd: 250_000))
        #expect(before.count == 16)
        #expect(FileDigest.around(url.path, checkpoint: 200_000, readEnd: 250_000) == before)
        #expect(FileDigest.around(url.path, checkpoint: 200_001, readEnd: 250_000) != before, "the offsets count")

        // Appended: the same digest over what was read. Changed near the checkpoint: another.
        var grown = bytes + Array(repeating: 1, count: 1_000)
        try Data(grown).write(to: url)
        #expect(FileDigest.around(url.path, checkpoint: 200_000, readEnd: 250_000) == before)
        grown[199_000] ^= 0xFF
        try Data(grown).write(to: url)
        #expect(FileDigest.around(url.path, checkpoint: 200_000, readEnd: 250_000) != before)
        // Far from the head and the checkpoint: not seen (the README says so).
        grown[199_000] ^= 0xFF
        grown[100_000] ^= 0xFF
        try Data(grown).write(to: url)
        #expect(FileDigest.around(url.path, checkpoint: 200_000, readEnd: 250_000) == before)
        // Shorter than what was read: nil.
        try Data(bytes.prefix(240_000)).write(to: url)
        #expect(FileDigest.around(url.path, checkpoint: 200_000, readEnd: 250_000) == nil)
    }
}
