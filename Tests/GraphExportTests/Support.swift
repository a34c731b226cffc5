import Foundation
import GraphExport
import MailModel

/// Locates fixtures and the shared real-world samples, and reads records.
enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures/graph")
    /// `../shared/graph-samples`, next to the package (absent on machines without it).
    static let samples = testsDirectory.appendingPathComponent("../../../shared/graph-samples").standardizedFileURL

    static var samplesPresent: Bool {
        FileManager.default.fileExists(atPath: samples.appendingPathComponent("SOURCES.md").path)
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }
}

/// Everything a reader yields, sorted by kind for assertions.
struct ReadResult {
    var records: [GraphRecord] = []
    var messages: [(GraphMessage, GraphLocation)] = []
    var users: [(GraphUser, GraphLocation)] = []
    var groups: [(GraphGroup, GraphLocation)] = []
    var folders: [(GraphMailFolder, GraphLocation)] = []
    var attachments: [(GraphAttachment, GraphLocation)] = []
    var pages: [GraphPage] = []
    var others: [(GraphOther, GraphLocation)] = []
    var diagnostics: [GraphDiagnostic] = []
    var highWater = 0
    var encoding: GraphTextEncoding = .utf8
    var jsonLines = false
    var severalValues = false

    init(_ reader: GraphReader) {
        for record in reader {
            records.append(record)
            switch record {
            case .message(let m, let l): messages.append((m, l))
            case .user(let u, let l): users.append((u, l))
            case .group(let g, let l): groups.append((g, l))
            case .folder(let f, let l): folders.append((f, l))
            case .attachment(let a, let l): attachments.append((a, l))
            case .page(let p): pages.append(p)
            case .other(let o, let l): others.append((o, l))
            case .diagnostic(let d): diagnostics.append(d)
            }
        }
        highWater = reader.highWaterBufferBytes
        encoding = reader.encoding
        jsonLines = reader.isJSONLines
        severalValues = reader.json.hasSeveralValues
    }

    var codes: [String] { diagnostics.map(\.code.rawValue) }
    var allCodes: [String] {
        codes + messages.flatMap { $0.0.diagnostics.map(\.code.rawValue) }
    }
    var pointers: [String] { messages.map(\.1.pointer) }
}

func read(path: String, options: GraphReaderOptions = .default) throws -> ReadResult {
    ReadResult(try GraphReader(path: path, options: options))
}

func read(_ text: String, options: GraphReaderOptions = .default) -> ReadResult {
    ReadResult(GraphReader(bytes: Array(text.utf8), options: options))
}

func read(bytes: [UInt8], options: GraphReaderOptions = .default) -> ReadResult {
    ReadResult(GraphReader(bytes: bytes, options: options))
}

extension GraphField {
    /// The present value (test shorthand).
    var v: Value? { value }
}
