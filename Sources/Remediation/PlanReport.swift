public import MailModel
import Crypto
import Foundation

/// What a remediation plan needs of a rendered JSON report (§9, §16) — its contract, read back:
/// the report's SHA-256 and match count, the investigation's name and action, and per match its
/// mailbox, Message-ID, Graph message id, categories, source and planned action.
public struct PlanReport: Sendable {
    /// SHA-256 (lower-case hex) of the report file's bytes: every artifact names it.
    public var sha256: String
    /// The report's `matches`, in report order.
    public var items: [PlanItem]
    public var investigationName: String
    public var investigationSHA256: String?
    /// The investigation's planned action (`would-warn`, `would-move-to-trash`, `would-delete`, `none`).
    public var plannedAction: String
    public var warningMessage: String?

    /// The number of matches in the report.
    public var itemCount: Int { items.count }

    /// Reads a report written by `dragnet investigate --format json`.
    public init(bytes: [UInt8], path: String = "report") throws(PlanError) {
        sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        guard let document = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw PlanError(code: PlanCode.unreadableReport, message: "not a JSON report (write one with dragnet investigate --format json)", path: path)
        }
        guard let matches = document["matches"] as? [[String: Any]], let investigation = document["investigation"] as? [String: Any] else {
            throw PlanError(code: PlanCode.unreadableReport, message: "the JSON has no 'investigation' and 'matches': not a Dragnet report", path: path)
        }
        investigationName = investigation["name"] as? String ?? ""
        investigationSHA256 = investigation["sha256"] as? String
        let action = investigation["action"] as? [String: Any]
        plannedAction = action?["plannedAction"] as? String ?? "none"
        warningMessage = action?["message"] as? String
        var items: [PlanItem] = []
        for (index, match) in matches.enumerated() {
            guard let mailbox = match["mailbox"] as? String, let planned = match["plannedAction"] as? String else {
                throw PlanError(code: PlanCode.unreadableReport, message: "match \(index + 1) has no mailbox or planned action", path: path)
            }
            let source = match["source"] as? [String: Any] ?? [:]
            items.append(PlanItem(
                number: index + 1, mailbox: mailbox, folder: match["folder"] as? String ?? "unknown",
                messageID: match["messageId"] as? String, graphID: match["graphId"] as? String,
                categories: match["categories"] as? [String], plannedAction: planned,
                warningMessage: match["warningMessage"] as? String,
                sourceFormat: source["format"] as? String ?? "", sourcePath: source["path"] as? String ?? "",
                sourceLocation: PlanItem.location(source), campaign: match["campaign"] as? String))
        }
        self.items = items
    }
}

/// One match of the report, as a plan acts on it.
public struct PlanItem: Sendable, Hashable {
    /// 1-based number of the match in the report (the request id in Graph batches).
    public var number: Int
    public var mailbox: String
    public var folder: String
    /// Without angle brackets, as reports write it.
    public var messageID: String?
    /// The Graph message `id` (Graph JSON sources only).
    public var graphID: String?
    /// The message's categories when the export collected them.
    public var categories: [String]?
    public var plannedAction: String
    public var warningMessage: String?
    public var sourceFormat: String
    public var sourcePath: String
    /// `pointer=/value/3`, `index=2`, `line=4`, or empty.
    public var sourceLocation: String
    public var campaign: String?

    /// The action a plan takes on this item.
    public var action: PlanAction? { PlanAction(planned: plannedAction) }

    /// Whether the item can be addressed in Microsoft Graph: a Graph message id and a real mailbox.
    public var hasGraphAddress: Bool { (graphID.map { !$0.isEmpty } ?? false) && isKnownMailbox }
    public var isKnownMailbox: Bool { !mailbox.isEmpty && mailbox != "unknown" }

    static func location(_ source: [String: Any]) -> String {
        if let pointer = source["pointer"] as? String { return "pointer=" + pointer }
        if let index = source["index"] as? Int { return "index=\(index)" }
        if let line = source["line"] as? Int { return "line=\(line)" }
        return ""
    }
}

/// What a plan does to an item (§8, §16).
public enum PlanAction: String, Sendable, Hashable {
    case warn, moveToTrash, delete

    init?(planned: String) {
        switch planned {
        case "would-warn": self = .warn
        case "would-move-to-trash": self = .moveToTrash
        case "would-delete": self = .delete
        default: return nil
        }
    }
}

/// Why no plan could be made: a code of ``PlanCode``.
public typealias PlanError = LocatedError
