/// Limits against archive bombs (§3.3). Reaching one is a diagnostic (an error: exit status 3), never
/// a crash; what was read before it stays read.
package struct ArchiveLimits: Sendable, Hashable {
    /// Archives inside archives opened, counting the outermost: `a.zip!/b.tar.gz!/c.eml` is depth 2.
    /// A deeper archive is reported (`archive.too-deep`) and not opened. Default: 4.
    package var maxDepth = 4
    /// Members read from one archive, nested archives included; the rest of the archive is not
    /// read (`archive.too-many-members`). Default: 1,000,000.
    package var maxMembers = 1_000_000
    /// Expanded bytes of one member; a larger member is read no further (`archive.member-too-large`).
    /// Default: 16 GiB.
    package var maxMemberBytes = 16 << 30
    /// Expanded bytes of all members of one archive, nested archives included; the rest is not read
    /// (`archive.total-too-large`). Default: 256 GiB.
    package var maxTotalBytes = 256 << 30
    /// Expanded size over compressed size of one member, checked once it has expanded past
    /// `ratioCheckedAfterBytes`; a member past it is read no further (`archive.ratio-exceeded`).
    /// Mail compresses 2 to 20 times; deflate cannot exceed about 1,030. Default: 200.
    package var maxRatio = 200
    /// Expanded bytes after which `maxRatio` applies (small files of one repeated byte are harmless).
    /// Default: 1 MiB.
    package var ratioCheckedAfterBytes = 1 << 20

    package init() {}
    package static let `default` = ArchiveLimits()
}
