import ArgumentParser
import Foundation
import Ingest
import Investigation
import Ledger
import MailModel
import Pipeline

extension InvestigateCommand {
    /// `--shard K/N --format partial`: reads the shard's part of the export (with its own `--state`
    /// when given) and writes its partial result (to `--output`, or standard output) for `dragnet merge`.
    func runShard(_ shard: ShardOption, loaded: Investigation, scan: ExportScan, workers: Int, options: [String: String], target: OutputTarget) throws {
        guard let bytes = FileManager.default.contents(atPath: investigation), let text = InvestigationFile.text(of: [UInt8](bytes)) else {
            throw CommandFailure(
                [LocatedError(code: ShardCodes.investigation, message: "the investigation file cannot be read again for the partial result", path: investigation)],
                status: .invalidInput)
        }
        let plan = ShardPlan(paths: paths, index: shard.index, count: shard.count)
        let shardRun = ShardRun(
            plan: plan, toolVersion: DragnetVersion.current, runOptions: options, investigationPath: loaded.path, investigationText: text)
        var written: [UInt8] = []
        let sink: ([UInt8]) -> Void
        if output != nil, output != "-" {
            // Renamed into place when the shard is done: a partial file that exists is a finished shard's.
            sink = { written += $0 }
        } else {
            sink = { StandardStream.output.write($0) }
        }
        let result: ShardRun.Result
        if let state {
            let ledger = try StateOption.open(state)
            let run = StatefulRun(investigations: [loaded], ledger: ledger, workers: workers, mailboxHint: mailbox, includeSnippets: !noSnippets)
            run.archiveLimits = archives.limits
            run.outlookOptions = scan.outlookOptions
            result = try StateOption.perform { () throws(LedgerError) in try shardRun.run(run, scan: scan, paths: paths, sink: sink) }
            StateOption.warnGone(result.gone)
        } else {
            let runner = InvestigationRunner(investigation: loaded, workers: workers, mailboxHint: mailbox, includeSnippets: !noSnippets)
            result = shardRun.run(runner, scan: scan, paths: paths, sink: sink)
        }
        guard result.followedPlan else {
            throw CommandFailure(
                [LocatedError(
                    code: ShardCodes.exportChanged,
                    message: "the export changed while shard \(shard.index)/\(shard.count) read it (the walk no longer follows the shard plan); run the shard again",
                    path: CompilerStyleLine.programName)],
                status: .invalidInput)
        }
        for diagnostic in result.report.diagnostics where diagnostic.severity == .error {
            StandardStream.error.write(Array((diagnostic.compilerStyle + "\n").utf8))
        }
        if let output, output != "-" {
            try target.write(written)
            try target.commit()
            StandardStream.output.write(Array(
                "Shard \(shard.index)/\(shard.count): \(plan.ownEntryCount) of \(plan.entryCount) files, \(result.report.run.itemsEvaluated) messages read, \(result.report.run.itemsReused) reused, \(result.report.matches.count) matches; partial result: \(output)\n".utf8))
        }
        StandardStream.output.flush()
        if result.status != .success { throw ExitCode(result.status) }
    }
}
