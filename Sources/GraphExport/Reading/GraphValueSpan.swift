/// One value the JSON reader yielded (a top-level value or one element of a streamed collection), as
/// it lies in its file (see ``GraphReader/currentValue``).
public struct GraphValueSpan: Sendable, Hashable {
    /// File offset of the value's first byte.
    public var byteOffset: Int
    /// Length of the value's text in bytes of UTF-8 (in a UTF-16 file: of its text once transcoded).
    public var textLength: Int
    /// The value's location in its file.
    public var location: GraphLocation

    public init(byteOffset: Int, textLength: Int, location: GraphLocation) {
        self.byteOffset = byteOffset
        self.textLength = textLength
        self.location = location
    }
}
