/// Text from the evidence written into a YAML file so that it stays what it is (§15): values as
/// double-quoted scalars, comments on one line. An attacker's subject or link can neither end a
/// comment nor a value, nor add a key.
enum YAMLText {
    /// A YAML double-quoted scalar (YAML 1.1 and 1.2): `\` and `"` escaped, every C0 and C1 control,
    /// DEL, the line and paragraph separators, the BOM and non-characters written as escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if needsEscape(scalar) {
                    out += scalar.value <= 0xFF ? "\\x" + hex(scalar.value, 2) : "\\u" + hex(scalar.value, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// One comment line's text: line breaks (CR, LF, NEL, LS, PS) and other controls shown as
    /// `\u{…}`-free markers, so nothing in it can start a new line of the file.
    static func comment(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) || scalar == "\n" || scalar == "\r" || scalar == "\t" {
                out += "[U+" + hex(scalar.value, 4) + "]"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
