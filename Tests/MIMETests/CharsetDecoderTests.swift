import Testing
@testable import MIME

private func decode(_ bytes: [UInt8], _ charset: String?) -> (text: String, defects: DefectCollector) {
    var defects = DefectCollector()
    let text = CharsetDecoder.decode(ArraySlice(bytes), charset: charset, defects: &defects)
    return (text, defects)
}

@Suite struct CharsetDecoderTests {
    // MARK: Labels

    @Test(arguments: [
        ("utf-8", "UTF-8"), ("utf8", "UTF-8"), ("UTF_8", "UTF-8"), ("unicode-1-1-utf-8", "UTF-8"),
        ("us-ascii", "US-ASCII"), ("ascii", "US-ASCII"), ("ANSI_X3.4-1968", "US-ASCII"), ("iso646-us", "US-ASCII"),
        ("latin1", "ISO-8859-1"), ("iso8859-1", "ISO-8859-1"), ("iso_8859-1", "ISO-8859-1"), ("ISO-8859-1", "ISO-8859-1"),
        ("ISO_8859-1:1987", "ISO-8859-1"), ("l1", "ISO-8859-1"),
        ("cp1252", "windows-1252"), ("windows-1252", "windows-1252"), ("x-cp1252", "windows-1252"),
        ("ks_c_5601-1987", "CP949"), ("euc-kr", "CP949"), ("ks_c_5601", "CP949"),
        ("x-sjis", "CP932"), ("shift-jis", "CP932"), ("shift_jis", "CP932"), ("sjis", "CP932"), ("windows-31j", "CP932"),
        ("iso-2022-jp", "ISO-2022-JP"), ("euc-jp", "EUC-JP"),
        ("windows-874", "CP874"), ("tis-620", "TIS-620"),
        ("gb2312", "GB18030"), ("gbk", "GB18030"), ("x-gbk", "GB18030"), ("chinese", "GB18030"), ("GB18030", "GB18030"),
        ("big5", "BIG5-HKSCS"), ("big5-hkscs", "BIG5-HKSCS"), ("cp950", "BIG5-HKSCS"),
        ("x-mac-roman", "MACINTOSH"), ("macintosh", "MACINTOSH"), ("x-mac-cyrillic", "MAC-CYRILLIC"),
        ("x-mac-ce", "MAC-CENTRALEUROPE"), ("x-mac-ukrainian", "MACUKRAINIAN"), ("x-mac-icelandic", "MAC-IS"),
        ("koi8-r", "KOI8-R"), ("koi8-u", "KOI8-U"),
        ("unicode-1-1-utf-7", "UTF-7"), ("utf-7", "UTF-7"),
        ("iso-8859-8-i", "ISO-8859-8"), ("iso-8859-6-i", "ISO-8859-6"),
        ("iso-8859-2", "ISO-8859-2"), ("latin2", "ISO-8859-2"), ("iso-8859-15", "ISO-8859-15"),
        ("windows-1251", "CP1251"), ("cp1250", "CP1250"), ("utf-16le", "UTF-16LE"),
    ])
    func aliasesResolve(label: String, name: String) {
        #expect(Charset.resolve(label)?.name == name)
    }

    @Test(arguments: [
        ("\"utf-8\"", "UTF-8"), ("'utf-8'", "UTF-8"), ("utf-8;", "UTF-8"), ("utf-8; format=flowed", "UTF-8"),
        (" UTF-8 ", "UTF-8"), ("utf-8*en", "UTF-8"), ("iso-8859-1*de-CH", "ISO-8859-1"), ("UTF-8//TRANSLIT", "UTF-8"),
        ("utf-8 (the default)", "UTF-8"), ("us-ascii'en-us'", "US-ASCII"), ("\"iso-8859-1\";", "ISO-8859-1"), ("utf-8.", "UTF-8"),
    ])
    func labelsAreCleaned(label: String, name: String) {
        #expect(Charset.resolve(label)?.name == name)
    }

    @Test(arguments: ["default", "unknown-8bit", "x-unknown", "x-user-defined", "unknown", "\"Default\""])
    func bogusNamesAreNotCharsets(label: String) {
        #expect(Charset.resolve(label) == nil)
        #expect(Charset.resolution(of: label) == .bogus)
    }

    @Test(arguments: ["x-no-such-charset", "DEFAULT_CHARSET", "", "   ", "\"\"", "utf-8\u{0}", "../../etc/passwd", "UTF-8 //IGNORE"])
    func unusableNamesAreUnknown(label: String) {
        if label == "UTF-8 //IGNORE" {
            // Cut at the space: still UTF-8, and the iconv option never reaches iconv.
            #expect(Charset.resolve(label) == .utf8)
        } else {
            #expect(Charset.resolve(label) == nil)
        }
    }

    /// Names outside the alias table are tried with iconv (and the answer cached).
    @Test func namesOutsideTheTableGoToIconv() {
        #expect(Charset.resolve("ARMSCII-8")?.name == "ARMSCII-8")
        #expect(Charset.resolve("armscii-8")?.name == "ARMSCII-8")
        let (text, defects) = decode([0xB2], "armscii-8")
        #expect(text == "Ա")
        #expect(defects.defects.isEmpty)
    }

    // MARK: Native decoders

    @Test func asciiAndUTF8() {
        #expect(decode(Array("plain".utf8), "us-ascii").text == "plain")
        let (text, defects) = decode(Array("café €".utf8), "utf-8")
        #expect(text == "café €")
        #expect(defects.defects.isEmpty)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let (text, defects) = decode([0x61, 0xFF, 0x62, 0xC3], "utf-8")
        #expect(text == "a\u{FFFD}b\u{FFFD}")
        #expect(defects.defects.map(\.code) == [.charsetUndecodableBytes])
        #expect(defects.defects.first?.offset == 1)
        #expect(defects.defects.first?.message.hasPrefix("2 ") == true)
    }

    @Test func latin1MapsEveryByteToTheSameCodePoint() {
        let all = Array(0...255) as [UInt8]
        let text = decode(all, "iso-8859-1").text
        #expect(text.unicodeScalars.map(\.value) == all.map(UInt32.init))
    }

    @Test func windows1252() {
        let (text, defects) = decode([0x80, 0x93, 0x94, 0x99, 0x9F, 0xE9], "windows-1252")
        #expect(text == "€“”™Ÿé")
        #expect(defects.defects.isEmpty)
        // The five undefined bytes map to the C1 controls: never a failure.
        let undefined = decode([0x81, 0x8D, 0x8F, 0x90, 0x9D], "cp1252").text
        #expect(undefined.unicodeScalars.map(\.value) == [0x81, 0x8D, 0x8F, 0x90, 0x9D])
    }

    /// Mail labelled us-ascii often carries 8-bit text: it is read with the fallback, and reported.
    @Test func eightBitBytesInASCIIUseTheFallback() {
        let (latin, latinDefects) = decode([0x63, 0x61, 0x66, 0xE9], "us-ascii")
        #expect(latin == "café")
        #expect(latinDefects.defects.map(\.code) == [.charsetUndecodableBytes])
        #expect(latinDefects.defects.first?.offset == 3)
        #expect(decode(Array("café".utf8), "ascii").text == "café")
    }

    // MARK: Missing and unknown charsets

    @Test func missingCharsetIsSilentForASCII() {
        let (text, defects) = decode(Array("hello".utf8), nil)
        #expect(text == "hello")
        #expect(defects.defects.isEmpty)
    }

    @Test func missingCharsetWithEightBitBytesUsesTheFallback() {
        let (utf8, utf8Defects) = decode(Array("Grüße".utf8), nil)
        #expect(utf8 == "Grüße")
        #expect(utf8Defects.defects.map(\.code) == [.charsetMissing])
        let (latin, latinDefects) = decode([0x47, 0x72, 0xFC, 0xDF, 0x65, 0x80], nil)
        #expect(latin == "Grüße€")
        #expect(latinDefects.defects.map(\.code) == [.charsetMissing])
    }

    @Test func unknownCharsetUsesTheFallback() {
        let (utf8, utf8Defects) = decode(Array("naïve".utf8), "x-no-such-charset")
        #expect(utf8 == "naïve")
        #expect(utf8Defects.defects.map(\.code) == [.charsetUnknown])
        let (latin, latinDefects) = decode([0x6E, 0x61, 0xEF, 0x76, 0x65], "unknown-8bit")
        #expect(latin == "naïve")
        #expect(latinDefects.defects.map(\.code) == [.charsetUnknown])
    }

    @Test func fallbackHelper() {
        #expect(CharsetDecoder.decodeFallback(ArraySlice(Array("€".utf8))) == "€")
        #expect(CharsetDecoder.decodeFallback([0x80]) == "€")
        #expect(CharsetDecoder.isASCII(ArraySlice(Array("0123456789abcdef!".utf8))))
        #expect(!CharsetDecoder.isASCII(ArraySlice(Array("0123456789abcdefé".utf8))))
    }

    // MARK: iconv

    @Test(arguments: [
        ("shift_jis", [0x82, 0xA0, 0x82, 0xA2], "あい"),
        ("x-sjis", [0x82, 0xA0, 0x82, 0xA2], "あい"),
        ("ks_c_5601-1987", [0xC7, 0xD1, 0xB1, 0xDB], "한글"),
        ("gb2312", [0xC4, 0xE3, 0xBA, 0xC3], "你好"),
        ("gb2312", [0x81, 0x30, 0x81, 0x30], "\u{80}"),
        ("big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x1B, 0x28, 0x42, 0x21], "日本語!"),
        ("koi8-r", [0xF4, 0xC5, 0xD3, 0xD4], "Тест"),
        ("koi8-u", [0xB7], "Ї"),
        ("x-mac-cyrillic", [0x92, 0xE5, 0xF1, 0xF2], "Тест"),
        ("windows-874", [0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2], "ภาษาไทย"),
        ("iso-8859-8-i", [0xF9, 0xEC, 0xE5, 0xED], "שלום"),
        ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
        ("iso-8859-2", [0xF5], "ő"),
        ("unicode-1-1-utf-7", Array("caf+AOk-".utf8), "café"),
        ("utf-16le", [0x41, 0x00, 0xE9, 0x00], "Aé"),
    ] as [(String, [UInt8], String)])
    func iconvCharsets(label: String, input: [UInt8], expected: String) {
        let (text, defects) = decode(input, label)
        #expect(text == expected)
        #expect(defects.defects.isEmpty)
    }

    @Test func asciiTextSkipsConversionOnlyForASCIICompatibleCharsets() {
        #expect(decode(Array("plain text".utf8), "shift_jis").text == "plain text")
        // In UTF-7 '+' starts a base64 run, so ASCII bytes still go through iconv.
        #expect(decode(Array("1 +AOk-".utf8), "utf-7").text == "1 é")
        #expect(decode([0x41, 0x00], "utf-16le").text == "A")
    }

    @Test func invalidSequencesAreReplacedAndDecodingGoesOn() {
        let (text, defects) = decode([0x82, 0xA0, 0xFF, 0x82, 0xA2], "shift_jis")
        #expect(text == "あ\u{FFFD}い")
        #expect(defects.defects.map(\.code) == [.charsetUndecodableBytes])
        #expect(defects.defects.first?.offset == 2)
        // An incomplete sequence at the end becomes one replacement character.
        let (cut, cutDefects) = decode([0x41, 0x82], "shift_jis")
        #expect(cut == "A\u{FFFD}")
        #expect(cutDefects.defects.first?.offset == 1)
    }

    @Test func largeInputsGrowTheOutputBuffer() {
        // Three-byte UTF-8 output from two-byte input, long enough to need several iconv rounds.
        let input = [UInt8](repeating: 0, count: 200_000).enumerated().map { $0.offset % 2 == 0 ? 0x82 : 0xA0 } as [UInt8]
        let text = decode(input, "shift_jis").text
        #expect(text.count == 100_000)
        #expect(text.unicodeScalars.allSatisfy { $0 == "あ" })
    }

    /// Parsing runs on two threads; pooled iconv descriptors must never be shared.
    @Test func concurrentConversionsAgree() async {
        let samples: [(String, [UInt8], String)] = [
            ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x1B, 0x28, 0x42], "日本語"),
            ("shift_jis", [0x82, 0xA0, 0x82, 0xA2], "あい"),
            ("koi8-r", [0xF4, 0xC5, 0xD3, 0xD4], "Тест"),
            ("windows-1252", [0x80], "€"),
        ]
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var ok = true
                    for round in 0..<300 {
                        let (label, input, expected) = samples[(task + round) % samples.count]
                        var defects = DefectCollector()
                        ok = ok && CharsetDecoder.decode(ArraySlice(input), charset: label, defects: &defects) == expected
                    }
                    return ok
                }
            }
            var all: [Bool] = []
            for await ok in group { all.append(ok) }
            return all
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
