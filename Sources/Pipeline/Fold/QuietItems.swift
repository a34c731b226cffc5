import Investigation

/// Items of one mailbox that are neither matches nor partly read, counted instead of listed: what
/// ``ReportFold`` takes from them is counts alone, so a partial result (`--shard`) carries them as one
/// line per mailbox, and folding the counts gives the report folding the items gives.
package struct QuietItems: Sendable, Codable, Equatable {
    package var inScope = 0
    package var outsideFolders = 0
    package var undated = 0
    package var outsideDateRange = 0
    /// In scope, evaluated, and undecided for lack of a field.
    package var unsearchable = 0
    /// Per condition id, the evaluated items it could not be decided on.
    package var unknownConditions: [String: Int] = [:]

    package init() {}

    /// The items counted.
    package var count: Int { inScope + outsideFolders + undated + outsideDateRange }

    /// Whether the item says nothing a count does not: no match row, no partial-read diagnostic.
    package static func admits(_ item: ItemOutcome) -> Bool { item.row == nil && item.partial.isEmpty }

    /// Counts `item` (one ``admits(_:)`` accepts).
    package mutating func add(_ item: ItemOutcome) {
        switch item.placement {
        case .outsideFolders: outsideFolders += 1
        case .undated: undated += 1
        case .outsideDateRange: outsideDateRange += 1
        case .inScope:
            inScope += 1
            if item.truth != nil {
                for id in item.unknownConditions { unknownConditions[id, default: 0] += 1 }
                if item.truth == .unknown { unsearchable += 1 }
            }
        }
    }
}
