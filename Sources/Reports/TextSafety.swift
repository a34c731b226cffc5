import MailModel
/// Makes text from mail or from the investigation file safe to show as HTML (for a terminal, see
/// ``TerminalText``, whose character classes it shares).
///
/// It shows what is there instead of letting it act: control characters become visible by name
/// (`NUL`, `ESC`, in a marked span), and invisible characters that change how the text around them
/// is displayed (bidi overrides and isolates, zero-width space, BOM) become a visible `[U+202E]`
/// marker, so a right-to-left override in a file name cannot disguise `exe` as `pdf`.
enum TextSafety {
    /// The ASCII abbreviation of a C0 control or DEL (`NUL`, `CR`, `ESC`, `DEL`): legible in any font,
    /// unlike control pictures, which many fonts lack.
    static func controlName(_ s: Unicode.Scalar) -> String? {
        if s.value < 0x20 { return c0Names[Int(s.value)] }
        if s.value == 0x7F { return "DEL" }
        return nil
    }

    private static let c0Names = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ]

    /// HTML text: `&`, `<`, `>`, `"` and `'` escaped, so the result is safe both as element text and
    /// inside a quoted attribute. Controls are shown by name (`NUL`, `ESC`) and invisible formatting
    /// by code point (`U+202E`): inside a `<span class="cc">` with `markup`, as `[NUL]` text without
    /// (for `<title>`). With `lineBreaks`, tab, LF and CR are kept (for text shown with
    /// `white-space: pre-wrap`); without, they are shown as `HT`, `LF`, `CR` so a line break hidden in
    /// a subject is visible.
    static func html(_ text: String, lineBreaks: Bool = false, markup: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        func marker(_ shown: String) {
            out += markup ? "<span class=\"cc\">\(shown)</span>" : shown
        }
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if lineBreaks && (s == "\t" || s == "\n" || s == "\r") {
                    out.unicodeScalars.append(s)
                } else if let name = controlName(s) {
                    marker(markup ? name : "[\(name)]")
                } else if TerminalText.isC1Control(s) || TerminalText.isInvisibleFormatting(s) {
                    marker(markup ? TerminalText.codePoint(s) : "[\(TerminalText.codePoint(s))]")
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }
}
