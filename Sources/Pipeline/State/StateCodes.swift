/// Diagnostic codes a stateful run produces or reads.
enum StateCodes {
    /// A file the state recorded below the inputs is no longer there.
    static let inputGone = "input.gone"
    /// Codes that say a file ended inside a value or a message: a file still being written, for a watch.
    static let cutAtEnd: Set<String> = ["graph.unexpected-end-of-file", "mbox.truncated-at-eof", "mime.truncated"]
}
