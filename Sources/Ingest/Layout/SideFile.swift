/// Files that known export layouts keep beside their messages (§3.3): indexes, manifests, logs,
/// settings. They are never messages. Those that name a custodian or a folder state (`prefs.js`,
/// `.mh_sequences`, `archive_browser.html`, Vault's `…-results-count.csv`, Apple Mail's stored
/// attachments) are read where the layout rules need them; every one is noted (`input.side-file`).
package struct SideFile: Sendable, Hashable {
    /// What the file is, for the note: `a Thunderbird folder index (Mork .msf)`.
    package var description: String
    /// Whether the layout rules read it (for a custodian, a read state, stored attachments).
    package var isUsed: Bool

    /// The side file a path names, or nil for any other file.
    package static func identify(_ path: LayoutPath) -> SideFile? {
        let name = path.fileName
        let lower = name.lowercased()
        func noted(_ description: String) -> SideFile { SideFile(description: description, isUsed: false) }
        func used(_ description: String) -> SideFile { SideFile(description: description, isUsed: true) }
        if isAppleStoredAttachment(path) { return used("an attachment Apple Mail stored beside its message") }
        switch lower {
        case "prefs.js": return used("Thunderbird preferences (prefs.js: accounts and their addresses)")
        case ".mh_sequences": return used("MH sequences (.mh_sequences: unseen messages)")
        case ".mh_profile": return used("an MH profile (.mh_profile: where the mail folders are)")
        case ".xmhcache", ".mh_cache": return noted("an MH folder cache")
        case "archive_browser.html": return used("a Google Takeout index (archive_browser.html)")
        case "trace.log": return noted("an eDiscovery export log (trace.log)")
        case "results.csv", "manifest.xml", "summary.csv", "locations.csv", "errors.csv", "error.csv", "settings.csv", "statistics.csv":
            return noted("an eDiscovery export report (\(name))")
        case "table_of_contents": return noted("an Apple Mail export index (table_of_contents)")
        case ".ds_store": return noted("Finder metadata (.DS_Store)")
        case "popstate.dat", "msgfilterrules.dat", "panacea.dat", "virtualfolders.dat", "training.dat", "traits.dat", "folders.dat":
            return noted("Thunderbird settings (\(name))")
        case "filterlog.html", "junklog.html": return noted("a Thunderbird filter log (\(name))")
        default: break
        }
        if lower.hasSuffix(".msf") { return noted("a Thunderbird folder index (Mork .msf)") }
        if lower.hasSuffix(".emlxpart") { return noted("a part Apple Mail stored apart from its message (.emlxpart)") }
        if lower.hasSuffix(".plist") { return noted("a property list (\(name))") }
        if lower.hasPrefix("envelope index") { return noted("an Apple Mail index (Envelope Index)") }
        if lower.hasSuffix("-results-count.csv") { return used("a Google Vault account list (\(name))") }
        if lower.hasSuffix("-metadata.xml") { return noted("Google Vault message metadata (\(name))") }
        if lower.hasSuffix("-account-exceptions.csv") || lower.hasSuffix("-group-membership.csv") { return noted("a Google Vault export report (\(name))") }
        if lower.hasPrefix("items_"), lower.hasSuffix(".csv") { return noted("an eDiscovery export report (\(name))") }
        if lower.hasSuffix(".md5") || lower == "checksums" { return noted("a checksum list (\(name))") }
        return nil
    }

    /// Whether the file lies where Apple Mail stores a partial message's attachments: below a `.mbox`
    /// folder, in `Attachments/<message number>/<part>/`.
    package static func isAppleStoredAttachment(_ path: LayoutPath) -> Bool {
        let c = path.components
        guard c.count >= 4, c[c.count - 4] == "Attachments", MHFolder.message(named: c[c.count - 3]).map({ !$0.isRemoved }) == true else { return false }
        return c.dropLast(4).contains { $0.lowercased().hasSuffix(".mbox") }
    }

    /// Names of side files whose content the layout rules read (collected from archives before they
    /// are read).
    package static func isReadByRules<Name: StringProtocol>(_ name: Name) -> Bool {
        // Every file of an export passes here in a run with a state: ASCII names are compared on their
        // bytes, without building a lower-cased copy.
        if let answer = name.utf8.withContiguousStorageIfAvailable({ isReadByRules(ascii: $0) }) ?? isReadByRules(ascii: Array(name.utf8)) {
            return answer
        }
        let lower = name.lowercased()
        return lower == "prefs.js" || lower == ".mh_sequences" || lower == ".mh_profile" || lower == "context"
            || lower == "archive_browser.html" || lower.hasSuffix("-results-count.csv") || lower == "mailfolders.json"
    }

    private static let namesReadByRules: [[UInt8]] = ["prefs.js", ".mh_sequences", ".mh_profile", "context", "archive_browser.html", "mailfolders.json"]
        .map { Array($0.utf8) }
    private static let resultsCountSuffix = Array("-results-count.csv".utf8)

    /// ``isReadByRules(_:)`` of an ASCII name; nil for any other (Unicode lower-casing decides those).
    private static func isReadByRules<Bytes: RandomAccessCollection<UInt8>>(ascii name: Bytes) -> Bool? where Bytes.Index == Int {
        guard name.allSatisfy({ $0 < 0x80 }) else { return nil }
        func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
        func equals(_ candidate: [UInt8], from start: Int) -> Bool {
            candidate.count == name.count - start && candidate.indices.allSatisfy { lower(name[name.startIndex + start + $0]) == candidate[$0] }
        }
        if namesReadByRules.contains(where: { equals($0, from: 0) }) { return true }
        return name.count >= resultsCountSuffix.count && equals(resultsCountSuffix, from: name.count - resultsCountSuffix.count)
    }
}
