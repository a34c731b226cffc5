package import Investigation
package import MailModel
package import Ingest
package import Ledger

/// One shard of a run (`dragnet investigate --shard K/N --format partial`): the entries its
/// ``ShardPlan`` gives it are read and evaluated as a plain (or stateful) run reads them, the others
/// passed over unopened, and every outcome is written, with its walk step, as a partial result that
/// ``PartialMerge`` folds with the other shards' into the report one run writes.
package struct ShardRun {
    package var plan: ShardPlan
    /// What the partial's header says of the run.
    package var toolVersion: String
    /// The report's `run.options` without `format` and `output`.
    package var runOptions: [String: String]
    /// The investigation's path as reports name it, and its file's text (carried for the merge).
    package var investigationPath: String
    package var investigationText: String

    package init(plan: ShardPlan, toolVersion: String, runOptions: [String: String], investigationPath: String, investigationText: String) {
        self.plan = plan
        self.toolVersion = toolVersion
        self.runOptions = runOptions
        self.investigationPath = investigationPath
        self.investigationText = investigationText
    }

    /// What a shard did.
    package struct Result {
        /// Success, or partly unreadable when some of the shard's inputs could not be read.
        package var status: ExitStatus
        /// The shard's own report (its counts only; what is not the shard's is missing from it).
        package var report: InvestigationReport
        /// False when the walk did not follow the plan (the export changed while it was read): the
        /// partial has no trailer and cannot be merged.
        package var followedPlan: Bool
        /// With a state: files it recorded that are gone.
        package var gone: [String] = []
    }

    /// Reads the shard's entries of `scan` with `runner` and writes its partial result to `sink`.
    package func run(_ runner: InvestigationRunner, scan: ExportScan, paths: [String], sink: @escaping ([UInt8]) -> Void) -> Result {
        let start = InvestigationRunner.now()
        let followed = restrict(scan)
        defer { scan.includesEntry = nil }
        let writer = writer(runner.investigation, includeSnippets: runner.includeSnippets, scan: scan, paths: paths, start: start, sink: sink)
        let (report, status) = runner.run(
            scan: scan, paths: paths, toolVersion: toolVersion, runOptions: runOptions, onOutcome: { step, outcome in writer.add(outcome, step: step) })
        return finish(writer, report: report, status: status, followed: followed.value, start: start)
    }

    /// The same with a state (`--state`, one per shard): the shard's files read before and unchanged
    /// give their stored outcomes.
    package func run(_ stateful: StatefulRun, scan: ExportScan, paths: [String], sink: @escaping ([UInt8]) -> Void) throws(LedgerError) -> Result {
        let start = InvestigationRunner.now()
        let followed = restrict(scan)
        defer { scan.includesEntry = nil }
        let writer = writer(stateful.investigations[0], includeSnippets: stateful.includeSnippets, scan: scan, paths: paths, start: start, sink: sink)
        // Events of the walk itself come without their step: found again by their path, in walk order.
        let plan = plan
        var cursor = 0
        stateful.onOutcome = { step, outcome in
            if let step { return writer.add(outcome, step: step) }
            var path: String?
            if case .unreadable(let d) = outcome { path = d.location.path }
            if case .note(let d) = outcome { path = d.location.path }
            while let wanted = path, cursor < plan.steps.count {
                defer { cursor += 1 }
                if plan.steps[cursor].owner == 0, plan.steps[cursor].path == wanted { return writer.add(outcome, step: cursor) }
            }
            cursor = plan.steps.count
            writer.add(outcome, step: plan.steps.count)
        }
        defer { stateful.onOutcome = nil }
        let result = try stateful.run(paths: paths, scan: scan, toolVersion: toolVersion, runOptions: runOptions)
        let (report, status) = result.reports[0]
        var shard = finish(writer, report: report, status: status, followed: followed.value, start: start)
        shard.gone = result.gone
        return shard
    }

    /// A flag that turns false when the walk leaves the plan.
    private final class Flag {
        var value = true
    }

    private func restrict(_ scan: ExportScan) -> Flag {
        let followed = Flag()
        let plan = plan
        scan.includesEntry = { entry in
            guard let reads = plan.reads(step: entry.step, path: entry.path) else {
                followed.value = false
                return false
            }
            return reads
        }
        return followed
    }

    private func writer(
        _ investigation: Investigation, includeSnippets: Bool, scan: ExportScan, paths: [String], start: Double, sink: @escaping ([UInt8]) -> Void
    ) -> PartialWriter {
        let plan = plan
        let context = RunContext(investigation: investigation, directory: scan.directory)
        let writer = PartialWriter(isShared: { plan.isShared(step: $0) }, sink: sink)
        writer.header(PartialHeader(
            dragnetVersion: toolVersion, shard: .init(index: plan.index, count: plan.count),
            investigation: .init(path: investigationPath, sha256: investigation.fileSHA256, text: investigationText),
            inputs: paths, options: runOptions, includeSnippets: includeSnippets,
            export: .init(
                digest: plan.exportDigest, steps: plan.steps.count, entries: plan.entryCount, weight: plan.totalWeight,
                shardEntries: plan.ownEntryCount, shardWeight: plan.ownWeight),
            directory: .init(aliases: context.aliases.mapValues { $0.sorted() }, groupMembers: context.scope.groupMembers.sorted()),
            startTime: UTCTimestamp.iso8601(Int64(start))))
        return writer
    }

    private func finish(_ writer: PartialWriter, report: InvestigationReport, status: ExitStatus, followed: Bool, start: Double) -> Result {
        guard followed else { return Result(status: status, report: report, followedPlan: false) }
        writer.finish(PartialTrailer(
            lines: 0, status: status.rawValue, itemsEvaluated: report.run.itemsEvaluated, itemsReused: report.run.itemsReused,
            inputsGone: report.run.inputsGone, matches: report.matches.count, durationSeconds: InvestigationRunner.now() - start,
            mailboxes: report.mailboxes.map { .init(mailbox: $0.mailbox, status: $0.status.rawValue, messagesScanned: $0.messagesScanned, matches: $0.matches) }))
        return Result(status: status, report: report, followedPlan: true)
    }
}
