/// A linear pre-pass over the UTF-8 input that removes what libxml2 2.9 handles badly, before it parses.
///
/// It tokenizes only as far as needed, following libxml2's own HTML tokenizer (`HTMLparser.c`): tags,
/// attributes, comments, and the raw text of `script` and `style`. It:
///
/// - drops the raw text of `script` and `style` (up to the end tag libxml2 would stop at): it is never
///   shown, and libxml2 would read it character by character (Outlook's style blocks run to kilobytes);
/// - drops NUL bytes (libxml2 stops reading a tag or attribute at NUL and turns NUL in text into a space;
///   browsers show nothing for it, so "pay\0pal" reads "paypal");
/// - removes comments the way browsers end them (`-->`, `--!>`, the abrupt `<!-->` and `<!--->`, or the
///   end of input), and bogus comments: `<!...>` other than a doctype (Outlook's `<![if !mso]>` and
///   `<![endif]>`, `<![CDATA[...]]>`) and `<?...>`, which libxml2 would show as text;
/// - unwraps Outlook's downlevel-hidden conditional comments, `<!--[if mso]>` markup `<![endif]-->`:
///   Outlook renders that markup, so its text must be searchable too;
/// - keeps at most `maxAttributesPerElement` attributes per start tag, plus the first of each attribute the
///   walker reads (`href`, `src`, `alt`, ...): libxml2 checks each attribute against all earlier ones;
/// - keeps at most `maxDistinctNames` different element and attribute names: later unknown element names
///   become `span` and later unknown attributes are dropped (libxml2's name dictionary degrades badly).
///
/// When `pruning` (the default), it also cuts what the walker never reads before libxml2 copies it
/// character by character (marketing mail spends most of its markup there):
///
/// - attributes the walker does not read (`class`, `width`, `bgcolor`, `role`, ...) are dropped;
/// - a `style` that cannot say `display` (it names no `display` and has no character reference) is
///   dropped, and so is any later `style` of the same tag (libxml2 would drop it as a repeat);
/// - a long link value (`href`, `src`, `action`, `background`, `data`: a tracking URL, a `data:` URI)
///   written in printable ASCII with no character reference but `&amp;` is replaced by a short
///   placeholder, U+FDD0 and its number in ``DeferredValues``; the walker reads the value from the input
///   instead. Documents that contain U+FDD0 themselves keep their values.
///
/// None of this changes the text or the links (a test compares both ways over every HTML part of the
/// shared corpus and the fixtures).
struct InputSanitizer {
    struct Result {
        var bytes: [UInt8]
        var limitsHit: HTMLTextLimits
        var deferred: DeferredValues
    }

    private let maxAttributes: Int
    private let maxDistinctNames: Int
    private let pruning: Bool

    /// libxml2 reads at most this many characters of a name (HTML_PARSER_BUFFER_SIZE).
    static let maxNameLength = 100

    /// Whether long link values are deferred (with `pruning`): they spare libxml2 copying them, but
    /// cost the direct reader, which reads values in place, a scan and a look-up.
    private let deferringLinks: Bool

    init(options: HTMLTextOptions, pruning: Bool = true, deferringLinks: Bool = true) {
        maxAttributes = options.effectiveMaxAttributesPerElement
        maxDistinctNames = options.effectiveMaxDistinctNames
        self.pruning = pruning
        self.deferringLinks = deferringLinks
    }

    func sanitize(_ input: [UInt8]) -> Result {
        let bytes = ByteSearch.firstIndex(of: 0, in: input, from: 0) != nil ? input.filter { $0 != 0 } : input
        var scanner = Scanner(
            input: bytes, maxAttributes: maxAttributes, maxDistinctNames: maxDistinctNames, pruning: pruning,
            deferring: pruning && deferringLinks && !DeferredValues.occursInText(bytes))
        scanner.run()
        return Result(bytes: scanner.rewriter.finish(), limitsHit: scanner.limitsHit, deferred: scanner.deferred)
    }

    /// Finds where raw text (the content of `script` or `style`) ends: at `</` followed by the element
    /// name, in any case, as libxml2 does in recovery mode. Returns the index of that `<`, or the end.
    static func endOfRawText(in bytes: [UInt8], from start: Int, element name: [UInt8]) -> Int {
        var index = start
        let end = bytes.count
        while index + 1 < end {
            guard let lessThan = ByteSearch.firstIndex(of: 0x3C, in: bytes, from: index) else { return end }
            if lessThan + 1 < end, bytes[lessThan + 1] == 0x2F,
                ASCIIBytes.hasPrefix(bytes, at: lessThan + 2, caseInsensitive: name)
            {
                return lessThan
            }
            index = lessThan + 1
        }
        return end
    }
}

/// Copies the input lazily: nothing is allocated until the first edit.
private struct Rewriter {
    let input: [UInt8]
    private var output: [UInt8] = []
    private var copied = 0
    private var edited = false

    init(input: [UInt8]) {
        self.input = input
    }

    /// Edits must come in input order; an edit overlapping an earlier one only applies to the rest.
    mutating func replace(_ range: Range<Int>, with replacement: some Collection<UInt8>) {
        guard range.upperBound >= copied else { return }
        let range = max(range.lowerBound, copied)..<range.upperBound
        if !edited {
            output.reserveCapacity(input.count)
            edited = true
        }
        output.append(contentsOf: input[copied..<range.lowerBound])
        output.append(contentsOf: replacement)
        copied = range.upperBound
    }

    mutating func drop(_ range: Range<Int>) {
        replace(range, with: EmptyCollection())
    }

    func finish() -> [UInt8] {
        guard edited else { return input }
        var result = output
        result.append(contentsOf: input[copied...])
        return result
    }
}

private struct Scanner {
    let input: [UInt8]
    let maxAttributes: Int
    let maxDistinctNames: Int
    let pruning: Bool
    let deferring: Bool
    var rewriter: Rewriter
    var limitsHit: HTMLTextLimits = []
    var deferred: DeferredValues
    private var distinctNames = NameHashSet()

    init(input: [UInt8], maxAttributes: Int, maxDistinctNames: Int, pruning: Bool, deferring: Bool) {
        self.input = input
        self.maxAttributes = maxAttributes
        self.maxDistinctNames = maxDistinctNames
        self.pruning = pruning
        self.deferring = deferring
        self.rewriter = Rewriter(input: input)
        self.deferred = DeferredValues(input: input)
    }

    private static let script = Array("script".utf8)
    private static let style = Array("style".utf8)
    private static let doctype = Array("doctype".utf8)
    private static let span = Array("span".utf8)
    private static let conditionalIf = Array("if".utf8)
    private static let conditionalEndif = Array("<![endif]".utf8)

    mutating func run() {
        let end = input.count
        var index = 0
        while index < end {
            guard let lessThan = ByteSearch.firstIndex(of: 0x3C, in: input, from: index) else { return }
            index = lessThan
            let next = byte(at: index + 1)
            if next == 0x21 {  // <!
                if byte(at: index + 2) == 0x2D, byte(at: index + 3) == 0x2D {
                    let commentEnd = endOfComment(from: index + 4)
                    if let inner = conditionalCommentContent(from: index + 4, commentEnd: commentEnd) {
                        // Outlook shows it: drop the opener and scan the markup; the closing
                        // `<![endif]-->` is then an ordinary bogus comment and goes too.
                        rewriter.drop(index..<inner.lowerBound)
                        index = inner.lowerBound
                        continue
                    }
                    rewriter.drop(index..<commentEnd)
                    index = commentEnd
                } else if ASCIIBytes.hasPrefix(input, at: index + 2, caseInsensitive: Self.doctype) {
                    index = indexAfterGreaterThan(from: index + 2)
                } else {
                    let bogusEnd = indexAfterGreaterThan(from: index + 2)
                    rewriter.drop(index..<bogusEnd)
                    index = bogusEnd
                }
            } else if next == 0x3F {  // <?
                let bogusEnd = indexAfterGreaterThan(from: index + 2)
                rewriter.drop(index..<bogusEnd)
                index = bogusEnd
            } else if next == 0x2F {  // </
                if HTMLNameBytes.isLetter(byte(at: index + 2)) {
                    let nameEnd = elementName(at: index + 2).end
                    index = indexAfterGreaterThan(from: nameEnd)
                } else {
                    index += 2
                }
            } else if HTMLNameBytes.isLetter(next) {
                index = startTag(at: index)
            } else {
                index += 1
            }
        }
    }

    // MARK: - Tags

    /// Scans the start tag at `lessThan`; returns where scanning goes on (after the raw text of
    /// `script`/`style`).
    private mutating func startTag(at lessThan: Int) -> Int {
        let end = input.count
        let (nameEnd, isRaw) = elementName(at: lessThan + 1)
        var index = nameEnd
        var attributeCount = 0
        var readAttributesSeen: UInt16 = 0
        var styleSeen = false
        var selfClosing = false
        var closed = false
        while index < end {
            while index < end, HTMLNameBytes.isBlank(input[index]) { index += 1 }
            guard index < end else { break }
            let current = input[index]
            if current == 0x3E {  // >
                index += 1
                closed = true
                break
            }
            if current == 0x2F, byte(at: index + 1) == 0x3E {  // />
                index += 2
                closed = true
                selfClosing = true
                break
            }
            guard HTMLNameBytes.isNameStart(current) else {
                // libxml2 skips a bogus attribute up to the next blank or the end of the tag.
                while index < end, !HTMLNameBytes.isBlank(input[index]), input[index] != 0x3E,
                    !(input[index] == 0x2F && byte(at: index + 1) == 0x3E)
                {
                    index += 1
                }
                continue
            }
            let attributeStart = index
            let name = readName(at: index)
            index = name.end
            var afterValue = index
            var valueStart = index
            var probe = index
            while probe < end, HTMLNameBytes.isBlank(input[probe]) { probe += 1 }
            if probe < end, input[probe] == 0x3D {  // =
                probe += 1
                while probe < end, HTMLNameBytes.isBlank(input[probe]) { probe += 1 }
                valueStart = probe
                afterValue = endOfAttributeValue(from: probe)
            }
            attributeCount += 1
            let readAttribute = AttributeName.named(name.key)
            var keep = true
            if attributeCount > maxAttributes {
                keep = false
                limitsHit.insert(.attributes)
                if let readAttribute, readAttributesSeen & (1 << readAttribute.rawValue) == 0 { keep = true }
            } else if readAttribute == nil, !admitName(name.hash) {
                keep = false
                limitsHit.insert(.distinctNames)
            }
            if keep {
                if let readAttribute { readAttributesSeen |= 1 << readAttribute.rawValue }
                if pruning {
                    switch readAttribute {
                    case nil:
                        keep = false
                    case .style?:
                        // libxml2 keeps the first `style` only; the walker reads it only for `display`.
                        if styleSeen || !mayNameDisplay(valueStart..<afterValue) { keep = false }
                        styleSeen = true
                    case .href?, .src?, .action?, .background?, .data?:
                        if deferring { deferValue(valueStart..<afterValue) }
                    default:
                        break
                    }
                }
            }
            if !keep {
                rewriter.drop(attributeStart..<afterValue)
            }
            index = afterValue
        }
        guard closed, !selfClosing, let rawName = isRaw else { return index }
        let rawTextEnd = InputSanitizer.endOfRawText(in: input, from: index, element: rawName)
        if rawTextEnd > index { rewriter.drop(index..<rawTextEnd) }
        return rawTextEnd
    }

    /// Whether an attribute value (as written, quotes included; empty when there is none) could read
    /// `display` once libxml2 has decoded it.
    private func mayNameDisplay(_ value: Range<Int>) -> Bool {
        let bytes = input[value]
        return bytes.contains(0x26) || ASCIIBytes.contains(bytes, caseInsensitive: Self.display)  // &
    }

    private static let display = Array("display".utf8)

    /// Replaces a long quoted value that libxml2 would copy unchanged (but for `&amp;`) by a placeholder.
    private mutating func deferValue(_ value: Range<Int>) {
        guard value.count >= DeferredValues.minLength + 2 else { return }
        let quote = input[value.lowerBound]
        // A closing quote of its own (an unclosed value runs to the end of the input).
        guard quote == 0x22 || quote == 0x27, input[value.upperBound - 1] == quote else { return }
        let inner = (value.lowerBound + 1)..<(value.upperBound - 1)
        guard let decodesAmpersands = DeferredValues.isVerbatim(input[inner]) else { return }
        let placeholder = deferred.add(inner, decodingAmpersands: decodesAmpersands)
        rewriter.replace(inner, with: placeholder)
    }

    /// Reads an element name at `start` (a letter), replacing it with `span` when it is one name too many.
    /// Returns its end and, for `script` and `style`, the name whose end tag ends the raw text.
    private mutating func elementName(at start: Int) -> (end: Int, raw: [UInt8]?) {
        let name = readName(at: start)
        let known = name.key.map { ElementKind.table[$0] != nil } ?? false
        if !known, !admitName(name.hash) {
            rewriter.replace(start..<name.end, with: Self.span)
            limitsHit.insert(.distinctNames)
            return (name.end, nil)
        }
        let length = name.end - start
        if length == 6, ASCIIBytes.hasPrefix(input, at: start, caseInsensitive: Self.script) {
            return (name.end, Self.script)
        }
        if length == 5, ASCIIBytes.hasPrefix(input, at: start, caseInsensitive: Self.style) {
            return (name.end, Self.style)
        }
        return (name.end, nil)
    }

    private struct Name {
        var end: Int
        var key: NameKey?
        var hash: UInt64
    }

    /// libxml2's `htmlParseHTMLName`: letters, digits, `:`, `-`, `_`, `.`; at most 100; lower-cased.
    private func readName(at start: Int) -> Name {
        let end = min(input.count, start + InputSanitizer.maxNameLength)
        var index = start
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        var key = NameKey()  // packed in the same pass
        while index < end {
            let byte = input[index]
            guard HTMLNameBytes.isNameByte(byte) else { break }
            let lowered = HTMLNameBytes.lowercased(byte)
            hash = (hash ^ UInt64(lowered)) &* 0x0000_0100_0000_01B3
            key.place(lowered, at: index - start)
            index += 1
        }
        let length = index - start
        return Name(end: index, key: length > 0 && length <= NameKey.maxLength ? key : nil, hash: hash)
    }

    /// True when the name is already known, or there is still room for a new one.
    private mutating func admitName(_ hash: UInt64) -> Bool {
        if distinctNames.contains(hash) { return true }
        guard distinctNames.count < maxDistinctNames else { return false }
        distinctNames.insert(hash)
        return true
    }

    /// libxml2's `htmlParseAttValue`: a quoted value runs to its closing quote (or the end of input),
    /// an unquoted one to the next blank or `>`.
    private func endOfAttributeValue(from start: Int) -> Int {
        let end = input.count
        guard start < end else { return end }
        let quote = input[start]
        if quote == 0x22 || quote == 0x27 {
            guard let closing = ByteSearch.firstIndex(of: quote, in: input, from: start + 1) else { return end }
            return closing + 1
        }
        var index = start
        while index < end, !HTMLNameBytes.isBlank(input[index]), input[index] != 0x3E { index += 1 }
        return index
    }

    // MARK: - Comments

    /// The end of a comment whose `<!--` ends just before `start`, as browsers find it.
    private func endOfComment(from start: Int) -> Int {
        let end = input.count
        if byte(at: start) == 0x3E { return start + 1 }  // <!-->
        if byte(at: start) == 0x2D, byte(at: start + 1) == 0x3E { return start + 2 }  // <!--->
        var index = start
        while index < end {
            guard let dash = ByteSearch.firstIndex(of: 0x2D, in: input, from: index) else { return end }
            if byte(at: dash + 1) == 0x2D {
                if byte(at: dash + 2) == 0x3E { return dash + 3 }  // -->
                if byte(at: dash + 2) == 0x21, byte(at: dash + 3) == 0x3E { return dash + 4 }  // --!>
            }
            index = dash + 1
        }
        return end
    }

    /// For a downlevel-hidden conditional comment, `<!--[if mso]>` markup `<![endif]-->`, the range of
    /// the markup; nil for any other comment. `start` is just after `<!--`.
    private func conditionalCommentContent(from start: Int, commentEnd: Int) -> Range<Int>? {
        guard commentEnd - start >= 15, byte(at: start) == 0x5B,  // [
            ASCIIBytes.hasPrefix(input, at: start + 1, caseInsensitive: Self.conditionalIf),
            input[commentEnd - 3] == 0x2D, input[commentEnd - 2] == 0x2D, input[commentEnd - 1] == 0x3E  // -->
        else { return nil }
        let closerStart = commentEnd - 3 - Self.conditionalEndif.count
        guard closerStart > start,
            ASCIIBytes.hasPrefix(input, at: closerStart, caseInsensitive: Self.conditionalEndif),
            let bracket = input[start..<closerStart].firstIndex(of: 0x5D),  // ]
            bracket + 1 < closerStart, input[bracket + 1] == 0x3E  // >
        else { return nil }
        return (bracket + 2)..<closerStart
    }

    private func indexAfterGreaterThan(from start: Int) -> Int {
        guard let greaterThan = ByteSearch.firstIndex(of: 0x3E, in: input, from: start) else { return input.count }
        return greaterThan + 1
    }

    // MARK: - Bytes

    private func byte(at index: Int) -> UInt8 {
        index < input.count ? input[index] : 0
    }
}

/// Byte helpers shared by the sanitizer and the assembler.
enum ASCIIBytes {
    /// True when `bytes` holds `prefix` (lower-case ASCII) at `start`, ignoring ASCII case.
    static func hasPrefix<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at start: Int, caseInsensitive prefix: [UInt8]
    ) -> Bool where Bytes.Index == Int {
        guard start >= bytes.startIndex, start + prefix.count <= bytes.endIndex else { return false }
        for (offset, expected) in prefix.enumerated() {
            let byte = bytes[start + offset]
            let lowered = HTMLNameBytes.lowercased(byte)
            if lowered != expected { return false }
        }
        return true
    }

    /// True when `bytes` contains `needle` (lower-case ASCII, not empty), ignoring ASCII case.
    static func contains<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, caseInsensitive needle: [UInt8]
    ) -> Bool where Bytes.Index == Int {
        guard let first = needle.first, needle.count <= bytes.count else { return false }
        var index = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while index <= last {
            if bytes[index] | 0x20 == first, hasPrefix(bytes, at: index, caseInsensitive: needle) { return true }
            index += 1
        }
        return false
    }
}
