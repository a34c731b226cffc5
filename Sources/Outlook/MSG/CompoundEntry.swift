/// One entry of an OLE2 compound file's directory (MS-CFB): a storage with children, or a stream
/// with its bytes. A `.msg` is such a tree of MAPI property streams (MS-OXMSG).
public struct CompoundEntry: Sendable {
    public enum Kind: Sendable, Hashable {
        case storage, stream
    }

    public var name: String
    public var kind: Kind
    /// The stream's size as the directory declares it.
    public var size: Int
    /// The stream's bytes; `nil` when they were not read (too large, unreadable: see `readProblem`).
    public var data: [UInt8]?
    /// Why the bytes or the children could not be read, when they could not.
    public var readProblem: String?
    public var children: [CompoundEntry]

    public init(name: String, kind: Kind, size: Int = 0, data: [UInt8]? = nil, readProblem: String? = nil, children: [CompoundEntry] = []) {
        self.name = name
        self.kind = kind
        self.size = size
        self.data = data
        self.readProblem = readProblem
        self.children = children
    }

    /// The child named `name` (compound-file names compare case-insensitively).
    public func child(_ name: String) -> CompoundEntry? {
        let lower = name.lowercased()
        return children.first { $0.name.lowercased() == lower }
    }
}
