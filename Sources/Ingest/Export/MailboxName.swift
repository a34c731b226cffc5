/// Recognises mailbox identities (§3.2): addresses and UPNs in folder names and in Graph
/// `@odata.context` URLs.
package enum MailboxName {
    /// Whether a folder name is an address or UPN (`local@domain.tld`), the convention for mailbox folders.
    package static func isAddress(_ name: String) -> Bool {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !name.contains(" ") && !name.contains("/")
    }

    /// The mailbox named by the `users('...')` segment of an `@odata.context` URL, URL-decoded and
    /// lower-cased (`.../$metadata#users('alice%40contoso.com')/messages` → `alice@contoso.com`).
    package static func fromODataContext(_ context: String) -> String? {
        let lower = context.lowercased()
        guard let start = lower.range(ofBytes: "users('") else { return nil }
        let after = context.utf8.index(context.utf8.startIndex, offsetBy: start.upperBound)
        let rest = context.utf8[after...]
        guard let quote = rest.firstIndex(of: 0x27) else { return nil }
        let raw = String(decoding: rest[..<quote], as: UTF8.self)
        let decoded = percentDecoded(raw).lowercased()
        return decoded.isEmpty ? nil : decoded
    }

    /// `%XX` escapes decoded as UTF-8 (invalid escapes kept literally).
    package static func percentDecoded(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}

extension String {
    /// Byte offsets of the first occurrence of `needle` in the UTF-8 of this string.
    func range(ofBytes needle: String) -> Range<Int>? {
        let hay = Array(utf8)
        let n = Array(needle.utf8)
        guard !n.isEmpty, hay.count >= n.count else { return nil }
        var i = 0
        while i + n.count <= hay.count {
            if hay[i] == n[0], Array(hay[i..<(i + n.count)]) == n { return i..<(i + n.count) }
            i += 1
        }
        return nil
    }
}
