/// What a file holds, decided by its content, never by its extension alone (§3).
package enum InputFormat: String, Sendable {
    /// An RFC 5322 message (`.eml`, `.txt`, no extension).
    case eml
    /// Microsoft Graph JSON (read by a later reader; reported as unrecognised for now).
    case graphJSON = "graph-json"
    /// Something that is not mail (an Outlook `.msg` compound file, an image, ...).
    case unrecognised

    /// Sniffs the first bytes of a file; `path` breaks the tie for files whose content says nothing
    /// (an empty `.eml` is a broken message, an empty `.dat` is not mail).
    package static func sniff(_ bytes: [UInt8], path: String = "") -> InputFormat {
        // OLE2 compound file (Outlook .msg), ZIP, PDF, PNG, GIF, JPEG: not mail.
        let magics: [[UInt8]] = [
            [0xD0, 0xCF, 0x11, 0xE0], [0x50, 0x4B, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46, 0x2D],
            [0x89, 0x50, 0x4E, 0x47], [0x47, 0x49, 0x46, 0x38], [0xFF, 0xD8, 0xFF],
        ]
        for magic in magics where bytes.starts(with: magic) { return .unrecognised }
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .graphJSON }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        if i < bytes.count, bytes[i] == 0x7B || bytes[i] == 0x5B { return .graphJSON }
        if hasHeaderLine(bytes) { return .eml }
        let lower = path.lowercased()
        for ext in [".eml", ".msg", ".mht", ".mhtml", ".mime", ".rfc822"] where lower.hasSuffix(ext) { return .eml }
        return .unrecognised
    }

    /// Whether one of the first lines (within 8 KiB, before a blank line) is an RFC 5322 header line
    /// (`field-name ":"`) or an mbox `From ` line (`From ` + a sender token, and a date-like rest or
    /// nothing: `From  : a@example.com` is a header field, `From Russia with love` is neither).
    ///
    /// Blank lines before the first line (a message saved with leading empty lines) need more: the
    /// lines after them must start like a message's header block (see `startsLikeHeaderBlock`), so a
    /// text file that merely starts with empty lines and holds a `Name: value` line is not mail.
    static func hasHeaderLine(_ bytes: [UInt8]) -> Bool {
        let limit = min(bytes.count, 8192)
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var afterBlankLines = false
        while lineStart < limit {
            let (content, next) = line(bytes, from: lineStart, limit: limit)
            guard content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }), next > lineStart else { break }
            lineStart = next
            afterBlankLines = true
        }
        if afterBlankLines { return startsLikeHeaderBlock(bytes, from: lineStart, limit: limit) }
        var lines = 0
        while lineStart < limit, lines < 12 {
            let (content, next) = line(bytes, from: lineStart, limit: limit)
            if content.isEmpty { return false }
            switch MboxSyntax.classify(content) {
            case .envelope, .bare: return true
            case .none, .other, .header: break
            }
            if fieldNameEnd(content) != nil { return true }
            lineStart = next
            lines += 1
        }
        return false
    }

    /// Names of fields every message has one of (RFC 5322 §3.6, RFC 2045, RFC 5321 trace fields).
    private static let messageFieldNames: Set<String> = [
        "from", "to", "cc", "subject", "date", "message-id", "received", "return-path", "mime-version",
        "content-type", "sender", "reply-to", "delivered-to",
    ]

    /// Whether the lines at `start` are a header block: an mbox envelope line or a header line first,
    /// then header or folded lines up to the next blank line (or the 12th line), with at least two
    /// fields of which one is a field every message has (`From`, `Subject`, `Received`, ...).
    static func startsLikeHeaderBlock(_ bytes: [UInt8], from start: Int, limit: Int) -> Bool {
        var lineStart = start
        var fields = 0
        var sawMessageField = false
        var lines = 0
        while lineStart < limit, lines < 12 {
            let (content, next) = line(bytes, from: lineStart, limit: limit)
            if content.isEmpty { break }
            if lines == 0, [.envelope, .bare].contains(MboxSyntax.classify(content)) {
                // The envelope line of a saved mbox message: its headers follow.
            } else if content.first == 0x20 || content.first == 0x09 {
                if fields == 0 { return false }
            } else if let nameEnd = fieldNameEnd(content) {
                fields += 1
                let name = String(decoding: content[content.startIndex ..< nameEnd], as: UTF8.self).lowercased()
                if messageFieldNames.contains(name) { sawMessageField = true }
            } else {
                return false
            }
            lineStart = next
            lines += 1
        }
        return fields >= 2 && sawMessageField
    }

    /// The line at `start` without its line break, and where the next one starts.
    private static func line(_ bytes: [UInt8], from start: Int, limit: Int) -> (content: ArraySlice<UInt8>, next: Int) {
        var i = start
        while i < limit, bytes[i] != 0x0A { i += 1 }
        var end = i
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return (bytes[start ..< end], i + 1)
    }

    /// `field-name *WSP ":"` (RFC 5322 §3.6.8, §4.5): the end of the name, or nil.
    private static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        var j = line.startIndex
        while j < line.endIndex, line[j] > 0x20, line[j] < 0x7F, line[j] != 0x3A { j += 1 }
        guard j > line.startIndex else { return nil }
        var k = j
        while k < line.endIndex, line[k] == 0x20 || line[k] == 0x09 { k += 1 }
        return k < line.endIndex && line[k] == 0x3A ? j : nil
    }
}
