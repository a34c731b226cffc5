/// Where a PST item is: its folder, from the root and as a mail folder.
public struct PSTFolder: Sendable, Hashable {
    /// Folder names from the root folder down (`["Top of Outlook data file", "Inbox", "tmp"]`).
    public var path: [String]
    /// The folder below the store's top of mail folders (PidTagIpmSubTreeEntryId): `["Inbox", "tmp"]`;
    /// the whole path for folders outside it (search folders, `Freebusy Data`).
    public var mailPath: [String]
    /// libpff's identifier of the folder.
    public var descriptor: UInt32?

    public init(path: [String], mailPath: [String], descriptor: UInt32?) {
        self.path = path
        self.mailPath = mailPath
        self.descriptor = descriptor
    }

    /// `Top of Outlook data file/Inbox/tmp`.
    public var pathString: String { path.joined(separator: "/") }
}
