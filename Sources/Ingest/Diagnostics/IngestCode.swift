public import MailModel

/// The codes of what finding, reading and normalizing inputs reports: inputs that cannot be read,
/// mbox and Maildir oddities, Graph export files. Each code is stable, with the severity it is
/// reported with (where a producer lowers it, the doc comment says so) and whether content was lost.
public enum IngestCode {
    // MARK: Inputs (§3)
    /// An input path does not exist.
    public static let notFound = DiagnosticCode("input.not-found", .error)
    /// A file or folder cannot be read (permission, I/O error, a folder where a file was expected).
    public static let unreadable = DiagnosticCode("input.unreadable", .error)
    /// A file or folder already read through another input path; skipped (a note).
    public static let repeated = DiagnosticCode("input.repeated", .note)
    /// A symbolic link to a folder inside an input folder; not followed (a note).
    public static let linkNotFollowed = DiagnosticCode("input.link-not-followed", .note)
    /// Neither a regular file nor a folder (a FIFO, socket or device): an error when given as an
    /// input, a note when found inside a folder (skipped).
    public static let notAFile = DiagnosticCode("input.not-a-file", .error)
    /// A file that is not mail, an mbox or Graph JSON; skipped (a note; `inspect` prints a warning).
    public static let unrecognised = DiagnosticCode("input.unrecognised", .note)
    /// A file a mail client keeps beside its messages (an index, a table of contents); not a message.
    public static let sideFile = DiagnosticCode("input.side-file", .note)

    // MARK: mbox (RFC 4155)
    /// A `From ` line inside a message was not taken for a separator.
    public static let mboxUnquotedFromLine = DiagnosticCode("mbox.unquoted-from-line", .note)
    /// A Content-Length header does not point at the next separator; boundaries were found by scanning.
    public static let mboxContentLengthMismatch = DiagnosticCode("mbox.content-length-mismatch", .warning)
    /// A `From ` line longer than the reader keeps.
    public static let mboxFromLineTooLong = DiagnosticCode("mbox.from-line-too-long", .warning)
    /// No blank line before a `From ` separator (a note when a Content-Length confirms the separator).
    public static let mboxMissingBlankLineBeforeFrom = DiagnosticCode("mbox.missing-blank-line-before-from", .warning)
    /// Bytes before the first `From ` line (a note when they are only blank lines).
    public static let mboxLeadingGarbage = DiagnosticCode("mbox.leading-garbage", .warning)
    /// The file has no `From ` line; it is read as one message.
    public static let mboxNoFromLine = DiagnosticCode("mbox.no-from-line", .warning)
    /// A message larger than the reader's limit; only its start is read.
    public static let mboxMessageTooLarge = DiagnosticCode("mbox.message-too-large", .warning, partlyRead: true)
    /// A message with no bytes.
    public static let mboxEmptyMessage = DiagnosticCode("mbox.empty-message", .warning)
    /// The file ends inside a message.
    public static let mboxTruncatedAtEOF = DiagnosticCode("mbox.truncated-at-eof", .warning, partlyRead: true)
    /// Reading the file failed part-way; the rest is not read (the message where it stopped is partly read).
    public static let mboxReadError = DiagnosticCode("mbox.read-error", .error, partlyRead: true)

    // MARK: Maildir
    /// An entry of `cur/` or `new/` that is not a message (a warning; a hidden file is a note).
    public static let maildirNotAMessage = DiagnosticCode("maildir.not-a-message", .warning)
    /// A folder read as a Maildir has neither `cur/` nor `new/`.
    public static let maildirNotAMaildir = DiagnosticCode("maildir.not-a-maildir", .warning)
    /// Files in `tmp/` (deliveries in progress) are not read.
    public static let maildirTmpIgnored = DiagnosticCode("maildir.tmp-ignored", .note)

    // MARK: Apple Mail (`.emlx`)
    /// An `.emlx` file does not start with the message's length; it is read whole as the message.
    public static let emlxByteCountMissing = DiagnosticCode("emlx.byte-count-missing", .warning)
    /// An `.emlx` file ends before the message's length says: the message is cut short.
    public static let emlxTruncated = DiagnosticCode("emlx.truncated", .warning, partlyRead: true)
    /// Apple Mail stored an attachment apart from the message, and the export holds no file for it.
    public static let emlxAttachmentNotCollected = DiagnosticCode("emlx.attachment-not-collected", .warning)

    // MARK: Graph export files
    /// An attachment is a link to a cloud file: it has no bytes in the export.
    public static let graphReferenceAttachment = DiagnosticCode("graph.reference-attachment", .warning)

    /// Every declared code.
    public static let all = [
        notFound, unreadable, repeated, linkNotFollowed, notAFile, unrecognised, sideFile,
        mboxUnquotedFromLine, mboxContentLengthMismatch, mboxFromLineTooLong, mboxMissingBlankLineBeforeFrom, mboxLeadingGarbage,
        mboxNoFromLine, mboxMessageTooLarge, mboxEmptyMessage, mboxTruncatedAtEOF, mboxReadError,
        maildirNotAMessage, maildirNotAMaildir, maildirTmpIgnored, emlxByteCountMissing, emlxTruncated, emlxAttachmentNotCollected,
        graphReferenceAttachment,
    ]
}
