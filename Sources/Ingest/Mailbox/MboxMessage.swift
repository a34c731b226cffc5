package import MailModel

/// One message read from an mbox file by `MboxReader`.
///
/// Byte ranges are offsets in the file. The `span`s of the messages a reader yields tile the file:
/// the first starts at 0, each starts where the previous one ends, and the last ends at the end of the
/// file. Inside a span, in order:
/// - `span.lowerBound ..< offset`: bytes before the first `From ` line (a UTF-8 BOM, blank lines or
///   junk, reported in `notes` as `mbox.leading-garbage` unless it is only a BOM). Empty except for
///   the first message.
/// - `offset ..< contentRange.lowerBound`: the `From ` line and its line break (empty when
///   `fromLine` is nil, i.e. for leading bytes read as a message).
/// - `contentRange`: the message as stored in the file (still `>From `-quoted).
/// - `contentRange.upperBound ..< span.upperBound`: the blank line that separates it from the next
///   `From ` line (or ends the file): empty or one line break.
package struct MboxMessage: Sendable, Hashable {
    /// 0-based index in the file, in file order.
    package var index: Int
    /// Byte offset of the message's `From ` line; for leading bytes read as a message (no `From `
    /// line), the offset of their first byte.
    package var offset: Int
    /// The `From ` separator line without its line break; nil for leading bytes read as a message.
    package var fromLine: [UInt8]?
    /// The message's bytes in the file (without the `From ` line and the separating blank line).
    package var contentRange: Range<Int>
    /// Everything this message accounts for in the file (see the type's documentation).
    package var span: Range<Int>
    /// The message to parse: the bytes of `contentRange` with `>From ` quoting removed (see
    /// `MboxReader.Unquoting`), at most `MboxReader.Options.maxMessageBytes` long.
    package var bytes: [UInt8]
    /// What was odd about this message or its place in the file (`mbox.*` codes), in file order.
    package var notes: [Diagnostic]
    /// §10 `source`: format `mbox`, the reader's path, `index` and `offset`.
    package var source: MessageSource

    package init(index: Int, offset: Int, fromLine: [UInt8]?, contentRange: Range<Int>, span: Range<Int>,
                 bytes: [UInt8], notes: [Diagnostic], source: MessageSource) {
        self.index = index
        self.offset = offset
        self.fromLine = fromLine
        self.contentRange = contentRange
        self.span = span
        self.bytes = bytes
        self.notes = notes
        self.source = source
    }
}

extension MboxReader {
    /// Where an mbox file can be read again from once bytes were appended: the `From ` line of a
    /// message the reader had reached, with what it knew there. Everything before it stays as it was
    /// read; the message there and those after it are read again.
    package struct ResumePoint: Sendable, Hashable, Codable {
        /// File offset of the message's `From ` line.
        package var offset: Int
        /// The message's index in the file.
        package var index: Int
        /// The 1-based line of its `From ` line.
        package var line: Int
        /// Notes the message has because of the lines before it (no blank line before its `From ` line).
        package var carriedNotes: [Diagnostic]
    }
}
