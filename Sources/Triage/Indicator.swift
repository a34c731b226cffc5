/// One indicator a draft uses: the filter it becomes, its value, and where it came from (§15).
public struct Indicator: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `from: address`.
        case senderAddress
        /// `from: domain` (the domain and its subdomains).
        case senderDomain
        /// `header: {name: Reply-To, contains: address}`.
        case replyTo
        /// `subject: text` (contains).
        case subject
        /// `messageId: id`.
        case messageID
        /// `url: host`, or a whole link (`bit.ly/3xYz`) when the host is shared.
        case link
        /// `attachmentSHA256: hex`.
        case attachmentSHA256
        /// `{field: attachmentName, op: equals, value: name}`.
        case attachmentName
        /// `ip: address`.
        case sendingIP
    }

    public var kind: Kind
    public var value: String
    /// Where the value was found (one line, from the evidence: made safe before it is written).
    public var origin: String

    public init(kind: Kind, value: String, origin: String) {
        self.kind = kind
        self.value = value
        self.origin = origin
    }
}

/// Something a responder might have used that the draft leaves out, and why (written as a comment).
public struct LeftOut: Sendable, Hashable {
    public var what: String
    public var reason: String

    public init(what: String, reason: String) {
        self.what = what
        self.reason = reason
    }
}
