package import MailModel

/// Diagnostic codes of archive reading (§3.3), declared once here. Every one but `member-skipped` and
/// `member-name` is an error: part of the evidence was not read (exit status 3); a member cut short
/// or unreadable leaves its item partly read.
package struct ArchiveCode: Sendable, Hashable {
    /// The code as every module sees it.
    package let diagnosticCode: DiagnosticCode

    private init(_ rawValue: String, _ severity: Diagnostic.Severity, partlyRead: Bool = false) {
        diagnosticCode = DiagnosticCode(rawValue, severity, partlyRead: partlyRead)
    }

    package var rawValue: String { diagnosticCode.rawValue }

    /// The archive cannot be opened or read further (corrupt, cut short, an unsupported format).
    package static let corrupt = Self("archive.corrupt", .error)
    /// A member is encrypted: no passphrase is ever tried, the member is not read.
    package static let encryptedMember = Self("archive.encrypted-member", .error)
    /// A member's data cannot be read (a bad checksum, damaged compressed data).
    package static let memberUnreadable = Self("archive.member-unreadable", .error, partlyRead: true)
    /// A member (or a compressed file) ends before its data does: a download or copy cut short.
    package static let truncated = Self("archive.truncated", .error, partlyRead: true)
    /// A member expands past `ArchiveLimits.maxMemberBytes`.
    package static let memberTooLarge = Self("archive.member-too-large", .error)
    /// A member expands more than `ArchiveLimits.maxRatio` times its compressed size (a bomb).
    package static let ratioExceeded = Self("archive.ratio-exceeded", .error)
    /// The members of one archive (nested archives included) expand past `ArchiveLimits.maxTotalBytes`.
    package static let totalTooLarge = Self("archive.total-too-large", .error)
    /// An archive (nested archives included) holds more than `ArchiveLimits.maxMembers` members.
    package static let tooManyMembers = Self("archive.too-many-members", .error)
    /// An archive nested deeper than `ArchiveLimits.maxDepth` is not opened.
    package static let tooDeep = Self("archive.too-deep", .error)
    /// libarchive is not installed (it is loaded when the first archive is met): the archive is not read.
    package static let libraryMissing = Self("archive.library-missing", .error)
    /// A link, device or other non-file member is not read (a note).
    package static let memberSkipped = Self("archive.member-skipped", .note)
    /// A member's name is absolute or climbs with `..` (a note): it is only a name, nothing is extracted.
    package static let memberName = Self("archive.member-name", .note)

    /// Every declared code.
    package static let all = [
        corrupt, encryptedMember, memberUnreadable, truncated, memberTooLarge, ratioExceeded, totalTooLarge, tooManyMembers, tooDeep,
        libraryMissing, memberSkipped, memberName,
    ]
}
