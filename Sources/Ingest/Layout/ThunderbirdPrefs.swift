import MailModel

/// The owners of a Thunderbird profile's mail folders, from its `prefs.js` (§3.3).
///
/// `prefs.js` holds `user_pref("key", value);` lines. A mail account ties a server to identities:
/// `mail.account.account1.server = "server1"`, `mail.account.account1.identities = "id1"`,
/// `mail.identity.id1.useremail = "alice@corp.example"`, and the server's folder below the profile:
/// `mail.server.server1.directory-rel = "[ProfD]ImapMail/imap.corp.example"` (older profiles have only
/// the absolute `directory`, whose last two components are used). An account's folder is owned by its
/// identities' address when they have exactly one. `Local Folders` (a server of type `none`, with no
/// identity) is owned by the profile's address when the whole profile has exactly one. Anything else
/// is ambiguous and owns nothing.
package struct ThunderbirdPrefs: Sendable, Hashable {
    /// Account folders relative to the profile (`ImapMail/imap.corp.example`) → owner address.
    package var owners: [[String]: String] = [:]

    package init(owners: [[String]: String] = [:]) {
        self.owners = owners
    }

    package init(prefsJS bytes: [UInt8]) {
        let prefs = Self.userPrefs(bytes)
        func value(_ key: String) -> String? { prefs[key] }
        var emailsOfIdentity: [String: String] = [:]
        for (key, value) in prefs where key.hasPrefix("mail.identity.") && key.hasSuffix(".useremail") {
            let id = key.dropFirst("mail.identity.".count).dropLast(".useremail".count)
            if MailboxName.isAddress(value) { emailsOfIdentity[String(id)] = value.lowercased() }
        }
        let allEmails = Set(emailsOfIdentity.values)
        var ambiguous = Set<[String]>()
        for (key, server) in prefs.sorted(by: { $0.key < $1.key }) where key.hasPrefix("mail.account.") && key.hasSuffix(".server") {
            let account = String(key.dropFirst("mail.account.".count).dropLast(".server".count))
            guard let folder = Self.folder(ofServer: server, prefs) else { continue }
            let identities = (value("mail.account.\(account).identities") ?? "").split(separator: ",").map {
                String($0).trimmingSpaces
            }
            var emails = Set(identities.compactMap { emailsOfIdentity[$0] })
            if identities.isEmpty, value("mail.server.\(server).type") == "none", allEmails.count == 1 { emails = allEmails }
            // Two accounts in one folder with different owners own it not at all.
            if emails.count == 1, let owner = emails.first, owners[folder].map({ $0 == owner }) ?? true {
                owners[folder] = owner
            } else {
                owners[folder] = nil
                ambiguous.insert(folder)
            }
        }
        for folder in ambiguous { owners[folder] = nil }
    }

    /// The owner of the mail folder whose path relative to the profile is `relative`: the account
    /// folder that is the longest prefix of it.
    package func owner(ofRelativePath relative: ArraySlice<String>) -> String? {
        let matching = owners.filter { folder, _ in relative.count >= folder.count && relative.prefix(folder.count).elementsEqual(folder) }
        return matching.max { a, b in a.key.count < b.key.count || a.key.count == b.key.count && a.key.lexicographicallyPrecedes(b.key) }?.value
    }

    private static func folder(ofServer server: String, _ prefs: [String: String]) -> [String]? {
        if let rel = prefs["mail.server.\(server).directory-rel"] {
            var path = Substring(rel)
            if path.hasPrefix("[ProfD]") { path = path.dropFirst("[ProfD]".count) }
            let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
            return parts.isEmpty ? nil : parts
        }
        if let absolute = prefs["mail.server.\(server).directory"] {
            let parts = absolute.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
            return parts.count >= 2 ? Array(parts.suffix(2)) : nil
        }
        return nil
    }

    /// `user_pref("key", "string");` (and numbers, booleans) → key: value, strings unescaped.
    static func userPrefs(_ bytes: [UInt8]) -> [String: String] {
        var prefs: [String: String] = [:]
        let marker = Array("user_pref(".utf8)
        var i = 0
        while i < bytes.count {
            var lineEnd = i
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let line = bytes[i ..< lineEnd]
            i = lineEnd + 1
            guard line.starts(with: marker) else { continue }
            var j = line.startIndex + marker.count
            guard let key = quoted(line, &j) else { continue }
            while j < line.endIndex, line[j] == 0x20 || line[j] == 0x2C { j += 1 }
            if j < line.endIndex, line[j] == 0x22 {
                if let value = quoted(line, &j) { prefs[key] = value }
            } else {
                var end = j
                while end < line.endIndex, line[end] != 0x29 { end += 1 }
                prefs[key] = String(decoding: line[j ..< end], as: UTF8.self).trimmingSpaces
            }
        }
        return prefs
    }

    /// A JavaScript string in double quotes at `j` (backslash escapes kept simple), advancing `j`.
    private static func quoted(_ line: ArraySlice<UInt8>, _ j: inout Int) -> String? {
        guard j < line.endIndex, line[j] == 0x22 else { return nil }
        j += 1
        var out: [UInt8] = []
        while j < line.endIndex {
            let c = line[j]
            if c == 0x5C, j + 1 < line.endIndex {
                out.append(line[j + 1])
                j += 2
                continue
            }
            if c == 0x22 {
                j += 1
                return String(decoding: out, as: UTF8.self)
            }
            out.append(c)
            j += 1
        }
        return nil
    }
}
