/// A mailbox address as investigations see it: a display name and an address (§4).
public struct MailAddress: Sendable, Hashable {
    /// The decoded display name, if any.
    public var name: String?
    /// The address as written (`local@domain`).
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// The part after the last `@`, lower-cased (empty when there is none).
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...]).lowercased()
    }
}
