/// Finds URLs in plain text (§4 `links`): `http://`, `https://` and `www.` runs up to white space or
/// a closing delimiter. HTML links come from libxml2 instead.
package enum PlainTextLinkScanner {
    package static func urls(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { urls(in: $0) }
    }

    private static func urls(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var i = 0
        let n = bytes.count
        while i < n {
            // Skip eight bytes at a time while none is an `h` or a `w` in either case.
            if i + 8 <= n, let base = bytes.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) | 0x2020_2020_2020_2020
                if !Self.hasByte(word, 0x68), !Self.hasByte(word, 0x77) {
                    i += 8
                    continue
                }
            }
            let c = bytes[i] | 0x20
            if c == 0x68 || c == 0x77, i == 0 || !isWordByte(bytes[i - 1]) {  // h / w
                let isScheme = hasPrefix(bytes, at: i, "http://") || hasPrefix(bytes, at: i, "https://")
                if isScheme || hasPrefix(bytes, at: i, "www.") {
                    var j = i
                    while j < n, !isTerminator(bytes[j]) { j += 1 }
                    // Trailing punctuation belongs to the sentence, not the URL.
                    while j > i, isTrailingPunctuation(bytes[j - 1]) { j -= 1 }
                    let minimum = isScheme ? 9 : 5
                    if j - i >= minimum { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)) }
                    i = max(j, i + 1)
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// Case-insensitive; `prefix` is lower-case letters and punctuation that has bit 0x20 set (`:/.`),
    /// which no other printable byte folds onto.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count - start >= count else { return false }
        let expected = prefix.utf8Start
        for k in 0..<count where bytes[start + k] | 0x20 != expected[k] || bytes[start + k] < 0x21 { return false }
        return true
    }

    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & (ones &* 0x80) != 0
    }

    private static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        switch b {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x27, 0x22: true  // . , ; : ! ? ) ] ' "
        default: false
        }
    }

    private static func isTerminator(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x7F || b == 0x60
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x2F || b == 0x2E || b == 0x40
    }
}
