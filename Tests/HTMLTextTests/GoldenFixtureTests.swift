import Foundation
import HTMLText
import Testing

/// The HTML fixtures in `Fixtures/html` and their expected output.
///
/// For `name.html`: `name.expected.txt` is the extracted text plus one final newline; `name.links.txt`,
/// when present, lists the links one per line as `attribute<TAB>url<TAB>text` (absent: no links).
/// Run with `RECORD_GOLDENS=1` to rewrite both from the current output, then review the diff.
enum HTMLFixtures {
    /// The package root, found from this file: Tests/HTMLTextTests/<file> → ../../
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let directory = packageRoot.appendingPathComponent("Fixtures/html", isDirectory: true)

    /// Fixture names (without `.html`), sorted.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name + ".html")))
    }

    static func text(_ name: String, _ suffix: String) -> String? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name + suffix).path)
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func write(_ text: String, _ name: String, _ suffix: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name + suffix))
    }

    static func render(links: [HTMLLink]) -> String {
        links.map { "\($0.attribute)\t\($0.url)\t\($0.text)\n" }.joined()
    }
}

@Suite("Golden fixtures")
struct GoldenFixtureTests {
    @Test("the fixture folder is found and holds the fixtures")
    func fixturesExist() {
        #expect(HTMLFixtures.names.count >= 10, "looked in \(HTMLFixtures.directory.path)")
        #expect(FileManager.default.fileExists(atPath: HTMLFixtures.directory.appendingPathComponent("README.md").path))
    }

    @Test("text and links match the golden files", arguments: HTMLFixtures.names)
    func golden(name: String) throws {
        let result = HTMLTextExtractor().extract(utf8: try HTMLFixtures.bytes(name))
        let text = result.text.isEmpty ? "" : result.text + "\n"
        let links = HTMLFixtures.render(links: result.links)
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try HTMLFixtures.write(text, name, ".expected.txt")
            if links.isEmpty {
                try? FileManager.default.removeItem(at: HTMLFixtures.directory.appendingPathComponent(name + ".links.txt"))
            } else {
                try HTMLFixtures.write(links, name, ".links.txt")
            }
            return
        }
        let expectedText = try #require(HTMLFixtures.text(name, ".expected.txt"), "missing \(name).expected.txt")
        #expect(text == expectedText)
        #expect(links == (HTMLFixtures.text(name, ".links.txt") ?? ""))
        #expect(result.limitsHit.isEmpty)
    }

    @Test("CRLF line endings give the same result as LF", arguments: HTMLFixtures.names)
    func crlf(name: String) throws {
        let lf = try HTMLFixtures.bytes(name)
        var crlf: [UInt8] = []
        for byte in lf {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        let extractor = HTMLTextExtractor()
        #expect(extractor.extract(utf8: crlf) == extractor.extract(utf8: lf))
    }

    @Test("the String and byte entry points agree", arguments: HTMLFixtures.names)
    func stringAndBytes(name: String) throws {
        let bytes = try HTMLFixtures.bytes(name)
        let extractor = HTMLTextExtractor()
        #expect(extractor.extract(String(decoding: bytes, as: UTF8.self)) == extractor.extract(utf8: bytes))
        #expect(extractor.extract(utf8: bytes[...]) == extractor.extract(utf8: bytes))
    }
}

@Suite("C boundary")
struct CBoundaryTests {
    @Test("only LibXML2Parser.swift imports CLibXML2 or uses unsafe constructs")
    func oneFileThick() throws {
        let sources = HTMLFixtures.packageRoot.appendingPathComponent("Sources/HTMLText")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("LibXML2Parser.swift"))
        for file in files {
            let source = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            if file == "LibXML2Parser.swift" {
                #expect(source.contains("private import CLibXML2"))
            } else {
                #expect(!source.contains("CLibXML2"), "\(file) mentions CLibXML2")
                #expect(!source.contains("unsafe") && !source.contains("Unsafe"), "\(file) uses unsafe code")
            }
        }
    }
}
