import Foundation
import HTMLText
import Testing

/// Markup that makes libxml2 complain as much as it can.
private let noisyDocuments: [String] = [
    "<p>unclosed <b>bold <i>italic</p></div></span>&bogus; &#xD800; &#0; <1> </ > <a b c d>",
    "<html><html><head><body><body><frameset><p>misplaced</p></frameset>",
    "<table><td><tr><th><caption>out of place</table></table>",
    String(repeating: "<div>", count: 600) + "deep",
    "<script>unclosed script",
    "<?xml version=\"1.0\"?><!DOCTYPE html SYSTEM \"http://dtd.example/x.dtd\"><p attr=\"unclosed>x",
    "<!ENTITY x SYSTEM \"file:///etc/passwd\"><p>&x;</p>",
    "\u{1}\u{2}<p\u{3}>control</p>",
]

@Suite("Robustness")
struct RobustnessTests {
    @Test("two threads extracting at once get the same results as one")
    func concurrentExtraction() async throws {
        var documents = try HTMLFixtures.names.map { try HTMLFixtures.bytes($0) }
        documents += noisyDocuments.map { Array($0.utf8) }
        let extractor = HTMLTextExtractor()
        let expected = documents.map { extractor.extract(utf8: $0) }
        let inputs = documents
        await withTaskGroup(of: [ExtractedText].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var results: [ExtractedText] = []
                    for _ in 0..<10 {
                        results += inputs.map { extractor.extract(utf8: $0) }
                    }
                    return results
                }
            }
            for await results in group {
                #expect(results == Array((0..<10).map { _ in expected }.joined()))
            }
        }
        let threads = (0..<2).map { _ in
            Thread {
                for document in inputs { _ = extractor.extract(utf8: document) }
            }
        }
        threads.forEach { $0.start() }
        while threads.contains(where: { !$0.isFinished }) { try await Task.sleep(nanoseconds: 1_000_000) }
    }

    @Test("random tag soup never crashes and keeps the text invariants", arguments: 0..<4)
    func tagSoup(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let extractor = HTMLTextExtractor(options: HTMLTextOptions(maxLinkTextBytes: 64))
        for _ in 0..<150 {
            let bytes = TagSoup.document(using: &random)
            let extracted = extractor.extract(utf8: bytes)
            let text = extracted.text
            #expect(!text.contains("\n\n\n"))
            #expect(!text.hasPrefix("\n"))
            #expect(text.last.map { !$0.isWhitespace } ?? true)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
            #expect(!text.unicodeScalars.contains { $0 == "\u{AD}" || $0 == "\u{200B}" || $0 == "\u{A0}" })
            for line in text.split(separator: "\n") {
                #expect(line.last != " " && line.last != "\t", "line ends with a blank: \(line.debugDescription)")
            }
            for link in extracted.links {
                #expect(!link.url.isEmpty)
                #expect(link.url.utf8.first.map { $0 > 0x20 } ?? false)
                #expect(link.url.utf8.last.map { $0 > 0x20 } ?? false)
                #expect(link.text.utf8.count <= 64)
            }
            if let valid = String(validating: bytes, as: UTF8.self) {
                #expect(extractor.extract(valid) == extracted)
            }
        }
    }
}

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random documents built from the pieces hostile and sloppy HTML is made of.
enum TagSoup {
    static let names = [
        "p", "div", "span", "b", "i", "a", "img", "br", "td", "tr", "table", "li", "ul", "ol", "pre", "script",
        "style", "title", "head", "body", "html", "template", "noscript", "textarea", "input", "form", "iframe",
        "h1", "blockquote", "o:p", "x-custom", "font", "select", "option", "xml", "area", "object",
    ]
    static let attributes = ["href", "src", "alt", "value", "type", "style", "hidden", "class", "start", "background"]
    static let texts = [
        "hello", " ", "  \n\t ", "&nbsp;", "\u{A0}", "&amp;", "&lt;", "&#150;", "&#0;", "&bogus;", "&", "<", ">",
        "Pay\u{AD}Pal", "zero\u{200B}width", "日本語", "😀", "\r\n", "\u{1}", "\u{0}", "e\u{301}", "&#x1F600;",
    ]
    static let specials = [
        "<!-- comment -->", "<!--", "-->", "<!-->", "<!--[if mso]><p>mso</p><![endif]-->", "<![if !mso]>",
        "<![endif]>", "<!DOCTYPE html>", "<?php echo 1 ?>", "<![CDATA[x]]>", "</", "</>", "<a", "=\"", "'",
    ]

    static func document(using random: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        let pieces = Int.random(in: 1...120, using: &random)
        for _ in 0..<pieces {
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2:
                out += Array(texts.randomElement(using: &random)!.utf8)
            case 3...5:
                var tag = "<" + names.randomElement(using: &random)!
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    tag += " " + attributes.randomElement(using: &random)!
                    if Bool.random(using: &random) { tag += "=\"" + (texts.randomElement(using: &random)!) + " x\"" }
                }
                out += Array((tag + (Bool.random(using: &random) ? ">" : "/>")).utf8)
            case 6, 7:
                out += Array(("</" + names.randomElement(using: &random)! + ">").utf8)
            case 8:
                out += Array(specials.randomElement(using: &random)!.utf8)
            default:
                // Raw bytes, including invalid UTF-8 and NUL, or a burst of nesting.
                if Bool.random(using: &random) {
                    for _ in 0..<Int.random(in: 1...4, using: &random) { out.append(UInt8.random(in: 0...255, using: &random)) }
                } else {
                    out += Array(String(repeating: "<div>", count: Int.random(in: 1...400, using: &random)).utf8)
                }
            }
        }
        return out
    }
}
