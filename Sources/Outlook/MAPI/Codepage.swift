import MIME

/// Windows code pages (MS-OXCDATA, MS-UCODEREF) as the charsets that decode them, and the decoding of
/// MAPI strings: `PT_UNICODE` is UTF-16LE, `PT_STRING8` is in the message's code page.
public enum Codepage {
    /// The charset label for a Windows code page (`1252` → `windows-1252`, `65001` → `utf-8`).
    public static func charset(_ codepage: Int) -> String {
        switch codepage {
        case 65001: "utf-8"
        case 65000: "utf-7"
        case 1200: "utf-16le"
        case 1201: "utf-16be"
        case 20127: "us-ascii"
        case 28591...28599: "iso-8859-\(codepage - 28590)"
        case 28603: "iso-8859-13"
        case 28605: "iso-8859-15"
        case 50220, 50221, 50222: "iso-2022-jp"
        case 50225: "iso-2022-kr"
        case 51932, 20932: "euc-jp"
        case 51936: "gb2312"
        case 51949: "euc-kr"
        case 52936: "hz-gb-2312"
        case 54936: "gb18030"
        case 20866: "koi8-r"
        case 21866: "koi8-u"
        case 932: "shift_jis"
        case 936: "gbk"
        case 949: "cp949"
        case 950: "big5"
        case 10000: "macintosh"
        case 1250...1258: "windows-\(codepage)"
        case 874: "windows-874"
        default: "cp\(codepage)"
        }
    }

    /// UTF-16LE bytes as text, up to the first NUL (MAPI strings may carry their terminator); an odd
    /// trailing byte and unpaired surrogates become U+FFFD.
    public static func utf16LE(_ bytes: ArraySlice<UInt8>) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let unit = UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
            if unit == 0 { break }
            units.append(unit)
            i += 2
        }
        var text = String(decoding: units, as: UTF16.self)
        if i + 1 == bytes.endIndex, bytes[i] != 0 { text.append("\u{FFFD}") }
        return text
    }

    /// 8-bit bytes in `codepage`, up to the first NUL. Bytes the code page cannot read become U+FFFD.
    public static func decode(_ bytes: ArraySlice<UInt8>, codepage: Int) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        let text = bytes[bytes.startIndex ..< end]
        if CharsetDecoder.isASCII(text) { return String(decoding: text, as: UTF8.self) }
        var defects = DefectCollector()
        return CharsetDecoder.decode(text, charset: charset(codepage), defects: &defects)
    }

    /// Bytes in the charset of `codepage` (an HTML body), whole (NULs included).
    public static func decodeText(_ bytes: [UInt8], codepage: Int?) -> String {
        var defects = DefectCollector()
        guard let codepage else { return CharsetDecoder.decodeFallback(bytes[...]) }
        return CharsetDecoder.decode(bytes[...], charset: charset(codepage), defects: &defects)
    }
}
