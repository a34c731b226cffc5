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

    /// What one event of the scan became.
    enum Outcome: Sendable {
        case excluded(mailbox: String, reason: NotScannedReason)
        case item(mailbox: String, folder: String, placement: ScopeEvaluator.ItemPlacement, verdict: ItemVerdict?, row: MatchRow?, partial: [Diagnostic])
        case unreadable(Diagnostic)
        case note(Diagnostic)
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
    ///     order (the walk's), before the report sorts them (§9: JSON Lines streams these).
    package func run(
        scan: ExportScan, paths: [String], toolVersion: String, runOptions: [String: String], progress: ((Progress) -> Void)? = nil,
        match: ((MatchRow) -> Void)? = nil
    ) -> (InvestigationReport, ExitStatus) {
        let start = Self.now()
        let startTime = UTCTimestamp.iso8601(Int64(start))
        let aliases = scan.directory.aliases
        let scope = ScopeEvaluator(
            scope: investigation.scope, groupMembers: Self.groupMembers(investigation.scope.groups, scan.directory),
            aliases: aliases)
        let investigation = investigation
        let labels = Dictionary(uniqueKeysWithValues: investigation.conditions.map { ($0.id, $0.label) })
        let action = investigation.action
        let parserOptions = options
        let snippets = includeSnippets
        let content = itemContent ?? ItemContent(readBy: investigation)

        var summary = InvestigationReport.Summary()
        var perMailbox: [String: (status: MailboxStatus, scanned: Int, matches: Int)] = [:]
        var matches: [MatchRow] = []
        var diagnostics: [Diagnostic] = []
        var lostInput = false
        var found = 0
        var unreadableMailboxes: Set<String> = []

        OrderedParallelMap<ExportEvent, Outcome>(workers: workers).run(
            next: { scan.next() },
            weight: { event in if case .message(let found) = event { found.weight } else { 1 } },
            makeTransform: {
                // One compiled investigation per worker: no regex cache or reference count is shared.
                let evaluator = InvestigationEvaluator(investigation: investigation)
                return { event in
                    Self.process(
                        event, scope: scope, evaluator: evaluator, labels: labels, action: action, options: parserOptions,
                        content: content, snippets: snippets)
                }
            },
            consume: { event, outcome in
                if event.losesInput { lostInput = true }
                switch outcome {
                case .excluded(let mailbox, let reason):
                    found += 1
                    if perMailbox[mailbox] == nil { perMailbox[mailbox] = (.notScanned(reason), 0, 0) }
                case .item(let mailbox, let folder, let placement, let verdict, let row, let partial):
                    var entry = perMailbox[mailbox] ?? (.scanned, 0, 0)
                    diagnostics += partial
                    switch placement {
                    case .outsideFolders: summary.messagesOutsideFolders += 1
                    case .undated: summary.messagesUndated += 1
                    case .outsideDateRange: summary.messagesOutsideDateRange += 1
                    case .inScope:
                        entry.scanned += 1
                        summary.messagesScanned += 1
                        if let verdict {
                            for id in verdict.unknownConditions { summary.unsearchableByFilter[id, default: 0] += 1 }
                            if verdict.truth == .unknown { summary.messagesUnsearchable += 1 }
                        }
                        if let row {
                            entry.matches += 1
                            summary.messagesMatched += 1
                            summary.matchesByFolder[folder, default: 0] += 1
                            for id in row.matchedFilters { summary.matchesByFilter[id, default: 0] += 1 }
                            matches.append(row)
                            match?(row)
                        }
                    }
                    perMailbox[mailbox] = entry
                    found += 1
                    progress?(Progress(
                        messages: summary.messagesScanned, matches: matches.count, messagesFound: found, filesDone: scan.filesSeen,
                        bytesDone: scan.bytesDone))
                case .unreadable(let diagnostic):
                    diagnostics.append(diagnostic)
                    // A mailbox folder (or file) that could not be read at all is a mailbox not scanned.
                    if let mailbox = ExportScan.mailbox(containing: diagnostic.location.path) { unreadableMailboxes.insert(mailbox) }
                case .note(let diagnostic):
                    diagnostics.append(diagnostic)
                    // Part of a file could not be read (invalid JSON skipped, an error page, a cut file).
                    if diagnostic.losesInput {
                        if let mailbox = ExportScan.mailbox(forPath: diagnostic.location.path) { unreadableMailboxes.insert(mailbox) }
                    }
                }
            })

        progress?(Progress(
            messages: summary.messagesScanned, matches: matches.count, messagesFound: found, filesDone: scan.filesSeen, bytesDone: scan.bytesDone,
            isFinal: true))
        for mailbox in unreadableMailboxes where perMailbox[mailbox] == nil {
            perMailbox[mailbox] = (.notScanned(scope.exclusion(ofMailbox: mailbox) ?? .unreadable), 0, 0)
        }
        // A mailbox the investigation names that the export holds no mail of is not scanned either.
        let present = Set(perMailbox.keys.flatMap { aliases[$0] ?? [$0] })
        for listed in investigation.scope.mailboxes ?? [] {
            let name = listed.lowercased()
            if present.isDisjoint(with: aliases[name] ?? [name]) { perMailbox[name] = (.notScanned(.notInExport), 0, 0) }
        }
        let mailboxes = perMailbox.sorted { $0.key < $1.key }.map { name, entry in
            InvestigationReport.MailboxResult(mailbox: name, status: entry.status, messagesScanned: entry.scanned, matches: entry.matches)
        }
        summary.mailboxesScanned = mailboxes.filter { $0.status == .scanned }.count
        summary.mailboxesNotScanned = mailboxes.compactMap { mailbox in mailbox.status.notScannedReason.map { .init(mailbox: mailbox.mailbox, reason: $0) } }
        summary.mailboxesWithMatches = mailboxes.filter { $0.matches > 0 }.count
        matches.sort(by: Self.rowOrder)
        let duration = Self.now() - start
        summary.durationSeconds = duration
        let run = InvestigationReport.RunInfo(toolVersion: toolVersion, options: runOptions, startTime: startTime, inputs: paths, durationSeconds: duration)
        let report = InvestigationReport(
            investigation: investigation, summary: summary, mailboxes: mailboxes, matches: matches, diagnostics: diagnostics, run: run)
        return (report, .reading(lostInput: lostInput))
    }

    static func process(
        _ event: ExportEvent, scope: ScopeEvaluator, evaluator: InvestigationEvaluator, labels: [String: String], action: Action,
        options: ParserOptions, content: ItemContent, snippets: Bool
    ) -> Outcome {
        switch event {
        case .unreadable(let error):
            return .unreadable(Diagnostic(error))
        case .unrecognised(let path, let reason):
            return .note(Diagnostic(code: IngestCode.unrecognised, message: reason, location: SourceLocation(path: path)))
        case .diagnostic(let diagnostic):
            return .note(diagnostic)
        case .message(let found):
            if let reason = scope.exclusion(ofMailbox: found.mailbox) {
                return .excluded(mailbox: found.mailbox, reason: reason)
            }
            let item = Self.item(found, options: options, content: content)
            let partial = item.diagnostics.filter(\.isPartlyRead)
                + item.unknownFields.sorted().map { field in
                    Diagnostic(code: PipelineCode.fieldUnknown, message: "the export cut the field '\(field)'; filters on it cannot decide", location: SourceLocation(path: item.source.path, byteOffset: item.source.offset, pointer: item.source.pointer))
                }
            let placement = scope.placement(of: item)
            guard placement == .inScope else {
                return .item(mailbox: found.mailbox, folder: item.folder, placement: placement, verdict: nil, row: nil, partial: partial)
            }
            let verdict = evaluator.evaluate(item)
            var row: MatchRow?
            if verdict.truth == .yes {
                row = Self.row(item, verdict: verdict, labels: labels, action: action, snippets: snippets)
                // Campaigns group a match by its link hosts when it has neither a Message-ID nor a sender
                // and subject: a run whose filters read no links reads them then, for that match only.
                if content.contains(.links) {
                    row?.linkHosts = LinkHosts.hosts(of: item)
                } else if row.map(CampaignFacts.needsLinkHosts) ?? false {
                    row?.linkHosts = LinkHosts.hosts(of: Self.item(found, options: options, content: content.union(.links)))
                }
            }
            return .item(mailbox: found.mailbox, folder: item.folder, placement: placement, verdict: verdict, row: row, partial: partial)
        }
    }

    /// The normalized item of a found message, with `content` beyond what every item has.
    package static func item(
        _ found: FoundMessage, options: ParserOptions, content: ItemContent = .all, outlookOptions: OutlookReadOptions = OutlookReadOptions()
    ) -> MailItem {
        var item: MailItem
        switch found.content {
        case .mime(let bytes):
            let message = MIMEParser(options: options).parse(bytes)
            item = MIMEItemNormalizer(limits: options.limits, content: content).item(
                from: message, source: found.source, mailbox: found.mailbox, folder: found.folder, offsetInFile: found.offsetInFile)
        case .graph(let graph):
            item = GraphItemNormalizer(content: content, options: options).item(
                from: graph, source: found.source, mailbox: found.mailbox, folder: found.folder, apart: found.readAttachmentsApart())
        case .outlook(let message):
            item = OutlookItemNormalizer(content: content, options: options, outlookOptions: outlookOptions).item(
                from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
        }
        if found.isRead != nil { item.isRead = found.isRead }
        item.mailboxPart = found.mailboxPart
        item.isRemovedByUser = found.isRemovedByUser
        item.diagnostics += found.notes
        if let stored = found.storedAttachments { StoredAttachmentJoin.join(stored, into: &item) }
        return item
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
            graphID: item.graphID, categories: item.categories, attachmentSHA256: attachmentDigests(item))
        row.mailboxPart = item.mailboxPart
        row.labels = item.labels
        return row
    }

    /// SHA-256 of every attachment whose bytes are known whole (for campaigns), in attachment order.
    static func attachmentDigests(_ item: MailItem) -> [String] {
        (item.attachments.value ?? []).compactMap { attachment in
            guard attachment.hasContent, !attachment.isPartial else { return nil }
            return AttachmentDigests(content: attachment.content).digest(.sha256)
        }
    }

    /// Matches in a deterministic order: mailbox, folder, date, source.
    static func rowOrder(_ a: MatchRow, _ b: MatchRow) -> Bool {
        if a.mailbox != b.mailbox { return a.mailbox < b.mailbox }
        if a.folder != b.folder { return a.folder < b.folder }
        if (a.date ?? .min) != (b.date ?? .min) { return (a.date ?? .min) < (b.date ?? .min) }
        if a.source.path != b.source.path { return a.source.path < b.source.path }
        if (a.source.index ?? 0) != (b.source.index ?? 0) { return (a.source.index ?? 0) < (b.source.index ?? 0) }
        if (a.source.line ?? 0) != (b.source.line ?? 0) { return (a.source.line ?? 0) < (b.source.line ?? 0) }
        return (a.source.pointer ?? "") < (b.source.pointer ?? "")
    }

    /// Lower-cased identities of the users in the named groups or departments.
    static func groupMembers(_ groups: [String], _ directory: Directory) -> Set<String> {
        guard !groups.isEmpty else { return [] }
        let wanted = Set(groups.map { $0.lowercased() })
        var members = Set<String>()
        for group in directory.groups where wanted.contains(group.name.lowercased()) {
            for member in group.members {
                members.insert(member.lowercased())
                if let user = directory.user(member) { members.formUnion(user.identities) }
            }
        }
        for user in directory.users where user.department.map({ wanted.contains($0.lowercased()) }) ?? false {
            members.formUnion(user.identities)
        }
        return members
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
