import MailModel
private import Glibc

/// Answers the layout questions about a file (§3.2, §3.3): its mailbox and mailbox part, and the facts
/// side files give (an MH message's read state, a partial Apple Mail message's stored attachments).
/// Side files are read on disk, or from the survey of the archive a folder lies in. They are looked
/// for in the file's folder and its ancestors up to the folder holding the input path. Answers are
/// kept per folder: the files of one folder come one after another.
package final class LayoutResolver {
    /// The surveys of the archives a path lies in, parallel to its `archiveIndices`.
    package typealias Surveys = [ArchiveHints]

    /// A mailbox a layout names, and where.
    package struct Owner: Sendable, Hashable {
        package var address: String
        /// `Primary`, `Archive`, `Online Archive` (a Purview folder's qualifier).
        package var part: String?
        /// The index of the path component that named it (a mailbox folder), if one did.
        package var componentIndex: Int?
    }

    /// What the side files of a folder's ancestors say about the owner of its mail.
    private struct Conventions {
        var thunderbird: String?
        var takeout: String?
    }

    private var conventionsByFolder: [String: Conventions] = [:]
    private var vaultAccountsByFolder: [String: Set<String>] = [:]
    private var diskFiles: [String: [UInt8]?] = [:]
    private var unseenByFolder: [String: Set<Int>?] = [:]

    package init() {}

    // MARK: Owners

    /// The mailbox of the file at `path`: the nearest folder named by an address (with a Purview
    /// qualifier) or an Apple Mail account folder; else Thunderbird's `prefs.js`, a Google Vault
    /// account list, a file named by its account (`alice@corp.example.mbox`), a Google Takeout index.
    /// Nil when nothing names it unambiguously.
    package func owner(of path: LayoutPath, role: FolderPath.Role, surveys: Surveys) -> Owner? {
        let c = path.components
        var i = c.count - 2
        while i >= 0 {
            if !path.isArchive(i) {
                if let named = MailboxName.parse(folder: c[i]) { return Owner(address: named.address, part: named.part, componentIndex: i) }
                if let account = ExportOwnerFiles.appleAccountOwner(folderName: c[i]) { return Owner(address: account, part: nil, componentIndex: nil) }
            }
            i -= 1
        }
        let conventions = self.conventions(of: path, surveys: surveys)
        if let owner = conventions.thunderbird { return Owner(address: owner, part: nil, componentIndex: nil) }
        // Google Vault delivers mbox files (one or more per account) beside its account list.
        if role == .mbox {
            let accounts = vaultAccounts(of: path, surveys: surveys)
            for name in [path.fileName] + path.archiveIndices.reversed().map({ c[$0] }) {
                if let owner = ExportOwnerFiles.vaultOwner(fileName: name, accounts: accounts) {
                    return Owner(address: owner, part: nil, componentIndex: nil)
                }
            }
        }
        if role == .mbox, let named = MailboxName.address(prefixing: path.fileName) { return Owner(address: named, part: nil, componentIndex: nil) }
        if let owner = conventions.takeout { return Owner(address: owner, part: nil, componentIndex: nil) }
        return nil
    }

    private func conventions(of path: LayoutPath, surveys: Surveys) -> Conventions {
        let own = path.components.count - 1
        let key = folderKey(own, of: path)
        if let known = conventionsByFolder[key] { return known }
        var found = Conventions()
        var foundThunderbird = false, foundTakeout = false
        for k in stride(from: own, through: lowestFolder(of: path), by: -1) {
            if !foundThunderbird, let prefs = sideFile("prefs.js", inFolder: k, of: path, surveys: surveys) {
                foundThunderbird = true
                let relative = (k ..< path.components.count - 1).filter { !path.isArchive($0) }.map { path.components[$0] }
                found.thunderbird = ThunderbirdPrefs(prefsJS: prefs).owner(ofRelativePath: relative[...])
            }
            if !foundTakeout, let page = sideFile("archive_browser.html", inFolder: k, of: path, surveys: surveys) {
                foundTakeout = true
                found.takeout = ExportOwnerFiles.takeoutOwner(archiveBrowserHTML: page)
            }
        }
        conventionsByFolder[key] = found
        return found
    }

    /// The accounts of the nearest Google Vault account lists (`…-results-count.csv`) above the file.
    private func vaultAccounts(of path: LayoutPath, surveys: Surveys) -> Set<String> {
        let own = path.components.count - 1
        let key = folderKey(own, of: path)
        if let known = vaultAccountsByFolder[key] { return known }
        var accounts = Set<String>()
        for k in stride(from: own, through: lowestFolder(of: path), by: -1) {
            let lists = fileNames(inFolder: k, of: path, surveys: surveys).filter { $0.lowercased().hasSuffix("-results-count.csv") }
            for list in lists {
                if let bytes = sideFile(list, inFolder: k, of: path, surveys: surveys) {
                    accounts.formUnion(ExportOwnerFiles.vaultAccounts(resultsCountCSV: bytes))
                }
            }
            if !lists.isEmpty { break }
        }
        vaultAccountsByFolder[key] = accounts
        return accounts
    }

    // MARK: MH and Apple Mail

    /// Whether an MH message was read: `.mh_sequences` in its folder lists the unread ones (`unseen`);
    /// nil when the folder has no `.mh_sequences`.
    package func mhIsRead(_ path: LayoutPath, number: Int, surveys: Surveys) -> Bool? {
        let own = path.components.count - 1
        let key = folderKey(own, of: path)
        let unseen: Set<Int>?
        if let known = unseenByFolder[key] {
            unseen = known
        } else {
            unseen = sideFile(".mh_sequences", inFolder: own, of: path, surveys: surveys).map { MHFolder.sequence("unseen", in: $0) ?? [] }
            unseenByFolder[key] = .some(unseen)
        }
        return unseen.map { !$0.contains(number) }
    }

    /// The MH mail root above an MH message: the folder holding MH's `context` file, or the `Path:` of
    /// an `.mh_profile` found above (as the number of leading path components); nil when neither is found.
    package func mhRoot(of path: LayoutPath, surveys: Surveys) -> Int? {
        let own = path.components.count - 1
        let key = folderKey(own, of: path)
        if let known = mhRootByFolder[key] { return known }
        var root: Int?
        for k in stride(from: own, through: lowestFolder(of: path), by: -1) {
            if sideFile("context", inFolder: k, of: path, surveys: surveys) != nil {
                root = k
                break
            }
            if let profile = sideFile(".mh_profile", inFolder: k, of: path, surveys: surveys) {
                let text = String(decoding: profile, as: UTF8.self)
                for line in text.split(separator: "\n") where line.lowercased().hasPrefix("path:") {
                    let value = line.dropFirst(5).split(separator: "/").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
                    if !value.isEmpty, k + value.count <= own, Array(path.components[k ..< k + value.count]) == value { root = k + value.count }
                }
                break
            }
        }
        mhRootByFolder[key] = .some(root)
        return root
    }

    private var mhRootByFolder: [String: Int?] = [:]

    /// The attachments Apple Mail stored for the partial message at `path` (`…/Messages/123.partial.emlx`):
    /// the files of `…/Attachments/123/<part>/`, by part.
    package func storedAttachments(of path: LayoutPath, display: String, surveys: Surveys) -> StoredAttachments {
        let number = AppleMailMessage.messageNumber(path.fileName)
        let parent = path.components.count - 2
        var byPart: [String: [StoredAttachment]] = [:]
        let displayFolder = String(display.prefix(display.count - path.fileName.count)) + "../Attachments/\(number)/"
        guard parent >= 0 else { return StoredAttachments(byPart: [:], folder: displayFolder) }
        if let (index, hints) = archive(holding: parent, of: path, surveys: surveys) {
            let inner = path.components[(index + 1) ..< parent].joined(separator: "/")
            let prefix = (inner.isEmpty ? "" : inner + "/") + "Attachments/\(number)/"
            for (key, stored) in hints.stored where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count).split(separator: "/")
                if rest.count == 2 { byPart[String(rest[0]), default: []].append(stored) }
            }
        } else {
            let folder = path.diskFolder(parent) + "/Attachments/" + number
            for part in (try? MaildirReader.entries(folder)) ?? [] {
                let partFolder = folder + "/" + part
                for name in (try? MaildirReader.entries(partFolder)) ?? [] {
                    let file = partFolder + "/" + name
                    var st = stat()
                    guard stat(file, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                    byPart[part, default: []].append(StoredAttachment(fileName: name, path: file, size: Int(st.st_size), diskPath: file, digests: [:]))
                }
            }
        }
        return StoredAttachments(byPart: byPart, folder: displayFolder)
    }

    // MARK: Side files

    /// The lowest folder side files are looked for in: the folder holding the input path.
    private func lowestFolder(of path: LayoutPath) -> Int {
        max(0, min(path.rootCount, path.components.count) - 1)
    }

    /// The archive a folder (the first `k` components) lies in, with its survey.
    private func archive(holding k: Int, of path: LayoutPath, surveys: Surveys) -> (index: Int, hints: ArchiveHints)? {
        for (n, index) in path.archiveIndices.enumerated().reversed() where index < k && n < surveys.count {
            return (index, surveys[n])
        }
        return nil
    }

    private func folderKey(_ k: Int, of path: LayoutPath) -> String {
        (path.isAbsolute ? "/" : "") + path.components[..<k].joined(separator: "/")
    }

    /// The bytes of the side file `name` in the folder made of the first `k` components.
    func sideFile(_ name: String, inFolder k: Int, of path: LayoutPath, surveys: Surveys) -> [UInt8]? {
        if let (index, hints) = archive(holding: k, of: path, surveys: surveys) {
            let inner = path.components[(index + 1) ..< k].joined(separator: "/")
            return hints.files[inner.isEmpty ? name : inner + "/" + name]
        }
        let file = path.diskFolder(k) + "/" + name
        if let known = diskFiles[file] { return known }
        var bytes: [UInt8]?
        if access(file, R_OK) == 0, let read = try? InputFile.read(file, wholeUpTo: ArchiveSurvey.maxSideFileBytes, prefix: 0), read.isWhole {
            bytes = read.bytes
        }
        diskFiles[file] = .some(bytes)
        return bytes
    }

    /// The names of the files in the folder made of the first `k` components.
    func fileNames(inFolder k: Int, of path: LayoutPath, surveys: Surveys) -> [String] {
        if let (index, hints) = archive(holding: k, of: path, surveys: surveys) {
            return hints.names(in: path.components[(index + 1) ..< k].joined(separator: "/"))
        }
        return (try? MaildirReader.entries(path.diskFolder(k))) ?? []
    }
}
