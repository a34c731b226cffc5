private import Crypto
private import Glibc
import MailModel

/// Which walk entries a shard (`--shard K/N`) reads: a deterministic, balanced 1/N of the export,
/// decided from the walk and file sizes alone (no file is opened), so every shard decides alike
/// without reading the others' files.
///
/// **Units.** A walk entry is the unit: a file (an EML, an mbox, a Graph JSON file, a PST, an archive
/// with everything in it) or a Maildir folder. A large mbox, JSON file or PST is never split: cutting
/// one at a message boundary needs the bytes before the cut read (mbox `From ` lines, JSON nesting,
/// the PST's node tree), which each shard would then read twice.
///
/// **Balance.** Entries keep walk order and are cut into N contiguous runs of about equal bytes: an
/// entry of weight `w` starting at cumulative weight `c` of total `W` goes to shard
/// `⌊(c + w/2)·N / W⌋ + 1`. The weight is the file's size (a Maildir: the sizes of its messages) plus
/// 4 KiB, what opening a file costs, so a folder of many small files spreads too. A shard holds at most
/// `W/N` plus one entry's weight.
///
/// **Steps.** The walk's findings are numbered as ``ExportScan/step`` numbers them; findings that are
/// not entries (a path that could not be read, a path skipped) and the events after the walk belong
/// to every shard alike (see the partial format in the README).
package struct ShardPlan: Sendable {
    /// 1-based shard number and the shard count.
    package let index: Int
    package let count: Int
    /// One per walk step, in order: the path, whether it is an entry, and its owner (1...N) when it is.
    package private(set) var steps: [Step] = []
    /// SHA-256 (hex) over every step's kind, path and size: equal for shards that saw the same export.
    package private(set) var exportDigest = ""
    /// Entries and their total weight in bytes (sizes plus the per-file allowance).
    package private(set) var entryCount = 0
    package private(set) var totalWeight: Int64 = 0
    /// This shard's entries and weight.
    package private(set) var ownEntryCount = 0
    package private(set) var ownWeight: Int64 = 0

    package struct Step: Sendable, Hashable {
        package var path: String
        /// 0 when the step is not an entry (read by no shard in particular).
        package var owner: Int
    }

    /// The allowance per entry, in bytes: what opening and sniffing a file costs in reading time.
    package static let perEntryWeight: Int64 = 4096

    /// Walks `paths` (without opening files) and assigns its entries to `count` shards.
    package init(paths: [String], index: Int, count: Int) {
        self.index = index
        self.count = count
        var hasher = SHA256()
        var weights: [Int64] = []
        let walker = InputWalker(paths: paths)
        while let found = walker.next() {
            switch found {
            case .entry(let entry):
                let size = entry.isMaildir ? Self.maildirSize(entry.path) : Self.fileSize(entry.path)
                hasher.update(data: Array("e\u{0}\(entry.path)\u{0}\(size)\n".utf8))
                steps.append(Step(path: entry.path, owner: 0))
                weights.append(size + Self.perEntryWeight)
            case .error(let error):
                hasher.update(data: Array("x\u{0}\(error.path)\u{0}\(error.code)\n".utf8))
                steps.append(Step(path: error.path, owner: 0))
                weights.append(-1)
            case .skipped(let note):
                hasher.update(data: Array("s\u{0}\(note.path)\u{0}\(note.code)\n".utf8))
                steps.append(Step(path: note.path, owner: 0))
                weights.append(-1)
            }
        }
        exportDigest = Array(hasher.finalize()).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
        totalWeight = weights.reduce(0) { $0 + max($1, 0) }
        var cumulative: Int64 = 0
        for (number, weight) in weights.enumerated() where weight >= 0 {
            // The entry's midpoint among N equal parts of the total (doubled: whole numbers only).
            let part = (cumulative * 2 + weight) * Int64(count) / max(totalWeight * 2, 1)
            let owner = min(Int(part), count - 1) + 1
            steps[number].owner = owner
            cumulative += weight
            entryCount += 1
            if owner == index {
                ownEntryCount += 1
                ownWeight += weight
            }
        }
    }

    /// Whether this shard reads the entry found at walk step `step` with path `path`. `nil` when the
    /// walk differs from the plan's (the export changed since the plan was made).
    package func reads(step: Int, path: String) -> Bool? {
        guard steps.indices.contains(step), steps[step].path == path else { return nil }
        return steps[step].owner == index
    }

    /// Whether walk step `step` belongs to every shard alike (a finding that is no entry, or the
    /// events after the walk).
    package func isShared(step: Int) -> Bool {
        !steps.indices.contains(step) || steps[step].owner == 0
    }

    private static func fileSize(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// The sizes of a Maildir's messages (`cur/` and `new/`).
    private static func maildirSize(_ path: String) -> Int64 {
        let folder = path.hasSuffix("/") ? path : path + "/"
        var total: Int64 = 0
        for sub in ["cur/", "new/"] {
            guard let dir = opendir(folder + sub) else { continue }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".") { continue }
                total += fileSize(folder + sub + name)
            }
            closedir(dir)
        }
        return total
    }
}
