import MailModel
/// The catalogue of Outlook, TNEF and RTF reader codes, each with the severity it is usually reported
/// with (the reader states each diagnostic's own) and whether content was lost. Each code is stable.
extension OutlookDiagnostic.Code {
    // MARK: Files
    /// The file cannot be read as a PST/OST or an OLE2 compound file (truncated, corrupt, not one).
    public static let unreadable = Self("outlook.unreadable", .error)
    /// The PST is password-protected. The password is a lock Outlook enforces, not encryption: the
    /// items are read anyway, and the run says so (exit status 3) so the analyst confirms authority.
    public static let passwordProtected = Self("outlook.password-protected", .error)
    /// The PST is protected with Outlook's "high" (cyclic) encryption, which has no key: libpff
    /// decodes it and the items are read, and the run says so (exit status 3), as for a password.
    public static let encrypted = Self("outlook.encrypted", .error)
    /// libpff found the file's index or allocation data damaged; some items may be missing.
    public static let corrupted = Self("outlook.corrupted", .error)
    /// A folder could not be read (libpff's error in the message); its items and subfolders are missing.
    public static let folderUnreadable = Self("outlook.folder-unreadable", .error)
    /// A folder was reached a second time (a loop in the folder tree); it was not read again.
    public static let folderLoop = Self("outlook.folder-loop", .error)
    /// Folders nest deeper than `OutlookReadOptions.maxFolderDepth`; deeper folders were not read.
    public static let folderTooDeep = Self("outlook.folder-too-deep", .error)
    /// An item could not be read (libpff's error in the message); it is missing from the results.
    public static let itemUnreadable = Self("outlook.item-unreadable", .error)
    /// Items that are not mail (contacts, appointments, tasks, notes) were counted and skipped.
    public static let itemsNotMail = Self("outlook.items-not-mail", .note)
    /// Recovering deleted items (`--recovered`) failed; only the allocated items were read.
    public static let recoveryFailed = Self("outlook.recovery-failed", .error)
    /// The item was recovered from unallocated space (`--recovered`): it was deleted, and may be incomplete.
    public static let recoveredItem = Self("outlook.recovered-item", .warning)

    // MARK: Items
    /// The sender has no SMTP address: the stored address (X.500 `EX`, or a display name) is used.
    public static let senderNotSMTP = Self("outlook.sender-not-smtp", .note)
    /// A recipient has no SMTP address: the stored address (X.500, or a display name) is used.
    public static let recipientNotSMTP = Self("outlook.recipient-not-smtp", .note)
    /// An attachment's bytes could not be read; it is listed without them.
    public static let attachmentUnreadable = Self("outlook.attachment-unreadable", .warning, partlyRead: true)
    /// An attachment is larger than `OutlookReadOptions.maxAttachmentBytes`; it is listed without bytes.
    public static let attachmentTooLarge = Self("outlook.attachment-too-large", .warning, partlyRead: true)
    /// Attached messages nest deeper than `OutlookReadOptions.maxEmbeddingDepth`; deeper ones were not read.
    public static let embeddingTooDeep = Self("outlook.embedding-too-deep", .warning, partlyRead: true)
    /// A property value (a body) is larger than `OutlookReadOptions.maxAttachmentBytes`; it was left out.
    public static let valueTooLarge = Self("outlook.value-too-large", .warning, partlyRead: true)
    /// An item has more attachments than `OutlookReadOptions.maxAttachments`; the rest were not read.
    public static let tooManyAttachments = Self("outlook.too-many-attachments", .warning, partlyRead: true)
    /// A `.msg` property stream or value is malformed (a size that does not fit, a stream cut short);
    /// the value concerned was skipped.
    public static let malformedProperties = Self("outlook.malformed-properties", .warning, partlyRead: true)
    /// An OLE2 compound file that holds no Outlook message (a Word or Excel file).
    public static let notAMessage = Self("outlook.not-a-message", .error)

    // MARK: RTF
    /// The compressed RTF body is damaged (MS-OXRTFCP): what could be decompressed was kept.
    public static let rtfDecompression = Self("outlook.rtf-damaged", .warning, partlyRead: true)

    // MARK: TNEF
    /// A TNEF stream (`winmail.dat`) is malformed or cut short: what was read before the damage is kept.
    public static let tnefMalformed = Self("tnef.malformed", .warning, partlyRead: true)
    /// A TNEF attribute's checksum does not match its data; the data was used anyway.
    public static let tnefChecksum = Self("tnef.checksum-mismatch", .note)

    /// Every declared code.
    public static let all: [Self] = [
        .unreadable, .passwordProtected, .encrypted, .corrupted, .folderUnreadable, .folderLoop, .folderTooDeep,
        .itemUnreadable, .itemsNotMail, .recoveryFailed, .recoveredItem, .senderNotSMTP, .recipientNotSMTP,
        .attachmentUnreadable, .attachmentTooLarge, .embeddingTooDeep, .valueTooLarge, .tooManyAttachments,
        .malformedProperties, .notAMessage, .rtfDecompression, .tnefMalformed, .tnefChecksum,
    ]

    /// Codes that mean content was lost or left unread.
    public static var partlyRead: Set<Self> { Set(all.filter(\.diagnosticCode.isPartlyRead)) }
}
