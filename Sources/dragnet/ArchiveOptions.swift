import ArgumentParser
import Ingest

/// The archive bomb limits as command-line options (§3.3); unset options keep `ArchiveLimits`' defaults.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .customLong("archive-max-depth"), parsing: .unconditional, help: ArgumentHelp("Archives inside archives opened, the outermost counting 1 (default: 4).", valueName: "n"))
    var maxDepth: Int?

    @Option(name: .customLong("archive-max-members"), parsing: .unconditional, help: ArgumentHelp("Members read from one archive, nested ones included (default: 1000000).", valueName: "n"))
    var maxMembers: Int?

    @Option(name: .customLong("archive-max-member-bytes"), parsing: .unconditional, help: ArgumentHelp("Expanded bytes of one archive member (default: 17179869184, 16 GiB).", valueName: "bytes"))
    var maxMemberBytes: Int?

    @Option(name: .customLong("archive-max-total-bytes"), parsing: .unconditional, help: ArgumentHelp("Expanded bytes of one archive, nested ones included (default: 274877906944, 256 GiB).", valueName: "bytes"))
    var maxTotalBytes: Int?

    @Option(name: .customLong("archive-max-ratio"), parsing: .unconditional, help: ArgumentHelp("Expanded over compressed size of a member past 1 MiB (default: 200).", valueName: "n"))
    var maxRatio: Int?

    /// Options that take a value, for the long-argument-list splitter.
    static let names = ["--archive-max-depth", "--archive-max-members", "--archive-max-member-bytes", "--archive-max-total-bytes", "--archive-max-ratio"]

    func validate() throws {
        for (name, value) in zip(Self.names, [maxDepth, maxMembers, maxMemberBytes, maxTotalBytes, maxRatio]) {
            if let value, value < 1 { throw ValidationError("invalid value '\(value)' for '\(name)': give 1 or more") }
        }
    }

    var limits: ArchiveLimits {
        var limits = ArchiveLimits()
        if let maxDepth { limits.maxDepth = maxDepth }
        if let maxMembers { limits.maxMembers = maxMembers }
        if let maxMemberBytes { limits.maxMemberBytes = maxMemberBytes }
        if let maxTotalBytes { limits.maxTotalBytes = maxTotalBytes }
        if let maxRatio { limits.maxRatio = maxRatio }
        return limits
    }

    /// The options given, for the report's run information.
    var given: [String: String] {
        var out: [String: String] = [:]
        for (name, value) in zip(Self.names, [maxDepth, maxMembers, maxMemberBytes, maxTotalBytes, maxRatio]) {
            if let value { out[String(name.dropFirst(2))] = String(value) }
        }
        return out
    }
}
