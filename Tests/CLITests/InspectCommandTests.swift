import Foundation
import Testing

/// End-to-end tests of the built `dragnet` executable: stdout, stderr and exit status.
@Suite
struct InspectCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    @Test func oneRecordPerMessageWithTheContractKeys() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/mime/49-phish-lookalike-html.eml", "Fixtures/mime/28-forwarded-rfc822-phish.eml"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        for key in ["source", "messageId", "subject", "date", "from", "to", "cc", "parts", "defects"] {
            #expect(record[key] != nil, "missing key \(key)")
        }
        let source = try #require(record["source"] as? [String: Any])
        #expect(source["format"] as? String == "eml")
        #expect(source["path"] as? String == "Fixtures/mime/49-phish-lookalike-html.eml")
        #expect(record["date"] as? String == "2026-03-16T07:41:58Z")
        let parts = try #require(record["parts"] as? [[String: Any]])
        #expect(parts.map { $0["path"] as? String } == ["1.1", "1.2"])
        #expect(parts[1]["filename"] as? String == "Voicemail_Message_0316.html")
        #expect(parts[1]["disposition"] as? String == "attachment")
        #expect(parts[1]["text"] == nil, "attachments carry no text")
        #expect((parts[0]["text"] as? String)?.contains("<p>Dear Dana,</p>") == true, "HTML text stays HTML")
        #expect((parts[1]["sha256"] as? String)?.count == 64)
    }

    @Test func linksAreListedWithWhatMailGatewaysWrappedInThem() throws {
        let result = try Dragnet.run([
            "inspect", "Fixtures/gateway-links/eml/phish-safelinks-around-proofpoint-v2-html.eml",
            "Fixtures/gateway-links/eml/malformed-safelinks-cut.eml", "Fixtures/gateway-links/graph-messages.json", "Fixtures/mime/01-simple-plain.eml",
        ])
        #expect(result.status == 0)
        let records = try result.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let phish = "https://evil-login.example/m365/login?user=alice&next=%2Fhome"

        let nested = try #require((records[0]["links"] as? [[String: Any]])?.first)
        #expect(nested["part"] as? String == "1")
        #expect((nested["url"] as? String)?.hasPrefix("https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Furldefense.proofpoint.com") == true)
        #expect(nested["text"] as? String == "Keep my password")
        #expect(nested["unwrapped"] as? String == phish)
        #expect(nested["via"] as? [String] == ["nam02.safelinks.protection.outlook.com", "urldefense.proofpoint.com"])
        #expect(nested["defect"] == nil)

        let cut = try #require((records[1]["links"] as? [[String: Any]])?.first)
        #expect(cut["defect"] as? String == "link.wrapper-malformed")
        #expect(cut["text"] == nil, "a plain-text link has no text")
        let defects = try #require(records[1]["defects"] as? [[String: Any]])
        #expect(defects.contains { $0["code"] as? String == "link.wrapper-malformed" && $0["part"] as? String == "1" })

        // Graph messages: the body's pointer; Mimecast keeps only the domain it names.
        let graph = records.dropFirst(2).dropLast()
        let mimecast = try #require(graph.first { ($0["messageId"] as? String)?.hasPrefix("graph-phish-mimecast-html") == true })
        let link = try #require((mimecast["links"] as? [[String: Any]])?.first)
        #expect(link["part"] as? String == "/body")
        #expect(link["domainHint"] as? String == "evil-login.example")
        #expect(link["unwrapped"] is NSNull)
        #expect(link["defect"] as? String == "link.wrapper-opaque")
        let opaque = try #require((mimecast["defects"] as? [[String: Any]])?.first)
        #expect(opaque["code"] as? String == "link.wrapper-opaque")
        #expect((opaque["part"] as? String)?.hasSuffix("/body") == true)

        // A link no gateway wrote is listed as it is.
        let plain = try #require(records.last?["links"] as? [[String: Any]])
        #expect(plain.allSatisfy { $0["unwrapped"] == nil && $0["via"] == nil })

        // --no-links: no `links` key (not collected is not empty), and no link defects.
        let bare = try Dragnet.run(["inspect", "--no-links", "Fixtures/gateway-links/eml/malformed-safelinks-cut.eml", "Fixtures/gateway-links/graph-messages.json"])
        #expect(bare.status == 0)
        for line in bare.stdout.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(record["links"] == nil)
            #expect((record["defects"] as? [[String: Any]])?.contains { ($0["code"] as? String)?.hasPrefix("link.") == true } == false)
        }
    }

    @Test func foldersAreSearchedRecursivelyInSortedOrder() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/mime"])
        let paths = result.stdout.split(separator: "\n").compactMap { line -> String? in
            let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (record?["source"] as? [String: Any])?["path"] as? String
        }
        #expect(paths.contains("Fixtures/mime/01-simple-plain.eml"))
        #expect(paths == paths.sorted())
        // Every message fixture yields exactly one record; the empty file is no message and is said so.
        let emlCount = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent("mime").path).filter { $0.hasSuffix(".eml") }.count
        #expect(paths.filter { $0.hasSuffix(".eml") }.count == emlCount - 1)
        #expect(result.stderr.contains("Fixtures/mime/46-empty.eml: warning: [input.unrecognised] an empty file"))
    }

    @Test func unreadablePathGivesOneLineAndExitStatusThree() throws {
        // A FIFO is never opened: one line, and exit status 3 once the others are done. (A path that
        // does not exist is a bad argument: exit status 2 before anything is read.)
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-inspect-\(getpid())-\(UUID().uuidString).pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let result = try Dragnet.run(["inspect", "Fixtures/mime/01-simple-plain.eml", fifo, "Fixtures/mime/04-encoded-words-subject.eml"])
        #expect(result.status == 3)
        #expect(result.stdout.split(separator: "\n").count == 2, "the readable inputs are still reported")
        #expect(result.stderr.hasPrefix("\(fifo): error: [input.not-a-file]"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let missing = try Dragnet.run(["inspect", "Fixtures/mime/01-simple-plain.eml", "Fixtures/does-not-exist.eml"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr == "Fixtures/does-not-exist.eml: error: [input.not-found] no such file or folder\n")
    }

    @Test func treeFormatShowsTheMIMETree() throws {
        let result = try Dragnet.run(["inspect", "--format", "tree", "Fixtures/mime/28-forwarded-rfc822-phish.eml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("== Fixtures/mime/28-forwarded-rfc822-phish.eml (eml)\n1 multipart/mixed\n"))
        #expect(result.stdout.contains("  1.2 message/rfc822 \"Unusual sign-in activity.eml\" attachment\n"))
        #expect(result.stdout.contains("      1.2.1.2 application/zip \"Statement_0311.zip\" attachment base64 169 bytes\n"))
    }

    @Test func thousandsOfPathArgumentsAreAccepted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-args-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = try Data(contentsOf: URL(fileURLWithPath: "Fixtures/mime/01-simple-plain.eml"))
        var paths: [String] = []
        for n in 0..<300 {
            let path = folder.appendingPathComponent("m\(n).eml").path
            try message.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let result = try Dragnet.run(["inspect", "--jobs", "2"] + paths)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 300)
    }

    @Test func aPathGivenTwiceIsReadOnce() throws {
        let result = try Dragnet.run(["inspect", "Fixtures/mime/01-simple-plain.eml", "Fixtures/mime/01-simple-plain.eml"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func badArgumentsExitWithStatusTwo() throws {
        let result = try Dragnet.run(["inspect", "--format", "xml", "Fixtures/mime/01-simple-plain.eml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("xml"))
    }

    @Test func helpTextIsPinned() throws {
        let result = try Dragnet.run(["inspect", "--help"])
        #expect(result.status == 0)
        let golden = Self.fixtures.appendingPathComponent("cli/inspect-help.txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(result.stdout.utf8).write(to: golden)
        }
        let expected = try #require(FileManager.default.contents(atPath: golden.path), "missing golden \(golden.path); RECORD_GOLDENS=1 writes it")
        #expect(result.stdout == String(decoding: expected, as: UTF8.self))
    }
}

/// Runs the `dragnet` executable built next to the test bundle, from the package root.
enum Dragnet {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        // The test bundle lives in the build products folder, beside the `dragnet` executable.
        let products = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("dragnet")
    }

    static func run(_ arguments: [String]) throws -> Result {
        try run(program: executable, arguments)
    }

    /// Runs `program` (a shell, `unshare`, `spark-submit`) with `arguments`, from the package root.
    static func run(program: URL, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = InspectCommandTests.packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
