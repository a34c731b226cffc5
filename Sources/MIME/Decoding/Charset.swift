internal import Synchronization

/// A character set named by a MIME `charset` parameter or an encoded word, resolved from the label
/// found in mail to the converter that reads it.
///
/// Labels are matched loosely, the way mail needs: case, quotes, a trailing `;` or comment, an RFC 2231
/// or RFC 2184 language suffix (`utf-8*en`) and the punctuation between letters and digits do not
/// matter (`UTF8`, `utf_8`, `"utf-8"`, `utf-8;` all name UTF-8). A table of aliases maps the labels
/// mail clients actually write to the converter that decodes them best (`ks_c_5601-1987` is CP949,
/// `gb2312` is read as its superset GB18030); other names are tried with iconv.
public struct Charset: Sendable, Hashable, CustomStringConvertible {
    /// How bytes in the charset are converted.
    public enum Kind: Sendable, Hashable {
        /// US-ASCII; 8-bit bytes are read with the fallback (see ``CharsetDecoder``).
        case ascii
        /// UTF-8, read natively.
        case utf8
        /// ISO-8859-1, read natively (each byte is the code point of the same value).
        case latin1
        /// windows-1252, read natively; its five undefined bytes map to the C1 controls.
        case windows1252
        /// Any other charset, converted with iconv under this name.
        case iconv(String)
    }

    /// The converter.
    public let kind: Kind

    /// The canonical name (`UTF-8`, `windows-1252`, or the iconv name).
    public var name: String {
        switch kind {
        case .ascii: return "US-ASCII"
        case .utf8: return "UTF-8"
        case .latin1: return "ISO-8859-1"
        case .windows1252: return "windows-1252"
        case .iconv(let name): return name
        }
    }

    public var description: String { name }

    /// Whether ASCII bytes mean ASCII characters in this charset, so pure-ASCII text needs no conversion
    /// (not so in UTF-7, UTF-16/32, the ISO-2022 family with its escapes, HZ or EBCDIC).
    var isASCIICompatible: Bool {
        guard case .iconv(let name) = kind else { return true }
        return !(name.hasPrefix("UTF-7") || name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name.hasPrefix("UCS")
            || name.hasPrefix("ISO-2022") || name.hasPrefix("HZ") || name.hasPrefix("UNICODE") || name.hasPrefix("CP1026")
            || name.hasPrefix("IBM") || name.hasPrefix("EBCDIC"))
    }

    public init(kind: Kind) { self.kind = kind }

    public static let ascii = Charset(kind: .ascii)
    public static let utf8 = Charset(kind: .utf8)
    public static let latin1 = Charset(kind: .latin1)
    public static let windows1252 = Charset(kind: .windows1252)

    /// What a label names.
    public enum Resolution: Sendable, Hashable {
        /// A charset we can convert.
        case known(Charset)
        /// A placeholder that names no charset (`unknown-8bit`, `x-user-defined`, `default`, ...).
        case bogus
        /// A name we do not know and iconv does not either (or no name at all).
        case unknown
    }

    /// The charset a label names, or `nil` when it is unknown or bogus.
    public static func resolve(_ label: some StringProtocol) -> Charset? {
        if case .known(let charset) = resolution(of: label) { return charset }
        return nil
    }

    /// Resolves a label (see the type's discussion for how loosely labels are matched).
    public static func resolution(of label: some StringProtocol) -> Resolution {
        guard let cleaned = clean(label) else { return .unknown }
        let key = aliasKey(cleaned)
        if let entry = aliases[key] { return entry }
        if key.isEmpty || key.count > 40 { return .unknown }
        // Not in the table: ask iconv once per name, and remember the answer.
        if let cached = cache.withLock({ $0[cleaned] }) { return cached }
        let resolved: Resolution = CharsetDecoder.iconvSupports(cleaned) ? .known(Charset(kind: .iconv(cleaned.uppercased()))) : .unknown
        cache.withLock { cache in
            if cache.count >= 512 { cache.removeAll(keepingCapacity: true) }
            cache[cleaned] = resolved
        }
        return resolved
    }

    /// Answers for names outside the alias table, shared by all threads.
    private static let cache = Mutex<[String: Resolution]>([:])

    /// The label with quotes, trailing parameters or comments, a language suffix and iconv option
    /// suffixes (`//TRANSLIT`) removed, in lower case; `nil` when nothing usable is left.
    ///
    /// RFC 2231 §5 (and RFC 2184): `charset*language` in encoded words; RFC 2045 §5.1 `value := token /
    /// quoted-string`, where the parser may have left the quotes or a trailing `;` in place.
    static func clean(_ label: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var started = false
        for b in label.utf8 {
            // Leading white space and quotes are skipped; double quotes anywhere.
            if b == 0x22 || (!started && (b == 0x27 || b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A)) { continue }
            // Stop at whatever cannot be part of a charset name: ';', ',', '(', '*', '/', '\'' (RFC 2231
            // `charset'language'`), white space.
            if b == 0x3B || b == 0x2C || b == 0x28 || b == 0x2A || b == 0x2F || b == 0x27 || b == 0x20 || b == 0x09
                || b == 0x0D || b == 0x0A {
                break
            }
            // iconv accepts only these characters; anything else makes the label unknown.
            let isAlnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            guard isAlnum || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A || b == 0x2B else { return nil }
            started = true
            bytes.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        while let last = bytes.last, last == 0x2E || last == 0x2D || last == 0x5F || last == 0x3A { bytes.removeLast() }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// The key of the alias table: lower-case letters and digits only.
    static func aliasKey(_ cleaned: String) -> String {
        // `clean` already lowered the case; drop the punctuation.
        let bytes = cleaned.utf8.filter { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
        return bytes.count == cleaned.utf8.count ? cleaned : String(decoding: bytes, as: UTF8.self)
    }

    /// Every alias the table knows, mapped to what it names (keys as made by ``aliasKey(_:)``).
    static let aliases: [String: Resolution] = {
        var table: [String: Resolution] = [:]
        func add(_ resolution: Resolution, _ keys: [String]) {
            for key in keys { table[key] = resolution }
        }
        func iconv(_ name: String) -> Resolution { .known(Charset(kind: .iconv(name))) }
        add(.known(.ascii), ["usascii", "ascii", "ansix341968", "ansix341986", "iso646us", "iso646irv1991", "us",
                             "cp367", "ibm367", "csascii", "isoir6", "646"])
        add(.known(.utf8), ["utf8", "unicode11utf8", "unicode20utf8", "xunicode20utf8", "utf8mb4"])
        add(.known(.latin1), ["iso88591", "latin1", "l1", "isoir100", "cp819", "ibm819", "csisolatin1",
                              "iso885911987", "88591", "isolatin1", "iso8859"])
        add(.known(.windows1252), ["windows1252", "cp1252", "xcp1252", "mswindows1252", "winlatin1", "ibm1252"])
        // Korean: CP949 is a superset of EUC-KR (KS C 5601), decoding both.
        add(iconv("CP949"), ["ksc56011987", "ksc5601", "ksc56011989", "csksc56011987", "isoir149", "korean", "euckr",
                             "cseuckr", "xeuckr", "cp949", "uhc", "windows949", "xwindows949", "mscp949", "ksx1001"])
        // Japanese: CP932 agrees with CPython's shift_jis on more characters than glibc's SJIS does.
        add(iconv("CP932"), ["shiftjis", "xsjis", "sjis", "csshiftjis", "mskanji", "windows31j", "cp932",
                             "xmscp932", "mscp932", "ibm943"])
        add(iconv("EUC-JP"), ["eucjp", "xeucjp", "cseucpkdfmtjapanese", "ujis"])
        add(iconv("ISO-2022-JP"), ["iso2022jp", "csiso2022jp", "jis"])
        add(iconv("ISO-2022-JP-2"), ["iso2022jp2", "csiso2022jp2"])
        add(iconv("ISO-2022-KR"), ["iso2022kr", "csiso2022kr"])
        // Chinese: GB18030 is a superset of GBK and GB2312.
        add(iconv("GB18030"), ["gb2312", "gbk", "xgbk", "chinese", "cp936", "ms936", "windows936", "euccn", "xeuccn",
                               "csgb2312", "gb231280", "isoir58", "csiso58gb231280", "gb18030"])
        add(iconv("BIG5-HKSCS"), ["big5", "big5hkscs", "cnbig5", "xxbig5", "xbig5", "csbig5", "cp950", "big5tw"])
        // Thai.
        add(iconv("CP874"), ["windows874", "cp874", "ibm874", "xwindows874", "dos874"])
        add(iconv("TIS-620"), ["tis620", "tis6200", "tis62025291", "tis62025330"])
        // Cyrillic.
        add(iconv("KOI8-R"), ["koi8r", "cskoi8r", "koi", "koi8"])
        add(iconv("KOI8-U"), ["koi8u"])
        add(iconv("KOI8-RU"), ["koi8ru"])
        // Macintosh.
        add(iconv("MACINTOSH"), ["macintosh", "mac", "macroman", "xmacroman", "csmacintosh"])
        add(iconv("MAC-CYRILLIC"), ["xmaccyrillic", "maccyrillic"])
        add(iconv("MACUKRAINIAN"), ["xmacukrainian", "macukrainian"])
        add(iconv("MAC-CENTRALEUROPE"), ["xmacce", "xmaccentraleurope", "maccentraleurope", "macce"])
        add(iconv("MAC-IS"), ["xmacicelandic", "macicelandic", "macis"])
        // UTF-7 and other Unicode forms.
        add(iconv("UTF-7"), ["utf7", "unicode11utf7", "csunicode11utf7", "xunicode20utf7"])
        add(iconv("UTF-16"), ["utf16", "unicode", "csunicode"])
        add(iconv("UTF-16LE"), ["utf16le"])
        add(iconv("UTF-16BE"), ["utf16be", "unicodefffe"])
        add(iconv("UTF-32"), ["utf32"])
        add(iconv("UTF-32LE"), ["utf32le"])
        add(iconv("UTF-32BE"), ["utf32be"])
        // Hebrew and Arabic "logical"/"explicit" variants carry the same bytes as the base charset.
        add(iconv("ISO-8859-8"), ["iso88598", "iso88598i", "iso88598e", "csiso88598i", "csiso88598e", "hebrew",
                                  "csisolatinhebrew"])
        add(iconv("ISO-8859-6"), ["iso88596", "iso88596i", "iso88596e", "csiso88596i", "csiso88596e", "arabic"])
        // The other ISO-8859 parts and Windows code pages, named directly so iconv is asked once.
        for part in [2, 3, 4, 5, 7, 9, 10, 11, 13, 14, 15, 16] {
            add(iconv("ISO-8859-\(part)"), ["iso8859\(part)"])
        }
        add(iconv("ISO-8859-2"), ["latin2", "l2", "csisolatin2"])
        add(iconv("ISO-8859-3"), ["latin3", "l3"])
        add(iconv("ISO-8859-4"), ["latin4", "l4"])
        add(iconv("ISO-8859-5"), ["cyrillic", "csisolatincyrillic"])
        add(iconv("ISO-8859-7"), ["greek", "greek8", "elot928", "ecma118"])
        add(iconv("ISO-8859-9"), ["latin5", "l5"])
        add(iconv("ISO-8859-10"), ["latin6", "l6"])
        add(iconv("ISO-8859-13"), ["latin7", "l7"])
        add(iconv("ISO-8859-14"), ["latin8", "l8"])
        add(iconv("ISO-8859-15"), ["latin9", "l9", "latin0"])
        add(iconv("ISO-8859-16"), ["latin10", "l10"])
        for page in [1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258] {
            add(iconv("CP\(page)"), ["windows\(page)", "cp\(page)", "xcp\(page)", "mswindows\(page)"])
        }
        for page in [437, 850, 852, 855, 857, 858, 860, 861, 862, 863, 864, 865, 866, 869] {
            add(iconv("CP\(page)"), ["cp\(page)", "ibm\(page)", "\(page)"])
        }
        // Placeholders that name no charset.
        add(.bogus, ["default", "unknown8bit", "xunknown", "unknown", "xuserdefined", "none", "charset", "8bit",
                     "7bit", "binary", "char", "wchart", "locale", "null", "undefined", "auto", "autodetect"])
        return table
    }()
}
