/// How the Graph JSON reader reads a file: buffer size and the limits that protect it from hostile
/// input. Reaching a limit never aborts: it records a diagnostic and degrades in the documented way.
public struct GraphReaderOptions: Sendable, Hashable {
    /// Size of the sliding read buffer, in bytes. The buffer grows past it only while one value
    /// (an array element, or a member of a top-level object) larger than the buffer is read, and
    /// shrinks back afterwards. What is read never depends on it — only speed and memory do (a
    /// look-ahead pass over a page may use a second buffer of this size). Default: 4 MiB. The
    /// smallest is 1 byte (4 for UTF-16 text, one transcoded character); sizes that small are for
    /// testing that invariance.
    public var bufferSize: Int = 4 << 20
    /// Largest single value kept, in bytes of UTF-8 text: one array element, one member of a
    /// top-level object, or a top-level scalar. A larger value is skipped (`graph.value-too-large`),
    /// whatever the buffer size (only its first `maxValueBytes + 1` bytes are parsed).
    /// Default: 512 MiB (a message with tens of MB of base64 attachments fits).
    public var maxValueBytes: Int = 512 << 20
    /// Deepest JSON nesting read, counting the top-level container as 1. A deeper object or array is
    /// read as `null` (`graph.nesting-too-deep`). Default: 256 (a message with attached items eight
    /// levels deep is about 40).
    public var maxNestingDepth: Int = 256
    /// Deepest chain of item attachments (a message attached to a message attached to ...) read into
    /// ``GraphMessage`` values; a deeper item is kept raw (`graph.nesting-too-deep`). Default: 8.
    public var maxItemAttachmentDepth: Int = 8
    /// Accept raw control characters (< 0x20) inside strings, as Corso's sanitizer does, with a
    /// `graph.control-character` note. When `false` they make the value invalid. Default: `true`.
    public var lenientControlCharacters: Bool = true

    /// Whether records carry their resources' fields. With `false` each record has its kind and
    /// location only (a message, an attachment, ... with every field absent, no diagnostics about
    /// fields): for a pass that only needs to know what is where, about twice as fast. Default: `true`.
    public var readsFields: Bool = true

    /// What an object is read as when neither its `@odata.type`, the `@odata.context` in effect nor
    /// its keys say what it is; `nil` (the default) reads it as ``GraphOther`` of kind `unknown-object`.
    /// For a file whose name says what it holds: a hand-made `mailFolders.json` of
    /// `[{"id": ..., "displayName": ...}]` is a folder list.
    public var untypedObjects: UntypedObjectKind?

    /// What ``untypedObjects`` may assume.
    public enum UntypedObjectKind: Sendable, Hashable {
        /// A ``GraphMailFolder``, when the object has an `id` or a `displayName`.
        case folder
    }

    public init() {}

    /// The default options.
    public static let `default` = GraphReaderOptions()
}
