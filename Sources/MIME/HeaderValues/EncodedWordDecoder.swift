/// RFC 2047 encoded-word decoding in unstructured text and phrases.
///
/// `encoded-word = "=?" charset "?" encoding "?" encoded-text "?="` (RFC 2047 §2), with
/// `charset*language` allowed (RFC 2231 §5). Decoding is as lenient as GMime and CPython are in
/// practice:
/// - encoded words are decoded wherever they stand, even inside a word (`foo=?utf-8?q?x?=bar`);
/// - white space between two encoded words is dropped (§6.2), and adjacent words in the same charset
///   are joined as bytes before conversion, so a character split across two words survives;
/// - the encoded text runs to the first `?`, which must be followed by `=`; it may hold spaces;
/// - Q text with a bad `=` escape and B text with bad characters or padding are decoded as far as
///   they go, with `mime.encoded-word-malformed`; a word that cannot be decoded at all (unknown
///   encoding letter, missing `?=`, B text of impossible length) is kept as it is, with the same code;
/// - an unknown charset records `mime.encoded-word-unknown-charset` and uses the fallback
///   (UTF-8 when valid, else windows-1252), as do raw 8-bit bytes outside encoded words.
public enum EncodedWordDecoder {
    /// Decodes an unstructured header value (`Subject`, `Comments`, ...): unfolds, decodes encoded words,
    /// and decodes raw 8-bit bytes (UTF-8 when valid, else the fallback).
    ///
    /// RFC 5322 §2.2.3: "Unfolding is accomplished by simply removing any CRLF that is immediately
    /// followed by WSP"; RFC 2047 §5 (1): an encoded word may replace a `text` token in `*text`.
    public static func decodeText(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> String {
        decode(raw, defects: &defects)
    }

    /// Decodes a phrase (a display name, already stripped of its quoting by the caller's grammar) in
    /// which encoded words may appear as whole words.
    ///
    /// RFC 2047 §5 (3): "An 'encoded-word' may appear [...] as a replacement for a 'word' entity within a
    /// 'phrase'". Like GMime, words glued to other text are decoded too.
    public static func decodePhrase(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> String {
        decode(raw, defects: &defects)
    }

    // MARK: - Implementation

    private static let equals = UInt8(ascii: "=")
    private static let question = UInt8(ascii: "?")

    private static func decode(_ untrimmed: ArraySlice<UInt8>, defects: inout DefectCollector) -> String {
        // The white space after the colon and at the end of the field is not part of the text.
        var raw = untrimmed
        var lead = 0
        while let first = raw.first, first == 0x20 || first == 0x09 || first == 0x0D || first == 0x0A {
            raw.removeFirst()
            lead += 1
        }
        while let last = raw.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0A { raw.removeLast() }
        let savedBase = defects.baseOffset
        if lead > 0, let base = savedBase { defects.baseOffset = base + lead }
        defer { defects.baseOffset = savedBase }
        return raw.withUnsafeBufferPointer { buf in
            switch classify(buf) {
            case .plain:
                return String(decoding: buf, as: UTF8.self)
            case .folded:
                return String(decoding: unfolded(buf, buf.indices), as: UTF8.self)
            case .needsDecoding:
                var state = State(capacity: buf.count)
                state.run(buf, defects: &defects)
                return String(decoding: state.output, as: UTF8.self)
            }
        }
    }

    /// RFC 5322 §2.2.3: unfolding removes the CRLF (a folded line keeps its white space). The runs
    /// between line breaks, copied whole.
    private static func unfolded(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var runStart = range.lowerBound
        for k in range where buf[k] == 0x0D || buf[k] == 0x0A {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<k]))
            runStart = k + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<range.upperBound]))
        return bytes
    }

    private enum Shape {
        /// ASCII, one line, no `=?`: the value is its own text.
        case plain
        /// ASCII without `=?`, folded over lines: the text is the value unfolded.
        case folded
        /// Encoded words or 8-bit bytes.
        case needsDecoding
    }

    /// What the value needs, scanned eight bytes at a time while none is 8-bit, CR, LF or `=`.
    private static func classify(_ buf: UnsafeBufferPointer<UInt8>) -> Shape {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
            let x = word ^ (ones &* UInt64(byte))
            return (x &- ones) & ~x & highs != 0
        }
        var folded = false
        var i = 0
        let n = buf.count
        while i < n {
            if i + 8 <= n, let base = buf.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if word & highs == 0, !hasByte(word, 0x0D), !hasByte(word, 0x0A), !hasByte(word, equals) {
                    i += 8
                    continue
                }
            }
            let b = buf[i]
            if b >= 0x80 { return .needsDecoding }
            if b == equals, i + 1 < n, buf[i + 1] == question { return .needsDecoding }
            if b == 0x0D || b == 0x0A { folded = true }
            i += 1
        }
        return folded ? .folded : .plain
    }

    /// The charset of an encoded word, as compared to decide whether adjacent words are joined.
    private enum WordCharset: Equatable {
        case known(Charset)
        /// Unknown or bogus; the cleaned label (lower case).
        case unresolved(String)
    }

    /// One decoded encoded word.
    private struct Word {
        var charset: WordCharset
        var bytes: [UInt8]
        /// Offset just after the closing `?=`.
        var end: Int
    }

    /// The decoding pass: literal runs and encoded words appended to `output` (UTF-8).
    private struct State {
        var output: [UInt8] = []
        /// Bytes of adjacent encoded words in one charset, not yet converted.
        var pending: (charset: WordCharset, bytes: [UInt8], offset: Int)?

        init(capacity: Int) { output.reserveCapacity(capacity + capacity / 2) }

        mutating func run(_ buf: UnsafeBufferPointer<UInt8>, defects: inout DefectCollector) {
            let n = buf.count
            var literalStart = 0
            var lastWasWord = false
            var i = 0
            while i + 1 < n {
                guard buf[i] == equals, buf[i + 1] == question, let word = parseWord(buf, at: i, defects: &defects) else {
                    i += 1
                    continue
                }
                // RFC 2047 §6.2: "any 'linear-white-space' that separates a pair of adjacent
                // 'encoded-word's is ignored".
                if !(lastWasWord && isWhitespace(buf, literalStart..<i)) {
                    flush(defects: &defects)
                    appendLiteral(buf, literalStart..<i)
                }
                if let pendingCharset = pending?.charset, pendingCharset == word.charset {
                    pending!.bytes.append(contentsOf: word.bytes)
                } else {
                    flush(defects: &defects)
                    pending = (word.charset, word.bytes, i)
                }
                lastWasWord = true
                i = word.end
                literalStart = i
            }
            flush(defects: &defects)
            appendLiteral(buf, literalStart..<n)
        }

        /// Converts the pending encoded-word bytes and appends them.
        mutating func flush(defects: inout DefectCollector) {
            guard let (charset, bytes, offset) = pending else { return }
            pending = nil
            let text: String
            switch charset {
            case .known(let resolved):
                var scratch = DefectCollector()
                text = bytes.withUnsafeBufferPointer { CharsetDecoder.decode($0, resolved, defects: &scratch) }
                // Offsets inside the joined bytes mean nothing to the caller: point at the word.
                for defect in scratch.defects { defects.report(defect.code, defect.message, at: offset) }
            case .unresolved(let label):
                text = bytes.withUnsafeBufferPointer { CharsetDecoder.fallback($0).text }
                defects.report(.encodedWordUnknownCharset,
                               "encoded word in unknown charset \"\(label.prefix(40))\" was read as UTF-8 or windows-1252", at: offset)
            }
            output.append(contentsOf: text.utf8)
        }

        /// Appends literal text: line breaks removed (unfolding), 8-bit runs read with the fallback.
        mutating func appendLiteral(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            guard !range.isEmpty else { return }
            var eightBit = false
            var lineBreaks = false
            for k in range {
                let b = buf[k]
                if b >= 0x80 { eightBit = true } else if b == 0x0D || b == 0x0A { lineBreaks = true }
            }
            if !eightBit && !lineBreaks {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buf[range]))
                return
            }
            let bytes = unfolded(buf, range)
            if eightBit {
                output.append(contentsOf: bytes.withUnsafeBufferPointer { CharsetDecoder.fallback($0).text }.utf8)
            } else {
                output.append(contentsOf: bytes)
            }
        }

        private func isWhitespace(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
            for k in range {
                let b = buf[k]
                if b != 0x20 && b != 0x09 && b != 0x0D && b != 0x0A { return false }
            }
            return true
        }
    }

    /// Parses and decodes the encoded word starting at `start` (which holds `=?`), or returns `nil`
    /// when there is none there.
    ///
    /// RFC 2047 §2: `encoded-word = "=?" charset "?" encoding "?" encoded-text "?="`,
    /// `charset = token`, `encoding = token` ("B" or "Q", case-insensitive, §4), and
    /// `encoded-text = 1*<Any printable ASCII character other than "?" or SPACE>` (spaces are
    /// tolerated, as GMime and CPython do). §4.1: B is base64; §4.2: Q is quoted-printable with `_`
    /// for space.
    private static func parseWord(_ buf: UnsafeBufferPointer<UInt8>, at start: Int, defects: inout DefectCollector) -> Word? {
        let n = buf.count
        var j = start + 2
        // charset: a token, up to the next '?'.
        let charsetStart = j
        while j < n && buf[j] != question {
            let b = buf[j]
            if b <= 0x20 || b >= 0x7F || b == equals || j - charsetStart > 64 { return nil }
            j += 1
        }
        guard j < n, j > charsetStart else { return nil }
        let charsetEnd = j
        j += 1
        // encoding: one letter and a '?'.
        // Without "?X?" this is not taken for an encoded word at all (URLs and prose contain "=?").
        guard j + 1 < n, buf[j + 1] == question else { return nil }
        let letter = buf[j] | 0x20
        guard letter == UInt8(ascii: "b") || letter == UInt8(ascii: "q") else {
            defects.report(.encodedWordMalformed, "encoded word has unknown encoding \"\(Character(Unicode.Scalar(buf[j])))\"; kept as it is",
                           at: start)
            return nil
        }
        j += 2
        // encoded-text: up to the first '?', which must start "?=".
        let textStart = j
        while j < n && buf[j] != question && buf[j] != 0x0D && buf[j] != 0x0A { j += 1 }
        guard j + 1 < n, buf[j] == question, buf[j + 1] == equals else {
            defects.report(.encodedWordMalformed, "encoded word is not closed by \"?=\"; kept as it is", at: start)
            return nil
        }
        let text = UnsafeBufferPointer(rebasing: buf[textStart..<j])
        let end = j + 2

        let bytes: [UInt8]
        if letter == UInt8(ascii: "q") {
            let (decoded, invalid) = QuotedPrintableDecoder.decodeQ(text)
            if invalid != nil {
                defects.report(.encodedWordMalformed, "Q-encoded word has an invalid '=' escape, kept literally", at: start)
            }
            bytes = decoded
        } else {
            var alphabet = 0
            for b in text where isBase64Alphabet(b) { alphabet += 1 }
            if alphabet % 4 == 1 {
                defects.report(.encodedWordMalformed, "B-encoded word has an impossible length; kept as it is", at: start)
                return nil
            }
            var scratch = DefectCollector()
            bytes = Base64Decoder.decode(text, defects: &scratch)
            if !scratch.defects.isEmpty {
                defects.report(.encodedWordMalformed, "B-encoded word has invalid base64 (\(scratch.defects[0].message))", at: start)
            }
        }

        let label = String(decoding: UnsafeBufferPointer(rebasing: buf[charsetStart..<charsetEnd]), as: UTF8.self)
        let charset: WordCharset
        if case .known(let resolved) = Charset.resolution(of: label) {
            charset = .known(resolved)
        } else {
            charset = .unresolved(Charset.clean(label) ?? label.lowercased())
        }
        return Word(charset: charset, bytes: bytes, end: end)
    }

    private static func isBase64Alphabet(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2F
    }
}
