/// Proofpoint URL Defense links (`urldefense.proofpoint.com`, `urldefense.com`, `urldefense.us`), read as
/// Proofpoint's own published decoder reads them (`URLDefenseDecode.py`, Eric Van Cleve, Proofpoint,
/// 2019, version 3.0.1, linked from Proofpoint's URL Defense FAQ) — read, not copied:
///
/// - **v1** `/v1/url?u=<link>&k=…`: `u` is percent-decoded, then its HTML character references.
/// - **v2** `/v2/url?u=<link>&d=…&c=…`: in `u`, `-` stands for `%` and `_` for `/` (a `-` or `_` of
///   the link is itself escaped, `-2D`, `-5F`); then it is percent-decoded and its references decoded.
/// - **v3** `/v3/__<link>__;<table>!<tracking>$`: the link with some characters replaced by markers,
///   and the replaced characters, in order, as base64url (`__;!` when there are none). `*` takes the
///   next character of the table; `**X` a run of them, of length `X`: `A`=2, `B`=3, … `Z`=27,
///   `a`=28, … `z`=53, `0`=54, … `9`=63, `-`=64, `_`=65. The link is percent-decoded before the
///   markers are replaced. A scheme written with one slash (`https:/host`, seen in `urldefense.us`
///   links) gets its second slash back, as later revisions of the decoder do.
///
/// Where Proofpoint's script stops with an exception (a marker with no character left, an unknown
/// run letter, an invalid table), the link is kept as far as it could be read and the problem named.
enum URLDefenseDecoder {
    static func target(of link: WrappedLinkParts) -> GatewayWrapper.Peeled {
        let rest = link.bytes[link.rest]
        if rest.starts(with: "/v1/url".utf8) { return queryVersion(link, translated: false) }
        if rest.starts(with: "/v2/url".utf8) { return queryVersion(link, translated: true) }
        if rest.starts(with: "/v3/__".utf8) { return version3(rest.dropFirst(6)) }
        return .malformed("is not a URL Defense v1, v2 or v3 link", hint: nil)
    }

    /// v1 and v2: the link in `u`.
    private static func queryVersion(_ link: WrappedLinkParts, translated: Bool) -> GatewayWrapper.Peeled {
        guard var value = link.parameter("u").map(Array.init) else { return .malformed("has no `u=` parameter", hint: nil) }
        guard !value.isEmpty else { return .malformed("has an empty `u=` parameter", hint: nil) }
        if translated {
            for k in value.indices {
                if value[k] == 0x2D { value[k] = 0x25 } else if value[k] == 0x5F { value[k] = 0x2F }  // - → %, _ → /
            }
        }
        let decoded = LinkByteDecoding.percentDecoded(value)
        return .target(LinkByteDecoding.htmlUnescaped(decoded.bytes), problem: GatewayWrapper.escapeProblem(decoded, parameter: "u"))
    }

    /// v3: `<link>__;<table>!…`.
    private static func version3(_ text: ArraySlice<UInt8>) -> GatewayWrapper.Peeled {
        guard let end = firstRange(of: [0x5F, 0x5F, 0x3B], in: text) else {  // __;
            return .malformed("has no `__;` after the link it holds (cut short?)", hint: nil)
        }
        let tableStart = end.upperBound
        let tableEnd = text[tableStart...].firstIndex { $0 == 0x21 || $0 == 0x24 } ?? text.endIndex  // ! $
        let decoded = LinkByteDecoding.percentDecoded(text[text.startIndex..<end.lowerBound])
        var problem = GatewayWrapper.escapeProblem(decoded, parameter: nil)
        // An unreadable table leaves the markers in place: the host is usually still there to match.
        var replacements: [Unicode.Scalar] = []
        if let tableBytes = LinkByteDecoding.base64Decoded(text[tableStart..<tableEnd]), let table = String(validating: tableBytes, as: UTF8.self) {
            replacements = Array(table.unicodeScalars)
        } else {
            problem = "has an invalid table of replaced characters (its markers are left in place)"
        }
        var cursor = 0
        let marked = repairedSingleSlash(decoded.bytes)
        var out: [UInt8] = []
        out.reserveCapacity(marked.count + replacements.count)
        var k = 0
        while k < marked.count {
            guard marked[k] == 0x2A else {  // *
                out.append(marked[k])
                k += 1
                continue
            }
            var length = 1
            var markerLength = 1
            if k + 2 < marked.count, marked[k + 1] == 0x2A {
                guard let run = runLength(marked[k + 2]) else {
                    problem = problem ?? "has a run marker `**\(String(decoding: [marked[k + 2]], as: UTF8.self))` of unknown length"
                    out.append(marked[k])
                    k += 1
                    continue
                }
                length = run
                markerLength = 3
            }
            guard cursor + length <= replacements.count else {
                problem = problem ?? "has more `*` markers than replaced characters"
                out += marked[k..<(k + markerLength)]
                k += markerLength
                continue
            }
            for scalar in replacements[cursor..<(cursor + length)] { out += Array(String(Character(scalar)).utf8) }
            cursor += length
            k += markerLength
        }
        return .target(out, problem: problem)
    }

    /// `A`=2 … `Z`=27, `a`=28 … `z`=53, `0`=54 … `9`=63, `-`=64, `_`=65.
    private static func runLength(_ letter: UInt8) -> Int? {
        switch letter {
        case 0x41...0x5A: Int(letter - 0x41) + 2
        case 0x61...0x7A: Int(letter - 0x61) + 28
        case 0x30...0x39: Int(letter - 0x30) + 54
        case 0x2D: 64
        case 0x5F: 65
        default: nil
        }
    }

    /// `scheme:/x` (one slash, then not a slash) → `scheme://x`.
    private static func repairedSingleSlash(_ bytes: [UInt8]) -> [UInt8] {
        var i = 0
        while i < bytes.count, i < 16, WrappedLinkParts.isLetter(bytes[i]) || bytes[i] == 0x2B || bytes[i] == 0x2D || bytes[i] == 0x2E {
            i += 1
        }
        guard i > 0, i + 2 < bytes.count, bytes[i] == 0x3A, bytes[i + 1] == 0x2F, bytes[i + 2] != 0x2F else { return bytes }
        var out = bytes
        out.insert(0x2F, at: i + 1)
        return out
    }

    private static func firstRange(of needle: [UInt8], in text: ArraySlice<UInt8>) -> Range<Int>? {
        guard text.count >= needle.count else { return nil }
        var i = text.startIndex
        while i + needle.count <= text.endIndex {
            if text[i] == needle[0], text[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }
}
