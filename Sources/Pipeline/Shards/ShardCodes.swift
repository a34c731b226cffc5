public import MailModel

/// The codes of sharded runs (`--shard K/N`) and their merge (`dragnet merge`): partial results that
/// cannot be merged (exit status 2; the merge writes nothing). Each code is stable.
public enum ShardCodes {
    /// The file is not a partial result.
    public static let notAPartial = DiagnosticCode("partial.not-a-partial", .error)
    /// A partial result of a format version this Dragnet does not read.
    public static let formatVersion = DiagnosticCode("partial.version", .error)
    /// No final `end` line, or fewer lines than it counts: the shard did not finish.
    public static let incomplete = DiagnosticCode("partial.incomplete", .error)
    /// A line that is not a line of a partial result, or one that goes back in input order.
    public static let malformed = DiagnosticCode("partial.malformed", .error)
    /// The file cannot be read.
    public static let unreadable = DiagnosticCode("partial.unreadable", .error)
    /// No partial given.
    public static let none = DiagnosticCode("partial.none", .error)
    /// Written by another Dragnet version than the merging one.
    public static let otherVersion = DiagnosticCode("partial.other-version", .error)
    /// A shard of another investigation file (by SHA-256).
    public static let otherInvestigation = DiagnosticCode("partial.other-investigation", .error)
    /// A shard of a split into another number of shards.
    public static let otherShardCount = DiagnosticCode("partial.other-shard-count", .error)
    /// Read from other inputs, or the export changed between the shards (the walk's digest differs).
    public static let otherExport = DiagnosticCode("partial.other-export", .error)
    /// Run with other options (snippets, mailbox, archive limits, ...).
    public static let otherOptions = DiagnosticCode("partial.other-options", .error)
    /// A shard given twice.
    public static let duplicateShard = DiagnosticCode("partial.duplicate-shard", .error)
    /// A shard missing: the report would be partial.
    public static let missingShard = DiagnosticCode("partial.missing-shard", .error)
    /// Two partials read the same walk step: not shards of one plan.
    public static let overlap = DiagnosticCode("partial.overlap", .error)
    /// The investigation the partials carry cannot be read.
    public static let investigation = DiagnosticCode("partial.investigation", .error)
    /// The export changed while a shard read it (the walk left the shard plan).
    public static let exportChanged = DiagnosticCode("partial.export-changed", .error)

    /// Every declared code.
    public static let all = [
        notAPartial, formatVersion, incomplete, malformed, unreadable, none, otherVersion, otherInvestigation, otherShardCount, otherExport,
        otherOptions, duplicateShard, missingShard, overlap, investigation, exportChanged,
    ]
}
