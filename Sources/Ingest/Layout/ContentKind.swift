import MailModel

/// What a file that is not mail looks like, for `input.unrecognised` (§3.3): analysts see "a PDF
/// document" or "CSV text", not only "not mail".
package enum ContentKind {
    /// Magic numbers of formats that are never mail.
    private static let magics: [(bytes: [UInt8], kind: String)] = [
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an OLE2 compound file (an Outlook .msg, an Office document)"),
        (Array("!BDN".utf8), "an Outlook PST/OST file"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        (Array("GIF8".utf8), "a GIF image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("SQLite format 3".utf8) + [0], "an SQLite database"),
        (Array("bplist00".utf8), "a binary property list"),
        ([0x50, 0x4B, 0x03, 0x04], "a zip file"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
        (Array("MZ".utf8), "an executable (Windows)"),
    ]

    /// The kind of a binary format that is never mail, or nil.
    package static func binaryKind(_ bytes: [UInt8]) -> String? {
        magics.first { bytes.starts(with: $0.bytes) }?.kind
    }

    /// What the start of a file looks like.
    package static func describe(_ bytes: [UInt8]) -> String {
        if let kind = binaryKind(bytes) { return kind }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) { return "an empty file (no header or body)" }
        var text = bytes.prefix(4096)
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        let controls = text.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        if text.contains(0) || controls * 20 > text.count { return "binary data" }
        let start = String(decoding: text.prefix(256), as: UTF8.self).trimmingSpaces.lowercased()
        if start.hasPrefix("// <!-- <mdb:mork") { return "a Mork database (a Thunderbird .msf index)" }
        if start.hasPrefix("<?xml"), start.contains("<plist") || start.contains("<!doctype plist") { return "an XML property list" }
        if start.hasPrefix("<plist") { return "an XML property list" }
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return "HTML" }
        if start.hasPrefix("<?xml") || start.hasPrefix("<") { return "XML" }
        if start.contains("user_pref(") || start.hasPrefix("// mozilla user preferences") { return "Mozilla preferences (prefs.js)" }
        let firstLine = text.prefix { $0 != 0x0A }
        let separators = firstLine.filter { $0 == 0x2C || $0 == 0x3B || $0 == 0x09 }.count
        if separators >= 2, InputFormat.fieldName(firstLine) == nil { return "CSV text" }
        if firstLine.starts(with: Array("From ".utf8)) { return "text starting with a `From ` line but no mail header block" }
        if InputFormat.fieldName(firstLine) != nil { return "text of `name: value` lines that are not mail header fields" }
        return "text without a mail header block"
    }
}
