import Foundation
import Testing

/// `dragnet investigate --shard K/N --format partial` and `dragnet merge` end to end, with and
/// without a state per shard, refused merges (exit 2), and the Spark runner in local mode.
@Suite(.serialized)
struct ShardCommandTests {
    static let campaign = StateCommandTests.campaign
    static let tenant = "Fixtures/sample-tenant"

    final class Workspace {
        let folder: URL

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-shards-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        /// Runs shard K of N into `pK-of-N.jsonl`, with a state of its own when asked.
        func shard(_ k: Int, of n: Int, state: Bool = false, extra: [String] = []) throws -> Dragnet.Result {
            let stateOption = state ? ["--state", path("state-\(k)-of-\(n).sqlite")] : []
            return try Dragnet.run(
                ["investigate", "--investigation", ShardCommandTests.campaign, "--shard", "\(k)/\(n)", "--format", "partial", "--output", path("p\(k)-of-\(n).jsonl")]
                    + stateOption + extra + [ShardCommandTests.tenant])
        }
    }

    @Test func shardsMergedInAnyOrderGiveTheSingleRunsReport() throws {
        let workspace = try Workspace()
        let single = try Dragnet.run(["investigate", "--investigation", Self.campaign, Self.tenant])
        for k in 1...3 {
            let shard = try workspace.shard(k, of: 3)
            #expect(shard.status == single.status, "shard \(k): \(shard.stderr)")
            #expect(shard.stdout.contains("Shard \(k)/3:"))
        }
        let merged = try Dragnet.run(["merge", workspace.path("p3-of-3.jsonl"), workspace.path("p1-of-3.jsonl"), workspace.path("p2-of-3.jsonl")])
        #expect(merged.status == single.status, "\(merged.stderr)")
        #expect(try StateCommandTests.comparable(merged.stdout) == StateCommandTests.comparable(single.stdout))
        // Every format from the same partials: CSV carries no timing, so it is the same bytes.
        let csv = try Dragnet.run(["merge", "--format", "csv", workspace.path("p2-of-3.jsonl"), workspace.path("p1-of-3.jsonl"), workspace.path("p3-of-3.jsonl")])
        let singleCSV = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--format", "csv", Self.tenant])
        #expect(csv.stdout == singleCSV.stdout)
        let run = try StateCommandTests.runInfo(merged.stdout)
        let singleRun = try StateCommandTests.runInfo(single.stdout)
        #expect(run["itemsEvaluated"] as? Int == singleRun["itemsEvaluated"] as? Int)
        #expect(run["inputs"] as? [String] == [Self.tenant])
    }

    @Test func shardsWithAStateEachGiveTheSameReportAndReuseOnTheSecondRun() throws {
        let workspace = try Workspace()
        let single = try Dragnet.run(["investigate", "--investigation", Self.campaign, Self.tenant])
        for round in 0..<2 {
            for k in 1...2 {
                let shard = try workspace.shard(k, of: 2, state: true)
                #expect(shard.status == single.status, "\(shard.stderr)")
                if round == 1 { #expect(!shard.stdout.contains(" 0 reused"), "the second run reuses what the first stored: \(shard.stdout)") }
            }
            let merged = try Dragnet.run(["merge", workspace.path("p2-of-2.jsonl"), workspace.path("p1-of-2.jsonl")])
            #expect(merged.status == single.status, "\(merged.stderr)")
            #expect(try StateCommandTests.comparable(merged.stdout) == StateCommandTests.comparable(single.stdout), "round \(round)")
        }
    }

    @Test func partialsThatAreNotOneRunsShardsExitWithStatusTwo() throws {
        let workspace = try Workspace()
        for k in 1...3 { _ = try workspace.shard(k, of: 3) }
        _ = try workspace.shard(1, of: 2)
        let missing = try Dragnet.run(["merge", workspace.path("p1-of-3.jsonl"), workspace.path("p3-of-3.jsonl")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("[partial.missing-shard] shard 2/3 missing"))
        #expect(missing.stdout.isEmpty, "no partial report")
        let twice = try Dragnet.run(["merge", workspace.path("p1-of-3.jsonl"), workspace.path("p2-of-3.jsonl"), workspace.path("p3-of-3.jsonl"), workspace.path("p2-of-3.jsonl")])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("[partial.duplicate-shard]"))
        let mixed = try Dragnet.run(["merge", workspace.path("p1-of-2.jsonl"), workspace.path("p2-of-3.jsonl"), workspace.path("p3-of-3.jsonl")])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("[partial.other-shard-count]"))
        let report = try Dragnet.run(["merge", Self.campaign])
        #expect(report.status == 2)
        #expect(report.stderr.contains("[partial.not-a-partial]"))
        let noFormat = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--shard", "1/2", Self.tenant])
        #expect(noFormat.status == 2)
        let badShard = try Dragnet.run(["investigate", "--investigation", Self.campaign, "--shard", "3/2", "--format", "partial", Self.tenant])
        #expect(badShard.status == 2)
    }

    // MARK: Apache Spark

    /// spark-submit, when it, Java 17 or later and pyspark are installed (else the Spark test is skipped).
    static let sparkSubmit: String? = {
        guard let path = ProcessInfo.processInfo.environment["PATH"] else { return nil }
        let found = path.split(separator: ":").map { "\($0)/spark-submit" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let found, let java = output(["java", "-version"]), output(["python3", "-c", "import pyspark"]) != nil else { return nil }
        // `openjdk version "17.0.15"`: Spark 4 needs 17 or later.
        guard let quoted = java.split(separator: "\"").dropFirst().first, let major = Int(quoted.prefix { $0.isNumber }), major >= 17 else {
            return nil
        }
        return found
    }()

    /// What a command printed (standard output and error), or nil when it failed or is missing.
    static func output(_ command: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    static func sparkRun(_ arguments: [String]) throws -> Dragnet.Result {
        try Dragnet.run(
            program: URL(fileURLWithPath: try #require(sparkSubmit)),
            ["--master", "local[2]", "--conf", "spark.ui.enabled=false", "scripts/spark/run.py"] + arguments)
    }

    @Test(.enabled(if: sparkSubmit != nil, "spark-submit, java and pyspark are needed"))
    func theSparkRunnerInLocalModeGivesTheSingleRunsReportAndFailsWithAShardsError() throws {
        let workspace = try Workspace()
        let single = try Dragnet.run(["investigate", "--investigation", Self.campaign, Self.tenant])
        let report = workspace.path("spark.json")
        let spark = try Self.sparkRun([
            "--dragnet", Dragnet.executable.path, "--investigation", Self.campaign, "--shards", "3", "--output", report, Self.tenant,
        ])
        #expect(spark.status == single.status, "\(spark.stderr.suffix(2000))")
        let merged = try String(contentsOfFile: report, encoding: .utf8)
        #expect(try StateCommandTests.comparable(merged) == StateCommandTests.comparable(single.stdout))

        // A shard that fails for good (here: every time) fails the job with its error output.
        let failing = workspace.path("dragnet-failing")
        try "#!/bin/sh\necho \"shard says: the export is not mounted here\" >&2\nexit 1\n".write(toFile: failing, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing)
        let failed = try Self.sparkRun([
            "--dragnet", failing, "--investigation", Self.campaign, "--shards", "2", "--output", workspace.path("never.json"), Self.tenant,
        ])
        // spark-submit hands the driver's standard error on to its standard output.
        let said = failed.stdout + failed.stderr
        #expect(failed.status == 1)
        #expect(said.contains("dragnet spark: a shard failed for good"))
        // Both shards fail; whichever Spark gives up on first is the one named.
        #expect(["1/2", "2/2"].contains { said.contains("DRAGNET-SHARD-FAILED shard=\($0) status=1\nshard says: the export is not mounted here") })
        #expect(!FileManager.default.fileExists(atPath: workspace.path("never.json")))
    }
}
