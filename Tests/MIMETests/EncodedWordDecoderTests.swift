import Testing
@testable import MIME

private func text(_ raw: String) -> (value: String, defects: DefectCollector) {
    var defects = DefectCollector()
    let value = EncodedWordDecoder.decodeText(ArraySlice(Array(raw.utf8)), defects: &defects)
    return (value, defects)
}

private func text(_ raw: [UInt8]) -> (value: String, defects: DefectCollector) {
    var defects = DefectCollector()
    let value = EncodedWordDecoder.decodeText(ArraySlice(raw), defects: &defects)
    return (value, defects)
}

@Suite struct EncodedWordDecoderTests {
    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9?=", "café"),
        ("=?UTF-8?Q?caf=c3=a9?=", "café"),
        ("=?UTF-8?B?Y2Fmw6k=?=", "café"),
        ("=?utf-8?b?Y2Fmw6k=?=", "café"),
        ("=?iso-8859-1?q?caf=E9?= text", "café text"),
        ("=?utf-8?q?a_b?=", "a b"),
        ("=?utf-8?q?a b?=", "a b"),
        ("=?utf-8*en?q?caf=C3=A9?=", "café"),
        ("=?windows-1252?q?=80?=", "€"),
        ("=?ks_c_5601-1987?B?x9Gx2w==?=", "한글"),
        ("=?gb2312?B?xOO6ww==?=", "你好"),
        ("=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=", "日本語"),
        ("=?utf-7?q?+AOk-?=", "é"),
        ("Re: [list] =?windows-1251?B?0uXx8g==?=", "Re: [list] Тест"),
        ("=?utf-8?q??=", ""),
        ("=?utf-8?b??=", ""),
    ])
    func decodesEncodedWords(raw: String, expected: String) {
        let (value, defects) = text(raw)
        #expect(value == expected)
        #expect(defects.defects.isEmpty)
    }

    @Test func plainASCIIIsReturnedAsItIs() {
        let (value, defects) = text("Re: lunch at 12? = fine, a=b ?=")
        #expect(value == "Re: lunch at 12? = fine, a=b ?=")
        #expect(defects.defects.isEmpty)
    }

    @Test(arguments: [
        ("a =?utf-8?q?x?= =?utf-8?q?y?= b", "a xy b"),
        ("=?utf-8?q?x?=\r\n =?utf-8?q?y?=", "xy"),
        ("=?utf-8?q?x?=\n\t=?utf-8?q?y?=", "xy"),
        ("=?utf-8?q?x?=  \t =?iso-8859-1?q?y?=", "xy"),
        ("=?utf-8?q?x?==?utf-8?q?y?= c", "xy c"),
        ("=?utf-8?q?x?= y =?utf-8?q?z?=", "x y z"),
        ("=?utf-8?q?a?= b=?utf-8?q?c?=", "a bc"),
    ])
    func whiteSpaceBetweenAdjacentWordsIsDropped(raw: String, expected: String) {
        #expect(text(raw).value == expected)
    }

    /// Words glued to text are decoded (GMime and CPython do so in practice).
    @Test func wordsInsideOtherTextAreDecoded() {
        #expect(text("foo=?utf-8?q?x?=bar").value == "fooxbar")
        #expect(text("(=?utf-8?q?x?=)").value == "(x)")
        #expect(text("\"=?utf-8?q?x?=\"").value == "\"x\"")
    }

    @Test(arguments: [
        "=?utf-8?B?4oKs?= =?utf-8?B?4oI=?= =?utf-8?B?rA==?=",
        "=?utf-8?q?=E2=82?= =?UTF8?Q?=AC?==?utf-8?q?=E2=82=AC?=",
        "=?utf-8?q?=E2?=\r\n =?utf-8?b?gqw=?= =?utf-8?b?4oKs?=",
    ])
    func aCharacterSplitAcrossWordsSurvives(raw: String) {
        let (value, defects) = text(raw)
        #expect(value == "€€")
        #expect(defects.defects.isEmpty)
    }

    @Test func splitCharacterInOtherCharsets() {
        // "한" split between two words of the same charset.
        #expect(text("=?ks_c_5601-1987?q?=C7?= =?ks_c_5601-1987?q?=D1?=").value == "한")
        #expect(text("=?shift_jis?B?gg==?= =?shift_jis?B?oA==?=").value == "あ")
    }

    @Test func wordsInDifferentCharsetsAreNotJoined() {
        // 0xC3 alone is not UTF-8; 0xA9 alone in latin1 is "©".
        let (value, defects) = text("=?utf-8?q?=C3?= =?iso-8859-1?q?=A9?=")
        #expect(value == "\u{FFFD}©")
        #expect(defects.defects.map(\.code) == [.charsetUndecodableBytes])
        #expect(defects.defects.first?.offset == 0)
    }

    @Test func aSplitCharacterSeparatedByTextIsLost() {
        let (value, defects) = text("=?utf-8?q?=E2=82?= a =?utf-8?q?=AC?=")
        #expect(value == "\u{FFFD} a \u{FFFD}")
        #expect(defects.defects.map(\.code) == [.charsetUndecodableBytes, .charsetUndecodableBytes])
    }

    // MARK: Malformed words

    @Test(arguments: [
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?q?abc", "=?utf-8?q?abc"),
        ("=?utf-8?q?abc def", "=?utf-8?q?abc def"),
        ("=?utf-8?b?Y?=", "=?utf-8?b?Y?="),
        ("=?utf-8?q?a?b?=", "=?utf-8?q?a?b?="),
        ("x =?utf-8?q?a\r\n b?= y", "x =?utf-8?q?a b?= y"),
        ("=?utf-8?=?utf-8?q?x?=", "=?utf-8?x"),
    ])
    func malformedWordsAreKept(raw: String, expected: String) {
        let (value, defects) = text(raw)
        #expect(value == expected)
        #expect(defects.defects.first?.code == .encodedWordMalformed)
        #expect(defects.defects.first?.offset == raw.utf8.firstIndex(of: UInt8(ascii: "=")).map { raw.utf8.distance(from: raw.utf8.startIndex, to: $0) })
    }

    @Test func missingTerminatorDoesNotSwallowTheNextWord() {
        let (value, defects) = text("=?utf-8?q?abc x =?utf-8?q?def?=")
        #expect(value == "=?utf-8?q?abc x def")
        #expect(defects.defects.map(\.code) == [.encodedWordMalformed])
    }

    @Test func thingsThatOnlyResembleEncodedWordsAreSilent() {
        for raw in ["a =? b", "=?", "x=?y", "=??q?abc?=", "=?utf 8?q?x?=", "http://x.example/?a=?b?c", "=?utf-8?qabc?="] {
            let (value, defects) = text(raw)
            #expect(value == raw)
            #expect(defects.defects.isEmpty, "\(raw)")
        }
    }

    /// Both reference parsers decode what they can of damaged B and Q text; so do we, and say so.
    @Test func damagedTextIsDecodedAsFarAsItGoes() {
        let (padding, paddingDefects) = text("=?utf-8?b?Y2Fmw6k?=")
        #expect(padding == "café")
        #expect(paddingDefects.defects.map(\.code) == [.encodedWordMalformed])
        let (characters, characterDefects) = text("=?utf-8?b?Y2F*mw6k=?=")
        #expect(characters == "café")
        #expect(characterDefects.defects.map(\.code) == [.encodedWordMalformed])
        let (escape, escapeDefects) = text("=?utf-8?q?a=ZZ?=")
        #expect(escape == "a=ZZ")
        #expect(escapeDefects.defects.map(\.code) == [.encodedWordMalformed])
    }

    @Test func unknownCharsetUsesTheFallback() {
        let (latin, latinDefects) = text("=?x-bogus?q?caf=E9?=")
        #expect(latin == "café")
        #expect(latinDefects.defects.map(\.code) == [.encodedWordUnknownCharset])
        let (utf8, utf8Defects) = text("=?unknown-8bit?q?caf=C3=A9?=")
        #expect(utf8 == "café")
        #expect(utf8Defects.defects.map(\.code) == [.encodedWordUnknownCharset])
    }

    // MARK: Raw text and unfolding

    @Test func rawEightBitBytes() {
        #expect(text(Array("caf\u{E9} raw".utf8)).value == "café raw")
        #expect(text([0x63, 0x61, 0x66, 0xE9, 0x20, 0x80]).value == "café €")
        // Each run between words is read on its own.
        let mixed: [UInt8] = Array("=?utf-8?q?a?= ".utf8) + [0xC3, 0xA9] + Array(" =?utf-8?q?b?= ".utf8) + [0xE9]
        #expect(text(mixed).value == "a é b é")
        #expect(text(mixed).defects.defects.isEmpty)
    }

    @Test(arguments: [("a\r\n b", "a b"), ("a\r\n\tb", "a\tb"), ("a\n b", "a b"), ("a  b", "a  b"), ("a\r\n  b\r\n c", "a  b c")])
    func unfolding(raw: String, expected: String) {
        #expect(text(raw).value == expected)
    }

    @Test func whiteSpaceInsideIsKeptAndAroundTheValueIsTrimmed() {
        #expect(text("  =?utf-8?q?x?=  y  ").value == "x  y")
    }

    // MARK: Phrases

    @Test(arguments: [
        ("=?utf-8?q?J=C3=B6rg?=", "Jörg"),
        ("=?utf-8?q?J=C3=B6rg_X?=", "Jörg X"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("Foo =?utf-8?q?x?= Bar", "Foo x Bar"),
        ("Müller, Hans", "Müller, Hans"),
    ])
    func phrases(raw: String, expected: String) {
        var defects = DefectCollector()
        #expect(EncodedWordDecoder.decodePhrase(ArraySlice(Array(raw.utf8)), defects: &defects) == expected)
        #expect(defects.defects.isEmpty)
    }

    @Test func phraseWithLatin1Bytes() {
        var defects = DefectCollector()
        #expect(EncodedWordDecoder.decodePhrase([0x4A, 0xF6, 0x72, 0x67], defects: &defects) == "Jörg")
    }
}
