/// Recognises mailbox identities in folder and file names (§3.2, §3.3). Graph `@odata.context` owners
/// are read by `GraphContext.mailbox(fromContext:)`.
package enum MailboxName {
    /// Whether a folder name is an address or UPN (`local@domain.tld`), the convention for mailbox folders:
    /// one `@`, a dot inside the domain, no white space and none of `/()<>[],;:"`.
    package static func isAddress(_ name: String) -> Bool {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !name.contains { " /()<>[],;:\"".contains($0) }
    }

    /// The mailbox a folder name stands for: an address (`alice@corp.example`), or an address followed
    /// by a parenthesised qualifier naming a part of the mailbox, as Purview eDiscovery exports name
    /// their folders: `alice@corp.example (Primary)`, `(Archive)`, `(Online Archive)`. The address is
    /// lower-cased; the qualifier is kept as written (`Primary`). Nil for any other name.
    package static func parse(folder name: String) -> (address: String, part: String?)? {
        if isAddress(name) { return (name.lowercased(), nil) }
        guard name.hasSuffix(")"), let open = name.firstIndex(of: "(") else { return nil }
        var address = Substring(name[..<open])
        guard address.last == " " else { return nil }
        while address.last == " " { address.removeLast() }
        let qualifier = name[name.index(after: open) ..< name.index(before: name.endIndex)].trimmingCharacters(" ")
        guard isAddress(String(address)), !qualifier.isEmpty, !qualifier.contains("("), !qualifier.contains(")") else { return nil }
        return (address.lowercased(), String(qualifier))
    }

    /// The address a file's name begins with, as exporters name one file per account
    /// (`alice@corp.example.mbox`, `alice@corp.example-20240101.mbox`, `alice@corp.example_1.mbox`): the
    /// longest `local@domain` prefix whose last domain label is letters only. Nil when the name does not
    /// start with an address.
    package static func address(prefixing fileName: String) -> String? {
        let bytes = Array(fileName.utf8)
        guard let at = bytes.firstIndex(of: 0x40), at > 0 else { return nil }
        for b in bytes[..<at] where !isLocalPartByte(b) { return nil }
        // Domain labels: letters, digits and '-', separated by '.'.
        var labels: [[UInt8]] = [[]]
        var i = at + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2E {
                labels.append([])
            } else if isAlnum(b) || b == 0x2D {
                labels[labels.count - 1].append(b)
            } else {
                break
            }
            i += 1
        }
        // The top-level label is letters only: `example-20240101` ends at the '-'. A label that is a
        // file extension (`alice@corp.example.mbox`) ends the name, not the domain.
        while labels.count >= 2 {
            let top = labels[labels.count - 1].prefix { isAlpha($0) }
            let topText = String(decoding: top, as: UTF8.self).lowercased()
            if top.count >= 2, !fileExtensions.contains(topText), labels.dropLast().allSatisfy({ !$0.isEmpty }) {
                let domain = labels.dropLast().map { String(decoding: $0, as: UTF8.self) } + [topText]
                return (String(decoding: bytes[..<at], as: UTF8.self) + "@" + domain.joined(separator: ".")).lowercased()
            }
            labels.removeLast()
        }
        return nil
    }

    /// Extensions that end a file name rather than a domain (`alice@corp.example.mbox`).
    private static let fileExtensions: Set<String> = ["mbox", "mbx", "eml", "emlx", "txt", "json", "jsonl", "gz", "zip", "tar", "tgz", "xz", "bz", "pst", "msg", "csv", "xml", "log", "html", "htm"]

    private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isAlnum(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }
    private static func isLocalPartByte(_ b: UInt8) -> Bool {
        isAlnum(b) || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2B || b == 0x27
    }
}

extension Substring {
    /// The text without leading and trailing `c`.
    func trimmingCharacters(_ c: Character) -> Substring {
        var s = self
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return s
    }
}
