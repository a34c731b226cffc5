@testable import Investigation
import Testing

@Suite struct TextNormalizerTests {
    let folding = TextNormalizer()
    let exact = TextNormalizer(caseSensitive: true)

    /// Random text over an alphabet where every rule meets: ASCII runs, single and doubled white
    /// space of every kind, a combining mark after an ASCII letter or a space, precomposed letters,
    /// invisible characters, controls.
    @Test(arguments: 0..<8)
    func normalizationAgreesWithAPlainReference(seed: UInt64) {
        let alphabet: [String] = ["a", "B", "z", "Q", "1", ".", " ", " ", "\n", "\t", "\r\n", "  ", "\u{301}", "é", "É", "\u{200B}", "\u{7F}", "\u{1}", "x\u{301}", "\u{A0}"]
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(alphabet.count))
        }
        for _ in 0..<300 {
            let text = (0...(next() * 2)).map { _ in alphabet[next()] }.joined()
            // The reference: drop invisible characters, lower-case, every white-space run one space, NFC.
            var reference = ""
            var lastWasSpace = false
            for scalar in text.unicodeScalars {
                if scalar == "\u{200B}" { continue }
                if scalar.properties.isWhitespace {
                    if !lastWasSpace { reference.unicodeScalars.append(" ") }
                    lastWasSpace = true
                } else {
                    reference.unicodeScalars.append(scalar)
                    lastWasSpace = false
                }
            }
            let expected = String(decoding: reference.lowercased().nfcUTF8, as: UTF8.self)
            #expect(folding.normalizedString(text) == expected, "\(text.debugDescription)")
            let body = folding.normalize(text)
            // Every snippet maps back inside the original.
            if !body.utf8.isEmpty { _ = body.snippet(around: 0..<body.utf8.count) }
        }
    }

    @Test func scalarTableAgreesWithPerScalarComputation() {
        let traits = ScalarTraits.shared
        var differing: [UInt32] = []
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if traits.flags(value) != ScalarTraits.computeFlags(scalar) { differing.append(value) }
            if traits.flags(value) & ScalarTraits.changesWhenFolded != 0 {
                let table = traits.fold(value)
                let computed = ScalarTraits.computeFold(scalar)
                if table.utf8 != computed.utf8 || table.isInert != computed.isInert { differing.append(value) }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
    }

    @Test func uniformBlocksHaveTheTraitsOfTheirFirstScalar() {
        var differing: [Int] = []
        for range in ScalarTraits.uniformRanges {
            let first = ScalarTraits.computeFlags(Unicode.Scalar(UInt32(range.lowerBound))!)
            for value in range where ScalarTraits.computeFlags(Unicode.Scalar(UInt32(value))!) != first {
                differing.append(value)
            }
            #expect(ScalarTraits.shared.flags(UInt32(range.upperBound)) == first)
        }
        #expect(differing.isEmpty)
    }

    /// Long ASCII runs (the eight-bytes-at-a-time paths) against the same plain reference, both case
    /// modes: words of every length, upper case at every offset, controls and white space inside words.
    @Test(arguments: 0..<4)
    func longASCIIRunsAgreeWithAPlainReference(seed: UInt64) {
        let pieces: [String] = ["Wire", "TRANSFER", "abcdefghijKLMNOPqrstuvwxyz", "[@`{~]", "ZZZZZZZZZ", "0123456789", " ", "\t", "\n", "  ", "\u{1}", "\u{7F}", "é", "x\u{301}", "AZaz@["]
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(pieces.count))
        }
        for _ in 0..<300 {
            let text = (0...(next() * 3)).map { _ in pieces[next()] }.joined()
            var reference = ""
            var lastWasSpace = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    if !lastWasSpace { reference.unicodeScalars.append(" ") }
                    lastWasSpace = true
                } else {
                    reference.unicodeScalars.append(scalar)
                    lastWasSpace = false
                }
            }
            #expect(folding.normalizedString(text) == String(decoding: reference.lowercased().nfcUTF8, as: UTF8.self), "\(text.debugDescription)")
            #expect(exact.normalizedString(text) == String(decoding: reference.nfcUTF8, as: UTF8.self), "\(text.debugDescription)")
        }
    }

    @Test func foldsASCIICase() {
        #expect(folding.normalizedString("Wire TRANSFER") == "wire transfer")
        #expect(exact.normalizedString("Wire TRANSFER") == "Wire TRANSFER")
        #expect(folding.contains("Please send the WIRE TRANSFER today", "wire transfer"))
        #expect(!exact.contains("Please send the WIRE TRANSFER today", "wire transfer"))
        #expect(exact.contains("Please send the WIRE TRANSFER today", "WIRE TRANSFER"))
    }

    @Test func collapsesWhiteSpaceRunsOfEveryKind() {
        let text = "wire\u{00A0}\u{00A0}transfer\t\r\nnow\u{2003}\u{3000} later\u{2028}end"
        #expect(folding.normalizedString(text) == "wire transfer now later end")
        #expect(folding.contains("Please send the wire\n\t   transfer", "wire transfer"))
        #expect(folding.contains("wire\u{202F}transfer", "wire    transfer"))
        #expect(folding.normalizedString("  a  ") == " a ")
    }

    @Test func composesToNFC() {
        let composed = "caf\u{00E9}"
        let decomposed = "cafe\u{0301}"
        #expect(folding.normalizedString(decomposed) == composed)
        #expect(folding.contains("Le " + decomposed + " est ouvert", composed))
        #expect(folding.contains("Le " + composed + " est ouvert", decomposed))
        #expect(exact.contains("CAFE\u{0301}", "CAF\u{00C9}"))
        // The Angstrom sign is canonically equivalent to Å.
        #expect(folding.normalizedString("\u{212B}") == "\u{00E5}")
        // An accented letter must not match its base letter alone.
        #expect(!folding.contains("cafe\u{0301}", "cafe "))
        #expect(!folding.contains(decomposed, "cafe"))
    }

    @Test func foldsNonASCIICase() {
        #expect(folding.normalizedString("ÉCOLE Über ΣΟΦΊΑ") == "école über σοφία")
        #expect(folding.contains("Ваш ПАРОЛЬ истёк", "пароль"))
        #expect(folding.normalizedString("\u{212A}elvin") == "kelvin")
    }

    /// Full case folding: ß, ẞ and SS all become `ss`.
    @Test func foldsSharpSToSS() {
        #expect(folding.normalizedString("Straße") == "strasse")
        #expect(folding.normalizedString("STRASSE") == "strasse")
        #expect(folding.normalizedString("STRA\u{1E9E}E") == "strasse")
        #expect(folding.equals("Straße", "STRASSE"))
        #expect(!exact.equals("Straße", "STRASSE"))
    }

    @Test func foldsGreekFinalSigma() {
        #expect(folding.equals("ΟΔΟΣ", "οδος"))
        #expect(folding.equals("οδος", "οδοσ"))
    }

    /// Not tailored to Turkish: dotless ı stays distinct; İ folds to i + combining dot above.
    @Test func keepsTurkishDotlessIDistinct() {
        #expect(folding.normalizedString("ı") == "ı")
        #expect(!folding.equals("ıstanbul", "istanbul"))
        #expect(folding.normalizedString("I") == "i")
        #expect(folding.normalizedString("İ") == "i\u{0307}")
        #expect(folding.equals("İSTANBUL", "i\u{0307}stanbul"))
    }

    @Test func dropsInvisibleCharactersByDefault() {
        #expect(folding.contains("send a wi\u{200B}re trans\u{00AD}fer", "wire transfer"))
        #expect(folding.contains("pay\u{200D}pal", "paypal"))
        #expect(folding.normalizedString("\u{FEFF}Invoice") == "invoice")
        let keeping = TextNormalizer(caseSensitive: false, ignoresInvisibleCharacters: false)
        #expect(!keeping.contains("wi\u{200B}re", "wire"))
    }

    @Test func equalsIgnoresOuterWhiteSpaceOnly() {
        #expect(folding.equals("  Invoice\toverdue \n", "invoice overdue"))
        #expect(!folding.equals("Invoice overdue now", "invoice overdue"))
        #expect(folding.equals("", ""))
        #expect(folding.equals(" ", ""))
    }

    @Test func findsTheNeedleAtItsByteRange() throws {
        let body = folding.normalize("Hello  World, HELLO again")
        let needle = folding.needle("hello")
        #expect(body.string == "hello world, hello again")
        #expect(body.firstRange(of: needle) == 0..<5)
        #expect(body.ranges(of: needle) == [0..<5, 13..<18])
        #expect(body.contains(folding.needle("")))
        #expect(!body.contains(folding.needle("goodbye")))
    }

    @Test func mapsHitsBackToTheOriginal() throws {
        let original = "Dear user,\n\n  please   confirm the WIRE\r\n\ttransfer of €1.500 to Müller."
        let body = folding.normalize(original)
        let hit = try #require(body.firstRange(of: folding.needle("wire transfer")))
        #expect(original[body.originalRange(of: hit)] == "WIRE\r\n\ttransfer")
        let euro = try #require(body.firstRange(of: folding.needle("€1.500")))
        #expect(original[body.originalRange(of: euro)] == "€1.500")
        let name = try #require(body.firstRange(of: folding.needle("MÜLLER")))
        #expect(original[body.originalRange(of: name)] == "Müller")
    }

    @Test func mapsHitsInsideDecomposedText() throws {
        let original = "voir le cafe\u{0301} demain"
        let body = folding.normalize(original)
        let hit = try #require(body.firstRange(of: folding.needle("café")))
        #expect(original[body.originalRange(of: hit)] == "cafe\u{0301}")
    }

    @Test func snippetsKeepFortyCharactersEitherSideOnCharacterBoundaries() throws {
        let before = String(repeating: "x", count: 60)
        let after = String(repeating: "y", count: 60)
        let original = before + " Wire\n\n\ttransfer " + after
        let body = folding.normalize(original)
        let hit = try #require(body.firstRange(of: folding.needle("wire transfer")))
        let snippet = body.snippet(around: hit)
        #expect(snippet == String(repeating: "x", count: 39) + " Wire transfer " + String(repeating: "y", count: 39))
        #expect(body.snippet(around: hit, radius: 3) == "xx Wire transfer yy")
    }

    @Test func snippetsDoNotSplitGraphemeClusters() throws {
        let original = "🇩🇪🇫🇷 e\u{0301}\u{0302}lan 👍🏽 ok"
        let body = folding.normalize(original)
        let hit = try #require(body.firstRange(of: folding.needle("lan")))
        #expect(body.snippet(around: hit, radius: 2) == "e\u{0301}\u{0302}lan 👍🏽")
        #expect(body.snippet(around: hit) == original)
        // Regional indicators E and F straddle the two flags: the hit widens to whole characters.
        let straddling = try #require(body.firstRange(of: folding.needle("\u{1F1EA}\u{1F1EB}")))
        #expect(original[body.originalRange(of: straddling)] == "🇩🇪🇫🇷")
        let mark = try #require(body.firstRange(of: folding.needle("\u{0302}")))
        #expect(original[body.originalRange(of: mark)] == "e\u{0301}\u{0302}")
    }

    @Test func snippetsStopAtTheEndsAndTrimWhiteSpace() throws {
        let body = folding.normalize("\n\n  Invoice  \n")
        let hit = try #require(body.firstRange(of: folding.needle("invoice")))
        #expect(body.snippet(around: hit) == "Invoice")
    }

    @Test func snippetsDropBidiControls() throws {
        let body = folding.normalize("file invoice\u{202E}fdp.exe attached")
        let hit = try #require(body.firstRange(of: folding.needle("invoice")))
        #expect(body.snippet(around: hit) == "file invoicefdp.exe attached")
    }

    @Test func normalizesLargeBodies() throws {
        // 200 KB of mixed text: the result must be right; speed is measured by benchmarks, not here.
        let chunk = "Lorem ipsum DOLOR sit amet,\n\tconsectetur Ärger café Straße — 東京 "
        let original = String(repeating: chunk, count: 2_500) + "the Secret Word"
        let body = folding.normalize(original)
        let hit = try #require(body.firstRange(of: folding.needle("SECRET word")))
        #expect(original[body.originalRange(of: hit)] == "Secret Word")
        #expect(body.ranges(of: folding.needle("strasse")).count == 2_500)
        #expect(body.snippet(around: hit, radius: 8) == "東京 the Secret Word")
    }

    @Test func keepsLongTextWithoutSpacesPreciseInSnippets() throws {
        let original = String(repeating: "東京都", count: 400) + "秘密" + String(repeating: "大阪府", count: 400)
        let body = folding.normalize(original)
        let hit = try #require(body.firstRange(of: folding.needle("秘密")))
        let snippet = body.snippet(around: hit, radius: 5)
        #expect(snippet.contains("秘密"))
        #expect(snippet.count <= 2 + 2 * (5 + 26))
    }
}

/// The fast path (ASCII runs, stretches, the traits table) against a plain reference: every scalar
/// mapped, then NFC over the whole text at once.
@Suite struct TextNormalizerReferenceTests {
    static let pieces = [
        "Invoice", "WIRE", "transfer", " ", "  ", "\t", "\r\n", "\u{00A0}", "\u{3000}", "é", "e\u{0301}", "E\u{0301}\u{0323}",
        "ß", "ẞ", "İ", "ı", "Σ", "ς", "ΐ", "Ǆ", "\u{212B}", "\u{0958}", "\u{200B}", "\u{202E}", "\u{FEFF}", "東京", "한국",
        "\u{1100}\u{1161}\u{11A8}", "\u{AB70}", "Ꭰ", "👍🏽", "🇩🇪", "\u{10400}", "\u{0301}", "<\u{0338}", "ﬁ", "€", ".", "-",
    ]

    static func reference(_ text: String, caseSensitive: Bool) -> String {
        var mapped = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { mapped.append(" ") }
                lastWasSpace = true
                continue
            }
            if scalar.properties.isDefaultIgnorableCodePoint { continue }
            lastWasSpace = false
            if !caseSensitive, scalar.properties.changesWhenCaseFolded {
                mapped.append(contentsOf: TextNormalizer.fold(scalar))
            } else {
                mapped.append(scalar)
            }
        }
        return String(decoding: String(mapped)._nfcCodeUnits, as: UTF8.self)
    }

    @Test(arguments: 0..<200)
    func agreesWithTheReference(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed) &* 7919)
        var text = ""
        for _ in 0..<Int(generator.next() % 60) {
            text += Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
        }
        for caseSensitive in [false, true] {
            let normalizer = TextNormalizer(caseSensitive: caseSensitive)
            let normalized = normalizer.normalize(text)
            let expected = Self.reference(text, caseSensitive: caseSensitive)
            #expect(Array(normalized.utf8) == Array(expected.utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // Any hit maps back to original text that contains it.
            let word = Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
            let needle = normalizer.needle(word)
            guard !needle.utf8.isEmpty, needle.string != " ", let hit = normalized.firstRange(of: needle) else { continue }
            let source = String(text[normalized.originalRange(of: hit)])
            #expect(normalizer.normalize(source).contains(needle), "\(word) in \(text)")
            _ = normalized.snippet(around: hit)
        }
    }

    /// 200 KB of combining marks on one base: NFC would reorder them all at once, in quadratic time.
    /// Runs are cut after 30 marks (UAX #15 stream-safe format). Only the result is checked.
    @Test func normalizesLongRunsOfCombiningMarks() throws {
        let marks = String(repeating: "\u{0301}\u{0323}", count: 50_000)
        let original = "see a" + marks + " wire transfer"
        let body = TextNormalizer().normalize(original)
        let hit = try #require(body.firstRange(of: TextNormalizer().needle("wire transfer")))
        #expect(original[body.originalRange(of: hit)] == "wire transfer")
        #expect(body.snippet(around: hit, radius: 3).hasSuffix("wire transfer"))
        // The snippet does not carry the 200 KB "character" whole.
        #expect(body.snippet(around: hit, radius: 3).utf8.count < 100)
        let inside = try #require(body.firstRange(of: TextNormalizer().needle("\u{0301}\u{0323}\u{0301}")))
        #expect(body.snippet(around: inside).utf8.count < 2_000)
        // Short runs are still fully normalized: marks reordered by combining class, then composed.
        #expect(TextNormalizer().normalizedString("a\u{0301}\u{0323}") == "\u{1EA1}\u{0301}")
    }

    /// Long stretches are cut for snippet precision; the cut must not change the result.
    @Test func cutsLongStretchesWithoutChangingTheResult() {
        let text = String(repeating: "é\u{0323}ÉSSẞ東京한국\u{1100}\u{1161}", count: 200)
        for caseSensitive in [false, true] {
            let normalized = TextNormalizer(caseSensitive: caseSensitive).normalize(text)
            #expect(normalized.string == Self.reference(text, caseSensitive: caseSensitive))
        }
    }
}

@Suite struct TextNormalizerByteSearchTests {
    func search(_ haystack: String, _ needle: String, from: Int = 0) -> Int? {
        let searcher = ByteSearcher(Array(needle.utf8))
        return Array(haystack.utf8).withUnsafeBufferPointer { searcher.firstIndex(in: $0, from: from) }
    }

    @Test func findsFirstOccurrences() {
        #expect(search("hello world", "world") == 6)
        #expect(search("hello world", "o") == 4)
        #expect(search("hello world", "o", from: 5) == 7)
        #expect(search("hello world", "") == 0)
        #expect(search("hello", "hello!") == nil)
        #expect(search("abcabcabd", "abcabd") == 3)
        #expect(search("", "a") == nil)
    }

    @Test func staysCorrectOnAdversarialInput() {
        // Horspool's worst case: the tail matches everywhere, the head never. The KMP fallback answers.
        let haystack = String(repeating: "a", count: 200_000)
        let needle = "b" + String(repeating: "a", count: 999)
        #expect(search(haystack, needle) == nil)
        #expect(search(haystack + needle, needle) == 200_000)
        let periodic = String(repeating: "ab", count: 50_000) + "abb"
        #expect(search(periodic, String(repeating: "ab", count: 300) + "b") == 100_003 - 601)
    }

    @Test(arguments: 0..<64)
    func agreesWithNaiveSearch(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let alphabet: [UInt8] = Array("ab c".utf8)
        let haystack = (0..<Int(generator.next() % 400)).map { _ in alphabet[Int(generator.next() % 4)] }
        let needle = (0..<Int(1 + generator.next() % 6)).map { _ in alphabet[Int(generator.next() % 4)] }
        let naive = haystack.indices.first { start in
            start + needle.count <= haystack.count && haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
        let found = haystack.withUnsafeBufferPointer { ByteSearcher(needle).firstIndex(in: $0) }
        #expect(found == naive)
    }
}

/// A tiny deterministic generator for reproducible cases.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
