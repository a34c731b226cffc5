import MailModel
import Foundation
import Testing
import GraphExport

/// The streaming JSON reader itself.
struct JSONReaderTests {
    func events(_ text: String, options: GraphReaderOptions = .default) -> [JSONStreamEvent] {
        Array(JSONStreamReader(bytes: Array(text.utf8), options: options))
    }

    func values(_ text: String, options: GraphReaderOptions = .default) -> [(JSONValue, JSONValueInfo)] {
        events(text, options: options).compactMap { if case .value(let v, let i) = $0 { (v, i) } else { nil } }
    }

    func diagnostics(_ text: String, options: GraphReaderOptions = .default) -> [GraphDiagnostic] {
        events(text, options: options).compactMap { if case .diagnostic(let d) = $0 { d } else { nil } }
    }

    @Test func scalarsStringsAndNumbers() throws {
        let v = try #require(values(#"{"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\u0000", "i": -12, "d": 3.5e2, "z": 0, "t": true, "f": false, "n": null, "nan": NaN, "inf": -Infinity, "big": 123456789012345678901234567890}"#).first?.0)
        let o = try #require(v.objectValue)
        #expect(o.keys == ["s", "i", "d", "z", "t", "f", "n", "nan", "inf", "big"])
        #expect(o["s"]?.stringValue == "a\"b\\c/d\u{8}\u{c}\n\r\té😀\u{0}")
        #expect(o["i"]?.numberValue?.int64 == -12)
        #expect(o["d"]?.numberValue?.double == 350 && o["d"]?.numberValue?.int64 == 350 && o["d"]?.numberValue?.text == "3.5e2")
        #expect(o["t"] == .bool(true) && o["f"] == .bool(false) && o["n"] == .null)
        #expect(o["nan"]?.numberValue?.double?.isNaN == true)
        #expect(o["inf"]?.numberValue?.double == -.infinity)
        #expect(o["big"]?.numberValue?.int64 == nil && o["big"]?.numberValue?.text == "123456789012345678901234567890")
        // Case-insensitive lookup, duplicates kept in order.
        let dup = try #require(values(#"{"Key": 1, "key": 2}"#).first?.0.objectValue)
        #expect(dup["KEY"]?.numberValue?.int64 == 1 && dup.count == 2)
    }

    @Test func loneSurrogatesAndInvalidUTF8AreReplaced() throws {
        let v = try #require(values(#"["\ud800x", "\udc00"]"#).map(\.0).first)
        #expect(v == .string("\u{FFFD}x"))
        var bytes = Array(#"["ok", "bad "#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#"", "fine"]"#.utf8)
        let r = Array(JSONStreamReader(bytes: bytes))
        let strings = r.compactMap { if case .value(let v, _) = $0 { v.stringValue } else { nil } }
        #expect(strings == ["ok", "bad \u{FFFD}\u{FFFD}", "fine"])
        let diags = r.compactMap { if case .value(_, let i) = $0 { i.diagnostics } else { nil } }.flatMap { $0 }
        #expect(diags.map(\.code) == [.invalidUTF8])
    }

    @Test func collectionEndEvents() {
        let e = events(#"{"@odata.context": "c", "value": [1, 2], "@odata.nextLink": "n"} [] [3]"#)
        let ends = e.compactMap { if case .collectionEnd(let c) = $0 { c } else { nil } }
        #expect(ends.count == 3)
        #expect(ends[0].isPage && ends[0].elementCount == 2 && ends[0].envelope?["@odata.nextLink"]?.stringValue == "n")
        #expect(!ends[1].isPage && ends[1].elementCount == 0)
        #expect(ends.map(\.location.pointer) == ["/0", "/1", "/2"])
        let v = values(#"{"@odata.context": "c", "value": [1, 2], "@odata.nextLink": "n"} [] [3]"#)
        #expect(v.map(\.1.location.pointer) == ["/0/value/0", "/0/value/1", "/2/0"])
        #expect(v[0].1.envelope?["@odata.context"]?.stringValue == "c")
        #expect(v[0].1.location.odataContext == "c")
        #expect(v.allSatisfy { $0.1.isCollectionElement })
    }

    @Test func pointerTokensAreEscaped() {
        let v = values("{\"a/b\": {\"c~d\": \"x\u{7}y\"}}")
        #expect(v.first?.1.diagnostics.map(\.code) == [.controlCharacter])
        #expect(v.first?.1.diagnostics.first?.pointer == "/a~1b/c~0d")
    }

    @Test func lenientSyntaxIsNoted() {
        let r = read(#"[{"subject": "a", "bodyPreview": "b",}, {"subject": "c", "bodyPreview": "d"} {"subject": "e", "bodyPreview": "f"},]"#)
        #expect(r.messages.count == 3)
        #expect(r.pointers == ["/0", "/1", "/2"])
        #expect(r.codes == ["graph.lenient-syntax", "graph.lenient-syntax"])
        #expect(r.messages[0].0.diagnostics.map(\.code) == [.lenientSyntax])
        #expect(r.diagnostics.allSatisfy { $0.severity == .note })
        let commas = read(#"{"subject": "a", "bodyPreview": "b"},{"subject": "c", "bodyPreview": "d"}"#)
        #expect(commas.messages.count == 2)
        #expect(commas.codes == ["graph.lenient-syntax"])
    }

    @Test func controlCharactersAreKeptWithANote() throws {
        let r = try read(path: Paths.fixture("control-characters.json"))
        let (m, _) = try #require(r.messages.first)
        #expect(m.subject.v == "Tab\there and bell\u{7}")
        #expect(m.bodyPreview.v == "line one\nline two")
        #expect(m.body.v?.content == "a\u{1}b")
        #expect(m.diagnostics.map(\.code) == [.controlCharacter, .controlCharacter, .controlCharacter])
        #expect(m.diagnostics.map(\.pointer) == ["/subject", "/bodyPreview", "/body/content"])
        #expect(m.diagnostics[0].line == 1 && m.diagnostics[0].column == 30)
        var strict = GraphReaderOptions()
        strict.lenientControlCharacters = false
        let s = try read(path: Paths.fixture("control-characters.json"), options: strict)
        #expect(s.messages.isEmpty)
        #expect(s.codes == ["graph.invalid-json"])
    }

    @Test func invalidEscapesAreKeptLiterally() {
        let v = values(#"["a\qb", "\u12"]"#)
        #expect(v.first?.0.stringValue == "a\\qb")
        #expect(v.first?.1.diagnostics.map(\.code) == [.invalidEscape])
        #expect(v.last?.0.stringValue == "\\u12")
    }

    @Test func nestingLimit() throws {
        var options = GraphReaderOptions()
        options.maxNestingDepth = 16
        let r = try read(path: Paths.fixture("deep-nesting.json"), options: options)
        #expect(r.messages.count == 2)
        let deep = r.messages[0].0
        #expect(deep.subject.v == "deep")
        #expect(deep.diagnostics.map(\.code) == [.nestingTooDeep])
        #expect(deep.diagnostics[0].pointer?.hasPrefix("/0/extra/level/extra") == true)
        // The message after it is intact.
        #expect(r.messages[1].0.subject.v == "Message 7")
        // Far deeper than any stack: never recursion.
        let hostile = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let h = read(hostile)
        #expect(h.records.contains { if case .other = $0 { true } else { false } })
        #expect(h.allCodes.contains("graph.nesting-too-deep") || h.others.contains { !$0.0.diagnostics.isEmpty })
        let unclosed = read(String(repeating: "{\"a\":", count: 100_000))
        #expect(unclosed.codes.contains("graph.unexpected-end-of-file"))
    }

    @Test func itemAttachmentDepthLimit() throws {
        var options = GraphReaderOptions()
        options.maxItemAttachmentDepth = 2
        let r = try read(path: Paths.fixture("deep-nesting.json"), options: options)
        let m = r.messages[1].0
        let level2 = try #require(m.attachments.v?.first?.item.v)
        let level3 = try #require(level2.attachments.v?.first?.item.v)
        let cut = try #require(level3.attachments.v?.first)
        #expect(cut.item.isCollected && cut.item.v == nil)
        #expect(m.diagnostics.map(\.code) == [.nestingTooDeep])
        #expect(m.diagnostics[0].pointer == "/1/attachments/0/item/attachments/0/item/attachments/0/item")
        let full = try read(path: Paths.fixture("deep-nesting.json"))
        #expect(full.messages[1].0.diagnostics.isEmpty)
    }

    @Test func valueLargerThanTheLimitIsSkipped() {
        var options = GraphReaderOptions()
        options.bufferSize = 64
        options.maxValueBytes = 1024
        let big = String(repeating: "x", count: 5000)
        let text = #"[{"subject": "a", "bodyPreview": "1"}, {"subject": "\#(big)", "body": {"content": "[{\"}"}}, {"subject": "c", "bodyPreview": "3"}]"#
        let r = read(text, options: options)
        #expect(r.messages.map { $0.0.subject.v } == ["a", "c"])
        #expect(r.pointers == ["/0", "/2"])
        #expect(r.codes == ["graph.value-too-large"])
        #expect(r.diagnostics[0].pointer == "/1")
        #expect(r.highWater <= 2048)
    }

    @Test func oneLargeElementGrowsTheBufferOnlyWhileItIsRead() {
        var options = GraphReaderOptions()
        options.bufferSize = 1024
        let big = String(repeating: "y", count: 100_000)
        var parts = (0..<20).map { #"{"subject": "s\#($0)", "bodyPreview": "p"}"# }
        parts[10] = #"{"subject": "big", "bodyPreview": "\#(big)"}"#
        let reader = GraphReader(bytes: Array(("[" + parts.joined(separator: ",") + "]").utf8), options: options)
        var subjects: [String] = []
        var sizesAfterBig: [Int] = []
        for record in reader {
            if case .message(let m, _) = record {
                subjects.append(m.subject.v ?? "")
                if subjects.count > 11 { sizesAfterBig.append(reader.bufferBytes) }
            }
        }
        #expect(subjects.count == 20)
        #expect(subjects[10] == "big")
        #expect(reader.highWaterBufferBytes >= 100_000 && reader.highWaterBufferBytes <= 262_144)
        #expect(sizesAfterBig.allSatisfy { $0 == 1024 })
    }
}
