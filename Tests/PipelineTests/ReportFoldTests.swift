import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MailModel
import MIME
import Reports

/// The fold from outcomes to a report (``ReportFold``), outcome records (``OutcomeRecord``) and the
/// input order (``InputPosition``).
@Suite
struct ReportFoldTests {
    static let tenant = InvestigationRunTests.tenant

    static func investigation(_ yaml: String) throws -> Investigation {
        try InvestigationFile.parse(text: yaml, path: "inline.yaml", fileSHA256: "", directory: nil).investigation
    }

    static func fold(_ yaml: String) throws -> ReportFold {
        let investigation = try investigation(yaml)
        return RunContext(investigation: investigation, directory: Directory()).fold()
    }

    static func item(
        _ mailbox: String, folder: String = "Inbox", path: String, placement: ScopeEvaluator.ItemPlacement = .inScope, truth: Truth? = .no,
        unknown: [String] = [], matched: [String]? = nil, date: Int64? = nil, partial: [Diagnostic] = []
    ) -> Outcome {
        let source = MessageSource(format: "eml", path: path)
        let row = matched.map {
            MatchRow(
                mailbox: mailbox, folder: folder, source: source, messageID: nil, date: date, from: nil, senderName: nil, to: [],
                subject: nil, hasAttachments: false, attachmentNames: [], matchedFilters: $0, matchedFilterLabels: $0, evidence: [],
                plannedAction: "none", warningMessage: nil, caveats: [], isRead: nil)
        }
        return .item(ItemOutcome(
            mailbox: mailbox, folder: folder, source: source, placement: placement, truth: placement == .inScope ? truth : nil,
            unknownConditions: unknown, row: row, partial: partial))
    }

    static let run = InvestigationReport.RunInfo(toolVersion: "test", options: [:], startTime: "", inputs: [], durationSeconds: 1.5)

    @Test func countsEveryPlacementVerdictAndMatch() throws {
        var fold = try Self.fold("name: t\nfilters:\n  - subject: x\n  - keyword: y\nmatch: any\n")
        fold.add(Self.item("a@x.example", path: "a/1.eml", matched: ["f1"], date: 20))
        fold.add(Self.item("a@x.example", folder: "Junk Email", path: "a/2.eml", matched: ["f1", "f2"], date: 10))
        fold.add(Self.item("a@x.example", path: "a/3.eml", truth: .unknown, unknown: ["f2"]))
        fold.add(Self.item("b@x.example", path: "b/1.eml", placement: .undated))
        fold.add(Self.item("b@x.example", path: "b/2.eml", placement: .outsideFolders))
        fold.add(Self.item("b@x.example", path: "b/3.eml", placement: .outsideDateRange))
        fold.add(Self.item("b@x.example", path: "b/4.eml"))
        let (report, status) = fold.report(run: Self.run)
        #expect(status == .success)
        #expect(fold.itemCount == 7)
        let s = report.summary
        #expect(s.messagesScanned == 4)
        #expect(s.messagesMatched == 2)
        #expect(s.messagesUnsearchable == 1)
        #expect(s.unsearchableByFilter == ["f2": 1])
        #expect(s.messagesUndated == 1)
        #expect(s.messagesOutsideFolders == 1)
        #expect(s.messagesOutsideDateRange == 1)
        #expect(s.matchesByFolder == ["Inbox": 1, "Junk Email": 1])
        #expect(s.matchesByFilter == ["f1": 2, "f2": 1])
        #expect(s.mailboxesScanned == 2)
        #expect(s.mailboxesWithMatches == 1)
        #expect(s.durationSeconds == 1.5)
        #expect(report.mailboxes == [
            .init(mailbox: "a@x.example", status: .scanned, messagesScanned: 3, matches: 2),
            .init(mailbox: "b@x.example", status: .scanned, messagesScanned: 1, matches: 0),
        ])
        // Sorted by mailbox, folder, date, source: the Inbox match before the Junk Email one.
        #expect(report.matches.map(\.source.path) == ["a/1.eml", "a/2.eml"])
    }

    @Test func theFirstWordOnAMailboxStandsAndUnreadableInputsSetStatusThree() throws {
        var fold = try Self.fold("name: t\nscope:\n  mailboxes: [c@x.example, gone@x.example]\nfilters:\n  - subject: x\n")
        fold.add(.excluded(mailbox: "d@x.example", reason: .outOfScope))
        fold.add(Self.item("d@x.example", path: "d/1.eml"))  // cannot happen in one run; the first word stands
        fold.add(Self.item("c@x.example", path: "c/1.eml"))
        let warning = Diagnostic(severity: .warning, code: "graph.lenient-syntax", message: "m", location: SourceLocation(path: "c/p.json"))
        fold.add(.note(warning))
        #expect(!fold.lostInput, "a warning loses nothing")
        let cut = Diagnostic(severity: .error, code: "graph.unexpected-end-of-file", message: "m", location: SourceLocation(path: "e@x.example/p.json"))
        fold.add(.note(cut))
        let missing = Diagnostic(severity: .error, code: "input.unreadable", message: "m", location: SourceLocation(path: "f@x.example"))
        fold.add(.unreadable(missing))
        let (report, status) = fold.report(run: Self.run)
        #expect(status == .partlyUnreadable)
        #expect(report.diagnostics.map(\.code) == ["graph.lenient-syntax", "graph.unexpected-end-of-file", "input.unreadable"])
        let statuses = Dictionary(uniqueKeysWithValues: report.mailboxes.map { ($0.mailbox, $0.status) })
        #expect(statuses == [
            "c@x.example": .scanned, "d@x.example": .notScanned(.outOfScope), "e@x.example": .notScanned(.outOfScope), "f@x.example": .notScanned(.outOfScope),
            "gone@x.example": .notScanned(.notInExport),
        ])
        #expect(report.summary.mailboxesNotScanned.map(\.mailbox) == ["d@x.example", "e@x.example", "f@x.example", "gone@x.example"])
    }

    @Test func partialReadDiagnosticsComeInInputOrder() throws {
        var fold = try Self.fold("name: t\nfilters:\n  - subject: x\n")
        let d1 = Diagnostic(severity: .warning, code: "mime.truncated", message: "1", location: SourceLocation(path: "a/1.eml"))
        let d2 = Diagnostic(severity: .warning, code: "item.field-unknown", message: "2", location: SourceLocation(path: "a/2.eml"))
        fold.add(Self.item("a@x.example", path: "a/1.eml", placement: .undated, partial: [d1]))
        fold.add(.note(Diagnostic(severity: .note, code: "input.unrecognised", message: "n", location: SourceLocation(path: "a/x.png"))))
        fold.add(Self.item("a@x.example", path: "a/2.eml", partial: [d2]))
        #expect(fold.report(run: Self.run).0.diagnostics.map(\.message) == ["1", "n", "2"])
    }

    /// Outcomes of a real run over the sample tenant, written as records and read back, fold into the
    /// same report as the run itself: an outcome is self-sufficient.
    @Test func recordsReadBackFoldIntoTheSameReport() throws {
        let investigation = try InvestigationFile.load(path: InvestigationRunTests.root.appendingPathComponent("Fixtures/investigations/invoice-lure.yaml").path).investigation
        let runner = InvestigationRunner(investigation: investigation, workers: 2)
        let (direct, directStatus) = runner.run(paths: [Self.tenant], toolVersion: "test", runOptions: [:])

        let scan = ExportScan(paths: [Self.tenant])
        let context = RunContext(investigation: investigation, directory: scan.directory)
        let evaluator = InvestigationEvaluator(investigation: investigation)
        let records = OutcomeRecord()
        var stored: [(bytes: [UInt8], file: String?)] = []
        while let event = scan.next() {
            let outcome = InvestigationRunner.process(
                event, scope: context.scope, evaluator: evaluator, labels: context.labels, action: investigation.action,
                options: .default, content: ItemContent(readBy: investigation), snippets: true)
            // Records of an item's file leave its path out; others keep every path.
            let file: String? = if case .item(let item) = outcome { item.source.path } else { nil }
            stored.append((records.encode(outcome, in: file), file))
            #expect(records.json(try records.decode(stored.last!.bytes, in: file)) == records.json(outcome))
        }
        #expect(stored.count > 100)
        var fold = context.fold()
        for (bytes, file) in stored { fold.add(try records.decode(bytes, in: file)) }
        let (folded, status) = fold.report(run: direct.run)
        #expect(status == directStatus)
        #expect(folded.matches.count == 9)
        let writer = JSONReportWriter()
        #expect(writer.renderString(folded) == writer.renderString(direct))
    }

    @Test func recordsAreCompactLeaveTheirFilesPathOutAndRefuseOtherShapes() throws {
        let records = OutcomeRecord()
        #expect(OutcomeRecord.layoutsAreKnown, "a report type gained a property: teach OutcomeRecord's binary form (it writes JSON meanwhile)")
        let location = SourceLocation(path: "box/a.mbox", byteOffset: 7, line: 3, pointer: "/value/1")
        let note = Outcome.note(Diagnostic(severity: .error, code: "x.y", message: "m", location: location))
        let bytes = records.encode(note, in: "box/a.mbox")
        #expect(bytes.first == OutcomeRecord.version)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("box/a.mbox"), "the file's own path is not written")
        guard case .note(let back) = try records.decode(bytes, in: "box/a.mbox") else { Issue.record("not a note"); return }
        #expect(back == Diagnostic(severity: .error, code: "x.y", message: "m", location: location))
        // Without the file a record left out, it cannot be read; cut or padded records are refused.
        #expect(throws: (any Error).self) { try records.decode(bytes, in: nil) }
        #expect(throws: (any Error).self) { try records.decode(Array(bytes.dropLast()), in: "box/a.mbox") }
        #expect(throws: (any Error).self) { try records.decode(bytes + [0], in: "box/a.mbox") }
        #expect(throws: (any Error).self) { try records.decode([OutcomeRecord.version, 9], in: nil) }
        #expect(throws: (any Error).self) { try records.decode([], in: nil) }
        // The JSON form, and records in it, read back too.
        let text = String(decoding: records.json(note), as: UTF8.self)
        #expect(text.contains(#""kind":"note""#) && text.contains(#""path":"box/a.mbox""#))
        guard case .note(let fromJSON) = try records.decode(Array(text.utf8)) else { Issue.record("not a note"); return }
        #expect(fromJSON == back)
        #expect(throws: (any Error).self) { try records.decode(Array(#"{"kind":"mystery"}"#.utf8)) }
        let positioned = PositionedOutcome(position: InputPosition(argument: 1, path: "p", sequence: 4), outcome: note)
        #expect(try records.decodePositioned(records.encode(positioned)).position == positioned.position)
    }

    /// Positions sorted give the walk's order, whatever order they come in.
    @Test func inputPositionsSortIntoTheWalkOrder() throws {
        let fixtures = InvestigationRunTests.root.appendingPathComponent("Fixtures").path
        let paths = [fixtures + "/sample-tenant", fixtures + "/maildir", fixtures + "/mime/01-simple-plain.eml", fixtures + "/graph"]
        let walked = InputWalker.collect(paths: paths).files.map(\.path)
        #expect(walked.count > 100)
        var positions: [InputPosition] = []
        for (index, path) in walked.enumerated() {
            let argument = paths.lastIndex { path == $0 || path.hasPrefix($0 + "/") } ?? -1
            positions.append(InputPosition(argument: argument, path: path, sequence: 0))
            if index % 7 == 0 { positions.append(InputPosition(argument: argument, path: path, sequence: 1)) }
        }
        #expect(positions == positions.sorted())
        #expect(positions.shuffled().sorted() == positions)
        // Components, not characters: a folder's files come before a sibling whose name extends the folder's.
        #expect(InputPosition.pathPrecedes("x/a/b", "x/a.txt"))
        #expect(InputPosition.pathPrecedes("x/a", "x/a/b"))
        #expect(!InputPosition.pathPrecedes("x/a/b", "x/a"))
    }
}
