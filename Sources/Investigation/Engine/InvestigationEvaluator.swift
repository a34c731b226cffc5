public import MailModel

/// Evaluates an investigation's filter expression against normalized items (§6), with three-valued
/// logic for fields an export did not collect (§3.1), and records evidence for the conditions that hold.
///
/// Patterns (regexes, IP ranges, globs, normalized text values) are compiled once; an evaluator is
/// shared by all worker threads.
public struct InvestigationEvaluator: Sendable {
    public let investigation: Investigation
    /// One compiled condition per distinct condition id, in file order.
    private let compiled: [CompiledCondition]
    /// The expression with each condition replaced by its slot in `compiled` (built once, so that an
    /// item costs no hashing of ids).
    private let root: Node
    /// The slot of each condition in file order (the tree flattened once, not per item).
    private let conditionSlots: [Int]

    /// A filter node whose conditions are slots of `compiled`.
    private indirect enum Node: Sendable {
        case condition(Int)
        case all([Node])
        case any([Node])
        case not(Node)
    }

    public init(investigation: Investigation) {
        self.investigation = investigation
        let conditions = investigation.conditions
        var slots: [String: Int] = [:]
        var compiled: [CompiledCondition] = []
        for condition in conditions {
            // An id given twice (only programmatic investigations can) keeps one slot, its last condition.
            if let slot = slots[condition.id] {
                compiled[slot] = CompiledCondition(condition)
            } else {
                slots[condition.id] = compiled.count
                compiled.append(CompiledCondition(condition))
            }
        }
        self.compiled = compiled
        conditionSlots = conditions.map { slots[$0.id]! }
        func node(_ filter: FilterNode) -> Node {
            switch filter {
            case .condition(let condition): .condition(slots[condition.id]!)
            case .all(let nodes): .all(nodes.map(node))
            case .any(let nodes): .any(nodes.map(node))
            case .not(let inner): .not(node(inner))
            }
        }
        root = node(investigation.root)
    }

    /// The verdict for one item.
    public func evaluate(_ item: MailItem) -> ItemVerdict {
        let context = ItemContext(item)
        var results = [ConditionResult?](repeating: nil, count: compiled.count)
        let truth = evaluate(root, context, &results)
        var matched: [String] = []
        var unknown: [String] = []
        var evidence: [Evidence] = []
        for slot in conditionSlots {
            guard let result = results[slot] else { continue }
            switch result.truth {
            case .yes:
                matched.append(compiled[slot].condition.id)
                evidence += result.evidence
            case .unknown: unknown.append(compiled[slot].condition.id)
            case .no: break
            }
        }
        var verdict = ItemVerdict(truth: truth, matchedConditions: truth == .yes ? matched : [], unknownConditions: unknown, evidence: truth == .yes ? evidence : [])
        if truth == .yes {
            verdict.computedSHA256 = context.computedSHA256()
            verdict.linkHosts = LinkHosts.hosts(of: item, context: context)
        }
        return verdict
    }

    private func evaluate(_ node: Node, _ context: ItemContext, _ results: inout [ConditionResult?]) -> Truth {
        switch node {
        case .condition(let slot):
            let result = compiled[slot].evaluate(context)
            results[slot] = result
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
            var inner = [ConditionResult?](repeating: nil, count: compiled.count)
            let truth = !evaluate(node, context, &inner)
            // Conditions under `not` hold when their group is false; they are not evidence of a match.
            for (slot, result) in inner.enumerated() {
                guard let result else { continue }
                results[slot] = ConditionResult(truth: result.truth == .unknown ? .unknown : .no, evidence: [])
            }
            return truth
        }
    }
}

/// The result of one condition on one item.
struct ConditionResult: Sendable {
    var truth: Truth
    var evidence: [Evidence]
}
