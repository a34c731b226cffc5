public import Investigation

/// Matches that are copies of one mailing (§15): what a responder thinks in. Derived from the match
/// rows at render time by ``CampaignGrouping``.
public struct Campaign: Sendable, Hashable {
    /// What the campaign's matches have in common.
    public enum Basis: String, Sendable, Hashable {
        /// One Message-ID.
        case messageID = "messageId"
        /// One sender address and one normalized subject.
        case senderSubject
        /// An attachment with the same SHA-256 (matches with neither Message-ID nor sender and subject).
        case attachment
        /// The same set of link hosts (likewise).
        case linkHosts
        /// Matches joined by different keys (a Message-ID shared with one, sender and subject with another).
        case related
        /// A match with none of the keys: a campaign of its own.
        case single
    }

    /// `c1`, `c2`, ... in campaign order (most copies first, then the first match).
    public var id: String
    public var basis: Basis
    /// The shared value, prefixed with its kind: `message-id:…`, `sender-subject:addr|subject`,
    /// `attachment-sha256:…`, `link-hosts:a,b`, or for a lone match `match:` and its index.
    public var key: String
    /// Indexes of the campaign's rows in the report's `matches`, ascending.
    public var matchIndexes: [Int]
    /// The mailboxes reached, sorted.
    public var mailboxes: [String]
    /// Earliest and latest delivery (received date, else sending date) of its copies.
    public var firstSeen: Int64?
    public var lastSeen: Int64?
    /// Copies the export says were read, were not read, and of which it does not say (EML, most mbox).
    public var read: Int
    public var unread: Int
    public var readUnknown: Int
    /// Subject and sender of its first match, for people.
    public var subject: String?
    public var from: String?

    /// The number of copies (matches).
    public var messages: Int { matchIndexes.count }
}

/// The campaigns of a report and, for each match, the id of its campaign.
public struct CampaignIndex: Sendable {
    public var campaigns: [Campaign]
    /// Parallel to the report's `matches`.
    public var campaignOfMatch: [String]

    public init(_ report: InvestigationReport) {
        self = CampaignGrouping.group(report.matches)
    }

    init(campaigns: [Campaign], campaignOfMatch: [String]) {
        self.campaigns = campaigns
        self.campaignOfMatch = campaignOfMatch
    }

    /// The campaign id of match `index` (`nil` for an index out of range).
    public func campaign(ofMatch index: Int) -> String? {
        index < campaignOfMatch.count ? campaignOfMatch[index] : nil
    }
}
