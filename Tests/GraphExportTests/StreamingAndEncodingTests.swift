import Foundation
import Testing
import GraphExport

struct EncodingTests {
    @Test(arguments: [
        ("utf8-bom.json", GraphTextEncoding.utf8BOM, 7),
        ("utf16le-bom.json", .utf16LE, 12),
        ("utf16be-bom.json", .utf16BE, 10),
        ("utf16le-no-bom.json", .utf16LENoBOM, 8),
    ])
    func encodings(name: String, encoding: GraphTextEncoding, offset: Int) throws {
        let r = try read(path: Paths.fixture(name))
        #expect(r.encoding == encoding)
        let (m, l) = try #require(r.messages.first)
        #expect(m.subject.v == "H\u{e9}llo \u{65e5}\u{672c} \u{1F600}")
        #expect(m.from.v?.address == "sender1@evil.example")
        #expect(l.byteOffset == offset)
        #expect(l.line == 2 && l.column == 3)
        #expect(r.diagnostics.isEmpty)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Paths.fixture(name))))
        #expect(GraphReader.looksLikeJSON(Array(bytes.prefix(64))))
    }

    /// Byte offsets count the file's own bytes: after non-ASCII text in UTF-16, and across buffers.
    @Test func utf16OffsetsAfterNonASCIIText() {
        let first = #"{"subject": "日本語 😀 é", "bodyPreview": "x"}"#
        let text = "[" + first + ",\r\n " + #"{"subject": "second", "bodyPreview": "y"}"# + "]"
        let secondStart = text.utf16.count - #"{"subject": "second", "bodyPreview": "y"}]"#.utf16.count
        for big in [false, true] {
            var bytes: [UInt8] = big ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 {
                bytes += big ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            for size in [16, 4096] {
                var options = GraphReaderOptions()
                options.bufferSize = size
                let r = read(bytes: bytes, options: options)
                #expect(r.messages.map(\.1.byteOffset) == [4, 2 + 2 * secondStart])
                #expect(r.messages.map(\.1.line) == [1, 2])
                #expect(r.messages[0].0.subject.v == "日本語 😀 é")
            }
        }
    }

    @Test func invalidUTF16IsReported() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Array(#"[{"subject": "a"#.utf16) + [0xD800] + Array(#"", "bodyPreview": "b"}]"#.utf16) {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        bytes.append(0x41)  // an odd trailing byte
        let r = read(bytes: bytes)
        #expect(r.messages.first?.0.subject.v == "a\u{FFFD}")
        #expect(r.codes == ["graph.invalid-utf16"])
        #expect(r.diagnostics.first?.message.contains("2 unpaired surrogates or trailing odd byte") == true)
    }

    @Test func detection() {
        #expect(GraphTextEncoding.detect([]) == .utf8)
        #expect(GraphTextEncoding.detect(Array("[{}]".utf8)) == .utf8)
        #expect(GraphTextEncoding.detect([0x5B, 0x00, 0x7B, 0x00]) == .utf16LENoBOM)
        #expect(GraphTextEncoding.detect([0x00, 0x5B, 0x00, 0x7B]) == .utf16BENoBOM)
        #expect(GraphReader.looksLikeJSON(Array(" \r\n[".utf8)))
        #expect(GraphReader.looksLikeJSON([0xEF, 0xBB, 0xBF, 0x7B]))
        #expect(!GraphReader.looksLikeJSON(Array("Received: from x".utf8)))
        #expect(!GraphReader.looksLikeJSON([]))
    }

    @Test func bomInTheMiddleOfAConcatenatedFile() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(#"[{"subject": "a", "bodyPreview": "b"}]"#.utf8) + [0x0D, 0x0A, 0xEF, 0xBB, 0xBF]
            + Array(#"[{"subject": "c", "bodyPreview": "d"}]"#.utf8)
        let r = read(bytes: bytes)
        #expect(r.messages.map { $0.0.subject.v } == ["a", "c"])
        #expect(r.diagnostics.isEmpty)
    }
}

struct StreamingTests {
    /// 200 000 small messages (15 MB) in one `value` array, streamed through a 64 KiB buffer.
    @Test func largePageInBoundedMemory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("messages.json").path
        let count = 200_000
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var chunk = Array(#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('big%40contoso.example')/messages","value":["#.utf8)
        let head = Array(#"{"id":"m"#.utf8)
        let tail = Array(#"","subject":"s","receivedDateTime":"2026-11-26T09:30:00Z"}"#.utf8)
        var digits: [UInt8] = []
        for i in 0..<count {
            if i > 0 { chunk.append(UInt8(ascii: ",")) }
            chunk.append(contentsOf: head)
            digits.removeAll(keepingCapacity: true)
            var n = i
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
            } while n > 0
            chunk.append(contentsOf: digits.reversed())
            chunk.append(contentsOf: tail)
            if chunk.count > 1 << 20 {
                handle.write(Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk += Array(#"],"@odata.nextLink":"https://graph.microsoft.com/next"}"#.utf8)
        handle.write(Data(chunk))
        try handle.close()
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 14_000_000)

        var options = GraphReaderOptions()
        options.bufferSize = 64 << 10
        // The whole file through the streaming reader.
        let stream = try JSONStreamReader(path: path, options: options)
        var values = 0
        var lastPointer = ""
        var end: JSONCollectionInfo?
        var others = 0
        for event in stream {
            switch event {
            case .value(let value, let info):
                values += 1
                lastPointer = info.location.pointer
                if case .object = value {} else { others += 1 }
            case .collectionEnd(let info): end = info
            case .diagnostic: others += 1
            }
        }
        #expect(values == count)
        #expect(others == 0)
        #expect(lastPointer == "/value/\(count - 1)")
        #expect(end?.elementCount == count && end?.isComplete == true)
        #expect(end?.envelope?["@odata.nextLink"]?.stringValue == "https://graph.microsoft.com/next")
        // The buffer never grew: the whole file went through 64 KiB.
        #expect(stream.highWaterBufferBytes == 64 << 10)

        // The same file as Graph records: messages with the page's mailbox, same bound.
        let reader = try GraphReader(path: path, options: options)
        var messages = 0
        for record in reader {
            guard case .message(let message, let location) = record else { break }
            #expect(location.mailbox == "big@contoso.example")
            #expect(message.receivedDateTime.v?.iso8601UTC == "2026-11-26T09:30:00Z")
            messages += 1
            if messages == 20_000 { break }
        }
        #expect(messages == 20_000)
        #expect(reader.highWaterBufferBytes == 64 << 10)
    }

    /// Hostile inputs: mutations of the fixtures never crash, hang or grow the buffer past the limits.
    @Test func mutatedInputsNeverCrash() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.fixtures.path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }.sorted()
        let sources = try names.map { Array(try Data(contentsOf: Paths.fixtures.appendingPathComponent($0))) }.filter { !$0.isEmpty }
        var rng = SplitMix(seed: 42)
        let alphabet = Array(#"{}[]",:\ 0a"#.utf8) + [0x00, 0x0A, 0xFF, 0x01]
        var options = GraphReaderOptions()
        options.bufferSize = 32
        options.maxValueBytes = 4096
        options.maxNestingDepth = 24
        for _ in 0..<300 {
            var bytes = sources[Int(rng.next() % UInt64(sources.count))]
            for _ in 0..<(1 + rng.next() % 6) {
                let i = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 4 {
                case 0 where i < bytes.count: bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                case 2 where i < bytes.count: bytes.removeSubrange(i..<min(bytes.count, i + Int(rng.next() % 40)))
                default: bytes = Array(bytes.prefix(i))
                }
                if bytes.isEmpty { break }
            }
            let r = read(bytes: bytes, options: options)
            #expect(r.highWater <= 8192)
            _ = render(r)
        }
    }
}

/// A small deterministic random generator.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
