/// Long attribute values that the sanitizer kept out of libxml2's way: in the bytes libxml2 parses each
/// stands as a placeholder, U+FDD0 (a noncharacter) followed by its number in decimal, and the walker
/// reads the value from the input instead (libxml2 copies attribute values character by character).
///
/// Only values libxml2 would hand over unchanged are deferred: printable ASCII whose only character
/// reference is `&amp;` (decoded here to `&`, as libxml2 does).
struct DeferredValues {
    /// Shorter values are left to libxml2: the placeholder would save little.
    static let minLength = 64
    /// U+FDD0 in UTF-8.
    private static let marker: [UInt8] = [0xEF, 0xB7, 0x90]

    private let input: [UInt8]
    private var values: [(range: Range<Int>, decodingAmpersands: Bool)] = []

    init(input: [UInt8]) {
        self.input = input
    }

    /// Records the value at `range` of the input; returns its placeholder.
    mutating func add(_ range: Range<Int>, decodingAmpersands: Bool) -> [UInt8] {
        values.append((range, decodingAmpersands))
        var placeholder = Self.marker
        placeholder.append(contentsOf: String(values.count - 1).utf8)
        return placeholder
    }

    /// The value a placeholder stands for, or nil when `bytes` is not a placeholder of this document.
    func value(ofPlaceholder bytes: some RandomAccessCollection<UInt8>) -> String? {
        guard !values.isEmpty, bytes.count > Self.marker.count, bytes.starts(with: Self.marker) else { return nil }
        var number = 0
        for byte in bytes.dropFirst(Self.marker.count) {
            guard byte >= 0x30, byte <= 0x39, number < values.count else { return nil }
            number = number * 10 + Int(byte - 0x30)
        }
        guard number < values.count else { return nil }
        let (range, decodingAmpersands) = values[number]
        guard decodingAmpersands else { return String(decoding: input[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = input[index]
            out.append(byte)
            index += byte == 0x26 ? 5 : 1  // "&amp;" becomes "&"
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a value can be deferred: nil when libxml2 would change it (a character reference other
    /// than `&amp;`, a control character, non-ASCII); else whether it holds `&amp;`.
    static func isVerbatim(_ bytes: ArraySlice<UInt8>) -> Bool? {
        var ampersands = false
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            guard byte >= 0x20, byte < 0x7F else { return nil }
            if byte == 0x26 {
                guard end - index >= 5, bytes[index + 1] == 0x61, bytes[index + 2] == 0x6D, bytes[index + 3] == 0x70,
                    bytes[index + 4] == 0x3B  // amp;
                else { return nil }
                ampersands = true
                index += 5
                continue
            }
            index += 1
        }
        return ampersands
    }

    /// Whether the document holds U+FDD0 itself: then nothing is deferred, so no text can be mistaken
    /// for a placeholder.
    static func occursInText(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while let lead = ByteSearch.firstIndex(of: 0xEF, in: bytes, from: index) {
            if lead + 2 < bytes.count, bytes[lead + 1] == 0xB7, bytes[lead + 2] == 0x90 { return true }
            index = lead + 1
        }
        return false
    }
}
