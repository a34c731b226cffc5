import Crypto
import JSONOutput

/// The formats of `dragnet plan` (§16).
public enum PlanFormat: String, Sendable, Hashable, CaseIterable {
    case graphBatch = "graph-batch", powershell, purview
}

/// One file of a plan.
public struct PlanArtifact: Sendable, Hashable {
    public var name: String
    public var bytes: [UInt8]

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Limits of the services a plan is applied to, with the documented values as defaults.
public struct PlanOptions: Sendable, Hashable {
    /// Requests per JSON batch body: Microsoft Graph accepts at most 20.
    public var requestsPerBatch = 20
    /// Items a Purview purge action removes per mailbox: at most 10.
    public var purgeItemsPerMailbox = 10
    /// Mailboxes named in one compliance search (`-ExchangeLocation`).
    public var locationsPerSearch = 1000
    /// The category a `warn` adds to a message (the warning text is in the plan).
    public var warningCategory = "Dragnet phishing warning"

    public init() {}
}

/// Turns a report's planned actions into remediation artifacts (§16). Nothing is contacted; the same
/// report gives the same bytes. Every artifact names the report's SHA-256 and its item count.
public enum RemediationPlan {
    public static func artifacts(for report: PlanReport, format: PlanFormat, options: PlanOptions = PlanOptions()) -> [PlanArtifact] {
        var artifacts: [PlanArtifact]
        switch format {
        case .graphBatch: artifacts = GraphBatchPlan(report: report, options: options).artifacts()
        case .powershell: artifacts = PowerShellPlan(report: report, options: options).artifacts()
        case .purview: artifacts = PurviewPlan(report: report, options: options).artifacts()
        }
        artifacts.append(manifest(report: report, format: format, artifacts: artifacts, options: options))
        return artifacts
    }

    /// `plan-FORMAT.json`: what the plan holds, each file with its SHA-256, and the notes a reviewer
    /// needs (named by format, so the three plans of one report can share a folder).
    static func manifest(report: PlanReport, format: PlanFormat, artifacts: [PlanArtifact], options: PlanOptions) -> PlanArtifact {
        var json = JSONWriter(prettyDepth: 0)
        json.beginObject()
        json.field("format", format.rawValue)
        json.key("report")
        reportObject(report, into: &json)
        json.key("warning")
        if report.items.contains(where: { $0.action == .warn }) {
            json.beginObject()
            json.field("category", options.warningCategory)
            json.field("message", report.warningMessage)
            json.endObject()
        } else {
            json.null()
        }
        json.key("files")
        json.beginArray()
        for artifact in artifacts {
            json.beginObject()
            json.field("name", artifact.name)
            json.field("sha256", SHA256.hash(data: artifact.bytes).map { hexByte($0) }.joined())
            json.endObject()
        }
        json.endArray()
        json.key("notes")
        json.beginArray()
        for note in notes(report: report, format: format) { json.string(note) }
        json.endArray()
        json.endObject()
        return PlanArtifact(name: "plan-\(format.rawValue).json", bytes: json.bytes + [0x0A])
    }

    /// `{"sha256", "items", "investigation", "investigationSha256", "plannedAction"}`.
    static func reportObject(_ report: PlanReport, into json: inout JSONWriter) {
        json.beginObject()
        json.field("sha256", report.sha256)
        json.field("items", report.itemCount)
        json.field("investigation", report.investigationName)
        json.field("investigationSha256", report.investigationSHA256)
        json.field("plannedAction", report.plannedAction)
        json.endObject()
    }

    static func notes(report: PlanReport, format: PlanFormat) -> [String] {
        var notes: [String] = []
        let actionable = report.items.filter { $0.action != nil }
        if actionable.isEmpty {
            notes.append(report.items.isEmpty
                ? "The report has no matches: there is nothing to remediate."
                : "The report's planned action is none: there is nothing to remediate (change the investigation's action and run it again).")
        }
        let ignored = report.items.count - actionable.count
        if ignored > 0 && !actionable.isEmpty { notes.append("\(ignored) matches with planned action none are left out.") }
        switch format {
        case .graphBatch:
            let unresolved = actionable.filter { !$0.hasGraphAddress }.count
            if unresolved > 0 {
                notes.append("\(unresolved) matches have no Graph message id (EML, mbox or Maildir sources) or no known mailbox: they are in unresolved.json; the powershell plan looks them up by Message-ID.")
            }
            if actionable.contains(where: { $0.action == .warn && $0.categories == nil && $0.hasGraphAddress }) {
                notes.append("Some warned messages' categories were not in the export: their PATCH sets the warning category alone, replacing categories the user set since (the powershell plan reads them first).")
            }
        case .powershell:
            notes.append("The script changes nothing unless run with -Apply (each change is shown as What if). Connect-MgGraph -Scopes Mail.ReadWrite first.")
        case .purview:
            notes.append("Each compliance search holds at most 10 planned items per mailbox (Purview removes at most 10 items per mailbox per purge action); a search that finds more items than planned is not purged.")
            if actionable.contains(where: { $0.action == .warn }) {
                notes.append("Purview search actions cannot warn: use the graph-batch or powershell plan for warnings.")
            }
        }
        return notes
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
