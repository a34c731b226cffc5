import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import Ledger
import MailModel
import Reports

/// The summary of a complete round (``RoundSummary``): folding it gives the report folding the
/// outcomes gives; a round over the very same files folds it instead of the stored outcomes, and any
/// change of the files, the walk or the settings falls back to the files' rows.
@Suite(.serialized)
struct RoundSummaryTests {
    typealias Export = StatefulRunTests.Export

    static func summary(_ investigation: Investigation, _ export: Export) throws -> LedgerSummary? {
        let key = StatefulRound.key(of: investigation)
        return try Ledger(path: export.state).session { session in try session.summary(investigation: key) }
    }

    @Test func replayingASummaryFoldsWhatTheOutcomesFold() throws {
        let investigation = try StatefulRunTests.load("invoice-lure.yaml")
        var outcomes: [Outcome] = []
        let runner = InvestigationRunner(investigation: investigation, workers: 2)
        let scan = ExportScan(paths: [InvestigationRunTests.tenant])
        let (expected, _) = runner.run(
            scan: scan, paths: [InvestigationRunTests.tenant], toolVersion: "t", runOptions: [:], onOutcome: { _, outcome in outcomes.append(outcome) })
        #expect(expected.matches.count > 0 && outcomes.count > expected.matches.count)

        let context = RunContext(investigation: investigation, directory: scan.directory)
        var summary = RoundSummary(settings: Array(repeating: 7, count: 32))
        for outcome in outcomes { summary.add(outcome) }
        #expect(summary.items == outcomes.filter(\.isItem).count)
        let bytes = summary.finish()
        var fold = context.fold()
        try RoundSummary.replay(bytes, into: &fold)
        let (replayed, _) = fold.report(run: expected.run)
        #expect(StatefulRunTests.rendered(replayed) == StatefulRunTests.rendered(expected))
        // Quiet items are counted, not listed: the summary is smaller than the outcomes' records.
        let records = OutcomeRecord()
        #expect(bytes.count < outcomes.reduce(0) { $0 + records.encode($1).count })

        // Bytes that are not a summary are refused, never folded in part silently.
        var damaged = fold
        #expect(throws: (any Error).self) { try RoundSummary.replay([9] + bytes.dropFirst(), into: &damaged) }
        #expect(throws: (any Error).self) { try RoundSummary.replay(Array(bytes.dropLast(3)), into: &damaged) }
    }

    /// Proof that an unchanged round folds the summary, and that a round with files added takes the
    /// unchanged files' parts from it: with every stored outcome record removed, both still write the
    /// report a run without state writes.
    @Test func theSummaryStandsForTheStoredOutcomesOfUnchangedFiles() throws {
        let export = try Export()
        let campaign = try StatefulRunTests.load("invoice-lure.yaml")
        try export.age()
        let first = try StatefulRunTests.check(campaign, export, "first run")
        let kept = try #require(try Self.summary(campaign, export))
        #expect(kept.items == first.itemsEvaluated)

        let key = StatefulRound.key(of: campaign)
        try Ledger(path: export.state).session { session in
            try session.begin()
            for file in try session.allFiles(investigation: key).values { try session.deleteOutcomes(file: file.id!, from: 0) }
            try session.commit()
        }
        let again = try StatefulRunTests.check(campaign, export, "unchanged, from the summary")
        #expect(again.itemsEvaluated == 0 && again.itemsReused == first.itemsEvaluated && again.gone.isEmpty)

        // Files added among the others (an EML in a mailbox's folder, a Graph page): read; the rest
        // folded from the summary in their places.
        let bruno = try export.inbox("bruno.keller@fabrikam.example")
        try export.copy(bruno.first { $0.contains("Overdue_invoice") }!, to: "bruno.keller@fabrikam.example/Inbox/000-first.eml")
        try export.copy(export.path("alice.martin@fabrikam.example/messages-page-3.json"), to: "alice.martin@fabrikam.example/messages-page-2b.json")
        try export.age("bruno.keller@fabrikam.example/Inbox/000-first.eml")
        try export.age("alice.martin@fabrikam.example/messages-page-2b.json")
        let added = try StatefulRunTests.check(campaign, export, "files added, the others from the summary")
        #expect(added.itemsReused == first.itemsEvaluated && added.itemsEvaluated > 1)
        let keptAgain = try #require(try Self.summary(campaign, export))
        #expect(keptAgain.items == added.itemsEvaluated + added.itemsReused)

        // A file removed: gone, the rest from the summary.
        try FileManager.default.removeItem(atPath: bruno[0])
        let removed = try StatefulRunTests.check(campaign, export, "a file removed, the others from the summary")
        #expect(removed.itemsEvaluated == 0 && removed.gone == [bruno[0]])
    }

    /// Files changed, added and removed, a file that cannot be examined: each round reads the files'
    /// rows, writes the report a run without state writes, and keeps a new summary when it is settled.
    @Test func aChangedExportFallsBackToTheFilesAndKeepsANewSummary() throws {
        let export = try Export()
        let campaign = try StatefulRunTests.load("invoice-lure.yaml")
        try export.age()
        let first = try StatefulRunTests.check(campaign, export, "first run")
        var digest = try #require(try Self.summary(campaign, export)).digest

        func step(_ name: String, evaluated: ClosedRange<Int>) throws {
            let result = try StatefulRunTests.check(campaign, export, name)
            #expect(evaluated.contains(result.itemsEvaluated), "\(name): \(result.itemsEvaluated) items evaluated")
            let kept = try #require(try Self.summary(campaign, export), "\(name)")
            #expect(kept.digest != digest, "\(name)")
            #expect(kept.items == result.itemsEvaluated + result.itemsReused, "\(name)")
            digest = kept.digest
        }
        let bruno = try export.inbox("bruno.keller@fabrikam.example")
        try export.copy(bruno.first { $0.contains("Overdue_invoice") }!, to: "emma.schulz@fabrikam.example/Inbox/zz-lure.eml")
        try export.age("emma.schulz@fabrikam.example/Inbox/zz-lure.eml")
        try step("an EML file added", evaluated: 1...1)

        try export.append(Export.mbox([bruno[4]]), to: "bruno.keller@fabrikam.example/archive.mbox")
        try export.age("bruno.keller@fabrikam.example/archive.mbox")
        try step("an mbox appended", evaluated: 1...2)

        try FileManager.default.removeItem(atPath: bruno[1])
        let removed = try StatefulRunTests.check(campaign, export, "a file removed")
        #expect(removed.itemsEvaluated == 0 && removed.gone == [bruno[1]])
        #expect(try Self.summary(campaign, export) != nil)

        // A file written now could still change within its clock tick: the summary kept says so (it
        // stands for the other files only, and no round folds it whole).
        try export.copy(bruno[2], to: "emma.schulz@fabrikam.example/Inbox/zz-fresh.eml")
        _ = try StatefulRunTests.check(campaign, export, "a file written now")
        #expect(try Self.summary(campaign, export)?.digest.isEmpty == true)
        try export.age("emma.schulz@fabrikam.example/Inbox/zz-fresh.eml")
        let settled = try StatefulRunTests.check(campaign, export, "settled again")
        #expect(settled.itemsEvaluated <= 1)
        #expect(try Self.summary(campaign, export) != nil)
        let unchanged = try StatefulRunTests.check(campaign, export, "unchanged")
        #expect(unchanged.itemsEvaluated == 0 && unchanged.itemsReused == first.itemsEvaluated + 2 - 1 + 1)
    }

    /// An unreadable file is read again by every round, so no round that met one keeps a summary.
    /// (Root reads any file: the test needs another user.)
    @Test(.enabled(if: getuid() != 0, "root reads a file without read permission"))
    func aRoundThatMetAnUnreadableFileKeepsNoSummary() throws {
        let export = try Export()
        let campaign = try StatefulRunTests.load("invoice-lure.yaml")
        let locked = export.path("emma.schulz@fabrikam.example/Inbox/zz-locked.eml")
        try export.copy(try export.inbox("bruno.keller@fabrikam.example")[0], to: "emma.schulz@fabrikam.example/Inbox/zz-locked.eml")
        try export.age()
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked) }
        _ = try StatefulRunTests.check(campaign, export, "with an unreadable file")
        #expect(try Self.summary(campaign, export) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked)
        let readable = try StatefulRunTests.check(campaign, export, "readable again (same identity)")
        #expect(readable.itemsEvaluated == 1)
    }
}
