/// Parameters of a Content-Type or Content-Disposition field (RFC 2045 §5.1, RFC 2231).
///
/// Parsing is lenient, in the way GMime and CPython are: quoted strings with backslash escapes, unquoted
/// values with illegal characters (up to the next `;`), missing `;` between parameters, comments, empty
/// values. A repeated name keeps its first occurrence. RFC 2231 sections are joined in section order
/// (gaps are reported and skipped), percent-decoded, and converted once with the charset of section 0,
/// so a character split across sections survives. RFC 2047 encoded words in plain values are decoded.
public struct ParameterList: Sendable, Hashable {
    /// One parameter after RFC 2231 continuations are joined and values decoded.
    public struct Parameter: Sendable, Hashable {
        /// Lower-cased name, without RFC 2231 section or `*` markers.
        public var name: String
        /// Decoded value (charset-converted when RFC 2231 or RFC 2047 encoded).
        public var value: String
        /// The value's bytes after unquoting, before any charset decoding (used for `boundary`).
        public var rawValue: [UInt8]
        /// RFC 2231 language tag, if one was given.
        public var language: String?
        public init(name: String, value: String, rawValue: [UInt8], language: String? = nil) {
            self.name = name; self.value = value; self.rawValue = rawValue; self.language = language
        }
    }

    public var parameters: [Parameter] = []
    public init(_ parameters: [Parameter] = []) { self.parameters = parameters }

    /// Whether there are no parameters.
    public var isEmpty: Bool { parameters.isEmpty }

    /// The decoded value of the first parameter with this name (case-insensitive).
    public subscript(name: String) -> String? {
        let lower = name.lowercased()
        return parameters.first { $0.name == lower }?.value
    }

    /// The raw (unquoted, undecoded) bytes of the first parameter with this name.
    public func rawValue(_ name: String) -> [UInt8]? {
        let lower = name.lowercased()
        return parameters.first { $0.name == lower }?.rawValue
    }

    /// The first parameter with this name (case-insensitive), with its language.
    public func parameter(_ name: String) -> Parameter? {
        let lower = name.lowercased()
        return parameters.first { $0.name == lower }
    }

    /// Parses `;`-separated parameters from `raw` (the bytes after the type or disposition token).
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> ParameterList {
        parseParameters(raw, raw.startIndex, defects: &defects).list
    }
}

// MARK: - Grammar

extension ParameterList {
    typealias Input = ArraySlice<UInt8>
    private typealias Lexer = RFC5322Lexer

    /// A parameter as written, before RFC 2231 sections are joined.
    struct Segment {
        /// Lower-cased attribute without section and `*` markers.
        var name: String
        /// RFC 2231 section number (`name*3`), `nil` when not sectioned.
        var section: Int?
        /// Whether the value is RFC 2231 `extended` (a `*` ends the name).
        var extended: Bool
        /// The value after unquoting.
        var value: [UInt8]
        /// Offset of the parameter in the input.
        var offset: Int
    }

    /// `*(";" parameter)` (RFC 2045 §5.1), read leniently: separators may be missing or repeated, and
    /// junk up to the next `;` is skipped with `mime.parameter-invalid`.
    static func parseParameters(_ s: Input, _ start: Int, defects: inout DefectCollector) -> (list: ParameterList, end: Int) {
        var local = DefectCollector()
        let result = parseParameterSequence(s, start, defects: &local)
        RFC5322Lexer.forward(local, to: &defects)
        return result
    }

    /// The loop of `parseParameters`, reporting into a collector that is capped afterwards.
    private static func parseParameterSequence(_ s: Input, _ start: Int, defects: inout DefectCollector) -> (list: ParameterList, end: Int) {
        var segments: [Segment] = []
        var i = start
        while true {
            // Separators, white space and comments between parameters.
            while i < s.endIndex {
                let cfws = Lexer.parseCFWS(s, i)
                i = cfws.end
                if i < s.endIndex, s[i] == UInt8(ascii: ";") { i += 1 } else { break }
            }
            guard i < s.endIndex else { break }
            let (segment, next) = parseParameter(s, i, defects: &defects)
            if let segment { segments.append(segment) }
            // Guarantees progress on bytes no rule accepts.
            i = next > i ? next : i + 1
        }
        return (ParameterList(combineSegments(segments, defects: &defects)), i)
    }

    /// `parameter := attribute "=" value` (RFC 2045 §5.1), with the RFC 2231 forms
    /// `attribute [section] ["*"] "=" value` where `section := "*" 1*DIGIT`.
    ///
    /// After the value, anything but `;` or the end is left for the next parameter (a missing `;`).
    /// Returns `nil` for a parameter without `=` (skipped up to the next `;`).
    static func parseParameter(_ s: Input, _ i: Int, defects: inout DefectCollector) -> (Segment?, Int) {
        let afterName = parseAttribute(s, i).end
        var j = Lexer.parseCFWS(s, afterName).end
        guard j < s.endIndex, s[j] == UInt8(ascii: "="), afterName > i else {
            defects.report(.parameterInvalid, "A parameter has no '=' and no value; it is ignored.", at: i - s.startIndex)
            return (nil, skipToSemicolon(s, j))
        }
        j = Lexer.parseCFWS(s, j + 1).end
        let (value, afterValue) = parseValue(s, j, defects: &defects)
        var segment = parseSectionedName(s[i..<afterName])
        segment.value = value
        segment.offset = i - s.startIndex
        let end = Lexer.parseCFWS(s, afterValue).end
        if end < s.endIndex, s[end] != UInt8(ascii: ";") {
            defects.report(.parameterInvalid, "Parameters are not separated by ';'.", at: end - s.startIndex)
        }
        return (segment, end)
    }

    /// `attribute := token` (RFC 2045), read leniently: any bytes up to `=`, `;`, white space, a quote or
    /// a comment, so that RFC 2231 `*` markers and stray characters stay part of the name.
    static func parseAttribute(_ s: Input, _ i: Int) -> (name: Range<Int>, end: Int) {
        var j = i
        while j < s.endIndex {
            let b = s[j]
            if b == UInt8(ascii: "=") || b == UInt8(ascii: ";") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "(")
                || Lexer.isWhitespace(b) { break }
            j += 1
        }
        return (i..<j, j)
    }

    /// RFC 2231 `attribute [section] ["*"]` with `section := initial-section / other-sections`,
    /// `initial-section := "*0"`, `other-sections := "*" ("1" / ... / "9") *DIGIT`. Leading zeros are
    /// accepted. A name that does not fit is kept whole as a plain name.
    static func parseSectionedName(_ name: Input) -> Segment {
        var end = name.endIndex
        var extended = false
        if end > name.startIndex, name[end - 1] == UInt8(ascii: "*") {
            extended = true
            end -= 1
        }
        var section: Int?
        var digitsStart = end
        while digitsStart > name.startIndex, Lexer.isDigit(name[digitsStart - 1]) { digitsStart -= 1 }
        if digitsStart < end, digitsStart > name.startIndex + 1, name[digitsStart - 1] == UInt8(ascii: "*"), end - digitsStart <= 6 {
            var n = 0
            for b in name[digitsStart..<end] { n = n * 10 + Int(b - 0x30) }
            section = n
            end = digitsStart - 1
        }
        if end == name.startIndex {
            // `*=` or `*0=`: no attribute left, keep the text as the name.
            return Segment(name: Lexer.lowercasedString(name), section: nil, extended: false, value: [], offset: 0)
        }
        return Segment(name: Lexer.lowercasedString(name[name.startIndex..<end]), section: section, extended: extended, value: [], offset: 0)
    }

    /// `value := token / quoted-string` (RFC 2045 §5.1), read leniently.
    ///
    /// An unquoted value runs to the next `;`, so spaces, `/`, `@` and other illegal characters stay in
    /// it, except that white space followed by a comment or by `attribute=` ends it (a missing `;`).
    static func parseValue(_ s: Input, _ i: Int, defects: inout DefectCollector) -> (value: [UInt8], end: Int) {
        guard i < s.endIndex else {
            defects.report(.parameterInvalid, "A parameter has an empty value.", at: i - s.startIndex)
            return ([], i)
        }
        if s[i] == UInt8(ascii: "\"") {
            var out: [UInt8] = []
            let (end, closed) = Lexer.parseQuotedString(s, i, into: &out)
            if !closed {
                defects.report(.parameterInvalid, "A quoted parameter value is not terminated.", at: i - s.startIndex)
                // Trailing white space of an unterminated value is folding, not content.
                while let last = out.last, Lexer.isWhitespace(last) { out.removeLast() }
            }
            return (out, end)
        }
        var j = i
        var lastContent = i
        var sawInnerSpace = false
        while j < s.endIndex {
            let b = s[j]
            if b == UInt8(ascii: ";") { break }
            if Lexer.isWhitespace(b) {
                let k = Lexer.parseFWS(s, j)
                if k == s.endIndex || s[k] == UInt8(ascii: ";") || s[k] == UInt8(ascii: "(") || looksLikeParameter(s, k) {
                    j = k
                    break
                }
                sawInnerSpace = true
                j = k
                continue
            }
            j += 1
            lastContent = j
        }
        if lastContent == i {
            defects.report(.parameterInvalid, "A parameter has an empty value.", at: i - s.startIndex)
        } else if sawInnerSpace {
            defects.report(.parameterInvalid, "An unquoted parameter value contains white space.", at: i - s.startIndex)
        }
        var out: [UInt8] = []
        out.reserveCapacity(lastContent - i)
        for b in s[i..<lastContent] where b != 0x0D && b != 0x0A { out.append(b) }
        return (out, j)
    }

    /// Whether `attribute *WSP "="` starts at `i` (used to detect a missing `;`).
    static func looksLikeParameter(_ s: Input, _ i: Int) -> Bool {
        var j = i
        while j < s.endIndex, Lexer.isTokenChar(s[j]) { j += 1 }
        guard j > i else { return false }
        j = Lexer.parseFWS(s, j)
        return j < s.endIndex && s[j] == UInt8(ascii: "=")
    }

    /// Skips to the next `;` outside quoted strings and comments (or the end).
    static func skipToSemicolon(_ s: Input, _ i: Int) -> Int {
        var j = i
        var scratch: [UInt8] = []
        while j < s.endIndex {
            switch s[j] {
            case UInt8(ascii: ";"):
                return j
            case UInt8(ascii: "\""):
                j = Lexer.parseQuotedString(s, j, into: &scratch).end
                scratch.removeAll(keepingCapacity: true)
            case UInt8(ascii: "("):
                j = Lexer.parseComment(s, j).end
            default:
                j += 1
            }
        }
        return j
    }

    // MARK: Joining and decoding

    /// Groups segments by name (first occurrence wins), joins RFC 2231 sections and decodes values.
    static func combineSegments(_ segments: [Segment], defects: inout DefectCollector) -> [Parameter] {
        var order: [String] = []
        var groups: [String: [Segment]] = [:]
        // The section numbers of each RFC 2231 group, so that a repeated one is found in constant time
        // (hostile headers carry tens of thousands of sections).
        var sectionsSeen: [String: Set<Int>] = [:]
        for segment in segments {
            guard let first = groups[segment.name]?.first else {
                order.append(segment.name)
                groups[segment.name] = [segment]
                sectionsSeen[segment.name] = [segment.section ?? 0]
                continue
            }
            let firstIsRFC2231 = first.section != nil || first.extended
            let isRFC2231 = segment.section != nil || segment.extended
            // `name*` counts as section 0 of an RFC 2231 group.
            let section = segment.section ?? 0
            if !firstIsRFC2231 || !isRFC2231 || sectionsSeen[segment.name, default: []].contains(section) {
                defects.report(.parameterInvalid, "Parameter '\(segment.name)' is repeated; the first one is used.", at: segment.offset)
                continue
            }
            groups[segment.name, default: []].append(segment)
            sectionsSeen[segment.name, default: []].insert(section)
        }
        var result: [Parameter] = []
        result.reserveCapacity(order.count)
        for name in order {
            guard let group = groups[name] else { continue }
            if group.count == 1, group[0].section == nil, !group[0].extended {
                result.append(decodePlainValue(group[0], defects: &defects))
            } else {
                result.append(decodeRFC2231Value(group, defects: &defects))
            }
        }
        return result
    }

    /// A plain value: RFC 2047 encoded words (as Outlook writes them in `name="=?UTF-8?B?...?="`) are
    /// decoded; other 8-bit bytes are read as UTF-8 when valid, else the fallback charset.
    static func decodePlainValue(_ segment: Segment, defects: inout DefectCollector) -> Parameter {
        let raw = segment.value
        let value: String
        if containsEncodedWordStart(raw) {
            value = EncodedWordDecoder.decodeText(raw[...], defects: &defects)
        } else {
            value = CharsetDecoder.decodeFallback(raw[...])
        }
        return Parameter(name: segment.name, value: value, rawValue: raw)
    }

    /// RFC 2231 §3-§4: sections sorted by number and joined as bytes; `extended` sections are
    /// percent-decoded; the `charset'language'` prefix of section 0 applies to the whole value, which is
    /// converted once at the end.
    static func decodeRFC2231Value(_ group: [Segment], defects: inout DefectCollector) -> Parameter {
        var sections = group
        sections.sort { ($0.section ?? 0) < ($1.section ?? 0) }
        var expected = 0
        var reportedGap = false
        var charset: String?
        var language: String?
        var anyExtended = false
        var joined: [UInt8] = []
        for segment in sections {
            let number = segment.section ?? 0
            if number != expected, !reportedGap {
                reportedGap = true
                defects.report(
                    .parameterContinuationGap,
                    "Parameter '\(segment.name)' is missing RFC 2231 section \(expected); the sections present are joined.",
                    at: segment.offset)
            }
            expected = number + 1
            guard segment.extended else {
                joined.append(contentsOf: segment.value)
                continue
            }
            anyExtended = true
            var encoded = segment.value[...]
            if number == 0 {
                let (initial, rest) = parseExtendedInitialValue(encoded)
                if let initial {
                    charset = initial.charset
                    language = initial.language
                } else {
                    defects.report(.parameterInvalid, "RFC 2231 value of '\(segment.name)' has no charset'language' prefix.", at: segment.offset)
                }
                encoded = rest
            }
            if !percentDecode(encoded, into: &joined) {
                defects.report(.parameterInvalid, "RFC 2231 value of '\(segment.name)' has a bad %-escape; kept as written.", at: segment.offset)
            }
        }
        let name = sections[0].name
        let value: String
        if !anyExtended, containsEncodedWordStart(joined) {
            value = EncodedWordDecoder.decodeText(joined[...], defects: &defects)
        } else {
            value = CharsetDecoder.decode(joined[...], charset: charset, defects: &defects)
        }
        return Parameter(name: name, value: value, rawValue: joined, language: language)
    }

    /// RFC 2231 `extended-initial-value := [charset] "'" [language] "'" extended-other-values`.
    ///
    /// Returns `nil` as the prefix when the two `'` are missing (the whole value is then read as
    /// `extended-other-values`).
    static func parseExtendedInitialValue(_ s: Input) -> (prefix: (charset: String?, language: String?)?, rest: Input) {
        guard let first = s.firstIndex(of: UInt8(ascii: "'")),
              let second = s[(first + 1)...].firstIndex(of: UInt8(ascii: "'")) else {
            return (nil, s)
        }
        let charsetBytes = s[s.startIndex..<first]
        let languageBytes = s[(first + 1)..<second]
        let charset = charsetBytes.isEmpty ? nil : String(decoding: charsetBytes, as: UTF8.self)
        let language = languageBytes.isEmpty ? nil : String(decoding: languageBytes, as: UTF8.self)
        return ((charset, language), s[(second + 1)...])
    }

    /// `extended-other-values := *(ext-octet / attribute-char)`, `ext-octet := "%" 2(DIGIT / "A"-"F")`.
    /// Bad escapes are kept literally; returns whether all escapes were good.
    static func percentDecode(_ s: Input, into out: inout [UInt8]) -> Bool {
        var ok = true
        var j = s.startIndex
        while j < s.endIndex {
            let b = s[j]
            if b == UInt8(ascii: "%") {
                if j + 2 < s.endIndex, let hi = hexValue(s[j + 1]), let lo = hexValue(s[j + 2]) {
                    out.append(hi << 4 | lo)
                    j += 3
                    continue
                }
                ok = false
            }
            out.append(b)
            j += 1
        }
        return ok
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Whether `=?` occurs (a possible RFC 2047 encoded word).
    static func containsEncodedWordStart(_ bytes: [UInt8]) -> Bool {
        var k = 0
        while k + 1 < bytes.count {
            if bytes[k] == UInt8(ascii: "="), bytes[k + 1] == UInt8(ascii: "?") { return true }
            k += 1
        }
        return false
    }
}
