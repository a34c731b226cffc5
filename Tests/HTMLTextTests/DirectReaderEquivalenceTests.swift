import Foundation
import Testing
@testable import HTMLText

/// `DirectHTMLReader` reads simple documents instead of libxml2 only because it gives the same events;
/// every HTML document found is extracted both ways (text, links and limits compared). Sources as for
/// pruning: the fixtures (the HTML fuzz target's seeds among them), every HTML part of
/// `../shared/corpus` when present, the directories in `DRAGNET_HTML_EQUIVALENCE_DIRS`; each under the
/// default limits and under limits small enough to be reached; plus cut and mutated fixtures.
@Suite(
    "The direct reader gives what libxml2 gives",
    .enabled(if: DirectHTMLReader.mirrorsLoadedLibXML2, "the loaded libxml2 is not the version the direct reader mirrors"))
struct DirectReaderEquivalenceTests {
    /// The HTML fuzz target's small limits: every limit is reached by some document.
    static let smallOptions = HTMLTextOptions(
        maxInputBytes: 4096, maxOutputBytes: 256, maxLinks: 3, maxLinkTextBytes: 8, maxAttributesPerElement: 2,
        maxDistinctNames: 12, maxNestingRestarts: 1)

    struct Tally {
        var documents = 0
        var direct = 0
        var differing: [String] = []
        /// Under the default limits: documents, those read directly, and why the others were not.
        var defaultDocuments = 0
        var defaultDirect = 0
        var reasons: [String: Int] = [:]

        var summary: String {
            let why = reasons.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(documents) extractions compared (\(direct) read directly), \(differing.count) differing; "
                + "default limits: \(defaultDirect) of \(defaultDocuments) documents read directly; left to libxml2: \(why)"
        }
    }

    /// Extracts `html` with the direct reader allowed and with libxml2 only, under both sets of limits.
    static func compare(_ html: String, label: String, into tally: inout Tally) {
        for options in [HTMLTextOptions.default, smallOptions] {
            let either = HTMLTextExtractor(options: options)
            var libxml2 = HTMLTextExtractor(options: options)
            libxml2.directReading = false
            let (result, direct) = either.extractReportingReader(html)
            tally.documents += 1
            if direct { tally.direct += 1 }
            if options == .default {
                tally.defaultDocuments += 1
                if direct {
                    tally.defaultDirect += 1
                } else {
                    tally.reasons[bailReason(html), default: 0] += 1
                }
            }
            if result != libxml2.extract(html) { tally.differing.append("\(label) (\(options == .default ? "default" : "small") limits)") }
        }
    }

    /// Why the direct reader leaves `html` to libxml2 (under the default limits).
    static func bailReason(_ html: String) -> String {
        let sanitized = InputSanitizer(options: .default, deferringLinks: false).sanitize(Array(html.utf8))
        var reader = DirectHTMLReader(input: sanitized.bytes, deferred: sanitized.deferred, assembler: TextAssembler(options: .default))
        do {
            try reader.read()
            return "none"
        } catch {
            return "\(error)"
        }
    }

    static func compare(under directories: [URL]) -> Tally {
        var tally = Tally()
        for directory in directories {
            for url in PruningEquivalenceTests.files(under: directory) {
                for html in PruningEquivalenceTests.htmlDocuments(in: url) {
                    compare(html, label: url.path, into: &tally)
                }
            }
        }
        return tally
    }

    @Test("fixtures and fuzz seeds: the same text, links and limits from both readers")
    func fixtures() {
        let tally = Self.compare(under: [PruningEquivalenceTests.packageRoot.appendingPathComponent("Fixtures")])
        print("direct reader, fixtures: \(tally.summary)")
        #expect(tally.documents > 100)
        #expect(tally.direct > 0)
        #expect(tally.differing == [])
    }

    @Test(.enabled(if: PruningEquivalenceTests.hasCorpus, "../shared/corpus is not present"))
    func sharedCorpus() {
        let tally = Self.compare(under: [PruningEquivalenceTests.corpus])
        print("direct reader, ../shared/corpus: \(tally.summary)")
        #expect(tally.documents > 2000)
        #expect(tally.direct > 0)
        #expect(tally.differing == [])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["DRAGNET_HTML_EQUIVALENCE_DIRS"] != nil, "no extra directories given"))
    func extraDirectories() {
        let list = ProcessInfo.processInfo.environment["DRAGNET_HTML_EQUIVALENCE_DIRS"] ?? ""
        let tally = Self.compare(under: list.split(separator: ":").map { URL(fileURLWithPath: String($0)) })
        print("direct reader, \(list): \(tally.summary)")
        #expect(tally.documents > 0)
        #expect(tally.differing == [])
    }

    /// Every HTML fixture cut at many places (tags, values, references cut short), with bytes replaced
    /// by markup characters, and with markup spliced in, so that the reader's give-up paths and its
    /// replicas of libxml2's closing and implying rules are compared on odd documents too.
    @Test("cut and mutated fixtures: the same from both readers")
    func mutatedFixtures() throws {
        var generator = SplitMix(seed: 17)
        let specials = Array("<>&;#/=\"' \n\r\tx".utf8)
        var tally = Tally()
        for name in HTMLFixtures.names {
            let bytes = try HTMLFixtures.bytes(name)
            guard !bytes.isEmpty else { continue }
            let step = max(1, bytes.count / 40)
            for cut in stride(from: 0, to: bytes.count, by: step) {
                Self.compare(String(decoding: bytes[..<cut], as: UTF8.self), label: "\(name) cut at \(cut)", into: &tally)
            }
            for round in 0..<40 {
                var mutated = bytes
                for _ in 0..<3 {
                    let position = Int(generator.next() % UInt64(mutated.count))
                    mutated[position] = specials[Int(generator.next() % UInt64(specials.count))]
                }
                Self.compare(String(decoding: mutated, as: UTF8.self), label: "\(name) mutation \(round)", into: &tally)
            }
        }
        // Markup spliced in at random places: tags that close, imply or are dropped, references.
        let fragments = [
            "<p>", "</p>", "<td>", "</td>", "<tr>", "<table>", "</table>", "<li>", "<ul>", "<dl><dt>", "<dd>",
            "<body>", "</body>", "<html>", "</html>", "<head>", "</head>", "<title>", "<b>", "</b>", "<a href=x>",
            "</a>", "<div>", "</div>", "<br/>", "<p/>", "<option>", "<select>", "<form>", "<h1>", "<pre>\n",
            "<!DOCTYPE html>", "<script></script>", "<style></style>", "<frameset>", "<noframes>", "<col>",
            "&nbsp;", "&amp", "&#0;", "&#x41;", "&bogus;", " ", "\n", "<", "</x>", "<o:p>", "</o:p>",
            "<thead>", "<tbody>", "<caption>", "<center>", "<font>", "<xmp>", "<hr>", "<img alt=i>",
        ]
        for name in HTMLFixtures.names {
            let bytes = try HTMLFixtures.bytes(name)
            for round in 0..<200 {
                var spliced = bytes
                for _ in 0..<4 {
                    let position = Int(generator.next() % UInt64(spliced.count + 1))
                    let fragment = fragments[Int(generator.next() % UInt64(fragments.count))]
                    spliced.insert(contentsOf: fragment.utf8, at: position)
                }
                Self.compare(String(decoding: spliced, as: UTF8.self), label: "\(name) splice \(round)", into: &tally)
            }
        }
        print("direct reader, mutated fixtures: \(tally.summary)")
        #expect(tally.direct > 100)
        #expect(tally.differing == [])
    }

    // MARK: - Rules replicated from libxml2, one document each

    /// Documents for each rule the direct reader replicates; each must be read directly and give what
    /// libxml2 gives.
    static let replicated: [(String, String)] = [
        ("implied html, body and p around bare text", "Hello <b>world</b>"),
        ("implied head for title and meta, body after", "<title>T</title><meta name=x>text"),
        ("doctype with public and system literals", #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html><body><p>x</p></body></html>"#),
        ("names in any case", "<HTML><BODY><P>One<BR>two</P><DiV>three</dIv></BODY></HTML>"),
        ("p closes p, li closes li", "<body><p>a<p>b<ul><li>one<li>two</ul>"),
        ("td closes td and a; tr closes td", "<table><tr><td><a href=x>link<td>cell<tr><td>next</table>"),
        ("p start tag closes b and i", "<body><b>bold<i>both<p>para</p>"),
        ("end tag closes inner elements of lower priority", "<div><span><b>x</div>after"),
        ("end tag ignored before a higher priority element", "<table><tr><td><span>x</td></span>y</td></tr></table>"),
        ("stray end tags ignored", "<body></p></span><div>x</div></em>"),
        ("empty elements and self-closing tags", "<body>a<br>b<img src=i.png alt=pic>c<div/>d<span />e"),
        ("text after the end of html", "<html><body>x</body></html>\ntail text"),
        ("blank text in head and after body", "<html>\n<head>\n<title>t</title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n"),
        ("text directly in html implies a paragraph", "<html> text <b>more</b>"),
        ("named entities, known and unknown", "<p>&nbsp;&amp;&lt;&copy;&zwnj;&eacute; &bogus; &amp &nbsp &;x & y</p>"),
        ("numeric references, with and without semicolons", "<p>&#65;&#x42;&#X43;&#68 &#8217;&#128;&#x1F600;</p>"),
        ("a bare less-than sign", "<p>a < b <= c <3</p>"),
        ("entities in attribute values", #"<a href="?a=1&amp;b=2&copy;&#47;&bogus;&x" title='q'>t</a><img alt="&lt;logo&gt;&#160;" src=x>"#),
        ("attribute forms: unquoted, single quotes, no value, repeated, blanks around =", #"<a href = "first" href="second" hidden>x</a><input type=text value='v' ><a href=u/v/>w</a>"#),
        ("bogus attributes skipped", #"<a "bad" =x href="ok">t</a><div =foo style="display:block">s</div>"#),
        ("style only read for display", #"<span style="color:red">a</span><span style="DISPLAY:block">b</span><span style="x&#100;isplay:block">c</span>"#),
        ("script and style raw text (cut by the sanitizer)", "<head><style>p{x:y}</style><script>if (a<b) {}</script></head><body>t<script src=s.js></script>"),
        ("pre keeps white space; CRLF", "<pre>\r\n  a\r\n\tb</pre>\r\n<p>c\r\nd</p>"),
        ("text runs longer than libxml2's 1000-byte pieces", "<pre>" + String(repeating: "line one two\r\n", count: 200) + "</pre><p>" + String(repeating: "é ", count: 700) + "</p>"),
        ("white space only, 1000 bytes and more", "<div>" + String(repeating: " ", count: 2500) + "</div>" + String(repeating: "\n", count: 1200)),
        ("byte order mark", "\u{FEFF}<p>x</p>"),
        ("links and text of lists, tables and forms", "<ol start=3><li>a<li value=7>b</ol><form action=/go><input type=submit value=Go></form><table background=bg.png><tr><td>1<td>2</table>"),
        ("head elements after body content", "<p>x</p><title>late</title><meta name=a>y"),
        ("frameset and noframes", "<frameset><frame src=f.html><noframes>no frames</noframes></frameset>"),
        ("empty document and blanks only", " \n\t "),
        ("misplaced html, head and body dropped; as many of their end tags ignored", "<html><body><p>a<html lang=x><body class=y>b</body>c</html>d<head>e</head>f<div>g</body>h"),
        ("a misplaced doctype read as nothing", "<p>x</p><!DOCTYPE html><p>y</p>z<!doctype html>w"),
        ("references to no character dropped from text", "<p>a&#0;b&#xD800;c&#1114112;d&#x;e</p>"),
    ]

    @Test("rules replicated from libxml2: read directly, same result", arguments: replicated.map(\.0))
    func replicatedRule(_ name: String) throws {
        let html = try #require(Self.replicated.first { $0.0 == name }?.1)
        for options in [HTMLTextOptions.default, Self.smallOptions] {
            let (result, direct) = HTMLTextExtractor(options: options).extractReportingReader(html)
            var libxml2 = HTMLTextExtractor(options: options)
            libxml2.directReading = false
            #expect(direct, "not read directly: \(name)")
            #expect(result == libxml2.extract(html), "\(name): \(result.text.debugDescription)")
        }
    }

    /// Documents the direct reader must leave to libxml2 (and the reason it gives up).
    static let leftToLibXML2: [(String, DirectHTMLReader.Bail)] = [
        ("<p>x</p><!DOCTYPE html></p>y", .markup),
        ("<p>a</_x>b</p>", .markup),
        ("<p>a <_b> c</p>", .markup),
        ("<html><body><html/>x</html>", .misplacedTag),
        ("<body>x<body/>y", .misplacedTag),
        ("<p>x</p><head/>", .misplacedTag),
        ("<div a.b=1><x.y>t</x.y></div>", .name),
        ("<p><" + String(repeating: "n", count: 120) + ">x</p>", .name),
        ("<p>a\u{0C}b</p>", .character),
        ("<p>a\u{FFFE}b</p>", .character),
        ("<a href='&#1;'>x</a>", .characterReference),
        ("<p>caf&é</p>", .name),
        ("<p>x &amp", .name),
        ("<div><a href=\"open", .endOfInput),
        ("<div class=x", .endOfInput),
        ("<p>x<script>var a", .rawText),
        ("<style></stylex><p>y", .rawText),
        ("\u{FEFF}\u{FEFF}<p>x</p>", .byteOrderMark),
        (String(repeating: "<div>", count: 300) + "deep", .nesting),
    ]

    @Test("what the direct reader leaves to libxml2, and the result is libxml2's")
    func bailOuts() {
        for (html, reason) in Self.leftToLibXML2 {
            let sanitized = InputSanitizer(options: .default).sanitize(Array(html.utf8))
            var reader = DirectHTMLReader(input: sanitized.bytes, deferred: sanitized.deferred, assembler: TextAssembler(options: .default))
            #expect(throws: reason, "\(html.prefix(60).debugDescription)") { try reader.read() }
            let (result, direct) = HTMLTextExtractor().extractReportingReader(html)
            var libxml2 = HTMLTextExtractor()
            libxml2.directReading = false
            #expect(!direct)
            #expect(result == libxml2.extract(html))
        }
    }

    @Test("every limit is reached the same way on the direct path")
    func limits() {
        let links = (0..<6).map { "<a href=\"https://l\($0).example/\">link text number \($0)</a>" }.joined()
        let unknown = (1...5).map { "<x\($0)>e\($0)</x\($0)>" }.joined()
        let html = "<div class=a id=b title=c dir=d lang=e>" + unknown + links + String(repeating: "<p>words words words</p>", count: 30) + "</div>"
        let options = HTMLTextOptions(maxInputBytes: 900, maxOutputBytes: 120, maxLinks: 3, maxLinkTextBytes: 8, maxAttributesPerElement: 2, maxDistinctNames: 4)
        let (result, direct) = HTMLTextExtractor(options: options).extractReportingReader(html)
        var libxml2 = HTMLTextExtractor(options: options)
        libxml2.directReading = false
        #expect(direct)
        #expect(result.limitsHit == [.inputBytes, .outputBytes, .links, .linkText, .attributes, .distinctNames])
        #expect(result == libxml2.extract(html))
    }
}

/// A small deterministic generator (SplitMix64), so that mutations are the same on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite("The direct reader is used only under the libxml2 it mirrors")
struct DirectReaderVersionTests {
    @Test("the loaded libxml2's version is read, and decides whether simple documents are read directly")
    func versionDecidesDirectReading() {
        #expect(LibXML2Parser.loadedVersion >= 20900)
        #expect(HTMLTextExtractor().directReading == (LibXML2Parser.loadedVersion == DirectHTMLReader.mirroredLibXML2Version))
    }
}
