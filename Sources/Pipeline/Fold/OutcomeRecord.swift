import Foundation

/// Outcomes as bytes, for the state (`--state`) and for anything else that keeps outcomes apart from
/// the run that made them. A record is one UTF-8 JSON object (see `Outcome`'s `Codable` form: `kind`
/// and the case's fields; the report's own types keep their property names as keys; optional values
/// left out). ``version`` names the format: a reader refuses a record of another version rather than
/// guess.
package struct OutcomeRecord {
    /// The record format. Bump it when a field changes meaning or a needed field is added.
    package static let version = 1

    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    package init() {}

    package func encode(_ outcome: Outcome) -> [UInt8] {
        // Encoding values of plain structs and strings cannot fail.
        (try? Array(encoder.encode(outcome))) ?? []
    }

    package func decode(_ bytes: [UInt8]) throws -> Outcome {
        try decoder.decode(Outcome.self, from: Data(bytes))
    }

    package func encode(_ positioned: PositionedOutcome) -> [UInt8] {
        (try? Array(encoder.encode(positioned))) ?? []
    }

    package func decodePositioned(_ bytes: [UInt8]) throws -> PositionedOutcome {
        try decoder.decode(PositionedOutcome.self, from: Data(bytes))
    }
}
