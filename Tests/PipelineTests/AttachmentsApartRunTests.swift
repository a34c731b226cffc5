import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MailModel

/// Attachment filters over Graph exports that keep attachments apart from their messages
/// (`Fixtures/graph-attachments`): the same matches as over the same mail exported with
/// `$expand=attachments`, in every layout and as JSON batching responses; the sample tenant's shared
/// mailboxes, one per layout.
@Suite(.serialized)
struct AttachmentsApartRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func export(_ layout: String) -> String { root.appendingPathComponent("Fixtures/graph-attachments/\(layout)").path }

    static func run(_ yaml: String, _ paths: [String], workers: Int = 2) throws -> InvestigationReport {
        let investigation = try InvestigationFile.parse(text: yaml, path: "inline.yaml", fileSHA256: "", directory: nil).investigation
        return InvestigationRunner(investigation: investigation, workers: workers).run(paths: paths, toolVersion: "test", runOptions: [:]).0
    }

    /// Every attachment filter, and two groups of them.
    static let filters = [
        "attachmentName: 'INV-*.html'", "attachmentName: 'scan-?.pdf'", "attachmentExtension: [iso, zip]",
        "attachmentExtension: docx", "attachmentExtension: png", "attachmentSize: {min: 100, max: 200}",
        "attachmentSize: 75", "attachmentSize: {min: 60, max: 80}", "attachmentSHA256: 07ddaa48466606a649612d210318e53029aca350faceba2e82724f78015e7461",
        "{field: attachmentName, op: exists}", "{field: attachmentName, op: notExists}",
        "{field: attachmentName, op: contains, value: statement}",
        "all: [{attachmentExtension: pdf}, {not: {attachmentExtension: csv}}]",
    ]

    /// Message-IDs matched, and the unsearchable count.
    static func outcome(_ filter: String, _ paths: [String]) throws -> (matched: [String], unsearchable: Int) {
        let report = try run("name: t\nfilters:\n  - \(filter)\n", paths)
        return (report.matches.compactMap(\.messageID).sorted(), report.summary.messagesUnsearchable)
    }

    @Test(arguments: ["per-message", "jsonl", "nested", "batch"])
    func everyAttachmentFilterMatchesAsOverTheExpandedExport(layout: String) throws {
        var matchedSomething = 0
        for filter in Self.filters {
            let expanded = try Self.outcome(filter, [Self.export("expanded")])
            let apart = try Self.outcome(filter, [Self.export(layout)])
            #expect(apart.matched == expanded.matched, "\(layout): \(filter)")
            // Only attachments without bytes of their own (the link, the attached item) leave a size or
            // digest undecided: the same ones in both exports.
            #expect(apart.unsearchable == expanded.unsearchable, "\(layout): \(filter)")
            #expect(expanded.unsearchable <= 2, "\(layout): \(filter)")
            if !expanded.matched.isEmpty { matchedSomething += 1 }
        }
        #expect(matchedSomething >= 10, "the filters are not vacuous")
    }

    @Test func evidenceAndTheReportNameTheAttachmentsOwnFile() throws {
        let report = try Self.run("name: t\nfilters:\n  - attachmentExtension: html\n", [Self.export("per-message")])
        let match = try #require(report.matches.first)
        #expect(match.attachmentNames == ["INV-7731.html"])
        #expect(match.source.path.hasSuffix("/messages.json"))
        let evidence = try #require(match.evidence.first?.path)
        #expect(evidence.hasSuffix(".json#/value/0") && evidence.contains("/AAMkAGI2"))
    }

    @Test func aListMissingItsNextPageCannotDecideAMiss() throws {
        // The .iso is on the page the edge export lacks; the PDFs are on the page it has.
        let iso = try Self.outcome("attachmentExtension: iso", [Self.export("edge")])
        #expect(iso.matched.isEmpty)
        #expect(iso.unsearchable == 1)
        let pdf = try Self.outcome("attachmentName: scan-1.pdf", [Self.export("edge")])
        #expect(pdf.matched.count == 1)
        #expect(pdf.unsearchable == 0)
    }

    @Test func theReportIsTheSameForAnyNumberOfWorkers() throws {
        let yaml = "name: t\nmatch: any\nfilters:\n  - attachmentExtension: [pdf, html, zip]\n  - attachmentSize: {min: 1}\n"
        let paths = [Self.root.appendingPathComponent("Fixtures/graph-attachments").path]
        let one = try Self.run(yaml, paths, workers: 1)
        let three = try Self.run(yaml, paths, workers: 3)
        #expect(one.matches.count > 20)
        #expect(one.matches.map { "\($0.source.path)\($0.source.pointer ?? "") \($0.evidence.map { $0.path ?? "" })" }
            == three.matches.map { "\($0.source.path)\($0.source.pointer ?? "") \($0.evidence.map { $0.path ?? "" })" })
        #expect(one.diagnostics == three.diagnostics)
        #expect(one.diagnostics.contains { $0.code == "graph.attachments-without-message" })
        #expect(one.diagnostics.contains { $0.code == "graph.batch-response-error" })
    }

    // MARK: The sample tenant's shared mailboxes

    static let tenant = root.appendingPathComponent("Fixtures/sample-tenant").path
    static let shared = ["customs.desk@fabrikam.example", "freight.claims@fabrikam.example", "supplier.invoices@fabrikam.example", "warehouse.lyon@fabrikam.example"]

    @Test func theSharedMailboxesOfTheSampleTenantAreSearchableForAttachments() throws {
        let scope = "scope:\n  mailboxes: [\(Self.shared.joined(separator: ", "))]\n"
        let pdf = try Self.run("name: t\n\(scope)filters:\n  - attachmentExtension: pdf\n", [Self.tenant])
        #expect(pdf.summary.mailboxesScanned == 4)
        #expect(pdf.summary.messagesUnsearchable == 0)
        #expect(Set(pdf.matches.map(\.mailbox)) == Set(Self.shared))
        // The forwarded invoice: its PDF is inside the itemAttachment, in a nested attachments folder.
        let forwarded = try #require(pdf.matches.first { $0.mailbox == "freight.claims@fabrikam.example" && $0.subject?.hasPrefix("FW:") == true })
        #expect(forwarded.evidence.first?.path?.contains("/Inbox/attachments/") == true)
        #expect(forwarded.evidence.first?.path?.hasSuffix("#/value/0/item/attachments/0") == true)
        // A message whose attachments page is empty has attachments collected: none, not unknown.
        let none = try Self.run("name: t\n\(scope)filters:\n  - {field: attachmentName, op: notExists}\n", [Self.tenant])
        #expect(none.summary.messagesUnsearchable == 0)
        #expect(none.matches.contains { $0.subject == "Claim status?" })
        // The reference attachment (a link, no bytes) is listed by name.
        let link = try Self.run("name: t\n\(scope)filters:\n  - attachmentExtension: xlsx\n", [Self.tenant])
        #expect(link.matches.map(\.mailbox) == ["customs.desk@fabrikam.example"])
    }
}
