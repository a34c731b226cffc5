public import MailModel

/// Evaluates an investigation's filter expression against normalized items (§6), with three-valued
/// logic for fields an export did not collect (§3.1), and records evidence for the conditions that hold.
///
/// Patterns (regexes, IP ranges, globs, normalized text values) are compiled once; an evaluator is
/// shared by all worker threads.
public struct InvestigationEvaluator: Sendable {
    public let investigation: Investigation
    private let compiled: [String: CompiledCondition]
    /// The conditions in file order (the tree flattened once, not per item).
    private let conditions: [Condition]

    public init(investigation: Investigation) {
        self.investigation = investigation
        conditions = investigation.conditions
        var compiled: [String: CompiledCondition] = [:]
        for condition in conditions { compiled[condition.id] = CompiledCondition(condition) }
        self.compiled = compiled
    }

    /// The verdict for one item.
    public func evaluate(_ item: MailItem) -> ItemVerdict {
        let context = ItemContext(item)
        var results: [String: ConditionResult] = [:]
        let truth = evaluate(investigation.root, context, &results)
        var matched: [String] = []
        var unknown: [String] = []
        var evidence: [Evidence] = []
        for condition in conditions {
            guard let result = results[condition.id] else { continue }
            switch result.truth {
            case .yes:
                matched.append(condition.id)
                evidence += result.evidence
            case .unknown: unknown.append(condition.id)
            case .no: break
            }
        }
        return ItemVerdict(truth: truth, matchedConditions: truth == .yes ? matched : [], unknownConditions: unknown, evidence: truth == .yes ? evidence : [])
    }

    private func evaluate(_ node: FilterNode, _ context: ItemContext, _ results: inout [String: ConditionResult]) -> Truth {
        switch node {
        case .condition(let condition):
            let result = compiled[condition.id]!.evaluate(context)
            results[condition.id] = result
            return result.truth
        case .all(let nodes):
            // Every part is evaluated (no short cut) so that evidence and unsearchable counts are complete.
            var truth = Truth.yes
            for node in nodes {
                switch evaluate(node, context, &results) {
                case .no: truth = .no
                case .unknown: if truth == .yes { truth = .unknown }
                case .yes: break
                }
            }
            return truth
        case .any(let nodes):
            var truth = Truth.no
            for node in nodes {
                switch evaluate(node, context, &results) {
                case .yes: truth = .yes
                case .unknown: if truth == .no { truth = .unknown }
                case .no: break
                }
            }
            return truth
        case .not(let node):
            var inner: [String: ConditionResult] = [:]
            let truth = !evaluate(node, context, &inner)
            // Conditions under `not` hold when their group is false; they are not evidence of a match.
            for (id, result) in inner { results[id] = ConditionResult(truth: result.truth == .unknown ? .unknown : .no, evidence: []) }
            return truth
        }
    }
}

/// The result of one condition on one item.
struct ConditionResult: Sendable {
    var truth: Truth
    var evidence: [Evidence]
}
