/// The reader's state, one owner each: the events read ahead, the file's top level, the streamed
/// containers open, and the invalid text being skipped.
extension JSONStreamReader {
    /// Events read ahead of the caller, in order. A look-ahead pass keeps none: it only notes that
    /// something would have been yielded.
    struct EventQueue {
        let keepsEvents: Bool
        private var events: [JSONStreamEvent] = []
        private var head = 0
        /// Whether anything was yielded (else the file is reported empty).
        private(set) var emittedAny = false
        /// The end of the text was reached and reported: no event follows those queued.
        var isFinished = false

        init(keepsEvents: Bool, emittedAny: Bool = false) {
            self.keepsEvents = keepsEvents
            self.emittedAny = emittedAny
        }

        /// Every event read ahead was handed out.
        var isDrained: Bool { head >= events.count }

        mutating func append(_ event: @autoclosure () -> JSONStreamEvent) {
            emittedAny = true
            if keepsEvents { events.append(event()) }
        }

        mutating func next() -> JSONStreamEvent? {
            guard head < events.count else {
                if head > 0 {
                    events.removeAll(keepingCapacity: true)
                    head = 0
                }
                return nil
            }
            head += 1
            return events[head - 1]
        }
    }

    /// The file's top level: how many values it held so far, and its shape.
    struct TopLevel {
        /// Top-level values read or lost so far.
        var valueIndex = 0
        /// The shape below was learned (before the first value).
        var lookedAhead = false
        var isJSONLines = false
        var hasSeveralValues = false
        /// A stray comma between top-level values was noted (once per file).
        var reportedStrayComma = false

        /// The pointer of the next top-level value (see ``GraphLocation``).
        var pointer: String {
            guard !isJSONLines else { return "" }
            return (hasSeveralValues || valueIndex > 0) ? "/\(valueIndex)" : ""
        }
    }

    /// A streamed container: a top-level array (or a page's `value` array), or a collection page.
    struct Container {
        enum Kind {
            case array, page

            /// The byte that closes the container.
            var closer: UInt8 { self == .array ? UInt8(ascii: "]") : UInt8(ascii: "}") }
            /// What it holds, for messages.
            var item: String { self == .array ? "array element" : "object member" }
        }

        let kind: Kind
        let location: GraphLocation
        let pointer: String
        let depth: Int
        /// Stream offset of the container's first byte.
        let start: Int
        /// Elements (of an array, or of a page's `value` array) seen, read or not.
        var count = 0
        /// An item was read: a separator (or the closer) comes next.
        var expectingSeparator = false
        /// Array: indentation of its first element (for resynchronisation).
        var indent: Int?
        /// Page: its members other than `value`, and their diagnostics.
        var members: [JSONMember] = []
        var memberDiagnostics: [GraphDiagnostic] = []
        /// Page: its `value` array is (or was) streamed.
        var streamedValue = false
        /// Page: `@odata.context` was written before `value`.
        var hasContext = false
        /// Page whose `@odata.context` was not written before `value`: all its members, read ahead.
        var membersReadAhead: JSONObject?

        init(_ kind: Kind, location: GraphLocation, pointer: String, depth: Int, start: Int) {
            self.kind = kind
            self.location = location
            self.pointer = pointer
            self.depth = depth
            self.start = start
        }
    }

    /// Invalid text being skipped: reported when reading resumes, with how much was lost and where
    /// the reader went.
    struct InvalidRegion {
        var diagnostic: GraphDiagnostic
        var reason: String
        /// File offset where the lost text starts.
        var skipFromFileOffset: Int
        var skipTo: Int
        /// File offset of `skipTo`, taken while the window still maps it.
        var skipToFileOffset: Int
        var target = ""
    }
}
