import Foundation
import MIME
import Testing
@testable import HTMLText

/// The sanitizer cuts what the walker never reads (unread attributes, `style`s without `display`) and
/// defers long link values past libxml2. That must change neither text nor links: every HTML document
/// found is extracted both ways and compared. Sources: the HTML fixtures and the HTML parts of every
/// message fixture; every HTML part of `../shared/corpus` when it is present; and the directories
/// listed in `DRAGNET_HTML_EQUIVALENCE_DIRS` (colon-separated; e.g. a generated benchmark corpus).
@Suite("Pruning before libxml2 changes nothing")
struct PruningEquivalenceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// Every regular file under `directory`, sorted.
    static func files(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The HTML documents of one file: the file itself when it is `.html`/`.htm`, else the decoded
    /// text/html parts of the message it holds (none when it is not one).
    static func htmlDocuments(in url: URL) -> [String] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let bytes = [UInt8](data)
        let ext = url.pathExtension.lowercased()
        if ext == "html" || ext == "htm" { return [String(decoding: bytes, as: UTF8.self)] }
        let message = MIMEParser().parse(bytes)
        return message.leaves.compactMap { leaf in
            guard leaf.contentType.mimeType == "text/html" else { return nil }
            var defects = DefectCollector()
            let decoded = leaf.decodedContent(defects: &defects)
            return leaf.text(fromDecoded: decoded, defects: &defects)
        }
    }

    /// Extracts every HTML document under `directories` with and without pruning; returns how many
    /// documents were compared and the files where the results differ.
    static func compare(under directories: [URL]) -> (documents: Int, deferredOnes: Int, differing: [String]) {
        // Both through libxml2: the direct reader reads values in place and is compared on its own
        // (DirectReaderEquivalenceTests).
        var pruned = HTMLTextExtractor()
        pruned.directReading = false
        var plain = HTMLTextExtractor()
        plain.pruning = false
        plain.directReading = false
        var documents = 0
        var withLongLinks = 0
        var differing: [String] = []
        for directory in directories {
            for url in files(under: directory) {
                for html in htmlDocuments(in: url) {
                    documents += 1
                    if html.utf8.count > 2 * DeferredValues.minLength, html.contains("href=\"http") { withLongLinks += 1 }
                    if pruned.extract(html) != plain.extract(html) { differing.append(url.path) }
                }
            }
        }
        return (documents, withLongLinks, differing)
    }

    @Test("fixtures: the same text and links with and without pruning")
    func fixtures() {
        let result = Self.compare(under: [Self.packageRoot.appendingPathComponent("Fixtures")])
        #expect(result.documents > 50)
        #expect(result.differing == [])
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus is not present"))
    func sharedCorpus() {
        let result = Self.compare(under: [Self.corpus])
        #expect(result.documents > 1000)
        #expect(result.deferredOnes > 100)
        #expect(result.differing == [])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["DRAGNET_HTML_EQUIVALENCE_DIRS"] != nil, "no extra directories given"))
    func extraDirectories() {
        let list = ProcessInfo.processInfo.environment["DRAGNET_HTML_EQUIVALENCE_DIRS"] ?? ""
        let result = Self.compare(under: list.split(separator: ":").map { URL(fileURLWithPath: String($0)) })
        #expect(result.documents > 0)
        #expect(result.differing == [])
    }

    @Test("what pruning cuts: unread attributes, styles without display; long links come back whole")
    func cuts() {
        let link = "https://click.example/ls/click?upn=" + String(repeating: "Ab9-", count: 40) + "&amp;utm=1"
        let data = "data:image/png;base64," + String(repeating: "iVBORw0KGgo", count: 20)
        let html = """
            <table class="x" width="600" style="font-family:Arial;color:#333"><tr><td bgcolor="#fff">\
            <a href="\(link)" target="_blank" style="color:red" style="display:block">Pay</a>\
            <span style="DISPLAY: block">now</span><img src="\(data)" alt="logo"></td></tr></table>
            """
        let sanitized = InputSanitizer(options: .default).sanitize(Array(html.utf8))
        let parsed = String(decoding: sanitized.bytes, as: UTF8.self)
        #expect(!parsed.contains("class=") && !parsed.contains("bgcolor") && !parsed.contains("font-family"))
        #expect(!parsed.contains("upn=") && !parsed.contains("base64"))
        #expect(parsed.contains("DISPLAY: block"))
        let extracted = HTMLTextExtractor().extract(html)
        #expect(extracted.text == "Pay\nnow\nlogo")
        #expect(extracted.links.map(\.url) == [link.replacingOccurrences(of: "&amp;", with: "&"), data])
        var plain = HTMLTextExtractor()
        plain.pruning = false
        plain.directReading = false
        #expect(plain.extract(html) == extracted)
    }
}
