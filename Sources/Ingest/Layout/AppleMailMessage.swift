package import MailModel

/// An Apple Mail `.emlx` file (§3.3): a line holding the message's length in bytes, the message, then
/// an XML property list (Apple Mail's own data about the message: flags, dates) that is not message
/// text. A `.partial.emlx` is a message whose attachments Mail stored beside it, one folder per MIME
/// part: `Attachments/<message number>/<part>/<file name>`, the folder `Attachments` beside the folder
/// `Messages` that holds the message.
package struct AppleMailMessage: Sendable {
    /// Where the message starts and ends in the file.
    package var messageRange: Range<Int>
    /// The `flags` integer of the trailer, when present: bit 0 read, bit 1 deleted, bit 2 answered.
    package var flags: Int?
    package var notes: [Diagnostic]

    /// Whether the trailer says the message was read.
    package var isRead: Bool? { flags.map { $0 & 1 != 0 } }

    /// Splits an `.emlx` file's bytes. A file without the byte-count line is read whole as the message
    /// (`emlx.byte-count-missing`); a count past the end of the file reads what is there (`emlx.truncated`).
    package init(_ bytes: [UInt8], path: String) {
        notes = []
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let digitsStart = i
        var count = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, i - digitsStart < 18 {
            count = count * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        let hasDigits = i > digitsStart
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        guard hasDigits, i < bytes.count, bytes[i] == 0x0A else {
            messageRange = 0 ..< bytes.count
            flags = nil
            notes.append(Diagnostic(
                code: IngestCode.emlxByteCountMissing,
                message: "the file does not start with the message's length in bytes; read whole as the message",
                location: SourceLocation(path: path, byteOffset: 0, line: 1)))
            return
        }
        let start = i + 1
        if start + count > bytes.count {
            messageRange = start ..< bytes.count
            notes.append(Diagnostic(
                code: IngestCode.emlxTruncated,
                message: "the file ends \(start + count - bytes.count) bytes before the message's length says: the message is cut short",
                location: SourceLocation(path: path, byteOffset: bytes.count)))
        } else {
            messageRange = start ..< start + count
        }
        flags = Self.flags(in: bytes[messageRange.upperBound...])
    }

    /// The `<key>flags</key><integer>N</integer>` of the property list trailer.
    static func flags(in trailer: ArraySlice<UInt8>) -> Int? {
        let key = Array("<key>flags</key>".utf8)
        let integer = Array("<integer>".utf8)
        guard let k = firstRange(of: key, in: trailer) else { return nil }
        guard let v = firstRange(of: integer, in: trailer[k.upperBound...]) else { return nil }
        var i = v.upperBound
        while i < trailer.endIndex, trailer[i] == 0x20 || trailer[i] == 0x0A || trailer[i] == 0x0D || trailer[i] == 0x09 { i += 1 }
        var value = 0
        var digits = 0
        while i < trailer.endIndex, trailer[i] >= 0x30, trailer[i] <= 0x39, digits < 18 {
            value = value * 10 + Int(trailer[i] - 0x30)
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var i = haystack.startIndex
        while i + needle.count <= haystack.endIndex {
            if haystack[i] == needle[0], haystack[i ..< i + needle.count].elementsEqual(needle) { return i ..< i + needle.count }
            i += 1
        }
        return nil
    }

    /// Whether a file name is an Apple Mail message (`123.emlx`, `123.partial.emlx`).
    package static func isEmlx(_ name: String) -> Bool { name.lowercased().hasSuffix(".emlx") }

    /// Whether a file name is a message whose attachments were stored beside it.
    package static func isPartial(_ name: String) -> Bool { name.lowercased().hasSuffix(".partial.emlx") }

    /// The message number of `123.partial.emlx`: the name up to its first dot.
    package static func messageNumber(_ name: String) -> String {
        String(name.prefix { $0 != "." })
    }

    /// Apple Mail's name for a MIME part (an IMAP section number: `2`, `1.2`) from Dragnet's part path
    /// (`1.2`, `1.1.2`): the leading `1.` of the top-level entity dropped.
    package static func partName(ofPartPath path: String) -> String {
        path.hasPrefix("1.") ? String(path.dropFirst(2)) : path
    }
}

/// An attachment Apple Mail stored beside a `.partial.emlx`, found by the scan.
package struct StoredAttachment: Sendable, Hashable {
    /// The stored file's name.
    package var fileName: String
    /// Where it is: the report path (`…/Attachments/123/2/report.pdf`, or inside an archive).
    package var path: String
    package var size: Int
    /// The file on disk, read when a filter needs the bytes; nil for a member of an archive, whose
    /// digests were computed while the archive was surveyed.
    package var diskPath: String?
    /// Digests by kind (`md5`, `sha1`, `sha256`, `sha512`) of a member of an archive.
    package var digests: [String: String]
}

/// The stored attachments of one `.partial.emlx`, by Apple part name (`2`, `1.2`).
package struct StoredAttachments: Sendable {
    package var byPart: [String: [StoredAttachment]]
    /// Where they were looked for (for the "not collected" note).
    package var folder: String

    package init(byPart: [String: [StoredAttachment]], folder: String) {
        self.byPart = byPart
        self.folder = folder
    }

    /// The stored file of a part: its only file, or the one named like the attachment.
    package func file(forPart part: String, named name: String?) -> StoredAttachment? {
        guard let files = byPart[part], !files.isEmpty else { return nil }
        if files.count == 1 { return files[0] }
        if let name, let match = files.first(where: { $0.fileName == name }) { return match }
        return files.sorted { $0.fileName < $1.fileName }.first
    }
}
