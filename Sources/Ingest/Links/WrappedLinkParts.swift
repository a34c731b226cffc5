/// A link a mail gateway wrote, cut where unwrapping needs it: host, path, query.
///
/// Read as a browser reads an `http`/`https` link (the rules of Investigation's `LinkURL`, reduced to
/// what wrappers need): surrounding white space and controls are ignored, the scheme may be in any
/// case and followed by any number of `/` or `\`, user info and port are dropped, the host compares
/// in ASCII without case and without a trailing dot, tabs and line breaks inside are dropped. A link
/// without a scheme is read from `//`, or from its first byte (plain text `www.google.com/url?q=…`).
///
/// ``locate(_:)`` decides from the host and path alone, without allocating, so links no gateway wrote
/// (nearly all of them) cost one scan of their authority.
struct WrappedLinkParts: Sendable {
    /// Which gateway wrote the link.
    let wrapper: GatewayWrapper
    /// The link's UTF-8 bytes without surrounding white space.
    let bytes: [UInt8]
    /// The host, lower-cased, without a trailing dot.
    let host: String
    /// From the end of the authority to `?`, `#` or the end (empty when there is no path).
    let path: Range<Int>
    /// After `?`, up to `#` or the end; `nil` without `?`.
    let query: Range<Int>?
    /// Everything after the authority: path, query and fragment.
    let rest: Range<Int>

    /// The gateway and parts of `url`, or `nil` when no known gateway wrote it.
    static func locate(_ url: String) -> WrappedLinkParts? {
        if let found = url.utf8.withContiguousStorageIfAvailable({ locate(bytes: $0) }) { return found }
        return Array(url.utf8).withUnsafeBufferPointer { locate(bytes: $0) }
    }

    /// The same for a link given as bytes (a layer just unwrapped).
    static func locate(bytes: [UInt8]) -> WrappedLinkParts? {
        bytes.withUnsafeBufferPointer { locate(bytes: $0) }
    }

    private static func locate(bytes b: UnsafeBufferPointer<UInt8>) -> WrappedLinkParts? {
        var start = 0
        var end = b.count
        while start < end, b[start] <= 0x20 { start += 1 }
        while end > start, b[end - 1] <= 0x20 { end -= 1 }
        guard end - start >= 8 else { return nil }

        // `scheme:` (only http and https are wrappers), then slashes; or `//`; or the host at once.
        var i = start
        var j = start
        while j < end, isSchemeByte(b[j]) { j += 1 }
        if j < end, b[j] == 0x3A, j > start, isLetter(b[start]) {
            let length = j - start
            guard length == 4 || length == 5, b[start] | 0x20 == 0x68, b[start + 1] | 0x20 == 0x74, b[start + 2] | 0x20 == 0x74,
                b[start + 3] | 0x20 == 0x70, length == 4 || b[start + 4] | 0x20 == 0x73
            else { return nil }
            i = j + 1
            while i < end, b[i] == 0x2F || b[i] == 0x5C { i += 1 }
        } else if b[start] == 0x2F, b[start + 1] == 0x2F {
            i = start + 2
        }

        // The authority: up to `/`, `\`, `?` or `#`; the host after the last `@`, before a `:port`.
        var authorityEnd = i
        var hostStart = i
        var hostEnd = -1
        while authorityEnd < end {
            let c = b[authorityEnd]
            if c == 0x2F || c == 0x5C || c == 0x3F || c == 0x23 { break }
            if isTabOrNewline(c) { return locateWithoutTabsAndNewlines(b) }
            if c == 0x40 {
                hostStart = authorityEnd + 1
                hostEnd = -1
            } else if c == 0x3A, hostEnd < 0 {
                hostEnd = authorityEnd
            }
            authorityEnd += 1
        }
        if hostEnd < 0 { hostEnd = authorityEnd }
        if hostEnd > hostStart, b[hostEnd - 1] == 0x2E { hostEnd -= 1 }
        guard hostEnd - hostStart >= 4 else { return nil }
        for k in hostStart..<hostEnd {
            let c = b[k]
            guard isLetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E else { return nil }
        }

        var pathEnd = authorityEnd
        while pathEnd < end, b[pathEnd] != 0x3F, b[pathEnd] != 0x23 { pathEnd += 1 }
        var query: Range<Int>?
        if pathEnd < end, b[pathEnd] == 0x3F {
            var queryEnd = pathEnd + 1
            while queryEnd < end, b[queryEnd] != 0x23 { queryEnd += 1 }
            query = (pathEnd + 1)..<queryEnd
        }
        let host = UnsafeBufferPointer(rebasing: b[hostStart..<hostEnd])
        let path = UnsafeBufferPointer(rebasing: b[authorityEnd..<pathEnd])
        guard let wrapper = GatewayWrapper.recognize(host: host, path: path) else { return nil }
        if b[start..<end].contains(where: isTabOrNewline) { return locateWithoutTabsAndNewlines(b) }

        let shift = start
        return WrappedLinkParts(
            wrapper: wrapper, bytes: Array(b[start..<end]),
            host: String(decoding: host.map { isLetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self),
            path: (authorityEnd - shift)..<(pathEnd - shift),
            query: query.map { ($0.lowerBound - shift)..<($0.upperBound - shift) },
            rest: (authorityEnd - shift)..<(end - shift))
    }

    /// A browser removes tabs and line breaks anywhere in a link (WHATWG URL Standard, basic URL parser):
    /// an HTML attribute may wrap inside a long wrapper.
    private static func locateWithoutTabsAndNewlines(_ b: UnsafeBufferPointer<UInt8>) -> WrappedLinkParts? {
        let kept = b.filter { !isTabOrNewline($0) }
        return kept.withUnsafeBufferPointer { locate(bytes: $0) }
    }

    @inline(__always)
    private static func isTabOrNewline(_ c: UInt8) -> Bool { c == 0x09 || c == 0x0A || c == 0x0D }

    /// The value of the first query parameter called `name` (ASCII, any case), as written.
    func parameter(_ name: StaticString) -> ArraySlice<UInt8>? {
        guard let query else { return nil }
        return QueryParameters.value(of: name, in: bytes[query])
    }

    @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= 0x61 && c | 0x20 <= 0x7A }

    @inline(__always)
    private static func isSchemeByte(_ c: UInt8) -> Bool {
        isLetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E
    }
}
