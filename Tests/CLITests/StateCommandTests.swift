import Foundation
import GRDB
import Testing

/// `dragnet investigate --state` end to end: reports equal those of runs without state, state files
/// that cannot be used exit with status 2, and a process killed with SIGKILL at any moment loses
/// nothing and counts nothing twice.
@Suite(.serialized)
struct StateCommandTests {
    static let campaign = InspectCommandTests.packageRoot.appendingPathComponent("Fixtures/investigations/invoice-lure.yaml").path

    /// A temporary copy of the sample tenant, grown with an mbox and a JSON Lines file long enough to
    /// be killed in the middle of.
    final class Workspace {
        let folder: URL
        var tenant: String { folder.appendingPathComponent("tenant").path }
        var state: String { folder.appendingPathComponent("state.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-statecli-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: InspectCommandTests.packageRoot.appendingPathComponent("Fixtures/sample-tenant").path, toPath: tenant)
            // Bruno's inbox three times over as an mbox, and David's JSON Lines twice: more items in two growing files.
            let inbox = tenant + "/bruno.keller@fabrikam.example/Inbox"
            var mbox: [UInt8] = []
            for round in 0..<3 {
                for name in try FileManager.default.contentsOfDirectory(atPath: inbox).sorted() {
                    mbox += Array("From round\(round)@example.com Mon Nov 23 10:00:00 2026\n".utf8)
                    mbox += Array(try Data(contentsOf: URL(fileURLWithPath: inbox + "/" + name))) + [0x0A]
                }
            }
            try Data(mbox).write(to: URL(fileURLWithPath: tenant + "/bruno.keller@fabrikam.example/archive.mbox"))
            let jsonl = tenant + "/david.okafor@fabrikam.example/messages.jsonl"
            let lines = try Data(contentsOf: URL(fileURLWithPath: jsonl))
            try (lines + lines).write(to: URL(fileURLWithPath: jsonl))
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Every file of the tenant modified an hour ago, as an export handed over is: a run's
        /// identities then prove contents, and it keeps a summary that a re-run folds whole.
        func settle() throws {
            let past = Date(timeIntervalSinceNow: -3600)
            let walker = FileManager.default.enumerator(atPath: tenant)
            while let relative = walker?.nextObject() as? String {
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: tenant + "/" + relative)
            }
        }

        func run(_ extra: [String] = [], investigation: String = StateCommandTests.campaign) throws -> Dragnet.Result {
            try Dragnet.run(["investigate", "--investigation", investigation, "--state", state] + extra + [tenant])
        }

        func stateless(investigation: String = StateCommandTests.campaign) throws -> Dragnet.Result {
            try Dragnet.run(["investigate", "--investigation", investigation, tenant])
        }
    }

    /// The report without what says how the run went (`run`, the summary's duration).
    static func comparable(_ json: String) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        object["run"] = nil
        var summary = try #require(object["summary"] as? [String: Any])
        summary["durationSeconds"] = nil
        object["summary"] = summary
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func runInfo(_ json: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["run"] as? [String: Any])
    }

    @Test func aStatefulRunWritesTheReportARunWithoutStateWrites() throws {
        let workspace = try Workspace()
        let expected = try workspace.stateless()
        let first = try workspace.run()
        #expect(first.status == expected.status)
        #expect(try Self.comparable(first.stdout) == Self.comparable(expected.stdout))
        let again = try workspace.run(["--output", workspace.folder.appendingPathComponent("report.json").path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("State: \(workspace.state):"), "the summary line says what the state did")
        let report = try String(contentsOf: workspace.folder.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(try Self.comparable(report) == Self.comparable(expected.stdout))
        let run = try Self.runInfo(report)
        let total = try #require(try Self.runInfo(expected.stdout)["itemsEvaluated"] as? Int)
        #expect((run["itemsReused"] as? Int ?? 0) > total / 3, "what the first run read is reused")
        #expect((run["itemsEvaluated"] as? Int ?? 0) + (run["itemsReused"] as? Int ?? 0) == total)
        #expect((run["options"] as? [String: Any])?["state"] == nil, "the state is not an option of the report")
    }

    /// The whole tenant (attachments kept apart in four mailboxes) dated an hour back, as evidence
    /// received is: an unchanged re-run evaluates nothing and writes the same report.
    @Test func anUnchangedReRunEvaluatesNothing() throws {
        let workspace = try Workspace()
        try workspace.settle()
        let expected = try workspace.stateless()
        let first = try workspace.run(["--format", "json"])
        let again = try workspace.run(["--format", "json"])
        #expect(try Self.comparable(again.stdout) == Self.comparable(expected.stdout))
        let total = try #require(try Self.runInfo(first.stdout)["itemsEvaluated"] as? Int)
        #expect(try Self.runInfo(again.stdout)["itemsEvaluated"] as? Int == 0)
        #expect(try Self.runInfo(again.stdout)["itemsReused"] as? Int == total)
    }

    /// An unchanged re-run folds the last round's summary on a thread of its own: a summary that
    /// cannot be read is a damaged state there too (exit 2), never a crash or a partial report.
    @Test func aReRunThatFindsNothingNewWritesNothing() throws {
        let workspace = try Workspace()
        try workspace.settle()
        let first = try workspace.run()
        #expect(first.status == 0)
        let state = try Data(contentsOf: URL(fileURLWithPath: workspace.state))
        let again = try workspace.run()
        #expect(again.status == 0)
        #expect(again.stdout.count == first.stdout.count, "the same report")
        // Not even `lastRun`: the state is the same bytes, and no log is left beside it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.state)) == state)
        #expect(!FileManager.default.fileExists(atPath: workspace.state + "-wal"))
        // A run that reads something new writes its time.
        let lastRun = { try DatabaseQueue(path: workspace.state).read { db in try String.fetchOne(db, sql: "SELECT lastRun FROM investigation") } }
        let before = try lastRun()
        try Data("From: a@example.com\nSubject: new\n\nbody\n".utf8).write(to: URL(fileURLWithPath: workspace.tenant + "/bruno.keller@fabrikam.example/Inbox/zz-new-message.eml"))
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try workspace.run().status == 0)
        #expect(try lastRun() != before)
    }

    @Test func aDamagedSummaryIsADamagedState() throws {
        let workspace = try Workspace()
        try workspace.settle()
        #expect(try workspace.run().status == 0)
        let kept = try DatabaseQueue(path: workspace.state).write { db in
            // The summary's version byte made one no Dragnet writes.
            try db.execute(sql: "UPDATE summary SET body = x'09' || substr(body, 2)")
            return db.changesCount
        }
        #expect(kept == 1, "the first run kept a summary")
        let damaged = try workspace.run()
        #expect(damaged.status == 2, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("\(workspace.state): error: [state.corrupt]") && damaged.stderr.contains("summary"), "\(damaged.stderr)")
        #expect(damaged.stdout.isEmpty)
    }

    /// A new state is created while the export is walked; a run that fails before it starts (its
    /// investigation cannot be read) removes it again, and leaves a state that was there as it was.
    @Test func aRunThatFailsBeforeItStartsLeavesNoNewState() throws {
        let workspace = try Workspace()
        let broken = workspace.folder.appendingPathComponent("broken.yaml").path
        try Data("name: [unclosed\nfilters: {".utf8).write(to: URL(fileURLWithPath: broken))
        let failed = try workspace.run(investigation: broken)
        #expect(failed.status == 2, "\(failed.stderr)")
        for suffix in ["", "-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: workspace.state + suffix), "\(suffix)")
        }
        // A state that exists stays, the same bytes.
        #expect(try workspace.run().status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace.state))
        #expect(try workspace.run(investigation: broken).status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.state)) == before)
        // And a new one is made by a run that starts.
        try FileManager.default.removeItem(atPath: workspace.state)
        let made = try workspace.run()
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.state))
    }

    @Test func aStateThatCannotBeUsedExitsTwoWithOneClearLine() throws {
        let workspace = try Workspace()
        let notes = workspace.folder.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "case notes\n", count: 500).utf8).write(to: URL(fileURLWithPath: notes))
        let other = workspace.folder.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        for (path, code) in [(notes, "state.not-a-database"), (other, "state.foreign")] {
            let result = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--state", path, workspace.tenant])
            #expect(result.status == 2, "\(code)")
            #expect(result.stderr.contains("\(path): error: [\(code)]"), "\(code): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        // A state of a newer Dragnet.
        #expect(try workspace.run().status == 0)
        try DatabaseQueue(path: workspace.state).write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        let newer = try workspace.run()
        #expect(newer.status == 2 && newer.stderr.contains("[state.newer]"))
        // A stored record damaged: refused, never a crash.
        try DatabaseQueue(path: workspace.state).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v99'")
            try db.execute(sql: "UPDATE outcome SET record = x'7B226B696E64223A2268616D227D' WHERE seq = 0")
            // Records kept in files' rows: one record of the same damaged bytes.
            try db.execute(sql: "UPDATE file SET records = x'0E7B226B696E64223A2268616D227D' WHERE records IS NOT NULL AND outcomes = 1")
        }
        let damaged = try workspace.run()
        #expect(damaged.status == 2 && damaged.stderr.contains("[state.corrupt]"), "\(damaged.stderr)")
        // Kept beside the evidence, or over a file of the run: refused before anything is read.
        let inside = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--state", workspace.tenant + "/state.sqlite", workspace.tenant])
        #expect(inside.status == 2 && inside.stderr.contains("inside the evidence folder"))
        #expect(!FileManager.default.fileExists(atPath: workspace.tenant + "/state.sqlite"))
        let over = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--state", Self.campaign, workspace.tenant])
        #expect(over.status == 2)
    }

    /// Killed with SIGKILL after so many items (inside files, transactions and batches of commits),
    /// again and again, on a first run and on a run over grown files: each next run goes on from what
    /// was committed, and the report of the run that completes is the one an uninterrupted run writes.
    @Test(arguments: [1, 2])
    func killedAtSeveralPointsTheStateStaysRight(jobs: Int) throws {
        let workspace = try Workspace()
        func check(_ step: String) throws {
            let expected = try workspace.stateless()
            let total = try #require(try Self.runInfo(expected.stdout)["itemsEvaluated"] as? Int)
            let after = try workspace.run(["--jobs", String(jobs)])
            #expect(after.status == expected.status)
            #expect(try Self.comparable(after.stdout) == Self.comparable(expected.stdout), "\(step)")
            let run = try Self.runInfo(after.stdout)
            #expect((run["itemsEvaluated"] as? Int ?? -1) + (run["itemsReused"] as? Int ?? -1) == total, "\(step): no item lost or counted twice")
        }
        var killed = 0
        for point in [40, 60, 150] {
            let result = try workspace.run(["--jobs", String(jobs), "--test-kill-after-items", String(point)])
            if result.status == 9 { killed += 1 }
        }
        #expect(killed == 3, "each run was killed (status 9): it had that many items left to read")
        try check("after three killed first runs")

        // Grown: 40 more messages in the mbox, the JSON Lines file again, 12 more EML files.
        let mbox = workspace.tenant + "/bruno.keller@fabrikam.example/archive.mbox"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mbox))
        try handle.seekToEnd()
        for index in 0..<40 {
            try handle.write(contentsOf: Data("From grown@example.com Mon Nov 23 11:00:00 2026\nSubject: grown \(index)\nFrom: a@b.example\n\nOverdue invoice INV-204981 body \(index)\n\n".utf8))
        }
        try handle.close()
        let jsonl = workspace.tenant + "/david.okafor@fabrikam.example/messages.jsonl"
        let lines = try Data(contentsOf: URL(fileURLWithPath: jsonl))
        try (lines + lines.prefix(20_000)).write(to: URL(fileURLWithPath: jsonl))
        let inbox = workspace.tenant + "/emma.schulz@fabrikam.example/Inbox"
        for (index, name) in try FileManager.default.contentsOfDirectory(atPath: inbox).sorted().enumerated() {
            try FileManager.default.copyItem(atPath: inbox + "/" + name, toPath: inbox + "/copy-\(index).eml")
        }
        killed = 0
        for point in [5, 30] {
            let result = try workspace.run(["--jobs", String(jobs), "--test-kill-after-items", String(point)])
            if result.status == 9 { killed += 1 }
        }
        #expect(killed == 2)
        try check("after two killed runs over grown files")
    }
}
