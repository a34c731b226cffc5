/// What the state keeps of an investigation's last complete round: the digest of everything its
/// outcomes depended on (the walk, each file's identity, the settings), the items it folded, and
/// its outcomes in input order as the fold took them (opaque bytes to the state). A round whose
/// digest is the same folds this instead of reading every file's stored outcomes.
public struct LedgerSummary: Sendable, Equatable {
    public var digest: [UInt8]
    public var items: Int
    public var body: [UInt8]

    public init(digest: [UInt8], items: Int, body: [UInt8]) {
        self.digest = digest
        self.items = items
        self.body = body
    }
}
