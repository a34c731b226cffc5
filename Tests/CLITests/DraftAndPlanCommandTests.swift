import Foundation
import Testing

/// The whole loop on the command line: a reported message → `draft` → `validate --investigation` →
/// `investigate` (campaigns in every format) → `plan`.
@Suite(.serialized)
struct DraftAndPlanCommandTests {
    static let reported = "Fixtures/sample-tenant/bruno.keller@fabrikam.example/Inbox/024-20261124_081215-Overdue_invoice_INV-204981_action_required.eml"

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-loop-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func reportedEmailToPlan() throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let draft = scratch.appendingPathComponent("draft.yaml").path
        let drafted = try Dragnet.run(["draft", "--output", draft, Self.reported])
        #expect(drafted.status == 0, "\(drafted.stderr)")
        #expect(drafted.stdout.contains("drafted 7 indicators"))
        let validated = try Dragnet.run(["validate", "--investigation", draft, "Fixtures/sample-tenant"])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("planned action would-warn"))

        let report = scratch.appendingPathComponent("report.json").path
        let investigated = try Dragnet.run(["investigate", "--investigation", draft, "--output", report, "Fixtures/sample-tenant"])
        #expect(investigated.status == 0, "\(investigated.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let campaigns = try #require(json["campaigns"] as? [[String: Any]])
        #expect(campaigns.map { $0["messages"] as? Int } == [7, 2])
        #expect(campaigns.first?["read"] as? Int == 2)
        #expect(campaigns.first?["unread"] as? Int == 2)
        #expect(campaigns.first?["readUnknown"] as? Int == 3)
        let matches = try #require(json["matches"] as? [[String: Any]])
        #expect(matches.allSatisfy { ($0["campaign"] as? String)?.hasPrefix("c") == true })
        #expect(matches.filter { $0["graphId"] is String }.count == 5)

        for format in ["graph-batch", "powershell", "purview"] {
            let folder = scratch.appendingPathComponent(format).path
            let planned = try Dragnet.run(["plan", "--format", format, "--output", folder, report])
            #expect(planned.status == 0, "\(planned.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(files.contains("plan-\(format).json"))
        }
        let script = try String(contentsOfFile: scratch.appendingPathComponent("powershell/remediate.ps1").path, encoding: .utf8)
        for match in matches {
            let id = try #require(match["messageId"] as? String)
            #expect(script.contains("'<\(id)>'"))
        }
        // The three formats may share a folder; a batch file of another plan is refused, never mixed in.
        let shared = scratch.appendingPathComponent("shared")
        for format in ["graph-batch", "powershell", "purview"] {
            #expect(try Dragnet.run(["plan", "--format", format, "--output", shared.path, report]).status == 0)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path).sorted() == [
            "batch-001.json", "plan-graph-batch.json", "plan-powershell.json", "plan-purview.json", "purview-unresolved.json", "purview.ps1",
            "remediate.ps1", "unresolved.json",
        ])
        try Data("{}".utf8).write(to: shared.appendingPathComponent("batch-002.json"))
        let mixed = try Dragnet.run(["plan", "--format", "graph-batch", "--output", shared.path, report])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("[plan.unusable-output]"))
    }

    @Test func campaignColumnInCSVAndHTMLSectionBeforeTheRows() throws {
        let csv = try Dragnet.run(["investigate", "--investigation", "Fixtures/investigations/invoice-lure.yaml", "--format", "csv", "Fixtures/sample-tenant"])
        #expect(csv.status == 0)
        let header = csv.stdout.split(separator: "\r\n").first.map(String.init) ?? ""
        #expect(header.hasSuffix(",Is Read,Campaign"))
        let html = try Dragnet.run(["investigate", "--investigation", "Fixtures/investigations/invoice-lure.yaml", "--format", "html", "Fixtures/sample-tenant"])
        let campaigns = try #require(html.stdout.range(of: "<section id=\"campaigns\">"))
        let rows = try #require(html.stdout.range(of: "<section id=\"matches\">"))
        #expect(campaigns.lowerBound < rows.lowerBound)
        #expect(html.stdout.contains("reached <strong>7 mailboxes</strong> with 7 copies; <strong>2 already read</strong>, 2 unread"))
    }

    @Test func draftErrors() throws {
        let folder = try Dragnet.run(["draft", "Fixtures/sample-tenant"])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("[draft.unreadable]"))
        let page = try Dragnet.run(["draft", "Fixtures/sample-tenant/alice.martin@fabrikam.example/messages-page-1.json"])
        #expect(page.status == 2)
        #expect(page.stderr.contains("[draft.several-messages]"))
        // The reported message is never overwritten (as investigate treats an input file).
        let message = "Fixtures/sample-tenant/henry.wu@fabrikam.example/single-message.json"
        let before = try Data(contentsOf: InspectCommandTests.packageRoot.appendingPathComponent(message))
        let overwrite = try Dragnet.run(["draft", "--output", message, message])
        #expect(overwrite.status == 2)
        #expect(try Data(contentsOf: InspectCommandTests.packageRoot.appendingPathComponent(message)) == before)
        let notReport = try Dragnet.run(["plan", "--format", "purview", "--output", FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-plan-\(getpid())").path, Self.reported])
        #expect(notReport.status == 2)
        #expect(notReport.stderr.contains("[plan.unreadable-report]"))
    }
}
