// The C boundary: the only file that imports CLibXML2 (or the C library), and the only one with unsafe code.
private import CLibXML2
#if canImport(Glibc)
private import Glibc
#elseif canImport(Darwin)
private import Darwin
#endif

/// Parses sanitized UTF-8 HTML with libxml2's HTML parser in SAX mode, feeding each start tag, end tag
/// and text run straight into a `TextAssembler`. No tree is built: libxml2's tree builder would only
/// replay the same events into nodes, and building and freeing them costs as much as the parse itself.
enum LibXML2Parser {
    /// `xmlInitParser` runs once per process; Swift runs a static initializer exactly once, thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        clibxml2_silence_errors()
        return true
    }()

    /// The libxml2 loaded at run time (2.9.14 is 20914); 0 when it cannot be read.
    static let loadedVersion: Int = unsafe Int(String(cString: clibxml2_parser_version())) ?? 0

    /// Open elements at which the nesting guard stops a parse. libxml2's name stack has no limit of its
    /// own, but a stray end tag scans all of it, so hostile nesting would make a parse quadratic.
    static let maxOpenNodes = 240

    /// Recover from broken markup, never use the network, report nothing, add no default doctype, and
    /// ignore `<meta charset>`: the input is UTF-8 already.
    private static let parseOptions = Int32(
        bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses `bytes` (valid UTF-8, no NUL) into `assembler`.
    ///
    /// A document nested deeper than `maxOpenNodes` is cut at the start tag that went too deep; the rest
    /// is parsed again as a new document, at most `maxRestarts` times.
    static func parse(_ bytes: [UInt8], deferred: DeferredValues, maxRestarts: Int, into assembler: inout TextAssembler) {
        guard initialized, !bytes.isEmpty else { return }
        // libxml2 keeps error handlers per thread: silence this one (the initializer ran on another).
        clibxml2_silence_errors()
        var offset = 0
        var restarts = 0
        while offset < bytes.count {
            guard let stop = parseSegment(bytes, from: offset, deferred: deferred, into: &assembler) else { return }
            assembler.noteLimit(.nestingDepth)
            guard restarts < maxRestarts else { return }
            restarts += 1
            var next = offset + stop.offset
            // The parse stopped before the `>` or `/>` that closes the start tag.
            if next < bytes.count, bytes[next] == 0x3E {
                next += 1
            } else if next + 1 < bytes.count, bytes[next] == 0x2F, bytes[next + 1] == 0x3E {
                next += 2
            }
            if let rawText = stop.rawTextElement {
                // The content of that `script` or `style` is not text: resume at its end tag.
                next = InputSanitizer.endOfRawText(in: bytes, from: next, element: rawText)
            }
            guard next > offset else { return }
            offset = next
            if offset < bytes.count, bytes[offset] != 0x3C, !isBlank(bytes[offset]) {
                assembler.continueInline()
            }
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private struct Stop {
        /// Where the parse stopped, relative to the segment's start.
        var offset: Int
        /// `script` or `style` when the start tag that stopped the parse opened raw text.
        var rawTextElement: [UInt8]?
    }

    /// What the SAX callbacks of one parse share, reached through the context's `_private` pointer.
    @unsafe private struct Sink {
        let assembler: UnsafeMutablePointer<TextAssembler>
        /// The attribute values that stand as placeholders in the parsed bytes.
        let deferred: UnsafePointer<DeferredValues>
        /// Elements opened and not yet closed.
        var openElements = 0
        /// Set when the nesting guard stopped the parse; every later event is ignored.
        var stop: Stop?
    }

    /// Parses `bytes[offset...]` as one document. Returns where the nesting guard stopped the parse,
    /// or nil when it read to the end.
    private static func parseSegment(
        _ bytes: [UInt8], from offset: Int, deferred: DeferredValues, into assembler: inout TextAssembler
    ) -> Stop? {
        guard let context = ParserContext() else { return nil }
        var deferred = deferred
        return unsafe withUnsafeMutablePointer(to: &assembler) { assemblerPointer -> Stop? in
          unsafe withUnsafePointer(to: &deferred) { deferredPointer -> Stop? in
            var sink = unsafe Sink(assembler: assemblerPointer, deferred: deferredPointer)
            unsafe withUnsafeMutablePointer(to: &sink) { sinkPointer in
                unsafe context.install(sink: UnsafeMutableRawPointer(sinkPointer))
                unsafe bytes.withUnsafeBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    let start = unsafe base.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                    let size = Int32(clamping: raw.count - offset)
                    // Without a startDocument handler libxml2 builds no document; free one if it ever does.
                    if let document = unsafe htmlCtxtReadMemory(context.pointer, start, size, nil, "UTF-8", parseOptions) {
                        unsafe xmlFreeDoc(document)
                    }
                }
            }
            // Elements still open at a cut only end because of it: close them without line breaks.
            let (stillOpen, stopped) = unsafe (sink.openElements, sink.stop)
            for _ in 0..<stillOpen { unsafe assemblerPointer.pointee.closeElement(unwinding: stopped != nil) }
            guard var stop = stopped else { return nil }
            // A position outside the segment cannot be resumed from: report a stop at its end.
            let size = bytes.count - offset
            if !(1...size).contains(stop.offset) { stop.offset = size }
            return stop
          }
        }
    }

    // MARK: - SAX callbacks

    /// The sink of the parse that `context` (libxml2 passes the parser context as user data) belongs to.
    private static func sink(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Sink>? {
        guard let context = unsafe context else { return nil }
        let parser = unsafe context.assumingMemoryBound(to: htmlParserCtxt.self)
        guard let sink = unsafe parser.pointee._private else { return nil }
        let pointer = unsafe sink.assumingMemoryBound(to: Sink.self)
        return unsafe pointer.pointee.stop == nil ? pointer : nil
    }

    fileprivate static let startElement: startElementSAXFunc = { context, name, attributes in
        guard let sink = unsafe sink(context) else { return }
        if unsafe sink.pointee.openElements >= maxOpenNodes {
            unsafe stopParse(context, at: name, sink: sink)
            return
        }
        unsafe sink.pointee.openElements += 1
        let kind = ElementKind.named(unsafe nameKey(name))
        let read = unsafe attributes.map { unsafe readAttributes($0, deferred: sink.pointee.deferred) } ?? .none
        unsafe sink.pointee.assembler.pointee.openElement(kind, attributes: read)
    }

    fileprivate static let endElement: endElementSAXFunc = { context, _ in
        guard let sink = unsafe sink(context), unsafe sink.pointee.openElements > 0 else { return }
        unsafe sink.pointee.openElements -= 1
        unsafe sink.pointee.assembler.pointee.closeElement(unwinding: false)
    }

    /// Text, and the raw text of `script` and `style` (which the assembler does not show). Text outside
    /// any element is white space between top-level tags; a tree would not keep it either.
    fileprivate static let characters: charactersSAXFunc = { context, characters, length in
        guard let sink = unsafe sink(context), unsafe sink.pointee.openElements > 0,
            let characters = unsafe characters, length > 0
        else { return }
        unsafe sink.pointee.assembler.pointee.appendText(UnsafeBufferPointer(start: characters, count: Int(length)))
    }

    /// Stops the parse at the start tag `name`, remembering where it ended.
    private static func stopParse(_ context: UnsafeMutableRawPointer?, at name: UnsafePointer<xmlChar>?, sink: UnsafeMutablePointer<Sink>) {
        guard let context = unsafe context else { return }
        let parser = unsafe context.assumingMemoryBound(to: htmlParserCtxt.self)
        // Not xmlByteConsumed(): in 2.9.14 it miscounts by 32000-byte steps when more than 32000 bytes
        // remain. The UTF-8 "conversion" copies bytes unchanged, so the decoded position is the input's.
        var offset = -2
        if let input = unsafe parser.pointee.input, let current = unsafe input.pointee.cur, let base = unsafe input.pointee.base {
            offset = unsafe Int(input.pointee.consumed) + (current - base)
        }
        var rawText: [UInt8]?
        if let key = unsafe nameKey(name) {
            if key == scriptKey { rawText = Array("script".utf8) }
            if key == styleKey { rawText = Array("style".utf8) }
        }
        unsafe sink.pointee.stop = Stop(offset: offset, rawTextElement: rawText)
        unsafe xmlStopParser(parser)
    }

    private static let scriptKey = NameKey(lowercasedASCII: "script".utf8)
    private static let styleKey = NameKey(lowercasedASCII: "style".utf8)

    /// The packed lower-case name, or nil when it is longer than any name in the tables.
    private static func nameKey(_ name: UnsafePointer<xmlChar>?) -> NameKey? {
        guard let name = unsafe name else { return nil }
        var length = 0
        while length <= NameKey.maxLength, unsafe name[length] != 0 { length += 1 }
        guard length <= NameKey.maxLength else { return nil }
        return unsafe NameKey(lowercasedASCII: UnsafeBufferPointer(start: name, count: length))
    }

    /// The values of the attributes in `AttributeName` from libxml2's NULL-terminated name/value list
    /// (libxml2 has already dropped repeated attributes, keeping the first). A value-less attribute
    /// reads as empty. A `style` is only kept when it mentions `display` (all the assembler looks at).
    private static func readAttributes(
        _ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, deferred: UnsafePointer<DeferredValues>
    ) -> ElementAttributes {
        var attributes = ElementAttributes()
        var index = 0
        while let name = unsafe list[index] {
            let value = unsafe list[index + 1]
            if let key = AttributeName.named(unsafe nameKey(name)), attributes[key] == nil {
                attributes[key] = unsafe text(of: value, onlyIfContaining: key == .style ? Self.display : nil, deferred: deferred)
            }
            index += 2
        }
        return attributes
    }

    private static let display = Array("display".utf8)

    private static func text(
        of value: UnsafePointer<xmlChar>?, onlyIfContaining needle: [UInt8]?, deferred: UnsafePointer<DeferredValues>
    ) -> String? {
        guard let value = unsafe value else { return needle == nil ? "" : nil }
        let bytes = unsafe UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value)))
        if let needle, unsafe !ASCIIBytes.contains(bytes, caseInsensitive: needle) { return nil }
        if needle == nil, let original = unsafe deferred.pointee.value(ofPlaceholder: bytes) { return original }
        return unsafe String(decoding: bytes, as: UTF8.self)
    }
}

/// Owns a libxml2 parser context for the duration of one parse.
@safe private struct ParserContext: ~Copyable {
    let pointer: htmlParserCtxtPtr

    init?() {
        guard let pointer = unsafe htmlNewParserCtxt() else { return nil }
        unsafe self.pointer = pointer
    }

    /// Replaces libxml2's tree builder with the text callbacks, which reach `sink` through `_private`.
    /// Comments, processing instructions, the doctype and ignorable white space have no handler.
    func install(sink: UnsafeMutableRawPointer) {
        var handler = unsafe htmlSAXHandler()
        unsafe handler.initialized = 1
        unsafe handler.startElement = LibXML2Parser.startElement
        unsafe handler.endElement = LibXML2Parser.endElement
        unsafe handler.characters = LibXML2Parser.characters
        unsafe handler.cdataBlock = LibXML2Parser.characters
        unsafe pointer.pointee.sax.pointee = handler
        unsafe pointer.pointee._private = sink
    }

    deinit {
        unsafe htmlFreeParserCtxt(pointer)
    }
}

/// Finding one byte in a large buffer with the C library's `memchr` (vectorised), for the sanitizer's
/// scans over whole documents; a Swift loop reads a byte at a time.
enum ByteSearch {
    /// The index of the first `byte` in `bytes[start..<end]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        let start = max(start, 0)
        let end = min(end, bytes.count)
        guard start < end else { return nil }
        return unsafe bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                let hit = unsafe memchr(base + start, Int32(byte), end - start)
            else { return nil }
            return unsafe UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
    }

    /// The index of the first `byte` in `bytes[start...]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        firstIndex(of: byte, in: bytes, from: start, to: bytes.count)
    }
}
