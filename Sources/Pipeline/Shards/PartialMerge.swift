import Foundation
package import Investigation
package import MailModel

/// Folds the partial results of the N shards of a run (``ShardRun``) into the report the run would
/// have written unsharded: the partials are checked to be of one run (the same Dragnet, investigation,
/// export, inputs and options, every shard 1...N once, each file whole), their lines put back in walk
/// order and folded (``ReportFold``) — whatever order the partials come in.
package struct PartialMerge {
    /// A partial that cannot be merged (one of ``ShardCodes``): the merge writes nothing.
    package typealias Problem = LocatedError

    /// One partial result, read.
    package struct Partial: Sendable {
        package var path: String
        package var header: PartialHeader
        package var trailer: PartialTrailer
        /// The outcome lines, in order, grouped by walk step.
        fileprivate var groups: [(step: Int, shared: Bool, lines: [Line])]
        /// The counted items (lines without a step).
        fileprivate var counts: [PartialLine]
    }

    /// A line with its bytes as written (shared lines are compared by them).
    fileprivate struct Line: Sendable {
        var line: PartialLine
        var bytes: ArraySlice<UInt8>
    }

    package init() {}

    /// Reads the partial result in `bytes` (read from `path`).
    package func read(_ bytes: [UInt8], path: String) throws(Problem) -> Partial {
        let decoder = JSONDecoder()
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        if lines.last?.allSatisfy({ $0 == 0x0D || $0 == 0x20 }) == true { lines.removeLast() }
        guard let first = lines.first, let header = try? decoder.decode(PartialHeader.self, from: Data(first)), header.type == "header",
            header.format == PartialFormat.name
        else {
            throw Problem(code: ShardCodes.notAPartial, message: "is not a partial result of 'dragnet investigate --shard K/N --format partial'", path: path)
        }
        guard header.version == PartialFormat.version else {
            throw Problem(
                code: ShardCodes.formatVersion, message: "is a partial result of format version \(header.version); this Dragnet reads version \(PartialFormat.version)",
                path: path)
        }
        guard lines.count >= 2, let trailer = try? decoder.decode(PartialTrailer.self, from: Data(lines[lines.count - 1])), trailer.type == "end",
            trailer.lines == lines.count
        else {
            throw Problem(
                code: ShardCodes.incomplete,
                message: "is incomplete (no final 'end' line, or fewer lines than it counts): the shard did not finish; run shard \(header.shard.index)/\(header.shard.count) again",
                path: path)
        }
        var groups: [(step: Int, shared: Bool, lines: [Line])] = []
        var counts: [PartialLine] = []
        for (number, bytes) in lines.dropFirst().dropLast().enumerated() {
            guard let line = try? decoder.decode(PartialLine.self, from: Data(bytes)), Self.isWellFormed(line) else {
                throw Problem(code: ShardCodes.malformed, message: "line \(number + 2) is not a line of a partial result", path: path)
            }
            guard let step = line.step else {
                counts.append(line)
                continue
            }
            let shared = line.shared ?? false
            if let last = groups.last, last.step == step, last.shared == shared {
                groups[groups.count - 1].lines.append(Line(line: line, bytes: bytes))
            } else {
                guard groups.last.map({ $0.step < step }) ?? true else {
                    throw Problem(code: ShardCodes.malformed, message: "line \(number + 2) goes back in input order", path: path)
                }
                groups.append((step, shared, [Line(line: line, bytes: bytes)]))
            }
        }
        return Partial(path: path, header: header, trailer: trailer, groups: groups, counts: counts)
    }

    private static func isWellFormed(_ line: PartialLine) -> Bool {
        switch line.type {
        case "outcome": line.outcome != nil && line.step != nil
        case "quiet": line.mailbox != nil && line.items != nil && line.step == nil
        case "excluded": line.mailbox != nil && line.reason.flatMap(NotScannedReason.init(rawValue:)) != nil && (line.count ?? 0) > 0 && line.step == nil
        default: false
        }
    }

    /// Checks that `partials` are the N shards of one run; throws the first problem found.
    package func check(_ partials: [Partial], toolVersion: String) throws(Problem) {
        guard let first = partials.first else { throw Problem(code: ShardCodes.none, message: "give the partial results of every shard", path: CompilerStyleLine.programName) }
        for partial in partials {
            let h = partial.header
            if h.dragnetVersion != toolVersion {
                throw Problem(
                    code: ShardCodes.otherVersion,
                    message: "was written by Dragnet \(h.dragnetVersion); this is Dragnet \(toolVersion): merge with the version that ran the shards",
                    path: partial.path)
            }
            if h.investigation.sha256 != first.header.investigation.sha256 {
                throw Problem(
                    code: ShardCodes.otherInvestigation,
                    message: "is a shard of another investigation (file SHA-256 \(h.investigation.sha256.prefix(12))…, not \(first.header.investigation.sha256.prefix(12))… as in \(first.path))",
                    path: partial.path)
            }
            if h.shard.count != first.header.shard.count {
                throw Problem(
                    code: ShardCodes.otherShardCount,
                    message: "is shard \(h.shard.index)/\(h.shard.count), but \(first.path) is shard \(first.header.shard.index)/\(first.header.shard.count): shards of one run share N",
                    path: partial.path)
            }
            if h.export != first.header.export.withShard(of: h.export) || h.inputs != first.header.inputs {
                throw Problem(
                    code: ShardCodes.otherExport,
                    message: "was read from other inputs than \(first.path), or the export changed between the shards (the walk's digest differs)",
                    path: partial.path)
            }
            var options = h.options
            var firstOptions = first.header.options
            options["jobs"] = nil
            firstOptions["jobs"] = nil
            if options != firstOptions || h.includeSnippets != first.header.includeSnippets || h.directory != first.header.directory {
                throw Problem(code: ShardCodes.otherOptions, message: "was run with other options than \(first.path)", path: partial.path)
            }
        }
        let count = first.header.shard.count
        var seen: [Int: String] = [:]
        for partial in partials {
            if let earlier = seen[partial.header.shard.index] {
                throw Problem(
                    code: ShardCodes.duplicateShard,
                    message: "is shard \(partial.header.shard.index)/\(count) again (\(earlier) is that shard too)", path: partial.path)
            }
            seen[partial.header.shard.index] = partial.path
        }
        let missing = (1...max(count, 1)).filter { seen[$0] == nil }
        if !missing.isEmpty {
            throw Problem(
                code: ShardCodes.missingShard,
                message: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing: give every shard's partial result, or the report would be partial",
                path: CompilerStyleLine.programName)
        }
    }

    /// The merged report and exit status (0, or 3 when some input could not be read). `runOptions`
    /// are the merge's own (`format`, `output`); the rest of `run` comes from the shards.
    package func merge(_ partials: [Partial], toolVersion: String, runOptions: [String: String], startedAt: Double) throws(Problem) -> (InvestigationReport, ExitStatus) {
        try check(partials, toolVersion: toolVersion)
        let partials = partials.sorted { $0.header.shard.index < $1.header.shard.index }
        let header = partials[0].header
        let investigation: Investigation
        do {
            investigation = try InvestigationFile.parse(
                text: header.investigation.text, path: header.investigation.path, fileSHA256: header.investigation.sha256
            ).investigation
        } catch {
            throw Problem(code: ShardCodes.investigation, message: "the investigation the partials carry cannot be read: \(error)", path: partials[0].path)
        }
        let aliases = header.directory.aliases.mapValues(Set.init)
        let scope = ScopeEvaluator(scope: investigation.scope, groupMembers: Set(header.directory.groupMembers), aliases: aliases)
        var fold = ReportFold(investigation: investigation, scope: scope, aliases: aliases)
        for lines in try ordered(partials) {
            for line in lines { add(line.line, to: &fold) }
        }
        // Counted items: their place does not matter (see ``PartialWriter``).
        for partial in partials {
            for line in partial.counts { add(line, to: &fold) }
        }
        var options = header.options
        options.merge(runOptions) { $1 }
        let trailers = partials.map(\.trailer)
        let run = InvestigationReport.RunInfo(
            toolVersion: toolVersion, options: options, startTime: partials.map(\.header.startTime).min() ?? "", inputs: header.inputs,
            durationSeconds: trailers.reduce(0) { $0 + $1.durationSeconds } + (InvestigationRunner.now() - startedAt),
            itemsEvaluated: trailers.reduce(0) { $0 + $1.itemsEvaluated }, itemsReused: trailers.reduce(0) { $0 + $1.itemsReused },
            inputsGone: Set(trailers.flatMap(\.inputsGone)).sorted { InputPosition.pathPrecedes($0, $1) })
        return fold.report(run: run)
    }

    /// The lines of every partial in walk order: a step's lines from the shard that read it; a
    /// shared step's lines those every shard reports (as many times as the shard reporting it least).
    private func ordered(_ partials: [Partial]) throws(Problem) -> [[Line]] {
        var byStep: [Int: [(partial: Int, shared: Bool, lines: [Line])]] = [:]
        for (number, partial) in partials.enumerated() {
            for group in partial.groups { byStep[group.step, default: []].append((number, group.shared, group.lines)) }
        }
        var result: [[Line]] = []
        for step in byStep.keys.sorted() {
            let groups = byStep[step]!
            let own = groups.filter { !$0.shared }
            if own.count > 1 {
                throw Problem(
                    code: ShardCodes.overlap,
                    message: "\(partials[own[0].partial].path) and \(partials[own[1].partial].path) both read walk step \(step): they are not shards of one plan",
                    path: CompilerStyleLine.programName)
            }
            if let only = own.first {
                result.append(only.lines)
                continue
            }
            // Shared: what every shard says (a shard that said nothing of the step says it holds nothing).
            guard groups.count == partials.count else { continue }
            var least: [ArraySlice<UInt8>: Int] = [:]
            for (index, group) in groups.enumerated() {
                var counts: [ArraySlice<UInt8>: Int] = [:]
                for line in group.lines { counts[line.bytes, default: 0] += 1 }
                least = index == 0 ? counts : least.merging(counts, uniquingKeysWith: min).filter { least[$0.key] != nil && counts[$0.key] != nil }
            }
            var kept: [Line] = []
            for line in groups[0].lines where (least[line.bytes] ?? 0) > 0 {
                least[line.bytes]! -= 1
                kept.append(line)
            }
            result.append(kept)
        }
        return result
    }

    private func add(_ line: PartialLine, to fold: inout ReportFold) {
        switch line.type {
        case "outcome":
            if let outcome = line.outcome { fold.add(outcome) }
        case "quiet":
            if let items = line.items, let mailbox = line.mailbox { fold.add(items, of: mailbox) }
        case "excluded":
            if let mailbox = line.mailbox, let reason = line.reason {
                guard let reason = NotScannedReason(rawValue: reason) else { return }
                for _ in 0..<(line.count ?? 0) { fold.add(.excluded(mailbox: mailbox, reason: reason)) }
            }
        default:
            break
        }
    }
}

extension PartialHeader.ExportFacts {
    /// These facts with another shard's own counts (which differ between shards of one export).
    fileprivate func withShard(of other: Self) -> Self {
        var facts = self
        facts.shardEntries = other.shardEntries
        facts.shardWeight = other.shardWeight
        return facts
    }
}
