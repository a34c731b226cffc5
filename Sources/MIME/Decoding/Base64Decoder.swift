/// Base64 Content-Transfer-Encoding (RFC 2045 §6.8), decoded tolerantly and encoded for round trips.
///
/// Decoding follows what GMime and CPython agree on for real mail:
/// - line breaks and other white space are skipped silently;
/// - other characters outside the alphabet are skipped (`mime.base64-invalid-characters`);
/// - `=` padding ends the data: mailing-list footers appended after the last line are common and
///   both reference parsers ignore them, so anything after the padding is ignored and, when it is
///   more than white space, reported (`mime.base64-invalid-padding`);
/// - missing padding keeps the complete bytes (`mime.base64-invalid-padding`); a single dangling
///   character, which cannot carry a byte, is dropped with the same defect.
public enum Base64Decoder {
    /// Sextet value of each byte; ``whitespace``, ``pad`` and ``invalid`` mark the rest.
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: invalid, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        for c in [0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C] { t[c] = whitespace }
        t[Int(UInt8(ascii: "="))] = pad
        return t
    }()
    /// The sextet of each byte already shifted to its place in a quad's 24 bits, one 256-entry block per
    /// position (first character `<< 18` … fourth `<< 0`); bytes outside the alphabet have ``notSextet``
    /// set. Four lookups and three ORs decode a quad, with one test for all four characters.
    private static let shiftedTable: [UInt32] = {
        var t = [UInt32](repeating: notSextet, count: 4 * 256)
        for position in 0..<4 {
            for (i, c) in alphabet.enumerated() { t[position * 256 + Int(c)] = UInt32(i) << (18 - 6 * position) }
        }
        return t
    }()
    private static let notSextet: UInt32 = 0x8000_0000
    private static let whitespace: UInt8 = 0x40
    private static let pad: UInt8 = 0x41
    private static let invalid: UInt8 = 0xFF
    /// The 64 characters of RFC 2045 Table 1.
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Decodes base64 content.
    ///
    /// RFC 2045 §6.8: "The encoded output stream must be represented in lines of no more than 76
    /// characters each. All line breaks or other characters not found in Table 1 must be ignored by
    /// decoding software. [...] Because it is used only for padding at the end of the data, the
    /// occurrence of any "=" characters may be taken as evidence that the end of the data has been
    /// reached (without truncation in transit)."
    ///
    /// - Parameters:
    ///   - input: the encoded bytes.
    ///   - limit: the most bytes to produce; past it decoding stops with `mime.decoded-size-limit`.
    ///   - defects: receives defects, with offsets relative to `input`.
    public static func decode(_ input: ArraySlice<UInt8>, limit: Int = .max, defects: inout DefectCollector) -> [UInt8] {
        input.withUnsafeBufferPointer { decode($0, limit: limit, defects: &defects) }
    }

    /// Decodes base64 content held in a buffer (see ``decode(_:limit:defects:)``).
    static func decode(_ input: UnsafeBufferPointer<UInt8>, limit: Int = .max, defects: inout DefectCollector) -> [UInt8] {
        var result = Findings()
        let output = decode(input, limit: limit, result: &result)
        // Defects are reported after the loop so the hot loop carries no inout collector.
        if let offset = result.firstInvalidCharacter {
            defects.report(.base64InvalidCharacters,
                           "\(result.invalidCharacterCount) character(s) outside the base64 alphabet were skipped", at: offset)
        }
        if let (offset, message) = result.padding { defects.report(.base64InvalidPadding, message, at: offset) }
        if result.truncated {
            defects.report(.decodedSizeLimit, "decoded base64 content exceeded \(limit) bytes; the rest was dropped")
        }
        return output
    }

    /// What the decoding loop found, reported by ``decode(_:limit:defects:)``.
    private struct Findings {
        var firstInvalidCharacter: Int?
        var invalidCharacterCount = 0
        var padding: (Int, String)?
        var truncated = false
    }

    private static func decode(_ input: UnsafeBufferPointer<UInt8>, limit: Int, result: inout Findings) -> [UInt8] {
        let n = input.count
        let capacity = min(n / 4 * 3 + 3, max(limit, 0))
        return table.withUnsafeBufferPointer { table in
            shiftedTable.withUnsafeBufferPointer { shifted in
                [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
                    var o = 0
                    var i = 0
                    var acc: UInt32 = 0
                    var quad = 0
                    scan: while i < n {
                        // Fast path: runs of four alphabet characters make three bytes each (a line of
                        // 76 characters is 19 quads; only its line break takes the path below).
                        if quad == 0 {
                            while i &+ 4 <= n, o &+ 3 <= capacity {
                                let v = shifted[Int(input[i])] | shifted[256 &+ Int(input[i &+ 1])]
                                    | shifted[512 &+ Int(input[i &+ 2])] | shifted[768 &+ Int(input[i &+ 3])]
                                if v & notSextet != 0 { break }
                                out[o] = UInt8(truncatingIfNeeded: v >> 16)
                                out[o &+ 1] = UInt8(truncatingIfNeeded: v >> 8)
                                out[o &+ 2] = UInt8(truncatingIfNeeded: v)
                                o &+= 3
                                i &+= 4
                            }
                            guard i < n else { break scan }
                        }
                        let byte = input[i]
                        let v = table[Int(byte)]
                        if v < 64 {
                            acc = acc << 6 | UInt32(v)
                            quad += 1
                            if quad == 4 {
                                if o + 3 > capacity {
                                    // Only the size limit makes the buffer short: keep what fits.
                                    let bytes = [UInt8(truncatingIfNeeded: acc >> 16), UInt8(truncatingIfNeeded: acc >> 8)]
                                    for b in bytes where o < capacity { out[o] = b; o += 1 }
                                    result.truncated = true
                                    break scan
                                }
                                out[o] = UInt8(truncatingIfNeeded: acc >> 16)
                                out[o + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                                out[o + 2] = UInt8(truncatingIfNeeded: acc)
                                o += 3
                                quad = 0
                                acc = 0
                            }
                        } else if v == pad {
                            // Padding ends the data, whatever follows it (GMime and CPython agree).
                            o = flush(acc: acc, quad: quad, out: out, o: o, capacity: capacity, truncated: &result.truncated)
                            // Skip white space and further '=': a complete pad is "==" after two characters.
                            var j = i + 1
                            var pads = 1
                            while j < n {
                                let t = table[Int(input[j])]
                                if t == pad { pads += 1 } else if t != whitespace { break }
                                j += 1
                            }
                            if quad == 1 {
                                result.padding = (i, "a single base64 character before the padding was dropped")
                            } else if quad == 2 && pads < 2 {
                                result.padding = (i, "base64 padding is incomplete")
                            } else if j < n {
                                result.padding = (j, "\(n - j) byte(s) after the base64 padding were ignored")
                            }
                            quad = 0
                            i = n
                            break scan
                        } else if v == invalid {
                            if result.firstInvalidCharacter == nil { result.firstInvalidCharacter = i }
                            result.invalidCharacterCount += 1
                        }
                        i += 1
                    }
                    if quad > 0 && !result.truncated {
                        // Unpadded end: keep the complete bytes, as CPython does.
                        o = flush(acc: acc, quad: quad, out: out, o: o, capacity: capacity, truncated: &result.truncated)
                        if result.padding == nil {
                            result.padding = (n, quad == 1 ? "a single dangling base64 character was dropped" : "base64 padding is missing")
                        }
                    }
                    written = o
                }
            }
        }
    }

    /// Writes the whole bytes held by a partial quad (two characters make one byte, three make two),
    /// as many as fit under the size limit.
    private static func flush(acc: UInt32, quad: Int, out: UnsafeMutableBufferPointer<UInt8>, o: Int, capacity: Int,
                              truncated: inout Bool) -> Int {
        var o = o
        let bytes: (UInt8, UInt8, Int)
        switch quad {
        case 2: bytes = (UInt8(truncatingIfNeeded: acc >> 4), 0, 1)
        case 3: bytes = (UInt8(truncatingIfNeeded: acc >> 10), UInt8(truncatingIfNeeded: acc >> 2), 2)
        default: return o
        }
        if o < capacity { out[o] = bytes.0; o += 1 } else { truncated = true }
        if bytes.2 == 2 { if o < capacity { out[o] = bytes.1; o += 1 } else { truncated = true } }
        return o
    }

    /// Encodes `data` as base64 (RFC 2045 §6.8): lines of at most `lineLength` characters (rounded
    /// down to a multiple of 4) separated by `lineBreak`, with `=` padding; `lineLength` 0 makes one line.
    /// The output ends without a line break.
    public static func encode(_ data: some Collection<UInt8>, lineLength: Int = 76, lineBreak: [UInt8] = [0x0D, 0x0A]) -> [UInt8] {
        let bytes = Array(data)
        let quadsPerLine = lineLength >= 4 ? lineLength / 4 : Int.max
        let quads = (bytes.count + 2) / 3
        let lines = quadsPerLine == .max ? 1 : max(1, (quads + quadsPerLine - 1) / quadsPerLine)
        var out: [UInt8] = []
        out.reserveCapacity(quads * 4 + (lines - 1) * lineBreak.count)
        var i = 0
        var onLine = 0
        while i < bytes.count {
            if onLine == quadsPerLine { out.append(contentsOf: lineBreak); onLine = 0 }
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
            onLine += 1
        }
        return out
    }
}
