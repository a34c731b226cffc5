/// Reads the content of an RTF body: the HTML an RTF body encapsulates (`\fromhtml1`, MS-OXRTFEX),
/// else its text. Works on bytes: `\'hh` bytes are decoded in the code page of the current font
/// (`\fcharset`) or the document's (`\ansicpg`), `\uN` characters as they are.
public enum RTFReader {
    public enum Content: Sendable, Hashable {
        /// HTML de-encapsulated from RTF (`\fromhtml1`).
        case html(String)
        /// The RTF's text; `fromText` when the RTF says it was made from plain text (`\fromtext`).
        case text(String, fromText: Bool)
    }

    /// Reads `rtf`; at most `maxCharacters` are produced (a larger body is cut and `isTruncated` set).
    public static func read(_ rtf: [UInt8], defaultCodepage: Int = 1252, maxCharacters: Int = 16 << 20) -> (content: Content, isTruncated: Bool) {
        var reader = Reader(bytes: rtf, codepage: defaultCodepage, maxCharacters: maxCharacters)
        reader.run()
        reader.flush()
        let content: Content = reader.fromHTML ? .html(reader.output) : .text(reader.output, fromText: reader.fromText)
        return (content, reader.isTruncated)
    }

    /// What a group is, for what its text becomes.
    private enum Destination {
        /// Document text.
        case text
        /// Ignored: font and colour tables' text, pictures, metadata, `\*` destinations.
        case skipped
        /// The font table: `\fN` with `\fcharsetM` are recorded.
        case fontTable
        /// `\*\htmltag`: HTML of the encapsulated document.
        case htmlTag
    }

    private struct GroupState {
        var destination = Destination.text
        var unicodeSkip = 1
        var suppressed = false
        var fontCodepage: Int?
    }

    private struct Reader {
        let bytes: [UInt8]
        var codepage: Int
        let maxCharacters: Int
        var output = ""
        var pending: [UInt8] = []
        var pendingCodepage = 1252
        var stack: [GroupState] = []
        var state = GroupState()
        var fromHTML = false
        var fromText = false
        var isTruncated = false
        /// Characters still to skip after a `\uN`.
        var skipCount = 0
        /// Font number → code page, from the font table.
        var fontCodepages: [Int: Int] = [:]
        var definingFont: Int?
        /// Whether the next control word may name the group's destination (it follows `{` or `\*`).
        var atGroupStart = false
        var starred = false
        var outputCount = 0

        init(bytes: [UInt8], codepage: Int, maxCharacters: Int) {
            self.bytes = bytes
            self.codepage = codepage
            self.maxCharacters = maxCharacters
        }

        /// Group nesting kept track of; deeper groups are read as skipped.
        static let maxDepth = 1000

        static let skippedDestinations: Set<String> = [
            "colortbl", "stylesheet", "info", "pict", "object", "themedata", "colorschememapping", "datastore", "latentstyles",
            "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathpr", "fldinst", "header", "footer",
            "headerl", "headerr", "headerf", "footerl", "footerr", "footerf", "filetbl", "revtbl", "pgdsctbl", "private",
            "nonshppict", "pn", "pntext", "pntxtb", "pntxta", "objdata", "result", "shpinst", "sp", "sn", "sv", "xe", "tc", "bkmkstart",
            "bkmkend", "txe", "author", "operator", "title", "subject", "keywords", "comment", "doccomm", "userprops", "ftnsep",
            "ftnsepc", "ftncn", "aftnsep", "aftnsepc", "aftncn",
        ]

        var isEmitting: Bool {
            switch state.destination {
            case .text: !(fromHTML && state.suppressed)
            case .htmlTag: true
            case .skipped, .fontTable: false
            }
        }

        mutating func run() {
            var i = 0
            let n = bytes.count
            while i < n, !isTruncated {
                let b = bytes[i]
                switch b {
                case 0x7B:  // {
                    stack.append(state)
                    if stack.count > Self.maxDepth { state.destination = .skipped }
                    atGroupStart = true
                    starred = false
                    i += 1
                    continue
                case 0x7D:  // }
                    flush()
                    if state.destination == .fontTable { definingFont = nil }
                    if let previous = stack.popLast() { state = previous }
                    skipCount = 0
                    atGroupStart = false
                    i += 1
                    continue
                case 0x5C:  // backslash
                    i = control(at: i)
                    continue
                case 0x0D, 0x0A:
                    i += 1
                    continue
                default:
                    atGroupStart = false
                    i += 1
                    if skipCount > 0 {
                        skipCount -= 1
                        continue
                    }
                    if isEmitting { emitByte(b) }
                }
            }
        }

        /// Reads the control word or symbol at `start` (a backslash); returns where the next token starts.
        mutating func control(at start: Int) -> Int {
            var i = start + 1
            guard i < bytes.count else { return i }
            let c = bytes[i]
            let isLetter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
            if !isLetter {
                i += 1
                switch c {
                case 0x27:  // \'hh
                    guard i + 1 < bytes.count, let hi = hex(bytes[i]), let lo = hex(bytes[i + 1]) else { return i }
                    atGroupStart = false
                    if skipCount > 0 {
                        skipCount -= 1
                    } else if isEmitting {
                        emitByte(hi << 4 | lo)
                    }
                    return i + 2
                case 0x2A:  // \*
                    starred = true
                    return i
                case 0x5C, 0x7B, 0x7D:  // \\ \{ \}
                    atGroupStart = false
                    if skipCount > 0 { skipCount -= 1 } else if isEmitting { emitByte(c) }
                case 0x7E:  // \~ non-breaking space
                    emitSymbol("\u{00A0}")
                case 0x5F:  // \_ non-breaking hyphen
                    emitSymbol("-")
                case 0x0D, 0x0A:  // a backslash before a line break is \par
                    emitSymbol("\n")
                case 0x09:
                    emitSymbol("\t")
                default:
                    atGroupStart = false
                }
                return i
            }
            let nameStart = i
            while i < bytes.count, i - nameStart < 32, (bytes[i] >= 0x61 && bytes[i] <= 0x7A) || (bytes[i] >= 0x41 && bytes[i] <= 0x5A) { i += 1 }
            let name = String(decoding: bytes[nameStart ..< i], as: UTF8.self).lowercased()
            var parameter: Int?
            var negative = false
            if i < bytes.count, bytes[i] == 0x2D {
                negative = true
                i += 1
            }
            let digitsStart = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, i - digitsStart < 10 { i += 1 }
            if i > digitsStart {
                parameter = Int(String(decoding: bytes[digitsStart ..< i], as: UTF8.self)).map { negative ? -$0 : $0 }
            }
            if i < bytes.count, bytes[i] == 0x20 { i += 1 }
            if name == "bin", let count = parameter, count > 0 {
                return min(bytes.count, i + count)
            }
            word(name, parameter)
            return i
        }

        mutating func word(_ name: String, _ parameter: Int?) {
            let groupStart = atGroupStart
            let isStarred = starred
            atGroupStart = false
            starred = false
            if groupStart || isStarred {
                // The group's destination.
                if name == "htmltag", isStarred {
                    flush()
                    state.destination = state.destination == .skipped ? .skipped : .htmlTag
                    return
                }
                if name == "fonttbl" {
                    state.destination = .fontTable
                    return
                }
                if isStarred || Self.skippedDestinations.contains(name) {
                    flush()
                    state.destination = .skipped
                    return
                }
            }
            switch name {
            case "fromhtml": fromHTML = parameter != 0
            case "fromtext": fromText = true
            case "ansicpg": if let parameter, parameter > 0 { codepage = parameter }
            case "htmlrtf": state.suppressed = parameter != 0
            case "uc": state.unicodeSkip = max(0, min(parameter ?? 1, 10))
            case "u":
                if let parameter {
                    let value = parameter < 0 ? parameter + 65536 : parameter
                    if isEmitting, let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value)) {
                        flush()
                        append(String(Character(scalar)))
                    }
                    skipCount = state.unicodeSkip
                }
            case "f":
                if state.destination == .fontTable {
                    definingFont = parameter
                } else if let parameter {
                    state.fontCodepage = fontCodepages[parameter]
                }
            case "fcharset":
                if state.destination == .fontTable, let font = definingFont, let parameter, let cp = Self.codepage(forCharset: parameter) {
                    fontCodepages[font] = cp
                }
            case "cpg":
                if state.destination == .fontTable, let font = definingFont, let parameter, parameter > 0 { fontCodepages[font] = parameter }
            case "par", "line", "sect", "page", "row": emitSymbol("\n")
            case "tab", "cell": emitSymbol("\t")
            case "emdash": emitSymbol("\u{2014}")
            case "endash": emitSymbol("\u{2013}")
            case "bullet": emitSymbol("\u{2022}")
            case "lquote": emitSymbol("\u{2018}")
            case "rquote": emitSymbol("\u{2019}")
            case "ldblquote": emitSymbol("\u{201C}")
            case "rdblquote": emitSymbol("\u{201D}")
            default: break
            }
        }

        /// `\fcharsetN` → Windows code page.
        static func codepage(forCharset charset: Int) -> Int? {
            switch charset {
            case 0: 1252
            case 128: 932
            case 129: 949
            case 130: 1361
            case 134: 936
            case 136: 950
            case 161: 1253
            case 162: 1254
            case 163: 1258
            case 177: 1255
            case 178: 1256
            case 186: 1257
            case 204: 1251
            case 222: 874
            case 238: 1250
            case 77: 10000
            default: nil
            }
        }

        mutating func emitSymbol(_ text: String) {
            atGroupStart = false
            if skipCount > 0 {
                skipCount -= 1
                return
            }
            guard isEmitting else { return }
            flush()
            append(text)
        }

        mutating func emitByte(_ b: UInt8) {
            let cp = state.fontCodepage ?? codepage
            if !pending.isEmpty, cp != pendingCodepage { flush() }
            pendingCodepage = cp
            pending.append(b)
            if pending.count >= 4096 { flush() }
        }

        mutating func flush() {
            guard !pending.isEmpty else { return }
            let text = Codepage.decode(pending[...], codepage: pendingCodepage)
            pending.removeAll(keepingCapacity: true)
            append(text)
        }

        mutating func append(_ text: String) {
            let count = text.unicodeScalars.count
            if outputCount + count > maxCharacters {
                output += String(text.unicodeScalars.prefix(max(0, maxCharacters - outputCount)))
                outputCount = maxCharacters
                isTruncated = true
                return
            }
            output += text
            outputCount += count
        }

        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30 ... 0x39: b - 0x30
            case 0x41 ... 0x46: b - 0x37
            case 0x61 ... 0x66: b - 0x57
            default: nil
            }
        }
    }
}
