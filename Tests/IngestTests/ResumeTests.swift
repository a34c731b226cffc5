import Foundation
import Testing
@testable import Ingest
import MIME
import MailModel

/// Reading an append-only file again from a checkpoint (mbox, Graph JSON Lines) gives exactly what
/// reading the grown file whole gives: the events before the checkpoint as the first read gave
/// them, the rest from the resumed read. Checked at every cut point of small files.
@Suite struct ResumeTests {
    static let root = MboxReaderTests.packageRoot

    /// A temporary file that holds first `prefix`, then `whole` (its name is what sources name).
    final class GrowingFile {
        let folder: URL
        let path: String

        init(name: String) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-resume-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent(name).path
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ bytes: ArraySlice<UInt8>) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
    }

    static func readAll(_ reader: MboxReader) -> (messages: [MboxMessage], notes: [Diagnostic]) {
        var messages: [MboxMessage] = []
        while let message = reader.next() { messages.append(message) }
        return (messages, reader.fileNotes)
    }

    /// Cut points: every byte of a small file, else about 300 spread over it (line starts among them).
    static func cuts(_ bytes: [UInt8]) -> [Int] {
        if bytes.count <= 2500 { return Array(0...bytes.count) }
        let step = bytes.count / 150
        var points = Set(stride(from: 0, through: bytes.count, by: step))
        for (index, byte) in bytes.enumerated() where byte == 0x0A && index % (step / 2 + 1) == 0 { points.insert(index + 1) }
        return points.sorted()
    }

    @Test(arguments: MboxReaderTests.fixtureNames)
    func mboxReadOnFromItsCheckpointReadsAsAWholeFile(name: String) throws {
        let full = try MboxReaderTests.bytes(name)
        var options = MboxReader.Options()
        options.bufferSize = 61  // also exercises lines across buffer refills
        let file = try GrowingFile(name: name)
        try file.write(full[...])
        let expected = Self.readAll(try MboxReader(path: file.path, options: options))
        var resumed = 0
        for cut in Self.cuts(full) {
            try file.write(full[..<cut])
            let first = try MboxReader(path: file.path, options: options)
            let part = Self.readAll(first)
            try file.write(full[...])
            guard let point = first.resumePoint else { continue }
            #expect(point.index > 0 && point.index <= part.messages.count, "\(name) cut at \(cut)")
            let rest = Self.readAll(try MboxReader(path: file.path, options: options, resumingAt: point))
            let combined = Array(part.messages.prefix(point.index)) + rest.messages
            #expect(combined == expected.messages, "\(name) cut at \(cut), resumed at message \(point.index)")
            #expect(rest.notes == expected.notes, "\(name) cut at \(cut)")
            resumed += 1
        }
        // Files of one message (or none) have nothing to read on from.
        #expect(resumed > 0 || expected.messages.count < 3, "\(name)")
    }

    @Test func mboxCheckpointIsTheLastMessageOrAnEarlierOneThatLookedAtTheEnd() throws {
        let a = MboxReaderTests.alice, b = MboxReaderTests.bob, c = MboxReaderTests.carol
        let file = try GrowingFile(name: "x.mbox")
        try file.write(Array("\(a)\nSubject: 1\n\none\n\n\(b)\nSubject: 2\n\ntwo\n\n\(c)\nSubject: 3\n\nthree\n".utf8)[...])
        let reader = try MboxReader(path: file.path)
        #expect(Self.readAll(reader).messages.count == 3)
        #expect(reader.resumePoint?.index == 2)
        // A Content-Length that points past the end holds the checkpoint at its message.
        try file.write(Array("\(a)\nSubject: 1\n\none\n\n\(b)\nContent-Length: 500\nSubject: 2\n\ntwo\n\n\(c)\nSubject: 3\n\nthree\n".utf8)[...])
        let long = try MboxReader(path: file.path)
        #expect(Self.readAll(long).messages.count == 3)
        #expect(long.resumePoint?.index == 1)
        // A single message: nothing to read on from.
        try file.write(Array("\(a)\nSubject: 1\n\none\n".utf8)[...])
        let one = try MboxReader(path: file.path)
        _ = Self.readAll(one)
        #expect(one.resumePoint == nil)
    }

    static let jsonLinesFixtures = ["messages.jsonl"]

    /// Graph JSON Lines through the export scan: what a file yields grown at every cut point.
    @Test func jsonLinesReadOnFromTheCheckpointScansAsAWholeFile() throws {
        let source = Self.root.appendingPathComponent("Fixtures/graph/messages.jsonl")
        var full = Array(try Data(contentsOf: source))
        // Odd lines: invalid JSON, a comma between values, a non-message value, a cut value at the end.
        full += Array("{\"subject\": broken}\n,\n{\"@odata.type\": \"#microsoft.graph.event\", \"subject\": \"x\"}\n".utf8)
        full += Array(try Data(contentsOf: source)).prefix(400)
        let file = try GrowingFile(name: "messages.jsonl")
        try file.write(full[...])
        let expected = Self.scan(file.path, plan: .read).events
        #expect(expected.count > 5)
        var resumed = 0
        for cut in Self.cuts(full) {
            try file.write(full[..<cut])
            let first = Self.scan(file.path, plan: .read)
            try file.write(full[...])
            guard let checkpoint = first.checkpoint else { continue }
            let rest = Self.scan(file.path, plan: .resume(checkpoint))
            let combined = Array(first.events.prefix(checkpoint.eventsBefore)) + rest.events
            #expect(combined == expected, "cut at \(cut), resumed after \(checkpoint.eventsBefore) events")
            #expect(rest.checkpoint != nil)
            resumed += 1
        }
        #expect(resumed > 100)
    }

    /// The events of a scan of one file, described, and the checkpoint it ended with.
    static func scan(_ path: String, plan: EntryPlan) -> (events: [String], checkpoint: EntryCheckpoint?) {
        let scan = ExportScan(paths: [path])
        var checkpoint: EntryCheckpoint?
        scan.planEntry = { _ in (plan, nil) }
        scan.entryFinished = { _, point in checkpoint = point }
        var events: [String] = []
        while let event = scan.next() { events.append(describe(event)) }
        return (events, checkpoint)
    }

    static func describe(_ event: ExportEvent) -> String {
        switch event {
        case .message(let found):
            let record: InspectRecord
            switch found.content {
            case .graph(let message): record = InspectRecord(graph: message, source: found.source)
            case .mime(let bytes): record = InspectRecord(message: MIMEParser().parse(bytes), source: found.source)
            case .outlook(let message): record = InspectRecord(outlook: message, source: found.source)
            }
            return "message \(found.mailbox) \(found.folder) " + String(decoding: record.jsonLine(), as: UTF8.self)
                + found.notes.map(\.compilerStyle).joined()
        case .diagnostic(let diagnostic): return "diagnostic " + diagnostic.compilerStyle
        case .unrecognised(let path, let reason): return "unrecognised \(path) \(reason)"
        case .unreadable(let error): return "unreadable \(error)"
        }
    }
}
