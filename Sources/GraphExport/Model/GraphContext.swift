/// Helpers for OData `@odata.context` (and `@odata.id` / `@odata.nextLink`) URLs.
public enum GraphContext {
    /// The mailbox owner named by a context URL: the key of its `users('...')` segment, URL-decoded
    /// (`%40` → `@`, OData `''` → `'`), e.g. `JohannaL@test-tenant.onmicrosoft.com` from
    /// `…$metadata#users('JohannaL%40test-tenant.onmicrosoft.com')/messages/$entity`. Also reads the
    /// path form `…/users/alice@contoso.com/messages` of request URLs. The key may be a user's object
    /// id (a GUID) rather than an address; it is returned as written (not lower-cased).
    ///
    /// - Returns: `nil` when the URL names no user (`#Me/messages`, `#users/$entity`).
    public static func mailbox(fromContext context: String) -> String? {
        if let key = quotedUserKey(in: context) { return key }
        let decoded = percentDecode(context)
        if decoded != context, let key = quotedUserKey(in: decoded) { return key }
        return pathUserKey(in: decoded)
    }

    /// The entity set a context URL describes, from its last path segment after `#`, without key or
    /// `$select` parentheses and without `/$entity`: `messages`, `mailFolders`, `users`,
    /// `attachments`, `childFolders`, `groups`, `members` ... (as written; compare case-insensitively).
    public static func entitySet(fromContext context: String) -> String? {
        guard let hash = context.lastIndex(of: "#") else { return nil }
        var path = context[context.index(after: hash)...]
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        // Split on '/' outside parentheses.
        var segments: [Substring] = []
        var depth = 0
        var start = path.startIndex
        var i = path.startIndex
        while i < path.endIndex {
            let c = path[i]
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if c == "/" && depth == 0 {
                segments.append(path[start..<i])
                start = path.index(after: i)
            }
            i = path.index(after: i)
        }
        segments.append(path[start...])
        let meaningful = segments.filter { !$0.isEmpty && !$0.hasPrefix("$") }
        guard var last = meaningful.last else { return nil }
        if last.hasPrefix("Collection(") || last.hasPrefix("collection(") {
            last = last.dropFirst("Collection(".count).prefix { $0 != ")" }
            if let dot = last.lastIndex(of: ".") { last = last[last.index(after: dot)...] }
            return String(last)
        }
        if let paren = last.firstIndex(of: "(") { last = last[..<paren] }
        return last.isEmpty ? nil : String(last)
    }

    /// The message whose attachments a context URL describes: an attachments page
    /// (`…#users('a%40b.example')/messages('AAMk…')/attachments`, also folder-scoped
    /// `…/mailFolders('inbox')/messages('…')/attachments`) or one attachment
    /// (`…/messages('…')/attachments/$entity`, `…/attachments('…')`). Also reads the path form
    /// `…/users/a@b.example/messages/AAMk…/attachments` of request URLs. The message id is
    /// percent-decoded and OData quote doubling undone (ids are case-sensitive: kept as written).
    ///
    /// - Returns: `nil` when the URL does not describe attachments of a message.
    public static func attachmentsOwner(fromContext context: String) -> GraphAttachmentsOwner? {
        guard let hash = context.utf8.lastIndex(of: UInt8(ascii: "#")).map({ context.utf8.index(after: $0) }) ?? context.utf8.firstRange(of: "/users/".utf8)?.lowerBound
        else { return nil }
        let path = Array(context.utf8[hash...])
        // The last `messages('KEY')` or `messages/KEY` followed by `/attachments`.
        let lower = path.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        let needle = Array("messages".utf8)
        var found: String?
        var i = 0
        while i + needle.count < lower.count {
            guard lower[i..<(i + needle.count)].elementsEqual(needle), i == 0 || !isWordByte(lower[i - 1]) else {
                i += 1
                continue
            }
            var j = i + needle.count
            var key: [UInt8] = []
            if lower[j] == UInt8(ascii: "("), j + 1 < lower.count, lower[j + 1] == UInt8(ascii: "'") {
                j += 2
                var closed = false
                while j < path.count {
                    if path[j] == UInt8(ascii: "'") {
                        if j + 1 < path.count, path[j + 1] == UInt8(ascii: "'") {
                            key.append(UInt8(ascii: "'"))
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    key.append(path[j])
                    j += 1
                }
                guard closed, j + 1 < path.count, path[j + 1] == UInt8(ascii: ")") else { i += 1; continue }
                j += 2
            } else if lower[j] == UInt8(ascii: "/") {
                j += 1
                while j < path.count, path[j] != UInt8(ascii: "/"), path[j] != UInt8(ascii: "?") {
                    key.append(path[j])
                    j += 1
                }
            } else {
                i += 1
                continue
            }
            let rest = Array("/attachments".utf8)
            if !key.isEmpty, j + rest.count <= lower.count, lower[j..<(j + rest.count)].elementsEqual(rest),
                j + rest.count == lower.count || !isWordByte(lower[j + rest.count])
            {
                found = percentDecode(String(decoding: key, as: UTF8.self))
            }
            i = j
        }
        guard let found else { return nil }
        return GraphAttachmentsOwner(mailbox: mailbox(fromContext: context), messageID: found)
    }

    /// Decodes `%XX` escapes (invalid escapes are kept as they are).
    public static func percentDecode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hexDigit(bytes[i + 1]), let l = hexDigit(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The key of `users('...')` (case-insensitive `users`), OData quote doubling undone, percent-decoded.
    private static func quotedUserKey(in text: String) -> String? {
        let chars = Array(text.utf8)
        let needle = Array("users('".utf8)
        var i = 0
        while i + needle.count <= chars.count {
            var match = true
            for k in 0..<needle.count where chars[i + k] | (k < 5 ? 0x20 : 0) != needle[k] {
                match = false
                break
            }
            // "users" must not be the tail of a longer word.
            if match, i > 0, isWordByte(chars[i - 1]) { match = false }
            if match {
                var j = i + needle.count
                var key: [UInt8] = []
                while j < chars.count {
                    if chars[j] == UInt8(ascii: "'") {
                        if j + 1 < chars.count, chars[j + 1] == UInt8(ascii: "'") {
                            key.append(UInt8(ascii: "'"))
                            j += 2
                            continue
                        }
                        break
                    }
                    key.append(chars[j])
                    j += 1
                }
                if j < chars.count, !key.isEmpty {
                    return percentDecode(String(decoding: key, as: UTF8.self))
                }
            }
            i += 1
        }
        return nil
    }

    /// The segment after `/users/` in a request URL path.
    private static func pathUserKey(in text: String) -> String? {
        let lower = text.lowercased()
        guard let range = lower.firstRange(of: "/users/") else { return nil }
        let offset = lower.utf8.distance(from: lower.startIndex, to: range.upperBound)
        let rest = text.utf8.dropFirst(offset)
        let segment = rest.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        guard !segment.isEmpty, segment.first != UInt8(ascii: "$") else { return nil }
        return String(decoding: segment, as: UTF8.self)
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }
}
