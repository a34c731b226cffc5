import Foundation
import Remediation
import Testing

/// Graph batch bodies checked against the JSON schemas written from Microsoft's documentation
/// (Fixtures/plans/schemas), and the batching rules: at most 20 requests, unique ids, every
/// Graph-sourced match exactly once, every other one in unresolved.json.
struct GraphBatchPlanTests {
    static func batches(_ artifacts: [PlanArtifact]) throws -> [JSON] {
        try artifacts.filter { $0.name.hasPrefix("batch-") }.map { try JSON.parse($0.bytes) }
    }

    @Test("every graph-batch artifact of every fixture report is valid against its schema", arguments: Support.reports)
    func schemas(report: String) throws {
        let artifacts = try Support.artifacts(report, .graphBatch)
        for artifact in artifacts {
            let schema = artifact.name.hasPrefix("batch-") ? "graph-batch.schema.json" : artifact.name == "unresolved.json" ? "unresolved.schema.json" : "plan.schema.json"
            let errors = try Support.schemas.errors(try JSON.parse(artifact.bytes), schemaFile: schema)
            #expect(errors.isEmpty, "\(report)/\(artifact.name): \(errors)")
        }
        for format in [PlanFormat.powershell, .purview] {
            let manifest = try Support.artifacts(report, format).first { $0.name == "plan-\(format.rawValue).json" }!
            #expect(try Support.schemas.errors(try JSON.parse(manifest.bytes), schemaFile: "plan.schema.json").isEmpty)
        }
    }

    @Test("the schemas reject what Graph would: 21 requests, a move without its body, a body on permanentDelete")
    func schemasHaveTeeth() throws {
        let move = #"{"id":"1","method":"POST","url":"/users/a%40b/messages/X/move","headers":{"Content-Type":"application/json"},"body":{"destinationId":"deleteditems"}}"#
        let tooMany = "{\"requests\":[" + Array(repeating: move, count: 21).joined(separator: ",") + "]}"
        #expect(!(try Support.schemas.errors(try JSON.parse(Array(tooMany.utf8)), schemaFile: "graph-batch.schema.json")).isEmpty)
        let noBody = #"{"requests":[{"id":"1","method":"POST","url":"/users/a%40b/messages/X/move"}]}"#
        #expect(!(try Support.schemas.errors(try JSON.parse(Array(noBody.utf8)), schemaFile: "graph-batch.schema.json")).isEmpty)
        let deleteWithBody = #"{"requests":[{"id":"1","method":"POST","url":"/users/a%40b/messages/X/permanentDelete","body":{}}]}"#
        #expect(!(try Support.schemas.errors(try JSON.parse(Array(deleteWithBody.utf8)), schemaFile: "graph-batch.schema.json")).isEmpty)
        let rawSlash = #"{"requests":[{"id":"1","method":"POST","url":"/users/a%40b/messages/X/../../me/move","headers":{"Content-Type":"application/json"},"body":{"destinationId":"deleteditems"}}]}"#
        #expect(!(try Support.schemas.errors(try JSON.parse(Array(rawSlash.utf8)), schemaFile: "graph-batch.schema.json")).isEmpty)
    }

    @Test("the sample campaign: every Graph-sourced match once in the batches, every EML match in unresolved.json")
    func sampleCampaign() throws {
        let report = try Support.report("invoice-lure-moveToTrash")
        let artifacts = RemediationPlan.artifacts(for: report, format: .graphBatch)
        let requests = try Self.batches(artifacts).flatMap { $0["requests"]?.array ?? [] }
        let graphItems = report.items.filter { $0.sourceFormat == "graph-json" }
        #expect(requests.compactMap { $0["id"]?.string }.sorted() == graphItems.map { String($0.number) }.sorted())
        for item in graphItems {
            let request = requests.first { $0["id"]?.string == String(item.number) }
            let expected = "/users/" + Escaping.pathSegment(item.mailbox) + "/messages/" + Escaping.pathSegment(item.graphID!) + "/move"
            #expect(request?["url"]?.string == expected)
            #expect(request?["body"]?["destinationId"]?.string == "deleteditems")
        }
        let unresolved = try JSON.parse(artifacts.first { $0.name == "unresolved.json" }!.bytes)
        let listed = unresolved["items"]?.array ?? []
        #expect(listed.compactMap { $0["match"]?.int }.sorted() == report.items.filter { $0.sourceFormat == "eml" }.map(\.number))
        #expect(listed.allSatisfy { $0["messageId"]?.string != nil && $0["mailbox"]?.string != nil })
    }

    @Test("warn patches the categories, keeping the message's own; delete is a permanentDelete without a body")
    func warnAndDelete() throws {
        let warn = try Self.batches(try Support.artifacts("invoice-lure-warn", .graphBatch)).flatMap { $0["requests"]?.array ?? [] }
        #expect(warn.allSatisfy { $0["method"]?.string == "PATCH" && $0["body"]?["categories"]?.array == [.string("Dragnet phishing warning")] })
        let hostile = try Self.batches(try Support.artifacts("hostile", .graphBatch)).flatMap { $0["requests"]?.array ?? [] }
        let patched = hostile.first { $0["method"]?.string == "PATCH" }
        #expect(patched?["body"]?["categories"]?.array == [.string("Red category"), .string("it's \"quoted\""), .string("Dragnet phishing warning")])
        let delete = try Self.batches(try Support.artifacts("invoice-lure-delete", .graphBatch)).flatMap { $0["requests"]?.array ?? [] }
        #expect(delete.allSatisfy { $0["body"] == nil && $0["url"]?.string?.hasSuffix("/permanentDelete") == true })
    }

    @Test("hostile ids and mailboxes stay inside their path segment")
    func hostileSegments() throws {
        let report = try Support.report("hostile")
        let requests = try Self.batches(try Support.artifacts("hostile", .graphBatch)).flatMap { $0["requests"]?.array ?? [] }
        for request in requests {
            let url = request["url"]?.string ?? ""
            let parts = url.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            #expect(parts.count >= 5 && parts[0].isEmpty && parts[1] == "users" && parts[3] == "messages")
            let item = report.items.first { String($0.number) == request["id"]?.string }!
            #expect(parts[2].removingPercentEncoding == item.mailbox)
            #expect(parts[4].removingPercentEncoding == item.graphID)
            #expect(!url.contains("?") && !url.contains("#") && !url.contains(" ") && !url.contains("'"))
        }
    }

    @Test("a large report: batches of at most 20 with unique ids; every Graph match exactly once; the rest unresolved")
    func batching() throws {
        var matches: [[String: Any]] = []
        for n in 0..<45 { matches.append(Support.match(mailbox: "user\(n % 4)@contoso.example", messageID: "m\(n)@x.example", graphID: "G\(n)=", action: "would-delete")) }
        for n in 0..<30 { matches.append(Support.match(mailbox: "user\(n % 3)@contoso.example", messageID: "e\(n)@x.example", graphID: nil, action: "would-delete", format: "eml")) }
        matches.append(Support.match(mailbox: "unknown", messageID: "u@x.example", graphID: "GU=", action: "would-delete"))
        let report = try PlanReport(bytes: try Support.syntheticReport(matches, action: "would-delete"))
        let artifacts = RemediationPlan.artifacts(for: report, format: .graphBatch)
        let batches = try Self.batches(artifacts)
        #expect(batches.count == 3)
        var seen: [String] = []
        for batch in batches {
            let ids = batch["requests"]?.array?.compactMap { $0["id"]?.string } ?? []
            #expect(ids.count <= 20)
            #expect(Set(ids).count == ids.count)
            seen += ids
            #expect(try Support.schemas.errors(batch, schemaFile: "graph-batch.schema.json").isEmpty)
        }
        #expect(seen.sorted() == (1...45).map(String.init).sorted())
        let unresolved = try JSON.parse(artifacts.first { $0.name == "unresolved.json" }!.bytes)
        #expect(unresolved["items"]?.array?.compactMap { $0["match"]?.int } == Array(46...76))
    }
}
