/// Lexical tokens of structured header fields (RFC 5322 §3.2, RFC 2045 §5.1), shared by the grammars of
/// addresses, dates, Content-Type and Content-Disposition.
///
/// Every function takes the input and an index into it and returns where it stopped; none fails.
/// Inputs are folded field bodies, so CR and LF count as white space (unfolding, RFC 5322 §2.2.3).
enum RFC5322Lexer {
    typealias Input = ArraySlice<UInt8>

    // MARK: Character classes

    private static let atextFlag: UInt8 = 1
    private static let tokenFlag: UInt8 = 2
    private static let whitespaceFlag: UInt8 = 4

    /// One flag byte per octet: a table beats a chain of comparisons in the hot loops.
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for b in UInt8(0x21)...0x7E {
            // RFC 2045 tspecials: ( ) < > @ , ; : \ " / [ ] ? =
            if !Array("()<>@,;:\\\"/[]?=".utf8).contains(b) { table[Int(b)] |= tokenFlag }
            // RFC 5322 specials: ( ) < > [ ] : ; @ \ , . DQUOTE
            if !Array("()<>[]:;@\\,.\"".utf8).contains(b) { table[Int(b)] |= atextFlag }
        }
        // RFC 6532 UTF8-non-ascii; legacy 8-bit names are read the same way.
        for b in 0x80...0xFF { table[b] |= atextFlag }
        for b in [0x20, 0x09, 0x0D, 0x0A] { table[b] |= whitespaceFlag }
        return table
    }()

    /// `WSP = SP / HTAB`, plus the CR and LF left by folding.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool { classes[Int(b)] & whitespaceFlag != 0 }

    /// `atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" / "=" / "?" /
    /// "^" / "_" / "`" / "{" / "|" / "}" / "~"`, plus 8-bit bytes (RFC 6532 `UTF8-non-ascii`).
    @inline(__always)
    static func isAtext(_ b: UInt8) -> Bool { classes[Int(b)] & atextFlag != 0 }

    /// RFC 2045 `token := 1*<any (US-ASCII) CHAR except SPACE, CTLs, or tspecials>`.
    @inline(__always)
    static func isTokenChar(_ b: UInt8) -> Bool { classes[Int(b)] & tokenFlag != 0 }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    // MARK: White space and comments

    /// `FWS = ([*WSP CRLF] 1*WSP) / obs-FWS` — any run of SP, HTAB, CR and LF.
    static func parseFWS(_ s: Input, _ i: Int) -> Int {
        var j = i
        while j < s.endIndex, isWhitespace(s[j]) { j += 1 }
        return j
    }

    /// `comment = "(" *([FWS] ccontent) [FWS] ")"` with `ccontent = ctext / quoted-pair / comment`.
    ///
    /// `s[i]` must be `(`. Returns the range between the outer parentheses, the index after the closing
    /// one, and whether it was closed (an unclosed comment runs to the end of the input).
    static func parseComment(_ s: Input, _ i: Int) -> (content: Range<Int>, end: Int, closed: Bool) {
        var depth = 0
        var j = i
        while j < s.endIndex {
            switch s[j] {
            case UInt8(ascii: "\\"):
                j += 1
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return (i + 1..<j, j + 1, true) }
            default:
                break
            }
            j += 1
        }
        return (i + 1..<s.endIndex, s.endIndex, false)
    }

    /// What `parseCFWS` skipped.
    struct CFWS {
        /// Index of the first byte after the white space and comments.
        var end: Int
        /// The content of the first comment seen (an old-style `user@host (Real Name)` uses it).
        var firstComment: Range<Int>?
        /// Where an unclosed comment started, if one did.
        var unclosedComment: Int?
        /// Whether anything was skipped.
        var skipped: Bool
    }

    /// `CFWS = (1*([FWS] comment) [FWS]) / FWS`.
    static func parseCFWS(_ s: Input, _ i: Int) -> CFWS {
        var result = CFWS(end: i, firstComment: nil, unclosedComment: nil, skipped: false)
        var j = i
        while j < s.endIndex {
            if isWhitespace(s[j]) {
                j += 1
            } else if s[j] == UInt8(ascii: "(") {
                let comment = parseComment(s, j)
                if result.firstComment == nil { result.firstComment = comment.content }
                if !comment.closed { result.unclosedComment = j }
                j = comment.end
            } else {
                break
            }
        }
        result.skipped = j > i
        result.end = j
        return result
    }

    // MARK: Quoted strings and literals

    /// `quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]` with
    /// `qcontent = qtext / quoted-pair` and `quoted-pair = ("\" (VCHAR / WSP)) / obs-qp`.
    ///
    /// `s[i]` must be `"`. Appends the unquoted content to `out` (quoted pairs resolved, folding CR/LF
    /// removed). Returns the index after the closing quote and whether there was one; an unterminated
    /// string runs to the end of the input.
    static func parseQuotedString(_ s: Input, _ i: Int, into out: inout [UInt8]) -> (end: Int, closed: Bool) {
        var j = i + 1
        while j < s.endIndex {
            let b = s[j]
            if b == UInt8(ascii: "\"") { return (j + 1, true) }
            if b == UInt8(ascii: "\\"), j + 1 < s.endIndex {
                let next = s[j + 1]
                if next != 0x0D && next != 0x0A { out.append(next) }
                j += 2
                continue
            }
            if b != 0x0D && b != 0x0A { out.append(b) }
            j += 1
        }
        return (s.endIndex, false)
    }

    /// `domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]`.
    ///
    /// `s[i]` must be `[`. Appends the literal as written, brackets included, without folding breaks or
    /// white space. Returns the index after `]` and whether it was found.
    static func parseDomainLiteral(_ s: Input, _ i: Int, into out: inout [UInt8]) -> (end: Int, closed: Bool) {
        var j = i
        while j < s.endIndex {
            let b = s[j]
            if !isWhitespace(b) { out.append(b) }
            j += 1
            if b == UInt8(ascii: "]") { return (j, true) }
        }
        out.append(UInt8(ascii: "]"))
        return (s.endIndex, false)
    }

    /// `1*atext`, the body of an `atom`. Returns the end of the run (`i` when there is none).
    static func parseAtext(_ s: Input, _ i: Int) -> Int {
        var j = i
        while j < s.endIndex, isAtext(s[j]) { j += 1 }
        return j
    }

    /// RFC 2045 `token`. Returns the end of the run (`i` when there is none).
    static func parseToken(_ s: Input, _ i: Int) -> Int {
        var j = i
        while j < s.endIndex, isTokenChar(s[j]) { j += 1 }
        return j
    }

    // MARK: Defects

    /// Most defects one structured field reports; hostile input (200 000 stray `<`) would otherwise
    /// flood the collector with one defect per byte.
    static let defectLimit = 16

    /// Passes the first `defectLimit` defects of `local` (offsets relative to the field) to `defects`.
    static func forward(_ local: DefectCollector, to defects: inout DefectCollector) {
        for defect in local.defects.prefix(defectLimit) {
            defects.report(defect.code, defect.message, at: defect.offset)
        }
    }

    // MARK: Conversions

    /// ASCII-lower-cased string of `bytes` (names and tokens; other bytes go through the fallback decoder).
    static func lowercasedString(_ bytes: ArraySlice<UInt8>) -> String {
        var lowered = [UInt8]()
        lowered.reserveCapacity(bytes.count)
        for b in bytes { lowered.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        return String(decoding: lowered, as: UTF8.self)
    }

    /// Whether `bytes` equals the lower-case ASCII `word`, ignoring ASCII case.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { w in
            var k = 0
            for b in bytes {
                let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if lower != w[k] { return false }
                k += 1
            }
            return true
        }
    }
}
