/// Turns the element and text events of a document walk into the searchable text and the link list.
///
/// Output is built in one byte buffer. White space is never written directly: it is remembered as
/// "pending" (a space, a cell tab, one or two line breaks, a list marker, `pre` blanks) and written just
/// before the next visible character, which is what trims lines and collapses runs.
struct TextAssembler {
    private let maxOutputBytes: Int
    private let maxLinks: Int
    private let maxLinkTextBytes: Int

    private var buffer: [UInt8] = []
    private var links: [HTMLLink] = []
    private var limitsHit: HTMLTextLimits = []
    private var outputFull = false

    // What to write before the next visible character.
    private var pendingBreaks = 0
    private var pendingSpace = false
    private var pendingTab = false
    private var pendingMarker: ListMarker?
    private var pendingPreBlanks: [UInt8] = []

    // Where the walk is.
    private var frames: [Frame] = []
    private var lists: [ListState] = []
    private var hiddenDepth = 0
    private var preDepth = 0
    private var preJustOpened = false
    private var suppressBreaks = false

    private struct Frame {
        var kind: ElementKind
        /// For `a`: the index of its link in `links`, whose text is filled in when the element closes.
        var linkIndex: Int?
        /// For `a`: where its text starts in `buffer`.
        var textStart: Int
    }

    private struct ListState {
        var ordered: Bool
        var next: Int
    }

    private enum ListMarker {
        case bullet
        case number(Int)
    }

    init(options: HTMLTextOptions) {
        maxOutputBytes = options.effectiveMaxOutputBytes
        maxLinks = options.effectiveMaxLinks
        maxLinkTextBytes = options.effectiveMaxLinkTextBytes
    }

    private var isVisible: Bool { hiddenDepth == 0 }

    // MARK: - Events

    /// An element starts. Every call is matched by one `closeElement()`.
    mutating func openElement(_ kind: ElementKind, attributes: ElementAttributes) {
        var kind = kind
        if kind.spacing == .inline, Self.canBecomeBlock(kind.role), let style = attributes[.style],
            Self.displaysAsBlock(style: style)
        {
            kind.spacing = .line
        }
        var frame = Frame(kind: kind, linkIndex: nil, textStart: buffer.count)
        let firstLink = collectLinks(of: kind, attributes: attributes)
        if kind.role != .preformatted {
            preJustOpened = false
        }
        if isVisible, kind.spacing != .inline {
            requestBreaks(spacing(of: kind, nestedInList: !lists.isEmpty))
        }
        switch kind.role {
        case .hidden:
            hiddenDepth += 1
        case .lineBreak:
            suppressBreaks = false
            if isVisible { pendingBreaks = min(pendingBreaks + 1, 2) }
        case .cell:
            if isVisible, !buffer.isEmpty, pendingBreaks == 0 { pendingTab = true }
        case .list(let ordered):
            let start = ordered ? attributes[.start].flatMap(Self.integer) : nil
            lists.append(ListState(ordered: ordered, next: start ?? 1))
        case .listItem:
            if isVisible { pendingMarker = nextListMarker(value: attributes[.value].flatMap(Self.integer)) }
        case .preformatted:
            preDepth += 1
            preJustOpened = true
        case .anchor:
            frame.linkIndex = firstLink
        case .image:
            if let alt = attributes[.alt] { appendWord(alt) }
        case .input:
            let type = attributes[.type]?.trimmingASCIIWhitespace().lowercased() ?? ""
            if type == "image" {
                if let alt = attributes[.alt] { appendWord(alt) }
            } else if Self.showsValue(type: type), let value = attributes[.value] {
                appendWord(value)
            }
        case .area, .title, .plain:
            break
        }
        frames.append(frame)
    }

    /// The innermost open element ends. `unwinding`: it only ends because the parse was cut (see
    /// `LibXML2Parser`), so it asks for no line breaks.
    mutating func closeElement(unwinding: Bool = false) {
        guard let frame = frames.popLast() else { return }
        preJustOpened = false
        switch frame.kind.role {
        case .hidden:
            hiddenDepth -= 1
        case .list:
            lists.removeLast()
        case .listItem:
            pendingMarker = nil
        case .preformatted:
            preDepth -= 1
        case .anchor:
            if let index = frame.linkIndex {
                links[index].text = linkText(buffer[min(frame.textStart, buffer.count)...])
            }
        default:
            break
        }
        if isVisible, !unwinding, frame.kind.spacing != .inline {
            requestBreaks(spacing(of: frame.kind, nestedInList: !lists.isEmpty))
        }
    }

    /// The next document continues the text of a cut one in mid-flow: the elements libxml2 implies
    /// around its first text (`html`, `body`, `p`) must not break the line.
    mutating func continueInline() {
        suppressBreaks = true
    }

    /// A text node (UTF-8, as libxml2 decoded it).
    mutating func appendText<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) where Bytes.Index == Int {
        appendText(bytes, in: bytes.startIndex..<bytes.endIndex)
    }

    /// A text node that is `bytes[range]` (the direct reader passes its whole input, not a slice).
    mutating func appendText<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, in range: Range<Int>) where Bytes.Index == Int {
        guard isVisible, !outputFull else { return }
        if case .title? = frames.last?.kind.role { return }
        var start = range.lowerBound
        let end = range.upperBound
        if preDepth > 0, preJustOpened {
            // As browsers do, a line break right after <pre> is not part of the content.
            if start < end, bytes[start] == 0x0D { start += 1 }
            if start < end, bytes[start] == 0x0A { start += 1 }
        }
        preJustOpened = false
        process(bytes, from: start, to: end, preformatted: preDepth > 0)
    }

    /// Records a limit reached outside the assembler (by the parser).
    mutating func noteLimit(_ limit: HTMLTextLimits) {
        limitsHit.insert(limit)
    }

    /// Ends the walk and hands back the result.
    mutating func finish() -> ExtractedText {
        while !frames.isEmpty { closeElement() }
        while let last = buffer.last, last == 0x20 || last == 0x09 || last == 0x0A {
            buffer.removeLast()
        }
        return ExtractedText(text: String(decoding: buffer, as: UTF8.self), links: links, limitsHit: limitsHit)
    }

    // MARK: - Text

    private enum Effect {
        case keep
        case space
        case drop
        case windows1252(UInt8)
    }

    private mutating func process<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, from start: Int, to end: Int, preformatted: Bool
    ) where Bytes.Index == Int {
        var index = start
        var runStart = start
        while index < end {
            let byte = bytes[index]
            if byte > 0x20, byte < 0x7F {
                index += 1
                continue
            }
            if byte < 0x80 {
                emitContent(bytes[runStart..<index])
                var next = index + 1
                switch byte {
                case 0x20, 0x09, 0x0C:
                    blank(byte == 0x09 ? 0x09 : 0x20, preformatted: preformatted)
                case 0x0A:
                    newline(preformatted: preformatted)
                case 0x0D:
                    newline(preformatted: preformatted)
                    if next < end, bytes[next] == 0x0A { next += 1 }
                default:
                    break  // other C0 controls and DEL are not visible
                }
                index = next
                runStart = index
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard index + length <= end else { break }
            let effect = Self.effect(of: bytes, at: index, lead: byte)
            if case .keep = effect {
                index += length
                continue
            }
            emitContent(bytes[runStart..<index])
            switch effect {
            case .keep, .drop:
                break
            case .space:
                blank(0x20, preformatted: preformatted)
            case .windows1252(let c1):
                if let replacement = Self.windows1252[Int(c1 - 0x80)] { emitContent(replacement.utf8) }
            }
            index += length
            runStart = index
        }
        emitContent(bytes[runStart..<end])
    }

    /// What to do with the multi-byte character at `index`.
    private static func effect<Bytes: RandomAccessCollection<UInt8>>(
        of bytes: Bytes, at index: Int, lead: UInt8
    ) -> Effect where Bytes.Index == Int {
        switch lead {
        case 0xC2:
            let second = bytes[index + 1]
            if second == 0xA0 { return .space }  // U+00A0 NO-BREAK SPACE
            if second == 0xAD { return .drop }  // U+00AD SOFT HYPHEN
            if second < 0xA0 { return .windows1252(second) }  // U+0080-U+009F C1 controls
        case 0xE1:
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            if second == 0x9A, third == 0x80 { return .space }  // U+1680 OGHAM SPACE MARK
            if second == 0xA0, third == 0x8E { return .drop }  // U+180E MONGOLIAN VOWEL SEPARATOR
        case 0xE2:
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            if second == 0x80 {
                if third >= 0x80, third <= 0x8A { return .space }  // U+2000-U+200A spaces
                if third == 0x8B { return .drop }  // U+200B ZERO WIDTH SPACE
                if third == 0xA8 || third == 0xA9 || third == 0xAF { return .space }  // U+2028, U+2029, U+202F
            } else if second == 0x81 {
                if third == 0x9F { return .space }  // U+205F MEDIUM MATHEMATICAL SPACE
                if third == 0xA0 { return .drop }  // U+2060 WORD JOINER
            }
        case 0xE3:
            if bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { return .space }  // U+3000 IDEOGRAPHIC SPACE
        case 0xEF:
            if bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return .drop }  // U+FEFF BOM / ZWNBSP
        default:
            break
        }
        return .keep
    }

    /// What browsers show for `&#128;`-`&#159;`: Windows-1252 (nil: undefined there, shown as nothing).
    private static let windows1252: [String?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    private mutating func blank(_ byte: UInt8, preformatted: Bool) {
        if preformatted {
            pendingPreBlanks.append(byte)
        } else {
            pendingSpace = true
        }
    }

    private mutating func newline(preformatted: Bool) {
        if preformatted {
            pendingPreBlanks.removeAll(keepingCapacity: true)
            pendingBreaks = min(pendingBreaks + 1, 2)
        } else {
            pendingSpace = true
        }
    }

    /// Text from an attribute (`alt`, `value`) shown as a word of its own.
    private mutating func appendWord(_ word: String) {
        guard isVisible, !outputFull, !word.trimmingASCIIWhitespace().isEmpty else { return }
        pendingSpace = true
        let bytes = Array(word.utf8)
        process(bytes, from: 0, to: bytes.count, preformatted: false)
        pendingSpace = true
    }

    private mutating func requestBreaks(_ count: Int) {
        guard !suppressBreaks else { return }
        pendingBreaks = max(pendingBreaks, count)
    }

    /// Writes visible characters, after whatever white space is pending.
    private mutating func emitContent(_ content: some Collection<UInt8>) {
        guard !content.isEmpty, !outputFull else { return }
        flushPending()
        append(content)
    }

    private static let oneBreak: [UInt8] = [0x0A]
    private static let twoBreaks: [UInt8] = [0x0A, 0x0A]

    private mutating func flushPending() {
        if !buffer.isEmpty {
            if pendingBreaks > 0 {
                while let last = buffer.last, last == 0x20 || last == 0x09 { buffer.removeLast() }
                append(pendingBreaks == 1 ? Self.oneBreak : Self.twoBreaks)
            } else if pendingTab {
                append(CollectionOfOne(0x09))
            } else if pendingSpace {
                append(CollectionOfOne(0x20))
            }
        }
        switch pendingMarker {
        case .bullet?: append("- ".utf8)
        case .number(let number)?: append("\(number). ".utf8)
        case nil: break
        }
        if !pendingPreBlanks.isEmpty {
            append(pendingPreBlanks)
            pendingPreBlanks.removeAll(keepingCapacity: true)
        }
        pendingBreaks = 0
        pendingSpace = false
        pendingTab = false
        pendingMarker = nil
        suppressBreaks = false
    }

    /// Appends as much of `bytes` as `maxOutputBytes` allows, never splitting a character.
    private mutating func append(_ bytes: some Collection<UInt8>) {
        guard !outputFull else { return }
        let room = maxOutputBytes - buffer.count
        if bytes.count <= room {
            buffer.append(contentsOf: bytes)
            return
        }
        var cut = bytes.index(bytes.startIndex, offsetBy: max(room, 0))
        var steps = 0
        while cut > bytes.startIndex, cut < bytes.endIndex, steps < 3, bytes[cut] & 0xC0 == 0x80 {
            cut = bytes.index(cut, offsetBy: -1)
            steps += 1
        }
        buffer.append(contentsOf: bytes[..<cut])
        outputFull = true
        limitsHit.insert(.outputBytes)
    }

    // MARK: - Structure

    private func spacing(of kind: ElementKind, nestedInList: Bool) -> Int {
        if case .list = kind.role, nestedInList { return 1 }
        return Int(kind.spacing.rawValue)
    }

    private static func canBecomeBlock(_ role: ElementKind.Role) -> Bool {
        switch role {
        case .plain, .anchor, .image, .input, .cell: true
        default: false
        }
    }

    /// True when an inline style makes the element a block (`display: block`, `flex`, `grid`, `table`,
    /// `list-item`; the last `display` wins), so that words on both sides do not run together.
    static func displaysAsBlock(style: String) -> Bool {
        let bytes = Array(style.utf8)
        let property = Array("display".utf8)
        var result = false
        var index = 0
        while index + property.count <= bytes.count {
            guard ASCIIBytes.hasPrefix(bytes, at: index, caseInsensitive: property) else {
                index += 1
                continue
            }
            var cursor = index + property.count
            index = cursor
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == 0x3A else { continue }  // :
            cursor += 1
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            var value: [UInt8] = []
            while cursor < bytes.count, value.count < 16 {
                let byte = bytes[cursor]
                let lowered = HTMLNameBytes.lowercased(byte)
                guard (lowered >= 0x61 && lowered <= 0x7A) || lowered == 0x2D else { break }
                value.append(lowered)
                cursor += 1
            }
            switch String(decoding: value, as: UTF8.self) {
            case "block", "flex", "grid", "table", "list-item": result = true
            case "": break
            default: result = false
            }
            index = cursor
        }
        return result
    }

    private mutating func nextListMarker(value: Int?) -> ListMarker {
        guard let last = lists.indices.last, lists[last].ordered else { return .bullet }
        if let value { lists[last].next = value }
        let number = lists[last].next
        lists[last].next = number &+ 1
        return .number(number)
    }

    private static func integer(_ text: String) -> Int? {
        guard let value = Int(text.trimmingASCIIWhitespace()), abs(value) < 1_000_000_000 else { return nil }
        return value
    }

    /// Input types whose `value` a person sees as text (hidden, password, checkbox ... are not).
    private static func showsValue(type: String) -> Bool {
        switch type {
        case "", "text", "search", "email", "url", "tel", "number", "submit", "button", "reset": true
        default: false
        }
    }

    // MARK: - Links

    /// Adds the links of an element's URL attributes; returns the index of the first one added.
    private mutating func collectLinks(of kind: ElementKind, attributes: ElementAttributes) -> Int? {
        guard !kind.linkAttributes.isEmpty else { return nil }
        var first: Int?
        var text = ""
        switch kind.role {
        case .image, .area, .input:
            if let alt = attributes[.alt] { text = collapsedLinkText(alt) }
        default:
            break
        }
        for (flag, name, label) in Self.linkCandidates where kind.linkAttributes.contains(flag) {
            guard let raw = attributes[name] else { continue }
            let url = raw.trimmingASCIIWhitespace(includingControls: true)
            guard !url.isEmpty else { continue }
            guard links.count < maxLinks else {
                limitsHit.insert(.links)
                continue
            }
            links.append(HTMLLink(url: url, text: text, attribute: label))
            if first == nil { first = links.count - 1 }
        }
        return first
    }

    /// The URL attributes in the order their links are reported.
    private static let linkCandidates: [(ElementKind.LinkAttributes, AttributeName, String)] = [
        (.href, .href, "href"), (.src, .src, "src"), (.action, .action, "action"),
        (.background, .background, "background"), (.data, .data, "data"),
    ]

    /// The text an anchor wrapped: already normalised output, with line breaks and tabs made spaces.
    private mutating func linkText(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, maxLinkTextBytes))
        var space = false
        // Look at a bounded stretch only (runs of `pre` blanks could otherwise make nested links slow).
        let scanLimit = maxLinkTextBytes &* 4 &+ 256
        var truncated = bytes.count > scanLimit
        for byte in bytes.prefix(scanLimit) {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                space = !out.isEmpty
                continue
            }
            // One byte past the limit, so that finishLinkText cuts between characters, not inside one.
            if out.count > maxLinkTextBytes {
                truncated = true
                break
            }
            if space {
                out.append(0x20)
                space = false
            }
            out.append(byte)
        }
        return finishLinkText(out, truncated: truncated)
    }

    /// An `alt` as link text: white space collapsed, capped.
    private mutating func collapsedLinkText(_ text: String) -> String {
        var out: [UInt8] = []
        var space = false
        var truncated = false
        for scalar in text.unicodeScalars {
            // ASCII's white space (U+0009-U+000D, U+0020) without the Unicode property lookup.
            let isWhitespace = scalar.isASCII
                ? scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
            if isWhitespace {
                space = !out.isEmpty
                continue
            }
            if out.count >= maxLinkTextBytes {
                truncated = true
                break
            }
            if space {
                out.append(0x20)
                space = false
            }
            if scalar.isASCII {
                out.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return finishLinkText(out, truncated: truncated)
    }

    private mutating func finishLinkText(_ bytes: [UInt8], truncated: Bool) -> String {
        var bytes = bytes
        var truncated = truncated
        if bytes.count > maxLinkTextBytes {
            bytes.removeSubrange(UTF8Boundary.prefixLength(of: bytes, atMost: maxLinkTextBytes)...)
            truncated = true
        }
        if truncated {
            limitsHit.insert(.linkText)
            while bytes.last == 0x20 { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing ASCII white space (and, if asked, other C0 controls), as URL parsers trim.
    func trimmingASCIIWhitespace(includingControls: Bool = false) -> String {
        let utf8 = self.utf8
        func isTrimmed(_ byte: UInt8) -> Bool {
            if includingControls { return byte <= 0x20 }
            return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
        }
        guard let first = utf8.firstIndex(where: { !isTrimmed($0) }),
            let last = utf8.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return self }
        return String(self[first...last])
    }
}
