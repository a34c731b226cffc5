import Investigation
import Ingest
import Ledger
private import Glibc

/// A round over the very same files as the last complete one folds that round's summary
/// (``RoundSummary``, kept with each investigation) instead of every file's stored outcomes: the
/// report is a function of the outcomes, which are a function of the files' contents, the inputs
/// and the settings, all of which the summary's digest covers.
extension StatefulRound {
    /// Folds one outcome per investigation, and keeps it in the round's summaries.
    func fold(_ outcomes: [Outcome]) {
        for (index, outcome) in outcomes.enumerated() {
            folds[index].add(outcome)
            summaries?[index].add(outcome)
        }
    }

    /// The SHA-256 of what the round's outcomes depend on besides the investigation (the state's
    /// key): the settings, the inputs, every entry of the walk with its identity (a Maildir: the
    /// digest of its listing) and what the walk could not read. Nil — no summary is kept or used —
    /// when an entry cannot be examined or was modified less than two seconds before the round
    /// started: an identity proves a content only for files older than a clock tick (see the README).
    func measureWalk() -> [UInt8]? {
        guard let entries = scan.walkEntries, let problems = scan.walkProblems else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + entries.count * 128)
        func text(_ value: String) {
            bytes.append(contentsOf: value.utf8)
            bytes.append(0)
        }
        func number(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        text(settingsText)
        number(Int64(paths.count))
        for path in paths { text(path) }
        let settledBefore = Int64((startedAt - 2) * 1e9)
        // Files are examined by name in their folder, which stays open while the walk is in it.
        var folder: (path: Substring, descriptor: Int32)?
        defer { if let folder, folder.descriptor >= 0 { close(folder.descriptor) } }
        func examine(_ path: String) -> FileIdentity? {
            guard let slash = ExportScan.lastSlash(in: path) else { return FileIdentity.of(path) }
            if folder?.path != path[...slash] {
                if let open = folder, open.descriptor >= 0 { close(open.descriptor) }
                folder = (path[...slash], open(String(path[...slash]), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
            }
            guard let descriptor = folder?.descriptor, descriptor >= 0 else { return FileIdentity.of(path) }
            return FileIdentity.of(String(path[path.index(after: slash)...]), inFolder: descriptor)
        }
        for entry in entries {
            text(entry.path)
            text(entry.root)
            let identity: FileIdentity
            if entry.isMaildir {
                guard let listing = FileDigest.maildir(entry.path) else { return nil }
                bytes.append(1)
                bytes.append(contentsOf: listing.digest)
                identity = listing.identity
            } else {
                guard let taken = examine(entry.path) else { return nil }
                bytes.append(0)
                // Taken once: the first pass and the planning use it.
                identities[entry.path] = taken
                identity = taken
            }
            guard identity.modified < settledBefore else { return nil }
            for value in [identity.size, identity.modified, identity.inode, identity.device] { number(value) }
        }
        number(Int64(problems.count))
        for problem in problems { text(problem) }
        return FileDigest.sha256(bytes)
    }

    /// When every investigation's summary was made over what ``walkDigest`` measures now, folds the
    /// summaries and gives the round's result; nil otherwise.
    func reuseSummary() throws(LedgerError) -> StatefulRun.Result? {
        guard let walkDigest, hasRecordedFiles else { return nil }
        var kept: [LedgerSummary] = []
        for key in keys {
            guard let summary = try session.summary(investigation: key), summary.digest == walkDigest else { return nil }
            kept.append(summary)
        }
        var replayed = folds
        do {
            for index in kept.indices { try RoundSummary.replay(kept[index].body, into: &replayed[index]) }
        } catch {
            throw LedgerError(.corrupt, "is damaged: a round's summary cannot be read (\(error))", path: run.ledger.path)
        }
        folds = replayed
        // Nothing recorded below the inputs is gone: the round that kept the summaries walked these
        // very entries and forgot the others, and any round since that did not keep them cleared them.
        return StatefulRun.Result(
            reports: [], itemsEvaluated: 0, itemsReused: kept[0].items, gone: [], newMatches: 0, isComplete: true)
    }

    /// Clears the summaries in the round's first transaction: a round that records anything and does
    /// not end complete leaves none behind.
    func forgetSummaries() throws(LedgerError) {
        if hasRecordedFiles {
            for key in keys { try session.setSummary(nil, investigation: key) }
        }
        if walkDigest != nil { summaries = keys.map { _ in RoundSummary() } }
    }

    /// Keeps the summaries of a round that ended complete and settled (nothing to read again, no end
    /// of a file left for later), in the transaction that ends it.
    func keepSummaries() throws(LedgerError) {
        guard let walkDigest, failure == nil, var summaries else { return }
        for (index, key) in keys.enumerated() {
            let items = summaries[index].items
            try session.setSummary(LedgerSummary(digest: walkDigest, items: items, body: summaries[index].finish()), investigation: key)
        }
        self.summaries = nil
    }
}
