/// An outcome with its place in input order: the unit a sharded run writes and a merge sorts.
package struct PositionedOutcome: Sendable, Codable {
    package var position: InputPosition
    package var outcome: Outcome

    package init(position: InputPosition, outcome: Outcome) {
        self.position = position
        self.outcome = outcome
    }
}
