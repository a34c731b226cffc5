/// The catalogue of defect codes. Each code is stable: reports and golden files depend on it.
/// The first names follow CPython's `email.errors` defect catalogue. Every defect is a warning (the
/// parser reads on); `partlyRead` marks the codes that mean content was lost or left unread.
extension MIMEDefect.Code {
    // MARK: Header block (RFC 5322 §2.2, §3.6)
    /// An mbox `From ` envelope line before the first header; it is skipped.
    public static let mboxFromLine = Self("mime.mbox-from-line")
    /// Lines before the first header that are not headers; they are skipped.
    public static let junkBeforeHeaders = Self("mime.junk-before-headers")
    /// Blank lines before the first header of a message (a file saved with leading empty lines); they
    /// are skipped when header lines follow them, and the headers are read.
    public static let leadingBlankLines = Self("mime.leading-blank-lines")
    /// The first header line starts with white space; it is joined to nothing and kept as its own field.
    public static let firstHeaderLineIsContinuation = Self("mime.first-header-line-is-continuation")
    /// A line in the header block has no colon; the header block ends there and the line starts the body.
    public static let missingHeaderBodySeparator = Self("mime.missing-header-body-separator")
    /// A header line has no colon but the header block carries on after it (it is skipped).
    public static let headerLineWithoutColon = Self("mime.header-line-without-colon")
    /// A header line's field name holds white space (`X Foo: bar`, RFC 5322 §3.6.8 allows none): the
    /// field and its continuation lines are skipped and the header block goes on, as in GMime.
    public static let headerNameInvalid = Self("mime.header-name-invalid")
    /// A header field that should appear once appears several times. Address lists (To, Cc, Bcc,
    /// Reply-To) are read from every occurrence, in order; for the others the first that gives a
    /// value is used.
    public static let headerRepeated = Self("mime.header-repeated")
    /// A header field contains 8-bit bytes (raw UTF-8 or a legacy charset).
    public static let headerNonASCII = Self("mime.header-non-ascii")
    /// The header block exceeded `ParserLimits.maxHeaderBlockBytes`; the rest of it was skipped.
    public static let headerBlockTooLarge = Self("mime.header-block-too-large", partlyRead: true)
    /// A line exceeded `ParserLimits.maxLineLength` (RFC 5322 §2.1.1 allows 998 bytes).
    public static let lineTooLong = Self("mime.line-too-long")

    // MARK: Encoded words (RFC 2047)
    /// Something that looks like an encoded word but is not well formed; kept as it is.
    public static let encodedWordMalformed = Self("mime.encoded-word-malformed")
    /// An encoded word names a charset we do not know; decoded with the fallback.
    public static let encodedWordUnknownCharset = Self("mime.encoded-word-unknown-charset")

    // MARK: Addresses (RFC 5322 §3.4)
    /// An address list could not be fully parsed; what could be kept was kept.
    public static let addressListMalformed = Self("mime.address-list-malformed")
    /// An address uses the obsolete route syntax (`<@a,@b:user@host>`); the route is dropped.
    public static let addressObsoleteRoute = Self("mime.address-obsolete-route")
    /// An address has no domain part.
    public static let addressMissingDomain = Self("mime.address-missing-domain")

    // MARK: Dates (RFC 5322 §3.3, §4.3)
    /// The date could not be parsed.
    public static let dateInvalid = Self("mime.date-invalid")
    /// The date has no zone; it was read as UTC.
    public static let dateMissingZone = Self("mime.date-missing-zone")
    /// The date uses an obsolete or unknown zone name.
    public static let dateObsoleteZone = Self("mime.date-obsolete-zone")
    /// The date has a two- or three-digit year (RFC 5322 §4.3).
    public static let dateTwoDigitYear = Self("mime.date-two-digit-year")

    // MARK: Content-Type, Content-Disposition and parameters (RFC 2045, 2183, 2231)
    /// A Content-Type could not be parsed; `text/plain` (or the context's default) is used.
    public static let contentTypeInvalid = Self("mime.content-type-invalid")
    /// A Content-Disposition has no readable disposition type; its parameters are still read.
    public static let contentDispositionInvalid = Self("mime.content-disposition-invalid")
    /// A parameter is malformed (missing value, bad quoting, bad RFC 2231 section).
    public static let parameterInvalid = Self("mime.parameter-invalid")
    /// RFC 2231 continuation sections are missing or out of order.
    public static let parameterContinuationGap = Self("mime.parameter-continuation-gap")

    // MARK: Multipart structure (RFC 2046 §5.1)
    /// A multipart has no `boundary` parameter; its body is kept as one opaque leaf (still a `multipart/*`
    /// type, with `.leaf` content), whose bytes body-text extraction reads as plain text.
    public static let multipartMissingBoundary = Self("mime.multipart-missing-boundary")
    /// No start boundary was found in a multipart body; it is kept as one opaque leaf, as for
    /// `mime.multipart-missing-boundary`.
    public static let startBoundaryNotFound = Self("mime.start-boundary-not-found")
    /// A multipart has an empty `boundary=""`: a boundary of zero length, whose delimiter lines are `--`
    /// and `----` (as GMime and CPython read it).
    public static let boundaryEmpty = Self("mime.boundary-empty")
    /// A multipart ended (at a parent boundary or the end of input) without its close boundary.
    public static let closeBoundaryNotFound = Self("mime.close-boundary-not-found")
    /// The input ends inside a multipart, without its close boundary and in the middle of a line: the
    /// message was most likely cut short (a failed download or export). What is there is read.
    public static let truncated = Self("mime.truncated", partlyRead: true)
    /// A multipart declares a non-identity Content-Transfer-Encoding (RFC 2045 §6.4); it is ignored.
    public static let multipartTransferEncodingInvalid = Self("mime.multipart-transfer-encoding-invalid")
    /// Nesting exceeded `ParserLimits.maxNestingDepth`; the entity is kept as an opaque leaf.
    public static let nestingTooDeep = Self("mime.nesting-too-deep", partlyRead: true)
    /// The message exceeded `ParserLimits.maxParts`; the remaining parts of the multipart are skipped
    /// up to its close delimiter, and a multipart or message past the limit is kept as an opaque leaf.
    public static let tooManyParts = Self("mime.too-many-parts", partlyRead: true)

    // MARK: Transfer decoding (RFC 2045 §6)
    /// Base64 content contained characters outside the alphabet; they were skipped.
    public static let base64InvalidCharacters = Self("mime.base64-invalid-characters")
    /// Base64 content had missing or misplaced padding; the complete bytes were kept.
    public static let base64InvalidPadding = Self("mime.base64-invalid-padding")
    /// Quoted-printable content had an `=` not followed by two hex digits or a line break; kept literally.
    public static let quotedPrintableInvalidEscape = Self("mime.quoted-printable-invalid-escape")
    /// A uuencoded block is malformed (bad line length, missing `end`).
    public static let uuencodeMalformed = Self("mime.uuencode-malformed")
    /// The Content-Transfer-Encoding is unknown; the raw bytes are kept.
    public static let transferEncodingUnknown = Self("mime.transfer-encoding-unknown", partlyRead: true)
    /// Decoded content exceeded `ParserLimits.maxDecodedBytes`; it was truncated.
    public static let decodedSizeLimit = Self("mime.decoded-size-limit", partlyRead: true)

    // MARK: Charsets
    /// The charset name is unknown or bogus; the fallback (UTF-8 when valid, else windows-1252) was used.
    public static let charsetUnknown = Self("mime.charset-unknown")
    /// Bytes were not valid in the declared charset; they were replaced with U+FFFD.
    public static let charsetUndecodableBytes = Self("mime.charset-undecodable-bytes")
    /// A text part without a charset contains 8-bit bytes; the fallback was used.
    public static let charsetMissing = Self("mime.charset-missing")

    // MARK: Protected content (S/MIME RFC 8551, PGP/MIME RFC 3156, Microsoft rights management)
    // Not malformations: content that is there but cannot be read offline. Body filters cannot decide
    // on it, so an item holding one is unsearchable for them unless what can be read already matches.
    /// An S/MIME part is encrypted (`smime-type=enveloped-data` or `authEnveloped-data`, or a CMS
    /// EnvelopedData, AuthEnvelopedData or EncryptedData structure); the part is kept as it is.
    public static let encryptedSMIME = Self("mime.encrypted-smime", partlyRead: true)
    /// A `multipart/encrypted` (RFC 1847; PGP/MIME when `protocol="application/pgp-encrypted"`): its
    /// parts are a control part and the ciphertext.
    public static let encryptedPGP = Self("mime.encrypted-pgp", partlyRead: true)
    /// A body text part holds an OpenPGP message block (`-----BEGIN PGP MESSAGE-----`, RFC 4880 §6.2):
    /// the text around it is read, the block is ciphertext.
    public static let encryptedPGPInline = Self("mime.encrypted-pgp-inline", partlyRead: true)
    /// A Microsoft rights-managed message (IRM, Purview / Office 365 Message Encryption): the real
    /// message is in a `message.rpmsg` attachment (`application/x-microsoft-rpmsg-message`); the body
    /// beside it is a notice for clients that cannot open it.
    public static let rightsProtected = Self("mime.rights-protected", partlyRead: true)
    /// An S/MIME part whose content cannot be read: compressed (`compressed-data`, not decompressed),
    /// or a CMS structure that is malformed (the message says what and where, in the decoded bytes).
    public static let smimeUnreadable = Self("mime.smime-unreadable", partlyRead: true)

    /// Every declared code.
    public static let all: [Self] = [
        .mboxFromLine, .junkBeforeHeaders, .leadingBlankLines, .firstHeaderLineIsContinuation,
        .missingHeaderBodySeparator, .headerLineWithoutColon, .headerNameInvalid, .headerRepeated, .headerNonASCII,
        .headerBlockTooLarge, .lineTooLong, .encodedWordMalformed, .encodedWordUnknownCharset, .addressListMalformed,
        .addressObsoleteRoute, .addressMissingDomain, .dateInvalid, .dateMissingZone, .dateObsoleteZone,
        .dateTwoDigitYear, .contentTypeInvalid, .contentDispositionInvalid, .parameterInvalid,
        .parameterContinuationGap, .multipartMissingBoundary, .startBoundaryNotFound, .boundaryEmpty,
        .closeBoundaryNotFound, .truncated, .multipartTransferEncodingInvalid, .nestingTooDeep, .tooManyParts,
        .base64InvalidCharacters, .base64InvalidPadding, .quotedPrintableInvalidEscape, .uuencodeMalformed,
        .transferEncodingUnknown, .decodedSizeLimit, .charsetUnknown, .charsetUndecodableBytes, .charsetMissing,
        .encryptedSMIME, .encryptedPGP, .encryptedPGPInline, .rightsProtected, .smimeUnreadable,
    ]
}
