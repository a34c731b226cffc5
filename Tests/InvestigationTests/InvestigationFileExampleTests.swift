import Foundation
import Testing
@testable import Investigation

/// The example investigations of Fixtures/investigations/ (written for the sample tenant).
@Suite("Investigation file: examples")
struct InvestigationFileExampleTests {
    typealias F = InvestigationFileFixtures

    @Test func thereAreExamples() {
        #expect(F.exampleNames().count >= 8)
        #expect(F.exampleNames().contains("invoice-lure.yaml"))
    }

    @Test("every example loads without errors or warnings, checked against the sample tenant", arguments: F.exampleNames())
    func exampleLoads(_ name: String) throws {
        let loaded = try InvestigationFile.load(path: F.examplePath(name), directory: F.sampleDirectory)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(!loaded.investigation.conditions.isEmpty)
        // Ids are f1, f2, ... in order, and every condition knows where it is written.
        #expect(loaded.investigation.conditions.map(\.id) == (1...loaded.investigation.conditions.count).map { "f\($0)" })
        #expect(loaded.investigation.conditions.allSatisfy { $0.location.line > 0 && $0.location.column > 0 })
    }

    @Test func campaignInvestigation() throws {
        let investigation = try InvestigationFile.load(path: F.examplePath("invoice-lure.yaml"), directory: F.sampleDirectory).investigation
        #expect(investigation.match == .any)
        #expect(investigation.conditions.map(\.label) == [
            #"from equals "fabrikam-invoices.example""#,
            #"url equals "fabrikam-invoices.example""#,
            #"attachmentSHA256 equals "2b196b357458e333cdad7fee70412832f8afe877debb72359e29abb81a587d4e""#,
        ])
        let range = try #require(investigation.scope.dateRange)
        #expect(range.contains(1_795_507_929))  // 2026-11-24T08:12:09Z, the phish's sending date
        #expect(range.contains(1_795_509_690))  // 08:41:30, Bruno's forward
        #expect(!range.contains(1_795_477_212))  // 2026-11-23T23:40:12Z, the PO 55187 near miss
        #expect(investigation.action.planned == "would-move-to-trash")
    }

    @Test func scopedExample() throws {
        let investigation = try InvestigationFile.load(path: F.examplePath("finance-inbox-warning.yaml"), directory: F.sampleDirectory).investigation
        #expect(investigation.scope.groups == ["Finance"])
        #expect(investigation.scope.folders == ["Inbox"])
        #expect(investigation.scope.authorizedDomains == ["fabrikam.example"])
        #expect(investigation.action == Action(kind: .warn, message: "This email is a known phishing attempt. Do not open it."))
        #expect(F.render(investigation.filters) == [
            #"f1 senderName equals "Accounts Payable""#,
            #"not(any(f2 from equals "fabrikam.example", f3 header X-MS-Exchange-Organization-AuthAs equals "Internal"))"#,
        ])
    }

    @Test func attachmentExample() throws {
        let investigation = try InvestigationFile.load(path: F.examplePath("invoice-lure-attachment.yaml")).investigation
        let c = investigation.conditions
        #expect(c.map(\.field) == [.attachmentName, .attachmentSize, .attachmentExtension, .attachmentMD5, .attachmentSHA1, .attachmentSHA512])
        #expect(c[1].values == [.size(min: 600, max: 1024)])
        #expect(c[1].values.first.map { if case .size(let min, let max) = $0 { (min ?? 0) <= 670 && 670 <= (max ?? .max) } else { false } } == true)
        #expect(c[4].values == [.text("a0873547708a2298483dc9b4c438f6bafd8b4992")])
    }
}
