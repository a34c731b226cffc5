import MailModel
/// The catalogue of Graph reader diagnostic codes, each with the severity it is reported with and
/// whether content was lost (`partlyRead`). Each code is stable.
extension GraphDiagnostic.Code {
    // MARK: Files that cannot be read at all (thrown as a `LocatedError`)
    /// The file cannot be opened or read.
    public static let unreadable = Self("graph.unreadable", .error)
    /// The path is a directory, a FIFO, a socket or a device, not a regular file.
    public static let notAFile = Self("graph.not-a-file", .error)

    // MARK: File and encoding
    /// The file holds no JSON value at all (empty or only white space).
    public static let emptyFile = Self("graph.empty-file", .warning)
    /// A UTF-16 file has an unpaired surrogate or an odd trailing byte; U+FFFD was used.
    public static let invalidUTF16 = Self("graph.invalid-utf16", .warning)
    /// A string holds bytes that are not valid UTF-8; they were replaced with U+FFFD.
    public static let invalidUTF8 = Self("graph.invalid-utf8", .warning)
    /// Reading the file failed part-way (an I/O error); the rest of the file is not read.
    public static let readFailed = Self("graph.read-failed", .error)

    // MARK: JSON syntax
    /// The JSON is invalid; the reader skipped to the next place it can resume (see the message).
    public static let invalidJSON = Self("graph.invalid-json", .error, partlyRead: true)
    /// The file ends inside a value (a truncated export); the incomplete value is lost.
    public static let unexpectedEndOfFile = Self("graph.unexpected-end-of-file", .error)
    /// A small syntax slip was accepted without losing data (a trailing or missing comma, a stray
    /// comma between top-level values).
    public static let lenientSyntax = Self("graph.lenient-syntax", .note)
    /// A raw control character (< 0x20) inside a string was kept as it is (Graph and its SDKs emit
    /// them; Corso sanitizes them the same way).
    public static let controlCharacter = Self("graph.control-character", .note)
    /// A backslash escape is not valid JSON (`\x`); it was kept literally.
    public static let invalidEscape = Self("graph.invalid-escape", .note)
    /// Nesting exceeded the limit (`GraphReaderOptions.maxNestingDepth` for JSON,
    /// `maxItemAttachmentDepth` for attached items); the deeper value was not read.
    public static let nestingTooDeep = Self("graph.nesting-too-deep", .warning, partlyRead: true)
    /// One value is larger than `GraphReaderOptions.maxValueBytes`; it was skipped.
    public static let valueTooLarge = Self("graph.value-too-large", .error)

    // MARK: Graph content
    /// The file (or one value in it) is a Graph error response `{"error": {...}}`, not data.
    public static let errorPage = Self("graph.error-page", .error)
    /// A structural field arrived as a string such as `System.Collections.Hashtable` or
    /// `@{name=...; address=...}`: the export was cut by PowerShell's `ConvertTo-Json -Depth`.
    public static let truncatedExport = Self("graph.truncated-export", .warning, partlyRead: true)
    /// A `dateTimeTimeZone` names a zone the reader does not know; the time was read as UTC.
    public static let unknownTimeZone = Self("graph.unknown-time-zone", .warning)
    /// A date-time could not be parsed; only its raw text is kept.
    public static let invalidDate = Self("graph.invalid-date", .warning)
    /// `contentBytes` holds characters outside base64 or is cut in the middle of a quantum.
    public static let invalidBase64 = Self("graph.invalid-base64", .warning, partlyRead: true)
    /// A field has a JSON type that cannot be read as what Graph defines (a number where a string
    /// was expected, ...); it is kept raw and treated as not readable.
    public static let unexpectedType = Self("graph.unexpected-type", .warning)

    // MARK: Attachments saved apart, JSON batching, values not used
    /// A JSON batching response (`{"responses": [{"id", "status", "body"}]}`) whose `status` is not
    /// 2xx: its request's data is not in the export (the message names the response id and the error).
    public static let batchResponseError = Self("graph.batch-response-error", .error)
    /// An attachments page (or a single attachment) whose message is not in the export, or whose
    /// message nothing names (no `@odata.context`, no file name that is a message id).
    public static let attachmentsWithoutMessage = Self("graph.attachments-without-message", .warning)
    /// A message's attachments page has an `@odata.nextLink` but the export holds no further page:
    /// the attachment list is incomplete, so attachment filters that do not match cannot decide.
    public static let attachmentsIncomplete = Self("graph.attachments-incomplete", .warning)
    /// An attachment saved apart from its message could not be read again when the message was
    /// read (its file changed or vanished during the run).
    public static let attachmentsUnreadable = Self("graph.attachments-unreadable", .error)
    /// Values of a file that are Graph resources Dragnet recognises but does not use (events,
    /// contacts, delta tombstones; users, groups and folders outside `users.json`, `groups.json`
    /// and `mailFolders.json`), counted in one note per file.
    public static let valuesUnused = Self("graph.values-unused", .note)
    /// Values of a file that are no Graph resource at all (unknown objects, numbers, text, `null`),
    /// counted in one warning per file.
    public static let valuesSkipped = Self("graph.values-skipped", .warning)

    /// Every declared code.
    public static let all: [Self] = [
        .unreadable, .notAFile, .emptyFile, .invalidUTF16, .invalidUTF8, .readFailed, .invalidJSON,
        .unexpectedEndOfFile, .lenientSyntax, .controlCharacter, .invalidEscape, .nestingTooDeep, .valueTooLarge,
        .errorPage, .truncatedExport, .unknownTimeZone, .invalidDate, .invalidBase64, .unexpectedType,
        .batchResponseError, .attachmentsWithoutMessage, .attachmentsIncomplete, .attachmentsUnreadable, .valuesUnused, .valuesSkipped,
    ]
}
