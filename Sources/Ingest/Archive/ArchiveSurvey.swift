private import Crypto

/// What a first, light pass over an archive found for the layout rules (§3.3): side files they read
/// (`prefs.js`, `.mh_sequences`, `mailFolders.json`, ...), the directory files (`users.json`,
/// `groups.json`), the size and digests of attachments Apple Mail stored beside partial messages, and
/// the mailboxes its folder names give. Members are read in archive order, so what comes after a
/// message in the archive must be known before the message is read. Nested archives are surveyed
/// when they are opened.
package struct ArchiveHints: Sendable {
    /// Side files by their path inside the archive (components joined by `/`).
    package var files: [String: [UInt8]] = [:]
    /// Apple Mail stored attachments by their path inside the archive.
    package var stored: [String: StoredAttachment] = [:]
    /// Directory files (`users.json`, `groups.json`) in archive order.
    package var directoryFiles: [(path: String, bytes: [UInt8])] = []
    /// Mailboxes named by folders inside the archive (lower-cased).
    package var mailboxes: Set<String> = []
    /// What the archive is when it is a document kept as a zip (an Office or OpenDocument file, a
    /// Java archive), whose parts are no evidence of their own.
    package var documentKind: String?

    package init() {}

    /// Names of the files directly in the folder `folder` (a path inside the archive; empty: the top).
    package func names(in folder: String) -> [String] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        var names: [String] = []
        for key in files.keys where key.hasPrefix(prefix) && !key.dropFirst(prefix.count).contains("/") {
            names.append(String(key.dropFirst(prefix.count)))
        }
        for key in stored.keys where key.hasPrefix(prefix) && !key.dropFirst(prefix.count).contains("/") {
            names.append(String(key.dropFirst(prefix.count)))
        }
        return names.sorted()
    }
}

package enum ArchiveSurvey {
    /// Side files larger than this are not read for the layout rules (16 MiB).
    static let maxSideFileBytes = 16 << 20
    /// Directory files (`users.json`, `groups.json`) larger than this are not read (1 GiB).
    static let maxDirectoryFileBytes = 1 << 30

    /// Surveys the archive `reader` reads (opened afresh for the survey); `display` is the archive's
    /// report path (for stored attachments' paths), `layout` its layout path. Stops quietly at a
    /// limit or a damaged member: reading the archive reports those.
    package static func survey(_ reader: LibArchiveReader, display: String, layout: LayoutPath, limits: ArchiveLimits) -> ArchiveHints {
        var hints = ArchiveHints()
        let budget = ArchiveBudget()
        while budget.members < limits.maxMembers, !budget.isExhausted {
            guard case .member(let member) = reader.nextHeader() else { break }
            budget.members += 1
            guard member.kind == .file, !member.isEncrypted, !reader.isRaw else { continue }
            let path = layout.member(member.name)
            let inner = Array(path.components[(layout.components.count)...])
            let key = inner.joined(separator: "/")
            switch key {
            case "[Content_Types].xml": hints.documentKind = "an Office Open XML document (a zip of XML parts)"
            case "mimetype": hints.documentKind = "an OpenDocument or EPUB file (a zip of XML parts)"
            case "META-INF/MANIFEST.MF": hints.documentKind = "a Java archive"
            default: break
            }
            for folder in inner.dropLast() {
                if let mailbox = MailboxName.parse(folder: folder) { hints.mailboxes.insert(mailbox.address) }
            }
            let data = ArchiveMemberData(reader: reader, budget: budget, limits: limits)
            let name = path.fileName.lowercased()
            if SideFile.isAppleStoredAttachment(path) {
                if let stored = digest(data, fileName: path.fileName, path: display + "!/" + key) { hints.stored[key] = stored }
            } else if name == "users.json" || name == "groups.json" {
                let read = data.readAll(upTo: maxDirectoryFileBytes)
                if read.isComplete, data.stop == nil { hints.directoryFiles.append((key, read.bytes)) }
            } else if SideFile.isReadByRules(path.fileName) {
                let read = data.readAll(upTo: maxSideFileBytes)
                if read.isComplete, data.stop == nil { hints.files[key] = read.bytes }
            }
            data.skip()
            if data.stop?.isLimit == true || data.stop?.code == .memberUnreadable && !reader.skipsBySeeking { break }
        }
        return hints
    }

    /// Size and digests of a stored attachment, streamed (nil when it cannot be read whole).
    private static func digest(_ data: ArchiveMemberData, fileName: String, path: String) -> StoredAttachment? {
        var md5 = Insecure.MD5()
        var sha1 = Insecure.SHA1()
        var sha256 = SHA256()
        var sha512 = SHA512()
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        var size = 0
        while true {
            let result = unsafe chunk.withUnsafeMutableBytes { raw in data.read(into: raw) }
            guard let n = result.count else { return nil }
            if n == 0 { break }
            size += n
            chunk.withUnsafeBytes { raw in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[..<n])
                md5.update(bufferPointer: bytes)
                sha1.update(bufferPointer: bytes)
                sha256.update(bufferPointer: bytes)
                sha512.update(bufferPointer: bytes)
            }
        }
        return StoredAttachment(
            fileName: fileName, path: path, size: size, diskPath: nil,
            digests: ["md5": hex(md5.finalize()), "sha1": hex(sha1.finalize()), "sha256": hex(sha256.finalize()), "sha512": hex(sha512.finalize())])
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
