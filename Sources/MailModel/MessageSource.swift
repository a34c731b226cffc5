/// Where a message came from (§10 `source`).
public struct MessageSource: Sendable, Hashable {
    /// `eml`, `mbox`, `maildir` or `graph-json`.
    package var format: String
    /// The path as given on the command line, joined with the path found below it.
    package var path: String
    /// mbox: 0-based index of the message in the file.
    package var index: Int?
    /// mbox: byte offset of the message's `From ` line.
    package var offset: Int?
    /// Graph JSON: JSON pointer (or `line` for JSON Lines) of the message in its file.
    package var pointer: String?

    package init(format: String, path: String, index: Int? = nil, offset: Int? = nil, pointer: String? = nil) {
        self.format = format
        self.path = path
        self.index = index
        self.offset = offset
        self.pointer = pointer
    }
}
