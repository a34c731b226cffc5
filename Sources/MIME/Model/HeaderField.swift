/// One header field as it appeared in the message: the raw bytes are kept beside the name.
///
/// RFC 5322 §2.2: `field-name ":" field-body CRLF`, where the body may be folded over several lines.
public struct HeaderField: Sendable {
    /// The field name as written (without the colon, trailing white space removed).
    public var name: String
    /// The raw field body: everything after the colon up to (not including) the final line break,
    /// folding line breaks included. Shares storage with the message source.
    public var rawValue: ArraySlice<UInt8>
    /// Byte offset of the field's first byte in the message source.
    public var offset: Int

    public init(name: String, rawValue: ArraySlice<UInt8>, offset: Int) {
        self.name = name
        self.rawValue = rawValue
        self.offset = offset
    }

    /// Whether `name` equals this field's name, ignoring ASCII case.
    @inlinable
    public func hasName(_ other: String) -> Bool {
        name.utf8.count == other.utf8.count && name.utf8.elementsEqual(other.utf8) { a, b in
            (a | 0x20) == (b | 0x20) || a == b
        }
    }

    /// The unfolded value with leading and trailing white space removed, as raw bytes (RFC 5322 §2.2.3).
    public var unfoldedBytes: [UInt8] { HeaderField.unfold(rawValue) }

    /// Removes CR and LF from a folded value and trims surrounding white space.
    public static func unfold(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for b in raw where b != 0x0D && b != 0x0A { out.append(b) }
        var start = 0
        var end = out.count
        while start < end, out[start] == 0x20 || out[start] == 0x09 { start += 1 }
        while end > start, out[end - 1] == 0x20 || out[end - 1] == 0x09 { end -= 1 }
        return Array(out[start..<end])
    }
}
