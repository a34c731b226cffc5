import HTMLText
import Testing

private func repeated(_ piece: String, _ count: Int) -> String {
    String(repeating: piece, count: count)
}

@Suite("Nesting depth")
struct NestingTests {
    @Test("100,000 nested elements finish; the text before is kept and the limit reported")
    func hundredThousandLevels() {
        let html = "<p>before</p>" + repeated("<div>", 100_000) + "deep" + repeated("</div>", 100_000) + "<p>after</p>"
        let extracted = HTMLTextExtractor().extract(html)
        #expect(extracted.text.hasPrefix("before"))
        #expect(!extracted.text.contains("v>"))  // no pieces of cut tags
        #expect(extracted.limitsHit == [.nestingDepth])
        #expect(extracted.isTruncated)
    }

    @Test("a million unclosed inline elements finish")
    func millionSpans() {
        let extracted = HTMLTextExtractor().extract(repeated("<span>", 1_000_000) + "x")
        #expect(extracted.limitsHit.contains(.nestingDepth))
    }

    @Test("nesting past libxml2's limit of 256 keeps all the text")
    func pastLibXML2Limit() {
        let html = "<p>before</p>" + repeated("<div>", 1_000) + "deep text" + repeated("</div>", 1_000) + "<p>after</p>"
        let extracted = HTMLTextExtractor().extract(html)
        #expect(extracted.text == "before\n\ndeep text\n\nafter")
        #expect(extracted.limitsHit == [.nestingDepth])
    }

    @Test("300 unclosed font tags, as sloppy mail has them, do not lose the rest")
    func unclosedFonts() {
        let html = "<p>" + repeated("<font color=red>x<br>", 300) + "<p>after</p>"
        let lines = HTMLTextExtractor().extract(html).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 302)
        #expect(lines.first == "x")
        #expect(lines.last == "after")
    }

    @Test("a cut at a script start tag does not turn the script into text")
    func cutAtScript() {
        let html = repeated("<div>", 300) + "<script>var s = '<p>code</p>';</script>after " + "<style>p{}</style>end"
        #expect(HTMLTextExtractor().extract(html).text == "after end")
        let styled = repeated("<div>", 300) + "<style>p { color: red }</style>shown"
        #expect(HTMLTextExtractor().extract(styled).text == "shown")
    }

    @Test("with no restarts allowed, the rest after the cut is dropped and reported")
    func noRestarts() {
        let html = "start " + repeated("<div>", 300) + "deep"
        let extracted = HTMLTextExtractor(options: HTMLTextOptions(maxNestingRestarts: 0)).extract(html)
        #expect(extracted.text == "start")
        #expect(extracted.limitsHit == [.nestingDepth])
    }

    @Test("stray end tags under deep nesting finish")
    func strayEndTags() {
        let html = repeated("<div>", 200) + repeated("</span>", 50_000) + repeated("<td>", 20_000) + "<p>after</p>"
        #expect(HTMLTextExtractor().extract(html).text.hasSuffix("after"))
    }
}

@Suite("Limits")
struct LimitTests {
    @Test("a huge input hits the default maxInputBytes (8 MiB) and is cut")
    func hugeInputDefaultLimit() {
        let html = "<p>start</p><!--" + repeated("x", 9 << 20) + "-->"
        let extracted = HTMLTextExtractor().extract(html)
        #expect(HTMLTextOptions.default.maxInputBytes == 8 << 20)
        #expect(extracted.text == "start")
        #expect(extracted.limitsHit == [.inputBytes])
    }

    @Test("maxInputBytes cuts text between characters")
    func inputLimit() {
        let html = repeated("é", 100_000)  // 200,000 bytes
        let options = HTMLTextOptions(maxInputBytes: 1_001)
        let extracted = HTMLTextExtractor(options: options).extract(html)
        #expect(extracted.text == repeated("é", 500))
        #expect(extracted.limitsHit == [.inputBytes])
        let fromBytes = HTMLTextExtractor(options: options).extract(utf8: Array(html.utf8))
        #expect(fromBytes == extracted)
    }

    @Test("maxOutputBytes cuts the text between characters and still collects links")
    func outputLimit() {
        let html = "<p>héllo wörld ünïcode</p><a href=https://late.example>late</a>"
        let extracted = HTMLTextExtractor(options: HTMLTextOptions(maxOutputBytes: 8)).extract(html)
        #expect(extracted.text == "héllo w")
        #expect(extracted.limitsHit == [.outputBytes])
        #expect(extracted.links.map(\.url) == ["https://late.example"])
    }

    @Test("maxLinks keeps the first links")
    func linkLimit() {
        let html = (1...5).map { "<a href=https://\($0).example>\($0)</a>" }.joined()
        let extracted = HTMLTextExtractor(options: HTMLTextOptions(maxLinks: 3)).extract(html)
        #expect(extracted.links.map(\.text) == ["1", "2", "3"])
        #expect(extracted.text == "12345")
        #expect(extracted.limitsHit == [.links])
    }

    @Test("maxLinkTextBytes cuts long link text")
    func linkTextLimit() {
        let options = HTMLTextOptions(maxLinkTextBytes: 8)
        let extracted = HTMLTextExtractor(options: options).extract("<a href=x>abcdefghijkl</a><img src=y alt='é é é é é'>")
        #expect(extracted.links.map(\.text) == ["abcdefgh", "é é é"])
        #expect(extracted.limitsHit == [.linkText])
    }

    @Test("link text cut at the limit never splits a character", arguments: 6...10)
    func linkTextLimitBetweenCharacters(limit: Int) {
        // "abcde" then e + U+0301 and U+2013: every limit from 6 to 10 falls on or inside a character.
        let extracted = HTMLTextExtractor(options: HTMLTextOptions(maxLinkTextBytes: limit))
            .extract("<a href=x>abcde e\u{301}\u{2013}zz</a>")
        let text = extracted.links[0].text
        #expect(text.utf8.count <= limit)
        #expect(!text.contains("\u{FFFD}"))
        #expect("abcde e\u{301}\u{2013}zz".utf8.starts(with: text.utf8))
    }

    @Test("an element with very many attributes keeps the first ones and its link")
    func attributeLimit() {
        let junk = (0..<100).map { " data-a\($0)=\"\($0)\"" }.joined()
        let extracted = HTMLTextExtractor().extract("<a\(junk) href=\"https://late.example\">x</a>")
        #expect(extracted.links == [HTMLLink(url: "https://late.example", text: "x", attribute: "href")])
        #expect(extracted.limitsHit == [.attributes])
    }

    @Test("50,000 distinct attributes on one element finish")
    func manyDistinctAttributes() {
        let junk = (0..<50_000).map { " a\($0)=1" }.joined()
        let extracted = HTMLTextExtractor().extract("<p\(junk)>text</p><p>after</p>")
        #expect(extracted.text == "text\n\nafter")
        #expect(extracted.limitsHit.contains(.attributes))
    }

    @Test("past maxDistinctNames, unknown elements read as span and unknown attributes are ignored")
    func distinctNameLimit() {
        let html = (1...10).map { "<x\($0) k\($0)=v>\($0)</x\($0)>" }.joined() + "<p>para</p><a href=h>a</a>"
        let extracted = HTMLTextExtractor(options: HTMLTextOptions(maxDistinctNames: 5)).extract(html)
        #expect(extracted.text == "12345678910\n\npara\n\na")
        #expect(extracted.links.map(\.url) == ["h"])
        #expect(extracted.limitsHit == [.distinctNames])
    }

    @Test("a 4 MB attribute value is kept whole")
    func hugeAttribute() {
        let url = "https://x.example/?" + repeated("a", 4 << 20)
        let extracted = HTMLTextExtractor().extract("<a href=\"\(url)\">big</a> after")
        #expect(extracted.links.first?.url == url)
        #expect(extracted.text == "big after")
        #expect(extracted.limitsHit.isEmpty)
    }

    @Test("zero and negative limits degrade without crashing")
    func zeroAndNegative() {
        let options = HTMLTextOptions(
            maxInputBytes: -1, maxOutputBytes: -1, maxLinks: -1, maxLinkTextBytes: -1,
            maxAttributesPerElement: -1, maxDistinctNames: -1, maxNestingRestarts: -1)
        let extracted = HTMLTextExtractor(options: options).extract("<a href=x>text</a>")
        #expect(extracted == ExtractedText(text: "", links: [], limitsHit: [.inputBytes]))
        let noOutput = HTMLTextOptions(maxOutputBytes: 0, maxLinks: 0, maxLinkTextBytes: 0)
        let second = HTMLTextExtractor(options: noOutput).extract("<a href=x>text</a>")
        #expect(second == ExtractedText(text: "", links: [], limitsHit: [.outputBytes, .links]))
    }
}
