package import Investigation
package import MailModel

/// What one event of the scan became for one investigation: everything a report needs of it and
/// nothing it must read again (architecture: "a report is a pure fold over item outcomes, in input
/// order"). Outcomes are stored by `--state` and may be written out and read back (``OutcomeRecord``);
/// folded in input order by ``ReportFold`` they give the report.
package enum Outcome: Sendable {
    /// A message of a mailbox the investigation does not scan (not authorized, or out of scope).
    case excluded(mailbox: String, reason: NotScannedReason)
    /// A message that was read and placed in (or outside) the scope, and evaluated when in it.
    case item(ItemOutcome)
    /// A path that could not be read at all (missing, permission denied, ...).
    case unreadable(Diagnostic)
    /// A note about part of a file (invalid JSON skipped, an error page, a cut file, a file that is
    /// not mail); an error-severity note means content was lost.
    case note(Diagnostic)

    /// Whether the outcome stands for one message (read or excluded).
    package var isItem: Bool {
        switch self {
        case .excluded, .item: true
        case .unreadable, .note: false
        }
    }

    /// The match row, when the outcome is a match.
    package var match: MatchRow? {
        if case .item(let item) = self { return item.row }
        return nil
    }
}

/// A message read for one investigation.
package struct ItemOutcome: Sendable, Codable {
    /// The mailbox (owner), lower-cased, or `unknown`.
    package var mailbox: String
    /// The folder, well-known names normalised, or `unknown`.
    package var folder: String
    /// Where the message is (§10 `source`): names the item, e.g. to emit a watch's match once.
    package var source: MessageSource
    /// In the scope, or why not (outside the folders, undated, outside the date range).
    package var placement: ScopeEvaluator.ItemPlacement
    /// The filter expression's truth; `nil` for an item outside the scope (not evaluated).
    package var truth: Truth?
    /// Ids of the conditions that could not be evaluated for lack of a collected field.
    package var unknownConditions: [String]
    /// The report row, for a match.
    package var row: MatchRow?
    /// Diagnostics that say the item was only partly read (report `diagnostics`).
    package var partial: [Diagnostic]

    package init(
        mailbox: String, folder: String, source: MessageSource, placement: ScopeEvaluator.ItemPlacement, truth: Truth?,
        unknownConditions: [String], row: MatchRow?, partial: [Diagnostic]
    ) {
        self.mailbox = mailbox
        self.folder = folder
        self.source = source
        self.placement = placement
        self.truth = truth
        self.unknownConditions = unknownConditions
        self.row = row
        self.partial = partial
    }
}
