/// Finds where the value at a JSON pointer lies in JSON text, by skipping over the values before
/// it (string-aware, nothing is built). Used to remember one value of a large document — an
/// attachment inside a JSON batching response — so that it can be read again on its own later.
///
/// Member names are compared ignoring ASCII case, as the reader matches keys; a name written with
/// backslash escapes, or text that is not plain JSON where the pointer goes, gives `nil` (the caller
/// then reads the whole document and follows the pointer in the parsed value).
enum JSONPointerRange {
    /// The byte range of the value at `pointer` (RFC 6901) in `text`, or `nil`.
    static func find(_ pointer: String, in text: [UInt8]) -> Range<Int>? {
        guard let tokens = JSONPointerRange.tokens(pointer) else { return nil }
        return text.withUnsafeBufferPointer { buffer -> Range<Int>? in
            guard let p = buffer.baseAddress else { return nil }
            let end = buffer.count
            var i = skipWhitespace(p, 0, end)
            for token in tokens {
                guard i < end else { return nil }
                switch p[i] {
                case UInt8(ascii: "{"):
                    guard let found = member(token, p, i, end) else { return nil }
                    i = found
                case UInt8(ascii: "["):
                    guard let index = Int(token), index >= 0, let found = element(index, p, i, end) else { return nil }
                    i = found
                default:
                    return nil
                }
            }
            guard i < end, let valueEnd = valueEnd(p, i, end) else { return nil }
            return i..<valueEnd
        }
    }

    /// The reference tokens of a pointer (`/a~1b/0` → `["a/b", "0"]`); `nil` when it does not start with `/`.
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }

    /// The start of the value of member `name` of the object at `i`.
    private static func member(_ name: String, _ p: UnsafePointer<UInt8>, _ open: Int, _ end: Int) -> Int? {
        let wanted = Array(name.utf8)
        var i = skipWhitespace(p, open + 1, end)
        while i < end, p[i] == UInt8(ascii: "\"") {
            guard let keyEnd = stringEnd(p, i, end) else { return nil }
            let matches = keyEnd - i - 2 == wanted.count && (0..<wanted.count).allSatisfy { k in
                let a = p[i + 1 + k], b = wanted[k]
                return a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
            }
            i = skipWhitespace(p, keyEnd, end)
            guard i < end, p[i] == UInt8(ascii: ":") else { return nil }
            i = skipWhitespace(p, i + 1, end)
            if matches { return i < end ? i : nil }
            guard let after = valueEnd(p, i, end) else { return nil }
            i = skipWhitespace(p, after, end)
            guard i < end, p[i] == UInt8(ascii: ",") else { return nil }
            i = skipWhitespace(p, i + 1, end)
        }
        return nil
    }

    /// The start of element `index` of the array at `i`.
    private static func element(_ index: Int, _ p: UnsafePointer<UInt8>, _ open: Int, _ end: Int) -> Int? {
        var i = skipWhitespace(p, open + 1, end)
        var n = 0
        while i < end, p[i] != UInt8(ascii: "]") {
            if n == index { return i }
            guard let after = valueEnd(p, i, end) else { return nil }
            i = skipWhitespace(p, after, end)
            guard i < end, p[i] == UInt8(ascii: ",") else { return nil }
            i = skipWhitespace(p, i + 1, end)
            n += 1
        }
        return nil
    }

    /// The index just after the value starting at `i`.
    private static func valueEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        switch p[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return skipContainer(p, i, end)
        case UInt8(ascii: "\""):
            return stringEnd(p, i, end)
        default:
            var j = i
            while j < end {
                let c = p[j]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                    break
                }
                j += 1
            }
            return j > i ? j : nil
        }
    }

    /// The index just after the string starting at `i` (a `"`).
    private static func stringEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var k = i + 1
        while true {
            k = findQuoteOrBackslash(p, k, end)
            if k >= end { return nil }
            if p[k] == UInt8(ascii: "\\") {
                k += 2
                continue
            }
            return k + 1
        }
    }
}

extension JSONValue {
    /// The value at `pointer` (RFC 6901; member names compared ignoring ASCII case), or `nil`.
    func value(at pointer: String) -> JSONValue? {
        guard let tokens = JSONPointerRange.tokens(pointer) else { return nil }
        var current = self
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
