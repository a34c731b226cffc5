// The C boundary: the only file that imports CLibXML2, and the only one with unsafe code.
private import CLibXML2

/// Parses sanitized UTF-8 HTML with libxml2 and walks each resulting tree into a `TextAssembler`.
enum LibXML2Parser {
    /// `xmlInitParser` runs once per process; Swift runs a static initializer exactly once, thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        clibxml2_silence_errors()
        return true
    }()

    /// Open nodes at which the nesting guard stops a parse; libxml2 2.9 itself halts above 256
    /// (without `XML_PARSE_HUGE`, which would let stray end tags scan an unbounded stack instead).
    private static let maxOpenNodes: Int32 = 240

    /// Recover from broken markup, never use the network, report nothing, keep small texts inline,
    /// add no default doctype, and ignore `<meta charset>`: the input is UTF-8 already.
    private static let parseOptions = Int32(
        bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses `bytes` (valid UTF-8, no NUL) into `assembler`.
    ///
    /// A document nested deeper than `maxOpenNodes` is cut at the start tag that went too deep; the rest
    /// is parsed again as a new document, at most `maxRestarts` times.
    static func parse(_ bytes: [UInt8], maxRestarts: Int, into assembler: inout TextAssembler) {
        guard initialized, !bytes.isEmpty else { return }
        // libxml2 keeps error handlers per thread: silence this one (the initializer ran on another).
        clibxml2_silence_errors()
        var offset = 0
        var restarts = 0
        while offset < bytes.count {
            guard let stop = parseSegment(bytes, from: offset, into: &assembler) else { return }
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

    /// Parses `bytes[offset...]` as one document and walks it. Returns where the nesting guard stopped
    /// the parse, or nil when it read to the end.
    private static func parseSegment(_ bytes: [UInt8], from offset: Int, into assembler: inout TextAssembler) -> Stop? {
        guard let context = ParserContext() else { return nil }
        var nestingGuard = unsafe clibxml2_nesting_guard(
            maxOpenNodes: maxOpenNodes, stopOffset: -1, stopRawText: 0, next: nil)
        let parsed: htmlDocPtr? = unsafe withUnsafeMutablePointer(to: &nestingGuard) { guardPointer in
            guard unsafe clibxml2_install_nesting_guard(context.pointer, guardPointer) == 0 else { return nil }
            return unsafe bytes.withUnsafeBytes { raw -> htmlDocPtr? in
                guard let base = raw.baseAddress else { return nil }
                let start = unsafe base.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                let size = Int32(clamping: raw.count - offset)
                return unsafe htmlCtxtReadMemory(context.pointer, start, size, nil, "UTF-8", parseOptions)
            }
        }
        // From here the document has exactly one owner, which frees it at the end of this scope.
        let stopped = nestingGuard.stopOffset != -1
        if let document = unsafe ParsedDocument(parsed) {
            walk(document, cut: stopped, into: &assembler)
        }
        guard stopped else { return nil }
        // A position outside the segment cannot be resumed from: report a stop at its end.
        let size = bytes.count - offset
        let stopOffset = (1...size).contains(nestingGuard.stopOffset) ? nestingGuard.stopOffset : size
        let rawText: [UInt8]? =
            switch nestingGuard.stopRawText {
            case 1: Array("script".utf8)
            case 2: Array("style".utf8)
            default: nil
            }
        return Stop(offset: stopOffset, rawTextElement: rawText)
    }

    // MARK: - Walking the tree

    /// Visits the document in order without recursion, following child, next and parent links.
    ///
    /// When the parse was `cut`, the elements still open after the last node only end because of the
    /// cut: they are closed as `unwinding`, without line breaks.
    private static func walk(_ document: borrowing ParsedDocument, cut: Bool, into assembler: inout TextAssembler) {
        let lastNode = cut ? unsafe lastDescendant(of: document.pointer) : nil
        var unwinding = false
        var node = unsafe document.pointer.pointee.children
        while let current = unsafe node {
            if unsafe current == lastNode { unwinding = true }
            var hasChildren = false
            switch unsafe current.pointee.type {
            case XML_ELEMENT_NODE:
                let kind = ElementKind.named(unsafe nameKey(current.pointee.name))
                let attributes = unsafe current.pointee.properties != nil ? readAttributes(of: current) : .none
                assembler.openElement(kind, attributes: attributes)
                hasChildren = unsafe current.pointee.children != nil
                if !hasChildren { assembler.closeElement(unwinding: unwinding) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = unsafe current.pointee.content {
                    let text = unsafe UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
                    unsafe assembler.appendText(text)
                }
            default:
                break  // comments, processing instructions, DTD
            }
            if hasChildren {
                unsafe node = current.pointee.children
                continue
            }
            // No children: go to the next sibling, closing the elements we climb out of.
            var climber = unsafe current
            while unsafe climber.pointee.next == nil {
                guard let parent = unsafe climber.pointee.parent, unsafe parent.pointee.type == XML_ELEMENT_NODE else {
                    return  // back at the document node
                }
                assembler.closeElement(unwinding: unwinding)
                unsafe climber = parent
            }
            unsafe node = climber.pointee.next
        }
    }

    /// The last node in document order: the deepest last child.
    private static func lastDescendant(of document: htmlDocPtr) -> xmlNodePtr? {
        var node = unsafe document.pointee.last
        while let current = unsafe node, let child = unsafe current.pointee.last {
            unsafe node = child
        }
        return unsafe node
    }

    /// The packed lower-case name, or nil when it is longer than any name in the tables.
    private static func nameKey(_ name: UnsafePointer<xmlChar>?) -> NameKey? {
        guard let name = unsafe name else { return nil }
        var length = 0
        while length <= NameKey.maxLength, unsafe name[length] != 0 { length += 1 }
        guard length <= NameKey.maxLength else { return nil }
        return unsafe NameKey(lowercasedASCII: UnsafeBufferPointer(start: name, count: length))
    }

    /// The values of the attributes in `AttributeName`; the first of duplicates wins, as libxml2 keeps it.
    /// A `style` is only kept when it mentions `display` (the only property the assembler looks at).
    private static func readAttributes(of element: xmlNodePtr) -> ElementAttributes {
        var attributes = ElementAttributes()
        var property = unsafe element.pointee.properties
        while let attribute = unsafe property {
            if let name = AttributeName.named(unsafe nameKey(attribute.pointee.name)), attributes[name] == nil {
                attributes[name] = unsafe value(of: attribute, onlyIfContaining: name == .style ? Self.display : nil)
            }
            unsafe property = attribute.pointee.next
        }
        return attributes
    }

    private static let display = Array("display".utf8)

    /// An attribute's value: the text of its child nodes (libxml2 gives HTML attributes one text child).
    private static func value(of attribute: xmlAttrPtr, onlyIfContaining needle: [UInt8]?) -> String? {
        guard let first = unsafe attribute.pointee.children else { return "" }
        if unsafe first.pointee.next == nil {
            guard let content = unsafe first.pointee.content else { return "" }
            let bytes = unsafe UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
            if let needle, unsafe !ASCIIBytes.contains(bytes, caseInsensitive: needle) { return nil }
            return unsafe String(decoding: bytes, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        var child: xmlNodePtr? = unsafe first
        while let node = unsafe child {
            if let content = unsafe node.pointee.content {
                unsafe bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
            }
            unsafe child = node.pointee.next
        }
        if let needle, !ASCIIBytes.contains(bytes, caseInsensitive: needle) { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Owns a libxml2 parser context for the duration of one parse.
@safe private struct ParserContext: ~Copyable {
    let pointer: htmlParserCtxtPtr

    init?() {
        guard let pointer = unsafe htmlNewParserCtxt() else { return nil }
        unsafe self.pointer = pointer
    }

    deinit {
        unsafe htmlFreeParserCtxt(pointer)
    }
}

/// Owns one parsed document; freeing it is the only way its nodes go away.
@safe private struct ParsedDocument: ~Copyable {
    let pointer: htmlDocPtr

    init?(_ pointer: htmlDocPtr?) {
        guard let pointer = unsafe pointer else { return nil }
        unsafe self.pointer = pointer
    }

    deinit {
        unsafe xmlFreeDoc(pointer)
    }
}
