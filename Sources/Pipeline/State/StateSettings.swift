private import Crypto
package import Ingest
package import MIME
package import Outlook
private import Glibc

/// What an investigation's outcomes depend on besides the investigation file and the input file
/// they came from. It is recorded with the investigation in the state; a run with other settings
/// drops that investigation's stored rows and evaluates everything again.
package struct StateSettings: Sendable, Hashable {
    package var toolVersion: String
    package var includeSnippets: Bool
    package var mailboxHint: String?
    package var options: ParserOptions
    package var archiveLimits: ArchiveLimits
    /// How PST/OST and `.msg` files are read (recovered items, limits).
    package var outlookOptions: OutlookReadOptions
    /// SHA-256 of the files that decide how other files' items are attributed (see ``contextDigest(_:)``).
    package var contextDigest: String

    package static func == (a: StateSettings, b: StateSettings) -> Bool { a.text == b.text }
    package func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The settings as recorded: one line of `name=value` pairs.
    package var text: String {
        [
            "record=\(OutcomeRecord.version)",
            "tool=\(toolVersion)",
            "build=\(Self.buildIdentity)",
            "snippets=\(includeSnippets)",
            "mailbox=\(mailboxHint?.lowercased() ?? "")",
            "limits=\(Self.describe(options.limits))",
            "archives=\(Self.describe(archiveLimits))",
            "outlook=\(Self.describe(outlookOptions))",
            "context=\(contextDigest)",
        ].joined(separator: ";")
    }

    // The limits as `String(describing:)` gives them (a test holds the two equal, so that a limit added
    // is part of the settings), written out: the reflection took half a millisecond of every run.
    static func describe(_ limits: ParserLimits) -> String {
        "ParserLimits(maxNestingDepth: \(limits.maxNestingDepth), maxParts: \(limits.maxParts), maxHeaderBlockBytes: \(limits.maxHeaderBlockBytes), "
            + "maxLineLength: \(limits.maxLineLength), maxDecodedBytes: \(limits.maxDecodedBytes), maxCMSNestingDepth: \(limits.maxCMSNestingDepth))"
    }

    static func describe(_ limits: ArchiveLimits) -> String {
        "ArchiveLimits(maxDepth: \(limits.maxDepth), maxMembers: \(limits.maxMembers), maxMemberBytes: \(limits.maxMemberBytes), "
            + "maxTotalBytes: \(limits.maxTotalBytes), maxRatio: \(limits.maxRatio), ratioCheckedAfterBytes: \(limits.ratioCheckedAfterBytes))"
    }

    static func describe(_ options: OutlookReadOptions) -> String {
        "OutlookReadOptions(includeRecovered: \(options.includeRecovered), maxAttachmentBytes: \(options.maxAttachmentBytes), "
            + "maxEmbeddingDepth: \(options.maxEmbeddingDepth), maxFolderDepth: \(options.maxFolderDepth), maxAttachments: \(options.maxAttachments))"
    }

    /// The running program's size and modification time: a rebuilt Dragnet may read mail differently.
    static let buildIdentity: String = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return "unknown" }
        return "\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    /// SHA-256 over the paths and content digests of the context files below `paths`
    /// (``ExportScan/isContextFile(_:root:)``: the directory, folder lists, side files layouts read), in walk order.
    package static func contextDigest(_ paths: [String]) -> String {
        var files: [String] = []
        let walker = InputWalker(paths: paths)
        while let found = walker.next() {
            guard case .entry(let entry) = found, !entry.isMaildir, ExportScan.isContextFile(entry.path, root: entry.root) else { continue }
            files.append(entry.path)
        }
        return contextDigest(files: files)
    }

    /// The same, of the context files a scan listed in its first walk (``ExportScan/contextFiles``):
    /// no walk of its own.
    package static func contextDigest(files: [String]) -> String {
        var hasher = SHA256()
        for path in files {
            hasher.update(data: Array((path + "\u{0}").utf8))
            hasher.update(data: FileDigest.whole(path) ?? [])
        }
        return FileDigest.hex(Array(hasher.finalize()))
    }
}
