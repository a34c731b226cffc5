@testable import Investigation
import Testing

@Suite struct MultiNeedleSearcherTests {
    /// The reference: each needle in list order, its first occurrence.
    static func loop(_ needles: [[UInt8]], _ text: [UInt8]) -> (Int, Range<Int>)? {
        for (index, needle) in needles.enumerated() {
            guard needle.count <= text.count else { continue }
            for start in 0...(text.count - needle.count) where text[start..<(start + needle.count)].elementsEqual(needle) {
                return (index, start..<(start + needle.count))
            }
        }
        return nil
    }

    @Test(arguments: 0..<12)
    func agreesWithANeedleByNeedleSearch(seed: UInt64) throws {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 7
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        // A small alphabet, so that needles overlap, nest and share prefixes and suffixes.
        let alphabet: [UInt8] = Array("abc é".utf8)
        for _ in 0..<40 {
            let needles = (0..<(1 + next(30))).map { _ in (0...next(5)).map { _ in alphabet[next(alphabet.count)] } }
            let searcher = try #require(MultiNeedleSearcher(needles))
            for _ in 0..<20 {
                let text = (0..<next(60)).map { _ in alphabet[next(alphabet.count)] }
                let found = searcher.firstNeedle(in: text)
                let expected = Self.loop(needles, text)
                #expect(found?.index == expected?.0 && found?.range == expected?.1, "\(needles) in \(text)")
            }
        }
    }

    @Test func emptyAndOversizedListsAreNotCompiled() {
        #expect(MultiNeedleSearcher([]) == nil)
        #expect(MultiNeedleSearcher([Array("a".utf8), []]) == nil)
        // 200,000 distinct 8-byte needles over 36 bytes would need more than the table allows.
        let huge = (0..<200_000).map { n in Array((String(n, radix: 36) + "zzzzzzzz").utf8.prefix(8)) }
        #expect(MultiNeedleSearcher(huge) == nil)
    }
}
