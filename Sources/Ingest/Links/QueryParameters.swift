/// Reads one parameter of a link's query (`a=1&b=2`), as the server behind a wrapper does: pairs split at
/// `&`, the first pair of that name wins, the value is returned as written (still percent-encoded).
/// A separator written as the HTML entity `&amp;` (plain text copied from HTML, a double-escaped
/// attribute) counts as `&`, so `…&amp;data=…` never becomes part of the value before it.
enum QueryParameters {
    /// The value of the first pair named `name` (lower-case ASCII, compared without case); empty for a
    /// pair without `=`; `nil` when there is none.
    static func value(of name: StaticString, in query: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var pairStart = query.startIndex
        while pairStart <= query.endIndex {
            let pairEnd = query[pairStart...].firstIndex(of: 0x26) ?? query.endIndex  // &
            var pair = query[pairStart..<pairEnd]
            while pair.starts(with: "amp;".utf8) { pair = pair.dropFirst(4) }
            let nameEnd = pair.firstIndex(of: 0x3D) ?? pair.endIndex  // =
            if isName(pair[pair.startIndex..<nameEnd], name) {
                return nameEnd == pair.endIndex ? pair[nameEnd...] : pair[(nameEnd + 1)...]
            }
            pairStart = pairEnd + 1
        }
        return nil
    }

    private static func isName(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for (k, byte) in bytes.enumerated() where byte | 0x20 != expected[k] && byte != expected[k] { return false }
        return true
    }
}
