import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MailModel
import Reports

/// Sharded runs (``ShardPlan``, ``ShardRun``) merged (``PartialMerge``) give the report of one run,
/// byte for byte in every format apart from the run's timing, whatever the shard count and the order
/// the partials come in; partials that are not the shards of one run are refused.
@Suite
struct ShardMergeTests {
    static let tenant = InvestigationRunTests.tenant
    static let investigations = ["invoice-lure.yaml", "finance-inbox-warning.yaml"].map {
        InvestigationRunTests.root.appendingPathComponent("Fixtures/investigations/\($0)").path
    }

    /// A small deterministic generator (SplitMix64) for shuffling partials.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func load(_ path: String) throws -> (Investigation, String) {
        let scan = ExportScan(paths: [tenant])
        let investigation = try InvestigationFile.load(path: path, directory: ExportDirectoryInfo.read(scan: scan)).investigation
        let text = try #require(InvestigationFile.text(of: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        return (investigation, text)
    }

    static func partial(_ investigation: Investigation, text: String, shard: Int, of count: Int, paths: [String] = [tenant]) -> [UInt8] {
        var bytes: [UInt8] = []
        let runner = InvestigationRunner(investigation: investigation, workers: 2)
        let shardRun = ShardRun(
            plan: ShardPlan(paths: paths, index: shard, count: count), toolVersion: "test", runOptions: ["jobs": "2"],
            investigationPath: investigation.path, investigationText: text)
        let result = shardRun.run(runner, scan: ExportScan(paths: paths, workers: 2), paths: paths) { bytes += $0 }
        #expect(result.followedPlan)
        return bytes
    }

    /// The report with the run's timing (and what says how it was run) made equal.
    static func comparable(_ report: InvestigationReport) -> InvestigationReport {
        var report = report
        report.run = InvestigationReport.RunInfo(toolVersion: "test", options: ["format": "x"], startTime: "2026-12-05T00:00:00Z", inputs: [tenant], durationSeconds: 1)
        report.summary.durationSeconds = 1
        return report
    }

    @Test(arguments: [1, 2, 3, 7])
    func mergedShardsGiveTheSingleRunsReportInEveryFormat(count: Int) throws {
        for path in Self.investigations {
            let (investigation, text) = try Self.load(path)
            let (single, singleStatus) = InvestigationRunner(investigation: investigation, workers: 2).run(
                paths: [Self.tenant], toolVersion: "test", runOptions: [:])
            let merge = PartialMerge()
            var partials = try (1...count).map { shard in
                try merge.read(Self.partial(investigation, text: text, shard: shard, of: count), path: "shard-\(shard)")
            }
            var generator = SeededGenerator(state: UInt64(count) * 7919)
            partials.shuffle(using: &generator)
            let (merged, status) = try merge.merge(partials, toolVersion: "test", runOptions: ["format": "json"], startedAt: 0)
            #expect(status == singleStatus)
            #expect(merged.run.itemsEvaluated == single.run.itemsEvaluated)
            #expect(merged.matches.count == single.matches.count)
            #expect(!single.matches.isEmpty || path.hasSuffix("warning.yaml"))
            for format in ReportFormat.allCases {
                let expected = format.writer.render(Self.comparable(single))
                let actual = format.writer.render(Self.comparable(merged))
                #expect(actual == expected, "\(format) report of \(count) shards of \(path)")
            }
        }
    }

    /// A missing input and a repeated one are findings of the walk that every shard makes: the merged
    /// report has each once, in its place, and the run's exit status 3.
    @Test func findingsOfTheWalkThatAreNoFileComeOnceInTheMergedReport() throws {
        let (investigation, text) = try Self.load(Self.investigations[0])
        let paths = [Self.tenant + "/bruno.keller@fabrikam.example", "/nonexistent/dragnet-shard-input", Self.tenant, Self.tenant + "/groups.json"]
        let (single, singleStatus) = InvestigationRunner(investigation: investigation, workers: 2).run(paths: paths, toolVersion: "test", runOptions: [:])
        #expect(singleStatus == .partlyUnreadable)
        #expect(single.diagnostics.contains { $0.code == "input.repeated" })
        let merge = PartialMerge()
        for count in [2, 5] {
            let partials = try (1...count).reversed().map { shard in
                try merge.read(Self.partial(investigation, text: text, shard: shard, of: count, paths: paths), path: "shard-\(shard)")
            }
            let (merged, status) = try merge.merge(partials, toolVersion: "test", runOptions: [:], startedAt: 0)
            #expect(status == .partlyUnreadable)
            #expect(JSONReportWriter().render(Self.comparable(merged)) == JSONReportWriter().render(Self.comparable(single)))
        }
    }

    @Test func shardsSplitTheExportByBytesAndEveryEntryHasOneShard() {
        let plans = (1...3).map { ShardPlan(paths: [Self.tenant], index: $0, count: 3) }
        #expect(Set(plans.map(\.exportDigest)).count == 1)
        #expect(plans.map(\.ownEntryCount).reduce(0, +) == plans[0].entryCount)
        #expect(plans.allSatisfy { $0.ownEntryCount > 0 })
        // Contiguous runs of about a third of the bytes each: none holds more than a third plus its largest file.
        let total = plans[0].totalWeight
        #expect(plans.allSatisfy { $0.ownWeight <= total / 3 + 1_000_000 })
        let owners = plans[0].steps.map(\.owner).filter { $0 > 0 }
        #expect(owners == owners.sorted(), "shards take the walk in contiguous runs")
    }

    @Test func partialsThatAreNotTheShardsOfOneRunAreRefused() throws {
        let (investigation, text) = try Self.load(Self.investigations[0])
        let merge = PartialMerge()
        let shards = try (1...3).map { try merge.read(Self.partial(investigation, text: text, shard: $0, of: 3), path: "s\($0)") }
        func problem(_ partials: [PartialMerge.Partial], version: String = "test") -> String? {
            do {
                _ = try merge.merge(partials, toolVersion: version, runOptions: [:], startedAt: 0)
                return nil
            } catch {
                return error.code.rawValue
            }
        }
        #expect(problem([shards[0], shards[2]]) == "partial.missing-shard")
        #expect(problem([shards[0], shards[1], shards[2], shards[1]]) == "partial.duplicate-shard")
        #expect(problem(shards, version: "0.0.9") == "partial.other-version")
        let (other, otherText) = try Self.load(Self.investigations[1])
        let foreign = try merge.read(Self.partial(other, text: otherText, shard: 2, of: 3), path: "other")
        #expect(problem([shards[0], foreign, shards[2]]) == "partial.other-investigation")
        let twoOfTwo = try merge.read(Self.partial(investigation, text: text, shard: 2, of: 2), path: "two")
        #expect(problem([shards[0], twoOfTwo, shards[2]]) == "partial.other-shard-count")
        let narrower = try merge.read(
            Self.partial(investigation, text: text, shard: 2, of: 3, paths: [Self.tenant + "/bruno.keller@fabrikam.example"]), path: "narrow")
        #expect(problem([shards[0], narrower, shards[2]]) == "partial.other-export")
        // A partial cut short (its shard killed while writing) is not a partial that can be merged.
        var cut = Self.partial(investigation, text: text, shard: 1, of: 3)
        cut.removeLast()
        cut = Array(cut[...(cut.lastIndex(of: 0x0A)!)])
        #expect(throws: PartialMerge.Problem.self) { try merge.read(cut, path: "cut") }
        #expect(throws: PartialMerge.Problem.self) { try merge.read(Array("{\"matches\":[]}\n".utf8), path: "report.json") }
    }
}
