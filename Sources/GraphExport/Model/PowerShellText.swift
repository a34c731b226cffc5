/// Recognises what Windows PowerShell's `ConvertTo-Json` writes when it runs out of depth, and
/// recovers what it can from it.
///
/// Past `-Depth` (default 2) an object becomes its `ToString()`: a type name
/// (`System.Collections.Hashtable`, `Microsoft.Graph.PowerShell.Models.MicrosoftGraphRecipient`,
/// `System.Object[]`), a generated model's `class X {\n  Address: ...\n}` rendering, or a
/// PSCustomObject's `@{name=...; address=...}`. A list can become those strings joined by spaces.
public enum PowerShellText {
    /// Whether `text` looks like one of the renderings above (rather than data).
    public static func looksTruncated(_ text: String) -> Bool {
        let t = text.trimmingASCIIWhitespace()
        if t.hasPrefix("@{") && t.hasSuffix("}") { return true }
        if t.hasPrefix("class ") && t.contains("{") { return true }
        if t.hasPrefix("System.") || t.hasPrefix("Microsoft.Graph.") || t.hasPrefix("Microsoft.Graph.PowerShell.") {
            // A type name (possibly several, space-separated), no spaces inside a name.
            return !t.contains("\n")
        }
        return false
    }

    /// The value of `key` in a `@{key=value; ...}` or `class X { Key: value }` rendering (the first
    /// occurrence, matched case-insensitively; nested renderings are searched too).
    public static func field(_ key: String, in text: String) -> String? {
        fields(key, in: text).first
    }

    /// Every value of `key` (in order) in the rendering.
    public static func fields(_ key: String, in text: String) -> [String] {
        let bytes = Array(text.utf8)
        let k = Array(key.lowercased().utf8)
        var results: [String] = []
        var i = 0
        while i + k.count < bytes.count {
            // A key starts after '{', ';', white space or the start.
            let boundary = i == 0 || [UInt8(ascii: "{"), UInt8(ascii: ";"), 0x20, 0x0A, 0x09, 0x0D].contains(bytes[i - 1])
            var match = boundary
            if match {
                for j in 0..<k.count where bytes[i + j] | (isLetter(bytes[i + j]) ? 0x20 : 0) != k[j] {
                    match = false
                    break
                }
            }
            if match {
                var j = i + k.count
                let separator = bytes[j]
                if separator == UInt8(ascii: "=") {
                    j += 1
                    let start = j
                    while j < bytes.count, bytes[j] != UInt8(ascii: ";"), bytes[j] != UInt8(ascii: "}") { j += 1 }
                    let value = String(decoding: bytes[start..<j], as: UTF8.self).trimmingASCIIWhitespace()
                    if !value.isEmpty, !value.hasPrefix("@{") { results.append(value) }
                    i = j
                    continue
                } else if separator == UInt8(ascii: ":") {
                    j += 1
                    let start = j
                    while j < bytes.count, bytes[j] != 0x0A, bytes[j] != 0x0D, bytes[j] != UInt8(ascii: "}") { j += 1 }
                    let value = String(decoding: bytes[start..<j], as: UTF8.self).trimmingASCIIWhitespace()
                    if !value.isEmpty { results.append(value) }
                    i = j
                    continue
                }
            }
            i += 1
        }
        return results
    }

    /// Splits a list rendered as one string into its `@{...}` items (top-level braces only).
    static func hashtableItems(_ text: String) -> [String] {
        var items: [String] = []
        let bytes = Array(text.utf8)
        var depth = 0
        var start = -1
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "@"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
                if depth == 0 { start = i }
                depth += 1
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "}"), depth > 0 {
                depth -= 1
                if depth == 0, start >= 0 {
                    items.append(String(decoding: bytes[start...i], as: UTF8.self))
                    start = -1
                }
            }
            i += 1
        }
        return items
    }

    /// A short excerpt of `text` for messages.
    static func clip(_ text: String, _ limit: Int = 80) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit)) + "…"
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}

extension String {
    /// The string without leading and trailing ASCII white space.
    func trimmingASCIIWhitespace() -> String {
        let u = utf8
        guard let first = u.firstIndex(where: { !isASCIISpace($0) }) else { return "" }
        let last = u.lastIndex(where: { !isASCIISpace($0) })!
        return String(self[first...last])
    }
}

@inline(__always)
func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C }
