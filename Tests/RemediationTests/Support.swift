import Foundation
import Remediation

enum Support {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plans = root.appendingPathComponent("Fixtures/plans")
    static let schemas = SchemaValidator(directory: plans.appendingPathComponent("schemas"))
    static let reports = ["invoice-lure-moveToTrash", "invoice-lure-delete", "invoice-lure-warn", "invoice-lure-none", "hostile"]

    static func reportBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: plans.appendingPathComponent("reports/\(name).json")))
    }

    static func report(_ name: String) throws -> PlanReport { try PlanReport(bytes: reportBytes(name), path: name) }

    static func artifacts(_ name: String, _ format: PlanFormat) throws -> [PlanArtifact] {
        RemediationPlan.artifacts(for: try report(name), format: format)
    }

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// A report JSON with the given matches (what `dragnet investigate` writes, reduced to what plans read).
    static func syntheticReport(_ matches: [[String: Any]], action: String) throws -> [UInt8] {
        let document: [String: Any] = [
            "investigation": ["name": "synthetic", "sha256": "11", "action": ["type": "x", "plannedAction": action]],
            "matches": matches,
        ]
        return [UInt8](try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
    }

    static func match(mailbox: String, messageID: String?, graphID: String?, action: String, format: String = "graph-json") -> [String: Any] {
        var row: [String: Any] = [
            "mailbox": mailbox, "folder": "Inbox", "plannedAction": action, "source": ["format": format, "path": "x"],
        ]
        if let messageID { row["messageId"] = messageID }
        if let graphID { row["graphId"] = graphID }
        return row
    }
}
