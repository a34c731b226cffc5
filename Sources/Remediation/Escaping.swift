/// Every value in a plan comes from evidence an attacker wrote (Message-IDs, addresses, folder names,
/// ids): each is escaped for the one context it goes into, so no crafted value can add a command, a
/// request or widen a search (§16).
public enum Escaping {
    /// A URL path segment (RFC 3986 §3.3): every byte outside the unreserved set (`A-Z a-z 0-9 - . _ ~`)
    /// percent-encoded, so `/`, `?`, `#`, `%`, `..` and spaces stay inside the segment.
    public static func pathSegment(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + hex(UInt32(byte), 2)
            }
        }
        // A segment of only dots would climb the path: encode them too.
        if !out.isEmpty && out.allSatisfy({ $0 == "." }) { out = String(repeating: "%2E", count: out.count) }
        return out
    }

    /// An OData string literal (`'...'`, a quote doubled), for `$filter` expressions.
    public static func odataString(_ value: String) -> String {
        "'" + value.replacingAll("'", with: "''") + "'"
    }

    /// A PowerShell expression whose value is exactly `value`, never interpolated: a single-quoted
    /// string with every single quote doubled — PowerShell also takes the typographic quotes U+2018,
    /// U+2019, U+201A and U+201B as single quotes, so they are doubled too. Control characters, DEL,
    /// C1 controls and the Unicode line and paragraph separators are written as `[char]0x..` joined
    /// with `+`, so the script's lines stay the script's.
    public static func powerShell(_ value: String) -> String {
        var pieces: [String] = []
        var literal = ""
        var inLiteral = false
        for scalar in value.unicodeScalars {
            if isControl(scalar) {
                if inLiteral { pieces.append("'" + literal + "'") }
                literal = ""
                inLiteral = false
                pieces.append("[char]0x" + hex(scalar.value, 4))
                continue
            }
            inLiteral = true
            if singleQuotes.contains(scalar.value) { literal.unicodeScalars.append(scalar) }
            literal.unicodeScalars.append(scalar)
        }
        if inLiteral || pieces.isEmpty { pieces.append("'" + literal + "'") }
        return pieces.count == 1 ? pieces[0] : "(" + pieces.joined(separator: " + ") + ")"
    }

    /// A KQL phrase for a Purview content search: the value in double quotes. `nil` when the value holds
    /// a character a phrase cannot carry safely (a double quote, a backslash, the `*` wildcard, white
    /// space, a control or non-ASCII character): such an item is listed, never searched for, so no
    /// value can end the phrase and add `OR *`.
    public static func kqlPhrase(_ value: String) -> String? {
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"\"\\*".unicodeScalars.contains($0) })
        else { return nil }
        return "\"" + value + "\""
    }

    /// Text from the evidence in a `#` comment line of a script: controls and line separators shown as
    /// `[U+000A]`, so the comment ends where the line ends.
    public static func commentText(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if isControl(scalar) { out += "[U+" + hex(scalar.value, 4) + "]" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static let singleQuotes: Set<UInt32> = [0x27, 0x2018, 0x2019, 0x201A, 0x201B]

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
