/// Byte-level tests on mbox lines, shared by `MboxReader` and `MboxReader.looksLikeMbox`.
enum MboxSyntax {
    /// What a line that starts with `From ` looks like.
    enum FromLineKind: Equatable {
        /// Not a `From ` line.
        case none
        /// `From <token> <date>`: a token, then something date-like (a `hh:mm` time and a month or
        /// weekday name or a 4-digit year), as every mbox writer puts in its envelope line.
        case envelope
        /// `From <token>` and nothing else (Mozilla's `From - `, Takeout-like `From 1844…@xxx`).
        case bare
        /// `From ` followed by anything else (`From Russia with love`): prose, not an envelope.
        case other
        /// `From  : John Doe <jdoe@example.com>`: a `From` header field in the obsolete form with white
        /// space before the colon (RFC 5322 §4.5.1), never a separator.
        case header
    }

    /// Whether `line` starts with `From ` (case-sensitive, at the very start).
    @inline(__always)
    static func startsWithFrom<C: Collection<UInt8>>(_ line: C) -> Bool where C.Index == Int {
        guard line.count >= 5 else { return false }
        let s = line.startIndex
        return line[s] == 0x46 && line[s + 1] == 0x72 && line[s + 2] == 0x6F && line[s + 3] == 0x6D && line[s + 4] == 0x20
    }

    /// The line without its trailing LF or CRLF.
    static func withoutEOL(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = line.endIndex
        if end > line.startIndex, line[end - 1] == 0x0A {
            end -= 1
            if end > line.startIndex, line[end - 1] == 0x0D { end -= 1 }
        }
        return line[line.startIndex ..< end]
    }

    /// Classifies a line (without its line break). An envelope line is `From ` + a sender token + a
    /// date-like rest; a colon after optional white space makes the line a header field instead.
    static func classify(_ line: ArraySlice<UInt8>) -> FromLineKind {
        guard startsWithFrom(line) else { return .none }
        var i = line.startIndex + 5
        let end = line.endIndex
        while i < end, isSpace(line[i]) { i += 1 }
        if i < end, line[i] == 0x3A { return .header }
        let tokenStart = i
        while i < end, !isSpace(line[i]) { i += 1 }
        if i == tokenStart { return .other }
        var j = i
        while j < end, isSpace(line[j]) { j += 1 }
        if j == end { return .bare }
        return isDateLike(line[j ..< end]) ? .envelope : .other
    }

    /// A `hh:mm` time together with a month or weekday name or a 4-digit year: the asctime date of
    /// an envelope line (`Mon Jun  3 12:50:27 1996`) and the RFC 5322 dates some writers use instead.
    static func isDateLike(_ s: ArraySlice<UInt8>) -> Bool {
        var hasTime = false
        var hasName = false
        var hasYear = false
        var i = s.startIndex
        let end = s.endIndex
        while i < end {
            let c = s[i]
            if isDigit(c) {
                var j = i
                while j < end, isDigit(s[j]) { j += 1 }
                let run = j - i
                if run == 4 { hasYear = true }
                if run <= 2, j + 2 < end, s[j] == 0x3A, isDigit(s[j + 1]), isDigit(s[j + 2]) { hasTime = true }
                i = j
            } else if isAlpha(c) {
                var j = i
                while j < end, isAlpha(s[j]) { j += 1 }
                if j - i == 3, isDateName(s[i], s[i + 1], s[i + 2]) { hasName = true }
                i = j
            } else {
                i += 1
            }
        }
        return hasTime && (hasName || hasYear)
    }

    /// Three-letter English month and weekday names, lower case, packed as `c0 << 16 | c1 << 8 | c2`.
    private static let dateNames: Set<UInt32> = Set(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
         "mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { name in
            name.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        })

    private static func isDateName(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        dateNames.contains(UInt32(a | 0x20) << 16 | UInt32(b | 0x20) << 8 | UInt32(c | 0x20))
    }

    /// Whether a line looks like an RFC 5322 header field: a field name (printable ASCII except `:`),
    /// optional blanks, then `:`.
    static func isHeaderLike(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        let end = line.endIndex
        while i < end, line[i] >= 0x21, line[i] <= 0x7E, line[i] != 0x3A { i += 1 }
        if i == line.startIndex { return false }
        while i < end, isSpace(line[i]) { i += 1 }
        return i < end && line[i] == 0x3A
    }

    /// Number of `>` before `From ` when the line matches `^>+From `, else 0.
    static func quoteDepth(_ line: ArraySlice<UInt8>) -> Int {
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x3E { i += 1 }
        let depth = i - line.startIndex
        guard depth > 0, startsWithFrom(line[i...]) else { return 0 }
        return depth
    }

    /// `Content-Length: <digits>` (case-insensitive name, blanks allowed around the value); the value,
    /// or nil when the line is not such a header or the value is not a plain number.
    static func contentLength(_ line: ArraySlice<UInt8>) -> Int? {
        let name = Array("content-length".utf8)
        guard line.count > name.count else { return nil }
        var i = line.startIndex
        for n in name {
            if line[i] | 0x20 != n { return nil } // `-` (0x2D) is unchanged by `| 0x20`
            i += 1
        }
        let end = withoutEOL(line).endIndex
        while i < end, isSpace(line[i]) { i += 1 }
        guard i < end, line[i] == 0x3A else { return nil }
        i += 1
        while i < end, isSpace(line[i]) { i += 1 }
        var value = 0
        var digits = 0
        while i < end, isDigit(line[i]) {
            if digits >= 18 { return nil }
            value = value * 10 + Int(line[i] - 0x30)
            digits += 1
            i += 1
        }
        while i < end, isSpace(line[i]) { i += 1 }
        return digits > 0 && i == end ? value : nil
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
