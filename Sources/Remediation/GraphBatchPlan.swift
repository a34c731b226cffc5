import JSONOutput

/// Microsoft Graph JSON batching bodies (§16): `batch-001.json`, ... each `{"requests": [...]}` with
/// at most ``PlanOptions/requestsPerBatch`` requests (Graph's limit is 20), unique `id`s (the match's
/// number in the report), the relative `url` of the v1.0 message API:
///
/// - moveToTrash: `POST /users/{mailbox}/messages/{id}/move` with `{"destinationId": "deleteditems"}`
/// - delete: `POST /users/{mailbox}/messages/{id}/permanentDelete`, no body
/// - warn: `PATCH /users/{mailbox}/messages/{id}` with `{"categories": [the message's categories and
///   the warning category]}`
///
/// Mailbox and id are percent-encoded path segments. A request with a body says `Content-Type:
/// application/json`; every request carries `X-Dragnet-Item: report-sha256=…; report-items=N;
/// match=K`, which ties it to the report's match. Matches without a Graph id or mailbox are in
/// `unresolved.json` with mailbox and Message-ID.
struct GraphBatchPlan {
    let report: PlanReport
    let options: PlanOptions

    func artifacts() -> [PlanArtifact] {
        let actionable = report.items.filter { $0.action != nil }
        let addressable = actionable.filter(\.hasGraphAddress)
        var artifacts: [PlanArtifact] = []
        let size = max(1, min(options.requestsPerBatch, 20))
        for (index, start) in stride(from: 0, to: addressable.count, by: size).enumerated() {
            let chunk = addressable[start..<min(start + size, addressable.count)]
            artifacts.append(PlanArtifact(name: "batch-" + threeDigits(index + 1) + ".json", bytes: batch(Array(chunk))))
        }
        artifacts.append(unresolved(actionable.filter { !$0.hasGraphAddress }))
        return artifacts
    }

    func batch(_ items: [PlanItem]) -> [UInt8] {
        var json = JSONWriter(prettyDepth: 0)
        json.beginObject()
        json.key("requests")
        json.beginArray()
        for item in items { request(item, into: &json) }
        json.endArray()
        json.endObject()
        return json.bytes + [0x0A]
    }

    func request(_ item: PlanItem, into json: inout JSONWriter) {
        let base = "/users/" + Escaping.pathSegment(item.mailbox) + "/messages/" + Escaping.pathSegment(item.graphID ?? "")
        json.beginObject()
        json.field("id", String(item.number))
        let tag = "report-sha256=\(report.sha256); report-items=\(report.itemCount); match=\(item.number)"
        switch item.action {
        case .moveToTrash?:
            json.field("method", "POST")
            json.field("url", base + "/move")
            headers(json: &json, body: true, tag: tag)
            json.key("body")
            json.beginObject()
            json.field("destinationId", "deleteditems")
            json.endObject()
        case .delete?:
            json.field("method", "POST")
            json.field("url", base + "/permanentDelete")
            headers(json: &json, body: false, tag: tag)
        case .warn?:
            json.field("method", "PATCH")
            json.field("url", base)
            headers(json: &json, body: true, tag: tag)
            json.key("body")
            json.beginObject()
            json.key("categories")
            json.beginArray()
            for category in (item.categories ?? []) where category != options.warningCategory { json.string(category) }
            json.string(options.warningCategory)
            json.endArray()
            json.endObject()
        case nil:
            break
        }
        json.endObject()
    }

    func headers(json: inout JSONWriter, body: Bool, tag: String) {
        json.key("headers")
        json.beginObject()
        if body { json.field("Content-Type", "application/json") }
        json.field("X-Dragnet-Item", tag)
        json.endObject()
    }

    /// `unresolved.json`: the matches a Graph batch cannot address, with why.
    func unresolved(_ items: [PlanItem]) -> PlanArtifact {
        var json = JSONWriter(prettyDepth: 0)
        json.beginObject()
        json.key("report")
        RemediationPlan.reportObject(report, into: &json)
        json.field("unresolved", items.count)
        json.key("items")
        json.beginArray()
        for item in items {
            json.beginObject()
            json.field("match", item.number)
            json.field("mailbox", item.mailbox)
            json.field("messageId", item.messageID)
            json.field("folder", item.folder)
            json.field("plannedAction", item.plannedAction)
            json.key("source")
            json.beginObject()
            json.field("format", item.sourceFormat)
            json.field("path", item.sourcePath)
            json.field("location", item.sourceLocation)
            json.endObject()
            json.field("campaign", item.campaign)
            json.field("reason", reason(item))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return PlanArtifact(name: "unresolved.json", bytes: json.bytes + [0x0A])
    }

    func reason(_ item: PlanItem) -> String {
        if !item.isKnownMailbox { return "the mailbox is unknown: give the export's mailbox (--mailbox) and investigate again" }
        if item.sourceFormat == "graph-json" { return "the Graph export did not include the message id" }
        return "a \(item.sourceFormat) source has no Graph message id: look it up by Message-ID (powershell plan)"
    }
}

func threeDigits(_ n: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}
