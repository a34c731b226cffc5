/// Reads sanitized HTML without libxml2 when it can guarantee the same result: it tokenizes the bytes
/// itself and drives the `TextAssembler` with exactly the events libxml2 2.9.14's HTML parser would give
/// `LibXML2Parser`'s SAX callbacks (start and end elements with their attributes, text runs in the same
/// pieces), replicating the parts of libxml2 that decide them: lower-cased names, implied `html`, `head`,
/// `body` and `p`, start tags that close open elements, end tags with their priorities, empty elements,
/// entity and character references, attribute values, the 1000-byte text chunks.
///
/// libxml2 stays the reader for everything else. On any construct not replicated here (see `Bail`) the
/// reader gives up, and the caller throws its assembler away and parses with libxml2 instead. Marketing
/// mail is mostly simple markup, and libxml2 reads text character by character through function calls;
/// the direct reader scans bytes. `DirectReaderEquivalenceTests` compares both readers on every HTML
/// document available.
struct DirectHTMLReader {
    /// The libxml2 whose HTML parser this reader mirrors (2.9.14, as `xmlParserVersion` writes it). Under
    /// any other version libxml2 reads every document: its rules differ (2.14 rewrote the parser).
    static let mirroredLibXML2Version = 20914

    /// True when the libxml2 loaded at run time is the one this reader mirrors.
    static var mirrorsLoadedLibXML2: Bool { LibXML2Parser.loadedVersion == mirroredLibXML2Version }

    /// Why the reader gave up (for tests and measurements; the caller only needs to know that it did).
    enum Bail: Error, Equatable {
        /// `<!`, `<?`, `</` or `<` followed by what libxml2 reads in ways not replicated here (a comment
        /// or processing instruction the sanitizer left, `<_`, `<:`, a misplaced doctype followed by
        /// such a `<`).
        case markup
        /// A name libxml2 cuts or reads differently (100+ bytes, `.` in an element name), or an entity
        /// name that is not ASCII or ends the input.
        case name
        /// A tag or value that the end of the input cuts.
        case endOfInput
        /// A control character or U+FFFE/U+FFFF in text, which libxml2 drops.
        case character
        /// A character reference to something that is not a character in an attribute value (libxml2
        /// cuts the value there).
        case characterReference
        /// A misplaced `html`, `head` or `body` start tag ending in `/>`, which makes libxml2 end the
        /// current element.
        case misplacedTag
        /// `script` or `style` content that is not empty or not ended by its own end tag.
        case rawText
        /// Nesting as deep as `LibXML2Parser` cuts documents.
        case nesting
        /// A byte order mark after the first (libxml2 skips one).
        case byteOrderMark
    }

    private let input: [UInt8]
    private let deferred: DeferredValues
    private var index = 0
    private var assembler: TextAssembler
    /// libxml2's name stack (`nameTab`): the open elements, innermost last.
    private var names: [ElementName] = []
    /// libxml2's `ctxt->html` (3 once a `head` was pushed, 10 once a `body` was).
    private var sawHead = false
    private var sawBody = false
    /// libxml2's `ctxt->depth`: misplaced `html`, `head` and `body` start tags dropped so far; as many
    /// end tags of those three are ignored.
    private var droppedTags = 0

    /// libxml2 flushes a text run in pieces of at least this many bytes (HTML_PARSER_BIG_BUFFER_SIZE).
    private static let textChunkBytes = 1000
    /// libxml2 reads at most this many characters of a name (HTML_PARSER_BUFFER_SIZE).
    private static let maxNameLength = 100
    /// Deeper nesting goes to libxml2, whose parse `LibXML2Parser` cuts there.
    static let maxOpenElements = LibXML2Parser.maxOpenNodes

    init(input: [UInt8], deferred: DeferredValues, assembler: TextAssembler) {
        self.input = input
        self.deferred = deferred
        self.assembler = assembler
    }

    /// Reads the whole input into the assembler, or throws when libxml2 must read it instead (the
    /// assembler is then half-fed and must be discarded).
    mutating func read() throws(Bail) {
        // htmlDoRead's switch to UTF-8 skips one byte order mark.
        if hasPrefix(Self.byteOrderMark, at: 0) {
            index = 3
            if hasPrefix(Self.byteOrderMark, at: 3) { throw .byteOrderMark }
        }
        // htmlParseDocument: blanks before the first tag, then a doctype (which emits nothing here).
        skipBlanks()
        if byte(at: index) == 0x3C, byte(at: index + 1) == 0x21, isDoctype(at: index + 2) {
            try skipDoctype()
            skipBlanks()
        }
        // htmlParseContentInternal.
        let end = input.count
        while index < end {
            switch input[index] {
            case 0x3C:  // <
                let next = byte(at: index + 1)
                if HTMLNameBytes.isLetter(next) {
                    try startTag()
                } else if next == 0x2F {  // /
                    guard HTMLNameBytes.isLetter(byte(at: index + 2)) else { throw .markup }
                    try endTag()
                } else if next == 0x21, isDoctype(at: index + 2) {
                    // htmlParseContentInternal reads a misplaced doctype (emitting nothing) and goes
                    // straight on without its end-tag case: a `<` after it that starts no element
                    // would be read as text.
                    try skipDoctype()
                    if byte(at: index) == 0x3C, !HTMLNameBytes.isLetter(byte(at: index + 1)) { throw .markup }
                } else if next == 0x21 || next == 0x3F || next == 0x5F || next == 0x3A || next == 0 {  // ! ? _ :
                    throw .markup
                } else {
                    // A `<` that starts no markup is a character of its own, without an implied paragraph.
                    characters(Self.lessThan)
                    index += 1
                }
            case 0x26:  // &
                try reference()
            default:
                try characterData()
            }
        }
        // htmlAutoCloseOnEnd.
        while !names.isEmpty { endElement() }
    }

    /// Ends the walk after a successful `read()` and hands back the result.
    mutating func finish() -> ExtractedText {
        assembler.finish()
    }

    // MARK: - Elements

    /// libxml2's `htmlParseStartTag` and `htmlParseElementInternal`, from the `<` of a start tag.
    private mutating func startTag() throws(Bail) {
        index += 1
        let name = try elementName()
        autoClose(name.key)
        try checkImplied(name.key)
        let misplaced = (!names.isEmpty && name.key == Self.html) || (names.count != 1 && name.key == Self.head)
            || (name.key == Self.body && isOpen(Self.body))
        let attributes = try attributeList()
        if misplaced {
            // A misplaced `html`, `head` or `body` is dropped and counted. After `/>` libxml2 would end
            // the current element instead: left to it.
            guard byte(at: index) == 0x3E else { throw .misplacedTag }
            index += 1
            droppedTags += 1
            return
        }
        try startElement(name, attributes: attributes)
        if byte(at: index) == 0x2F {  // `/>`: ended at once, whatever the element
            index += 2
            endElement()
            return
        }
        index += 1  // >
        if let key = name.key, LibXML2HTMLRules.isEmpty(key) {
            endElement()
            return
        }
        if name.key == Self.script || name.key == Self.style {
            // The sanitizer dropped the raw text; libxml2 (in recovery mode) ends it at `</` and the
            // element's name, read by its end tag.
            guard byte(at: index) == 0x3C, byte(at: index + 1) == 0x2F,
                hasPrefix(name.key == Self.script ? Self.scriptName : Self.styleName, at: index + 2, caseInsensitive: true),
                !HTMLNameBytes.isNameByte(byte(at: index + 2 + name.length))
            else { throw .rawText }
        }
    }

    /// The attributes of a start tag up to (not including) its `>` or `/>`: libxml2's attribute loop in
    /// `htmlParseStartTag` with `htmlParseAttribute`. Only the values the assembler reads are kept, as
    /// `LibXML2Parser.readAttributes` keeps them; libxml2 keeps the first of repeated attributes.
    private mutating func attributeList() throws(Bail) -> ElementAttributes {
        var attributes = ElementAttributes.none
        var seen: UInt16 = 0
        let end = input.count
        skipBlanks()
        while true {
            guard index < end else { throw .endOfInput }
            let current = input[index]
            if current == 0x3E || (current == 0x2F && byte(at: index + 1) == 0x3E) { return attributes }
            guard HTMLNameBytes.isNameStart(current) else {
                // A bogus attribute is skipped to the next blank or the end of the tag.
                while index < end, !HTMLNameBytes.isBlank(input[index]), input[index] != 0x3E,
                    !(input[index] == 0x2F && byte(at: index + 1) == 0x3E)
                {
                    index += 1
                }
                skipBlanks()
                continue
            }
            let read = AttributeName.named(try readName().key)
            skipBlanks()
            var value: ArraySlice<UInt8>?
            var decoded: [UInt8]?
            if byte(at: index) == 0x3D {  // =
                index += 1
                skipBlanks()
                let isRead = read.map { seen & (1 << $0.rawValue) == 0 } ?? false
                (value, decoded) = try attributeValue(decoding: isRead)
            }
            skipBlanks()
            guard let read, seen & (1 << read.rawValue) == 0 else { continue }
            seen |= 1 << read.rawValue
            attributes[read] = attributeText(decoded.map { $0[...] } ?? value, isStyle: read == .style)
        }
    }

    /// What `LibXML2Parser.text(of:onlyIfContaining:deferred:)` makes of a value (nil: none was given).
    private func attributeText(_ bytes: ArraySlice<UInt8>?, isStyle: Bool) -> String? {
        guard let bytes else { return isStyle ? nil : "" }
        if isStyle { return ASCIIBytes.contains(bytes, caseInsensitive: Self.display) ? String(decoding: bytes, as: UTF8.self) : nil }
        if let original = deferred.value(ofPlaceholder: bytes) { return original }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// libxml2's `htmlParseAttValue`: a quoted value runs to its closing quote, an unquoted one to the
    /// next blank or `>`. Returns the value as written, and when `decoding` and it holds a reference,
    /// as libxml2's `htmlParseHTMLAttribute` decodes it.
    private mutating func attributeValue(decoding: Bool) throws(Bail) -> (ArraySlice<UInt8>, [UInt8]?) {
        let end = input.count
        let quote = byte(at: index)
        let start: Int
        let stop: Int
        if quote == 0x22 || quote == 0x27 {
            start = index + 1
            guard let closing = ByteSearch.firstIndex(of: quote, in: input, from: start) else { throw .endOfInput }
            stop = closing
            index = closing + 1
        } else {
            start = index
            var cursor = index
            while cursor < end, !HTMLNameBytes.isBlank(input[cursor]), input[cursor] != 0x3E { cursor += 1 }
            guard cursor < end else { throw .endOfInput }
            stop = cursor
            index = cursor
        }
        guard decoding, ByteSearch.firstIndex(of: 0x26, in: input, from: start, to: stop) != nil else {
            return (input[start..<stop], nil)
        }
        return (input[start..<stop], try decodedValue(start..<stop))
    }

    /// The references of `htmlParseHTMLAttribute`: character references and known entities followed
    /// by `;` are decoded; an `&` that starts no known entity stays as written.
    private func decodedValue(_ range: Range<Int>) throws(Bail) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            // Copy up to the next `&` at once (tracking links hold a few among hundreds of bytes).
            guard let ampersand = ByteSearch.firstIndex(of: 0x26, in: input, from: cursor, to: range.upperBound) else {
                out.append(contentsOf: input[cursor..<range.upperBound])
                break
            }
            out.append(contentsOf: input[cursor..<ampersand])
            cursor = ampersand
            if byte(at: cursor + 1) == 0x23 {  // #
                // libxml2 writes a NUL for a reference to no character, which cuts the value.
                let (character, next) = try characterReference(at: cursor)
                guard let scalar = character else { throw .characterReference }
                Self.appendUTF8(scalar, to: &out)
                cursor = next
                continue
            }
            switch try entityReference(at: cursor) {
            case .noName(let next):
                out.append(0x26)
                cursor = next
            case .known(let bytes, let next):
                out.append(contentsOf: bytes)
                cursor = next
            case .unknown(let name):
                out.append(0x26)
                out.append(contentsOf: input[name])
                cursor = name.upperBound
            }
        }
        return out
    }

    /// libxml2's `htmlParseEndTag` and `htmlAutoCloseOnClose`, from the `<` of an end tag.
    private mutating func endTag() throws(Bail) {
        index += 2
        let (nameStart, key) = try readName()
        let name = ElementName(key: key, start: nameStart, length: index - nameStart)
        skipBlanks()
        if byte(at: index) != 0x3E {
            guard let greaterThan = ByteSearch.firstIndex(of: 0x3E, in: input, from: index) else { throw .endOfInput }
            index = greaterThan
        }
        index += 1
        if droppedTags > 0, name.key == Self.html || name.key == Self.body || name.key == Self.head {
            droppedTags -= 1
            return
        }
        // An end tag of an element that is not open is ignored.
        guard let position = names.lastIndex(where: { same($0, name) }) else { return }
        // It closes the elements inside its own only if none of them has a higher priority.
        if position + 1 < names.count {
            let priority = Self.endPriority(name.key)
            for open in names[(position + 1)...] where Self.endPriority(open.key) > priority { return }
            while names.count > position + 1 { endElement() }
        }
        endElement()
    }

    private static func endPriority(_ key: NameKey?) -> Int {
        key.map(LibXML2HTMLRules.endPriority) ?? 100
    }

    /// libxml2's `xmlStrEqual` of two lower-cased names.
    private func same(_ a: ElementName, _ b: ElementName) -> Bool {
        if a.key != nil || b.key != nil { return a.key == b.key }
        guard a.length == b.length else { return false }
        for offset in 0..<a.length where input[a.start + offset] | 0x20 != input[b.start + offset] | 0x20 {
            return false
        }
        return true
    }

    private func isOpen(_ key: NameKey) -> Bool {
        names.contains { $0.key == key }
    }

    /// libxml2's `htmlAutoClose`: the start tag `name` closes innermost elements while its table says so.
    private mutating func autoClose(_ name: NameKey?) {
        guard let name else { return }  // no long name is in the table
        while let key = names.last?.key, LibXML2HTMLRules.startTag(name, closes: key) { endElement() }
    }

    /// libxml2's `htmlCheckImplied`: the `html`, `head` or `body` a start tag `name` implies.
    private mutating func checkImplied(_ name: NameKey?) throws(Bail) {
        if name == Self.html { return }
        if names.isEmpty { try startElement(ElementName(Self.html), attributes: .none) }
        if name == Self.body || name == Self.head { return }
        if names.count <= 1, let name, Self.headElements.contains(name) {
            if sawHead { return }
            try startElement(ElementName(Self.head), attributes: .none)
        } else if name != Self.noframes, name != Self.frame, name != Self.frameset {
            if sawBody { return }
            if isOpen(Self.body) || isOpen(Self.head) { return }
            try startElement(ElementName(Self.body), attributes: .none)
        }
    }

    /// libxml2's `htmlCheckParagraph`: text outside any element, or directly in `html` or `head`,
    /// implies a `p`.
    private mutating func checkParagraph() throws(Bail) {
        if let last = names.last, last.key != Self.html, last.key != Self.head { return }
        autoClose(Self.p)
        try checkImplied(Self.p)
        try startElement(ElementName(Self.p), attributes: .none)
    }

    /// `htmlnamePush` and the SAX start event, as `LibXML2Parser.startElement` hands it over.
    private mutating func startElement(_ name: ElementName, attributes: ElementAttributes) throws(Bail) {
        guard names.count < Self.maxOpenElements else { throw .nesting }
        if name.key == Self.head { sawHead = true }
        if name.key == Self.body { sawBody = true }
        names.append(name)
        assembler.openElement(ElementKind.named(name.key), attributes: attributes)
    }

    /// The SAX end event of the innermost element and `htmlnamePop`.
    private mutating func endElement() {
        names.removeLast()
        assembler.closeElement(unwinding: false)
    }

    /// An element name: libxml2's `htmlParseHTMLName`, lower-cased. Names with `.` (which the
    /// look-ahead of `htmlParseContentInternal` reads differently) are left to libxml2.
    private mutating func elementName() throws(Bail) -> ElementName {
        let (start, key) = try readName()
        guard !input[start..<index].contains(0x2E) else { throw .name }  // .
        return ElementName(key: key, start: start, length: index - start)
    }

    /// Reads an HTML name (letters, digits, `:`, `-`, `_`, `.`), packing it lower-cased into a
    /// `NameKey` in the same pass (nil when longer than one holds). A name that libxml2 would cut at
    /// 100 bytes is left to it.
    private mutating func readName() throws(Bail) -> (start: Int, key: NameKey?) {
        let start = index
        let end = input.count
        var key = NameKey()
        while index < end {
            let byte = input[index]
            guard HTMLNameBytes.isNameByte(byte) else { break }
            key.place(HTMLNameBytes.lowercased(byte), at: index - start)
            index += 1
        }
        let length = index - start
        guard length < Self.maxNameLength else { throw .name }
        return (start, length > 0 && length <= NameKey.maxLength ? key : nil)
    }

    // MARK: - Text

    /// libxml2's `htmlParseCharDataInternal`: text up to the next `<` or `&`, handed over in pieces of
    /// at least 1000 bytes (whole characters) and the rest. A piece implies a paragraph unless
    /// `areBlanks` holds for it.
    private mutating func characterData() throws(Bail) {
        let end = input.count
        var chunkStart = index
        var allBlank = true
        pieces: while true {
            // The piece ends with the character that brings it to `textChunkBytes`.
            let limit = min(end, chunkStart + Self.textChunkBytes)
            while index < limit {
                let current = input[index]
                if current > 0x3C, current < 0x80 {  // most text: letters and the like
                    allBlank = false
                    index += 1
                } else if current == 0x20 {
                    index += 1
                } else if current == 0x3C || current == 0x26 {  // < &
                    break pieces
                } else if current < 0x20 {
                    // libxml2 drops characters outside XML's Char; left to it.
                    guard current == 0x09 || current == 0x0A || current == 0x0D else { throw .character }
                    index += 1
                } else if current >= 0x80 {
                    // U+FFFE and U+FFFF are not XML characters either.
                    if current == 0xEF, byte(at: index + 1) == 0xBF, byte(at: index + 2) >= 0xBE { throw .character }
                    allBlank = false
                    index += current >= 0xF0 ? 4 : current >= 0xE0 ? 3 : 2
                } else {
                    allBlank = false
                    index += 1
                }
            }
            guard index - chunkStart >= Self.textChunkBytes else { break }
            // areBlanks looks at the character just copied, never `<`: a full piece is never blank.
            try checkParagraph()
            characters(input, chunkStart..<index)
            chunkStart = index
            allBlank = true
        }
        guard index > chunkStart else { return }
        if !(allBlank && areBlanksAtStop()) { try checkParagraph() }
        characters(input, chunkStart..<index)
    }

    /// libxml2's `areBlanks` for blank text that ends at the current position, with no tree (no
    /// `myDoc`, no `node`): true at the end of the input, or before a `<` outside any element or
    /// directly in `html` or `head`.
    private func areBlanksAtStop() -> Bool {
        guard index < input.count else { return true }
        guard input[index] == 0x3C else { return false }
        guard let last = names.last else { return true }
        return last.key == Self.html || last.key == Self.head
    }

    /// libxml2's `htmlParseReference`: a character or entity reference in text.
    private mutating func reference() throws(Bail) {
        if byte(at: index + 1) == 0x23 {  // #
            let (character, next) = try characterReference(at: index)
            index = next
            // A reference to no character is dropped.
            guard let scalar = character else { return }
            var bytes: [UInt8] = []
            Self.appendUTF8(scalar, to: &bytes)
            try checkParagraph()
            characters(bytes)
            return
        }
        switch try entityReference(at: index) {
        case .noName(let next):
            index = next
            try checkParagraph()
            characters(Self.ampersand)
        case .known(let bytes, let next):
            index = next
            try checkParagraph()
            characters(bytes)
        case .unknown(let name):
            // The `&` and the name as two pieces; a `;` after an unknown name is read as text.
            index = name.upperBound
            try checkParagraph()
            characters(Self.ampersand)
            characters(input, name)
        }
    }

    private enum EntityReference {
        /// `&` followed by no name: the `&` alone.
        case noName(next: Int)
        /// A known entity followed by `;`.
        case known([UInt8], next: Int)
        /// A name that is no known entity or lacks its `;`: written as it stands.
        case unknown(name: Range<Int>)
    }

    /// libxml2's `htmlParseEntityRef` with the ASCII path of `htmlParseName`, at the `&` at `start`.
    private func entityReference(at start: Int) throws(Bail) -> EntityReference {
        let end = input.count
        let first = start + 1
        guard first < end else { throw .endOfInput }
        let firstByte = input[first]
        guard firstByte < 0x80 else { throw .name }  // htmlParseNameComplex: not replicated
        guard HTMLNameBytes.isLetter(firstByte) || firstByte == 0x5F || firstByte == 0x3A else { return .noName(next: first) }
        var cursor = first + 1
        while cursor < end, HTMLNameBytes.isNameByte(input[cursor]) { cursor += 1 }
        // htmlParseName gives up on a name that ends the input, and reads non-ASCII differently.
        guard cursor < end, input[cursor] < 0x80 else { throw .name }
        if input[cursor] == 0x3B, let bytes = HTMLEntities.utf8(named: input[first..<cursor]) {  // ;
            return .known(bytes, next: cursor + 1)
        }
        return .unknown(name: first..<cursor)
    }

    /// libxml2's `htmlParseCharRef` at the `&#` at `start`: decimal or `x` hexadecimal digits, then an
    /// optional `;`. The character is nil when the value is not an XML character (libxml2 returns 0).
    private func characterReference(at start: Int) throws(Bail) -> (Unicode.Scalar?, next: Int) {
        var cursor = start + 2
        let hexadecimal = byte(at: cursor) | 0x20 == 0x78  // x
        if hexadecimal { cursor += 1 }
        var value: UInt32 = 0
        while cursor < input.count {
            let current = input[cursor]
            let digit: UInt32
            if current >= 0x30, current <= 0x39 {
                digit = UInt32(current - 0x30)
            } else if hexadecimal, current | 0x20 >= 0x61, current | 0x20 <= 0x66 {
                digit = UInt32(current | 0x20 - 0x61 + 10)
            } else {
                break
            }
            if value < 0x110000 { value = value * (hexadecimal ? 16 : 10) + digit }
            cursor += 1
        }
        guard cursor < input.count else { throw .endOfInput }
        if input[cursor] == 0x3B { cursor += 1 }  // ;
        // IS_CHAR: tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF.
        let isCharacter = value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value <= 0xD7FF)
            || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
        return (isCharacter ? Unicode.Scalar(value) : nil, cursor)
    }

    /// The SAX characters event, as `LibXML2Parser.characters` passes it on: text outside any element
    /// (white space between top-level tags) is not kept.
    private mutating func characters(_ bytes: [UInt8], _ range: Range<Int>) {
        guard !names.isEmpty, !range.isEmpty else { return }
        assembler.appendText(bytes, in: range)
    }

    private mutating func characters(_ bytes: [UInt8]) {
        characters(bytes, 0..<bytes.count)
    }

    // MARK: - Doctype

    private func isDoctype(at start: Int) -> Bool {
        hasPrefix(Self.doctypeName, at: start, caseInsensitive: true)
    }

    /// libxml2's `htmlParseDocTypeDecl` ends at the first `>` unless one of its quoted literals holds a
    /// `>`; such a doctype is left to libxml2.
    private mutating func skipDoctype() throws(Bail) {
        guard let greaterThan = ByteSearch.firstIndex(of: 0x3E, in: input, from: index + 9) else { throw .endOfInput }
        var cursor = index + 9
        while cursor < greaterThan {
            let current = input[cursor]
            if current == 0x22 || current == 0x27 {
                guard let closing = ByteSearch.firstIndex(of: current, in: input, from: cursor + 1, to: greaterThan)
                else { throw .markup }
                cursor = closing
            }
            cursor += 1
        }
        index = greaterThan + 1
    }

    // MARK: - Bytes

    private func byte(at position: Int) -> UInt8 {
        position < input.count ? input[position] : 0
    }

    private func hasPrefix(_ prefix: [UInt8], at start: Int, caseInsensitive: Bool = false) -> Bool {
        caseInsensitive
            ? ASCIIBytes.hasPrefix(input, at: start, caseInsensitive: prefix)
            : start + prefix.count <= input.count && input[start..<(start + prefix.count)].elementsEqual(prefix)
    }

    /// libxml2's SKIP_BLANKS (IS_BLANK_CH: space, tab, line feed, carriage return).
    private mutating func skipBlanks() {
        let end = input.count
        while index < end, HTMLNameBytes.isBlank(input[index]) { index += 1 }
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        UTF8.encode(scalar) { bytes.append($0) }
    }

    // MARK: - Names

    private static func key(_ name: String) -> NameKey { NameKey(lowercasedASCII: name.utf8)! }

    private static let html = key("html")
    private static let head = key("head")
    private static let body = key("body")
    private static let p = key("p")
    private static let script = key("script")
    private static let style = key("style")
    private static let noframes = key("noframes")
    private static let frame = key("frame")
    private static let frameset = key("frameset")
    /// The start tags for which `htmlCheckImplied` implies a `head` rather than a `body`.
    private static let headElements = ["script", "style", "meta", "link", "title", "base"].map(key)

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let doctypeName = Array("doctype".utf8)
    private static let scriptName = Array("script".utf8)
    private static let styleName = Array("style".utf8)
    private static let display = Array("display".utf8)
    private static let lessThan: [UInt8] = [0x3C]
    private static let ampersand: [UInt8] = [0x26]
}

/// An element name as libxml2 keeps it on its name stack: packed when it fits a `NameKey` (every name
/// in the tables does), else by where it stands in the input (compared ignoring case).
private struct ElementName {
    var key: NameKey?
    var start = 0
    var length: Int

    init(_ key: NameKey) {
        self.key = key
        length = 0
    }

    init(key: NameKey?, start: Int, length: Int) {
        self.key = key
        self.start = start
        self.length = length
    }
}
