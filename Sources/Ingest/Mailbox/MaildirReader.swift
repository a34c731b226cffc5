private import Glibc
package import MailModel

/// Lists the messages of one Maildir folder (a folder with `cur/` and/or `new/`).
///
/// **Order.** `cur/` first, then `new/`; within each, file names sorted bytewise (Maildir names start
/// with the delivery time, so this is roughly delivery order, and it is deterministic).
/// Only regular files (symbolic links are followed) whose names do not start with `.` are messages.
/// `tmp/` holds deliveries in progress and is not read (its files are counted in a
/// `maildir.tmp-ignored` note). Other entries are reported (`maildir.not-a-message`).
///
/// **Flags.** From the file name's info suffix: `<unique>:2,<flags>`, or `!2,` / `;2,` instead of
/// `:2,` (written on file systems that forbid `:`). The last such separator in the name counts.
/// Flags are `P` passed, `R` replied, `S` seen, `T` trashed, `D` draft, `F` flagged; any other
/// character (Dovecot keywords `a`–`z`, unknown letters) is kept in `otherFlags`. `:1,` (experimental
/// info) is kept as `info` without flags.
///
/// **Folder name** (for §3.2 folder resolution): see `folderName(forMaildirAt:)`.
///
/// Only a folder that cannot be opened throws (`IngestError`); odd content gives notes.
package struct MaildirReader: Sendable {
    package enum Subfolder: String, Sendable, Hashable {
        case cur, new
    }

    /// Maildir flags from the info suffix.
    package struct Flags: OptionSet, Sendable, Hashable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }

        /// `P`: resent / forwarded / bounced.
        package static let passed = Flags(rawValue: 1 << 0)
        /// `R`: replied to.
        package static let replied = Flags(rawValue: 1 << 1)
        /// `S`: seen.
        package static let seen = Flags(rawValue: 1 << 2)
        /// `T`: trashed (marked for deletion).
        package static let trashed = Flags(rawValue: 1 << 3)
        /// `D`: draft.
        package static let draft = Flags(rawValue: 1 << 4)
        /// `F`: flagged.
        package static let flagged = Flags(rawValue: 1 << 5)

        /// The flag letters in Maildir's (ASCII) order: `DFPRST`.
        package var letters: String {
            var s = ""
            for (flag, letter) in Self.table where contains(flag) { s.append(letter) }
            return s
        }

        static let table: [(Flags, Character)] = [
            (.draft, "D"), (.flagged, "F"), (.passed, "P"), (.replied, "R"), (.seen, "S"), (.trashed, "T"),
        ]
    }

    /// One message file.
    package struct Message: Sendable, Hashable {
        /// The folder path joined with `cur/` or `new/` and the file name.
        package var path: String
        package var fileName: String
        package var subfolder: Subfolder
        /// The file name without its info suffix.
        package var uniqueName: String
        /// The info suffix after its separator (`2,FRS`), nil when the name has none.
        package var info: String?
        package var flags: Flags
        /// Info characters that are not one of the six standard flags (keywords, unknown letters).
        package var otherFlags: String

        /// In `new/`: delivered but not yet seen by any mail client.
        package var isNew: Bool { subfolder == .new }

        /// §10 `source`: format `maildir` and the file's path.
        package var source: MessageSource { MessageSource(format: "maildir", path: path) }
    }

    /// The folder as given.
    package var folderPath: String
    /// See `folderName(forMaildirAt:)`.
    package var folderName: String
    /// Messages of `cur/` then `new/`, each sorted by file name.
    package var messages: [Message]
    /// Things about the folder that are not messages (`maildir.*` codes).
    package var notes: [Diagnostic]

    /// Lists the Maildir at `folderPath`. Throws `input.unreadable` when the folder, or its `cur/` or
    /// `new/`, cannot be opened; a folder without either gives no messages and a
    /// `maildir.not-a-maildir` note.
    package init(folderPath: String) throws(IngestError) {
        self.folderPath = folderPath
        folderName = Self.folderName(forMaildirAt: folderPath)
        messages = []
        notes = []
        guard Self.isDirectory(folderPath) else {
            var st = stat()
            if stat(folderPath, &st) != 0 { throw .unreadable(folderPath, errno: errno) }
            throw .unreadable(folderPath, errno: ENOTDIR)
        }
        if access(folderPath, R_OK | X_OK) != 0 { throw .unreadable(folderPath, errno: errno) }
        var found = false
        for sub in [Subfolder.cur, .new] {
            let dir = Self.join(folderPath, sub.rawValue)
            guard Self.isDirectory(dir) else { continue }
            found = true
            for name in try Self.entries(dir) {
                let path = Self.join(dir, name)
                if name.hasPrefix(".") {
                    notes.append(note(IngestCode.maildirNotAMessage, as: .note, "hidden file ignored", path: path))
                    continue
                }
                guard Self.isRegularFile(path) else {
                    notes.append(note(IngestCode.maildirNotAMessage, "not a regular file; ignored", path: path))
                    continue
                }
                let parsed = Self.parseInfo(name)
                messages.append(Message(path: path, fileName: name, subfolder: sub, uniqueName: parsed.uniqueName,
                                        info: parsed.info, flags: parsed.flags, otherFlags: parsed.otherFlags))
            }
        }
        if !found {
            notes.append(note(IngestCode.maildirNotAMaildir, "has neither cur/ nor new/", path: folderPath))
        }
        let tmp = Self.join(folderPath, "tmp")
        if Self.isDirectory(tmp), let names = try? Self.entries(tmp) {
            let files = names.filter { !$0.hasPrefix(".") }
            if !files.isEmpty {
                notes.append(note(IngestCode.maildirTmpIgnored, "\(files.count) file\(files.count == 1 ? "" : "s") in tmp/ (deliveries in progress) not read",
                                  path: tmp))
            }
        }
    }

    private func note(_ code: DiagnosticCode, as severity: Diagnostic.Severity? = nil, _ message: String, path: String) -> Diagnostic {
        Diagnostic(code: code, message: message, location: SourceLocation(path: path), severity: severity)
    }

    // MARK: - Detection and naming

    /// Whether `folderPath` is a Maildir: it has a `cur` or a `new` subfolder.
    package static func isMaildir(_ folderPath: String) -> Bool {
        isDirectory(join(folderPath, "cur")) || isDirectory(join(folderPath, "new"))
    }

    /// The mail folder a Maildir stands for (§3.2):
    /// - a Maildir++ subfolder (name starting with `.`): the name without the dot, `.` separators
    ///   turned into `/`, and IMAP modified UTF-7 (`&APw-`) decoded: `.Sent` → `Sent`,
    ///   `.INBOX.Archive` → `INBOX/Archive`, `.Entw&APw-rfe` → `Entwürfe`;
    /// - a Maildir++ root (a Maildir that has such subfolders): `INBOX`, which is what the root of a
    ///   Maildir++ holds (its own name is usually `Maildir` or the owner's address);
    /// - any other Maildir: its own name.
    package static func folderName(forMaildirAt folderPath: String) -> String {
        var name = lastComponent(folderPath)
        if name == "." || name == ".." || name.isEmpty {
            if let real = realpath(folderPath, nil) {
                name = lastComponent(String(cString: real))
                free(real)
            }
        }
        if name.hasPrefix("."), name.count > 1 {
            return name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
                .map { ModifiedUTF7.decode(String($0)) }
                .joined(separator: "/")
        }
        if !maildirPlusPlusSubfolders(of: folderPath).isEmpty { return "INBOX" }
        return name
    }

    /// Paths of the Maildir++ subfolders of `folderPath` (entries named `.something` that are Maildirs),
    /// sorted by name. Empty for a plain Maildir.
    package static func maildirPlusPlusSubfolders(of folderPath: String) -> [String] {
        guard let names = try? entries(folderPath) else { return [] }
        return names.filter { $0.hasPrefix(".") && $0 != "." && $0 != ".." }
            .map { join(folderPath, $0) }
            .filter { isMaildir($0) }
    }

    /// Splits a Maildir file name into its unique part, info, standard flags and other flag characters.
    package static func parseInfo(_ fileName: String) -> (uniqueName: String, info: String?, flags: Flags, otherFlags: String) {
        let bytes = Array(fileName.utf8)
        var cut: Int?
        var i = bytes.count - 3
        while i >= 0 {
            if bytes[i] == 0x3A || bytes[i] == 0x21 || bytes[i] == 0x3B, bytes[i + 1] == 0x32, bytes[i + 2] == 0x2C {
                cut = i
                break
            }
            i -= 1
        }
        if let cut {
            var flags = Flags()
            var other = ""
            for b in bytes[(cut + 3)...] {
                switch b {
                case 0x50: flags.insert(.passed)
                case 0x52: flags.insert(.replied)
                case 0x53: flags.insert(.seen)
                case 0x54: flags.insert(.trashed)
                case 0x44: flags.insert(.draft)
                case 0x46: flags.insert(.flagged)
                default: other.append(Character(Unicode.Scalar(b)))
                }
            }
            return (String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[(cut + 1)...], as: UTF8.self), flags, other)
        }
        if let colon = bytes.lastIndex(of: 0x3A), bytes[(colon + 1)...].starts(with: [0x31, 0x2C]) {
            return (String(decoding: bytes[..<colon], as: UTF8.self), String(decoding: bytes[(colon + 1)...], as: UTF8.self), [], "")
        }
        return (fileName, nil, [], "")
    }

    // MARK: - File system

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Names in a folder (without `.` and `..`), sorted bytewise.
    static func entries(_ folder: String) throws(IngestError) -> [String] {
        guard let dir = opendir(folder) else { throw .unreadable(folder, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let ent = readdir(dir) {
            let name = unsafe withUnsafeBytes(of: ent.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return names
    }
}
