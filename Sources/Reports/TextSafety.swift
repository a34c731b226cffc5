/// Makes text from mail or from the investigation file safe to show: as HTML text, or on a terminal.
///
/// Both show what is there instead of letting it act: control characters become visible (in HTML
/// their name, `NUL`, `ESC`, in a marked span; on a terminal their Unicode control picture, `␀`,
/// `␛`), and invisible characters that change how the text
/// around them is displayed (bidi overrides and isolates, zero-width space, BOM) become a visible
/// `[U+202E]` marker, so a right-to-left override in a file name cannot disguise `exe` as `pdf`.
enum TextSafety {
    /// Invisible formatting characters shown as markers: bidi marks, embeddings, overrides and
    /// isolates, the Arabic letter mark, zero-width space, word joiner and invisible operators, BOM.
    /// (ZWJ and ZWNJ are left alone: scripts and emoji need them.)
    static func isInvisibleFormatting(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// The control picture of a C0 control or DEL (`␀`, `␛`, `␡`).
    static func controlPicture(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        if s.value < 0x20 { return Unicode.Scalar(0x2400 + s.value) }
        if s.value == 0x7F { return "\u{2421}" }
        return nil
    }

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

    static func isC1Control(_ s: Unicode.Scalar) -> Bool { (0x80...0x9F).contains(s.value) }

    /// `U+202E`.
    static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// One line for a terminal: every control character (line breaks and ESC included) as its control
    /// picture, C1 controls and invisible formatting as `[U+XXXX]`.
    static func terminal(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if let picture = controlPicture(s) {
                out.unicodeScalars.append(picture)
            } else if isC1Control(s) || isInvisibleFormatting(s) {
                out += "[\(codePoint(s))]"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

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
