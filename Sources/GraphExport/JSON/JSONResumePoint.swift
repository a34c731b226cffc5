/// Where a JSON Lines file can be read again from, once more lines were appended: the reader's state
/// at the start of a top-level value, with nothing pending before it (see
/// ``JSONStreamReader/resumePoint`` and ``JSONStreamReader/init(path:options:resumingAt:)``). A reader
/// started there yields what the reader of the whole file yields from there on, with the same
/// pointers, lines, columns and offsets.
public struct JSONResumePoint: Sendable, Hashable, Codable {
    /// File offset of the value's first byte.
    public var fileOffset: Int
    /// Offset of that byte in the UTF-8 text (the file offset less a byte order mark; for UTF-16, in
    /// the transcoded text).
    public var streamOffset: Int
    /// The 1-based line of the value.
    public var line: Int
    /// Stream offset of the first byte of that line.
    public var lineStart: Int
    /// Top-level values before it.
    public var valueIndex: Int
    /// Whether the one note about commas between top-level values was already given.
    public var reportedStrayComma: Bool
    public var encoding: GraphTextEncoding
}

extension GraphTextEncoding: Codable {}
