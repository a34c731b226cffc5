/// Finds URLs in plain text (§4 `links`): `http://`, `https://` and `www.` runs up to white space or
/// a closing delimiter. HTML links come from libxml2 instead.
package enum PlainTextLinkScanner {
    package static func urls(in text: String) -> [String] {
        var out: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i] | 0x20
            if c == 0x68 || c == 0x77, i == 0 || !isWordByte(bytes[i - 1]) {  // h / w
                let rest = bytes[i..<min(n, i + 8)].map { $0 | 0x20 }
                let isScheme = rest.starts(with: Array("http://".utf8)) || rest.starts(with: Array("https://".utf8))
                let isWWW = rest.starts(with: Array("www.".utf8))
                if isScheme || isWWW {
                    var j = i
                    while j < n, !isTerminator(bytes[j]) { j += 1 }
                    // Trailing punctuation belongs to the sentence, not the URL.
                    while j > i, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x27, 0x22].contains(bytes[j - 1]) { j -= 1 }
                    let minimum = isScheme ? 9 : 5
                    if j - i >= minimum { out.append(String(decoding: bytes[i..<j], as: UTF8.self)) }
                    i = max(j, i + 1)
                    continue
                }
            }
            i += 1
        }
        return out
    }

    private static func isTerminator(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x7F || b == 0x60
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x2F || b == 0x2E || b == 0x40
    }
}
