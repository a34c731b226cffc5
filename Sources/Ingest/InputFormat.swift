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
    /// (`field-name ":"`) or an mbox `From ` line.
    static func hasHeaderLine(_ bytes: [UInt8]) -> Bool {
        let limit = min(bytes.count, 8192)
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines = 0
        while lineStart < limit, lines < 12 {
            var i = lineStart
            while i < limit, bytes[i] != 0x0A { i += 1 }
            var end = i
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            if end == lineStart { return false }
            if bytes[lineStart...].starts(with: Array("From ".utf8)) { return true }
            var j = lineStart
            while j < end, bytes[j] > 0x20, bytes[j] < 0x7F, bytes[j] != 0x3A { j += 1 }
            if j > lineStart {
                var k = j
                while k < end, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
                if k < end, bytes[k] == 0x3A { return true }
            }
            lineStart = i + 1
            lines += 1
        }
        return false
    }
}
