/// Tolerant base64 for `contentBytes`: decodes what it can, never fails.
enum Base64 {
    /// 0-63 for the alphabet (standard and URL-safe), 64 for white space, 65 for `=`, 255 otherwise.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 255, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        for c in [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C] { t[c] = 64 }
        t[Int(UInt8(ascii: "="))] = 65
        return t
    }()

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Decodes base64 text: white space and characters outside the alphabet are skipped, missing
    /// padding is fine, a final group of 2 or 3 characters yields its 1 or 2 bytes, a lone final
    /// character is dropped. `=` ends a group (so concatenated padded chunks decode too).
    static func decode(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        text.withUnsafeBufferPointer { buffer in
            table.withUnsafeBufferPointer { t in
                for c in buffer {
                    let v = t[Int(c)]
                    if v < 64 {
                        accumulator = accumulator << 6 | UInt32(v)
                        count += 1
                        if count == 4 {
                            out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                            out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                            out.append(UInt8(truncatingIfNeeded: accumulator))
                            accumulator = 0
                            count = 0
                        }
                    } else if v == 65 {
                        flush(&out, accumulator, count)
                        accumulator = 0
                        count = 0
                    }
                }
            }
        }
        flush(&out, accumulator, count)
        return out
    }

    private static func flush(_ out: inout [UInt8], _ accumulator: UInt32, _ count: Int) {
        switch count {
        case 2:
            out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
    }

    /// Checks base64 text without decoding it: characters outside the alphabet (white space aside),
    /// and a final group of a single character (the text was cut).
    static func check(_ text: [UInt8]) -> (invalidCharacters: Int, truncated: Bool) {
        var invalid = 0
        var count = 0
        var truncated = false
        text.withUnsafeBufferPointer { buffer in
            table.withUnsafeBufferPointer { t in
                for c in buffer {
                    let v = t[Int(c)]
                    if v < 64 {
                        count += 1
                    } else if v == 65 {
                        if count % 4 == 1 { truncated = true }
                        count = 0
                    } else if v == 255 {
                        invalid += 1
                    }
                }
            }
        }
        return (invalid, truncated || count % 4 == 1)
    }

    /// Encodes bytes (used when PowerShell wrote `contentBytes` as a list of numbers).
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(v >> 18 & 63)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(alphabet[Int(v >> 6 & 63)]); out.append(alphabet[Int(v & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(v >> 18 & 63)]); out.append(alphabet[Int(v >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return out
    }
}
