/// What a file holds, decided by its content, never by its extension alone (§3).
package enum InputFormat: String, Sendable {
    /// An RFC 5322 message (`.eml`, `.txt`, no extension).
    case eml
    /// Microsoft Graph JSON (read by a later reader; reported as unrecognised for now).
    case graphJSON = "graph-json"
    /// Something that is not mail (an Outlook `.msg` compound file, an image, ...).
    case unrecognised

    /// Sniffs the first bytes of a file.
    package static func sniff(_ bytes: [UInt8]) -> InputFormat {
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
        return .eml
    }
}
