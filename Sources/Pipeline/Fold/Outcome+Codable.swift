import Investigation
import MailModel

/// The record form of an outcome (see ``OutcomeRecord``): an object whose `kind` says which case it
/// is — `{"kind": "excluded", "mailbox": ..., "reason": ...}`, `{"kind": "item", "item": {...}}`,
/// `{"kind": "unreadable" | "note", "diagnostic": {...}}`.
extension Outcome: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, mailbox, reason, item, diagnostic
    }

    private enum Kind: String, Codable {
        case excluded, item, unreadable, note
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .excluded:
            self = .excluded(mailbox: try container.decode(String.self, forKey: .mailbox), reason: try container.decode(NotScannedReason.self, forKey: .reason))
        case .item:
            self = .item(try container.decode(ItemOutcome.self, forKey: .item))
        case .unreadable:
            self = .unreadable(try container.decode(Diagnostic.self, forKey: .diagnostic))
        case .note:
            self = .note(try container.decode(Diagnostic.self, forKey: .diagnostic))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .excluded(let mailbox, let reason):
            try container.encode(Kind.excluded, forKey: .kind)
            try container.encode(mailbox, forKey: .mailbox)
            try container.encode(reason, forKey: .reason)
        case .item(let item):
            try container.encode(Kind.item, forKey: .kind)
            try container.encode(item, forKey: .item)
        case .unreadable(let diagnostic):
            try container.encode(Kind.unreadable, forKey: .kind)
            try container.encode(diagnostic, forKey: .diagnostic)
        case .note(let diagnostic):
            try container.encode(Kind.note, forKey: .kind)
            try container.encode(diagnostic, forKey: .diagnostic)
        }
    }
}
