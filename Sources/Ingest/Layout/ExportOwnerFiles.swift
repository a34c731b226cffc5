import MailModel

/// Owners named by the side files of Google exports (§3.3), used only when unambiguous.
package enum ExportOwnerFiles {
    /// The owner of a Google Takeout archive, from its `archive_browser.html`: the one address the page
    /// names (addresses of Google's own domains aside). Nil when it names none or several.
    package static func takeoutOwner(archiveBrowserHTML bytes: [UInt8]) -> String? {
        let addresses = Set(addresses(in: bytes).filter { address in
            let domain = address[address.index(after: address.lastIndex(of: "@")!)...]
            return domain != "google.com" && !domain.hasSuffix(".google.com")
        })
        return addresses.count == 1 ? addresses.first : nil
    }

    /// The accounts a Google Vault `…-results-count.csv` lists (one row per account: the address, then
    /// the number of messages it owns).
    package static func vaultAccounts(resultsCountCSV bytes: [UInt8]) -> Set<String> {
        var accounts = Set<String>()
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var cell = bytes[start ..< end]
            if let comma = cell.firstIndex(of: 0x2C) { cell = cell[cell.startIndex ..< comma] }
            let text = String(decoding: cell, as: UTF8.self).trimmingSpaces.trimmingCharacters(in: "\"\r")
            if MailboxName.isAddress(text) { accounts.insert(text.lowercased()) }
            start = end + 1
        }
        return accounts
    }

    /// The owner of a file of a Vault export listing `accounts`: the one account its name contains,
    /// else the only account. Nil when that is ambiguous.
    package static func vaultOwner(fileName: String, accounts: Set<String>) -> String? {
        let name = fileName.lowercased()
        let named = accounts.filter { name.contains($0) }
        if named.count == 1 { return named.first }
        if named.isEmpty, accounts.count == 1 { return accounts.first }
        return nil
    }

    /// The mailbox of an Apple Mail (V2) account folder `IMAP-alice@corp.example@imap.corp.example`
    /// (also `POP-`, `EWS-`, `Exchange-`): the user name before the last `@`, when it is an address.
    package static func appleAccountOwner(folderName name: String) -> String? {
        for prefix in ["IMAP-", "POP-", "EWS-", "Exchange-"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let at = rest.lastIndex(of: "@") else { return nil }
            let user = String(rest[..<at])
            return MailboxName.isAddress(user) ? user.lowercased() : nil
        }
        return nil
    }

    /// Address-like tokens (`local@domain.tld`) in text, lower-cased.
    static func addresses(in bytes: [UInt8]) -> [String] {
        func isLocal(_ b: UInt8) -> Bool {
            (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2B
        }
        func isDomain(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == 0x2E || b == 0x2D }
        var out: [String] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x40 else {
                i += 1
                continue
            }
            var s = i
            while s > 0, isLocal(bytes[s - 1]) { s -= 1 }
            var e = i + 1
            while e < bytes.count, isDomain(bytes[e]) { e += 1 }
            while e > i + 1, bytes[e - 1] == 0x2E { e -= 1 }
            while s < i, bytes[s] == 0x2E { s += 1 }
            let text = String(decoding: bytes[s ..< e], as: UTF8.self)
            if s < i, MailboxName.isAddress(text) { out.append(text.lowercased()) }
            i = e
        }
        return out
    }
}

extension String {
    /// The text without leading and trailing characters of `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
