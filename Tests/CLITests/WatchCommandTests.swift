import Foundation
import Testing

/// `dragnet watch` end to end over a folder that the test fills while it runs. Nothing here sleeps a
/// fixed time: the test waits for the watch's own events (polled) before each next step.
@Suite(.serialized)
struct WatchCommandTests {
    static let root = InspectCommandTests.packageRoot
    static let campaign = root.appendingPathComponent("Fixtures/investigations/invoice-lure.yaml").path
    static let body = root.appendingPathComponent("Fixtures/investigations/invoice-lure-body.yaml").path
    static let tenant = root.appendingPathComponent("Fixtures/sample-tenant").path

    /// A `dragnet watch` running in the background; its events go to a file the test reads.
    final class Watcher {
        let folder: URL
        let process = Process()
        var events: String { folder.appendingPathComponent("events.jsonl").path }
        var reports: String { folder.appendingPathComponent("reports").path }
        var state: String { folder.appendingPathComponent("state.sqlite").path }
        var export: String { folder.appendingPathComponent("export").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-watch-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("export").path, withIntermediateDirectories: true)
        }

        deinit {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: folder)
        }

        func start(_ options: [String], investigations: [String] = [WatchCommandTests.campaign]) throws {
            process.executableURL = Dragnet.executable
            process.arguments = ["watch", "--state", state, "--events", events, "--report-dir", reports]
                + investigations.flatMap { ["--investigation", $0] } + options + [export]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("stderr.txt").path, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: folder.appendingPathComponent("stderr.txt").path)
            try process.run()
        }

        /// The events written so far (complete lines only).
        func read() -> [[String: Any]] {
            guard let data = FileManager.default.contents(atPath: events) else { return [] }
            return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
                try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            }
        }

        func scans() -> Int { read().filter { $0["event"] as? String == "scan" }.count }

        /// Waits until `count` scan events were written (polling; fails after a generous time).
        func waitForScans(_ count: Int) throws {
            let limit = Date(timeIntervalSinceNow: 600)
            while scans() < count {
                if !process.isRunning { break }
                try #require(Date() < limit, "no scan event \(count) within ten minutes")
                usleep(20_000)
            }
        }

        /// Waits for a round that starts after now to end: two more scan events.
        func waitForAFreshRound() throws { try waitForScans(scans() + 2) }

        func stop(_ signal: Int32 = SIGTERM) {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }

        func path(_ relative: String) -> String { export + "/" + relative }

        func copy(_ relative: String, from source: String = WatchCommandTests.tenant) throws {
            let target = path(relative)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source + "/" + relative, toPath: target)
        }

        func append(_ bytes: Data, to relative: String) throws {
            if !FileManager.default.fileExists(atPath: path(relative)) {
                try FileManager.default.createDirectory(atPath: (path(relative) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: path(relative), contents: nil)
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path(relative)))
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
            try handle.close()
        }
    }

    static func sourceKey(_ event: [String: Any]) -> String {
        let source = event["source"] as? [String: Any] ?? [:]
        return ["path", "index", "offset", "pointer", "line"].map { "\(source[$0] ?? "-")" }.joined(separator: "|")
    }

    @Test func eachMatchIsEmittedOnceWhileTheFolderFillsAndTheReportsEndAsARunWithoutState() throws {
        let watcher = try Watcher()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.tenant).sorted()
        // At first: the directory and three mailboxes.
        for name in ["users.json", "groups.json", "bruno.keller@fabrikam.example", "grace.lee@fabrikam.example", "farid.haddad@fabrikam.example"] {
            try watcher.copy(name)
        }
        let jsonl = try Data(contentsOf: URL(fileURLWithPath: Self.tenant + "/david.okafor@fabrikam.example/messages.jsonl"))
        let half = jsonl.prefix(jsonl.count / 2)
        try watcher.append(Data(half), to: "david.okafor@fabrikam.example/messages.jsonl")
        try watcher.start(["--interval", "0.05", "--for", "1d"], investigations: [Self.campaign, Self.body])
        try watcher.waitForScans(1)

        // Mailboxes arrive (their folder lists too).
        // Among them two that keep attachments apart, and a third whose attachments come a round later.
        for name in names where name.hasPrefix("alice") || name.hasPrefix("chloe") || name.hasPrefix("emma")
            || name.hasPrefix("supplier.invoices") || name.hasPrefix("freight.claims")
        {
            try watcher.copy(name)
        }
        try watcher.copy("customs.desk@fabrikam.example/mailFolders.json")
        try watcher.copy("customs.desk@fabrikam.example/messages.json")
        try watcher.waitForAFreshRound()
        try watcher.copy("customs.desk@fabrikam.example/attachments.jsonl")
        try watcher.waitForAFreshRound()
        // The JSON Lines file grows, first to the middle of a line: the cut line waits, not reported as broken.
        let rest = jsonl.suffix(from: half.endIndex)
        let middle = rest.startIndex + rest.count / 2
        try watcher.append(Data(rest[..<middle]), to: "david.okafor@fabrikam.example/messages.jsonl")
        try watcher.waitForAFreshRound()
        try watcher.append(Data(rest[middle...]), to: "david.okafor@fabrikam.example/messages.jsonl")
        try watcher.copy("david.okafor@fabrikam.example/mailFolders.json")
        try watcher.copy("david.okafor@fabrikam.example/reported-phish-forward.json")
        try watcher.waitForAFreshRound()
        // An mbox appears, and grows by a message cut in the middle, then completed.
        let inbox = Self.tenant + "/bruno.keller@fabrikam.example/Inbox"
        var mbox = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox).sorted() {
            mbox += Data("From archive@example.com Mon Nov 23 10:00:00 2026\n".utf8) + (try Data(contentsOf: URL(fileURLWithPath: inbox + "/" + name))) + Data("\n".utf8)
        }
        let cut = mbox.count * 3 / 4
        try watcher.append(Data(mbox.prefix(mbox.count / 2)), to: "mbox/archive.mbox")
        try watcher.waitForAFreshRound()
        try watcher.append(Data(mbox[(mbox.count / 2)..<cut]), to: "mbox/archive.mbox")
        try watcher.waitForAFreshRound()
        try watcher.append(Data(mbox[cut...]), to: "mbox/archive.mbox")
        // The last mailbox.
        try watcher.copy("henry.wu@fabrikam.example")
        try watcher.waitForAFreshRound()
        watcher.stop(SIGTERM)
        #expect(watcher.process.terminationStatus == 0)

        let events = watcher.read()
        let end = try #require(events.last)
        #expect(end["event"] as? String == "finished" && end["reason"] as? String == "signal")
        // Every round ran to its end but perhaps the last, which the signal stopped.
        #expect(events.filter { $0["event"] as? String == "scan" }.dropLast().allSatisfy { $0["complete"] as? Bool == true })
        for investigation in [Self.campaign, Self.body] {
            let expected = try Dragnet.run(["investigate", "--investigation", investigation, watcher.export])
            #expect(expected.status == 0)
            let matches = events.filter { $0["event"] as? String == "match" && $0["investigationFile"] as? String == investigation }
            let emitted = matches.map(Self.sourceKey)
            #expect(Set(emitted).count == emitted.count, "no match emitted twice")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? [String: Any])
            let rows = try #require(report["matches"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            #expect(Set(emitted) == Set(rows.map(Self.sourceKey)), "every match of the final export, and only those")
            let name = ((investigation as NSString).lastPathComponent as NSString).deletingPathExtension + ".json"
            let written = try String(contentsOfFile: watcher.reports + "/" + name, encoding: .utf8)
            #expect(try StateCommandTests.comparable(written) == StateCommandTests.comparable(expected.stdout), "\(name)")
            #expect(!written.contains("unexpected-end-of-file"))
        }
    }

    @Test func roundsDurationSignalsAndExpiry() throws {
        // A number of rounds.
        let rounds = try Watcher()
        try rounds.copy("grace.lee@fabrikam.example")
        try rounds.start(["--rounds", "2", "--interval", "0"])
        rounds.process.waitUntilExit()
        #expect(rounds.process.terminationStatus == 0)
        let events = rounds.read()
        #expect(events.map { $0["event"] as? String ?? "" }.filter { $0 != "match" } == ["scan", "scan", "finished"])
        #expect(events.last?["reason"] as? String == "rounds")
        #expect(events.filter { $0["event"] as? String == "match" }.count == 1, "Grace's copy of the lure, once")
        #expect(FileManager.default.fileExists(atPath: rounds.reports + "/invoice-lure.json"))

        // --for runs out between rounds: finished.
        let timed = try Watcher()
        try timed.copy("grace.lee@fabrikam.example")
        let started = Date()
        try timed.start(["--for", "2s", "--interval", "600"])
        timed.process.waitUntilExit()
        #expect(Date().timeIntervalSince(started) >= 2)
        #expect(timed.read().last?["event"] as? String == "finished")
        #expect(timed.read().last?["reason"] as? String == "duration")

        // --for runs out during a round: expired; what the round read is kept, and a run goes on from it.
        let slow = try Watcher()
        try slow.copy("bruno.keller@fabrikam.example")
        try slow.start(["--for", "6s", "--interval", "0", "--test-item-pause", "1"])
        slow.process.waitUntilExit()
        let last = slow.read()
        #expect(last.last?["event"] as? String == "expired")
        #expect(last.filter { $0["event"] as? String == "scan" }.first?["complete"] as? Bool == false)
        let resumed = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--state", slow.state, slow.export])
        let fresh = try Dragnet.run(["investigate", "--investigation", Self.campaign, slow.export])
        #expect(try StateCommandTests.comparable(resumed.stdout) == StateCommandTests.comparable(fresh.stdout))
        #expect((try StateCommandTests.runInfo(resumed.stdout)["itemsReused"] as? Int ?? 0) > 0)

        // SIGINT while waiting between rounds: finished, reason signal.
        let interrupted = try Watcher()
        try interrupted.copy("grace.lee@fabrikam.example")
        try interrupted.start(["--interval", "600"])
        try interrupted.waitForScans(1)
        interrupted.stop(SIGINT)
        #expect(interrupted.process.terminationStatus == 0)
        #expect(interrupted.read().last?["event"] as? String == "finished")
        #expect(interrupted.read().last?["reason"] as? String == "signal")
    }
}
