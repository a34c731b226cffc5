/// Where a value is in its file.
///
/// **Pointers.** `pointer` is a JSON pointer (RFC 6901) to the value:
/// - a file holding one top-level value: relative to it — `""` for a single object, `/3` for
///   element 3 of a bare array, `/value/3` for element 3 of a collection page;
/// - a file holding several concatenated top-level values (PowerShell `-Append`, TokenTactics
///   pages printed one after another): prefixed with the 0-based index of the top-level value, as if
///   the values were elements of one array — `/0/value/3`, `/2/5`, `/1`. The reader knows that there
///   are several values by scanning past the first one (reading the file again, however large that
///   value is) before yielding anything;
/// - JSON Lines: relative to the line's value (`""`, `/2`, `/value/2`), and ``jsonLine`` holds the
///   1-based line number — that pair is the location.
public struct GraphLocation: Sendable, Hashable, CustomStringConvertible {
    /// JSON pointer of the value (see the type's documentation).
    public var pointer: String
    /// Byte offset of the value's first byte in the file (the original bytes: BOM included, UTF-16
    /// code units counted as they are on disk).
    public var byteOffset: Int
    /// 1-based line of the value's first byte.
    public var line: Int
    /// 1-based column of the value's first byte, in bytes of the line's UTF-8 text.
    public var column: Int
    /// 0-based index of the top-level value that holds this value.
    public var valueIndex: Int
    /// For a JSON Lines file: the 1-based line the value is on; `nil` for other files.
    public var jsonLine: Int?
    /// The `@odata.context` in effect for the value: its own when it has one, else the one of the
    /// collection page that holds it. The mailbox owner comes from it (``GraphContext/mailbox(fromContext:)``).
    public var odataContext: String?
    /// The `id` of the JSON batching response the value is in (`{"responses": [{"id": "3", ...}]}`),
    /// when it is inside one.
    public var batchResponseID: String?

    public init(
        pointer: String, byteOffset: Int, line: Int, column: Int, valueIndex: Int, jsonLine: Int? = nil,
        odataContext: String? = nil
    ) {
        self.pointer = pointer
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.valueIndex = valueIndex
        self.jsonLine = jsonLine
        self.odataContext = odataContext
    }

    /// The mailbox owner named by ``odataContext`` (`users('...')`, URL-decoded), if any.
    public var mailbox: String? { odataContext.flatMap { GraphContext.mailbox(fromContext: $0) } }

    /// `line 7` for JSON Lines (`line 7 /2` for an element of an array line), else the pointer
    /// (`/value/3`, or `""` for a single top-level object).
    public var description: String {
        if let jsonLine { return pointer.isEmpty ? "line \(jsonLine)" : "line \(jsonLine) \(pointer)" }
        return pointer.isEmpty ? "\"\"" : pointer
    }
}
