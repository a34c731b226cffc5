/// What a file holds, decided by its content, never by its extension alone (§3).
package enum InputFormat: String, Sendable {
    /// An RFC 5322 message (`.eml`, `.txt`, no extension).
    case eml
    /// Microsoft Graph JSON.
    case graphJSON = "graph-json"
    /// Something that is not mail (an Outlook `.msg` compound file, an image, a CSV, a log, ...).
    case unrecognised

    /// Sniffs the first bytes of a file (8 KiB is plenty); `path` breaks the tie for files whose
    /// content says nothing (an empty `.eml` is a broken message, an empty `.dat` is not mail).
    ///
    /// A file is a message only when its first lines form a header block that names mail: see
    /// `startsWithMailHeaderBlock`. JSON (`{`, `[`, a UTF-16 BOM) is Graph JSON; binary formats (OLE2,
    /// zip, PDF, images) are never mail. A file named as a message (`.eml`, `.mht`, `.mhtml`, `.mime`,
    /// `.rfc822`) is also read as one when it is blank or its first line after blank lines is a header
    /// field (`name: value`): its name says what it is and its content does not say otherwise.
    package static func sniff(_ bytes: [UInt8], path: String = "") -> InputFormat {
        if ContentKind.binaryKind(bytes) != nil { return .unrecognised }
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .graphJSON }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        if i < bytes.count, bytes[i] == 0x7B || bytes[i] == 0x5B { return .graphJSON }
        if startsWithMailHeaderBlock(bytes) { return .eml }
        let lower = path.lowercased()
        if [".eml", ".mht", ".mhtml", ".mime", ".rfc822"].contains(where: { lower.hasSuffix($0) }),
           i == bytes.count || firstLineIsHeaderField(bytes, from: i) {
            return .eml
        }
        return .unrecognised
    }

    /// Whether the line at `start` (the first byte after BOM and blank lines) is a header field.
    private static func firstLineIsHeaderField(_ bytes: [UInt8], from start: Int) -> Bool {
        let limit = min(bytes.count, start + 1000)
        var end = start
        while end < limit, bytes[end] != 0x0A { end += 1 }
        return fieldName(bytes[start ..< end]) != nil
    }

    /// Header fields that mark a header block as mail's: RFC 5322's originator, destination,
    /// identification, informational, trace and resent fields, RFC 2045's MIME fields, and the fields
    /// mail stores and exporters write first (delivery, client status, Exchange and Gmail fields,
    /// authentication results). Every message a mailer or an exporter writes has at least one of them
    /// among its first lines; logs, CSV files, settings and MH sequences (`unseen: 1-3`) do not.
    static let mailFieldNames: Set<String> = [
        "from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to", "references", "subject",
        "comments", "keywords", "date", "return-path", "received", "mime-version", "delivered-to", "envelope-to",
        "x-original-to", "x-mozilla-status", "x-mozilla-status2", "x-mozilla-keys", "x-gmail-labels", "x-gm-thrid",
        "status", "x-status", "x-uid", "x-keywords", "thread-topic", "thread-index", "importance", "priority",
        "x-priority", "x-mailer", "user-agent", "x-originating-ip", "authentication-results", "dkim-signature",
        "received-spf", "x-received", "list-id", "list-unsubscribe", "precedence", "organization",
        "disposition-notification-to", "return-receipt-to", "x-envelope-from", "x-envelope-to", "x-apple-mail-remote-attachments",
    ]

    /// Field-name prefixes that mark mail the same way (`Content-Type`, `Resent-From`, `ARC-Seal`,
    /// `X-MS-Exchange-…`, `X-Apple-…`).
    static let mailFieldPrefixes = ["content-", "resent-", "arc-", "x-ms-exchange-", "x-ms-has-attach", "x-apple-", "x-gm-", "x-spam-"]

    /// Whether the file starts with a mail header block: after an optional UTF-8 BOM and blank lines,
    /// an optional mbox `From ` line, and an optional Apple `.emlx` byte-count line (digits only), the
    /// lines are header fields (`name:`) and their continuation lines (up to 32 lines within 8 KiB,
    /// ending at a blank line or at the first line that is neither), and among those fields at least
    /// one is named in `mailFieldNames` or `mailFieldPrefixes`, and no fewer are than fields that are
    /// neither such nor `X-` fields (a log's `Date:` among `Info:` and `Message:` lines is no message).
    /// A block may start with continuation lines (a cut first field) or with one line that is not a
    /// field (`Microsoft Mail Internet Headers Version 2.0`, as Outlook's header export writes) when
    /// at least two mail fields follow. Three mail fields before any other field decide at once.
    ///
    /// A `From ` line is the mbox envelope line only when it is not a header field: `From  : a@b` (white
    /// space before the colon, RFC 5322 §4.5.1) is the `From` field (`MboxSyntax.classify`).
    ///
    /// Blank lines before the block need a real header block after them, as the MIME parser skips
    /// them (`mime.leading-blank-lines`) only then: its first line is a field (or the `From ` line,
    /// then a field), and it has at least two fields; a text file that starts with empty lines and
    /// holds one `Name: value` line is not mail.
    package static func startsWithMailHeaderBlock(_ bytes: [UInt8]) -> Bool {
        let limit = min(bytes.count, 8192)
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines = 0
        var fields = 0
        var mailFields = 0
        var otherFields = 0
        var leadingJunk = false
        var leadingBlankLines = false
        var sawPreamble = (from: false, count: false)
        while lineStart < limit, lines < 32 {
            var i = lineStart
            while i < limit, bytes[i] != 0x0A { i += 1 }
            var end = i
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[lineStart ..< end]
            lineStart = i + 1
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if blank {
                if fields == 0, lines == 0, !leadingJunk, !sawPreamble.from, !sawPreamble.count {
                    leadingBlankLines = true  // blank lines before the headers (a defect the parser reports)
                    continue
                }
                break
            }
            lines += 1
            if line.first == 0x20 || line.first == 0x09 {
                if fields == 0, leadingBlankLines { return false }
                continue  // a folded field, or the end of a cut one
            }
            if fields == 0, lines == 1 {
                if !sawPreamble.from, !sawPreamble.count, MboxSyntax.startsWithFrom(line), MboxSyntax.classify(line) != .header {
                    sawPreamble.from = true
                    lines = 0
                    continue
                }
                if !sawPreamble.count, !leadingBlankLines, line.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x20 }) {
                    sawPreamble.count = true
                    lines = 0
                    continue
                }
            }
            guard let name = fieldName(line) else {
                if fields == 0, !leadingJunk, !leadingBlankLines {
                    leadingJunk = true
                    continue
                }
                break
            }
            fields += 1
            if isMailField(name) {
                mailFields += 1
                // Three mail fields and nothing else so far: a message (and most are decided here).
                if mailFields >= 3, otherFields == 0, !leadingJunk { return true }
            } else if !name.hasPrefix("x-") {
                otherFields += 1
            }
        }
        if leadingBlankLines, fields < 2 { return false }
        return mailFields >= (leadingJunk ? 2 : 1) && mailFields >= otherFields
    }

    /// The lower-cased field name when the line is a header field: printable ASCII but `:`, optional
    /// blanks, then `:`.
    static func fieldName(_ line: ArraySlice<UInt8>) -> String? {
        var j = line.startIndex
        while j < line.endIndex, line[j] > 0x20, line[j] < 0x7F, line[j] != 0x3A { j += 1 }
        guard j > line.startIndex else { return nil }
        var k = j
        while k < line.endIndex, line[k] == 0x20 || line[k] == 0x09 { k += 1 }
        guard k < line.endIndex, line[k] == 0x3A else { return nil }
        return String(decoding: line[line.startIndex ..< j], as: UTF8.self).lowercased()
    }

    static func isMailField(_ name: String) -> Bool {
        mailFieldNames.contains(name) || mailFieldPrefixes.contains { name.hasPrefix($0) }
    }
}
