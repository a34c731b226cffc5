import MailModel
/// Makes text from mail or from the investigation file safe to show: as HTML text, or on a terminal.
///
/// Both show what is there instead of letting it act: control characters become visible (in HTML
/// their name, `NUL`, `ESC`, in a marked span; on a terminal their Unicode control picture, `␀`,
/// `␛`), and invisible characters that change how the text
/// around them is displayed (bidi overrides and isolates, zero-width space, BOM) become a visible
/// `[U+202E]` marker, so a right-to-left override in a file name cannot disguise `exe` as `pdf`.
enum TextSafety {
    static func isInvisibleFormatting(_ s: Unicode.Scalar) -> Bool { TerminalText.isInvisibleFormatting(s) }
    static func controlPicture(_ s: Unicode.Scalar) -> Unicode.Scalar? { TerminalText.controlPicture(s) }

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

    static func isC1Control(_ s: Unicode.Scalar) -> Bool { TerminalText.isC1Control(s) }
    static func codePoint(_ s: Unicode.Scalar) -> String { TerminalText.codePoint(s) }

    /// One line for a terminal (``TerminalText/escaped(_:)``).
    static func terminal(_ text: String) -> String { TerminalText.escaped(text) }

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
                } else if isC1Control(s) || isInvisibleFormatting(s) {
                    marker(markup ? codePoint(s) : "[\(codePoint(s))]")
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }
}
