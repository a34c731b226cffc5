import Investigation
import Ingest
import MIME

/// Evaluates several investigations over each event of one scan: a message is read and parsed once,
/// normalized once per set of fields the investigations read (``ItemContent``), so each
/// investigation sees exactly the item its own run would build, and evaluated by each. One per
/// worker thread (it owns compiled investigations).
struct SharedEvaluation {
    private let contexts: [RunContext]
    private let evaluators: [InvestigationEvaluator]
    /// The distinct contents, and for each investigation the index of its own.
    private let contents: [ItemContent]
    private let contentIndex: [Int]
    private let options: ParserOptions
    private let snippets: Bool

    init(contexts: [RunContext], contents: [ItemContent], options: ParserOptions, snippets: Bool) {
        self.contexts = contexts
        evaluators = contexts.map { InvestigationEvaluator(investigation: $0.investigation) }
        var distinct: [ItemContent] = []
        contentIndex = contents.map { content in
            if let index = distinct.firstIndex(of: content) { return index }
            distinct.append(content)
            return distinct.count - 1
        }
        self.contents = distinct
        self.options = options
        self.snippets = snippets
    }

    /// One outcome per investigation, in their order.
    func outcomes(_ event: ExportEvent) -> [Outcome] {
        if contexts.count == 1 {
            // One investigation (the common case): what a run without state does, with nothing to share.
            return [InvestigationRunner.process(
                event, scope: contexts[0].scope, evaluator: evaluators[0], labels: contexts[0].labels, action: contexts[0].investigation.action,
                options: options, content: contents[0], snippets: snippets)]
        }
        let found: FoundMessage
        switch InvestigationRunner.split(event) {
        case .other(let outcome): return Array(repeating: outcome, count: contexts.count)
        case .message(let message): found = message
        }
        let exclusions = contexts.map { $0.scope.exclusion(ofMailbox: found.mailbox) }
        // Only the contents some investigation that scans this mailbox reads.
        var needed: [Int] = []
        for (index, exclusion) in exclusions.enumerated() where exclusion == nil && !needed.contains(contentIndex[index]) {
            needed.append(contentIndex[index])
        }
        let items = needed.isEmpty ? [] : InvestigationRunner.items(found, options: options, contents: needed.map { contents[$0] })
        return contexts.indices.map { index in
            if let reason = exclusions[index] { return .excluded(mailbox: found.mailbox, reason: reason) }
            let item = items[needed.firstIndex(of: contentIndex[index])!]
            let context = contexts[index]
            return InvestigationRunner.outcome(
                of: item, found: found, scope: context.scope, evaluator: evaluators[index], labels: context.labels,
                action: context.investigation.action, options: options, content: contents[contentIndex[index]], snippets: snippets)
        }
    }
}
