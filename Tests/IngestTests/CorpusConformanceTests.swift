import MailModel
import Foundation
import Testing
@testable import Ingest
import MIME

/// Runs Dragnet over the shared real-mail corpus (when `../shared/corpus` exists) and compares it
/// with the GMime and CPython reference dumpers field by field (`compare.py --consensus`).
@Suite(.serialized)
struct CorpusConformanceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let corpus = shared.appendingPathComponent("corpus")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("spamassassin").path) }

    /// Every message file of the corpus (SpamAssassin plus the parser test suites), as absolute paths.
    static func messageFiles() -> [String] {
        var files: [String] = []
        for top in ["spamassassin", "mime-suites"] {
            for entry in InputWalker.collect(paths: [top].map { corpus.appendingPathComponent($0).path }).files {
                if top == "mime-suites" {
                    guard let bytes = try? InputFile.read(entry.path), InputFormat.sniff(bytes, path: entry.path) == .eml else { continue }
                    // mbox files with several messages are compared message by message elsewhere.
                    if MboxReader.looksLikeMbox(Array(bytes.prefix(8192))), let reader = try? MboxReader(path: entry.path),
                       reader.next() != nil, reader.next() != nil { continue }
                }
                files.append(entry.path)
            }
        }
        return files
    }

    @Test(.enabled(if: hasCorpus, "../shared/corpus is not present"))
    func everyMessageFileYieldsOneRecord() throws {
        let files = Self.messageFiles()
        #expect(files.count > 6000)
        var records = 0
        let run = InspectRun(format: .jsonl, workers: 2)
        let status = run.run(paths: files, write: { bytes in records += bytes.filter { $0 == 0x0A }.count }, warn: { _ in })
        #expect(status == .success)
        #expect(records == files.count)
    }

    @Test(.enabled(if: hasCorpus && ReferenceDumpers.available, "corpus, python3 or GMime (libgmime-3.0-dev) missing"))
    func agreesWithGMimeAndCPythonConsensus() throws {
        let files = Self.messageFiles()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-conformance-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        var ours = Data()
        _ = InspectRun(format: .jsonl, workers: 2).run(paths: files, write: { ours.append(contentsOf: $0) }, warn: { _ in })
        try ours.write(to: work.appendingPathComponent("dragnet.jsonl"))

        let gmime = try ReferenceDumpers.buildGMime(in: work)
        try ReferenceDumpers.dump(executable: gmime.path, arguments: [], files: files, cwd: Self.corpus, to: work.appendingPathComponent("gmime.jsonl"))
        let pyDump = Self.shared.appendingPathComponent("tools/oracle/py_dump.py").path
        try ReferenceDumpers.dump(executable: "/usr/bin/env", arguments: ["python3", pyDump], files: files, cwd: Self.corpus, to: work.appendingPathComponent("python.jsonl"))

        let report = try ReferenceDumpers.run(
            "/usr/bin/env",
            ["python3", Self.shared.appendingPathComponent("tools/oracle/compare.py").path, "--consensus",
             work.appendingPathComponent("gmime.jsonl").path, work.appendingPathComponent("python.jsonl").path,
             work.appendingPathComponent("dragnet.jsonl").path, "--show", "3"],
            cwd: work)
        let line = report.split(separator: "\n").first { $0.hasPrefix("consensus agreement:") } ?? ""
        let percent = Double(line.split(separator: " ").last?.dropLast() ?? "") ?? 0
        print(report)
        #expect(percent >= 99.5, "consensus agreement \(percent)% is below 99.5%:\n\(report)")
    }
}

/// Builds and runs the reference dumpers of `../shared/tools/oracle` in a temporary folder.
enum ReferenceDumpers {
    static var available: Bool {
        (try? run("/usr/bin/env", ["pkg-config", "--exists", "gmime-3.0"], cwd: URL(fileURLWithPath: "/"))) != nil
            && (try? run("/usr/bin/env", ["python3", "--version"], cwd: URL(fileURLWithPath: "/"))) != nil
    }

    static func buildGMime(in folder: URL) throws -> URL {
        let output = folder.appendingPathComponent("gmime_dump")
        let flags = try run("/usr/bin/env", ["pkg-config", "--cflags", "--libs", "gmime-3.0"], cwd: folder)
        let source = CorpusConformanceTests.shared.appendingPathComponent("tools/oracle/gmime_dump.c").path
        _ = try run("/usr/bin/env", ["cc", "-O2", source] + flags.split(separator: " ").map(String.init).filter { !$0.isEmpty && $0 != "\n" }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } + ["-o", output.path], cwd: folder)
        return output
    }

    /// Runs a dumper over `files` in chunks (to stay under the argument limit), appending to `to`.
    static func dump(executable: String, arguments: [String], files: [String], cwd: URL, to output: URL) throws {
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(files.count, start + 500)])
            start += chunk.count
            let text = try run(executable, arguments + chunk, cwd: cwd)
            handle.write(Data(text.utf8))
        }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], cwd: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = cwd
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments.prefix(3)) failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
