/// Diagnostic codes of archive reading (§3.3), declared once here. Every one but
/// `member-skipped` and `member-name` is an error: part of the evidence was not read (exit status 3).
package enum ArchiveCode: String, Sendable, CaseIterable {
    /// The archive cannot be opened or read further (corrupt, cut short, an unsupported format).
    case corrupt = "archive.corrupt"
    /// A member is encrypted: no passphrase is ever tried, the member is not read.
    case encryptedMember = "archive.encrypted-member"
    /// A member's data cannot be read (a bad checksum, damaged compressed data).
    case memberUnreadable = "archive.member-unreadable"
    /// A member (or a compressed file) ends before its data does: a download or copy cut short.
    case truncated = "archive.truncated"
    /// A member expands past `ArchiveLimits.maxMemberBytes`.
    case memberTooLarge = "archive.member-too-large"
    /// A member expands more than `ArchiveLimits.maxRatio` times its compressed size (a bomb).
    case ratioExceeded = "archive.ratio-exceeded"
    /// The members of one archive (nested archives included) expand past `ArchiveLimits.maxTotalBytes`.
    case totalTooLarge = "archive.total-too-large"
    /// An archive (nested archives included) holds more than `ArchiveLimits.maxMembers` members.
    case tooManyMembers = "archive.too-many-members"
    /// An archive nested deeper than `ArchiveLimits.maxDepth` is not opened.
    case tooDeep = "archive.too-deep"
    /// A link, device or other non-file member is not read (a note).
    case memberSkipped = "archive.member-skipped"
    /// A member's name is absolute or climbs with `..` (a note): it is only a name, nothing is extracted.
    case memberName = "archive.member-name"

    /// Whether the code means evidence was left unread.
    package var isError: Bool { self != .memberSkipped && self != .memberName }
}
