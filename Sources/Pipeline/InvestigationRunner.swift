package import Investigation
package import MailModel
import GraphExport
package import Ingest
package import MIME
package import Outlook
private import Glibc

/// Runs an investigation over an export (§7–§9): the export is streamed, items are parsed, normalized
/// and evaluated on several threads in bounded batches, and results are folded into the report in
/// input order, so the report is deterministic and memory does not grow with the export.
package struct InvestigationRunner: Sendable {
    package var investigation: Investigation
    package var workers: Int
    package var mailboxHint: String?
    package var includeSnippets: Bool
    package var options: ParserOptions
    /// What items are built with beyond their envelope; by default what the investigation's filters
    /// read (``ItemContent/init(readBy:)``).
    package var itemContent: ItemContent?
    /// How PST/OST and `.msg` files are read (`--recovered`, limits).
    package var outlookOptions = OutlookReadOptions()

    package init(investigation: Investigation, workers: Int, mailboxHint: String? = nil, includeSnippets: Bool = true, options: ParserOptions = .default) {
        self.investigation = investigation
        self.workers = workers
        self.mailboxHint = mailboxHint
        self.includeSnippets = includeSnippets
        self.options = options
    }

    /// Progress while a run lasts (for a terminal line), and at its end (``isFinal``).
    package struct Progress: Sendable {
        /// Messages read in scope.
        package var messages: Int
        package var matches: Int
        /// Every message found in the inputs, in scope or not (0 at the end: nothing to investigate).
        package var messagesFound = 0
        /// Files (or Maildir folders) opened so far, and their bytes read (see ``ExportScan/bytesDone``).
        package var filesDone = 0
        package var bytesDone = 0
        /// The last call, after every input was read.
        package var isFinal = false
    }

    /// Runs over `paths`. Returns the report and the exit status (§9: 0, or 3 when some input could not be read).
    package func run(
        paths: [String], toolVersion: String, runOptions: [String: String], progress: ((Progress) -> Void)? = nil
    ) -> (InvestigationReport, ExitStatus) {
        let scan = ExportScan(paths: paths, mailboxHint: mailboxHint, workers: workers)
        scan.outlookOptions = outlookOptions
        return run(scan: scan, paths: paths, toolVersion: toolVersion, runOptions: runOptions, progress: progress)
    }

    /// Runs over a scan of `paths` made by the caller (who may have read its directory already).
    ///
    /// - Parameters:
    ///   - progress: called on the calling thread after each message found (callers throttle), and
    ///     once at the end with ``Progress/isFinal``.
    ///   - match: called on the calling thread with each match as soon as it is decided, in input
    ///     order (the walk's), before the report sorts them (JSON Lines streams these).
    ///   - onOutcome: sees each outcome as it is folded, in input order, with its walk step
    ///     (``ExportScan/step``).
    package func run(
        scan: ExportScan, paths: [String], toolVersion: String, runOptions: [String: String], progress: ((Progress) -> Void)? = nil,
        match: ((MatchRow) -> Void)? = nil, onOutcome: ((Int, Outcome) -> Void)? = nil
    ) -> (InvestigationReport, ExitStatus) {
        let start = Self.now()
        TextNormalizer.prepareInBackground()  // overlaps the walk
        let startTime = UTCTimestamp.iso8601(Int64(start))
        let context = RunContext(investigation: investigation, directory: scan.directory)
        let parserOptions = options
        let snippets = includeSnippets
        let content = itemContent ?? ItemContent(readBy: investigation)
        var fold = context.fold()

        OrderedParallelMap<(event: ExportEvent, step: Int), Outcome>(workers: workers).run(
            next: { scan.next().map { ($0, scan.step) } },
            weight: { item in if case .message(let found) = item.event { found.weight } else { 1 } },
            makeTransform: {
                // One compiled investigation per worker: no regex cache or reference count is shared.
                let evaluator = InvestigationEvaluator(investigation: context.investigation)
                return { item in
                    Self.process(
                        item.event, scope: context.scope, evaluator: evaluator, labels: context.labels, action: context.investigation.action,
                        options: parserOptions, content: content, snippets: snippets)
                }
            },
            consume: { item, outcome in
                onOutcome?(item.step, outcome)
                fold.add(outcome)
                if let row = outcome.match { match?(row) }
                if outcome.isItem {
                    progress?(Progress(
                        messages: fold.summary.messagesScanned, matches: fold.matches.count, messagesFound: fold.itemCount,
                        filesDone: scan.filesSeen, bytesDone: scan.bytesDone))
                }
            })
        progress?(Progress(
            messages: fold.summary.messagesScanned, matches: fold.matches.count, messagesFound: fold.itemCount, filesDone: scan.filesSeen,
            bytesDone: scan.bytesDone, isFinal: true))

        let duration = Self.now() - start
        let run = InvestigationReport.RunInfo(
            toolVersion: toolVersion, options: runOptions, startTime: startTime, inputs: paths, durationSeconds: duration,
            itemsEvaluated: fold.itemCount)
        return fold.report(run: run)
    }

    static func process(
        _ event: ExportEvent, scope: ScopeEvaluator, evaluator: InvestigationEvaluator, labels: [String: String], action: Action,
        options: ParserOptions, content: ItemContent, snippets: Bool
    ) -> Outcome {
        let found: FoundMessage
        switch Self.split(event) {
        case .other(let outcome): return outcome
        case .message(let message): found = message
        }
        if let reason = scope.exclusion(ofMailbox: found.mailbox) {
            return .excluded(mailbox: found.mailbox, reason: reason)
        }
        let item = Self.item(found, options: options, content: content)
        return outcome(
            of: item, found: found, scope: scope, evaluator: evaluator, labels: labels, action: action, options: options, content: content,
            snippets: snippets)
    }

    /// An event of the scan: a message to read, or anything else, whose outcome is the same for every investigation.
    enum Split {
        case message(FoundMessage)
        case other(Outcome)
    }

    static func split(_ event: ExportEvent) -> Split {
        switch event {
        case .message(let found):
            .message(found)
        case .unreadable(let error):
            .other(.unreadable(Diagnostic(error)))
        case .unrecognised(let path, let reason):
            .other(.note(Diagnostic(code: IngestCode.unrecognised, message: reason, location: SourceLocation(path: path))))
        case .diagnostic(let diagnostic):
            .other(.note(diagnostic))
        }
    }

    /// The outcome of a message of a scanned mailbox, read as `item` (built with `content`).
    static func outcome(
        of item: MailItem, found: FoundMessage, scope: ScopeEvaluator, evaluator: InvestigationEvaluator, labels: [String: String],
        action: Action, options: ParserOptions, content: ItemContent, snippets: Bool
    ) -> Outcome {
        let partial = item.diagnostics.filter(\.isPartlyRead)
            + item.unknownFields.sorted().map { field in
                Diagnostic(code: PipelineCode.fieldUnknown, message: "the export cut the field '\(field)'; filters on it cannot decide", location: SourceLocation(path: item.source.path, byteOffset: item.source.offset, pointer: item.source.pointer))
            }
        let placement = scope.placement(of: item)
        guard placement == .inScope else {
            return .item(ItemOutcome(
                mailbox: found.mailbox, folder: item.folder, source: item.source, placement: placement, truth: nil,
                unknownConditions: [], row: nil, partial: partial))
        }
        let verdict = evaluator.evaluate(item)
        var row: MatchRow?
        if verdict.truth == .yes {
            row = Self.row(item, verdict: verdict, labels: labels, action: action, snippets: snippets)
            // Campaigns group a match by its link hosts when it has neither a Message-ID nor a sender
            // and subject: a run whose filters read no links reads them then, for that match only.
            if content.contains(.links) {
                row?.linkHosts = verdict.linkHosts ?? LinkHosts.hosts(of: item)
            } else if row.map(CampaignFacts.needsLinkHosts) ?? false {
                row?.linkHosts = LinkHosts.hosts(of: Self.item(found, options: options, content: content.union(.links)))
            }
        }
        return .item(ItemOutcome(
            mailbox: found.mailbox, folder: item.folder, source: item.source, placement: placement, truth: verdict.truth,
            unknownConditions: verdict.unknownConditions, row: row, partial: partial))
    }

    /// The normalized item of a found message, with `content` beyond what every item has.
    package static func item(
        _ found: FoundMessage, options: ParserOptions, content: ItemContent = .all, outlookOptions: OutlookReadOptions = OutlookReadOptions()
    ) -> MailItem {
        items(found, options: options, contents: [content], outlookOptions: outlookOptions)[0]
    }

    /// The message read and parsed once, normalized once for each of `contents` (investigations
    /// that read different fields share the parse).
    package static func items(
        _ found: FoundMessage, options: ParserOptions, contents: [ItemContent], outlookOptions: OutlookReadOptions = OutlookReadOptions()
    ) -> [MailItem] {
        var items: [MailItem]
        switch found.content {
        case .mime(let bytes):
            let message = MIMEParser(options: options).parse(bytes)
            items = contents.map { content in
                MIMEItemNormalizer(limits: options.limits, content: content).item(
                    from: message, source: found.source, mailbox: found.mailbox, folder: found.folder, offsetInFile: found.offsetInFile)
            }
        case .graph(let graph):
            let apart = found.readAttachmentsApart()
            items = contents.map { content in
                GraphItemNormalizer(content: content, options: options).item(
                    from: graph, source: found.source, mailbox: found.mailbox, folder: found.folder, apart: apart)
            }
        case .outlook(let message):
            items = contents.map { content in
                OutlookItemNormalizer(content: content, options: options, outlookOptions: outlookOptions).item(
                    from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
            }
        }
        for index in items.indices {
            if found.isRead != nil { items[index].isRead = found.isRead }
            items[index].mailboxPart = found.mailboxPart
            items[index].isRemovedByUser = found.isRemovedByUser
            items[index].diagnostics += found.notes
            if let stored = found.storedAttachments { StoredAttachmentJoin.join(stored, into: &items[index]) }
        }
        return items
    }

    static func row(_ item: MailItem, verdict: ItemVerdict, labels: [String: String], action: Action, snippets: Bool) -> MatchRow {
        let names = (item.attachments.value ?? []).compactMap(\.name)
        var evidence = verdict.evidence
        if !snippets { evidence = evidence.map { var e = $0; e.snippet = ""; return e } }
        var row = MatchRow(
            mailbox: item.mailbox, folder: item.folder, source: item.source, messageID: item.messageID, date: item.date,
            from: item.from.first?.address, senderName: item.from.first?.name, to: item.to.map(\.address), subject: item.subject,
            hasAttachments: item.hasAttachments, attachmentNames: names, matchedFilters: verdict.matchedConditions,
            matchedFilterLabels: verdict.matchedConditions.map { labels[$0] ?? $0 }, evidence: evidence,
            plannedAction: action.planned, warningMessage: action.kind == .warn ? action.message : nil,
            caveats: CaveatPlanner.caveats(for: item), isRead: item.isRead, receivedDate: item.receivedDate,
            graphID: item.graphID, categories: item.categories, attachmentSHA256: attachmentDigests(item, computed: verdict.computedSHA256))
        row.mailboxPart = item.mailboxPart
        row.labels = item.labels
        return row
    }

    /// SHA-256 of every attachment whose bytes are known whole (for campaigns), in attachment order;
    /// those the evaluation already `computed` (by attachment index) are not computed again.
    static func attachmentDigests(_ item: MailItem, computed: [Int: String] = [:]) -> [String] {
        (item.attachments.value ?? []).enumerated().compactMap { index, attachment in
            guard attachment.hasContent, !attachment.isPartial else { return nil }
            return computed[index] ?? AttachmentDigests(content: attachment.content).digest(.sha256)
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
