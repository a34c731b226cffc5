public import Investigation
public import MailModel

/// Says why an item did or did not match an investigation: which conditions held (with their
/// evidence), which did not hold, and which could not be decided (a field the export did not collect).
///
/// Each condition is evaluated on its own, with the same engine `dragnet investigate` uses; the
/// expression tree is then walked to name only the conditions that decided the outcome.
public struct MatchExplainer: Sendable {
    public let investigation: Investigation
    private let single: [String: InvestigationEvaluator]
    private let scope: ScopeEvaluator

    public init(investigation: Investigation) {
        self.investigation = investigation
        var single: [String: InvestigationEvaluator] = [:]
        for condition in investigation.conditions {
            single[condition.id] = InvestigationEvaluator(investigation: Investigation(name: condition.id, filters: [.condition(condition)]))
        }
        self.single = single
        scope = ScopeEvaluator(scope: investigation.scope, groupMembers: [])
    }

    /// One condition's outcome on one item.
    public struct ConditionOutcome: Sendable {
        public var condition: Condition
        public var truth: Truth
        public var evidence: [Evidence]
        /// Why a condition is unknown: `headers not collected`, `attachments not collected`, ...
        public var unknownReason: String?
    }

    /// Every condition's outcome, by id.
    public func outcomes(_ item: MailItem) -> [String: ConditionOutcome] {
        var out: [String: ConditionOutcome] = [:]
        for condition in investigation.conditions {
            guard let evaluator = single[condition.id] else { continue }
            let verdict = evaluator.evaluate(item)
            out[condition.id] = ConditionOutcome(
                condition: condition, truth: verdict.truth, evidence: verdict.evidence,
                unknownReason: verdict.truth == .unknown ? Self.unknownReason(condition, item) : nil)
        }
        return out
    }

    static func unknownReason(_ condition: Condition, _ item: MailItem) -> String {
        if condition.field.needsHeaders, item.headers.value == nil { return "headers not collected" }
        if condition.field.needsAttachments, item.attachments.value == nil { return "attachments not collected" }
        if condition.field.readsBody, !item.protectedContent.isEmpty {
            let kinds = item.protectedContent.map(\.protection.displayName)
            let names = kinds.enumerated().filter { !kinds[..<$0.offset].contains($0.element) }.map(\.element)
            return "body encrypted or rights-protected: \(names.joined(separator: ", "))"
        }
        let cut = item.unknownFields.sorted()
        if !cut.isEmpty { return "the export cut \(cut.joined(separator: ", "))" }
        return "the export did not collect the field"
    }

    /// Why an item that was expected to match did not (one clause per deciding condition). `mailboxStatus`
    /// is the runner's status of the item's mailbox.
    public func whyNotMatched(_ item: MailItem, mailboxStatus: MailboxStatus?) -> [String] {
        if let status = mailboxStatus?.notScannedReason {
            let why = status == .notAuthorized
                ? "outside scope.authorizedDomains [\(investigation.scope.authorizedDomains.joined(separator: ", "))]; name a mailbox with 'mailbox:' in suite.yaml or the expectations"
                : "not among scope.mailboxes / scope.groups"
            return ["mailbox \(item.mailbox) was not scanned (\(status.rawValue): \(why))"]
        }
        switch scope.placement(of: item) {
        case .outsideFolders:
            return ["folder \(item.folder) is outside scope.folders [\((investigation.scope.folders ?? []).joined(separator: ", "))]"]
        case .undated:
            return ["the item has no usable sending date, so it is outside scope.dateRange"]
        case .outsideDateRange:
            let range = investigation.scope.dateRange
            return ["sent \(item.date.map(Self.iso8601) ?? "?"), outside scope.dateRange \(range?.fromText ?? "…")..\(range?.toText ?? "…")"]
        case .inScope:
            break
        }
        let outcomes = outcomes(item)
        let reasons = notYes(investigation.root, outcomes, negated: false)
        return reasons.isEmpty ? ["the filters did not match (no single condition to blame)"] : reasons
    }

    /// Why an item matched: the conditions that held, with their evidence.
    public func whyMatched(_ item: MailItem) -> [String] {
        let outcomes = outcomes(item)
        let reasons = yes(investigation.root, outcomes, negated: false)
        return reasons.isEmpty ? ["the filters matched"] : reasons
    }

    // MARK: Walking the expression

    private func truth(_ node: FilterNode, _ outcomes: [String: ConditionOutcome]) -> Truth {
        switch node {
        case .condition(let c): return outcomes[c.id]?.truth ?? .unknown
        case .all(let nodes):
            var t = Truth.yes
            for n in nodes {
                switch truth(n, outcomes) {
                case .no: return .no
                case .unknown: t = .unknown
                case .yes: break
                }
            }
            return t
        case .any(let nodes):
            var t = Truth.no
            for n in nodes {
                switch truth(n, outcomes) {
                case .yes: return .yes
                case .unknown: t = .unknown
                case .no: break
                }
            }
            return t
        case .not(let n): return !truth(n, outcomes)
        }
    }

    /// Clauses for a node that is not `yes`.
    private func notYes(_ node: FilterNode, _ outcomes: [String: ConditionOutcome], negated: Bool) -> [String] {
        switch node {
        case .condition(let c):
            guard let outcome = outcomes[c.id] else { return [] }
            switch outcome.truth {
            case .no: return ["\(Self.name(c)) did not hold" + (negated ? " (under 'not')" : "")]
            case .unknown: return ["\(Self.name(c)) unknown (\(outcome.unknownReason ?? "not collected"))"]
            case .yes: return []
            }
        case .all(let nodes):
            return nodes.filter { truth($0, outcomes) != .yes }.flatMap { notYes($0, outcomes, negated: negated) }
        case .any(let nodes):
            return nodes.flatMap { notYes($0, outcomes, negated: negated) }
        case .not(let child):
            // The group under `not` held (or could not be decided).
            if truth(child, outcomes) == .yes {
                return yes(child, outcomes, negated: !negated).map { $0 + " (under 'not', so the item is excluded)" }
            }
            return unknowns(child, outcomes)
        }
    }

    /// Clauses for a node that is `yes`.
    private func yes(_ node: FilterNode, _ outcomes: [String: ConditionOutcome], negated: Bool) -> [String] {
        switch node {
        case .condition(let c):
            guard let outcome = outcomes[c.id], outcome.truth == .yes else { return [] }
            let evidence = outcome.evidence.first.map { e -> String in
                let snippet = Self.clean(e.snippet)
                return snippet.isEmpty ? ": \(e.field)" : ": \(e.field) \"\(snippet)\""
            } ?? ""
            return ["\(Self.name(c)) held\(evidence)"]
        case .all(let nodes):
            return nodes.flatMap { yes($0, outcomes, negated: negated) }
        case .any(let nodes):
            return nodes.filter { truth($0, outcomes) == .yes }.flatMap { yes($0, outcomes, negated: negated) }
        case .not(let child):
            // `not` held because its group did not: that is not evidence, but it is part of why.
            return notYes(child, outcomes, negated: !negated).map { $0.hasSuffix("(under 'not')") ? $0 : $0 + " (under 'not')" }
        }
    }

    private func unknowns(_ node: FilterNode, _ outcomes: [String: ConditionOutcome]) -> [String] {
        node.conditions.compactMap { c in
            guard let outcome = outcomes[c.id], outcome.truth == .unknown else { return nil }
            return "\(Self.name(c)) unknown (\(outcome.unknownReason ?? "not collected"))"
        }
    }

    /// `f2 (keyword contains "password")`.
    static func name(_ c: Condition) -> String { "\(c.id) (\(c.label))" }

    /// A snippet on one line, at most 100 characters.
    static func clean(_ s: String) -> String {
        var out = String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
        if out.count > 100 { out = String(out.prefix(99)) + "…" }
        return out
    }

    static func iso8601(_ seconds: Int64) -> String { UTCTimestamp.iso8601(seconds) }
}
