public import Investigation

extension InvestigationReport {
    /// "Found users": the mailboxes with at least one match, in report order.
    public var foundUsers: [MailboxResult] { mailboxes.filter { $0.matches > 0 } }

    /// One line of the per-filter table: a condition with its matches and unsearchable counts.
    struct FilterFigures {
        var id: String
        /// `nil` for an id the summary counts but the investigation does not define.
        var label: String?
        var matches: Int
        var unsearchable: Int
    }

    /// Every condition of the investigation in file order with its figures (zero when the summary has
    /// none), then any id the summary counts that the investigation does not define (natural order).
    var filterFigures: [FilterFigures] {
        let conditions = investigation.conditions
        var rows = conditions.map {
            FilterFigures(
                id: $0.id, label: $0.label, matches: summary.matchesByFilter[$0.id] ?? 0,
                unsearchable: summary.unsearchableByFilter[$0.id] ?? 0)
        }
        let known = Set(conditions.map(\.id))
        let extra = Set(summary.matchesByFilter.keys).union(summary.unsearchableByFilter.keys).subtracting(known)
        for id in extra.sorted(by: ReportFormatting.naturalLess) {
            rows.append(FilterFigures(
                id: id, label: nil, matches: summary.matchesByFilter[id] ?? 0, unsearchable: summary.unsearchableByFilter[id] ?? 0))
        }
        return rows
    }

    /// Per condition id: its figure, with every condition of the investigation present (zero when
    /// absent from `counts`).
    func completed(_ counts: [String: Int]) -> [String: Int] {
        var out = counts
        for condition in investigation.conditions where out[condition.id] == nil { out[condition.id] = 0 }
        return out
    }

    /// The label of a condition id, from the investigation.
    func label(ofFilter id: String) -> String? {
        investigation.conditions.first { $0.id == id }?.label
    }
}

extension MatchRow {
    /// The matched filters as (id, label) pairs; a label missing from the row is looked up in the
    /// investigation.
    func filters(in report: InvestigationReport) -> [(id: String, label: String?)] {
        matchedFilters.indices.map { (matchedFilters[$0], filterLabel(at: $0, in: report)) }
    }

    /// The label of the `index`th matched filter (``filters(in:)`` without the array).
    func filterLabel(at index: Int, in report: InvestigationReport) -> String? {
        index < matchedFilterLabels.count ? matchedFilterLabels[index] : report.label(ofFilter: matchedFilters[index])
    }
}
