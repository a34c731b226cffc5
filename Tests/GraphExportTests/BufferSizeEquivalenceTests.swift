import MailModel
import Foundation
import Testing
import GraphExport

/// The reader reads the same bytes the same way whatever its buffer size: every event (values,
/// envelopes, pointers, lines, diagnostics) and every record is identical with the default buffer and
/// with tiny ones. Decisions that look ahead (JSON Lines? several top-level values? the page's
/// `@odata.context` written after `value`) re-read the file instead of depending on what fits.
struct BufferSizeEquivalenceTests {
    /// Buffer sizes compared with the default (4 MiB); 1 is the smallest the option allows.
    static let sizes = [1, 7, 64, 4096]

    // MARK: Fixtures

    /// Every JSON file under `Fixtures/` (Graph exports, the sample tenants, rule samples, reports,
    /// investigations), plus mbox and MIME files (not JSON: every resynchronisation path).
    static func fixtureFiles() throws -> [String] {
        let root = Paths.packageRoot.appendingPathComponent("Fixtures")
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            let path = root.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if relative.hasSuffix(".json") || relative.hasSuffix(".jsonl") || relative.hasPrefix("mbox/")
                || (relative.hasPrefix("mime/") && relative.hasSuffix(".eml"))
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test func everyFixtureReadsTheSameWithAnyBufferSize() throws {
        let files = try Self.fixtureFiles()
        #expect(files.filter { $0.contains("/Fixtures/graph/") }.count >= 30)
        #expect(files.contains { $0.contains("/Fixtures/sample-tenant/") })
        for path in files {
            let reference = try Transcript(path: path)
            for size in Self.sizes {
                var options = GraphReaderOptions()
                options.bufferSize = size
                let small = try Transcript(path: path, options: options)
                #expect(small == reference, "\(path) with a \(size)-byte buffer: \(small.firstDifference(from: reference))")
            }
        }
    }

    /// The same fixtures in memory and in UTF-16 (transcoded as they are read); the larger sample
    /// tenant's files in UTF-16LE only.
    @Test func utf16AndInMemoryTextReadTheSameWithAnyBufferSize() throws {
        for path in try Self.fixtureFiles() where path.contains("/Fixtures/graph/") || path.contains("/Fixtures/sample-tenant/") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            guard let text = String(validating: bytes, as: UTF8.self), !text.hasPrefix("\u{FEFF}") else { continue }
            let small = path.contains("/Fixtures/graph/")
            let variants = small
                ? [bytes, utf16(text, bigEndian: false, bom: true), utf16(text, bigEndian: true, bom: false)]
                : [utf16(text, bigEndian: false, bom: true)]
            for variant in variants {
                let reference = Transcript(bytes: variant)
                for size in small ? [1, 7, 64] : [7] {
                    var options = GraphReaderOptions()
                    options.bufferSize = size
                    let small = Transcript(bytes: variant, options: options)
                    #expect(small == reference, "\(path) (\(variant.count) bytes) with a \(size)-byte buffer: \(small.firstDifference(from: reference))")
                }
            }
        }
    }

    @Test(.enabled(if: Paths.samplesPresent, "../shared/graph-samples is not present"))
    func realSamplesReadTheSameWithAnyBufferSize() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.samples.path).sorted()
        for name in names where name.hasSuffix(".json") || name.hasSuffix(".eml") {
            let reference = try Transcript(path: Paths.sample(name))
            for size in Self.sizes {
                var options = GraphReaderOptions()
                options.bufferSize = size
                let small = try Transcript(path: Paths.sample(name), options: options)
                #expect(small == reference, "\(name) with a \(size)-byte buffer: \(small.firstDifference(from: reference))")
            }
        }
    }

    /// Mutated fixtures (bytes changed, inserted, deleted, cut): broken JSON of every kind reads the
    /// same with every buffer size, with the default limits and with low ones.
    @Test(arguments: [false, true])
    func mutatedInputsReadTheSameWithAnyBufferSize(lowLimits: Bool) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.fixtures.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }.sorted()
        let sources = try names.map { Array(try Data(contentsOf: Paths.fixtures.appendingPathComponent($0))) }.filter { !$0.isEmpty }
        var rng = SplitMix(seed: lowLimits ? 7 : 9)
        let alphabet = Array(#"{}[]",:\ 0a"#.utf8) + [0x00, 0x0A, 0x0D, 0x09, 0x20, 0xFF, 0x01, 0xEF]
        var base = GraphReaderOptions()
        if lowLimits {
            base.maxValueBytes = 300
            base.maxNestingDepth = 6
        }
        for round in 0..<250 {
            var bytes = sources[Int(rng.next() % UInt64(sources.count))]
            for _ in 0..<(1 + rng.next() % 6) {
                let i = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 5 {
                case 0 where i < bytes.count: bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                case 2 where i < bytes.count: bytes.removeSubrange(i..<min(bytes.count, i + Int(rng.next() % 40)))
                case 3 where i < bytes.count:
                    // A copy of a stretch elsewhere (a repeated member, a value glued to another).
                    let j = Int(rng.next() % UInt64(bytes.count))
                    bytes.insert(contentsOf: bytes[j..<min(bytes.count, j + Int(rng.next() % 200))], at: i)
                default: bytes = Array(bytes.prefix(i))
                }
                if bytes.isEmpty { break }
            }
            let reference = Transcript(bytes: bytes, options: base)
            for size in [1, 7, 64] {
                var options = base
                options.bufferSize = size
                let small = Transcript(bytes: bytes, options: options)
                #expect(small == reference, "mutation \(round) with a \(size)-byte buffer: \(small.firstDifference(from: reference))")
            }
        }
    }

    // MARK: The three look-ahead cases with multi-MB values

    /// A message whose body holds `padding` bytes of text (no line break).
    static func message(_ n: Int, padding: Int = 10) -> String {
        #"{"id": "m\#(n)", "subject": "Message \#(n)", "receivedDateTime": "2026-11-26T09:30:00Z", "from": {"emailAddress": {"address": "sender\#(n)@evil.example"}}, "body": {"contentType": "text", "content": "\#(String(repeating: "x", count: padding))"}}"#
    }

    static let bobContext = "https://graph.microsoft.com/v1.0/$metadata#users('bob%40contoso.example')/messages"

    /// (a) A page whose `@odata.context` comes after `value` (PowerShell hashtable order).
    static func pageWithContextAfterValue(padding: Int) -> String {
        "{\"value\": [\n" + [message(0), message(1, padding: padding), message(2, padding: padding / 2), message(3)].joined(separator: ",\n")
            + "\n], \"@odata.context\": \"\(bobContext)\", \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/me/messages?$skip=4\"}\n"
    }

    /// (b) JSON Lines whose first line is the large one; line 3 is a record cut by a raw line break
    /// (its rest, line 4, is invalid too).
    static func jsonLines(padding: Int) -> String {
        [
            message(0, padding: padding),
            message(1),
            #"{"id": "m2", "subject": "cut"# + "\n" + #" short", "receivedDateTime": "2026-11-26T09:30:00Z"}"#,
            "[" + message(4) + ", " + message(5) + "]",
            #"{"@odata.context": "\#(bobContext)", "value": [\#(message(6))]}"#,
        ].joined(separator: "\n") + "\n"
    }

    /// (c) Concatenated top-level values (pretty-printed, so not JSON Lines), the first one large.
    static func concatenated(padding: Int) -> String {
        message(0, padding: padding).replacing(", \"body\"", with: ",\n  \"body\"") + "\n" + message(1) + "\n[" + message(2) + ",\n"
            + message(3) + "]\n" + #"{"@odata.context": "\#(bobContext)", "value": [\#(message(4))]}"# + "\n"
    }

    /// What a record says, without byte offsets and body text (which the padding changes).
    static func summary(_ r: ReadResult) -> [String] {
        r.records.map { record in
            func at(_ l: GraphLocation) -> String {
                "\(l.pointer) line \(l.line):\(l.column) json-line \(l.jsonLine.map(String.init) ?? "-") value \(l.valueIndex) mailbox \(l.mailbox ?? "-")"
            }
            switch record {
            case .message(let m, let l):
                return "message \(at(l)) \(m.id.v ?? "-") \(m.subject.v ?? "-") \(m.from.v?.address ?? "-") \(m.diagnostics.map(\.code.rawValue))"
            case .page(let p):
                return "page \(at(p.location)) \(p.isPage) \(p.elementCount) \(p.isComplete) \(p.nextLink ?? "-") \(p.mailbox ?? "-")"
            case .diagnostic(let d):
                return "diagnostic \(d.code) \(d.severity) \(d.pointer ?? "-") \(d.line ?? -1):\(d.column ?? -1)"
            default:
                return "\(record)"
            }
        }
    }

    @Test(arguments: ["context-after-value", "json-lines", "concatenated"])
    func multiMegabyteValuesReadAsTheirSmallVersions(shape: String) throws {
        let make: (Int) -> String = switch shape {
        case "context-after-value": Self.pageWithContextAfterValue
        case "json-lines": Self.jsonLines
        default: Self.concatenated
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-buffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let smallPath = dir.appendingPathComponent("small.json").path
        let bigPath = dir.appendingPathComponent("big.json").path
        try make(10).write(toFile: smallPath, atomically: false, encoding: .utf8)
        let padding = 5 << 20  // more than the 4 MiB default buffer
        try make(padding).write(toFile: bigPath, atomically: false, encoding: .utf8)

        let small = try read(path: smallPath)
        let big = try read(path: bigPath)
        #expect(Self.summary(big) == Self.summary(small))
        #expect(big.jsonLines == small.jsonLines && big.severalValues == small.severalValues)
        // The large body is read whole.
        #expect(big.messages.contains { $0.0.body.v?.content?.utf8.count == padding })

        switch shape {
        case "context-after-value":
            #expect(big.messages.count == 4)
            #expect(big.messages.allSatisfy { $0.1.mailbox == "bob@contoso.example" })
            #expect(big.pointers == ["/value/0", "/value/1", "/value/2", "/value/3"])
            #expect(big.diagnostics.isEmpty)
        case "json-lines":
            #expect(big.jsonLines)
            #expect(big.messages.map(\.1.jsonLine) == [1, 2, 5, 5, 6])
            #expect(big.messages.map(\.1.description) == ["line 1", "line 2", "line 5 /0", "line 5 /1", "line 6 /value/0"])
            #expect(big.codes == ["graph.invalid-json", "graph.invalid-json"])
            #expect(big.diagnostics.map(\.line) == [3, 4])
            #expect(big.messages.last?.1.mailbox == "bob@contoso.example")
        default:
            #expect(big.severalValues && !big.jsonLines)
            #expect(big.pointers == ["/0", "/1", "/2/0", "/2/1", "/3/value/0"])
            #expect(big.diagnostics.isEmpty)
        }

        // The large file, every buffer size: the same events.
        let reference = try Transcript(path: bigPath)
        for size in [64, 4096, 1 << 20] {
            var options = GraphReaderOptions()
            options.bufferSize = size
            let other = try Transcript(path: bigPath, options: options)
            #expect(other == reference, "\(shape) with a \(size)-byte buffer: \(other.firstDifference(from: reference))")
        }
        // And from memory.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: bigPath)))
        var tiny = GraphReaderOptions()
        tiny.bufferSize = 7
        #expect(Transcript(bytes: bytes, options: tiny) == reference)
    }

    /// A page of 8 MB whose context comes last, through a 64 KiB buffer: every element has the mailbox
    /// and the buffer never grows (nothing is held back until the context is known).
    @Test func contextAfterAMultiMegabytePageInBoundedMemory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-buffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("messages.json").path
        let count = 2000
        var text = "{\"value\": ["
        for i in 0..<count {
            if i > 0 { text += ",\n" }
            text += Self.message(i, padding: 4000)
        }
        text += "], \"@odata.nextLink\": \"https://graph.microsoft.com/next\", \"@odata.context\": \"\(Self.bobContext)\"}"
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        var options = GraphReaderOptions()
        options.bufferSize = 64 << 10
        let r = try read(path: path, options: options)
        #expect(r.messages.count == count)
        #expect(r.messages.allSatisfy { $0.1.mailbox == "bob@contoso.example" })
        #expect(r.pages.first?.nextLink == "https://graph.microsoft.com/next")
        #expect(r.diagnostics.isEmpty)
        #expect(r.highWater == 64 << 10)
        let stream = try JSONStreamReader(path: path, options: options)
        var envelopes = 0
        for event in stream {
            if case .value(_, let info) = event, info.envelope?["@odata.nextLink"] != nil { envelopes += 1 }
        }
        #expect(envelopes == count)
        #expect(stream.highWaterBufferBytes == 64 << 10)
    }

    /// Look-ahead reads the file again: a FIFO (or socket, or device) is refused, never half read.
    @Test func onlyRegularFilesAreOpened() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-buffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("messages.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: GraphExportError.self) { _ = try JSONStreamReader(path: fifo) }
        #expect(error?.code == "graph.not-a-file")
        #expect(error?.message.contains("FIFO") == true)
    }

    // MARK: Helpers

    func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return bytes
    }
}

/// Everything both readers yield for one input, rendered in full (every field of every event and
/// record), and what they decided about the file.
struct Transcript: Equatable {
    var events: [String] = []
    var records: [String] = []
    var flags = ""
    /// Strings longer than 256 bytes, compared as they are (rendered as `<long N>`).
    var longStrings: [String] = []

    init(path: String, options: GraphReaderOptions = .default) throws {
        let stream = try JSONStreamReader(path: path, options: options)
        events = stream.map { render($0) }
        flags = "json-lines \(stream.isJSONLines) several \(stream.hasSeveralValues) \(stream.encoding)"
        records = try GraphReader(path: path, options: options).map { render($0) }
    }

    init(bytes: [UInt8], options: GraphReaderOptions = .default) {
        let stream = JSONStreamReader(bytes: bytes, options: options)
        events = stream.map { render($0) }
        flags = "json-lines \(stream.isJSONLines) several \(stream.hasSeveralValues) \(stream.encoding)"
        records = GraphReader(bytes: bytes, options: options).map { render($0) }
    }

    mutating func render(_ value: Any) -> String {
        var text = ""
        render(value, into: &text)
        return text
    }

    /// Every stored property, recursively (like `dump`).
    mutating func render(_ value: Any, into text: inout String) {
        if let string = value as? String {
            guard string.utf8.count > 256 else { return text += string.debugDescription }
            longStrings.append(string)
            return text += "<long \(longStrings.count - 1)>"
        }
        let mirror = Mirror(reflecting: value)
        guard !mirror.children.isEmpty else { return text += String(describing: value) }
        text += "\(mirror.subjectType)("
        for child in mirror.children {
            text += (child.label ?? "") + ": "
            render(child.value, into: &text)
            text += ", "
        }
        text += ")"
    }

    /// The first event or record that differs, for the failure message.
    func firstDifference(from other: Transcript) -> String {
        if flags != other.flags { return "\(flags) instead of \(other.flags)" }
        if longStrings != other.longStrings { return "long strings differ" }
        for (mine, theirs) in [(events, other.events), (records, other.records)] {
            for (i, (a, b)) in zip(mine, theirs).enumerated() where a != b {
                return "#\(i):\n\(a.prefix(3000))\ninstead of\n\(b.prefix(3000))"
            }
            if mine.count != theirs.count { return "\(mine.count) instead of \(theirs.count): \(mine.last?.prefix(2000) ?? "")" }
        }
        return "none"
    }
}
