/// Where a message came from (§10 `source`).
public struct MessageSource: Sendable, Hashable {
    /// `eml`, `mbox`, `maildir`, `graph-json`, `pst` or `msg`.
    public var format: String
    /// The path as given on the command line, joined with the path found below it.
    public var path: String
    /// mbox: 0-based index of the message in the file.
    public var index: Int?
    /// mbox: byte offset of the message's `From ` line.
    public var offset: Int?
    /// Graph JSON: JSON pointer of the message in its file (relative to its line for JSON Lines).
    public var pointer: String?
    /// Graph JSON Lines: the 1-based line of the message.
    public var line: Int?

    /// PST: the folder path from the root (`Top of Outlook data file/Inbox`).
    public var folder: String?
    /// PST: libpff's identifier of the item (what `pffexport` names it by).
    public var descriptor: Int?
    /// PST: the item was deleted and recovered from unallocated space (`--recovered`).
    public var recovered = false

    public init(format: String, path: String, index: Int? = nil, offset: Int? = nil, pointer: String? = nil, line: Int? = nil) {
        self.line = line
        self.format = format
        self.path = path
        self.index = index
        self.offset = offset
        self.pointer = pointer
    }
}

extension MessageSource: Codable {}
