/// Message identifiers: `Message-ID`, `In-Reply-To` and `References` (RFC 5322 §3.6.4).
///
///     msg-id   = [CFWS] "<" id-left "@" id-right ">" [CFWS]
///     id-left  = dot-atom-text / obs-id-left        obs-id-left  = local-part
///     id-right = dot-atom-text / no-fold-literal / obs-id-right    obs-id-right = domain
///
/// The obsolete forms (§4.5.4) allow white space and comments around the words and dots of either
/// side (`<abc@ host.example >`, `<abc (x) @host.example>`); they are removed, as GMime removes them,
/// so the identifier is `abc@host.example` however it was folded; junk after a complete id-right is
/// dropped. An identifier that does not even start as obsolete syntax (`<a b@host>`, `<abc>`, no
/// brackets) is kept as written, as GMime and CPython keep it.
public enum MessageIDParser {
    typealias Input = ArraySlice<UInt8>
    private typealias Lexer = RFC5322Lexer

    /// The identifier of a `Message-ID` field body, without angle brackets: the first `<...>` after
    /// optional CFWS, else the value as written. Nil when empty.
    public static func messageID(_ raw: ArraySlice<UInt8>) -> String? {
        let value = ArraySlice(HeaderField.unfold(raw))
        let i = Lexer.parseCFWS(value, value.startIndex).end
        if i < value.endIndex, value[i] == UInt8(ascii: "<"), let id = obsoleteID(inside: bracketed(value, i).content) {
            return id.isEmpty ? nil : String(decoding: id, as: UTF8.self)
        }
        let written = asWritten(value)
        return written.isEmpty ? nil : String(decoding: written, as: UTF8.self)
    }

    /// The identifiers of an `In-Reply-To` or `References` field body (`1*msg-id`, or the obsolete
    /// `*(phrase / msg-id)`), without angle brackets, in order. Phrases between identifiers are
    /// skipped; a field without any `<` is read as white-space separated identifiers holding an `@`.
    public static func messageIDs(_ raw: ArraySlice<UInt8>) -> [String] {
        let value = ArraySlice(HeaderField.unfold(raw))
        guard value.contains(UInt8(ascii: "<")) else {
            return value.split(whereSeparator: Lexer.isWhitespace)
                .filter { $0.contains(UInt8(ascii: "@")) }
                .map { String(decoding: $0, as: UTF8.self) }
        }
        var ids: [String] = []
        var scratch: [UInt8] = []
        var i = value.startIndex
        while true {
            i = Lexer.parseCFWS(value, i).end
            guard i < value.endIndex else { break }
            switch value[i] {
            case UInt8(ascii: "<"):
                let (content, next) = bracketed(value, i)
                let id = obsoleteID(inside: content) ?? asWritten(content)
                if !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
                i = next
            case UInt8(ascii: "\""):
                i = Lexer.parseQuotedString(value, i, into: &scratch).end
            default:
                // A phrase word (obsolete syntax) or a stray byte.
                i += 1
                while i < value.endIndex, !Lexer.isWhitespace(value[i]), value[i] != UInt8(ascii: "<"), value[i] != UInt8(ascii: "(") { i += 1 }
            }
        }
        return ids
    }

    /// The content between `<` at `start` and the first `>` after it outside quoted strings (or the
    /// end of the value, when none closes it), and the index after the `>`.
    static func bracketed(_ s: Input, _ start: Int) -> (content: Input, end: Int) {
        var j = start + 1
        var inQuotes = false
        while j < s.endIndex {
            let c = s[j]
            if c == UInt8(ascii: "\\"), inQuotes {
                j += 2
                continue
            }
            if c == UInt8(ascii: "\"") { inQuotes.toggle() } else if c == UInt8(ascii: ">"), !inQuotes {
                return (s[(start + 1)..<j], j + 1)
            }
            j += 1
        }
        return (s[min(start + 1, s.endIndex)...], s.endIndex)
    }

    /// `obs-id-left "@" obs-id-right` with CFWS allowed around every word and dot; the identifier with
    /// the CFWS removed, or nil when `content` does not start with that syntax.
    static func obsoleteID(inside content: Input) -> [UInt8]? {
        var out: [UInt8] = []
        var scratch: [UInt8] = []
        var i = Lexer.parseCFWS(content, content.startIndex).end
        // obs-local-part = word *("." word)
        while true {
            guard i < content.endIndex else { return nil }
            if content[i] == UInt8(ascii: "\"") {
                let quoted = Lexer.parseQuotedString(content, i, into: &scratch)
                guard quoted.closed else { return nil }
                out += content[i..<quoted.end]
                i = quoted.end
            } else {
                let atomEnd = Lexer.parseAtext(content, i)
                guard atomEnd > i else { return nil }
                out += content[i..<atomEnd]
                i = atomEnd
            }
            i = Lexer.parseCFWS(content, i).end
            guard i < content.endIndex, content[i] == UInt8(ascii: ".") else { break }
            out.append(UInt8(ascii: "."))
            i = Lexer.parseCFWS(content, i + 1).end
        }
        guard i < content.endIndex, content[i] == UInt8(ascii: "@") else { return nil }
        out.append(UInt8(ascii: "@"))
        i = Lexer.parseCFWS(content, i + 1).end
        guard i < content.endIndex else { return nil }
        if content[i] == UInt8(ascii: "[") {
            let literal = Lexer.parseDomainLiteral(content, i, into: &out)
            guard literal.closed else { return nil }
            i = literal.end
        } else {
            // obs-domain = atom *("." atom)
            while true {
                let atomEnd = Lexer.parseAtext(content, i)
                guard atomEnd > i else { return nil }
                out += content[i..<atomEnd]
                i = Lexer.parseCFWS(content, atomEnd).end
                guard i < content.endIndex, content[i] == UInt8(ascii: ".") else { break }
                out.append(UInt8(ascii: "."))
                i = Lexer.parseCFWS(content, i + 1).end
            }
        }
        // What follows a complete id-right (`@Received: from ...`, a second `@`) is junk, dropped as
        // GMime and CPython drop it.
        return out
    }

    /// A broken identifier as written: surrounding angle brackets and white space removed; `id-right`
    /// ends at a second `@` outside a quoted `id-left` (as GMime and CPython cut it).
    static func asWritten(_ raw: Input) -> [UInt8] {
        var value = raw
        while let first = value.first, first == 0x3C { value.removeFirst() }
        while let last = value.last, last == 0x3E { value.removeLast() }
        while let first = value.first, Lexer.isWhitespace(first) { value.removeFirst() }
        while let last = value.last, Lexer.isWhitespace(last) { value.removeLast() }
        var inQuotes = false
        var seenAt = false
        var i = value.startIndex
        while i < value.endIndex {
            let c = value[i]
            if c == 0x22 { inQuotes.toggle() } else if c == 0x40, !inQuotes {
                if seenAt { value = value[..<i]; break }
                seenAt = true
            }
            i += 1
        }
        return Array(value)
    }
}
