@testable import Investigation
import Testing

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("*.html", "invoice.html", true),
        ("*.html", "INVOICE.HTML", true),
        ("*.html", "invoice.html.zip", false),
        ("*.html", ".html", true),
        ("invoice_??????.pdf", "Invoice_123456.pdf", true),
        ("invoice_??????.pdf", "Invoice_12345.pdf", false),
        ("invoice_??????.pdf", "Invoice_1234567.pdf", false),
        ("*", "", true),
        ("*", "anything at all", true),
        ("", "", true),
        ("", "a", false),
        ("?", "", false),
        ("?", "é", true),
        ("?", "e\u{0301}", true),
        ("?", "🇩🇪", true),
        ("a*b*c", "abc", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXcYYb", false),
        ("a*b*c", "abcabc", true),
        ("*a", "ba", true),
        ("*a", "ab", false),
        ("a*a", "a", false),
        ("a*a", "aa", true),
        ("**x**", "x", true),
        ("doc*.*", "Document.pdf.exe", true),
        ("scan?*.iso", "scan.iso", false),
        ("scan?*.iso", "scan1.iso", true),
        ("[1].pdf", "[1].pdf", true),
        ("Rechnung*.pdf", "RECHNUNG März.PDF", true),
    ])
    func matchesWholeNames(pattern: String, name: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(name) == expected)
    }

    @Test func escapesWildcards() {
        #expect(GlobPattern(#"what\?.txt"#).matches("what?.txt"))
        #expect(!GlobPattern(#"what\?.txt"#).matches("whatX.txt"))
        #expect(GlobPattern(#"\*important\*.doc"#).matches("*important*.doc"))
        #expect(!GlobPattern(#"\*important\*.doc"#).matches("very important.doc"))
        #expect(GlobPattern(#"back\\slash"#).matches(#"back\slash"#))
        #expect(GlobPattern(#"trailing\"#).matches(#"trailing\"#))
    }

    @Test func honoursCaseSensitivity() {
        #expect(GlobPattern("Invoice*.PDF", caseSensitive: true).matches("Invoice_1.PDF"))
        #expect(!GlobPattern("Invoice*.PDF", caseSensitive: true).matches("invoice_1.pdf"))
        #expect(!GlobPattern("*.html").isCaseSensitive)
    }

    @Test func followsTheTextRule() {
        // NFC on both sides, and white-space runs as one space.
        #expect(GlobPattern("cafe\u{0301}*.pdf").matches("CAFÉ menu.pdf"))
        #expect(GlobPattern("wire transfer*").matches("Wire\u{00A0}\u{00A0}Transfer.docx"))
        // Folding can change the length: ß is ss.
        #expect(GlobPattern("stra??e.txt").matches("Straße.txt"))
        #expect(!GlobPattern("stra?e.txt").matches("Straße.txt"))
    }

    @Test func reportsWhetherItHasWildcards() {
        #expect(GlobPattern("*.html").hasWildcards)
        #expect(GlobPattern("a?c").hasWildcards)
        #expect(!GlobPattern("invoice.html").hasWildcards)
        #expect(!GlobPattern(#"invoice\*.html"#).hasWildcards)
    }

    @Test func toleratesHostileNames() {
        let marks = String(repeating: "\u{0301}\u{0323}", count: 50_000)
        #expect(!GlobPattern("*.exe").matches("a" + marks + ".pdf"))
        #expect(GlobPattern("*.exe").matches("a" + marks + ".exe"))
        #expect(!GlobPattern("?.exe").matches(marks + "x.exe"))
    }

    /// `*a*a*a…b` against `aaaa…` is exponential for a backtracking matcher; this one answers at once.
    /// Only the result is checked: a hang would be a test that never ends.
    @Test func doesNotBacktrackExponentially() {
        let pattern = String(repeating: "*a", count: 40) + "*b"
        let name = String(repeating: "a", count: 5_000)
        #expect(!GlobPattern(pattern).matches(name))
        #expect(GlobPattern(pattern).matches(name + "b"))
    }
}
