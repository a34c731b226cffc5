/// Quoted-Printable Content-Transfer-Encoding (RFC 2045 §6.7) and the "Q" encoding of encoded
/// words (RFC 2047 §4.2), decoded tolerantly and encoded for round trips.
///
/// Decoding keeps hard line breaks exactly as they are in the input (CRLF stays CRLF, LF stays LF)
/// and keeps white space at the end of lines: GMime and CPython both do, and the decoded bytes are
/// hashed, so agreeing with them matters more than the RFC's "should delete" advice.
public enum QuotedPrintableDecoder {
    /// Value of a hexadecimal digit (either case), or 0xFF.
    private static let hexValue: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "0123456789ABCDEF".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        for (i, c) in "abcdef".utf8.enumerated() { t[Int(c)] = UInt8(10 + i) }
        return t
    }()
    private static let equals = UInt8(ascii: "=")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// Decodes quoted-printable content.
    ///
    /// RFC 2045 §6.7: `qp-line := *(qp-segment transport-padding CRLF) qp-part transport-padding`,
    /// `qp-segment := qp-section *(SPACE / TAB) "="` (a soft line break), and
    /// `hex-octet := "=" 2(DIGIT / "A" / "B" / "C" / "D" / "E" / "F")`. Lower-case hex digits are
    /// accepted (rule 1 allows it: "a robust implementation might recognize them"). An `=` that starts
    /// neither a hex octet nor a soft line break is kept literally, as rule 1 suggests, with
    /// `mime.quoted-printable-invalid-escape`; a final `=` at the end of the input is a soft break.
    ///
    /// - Parameters:
    ///   - input: the encoded bytes.
    ///   - limit: the most bytes to produce; past it decoding stops with `mime.decoded-size-limit`.
    ///   - defects: receives defects, with offsets relative to `input`.
    public static func decode(_ input: ArraySlice<UInt8>, limit: Int = .max, defects: inout DefectCollector) -> [UInt8] {
        var invalid = InvalidEscapes()
        var truncated = false
        let output = input.withUnsafeBufferPointer { decode($0, underscoreIsSpace: false, limit: limit, invalid: &invalid, truncated: &truncated) }
        if let offset = invalid.first {
            defects.report(.quotedPrintableInvalidEscape,
                           "\(invalid.count) '=' not followed by two hex digits or a line break, kept literally", at: offset)
        }
        if truncated {
            defects.report(.decodedSizeLimit, "decoded quoted-printable content exceeded \(limit) bytes; the rest was dropped")
        }
        return output
    }

    /// Decodes the encoded text of a "Q" encoded word: like quoted-printable, but `_` is a space.
    ///
    /// RFC 2047 §4.2: "(1) Any 8-bit value may be represented by a "=" followed by two hexadecimal
    /// digits. [...] (2) The 8-bit hexadecimal value 20 (e.g., ISO-8859-1 SPACE) may be represented
    /// as "_" (underscore, ASCII 95.)". Returns the bytes and the offset of the first invalid `=`.
    static func decodeQ(_ input: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], firstInvalid: Int?) {
        var invalid = InvalidEscapes()
        var truncated = false
        let bytes = decode(input, underscoreIsSpace: true, limit: .max, invalid: &invalid, truncated: &truncated)
        return (bytes, invalid.first)
    }

    /// Invalid `=` escapes found by the decoding loop.
    private struct InvalidEscapes {
        var first: Int?
        var count = 0
        mutating func add(_ offset: Int) {
            if first == nil { first = offset }
            count += 1
        }
    }

    private static func decode(_ input: UnsafeBufferPointer<UInt8>, underscoreIsSpace: Bool, limit: Int,
                               invalid: inout InvalidEscapes, truncated: inout Bool) -> [UInt8] {
        let n = input.count
        let capacity = min(n, max(limit, 0))
        let special = underscoreIsSpace ? UInt8(ascii: "_") : equals
        return hexValue.withUnsafeBufferPointer { hex in
            [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
                var o = 0
                var i = 0
                let inBase = UnsafeRawPointer(input.baseAddress)
                let outBase = UnsafeMutableRawPointer(out.baseAddress)
                while i < n {
                    // Eight bytes at a time: the word is stored whole and the bytes before its first
                    // '=' (or '_' in Q text) kept; HTML has an '=' every few bytes (`=3D`, soft breaks),
                    // so the plain bytes before one are not copied one by one.
                    if let inBase, let outBase, i &+ 8 <= n, o &+ 8 <= capacity {
                        let word = UInt64(littleEndian: inBase.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                        let found = byteMask(word, equals) | byteMask(word, special)
                        outBase.storeBytes(of: word.littleEndian, toByteOffset: o, as: UInt64.self)
                        // The lowest flag marks the first such byte exactly (higher ones may be false).
                        let plain = found == 0 ? 8 : found.trailingZeroBitCount &>> 3
                        i &+= plain
                        o &+= plain
                        if plain == 8 { continue }
                    }
                    // Copy the run of plain bytes up to the next '=' (or '_' in Q text).
                    let byte = input[i]
                    if byte != equals && byte != special {
                        guard o < capacity else { truncated = true; break }
                        out[o] = byte
                        o += 1
                        i += 1
                        continue
                    }
                    if byte != equals {
                        guard o < capacity else { truncated = true; break }
                        out[o] = 0x20
                        o += 1
                        i += 1
                        continue
                    }
                    // An '=': hex octet, soft line break, or literal.
                    if i + 2 < n {
                        let h = hex[Int(input[i + 1])], l = hex[Int(input[i + 2])]
                        if h != 0xFF && l != 0xFF {
                            guard o < capacity else { truncated = true; break }
                            out[o] = h << 4 | l
                            o += 1
                            i += 3
                            continue
                        }
                    }
                    if let next = softBreakEnd(input, after: i) {
                        i = next
                        continue
                    }
                    // Not an escape: keep the '=' and read on from the byte after it.
                    invalid.add(i)
                    guard o < capacity else { truncated = true; break }
                    out[o] = equals
                    o += 1
                    i += 1
                }
                written = o
            }
        }
    }

    /// The high bit of each of the eight bytes of `word` (little-endian) that may equal `byte`, 0 when
    /// none does (the classic SWAR zero-byte test: the lowest flag set is always a true match).
    @inline(__always)
    private static func byteMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// Where the input resumes if the `=` at `index` starts a soft line break, else `nil`.
    ///
    /// RFC 2045 §6.7 rule 5: "an equal sign as the last character on a encoded line indicates such a
    /// non-significant ("soft") line break"; `transport-padding := *LWSP-char` may stand between the
    /// `=` and the line break. The end of the input counts as a line end.
    private static func softBreakEnd(_ input: UnsafeBufferPointer<UInt8>, after index: Int) -> Int? {
        var j = index + 1
        while j < input.count, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
        if j == input.count { return j }
        if input[j] == lf { return j + 1 }
        if input[j] == cr {
            // A CR as the very last byte is a cut CRLF (GMime and CPython drop "=\r" there too).
            if j + 1 == input.count { return j + 1 }
            if input[j + 1] == lf { return j + 2 }
        }
        return nil
    }

    /// Encodes `data` as quoted-printable (RFC 2045 §6.7): printable ASCII except `=` is kept,
    /// everything else becomes `=XX`, lines are broken softly so none exceeds `lineLength`, and white
    /// space before a line end is encoded.
    ///
    /// In `textMode` the line breaks of `data` (CRLF or LF) are written as hard line breaks; otherwise
    /// CR and LF are encoded like any other byte, so arbitrary binary data round-trips exactly.
    public static func encode(_ data: some Collection<UInt8>, lineLength: Int = 76, textMode: Bool = false,
                              lineBreak: [UInt8] = [0x0D, 0x0A]) -> [UInt8] {
        let bytes = Array(data)
        let maxLine = max(lineLength, 4)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2 + 8)
        var column = 0
        let hexDigits = Array("0123456789ABCDEF".utf8)

        /// Writes one byte, as it is or as `=XX`, breaking the line softly first when it would not fit.
        func emit(_ b: UInt8, escaped: Bool) {
            let width = escaped ? 3 : 1
            // Leave room for the '=' of a soft break.
            if column + width > maxLine - 1 {
                out.append(equals)
                out.append(contentsOf: lineBreak)
                column = 0
            }
            if escaped {
                out.append(equals)
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            } else {
                out.append(b)
            }
            column += width
        }

        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if textMode {
                if b == lf {
                    out.append(lf)
                    column = 0
                    i += 1
                    continue
                }
                if b == cr, i + 1 < bytes.count, bytes[i + 1] == lf {
                    out.append(contentsOf: [cr, lf])
                    column = 0
                    i += 2
                    continue
                }
            }
            let isLast = i + 1 == bytes.count
            let beforeBreak = textMode && !isLast
                && (bytes[i + 1] == lf || (bytes[i + 1] == cr && i + 2 < bytes.count && bytes[i + 2] == lf))
            let plain = (b == 0x20 || b == 0x09) ? !isLast && !beforeBreak : (b >= 0x21 && b <= 0x7E && b != equals)
            emit(b, escaped: !plain)
            i += 1
        }
        return out
    }
}
