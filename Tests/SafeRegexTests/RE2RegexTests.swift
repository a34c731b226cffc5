import SafeRegex
import Testing

@Suite struct RE2RegexTests {
    @Test func findsTheFirstMatchAsARangeOfTheString() throws {
        let regex = try RE2Regex(#"inv[-_ ]?\d{6}"#)
        let text = "Re: invoice inv-123456 and inv_654321"
        let range = try #require(regex.firstMatch(in: text))
        #expect(text[range] == "inv-123456")
        #expect(regex.matches(text))
    }

    @Test func reportsNoMatch() throws {
        let regex = try RE2Regex(#"\bwire\s+transfer\b"#)
        #expect(regex.firstMatch(in: "please send a wiretransfer today") == nil)
        #expect(!regex.matches(""))
        #expect(regex.firstMatch(in: [UInt8]()) == nil)
    }

    @Test func isCaseSensitiveByDefault() throws {
        let regex = try RE2Regex("Invoice")
        #expect(regex.isCaseSensitive)
        #expect(!regex.matches("INVOICE overdue"))
    }

    @Test func matchesCaseInsensitivelyWhenAsked() throws {
        let regex = try RE2Regex("invoice", caseSensitive: false)
        #expect(!regex.isCaseSensitive)
        #expect(regex.matches("Your INVOICE is overdue"))
        let inline = try RE2Regex("(?i)straße")
        #expect(inline.matches("STRAßE"))
    }

    @Test func convertsByteRangesBackToStringIndicesAfterNonASCII() throws {
        let regex = try RE2Regex(#"\d+ €"#)
        let text = "Überweisung 🇩🇪: 1500 € sofort"
        let range = try #require(regex.firstMatch(in: text))
        #expect(text[range] == "1500 €")
        #expect(text[..<range.lowerBound] == "Überweisung 🇩🇪: ")
    }

    @Test func reportsByteRangesForByteLevelCallers() throws {
        let regex = try RE2Regex("€+")
        let bytes = Array("ab€€c".utf8)
        #expect(regex.firstMatch(in: bytes) == 2..<8)
        let fromPointer = bytes.withUnsafeBufferPointer { regex.firstMatch(in: $0) }
        #expect(fromPointer == 2..<8)
    }

    @Test func toleratesInvalidUTF8InBytes() throws {
        let regex = try RE2Regex("b+")
        #expect(regex.firstMatch(in: [0xFF, 0x61, 0xC3, 0x62, 0x62, 0xFE]) == 3..<5)
    }

    @Test func knowsUnicodeClasses() throws {
        let letters = try RE2Regex(#"\p{Greek}+"#)
        let text = "Subject: ΑΛΦΑ bank"
        let range = try #require(letters.firstMatch(in: text))
        #expect(text[range] == "ΑΛΦΑ")
        let cyrillicLetter = try RE2Regex(#"\pL+\d"#)
        let mixed = "код: пароль1"
        #expect(mixed[try #require(cyrillicLetter.firstMatch(in: mixed))] == "пароль1")
        let dot = try RE2Regex("^.$")
        #expect(dot.matches("é"))
    }

    @Test func anchorsAtTheTextOrAtLinesWithM() throws {
        let start = try RE2Regex("^Dear")
        #expect(start.matches("Dear customer"))
        #expect(!start.matches("Hello\nDear customer"))
        let lines = try RE2Regex("(?m)^Dear")
        #expect(lines.matches("Hello\nDear customer"))
        let end = try RE2Regex(#"\.exe$"#)
        #expect(end.matches("invoice.pdf.exe"))
        #expect(!end.matches("invoice.exe.pdf"))
        let word = try RE2Regex(#"\bpay\b"#)
        #expect(!word.matches("paypal"))
        #expect(word.matches("please pay now"))
    }

    @Test func matchesEmptyPatternsAtTheStart() throws {
        let regex = try RE2Regex("x*")
        #expect(regex.firstMatch(in: Array("abc".utf8)) == 0..<0)
    }

    @Test(arguments: [
        ("(a+", "missing ): (a+"),
        ("a)", "unexpected ): a)"),
        ("[z-a]", "invalid character class range: z-a"),
        ("a**", "bad repetition operator: **"),
        (#"(?<=a)b"#, "invalid perl operator: (?<"),
        (#"\1"#, #"invalid escape sequence: \1"#),
    ])
    func rejectsInvalidPatternsWithRE2sMessage(pattern: String, message: String) {
        #expect(throws: RegexError(code: "regex.invalid", message: message)) {
            try RE2Regex(pattern)
        }
    }

    @Test func describesErrorsOnOneLine() {
        #expect(RegexError(code: "regex.invalid", message: "missing ): (a+").description == "[regex.invalid] missing ): (a+")
    }

    @Test func rejectsProgramsLargerThanTheMemoryLimit() throws {
        // Every letter of Unicode, a thousand times: far beyond the default 8 MiB budget.
        #expect(throws: RegexError(code: "regex.too-large", message: "pattern too large - compile failed")) {
            try RE2Regex(#"\pL{1000}"#)
        }
        #expect(throws: RegexError(code: "regex.too-large", message: "pattern too large - compile failed")) {
            try RE2Regex("a{1000}", caseSensitive: true, maxMemory: 1 << 12)
        }
        let small = try RE2Regex("a{100}", caseSensitive: true, maxMemory: 1 << 12)
        #expect(small.maxMemory == 1 << 12)
        #expect(try RE2Regex("a").maxMemory == RE2Regex.defaultMaxMemory)
    }

    /// `(a+)+$` backtracks exponentially in Perl-style engines; RE2 answers in linear time. The test
    /// checks only the result: a hang would show as a test that never ends.
    @Test func finishesCatastrophicPatternsImmediately() throws {
        let regex = try RE2Regex("(a+)+$")
        let text = String(repeating: "a", count: 100_000) + "!"
        #expect(regex.firstMatch(in: text) == nil)
        let nested = try RE2Regex("^(a|a?)+b")
        #expect(!nested.matches(text))
        #expect(regex.firstMatch(in: String(repeating: "a", count: 100_000)) != nil)
    }

    @Test func keepsThePatternAsWritten() throws {
        let regex = try RE2Regex("(?i)Invoice", caseSensitive: true)
        #expect(regex.pattern == "(?i)Invoice")
    }

    @Test func canBeSharedByConcurrentTasks() async throws {
        let regex = try RE2Regex(#"([a-z0-9]+)@([a-z]+)\.example"#, caseSensitive: false)
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for task in 0..<16 {
                group.addTask {
                    var ok = true
                    for round in 0..<200 {
                        let text = String(repeating: "x ", count: (task * 7 + round) % 50) + "Mail USER\(task)@HOST.example now"
                        guard let range = regex.firstMatch(in: text) else { ok = false; continue }
                        ok = ok && text[range].hasSuffix("@HOST.example")
                        ok = ok && !regex.matches("nothing here \(round)")
                    }
                    return ok
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 })
    }
}
