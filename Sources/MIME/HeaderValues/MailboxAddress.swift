/// One mailbox of an address list (RFC 5322 §3.4): an optional display name and an addr-spec.
public struct MailboxAddress: Sendable, Hashable {
    /// The decoded display name, or `nil` when there is none.
    public var name: String?
    /// `local-part@domain` as written (quoted local parts keep their quotes removed; domain as written).
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

/// An element of an address list: a mailbox or a named group of mailboxes.
public enum AddressListEntry: Sendable, Hashable {
    case mailbox(MailboxAddress)
    case group(name: String, members: [MailboxAddress])
}

extension Array where Element == AddressListEntry {
    /// Mailboxes with groups flattened into their members (an empty group adds none).
    public var mailboxes: [MailboxAddress] {
        flatMap { entry -> [MailboxAddress] in
            switch entry {
            case .mailbox(let m): return [m]
            case .group(_, let members): return members
            }
        }
    }
}
