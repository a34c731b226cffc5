/// Text from mail, file names or an export made safe for one line of a terminal: what is there is
/// shown instead of acting. Every C0 control (line breaks and ESC included) and DEL become their
/// Unicode control picture (`␀`, `␛`, `␡`), so no escape sequence can recolour, retitle or clear the
/// terminal; C1 controls and invisible formatting characters (bidi overrides and isolates, zero-width
/// space, word joiner, BOM) become a `[U+202E]` marker, so a right-to-left override cannot disguise
/// `exe` as `pdf`.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        // Most text needs nothing: check before building a new string.
        guard text.unicodeScalars.contains(where: { needsEscape($0) }) else { return text }
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

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || s.value == 0x7F || isC1Control(s) || isInvisibleFormatting(s)
    }

    /// Invisible formatting characters shown as markers: bidi marks, embeddings, overrides and
    /// isolates, the Arabic letter mark, zero-width space, word joiner and invisible operators, BOM.
    /// (ZWJ and ZWNJ are left alone: scripts and emoji need them.)
    public static func isInvisibleFormatting(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// The control picture of a C0 control or DEL (`␀`, `␛`, `␡`).
    public static func controlPicture(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        if s.value < 0x20 { return Unicode.Scalar(0x2400 + s.value) }
        if s.value == 0x7F { return "\u{2421}" }
        return nil
    }

    public static func isC1Control(_ s: Unicode.Scalar) -> Bool { (0x80...0x9F).contains(s.value) }

    /// `U+202E`.
    public static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
