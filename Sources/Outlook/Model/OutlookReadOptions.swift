import MailModel

/// How Outlook files are read, and the limits that keep a hostile file from exhausting memory or time.
/// Hitting a limit is a diagnostic on the item or file, never a crash.
public struct OutlookReadOptions: Sendable, Hashable {
    /// Include deleted items libpff recovers from unallocated space (`--recovered`). Default: off.
    public var includeRecovered = false
    /// Bytes read for one attachment (or one `.msg` stream); a larger one is listed without bytes
    /// (`outlook.attachment-too-large`). Default: 256 MiB.
    public var maxAttachmentBytes = 256 << 20
    /// Attached messages inside attached messages. Default: 16.
    public var maxEmbeddingDepth = 16
    /// Folder nesting in a PST. Default: 64.
    public var maxFolderDepth = 64
    /// Attachments read per message. Default: 4096.
    public var maxAttachments = 4096

    public init() {}
}

/// An Outlook file that cannot be opened or read at all (missing, truncated, corrupt, not one).
/// Everything wrong inside a readable file is an ``OutlookDiagnostic`` instead.
public struct OutlookFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: OutlookDiagnostic.Code
    /// One sentence: what is wrong (libpff's or libolecf's words included).
    public var message: String
    public var path: String

    public init(code: OutlookDiagnostic.Code, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): error: [\(code.rawValue)] \(message)" }
}

/// What kind of Outlook file a file's first bytes announce.
public enum OutlookFileKind: String, Sendable, Hashable {
    /// A Personal Folders file (PST, OST, PAB): `!BDN`.
    case pst
    /// An OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`), which a `.msg` is (and Word, Excel files too).
    case compoundFile

    /// The kind the magic at the start of `prefix` announces, or `nil`.
    public static func sniff(_ prefix: some Collection<UInt8>) -> OutlookFileKind? {
        if prefix.starts(with: [0x21, 0x42, 0x44, 0x4E]) { return .pst }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile }
        return nil
    }
}
