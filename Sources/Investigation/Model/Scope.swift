/// Where an investigation looks (§7).
public struct Scope: Sendable, Hashable {
    /// Mailbox addresses or UPNs (lower-cased); `nil` means `all`.
    public var mailboxes: [String]?
    /// Department or group names (users.json / groups.json); empty means no group restriction.
    public var groups: [String]
    /// Only mailboxes in these domains (lower-cased) are scanned; empty means every mailbox.
    public var authorizedDomains: [String]
    /// The sending-date range; `nil` means no restriction.
    public var dateRange: DateRange?
    /// Folder names (normalised as in §3.2); `nil` means all folders.
    public var folders: [String]?

    public init(mailboxes: [String]? = nil, groups: [String] = [], authorizedDomains: [String] = [], dateRange: DateRange? = nil, folders: [String]? = nil) {
        self.mailboxes = mailboxes
        self.groups = groups
        self.authorizedDomains = authorizedDomains
        self.dateRange = dateRange
        self.folders = folders
    }
}

/// `dateRange: {from:, to:}` on the sending date (§7): `from` inclusive; a date-only `to` includes that
/// whole day; a timestamp `to` is exclusive. UTC unless the value carries an offset.
public struct DateRange: Sendable, Hashable {
    /// Inclusive lower bound, seconds since the epoch.
    public var from: Int64?
    /// Exclusive upper bound, seconds since the epoch (a date-only `to` is the next midnight).
    public var until: Int64?
    /// The values as written, for reports.
    public var fromText: String?
    public var toText: String?

    public init(from: Int64?, until: Int64?, fromText: String? = nil, toText: String? = nil) {
        self.from = from
        self.until = until
        self.fromText = fromText
        self.toText = toText
    }

    /// Whether a sending date lies in the range.
    public func contains(_ date: Int64) -> Bool {
        if let from, date < from { return false }
        if let until, date >= until { return false }
        return true
    }
}
