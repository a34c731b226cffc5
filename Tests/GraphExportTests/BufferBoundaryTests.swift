import GraphExport
import Testing

/// What a read depends on must not depend on how much of the line is still in the read buffer
/// (found by fuzzing: `Fixtures/fuzz-regressions/graph/`).
@Suite struct BufferBoundaryTests {
    static let sizes = [16, 17, 23, 40, 4 << 20]

    @Test func columnsOfALineThatBeganBeforeTheBuffer() {
        // A string after 40 blanks, with a raw control character and invalid UTF-8: the second
        // diagnostic is placed (at the string, column 41) after the first moved the line counter on.
        let bytes = Array(repeating: UInt8(ascii: " "), count: 40) + Array(#""a"#.utf8) + [0x04, 0xFF, 0x22]
        for size in Self.sizes {
            var options = GraphReaderOptions()
            options.bufferSize = size
            let r = read(bytes: bytes, options: options)
            let utf8 = r.others.first?.0.diagnostics.first { $0.code == .invalidUTF8 }
            #expect(utf8?.line == 1 && utf8?.column == 41 && utf8?.byteOffset == 40, "buffer \(size): \(String(describing: utf8))")
        }
    }

    @Test func invalidElementResumesAtTheElementIndentationWhateverTheBuffer() {
        // The second element opens brackets it never closes: only the indentation of the first
        // element (whose line began before a small buffer) shows where the third one starts.
        let text = """
            {
              "value": [
                {
                  "subject": "one"
                },
                {
                  "subject": "two", "x": {{{ "y"
                },
                {
                  "subject": "three"
                }
              ]
            }
            """
        let reference = read(text)
        #expect(reference.messages.map { $0.0.subject.v } == ["one", "three"])
        #expect(reference.codes == ["graph.invalid-json"])
        for size in Self.sizes {
            var options = GraphReaderOptions()
            options.bufferSize = size
            #expect(render(read(text, options: options)) == render(reference), "buffer \(size)")
        }
    }

    @Test func bytesSkippedInUTF16AreCountedWhereReadingResumed() {
        // UTF-16LE without a BOM; element 0 starts with a character that cannot start a value, so
        // reading resumes after the comma (file offset 14): 6 bytes skipped. The diagnostic is
        // written only after the next failures, when a small buffer has moved on.
        let text = "[\n  \u{0A7B}\u{0},\"\n\u{0A5D}\u{4100}\u{7272}\u{FFFF}\n\"\n]"
        let bytes = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let reference = read(bytes: bytes)
        #expect(reference.encoding == .utf16LENoBOM)
        #expect(reference.diagnostics.first?.message.contains("6 bytes were skipped up to the next array element") == true)
        for size in Self.sizes {
            var options = GraphReaderOptions()
            options.bufferSize = size
            let r = read(bytes: bytes, options: options)
            #expect(r.diagnostics.map(\.message) == reference.diagnostics.map(\.message), "buffer \(size)")
        }
    }
}
