/// Byte classes of libxml2 2.9.14's HTML grammar, shared by the sanitizer and the direct reader so that
/// both find names and blanks exactly where libxml2 does.
enum HTMLNameBytes {
    /// `IS_BLANK_CH`: space, tab, line feed, carriage return.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// An ASCII letter (`IS_ASCII_LETTER`).
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// An ASCII upper-case letter lower-cased; any other byte as it is (names are lower-cased so).
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// The first character of a name in `htmlParseHTMLName`: a letter, `_`, `:` or `.`.
    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte == 0x5F || byte == 0x3A || byte == 0x2E
    }

    /// A later character of a name in `htmlParseHTMLName`: also digits and `-`.
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }
}
