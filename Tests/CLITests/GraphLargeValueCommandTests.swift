import Foundation
import Testing

/// Graph JSON files whose values pass the reader's 4 MiB buffer report exactly as their small
/// versions: the same mailboxes, locations, diagnostics and exit status (issue 9).
@Suite
struct GraphLargeValueCommandTests {
    static func message(_ n: Int, padding: Int) -> String {
        #"{"id": "m\#(n)", "subject": "Message \#(n)", "receivedDateTime": "2026-11-26T09:30:00Z", "from": {"emailAddress": {"address": "sender\#(n)@evil.example"}}, "body": {"contentType": "text", "content": "\#(String(repeating: "x", count: padding))"}}"#
    }

    static let context = "https://graph.microsoft.com/v1.0/$metadata#users('bob%40contoso.example')/messages"

    /// The three shapes whose reading needs look-ahead, with a first (or page) value of `padding` bytes.
    static func file(_ shape: String, padding: Int) -> String {
        switch shape {
        case "context-after-value":
            "{\"value\": [\n" + message(0, padding: 10) + ",\n" + message(1, padding: padding) + "\n], \"@odata.context\": \"\(context)\"}\n"
        case "json-lines":
            message(0, padding: padding) + "\n" + message(1, padding: 10) + "\n" + #"{"id": "m2", "subject": "cut"# + "\n"
                + #"{"@odata.context": "\#(context)", "value": [\#(message(3, padding: 10))]}"# + "\n"
        default:
            message(0, padding: padding).replacing(", \"body\"", with: ",\n \"body\"") + "\n" + message(1, padding: 10) + "\n"
        }
    }

    /// Each match's mailbox, location and sender, and the exit status.
    static func investigate(_ path: String, investigation: String) throws -> (status: Int32, matches: [String], stderr: [String]) {
        let result = try Dragnet.run(["investigate", "--investigation", investigation, "--format", "jsonl", "--no-snippets", path])
        let matches = result.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                record["type"] as? String == "match", var source = record["source"] as? [String: Any]
            else { return nil }
            source["path"] = nil
            source["format"] = nil
            let location = source.keys.sorted().map { "\($0)=\(source[$0]!)" }.joined(separator: " ")
            return "\(record["mailbox"] ?? "-") \(location) \(record["from"] ?? "-") \(record["subject"] ?? "-")"
        }
        // Diagnostics without the file name and byte offsets (the padding moves them).
        let stderr = result.stderr.split(separator: "\n").map { line in
            String(line.split(separator: ":").dropFirst().prefix(3).joined(separator: ":"))
        }
        return (result.status, matches, stderr)
    }

    @Test(arguments: ["context-after-value", "json-lines", "concatenated"])
    func largeValuesReportAsTheirSmallVersions(shape: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-large-\(getpid())-\(shape)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let investigation = folder.appendingPathComponent("t.yaml").path
        try "name: senders\nfilters:\n  - from: evil.example\n".write(toFile: investigation, atomically: false, encoding: .utf8)
        let small = folder.appendingPathComponent("small").path
        let big = folder.appendingPathComponent("big").path
        for (path, padding) in [(small, 10), (big, 5 << 20)] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Self.file(shape, padding: padding).write(toFile: path + "/messages.json", atomically: false, encoding: .utf8)
        }
        let a = try Self.investigate(small, investigation: investigation)
        let b = try Self.investigate(big, investigation: investigation)
        #expect(b.status == a.status)
        #expect(b.matches == a.matches)
        #expect(b.stderr == a.stderr)
        switch shape {
        case "context-after-value":
            #expect(b.status == 0)
            #expect(b.matches.count == 2 && b.matches.allSatisfy { $0.hasPrefix("bob@contoso.example pointer=/value/") })
        case "json-lines":
            #expect(b.status == 3)
            #expect(b.matches.map { $0.split(separator: " ").dropFirst().first ?? "" }.sorted() == ["line=1", "line=2", "line=4"])
            #expect(b.matches.contains { $0.hasPrefix("bob@contoso.example line=4 pointer=/value/0") })
            #expect(b.stderr.contains { $0.contains("3: error: [graph.invalid-json]") })
        default:
            #expect(b.status == 0)
            #expect(b.matches.map { $0.split(separator: " ")[1] } == ["pointer=/0", "pointer=/1"])
        }
    }
}
