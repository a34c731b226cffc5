package import Investigation

/// What the campaign grouping of reports (§15) needs of a match row beyond its envelope.
package enum CampaignFacts {
    /// Whether the row's link hosts can decide its campaign: it has neither a Message-ID nor a sender
    /// and a subject (``MatchRow/linkHosts`` are read for such rows even when the filters read no links).
    package static func needsLinkHosts(_ row: MatchRow) -> Bool {
        let hasID = !(row.messageID ?? "").isEmpty
        let hasSenderAndSubject = !(row.from ?? "").isEmpty && !(row.subject ?? "").isEmpty
        return !hasID && !hasSenderAndSubject
    }
}
