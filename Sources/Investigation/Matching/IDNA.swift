/// Internationalized domain names, label by label: the ASCII (`xn--`) and Unicode forms of a domain,
/// so that §6 can match `bücher.example` and `xn--bcher-kva.example` as one domain.
///
/// Scope (deliberately smaller than UTS #46):
/// - Labels are separated by `.` and the IDNA full stops U+3002, U+FF0E, U+FF61. A trailing dot (the
///   DNS root) is dropped.
/// - Mapping is lower-casing (full Unicode lower-case mapping, not case folding: `ß` stays `ß`, as in
///   IDNA2008 and UTS #46 non-transitional processing, so `faß.de` is `xn--fa-hia.de`) followed by NFC.
///   The UTS #46 mapping table is not applied: full-width letters, compatibility characters and
///   ignorables are not mapped, and labels are not validated against IDNA2008's code point rules,
///   bidi or joiner rules. Dragnet only compares names; it never resolves them.
/// - An `xn--` label is decoded, mapped and encoded again, so the same name spelt with upper-case
///   punycode (`XN--BCHER-KVA`) or with an upper-case letter inside its Unicode form still matches. A
///   label that does not decode is kept as written, lower-cased.
enum IDNA {
    /// The ASCII-compatible prefix of an encoded label.
    static let acePrefix = "xn--"

    /// The ASCII form of `domain`: every label mapped, non-ASCII labels encoded as `xn--` Punycode,
    /// no trailing dot. `nil` when a label cannot be encoded (longer than Punycode accepts).
    static func toASCII(_ domain: String) -> String? {
        if let fast = asciiFastPath(domain) { return fast }
        var labels: [String] = []
        for label in splitLabels(domain) {
            guard let ascii = labelToASCII(label) else { return nil }
            labels.append(ascii)
        }
        return labels.joined(separator: ".")
    }

    /// The Unicode form of `domain`: `xn--` labels decoded (kept as written when they do not decode),
    /// every label mapped, no trailing dot.
    static func toUnicode(_ domain: String) -> String {
        splitLabels(domain).map(labelToUnicode).joined(separator: ".")
    }

    /// Lower-case mapping and NFC, the only IDNA mapping done here. A label longer than
    /// ``Punycode/maxInputLength`` bytes (a DNS label has at most 63) is only lower-cased: NFC of
    /// hostile text can be slow, and no real name is that long.
    static func mapLabel(_ label: Substring) -> String {
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: label.utf8.map(\.asciiLowercased), as: UTF8.self)
        }
        let lower = label.lowercased()
        guard lower.utf8.count <= Punycode.maxInputLength else { return lower }
        return String(decoding: lower.nfcUTF8, as: UTF8.self)
    }

    static func labelToASCII(_ label: Substring) -> String? {
        let mapped = mapLabel(label)
        if isACE(mapped) {
            // Re-encode what it decodes to, so equivalent spellings meet; keep it when it does not decode.
            guard let decoded = Punycode.decode(String(mapped.dropFirst(acePrefix.count))) else { return mapped }
            let remapped = mapLabel(decoded[...])
            if remapped.utf8.allSatisfy({ $0 < 0x80 }) { return remapped }
            return Punycode.encode(remapped).map { acePrefix + $0 }
        }
        if mapped.utf8.allSatisfy({ $0 < 0x80 }) { return mapped }
        return Punycode.encode(mapped).map { acePrefix + $0 }
    }

    static func labelToUnicode(_ label: Substring) -> String {
        let mapped = mapLabel(label)
        if isACE(mapped), let decoded = Punycode.decode(String(mapped.dropFirst(acePrefix.count))) {
            return mapLabel(decoded[...])
        }
        return mapped
    }

    /// Whether a mapped label starts with `xn--` (compared as bytes).
    static func isACE(_ label: String) -> Bool { label.utf8.starts(with: acePrefix.utf8) }

    /// Labels of `domain`, split at any IDNA full stop, without the empty label of a trailing dot.
    static func splitLabels(_ domain: String) -> [Substring] {
        var labels = domain[...].splitScalars(where: {
            $0 == "." || $0 == "\u{3002}" || $0 == "\u{FF0E}" || $0 == "\u{FF61}"
        })
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }
        return labels
    }

    /// An ASCII domain with no `xn--` label needs only lower-casing and the trailing dot removed.
    private static func asciiFastPath(_ domain: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(domain.utf8.count)
        for byte in domain.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte.asciiLowercased)
        }
        if bytes.count > 1, bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        // An `xn--` label anywhere needs the slow path (labels start the string or follow a dot).
        let prefix = Array(acePrefix.utf8)
        var start = 0
        while start + prefix.count <= bytes.count {
            if bytes[start..<(start + prefix.count)].elementsEqual(prefix) { return nil }
            guard let dot = bytes[start...].firstIndex(of: UInt8(ascii: ".")) else { break }
            start = dot + 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
