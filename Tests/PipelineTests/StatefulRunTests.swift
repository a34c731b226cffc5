import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import Ledger
import MailModel
import Reports

/// Runs with a state (§14) over a copy of the sample tenant grown in steps: every report equals the
/// report of a run without state over the same files, and only what is new is read.
@Suite(.serialized)
struct StatefulRunTests {
    static let root = InvestigationRunTests.root
    static let investigations = root.appendingPathComponent("Fixtures/investigations")

    /// The shared mailboxes of the sample tenant whose exports keep attachments apart from messages.
    static let attachmentsApart = [
        "customs.desk@fabrikam.example", "freight.claims@fabrikam.example", "supplier.invoices@fabrikam.example",
        "warehouse.lyon@fabrikam.example",
    ]

    /// A copy of the sample tenant (with an mbox of three of Bruno's messages) and a state beside it;
    /// without the mailboxes that keep attachments apart unless asked (their Graph files are read on
    /// every run, which would hide what a run reads again).
    final class Export {
        let folder: URL
        let tenant: String
        let state: String

        init(keepingAttachmentsApart: Bool = false) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-state-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            tenant = folder.appendingPathComponent("tenant").path
            state = folder.appendingPathComponent("state.sqlite").path
            try FileManager.default.copyItem(atPath: InvestigationRunTests.tenant, toPath: tenant)
            if !keepingAttachmentsApart {
                for mailbox in StatefulRunTests.attachmentsApart { try FileManager.default.removeItem(atPath: tenant + "/" + mailbox) }
            }
            try append(Self.mbox(Array(try inbox("bruno.keller@fabrikam.example").prefix(3))), to: "bruno.keller@fabrikam.example/archive.mbox")
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func path(_ relative: String) -> String { tenant + "/" + relative }

        /// Dates every file an hour back, as evidence received is: a file written within two seconds of
        /// a run is checked again by the next, which would make what a quick run reads depend on timing.
        func age(_ only: String? = nil) throws {
            let past = Date(timeIntervalSinceNow: -3600)
            if let only { return try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path(only)) }
            let walker = FileManager.default.enumerator(atPath: tenant)
            while let relative = walker?.nextObject() as? String {
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path(relative))
            }
        }

        func inbox(_ mailbox: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: path(mailbox + "/Inbox")).sorted().map { path(mailbox + "/Inbox/" + $0) }
        }

        /// An mbox of the given message files.
        static func mbox(_ files: [String]) throws -> [UInt8] {
            var bytes: [UInt8] = []
            for file in files {
                bytes += Array("From sender@example.com Mon Nov 23 10:00:00 2026\n".utf8)
                bytes += Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                bytes += [0x0A]
            }
            return bytes
        }

        func append(_ bytes: [UInt8], to relative: String) throws {
            let url = URL(fileURLWithPath: path(relative))
            if !FileManager.default.fileExists(atPath: url.path) { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(bytes))
            try handle.close()
        }

        func copy(_ from: String, to relative: String) throws {
            try FileManager.default.copyItem(atPath: from, toPath: path(relative))
        }
    }

    static func load(_ name: String) throws -> Investigation {
        try InvestigationFile.load(path: investigations.appendingPathComponent(name).path, directory: nil).investigation
    }

    /// The report as JSON with what only says how the run went (`run`, durations) left out.
    static func rendered(_ report: InvestigationReport) -> String {
        var report = report
        report.run = InvestigationReport.RunInfo(toolVersion: "", options: [:], startTime: "", inputs: report.run.inputs, durationSeconds: 0)
        report.summary.durationSeconds = 0
        return JSONReportWriter().renderString(report)
    }

    static func stateless(_ investigation: Investigation, _ export: Export, snippets: Bool = true) -> (String, MailModel.ExitStatus) {
        let (report, status) = InvestigationRunner(investigation: investigation, workers: 2, includeSnippets: snippets)
            .run(paths: [export.tenant], toolVersion: "test", runOptions: [:])
        return (rendered(report), status)
    }

    static func stateful(_ investigations: [Investigation], _ export: Export, snippets: Bool = true) throws -> StatefulRun.Result {
        try StatefulRun(investigations: investigations, ledger: try Ledger(path: export.state), workers: 2, includeSnippets: snippets)
            .run(paths: [export.tenant], toolVersion: "test", runOptions: [:])
    }

    /// Runs with the state and without; the reports must be the same.
    @discardableResult
    static func check(_ investigation: Investigation, _ export: Export, _ step: String) throws -> StatefulRun.Result {
        let result = try stateful([investigation], export)
        let (expected, status) = stateless(investigation, export)
        #expect(rendered(result.reports[0].0) == expected, "\(step): the report differs from a run without state")
        #expect(result.reports[0].1 == status, "\(step)")
        return result
    }

    static func itemCount(_ investigation: Investigation, _ export: Export) -> Int {
        InvestigationRunner(investigation: investigation, workers: 2).run(paths: [export.tenant], toolVersion: "t", runOptions: [:]).0.run.itemsEvaluated
    }

    @Test func reportsEqualRunsWithoutStateAsTheExportGrows() throws {
        let export = try Export()
        let campaign = try Self.load("invoice-lure.yaml")
        let first = try Self.check(campaign, export, "first run")
        #expect(first.itemsReused == 0 && first.itemsEvaluated == Self.itemCount(campaign, export))

        let unchanged = try Self.check(campaign, export, "unchanged")
        #expect(unchanged.itemsEvaluated <= 2, "only the last value of the append-only files, read in the same second, is read again")
        #expect(unchanged.itemsEvaluated + unchanged.itemsReused == first.itemsEvaluated)

        // EML files added, one of them a copy of the lure.
        let bruno = try export.inbox("bruno.keller@fabrikam.example")
        try export.copy(bruno[0], to: "emma.schulz@fabrikam.example/Inbox/zz-new.eml")
        try export.copy(bruno.first { $0.contains("Overdue_invoice") }!, to: "emma.schulz@fabrikam.example/Inbox/zz-lure.eml")
        let added = try Self.check(campaign, export, "EML files added")
        #expect(added.itemsEvaluated <= 4 && added.itemsReused >= first.itemsEvaluated - 2)

        // A Graph page added.
        try export.copy(export.path("alice.martin@fabrikam.example/messages-page-3.json"), to: "alice.martin@fabrikam.example/messages-page-4.json")
        try Self.check(campaign, export, "Graph page added")

        // A JSON Lines file appended to: two lines.
        let jsonl = "david.okafor@fabrikam.example/messages.jsonl"
        let lines = try String(contentsOfFile: export.path(jsonl), encoding: .utf8).split(separator: "\n").prefix(2).map { $0 + "\n" }.joined()
        try export.append(Array(lines.utf8), to: jsonl)
        let appended = try Self.check(campaign, export, "JSON Lines appended")
        #expect(appended.itemsEvaluated <= 4, "the two new lines and the values read again at the ends")

        // An mbox appended to: three messages.
        try export.append(try Export.mbox(Array(bruno.suffix(3))), to: "bruno.keller@fabrikam.example/archive.mbox")
        let mbox = try Self.check(campaign, export, "mbox appended")
        #expect(mbox.itemsEvaluated >= 4 && mbox.itemsEvaluated <= 5)

        // A file rewritten: the lure's subject changed in Grace's junk mail.
        let junk = try FileManager.default.contentsOfDirectory(atPath: export.path("grace.lee@fabrikam.example/Junk Email"))
        for name in junk {
            let path = export.path("grace.lee@fabrikam.example/Junk Email/" + name)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "Overdue invoice", with: "Overdue bill").write(toFile: path, atomically: false, encoding: .utf8)
        }
        try Self.check(campaign, export, "file rewritten")

        // A JSON Lines value cut at the end of the file, then completed.
        try export.append(Array(#"{"id": "cut-1", "subject": "half"#.utf8), to: jsonl)
        let cut = try Self.check(campaign, export, "a value cut at the end")
        #expect(cut.reports[0].1 == .partlyUnreadable)
        try export.append(Array("way\"}\n".utf8), to: jsonl)
        try Self.check(campaign, export, "the cut value completed")

        // A file deleted: reported as gone, and forgotten.
        try FileManager.default.removeItem(atPath: export.path("chloe.nguyen@fabrikam.example/messages.json"))
        let deleted = try Self.check(campaign, export, "file deleted")
        #expect(deleted.gone == [export.path("chloe.nguyen@fabrikam.example/messages.json")])
        #expect(deleted.reports[0].0.run.inputsGone == deleted.gone)
        #expect(try Self.check(campaign, export, "after the deletion").gone.isEmpty)

        // A folder list changed: it decides the folder of every Graph message, so everything is evaluated again.
        try export.append(Array("\n".utf8), to: "alice.martin@fabrikam.example/mailFolders.json")
        let context = try Self.check(campaign, export, "a folder list changed")
        #expect(context.itemsReused == 0)
    }

    @Test func aChangedInvestigationEvaluatesEverythingAndAnotherIsNeverMixedUp() throws {
        let export = try Export()
        let campaign = try Self.load("invoice-lure.yaml")
        let body = try Self.load("invoice-lure-body.yaml")
        try Self.check(campaign, export, "campaign")
        // Another investigation with the same state: nothing of the campaign's is reused.
        let other = try Self.check(body, export, "another investigation")
        #expect(other.itemsReused == 0)
        // Both are kept: the campaign again reuses everything.
        let again = try Self.check(campaign, export, "campaign again")
        #expect(again.itemsEvaluated <= 2)
        // The same file changed is another investigation.
        let changed = try InvestigationFile.parse(
            text: try String(contentsOf: Self.investigations.appendingPathComponent("invoice-lure.yaml"), encoding: .utf8) + "\n# changed\n",
            path: "invoice-lure.yaml", fileSHA256: "changed", directory: nil
        ).investigation
        let evaluated = try Self.check(changed, export, "changed investigation")
        #expect(evaluated.itemsReused == 0)
        // Other settings (no snippets) evaluate everything again too.
        let noSnippets = try Self.stateful([campaign], export, snippets: false)
        #expect(noSnippets.itemsReused == 0)
        #expect(Self.rendered(noSnippets.reports[0].0) == Self.stateless(campaign, export, snippets: false).0)
    }

    @Test func severalInvestigationsShareOneReadAndEachReportIsItsOwn() throws {
        let export = try Export()
        let names = ["invoice-lure.yaml", "invoice-lure-body.yaml", "invoice-lure-headers.yaml", "finance-inbox-warning.yaml"]
        let investigations = try names.map(Self.load)
        let result = try Self.stateful(investigations, export)
        #expect(result.reports.count == names.count)
        for (index, investigation) in investigations.enumerated() {
            #expect(Self.rendered(result.reports[index].0) == Self.stateless(investigation, export).0, "\(names[index])")
        }
        #expect(result.itemsEvaluated == Self.itemCount(investigations[0], export), "each item is counted once, not once per investigation")
    }

    /// Where attachments are kept apart, an unchanged re-run reads nothing again (the attachment index
    /// is the one the stored outcomes were made with, and the joins of the files passed over are given
    /// back); an attachment file changed, added or removed has the Graph files read again; a message
    /// file gone leaves its attachments without a message. Reports stay equal to runs without state.
    @Test func anExportThatKeepsAttachmentsApartIsReusedUntilItsAttachmentsChange() throws {
        let export = try Export(keepingAttachmentsApart: true)
        let campaign = try Self.load("invoice-lure.yaml")
        // Dated an hour back: files written within two seconds of a run are checked again by the next.
        try export.age()
        let first = try Self.check(campaign, export, "first run")
        let again = try Self.check(campaign, export, "again")
        #expect(again.itemsEvaluated == 0 && again.itemsReused == first.itemsEvaluated, "nothing is read again")

        // Changed in place: the same size and an old time; only the content says it changed.
        let supplier = "supplier.invoices@fabrikam.example/"
        let side = try #require(try FileManager.default.contentsOfDirectory(atPath: export.path(supplier)).first { $0.hasSuffix("3bpYtjywAAA=.json") })
        let url = URL(fileURLWithPath: export.path(supplier + side))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("NW-2026-1211.pdf"))
        try Data(text.replacingOccurrences(of: "NW-2026-1211.pdf", with: "NW-2026-1211.exe").utf8).write(to: url)
        try export.age(supplier + side)
        let changed = try Self.check(campaign, export, "an attachment changed in place")
        #expect(changed.itemsEvaluated > 0)
        #expect(try Self.check(campaign, export, "after the change").itemsEvaluated == 0)

        // Added: a second page of a message's attachments.
        let inbox = "freight.claims@fabrikam.example/Inbox/attachments/"
        let message = try #require(try FileManager.default.contentsOfDirectory(atPath: export.path(inbox)).sorted().first)
        try export.copy(export.path(inbox + message + "/page-1.json"), to: inbox + message + "/page-2.json")
        try export.age(inbox + message + "/page-2.json")
        let added = try Self.check(campaign, export, "an attachments page added")
        #expect(added.itemsEvaluated > 0)
        #expect(try Self.check(campaign, export, "after the addition").itemsEvaluated == 0)

        // Removed.
        try FileManager.default.removeItem(atPath: export.path("customs.desk@fabrikam.example/attachments.jsonl"))
        let removed = try Self.check(campaign, export, "attachments gone")
        #expect(removed.itemsEvaluated > 0)
        #expect(try Self.check(campaign, export, "after the removal").itemsEvaluated == 0)

        // A message file gone, its attachments left: reported without their message, as without state.
        try FileManager.default.removeItem(atPath: export.path("freight.claims@fabrikam.example/Archive/messages.json"))
        let gone = try Self.check(campaign, export, "a message file gone")
        #expect(gone.reports[0].0.diagnostics.contains { $0.code.rawValue == "graph.attachments-without-message" })
        #expect(try Self.check(campaign, export, "after the message file went").itemsEvaluated == 0)
    }

    /// The state records which files the first pass found attachments kept apart in; a re-run opens
    /// only those (and changed files) for that pass and gives the same report. Rows that do not say
    /// (a state of an earlier version) are opened, and learn it.
    @Test func theStateKnowsWhichFilesHoldAttachmentsApart() throws {
        let export = try Export(keepingAttachmentsApart: true)
        let campaign = try Self.load("invoice-lure.yaml")
        try export.age()
        let first = try Self.check(campaign, export, "first run")
        let key = StatefulRound.key(of: campaign)
        func recorded() throws -> [String: LedgerFile] {
            try Ledger(path: export.state).session { session in try session.allFiles(investigation: key) }
        }
        let files = try recorded()
        #expect(!files.isEmpty)
        for (path, file) in files where !file.path.hasSuffix("/") && FileIdentity.of(path) != nil {
            #expect(file.holdsAttachments == (AttachmentIndex.scan(path: path) != nil), "\(path)")
        }
        #expect(files.values.contains { $0.holdsAttachments == true } && files.values.contains { $0.holdsAttachments == false })
        let again = try Self.check(campaign, export, "again")
        #expect(again.itemsEvaluated == 0 && again.itemsReused == first.itemsEvaluated)

        // As a state of version 2 left them: not known (and no round's summary, which version 4 added).
        try Ledger(path: export.state).session { session in
            try session.begin()
            for var file in files.values {
                file.holdsAttachments = nil
                try session.save(&file)
            }
            try session.setSummary(nil, investigation: key)
            try session.commit()
        }
        let unknown = try Self.check(campaign, export, "facts not known")
        #expect(unknown.itemsEvaluated == 0 && unknown.itemsReused == first.itemsEvaluated)
        #expect(try recorded().mapValues(\.holdsAttachments) == files.mapValues(\.holdsAttachments))
    }

    /// A first run takes each file's identity from the descriptor it read (no `stat` of its own), and a
    /// file it does not open to read (one of attachments only) from a `stat`: either way, what a
    /// `stat` of the path says, so that the next run passes every file over.
    @Test func aFirstRunRecordsEachFileAsItWasRead() throws {
        let export = try Export(keepingAttachmentsApart: true)
        let campaign = try Self.load("invoice-lure.yaml")
        try export.age()
        let first = try Self.check(campaign, export, "first run")
        let files = try Ledger(path: export.state).session { session in try session.allFiles(investigation: StatefulRound.key(of: campaign)) }
        let regular = files.values.filter { !$0.path.hasSuffix("/") && FileIdentity.of($0.path) != nil }
        #expect(regular.count >= 20)
        #expect(regular.contains { $0.holdsAttachments == true })
        for file in regular {
            let identity = try #require(FileIdentity.of(file.path))
            #expect(
                [file.size, file.modified, file.inode, file.device] == [identity.size, identity.modified, identity.inode, identity.device],
                "\(file.path)")
        }
        let again = try Self.check(campaign, export, "again")
        #expect(again.itemsEvaluated == 0 && again.itemsReused == first.itemsEvaluated)
    }

    @Test func aTouchedFileIsNotParsedAgainAndARewrittenOneIs() throws {
        let export = try Export()
        let campaign = try Self.load("invoice-lure.yaml")
        try Self.check(campaign, export, "first")
        let file = try export.inbox("emma.schulz@fabrikam.example")[0]
        // Only its time changes: the content hash says it is the same file.
        let later = Date(timeIntervalSinceNow: 3600)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: file)
        let touched = try Self.check(campaign, export, "touched")
        #expect(touched.itemsEvaluated <= 2)
        // The same size, another content, and an older time than before.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        if let index = bytes.firstIndex(of: UInt8(ascii: "S")) { bytes[index] = UInt8(ascii: "X") }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: file)
        let rewritten = try Self.check(campaign, export, "rewritten, same size")
        #expect(rewritten.itemsEvaluated >= 1)
    }

    /// `.msg` files are not append-only: judged by size, time and digest, read again whole when
    /// changed, and their items' outcomes stored and reused like any other file's.
    @Test func outlookMessagesAreStoredReusedAndReadAgainWhenRewritten() throws {
        let export = try Export()
        let lure = try InvestigationFile.load(path: Self.root.appendingPathComponent("Fixtures/outlook/quota-lure.yaml").path, directory: nil)
            .investigation
        let outlook = Self.root.appendingPathComponent("Fixtures/outlook").path
        let inbox = "bruno.keller@fabrikam.example/Inbox/"
        // Files dated an hour back: a file written within two seconds of a run is checked again by the
        // next (the mbox just written would have its end read again), so only the .msg files change below.
        try export.age()
        try Self.check(lure, export, "before")
        try export.copy(outlook + "/phish.msg", to: inbox + "reported.msg")
        try export.copy(outlook + "/truncated.msg", to: inbox + "cut.msg")
        try export.age()
        let first = try Self.check(lure, export, "with .msg files")
        let (report, _) = first.reports[0]
        #expect(report.matches.contains { $0.source.format == "msg" }, "the reported phish matches")
        let again = try Self.check(lure, export, "unchanged")
        #expect(again.itemsEvaluated == 0, "the .msg files are not read again")
        // Another message in its place: read again whole, the old item retired.
        try FileManager.default.removeItem(atPath: export.path(inbox + "reported.msg"))
        try export.copy(outlook + "/absurd-attachment.msg", to: inbox + "reported.msg")
        try export.age(inbox + "reported.msg")
        let rewritten = try Self.check(lure, export, ".msg rewritten")
        #expect(rewritten.itemsEvaluated == 1)
    }
}
