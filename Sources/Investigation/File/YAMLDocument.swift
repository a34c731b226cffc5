// The YAML (and JSON, which is YAML) reader under every YAML file Dragnet reads: investigation files,
// and (through RuleTesting) expectation sidecars and suite files.
//
// Why not `Yams.compose`: Yams' composer is recursive with no depth limit (a file of 100 000 `[`
// overflows the stack) and gives no way to bound what aliases expand to. So this file drives the
// libyaml that Yams bundles (its `CYaml` module) event by event, and builds the tree itself with an
// explicit stack and hard limits:
// - nesting deeper than `maxDepth` collections is refused (`.tooDeep`: `rule.too-deep`);
// - every node counts against `maxNodes`, and an alias counts the whole subtree it stands for, so a
//   "billion laughs" file is refused (`.tooComplex`: `rule.too-complex`) after reading at most
//   `maxNodes` nodes;
// - scalars stay raw strings with their style: nothing is resolved to a bool, number or timestamp
//   (`yes`, `1e3`, `2026-11-01` stay text); callers decide what a scalar means.
// Positions are libyaml's: 1-based line and column (columns count characters).

internal import CYaml

/// A node of a composed YAML document, with the position of its first character.
package struct YAMLNode: Sendable {
    package enum Kind: Sendable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    package var kind: Kind
    package var line: Int
    package var column: Int
    /// Plain (unquoted, untagged) scalar: only these can be null, `true`, ...
    package var isPlain: Bool
    /// Nodes in this subtree (aliases expanded).
    package var size: Int

    /// A plain empty scalar, `~` or `null`.
    package var isNull: Bool {
        guard isPlain, case .scalar(let s) = kind else { return false }
        return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    package var scalar: String? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    package var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    package var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// "text", "a list", "a mapping" or "empty", for messages.
    package var shapeName: String {
        if isNull { return "empty" }
        switch kind {
        case .scalar: return "text"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

package struct YAMLPair: Sendable {
    package var key: YAMLNode
    package var value: YAMLNode
}

/// Why a document could not be composed; the caller gives it its code.
package struct YAMLReadError: Error, Sendable {
    package enum Kind: Sendable {
        /// Not valid YAML (or JSON), or more than one document.
        case invalid
        /// Collections nested deeper than the limit.
        case tooDeep
        /// More nodes than the limit, aliases expanded.
        case tooComplex
        /// libyaml could not start.
        case cannotStart
        /// libyaml ran out of memory.
        case outOfMemory
    }

    package var kind: Kind
    package var message: String
    package var line: Int
    package var column: Int
}

/// The bounded composer every YAML file goes through (see the top of this file).
package enum YAMLDocument {
    /// Composes the single document in `bytes` (UTF-8, no BOM); `nil` when there is none (empty file,
    /// only comments). `fileKind` names the file in messages ("an investigation file").
    package static func compose(_ bytes: [UInt8], maxDepth: Int, maxNodes: Int, fileKind: String) throws(YAMLReadError) -> YAMLNode? {
        if bytes.isEmpty { return nil }
        let result: Result<YAMLNode?, YAMLReadError> = bytes.withUnsafeBufferPointer { buffer in
            var composer = Composer(maxDepth: maxDepth, maxNodes: maxNodes, fileKind: fileKind, bytes: buffer)
            return composer.run()
        }
        return try result.get()
    }
}

private struct Composer {
    struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var anchor: String?
        var line: Int
        var column: Int
        var size = 1
    }

    let maxDepth: Int
    let maxNodes: Int
    let fileKind: String
    let bytes: UnsafeBufferPointer<UInt8>
    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var root: YAMLNode?
    var documents = 0
    var nodes = 0
    /// Line and column just after the last character.
    let end: (line: Int, column: Int)

    init(maxDepth: Int, maxNodes: Int, fileKind: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.fileKind = fileKind
        self.bytes = bytes
        end = Self.endPosition(of: bytes)
    }

    /// 1-based line and column of a libyaml mark. At the end of a text that does not end with a line
    /// break, libyaml counts one more: such a mark is placed at the end of the last line, not on a
    /// line past the file.
    func place(_ mark: yaml_mark_t) -> (line: Int, column: Int) {
        let line = Int(mark.line) + 1
        return line > end.line ? end : (line, Int(mark.column) + 1)
    }

    mutating func run() -> Result<YAMLNode?, YAMLReadError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLReadError(kind: .cannotStart, message: "the YAML reader could not start (out of memory)", line: 0, column: 0))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            let (line, column) = place(event.start_mark)
            do throws(YAMLReadError) {
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw YAMLReadError(
                            kind: .invalid,
                            message: "the file holds more than one YAML document; \(fileKind) holds exactly one",
                            line: line, column: column)
                    }
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard var node = anchors[name] else {
                        throw YAMLReadError(
                            kind: .invalid,
                            message: "invalid YAML: the alias '*\(name)' names no anchor defined before it",
                            line: line, column: column)
                    }
                    try count(node.size, line: line, column: column, alias: name)
                    node.line = line
                    node.column = column
                    try attach(node)
                case YAML_SCALAR_EVENT:
                    try count(1, line: line, column: column, alias: nil)
                    let scalar = event.data.scalar
                    let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
                    let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
                    let node = YAMLNode(kind: .scalar(value), line: line, column: column, isPlain: isPlain, size: 1)
                    if let anchor = Self.string(scalar.anchor) { anchors[anchor] = node }
                    try attach(node)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    try count(1, line: line, column: column, alias: nil)
                    if stack.count >= maxDepth {
                        throw YAMLReadError(
                            kind: .tooDeep,
                            message: "lists and mappings are nested more than \(maxDepth) levels deep",
                            line: line, column: column)
                    }
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMapping, anchor: anchor, line: line, column: column))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let frame = stack.removeLast()
                    let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                    let node = YAMLNode(kind: kind, line: frame.line, column: frame.column, isPlain: false, size: frame.size)
                    if let anchor = frame.anchor { anchors[anchor] = node }
                    try attach(node)
                default:
                    break  // stream start, document end, none
                }
            } catch {
                return .failure(error)
            }
        }
    }

    mutating func count(_ n: Int, line: Int, column: Int, alias: String?) throws(YAMLReadError) {
        nodes += n
        if nodes > maxNodes {
            let what = alias.map { "the alias '*\($0)' makes the file expand to" } ?? "the file holds"
            throw YAMLReadError(
                kind: .tooComplex,
                message: "\(what) more than \(maxNodes) YAML values; \(fileKind) must be smaller",
                line: line, column: column)
        }
    }

    mutating func attach(_ node: YAMLNode) throws(YAMLReadError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let last = stack.count - 1
        stack[last].size += node.size
        if stack[last].isMapping {
            if let key = stack[last].pendingKey {
                stack[last].pairs.append(YAMLPair(key: key, value: node))
                stack[last].pendingKey = nil
            } else {
                stack[last].pendingKey = node
            }
        } else {
            stack[last].items.append(node)
        }
    }

    func syntaxError(_ parser: yaml_parser_t) -> YAMLReadError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let syntax = looksLikeJSON ? "invalid JSON" : "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            let (line, column) = position(ofByte: Int(parser.problem_offset))
            return YAMLReadError(
                kind: .invalid, message: "\(syntax): \(problem)", line: line, column: column)
        }
        if parser.error == YAML_MEMORY_ERROR {
            return YAMLReadError(kind: .outOfMemory, message: "the YAML reader ran out of memory", line: 0, column: 0)
        }
        let (line, column) = place(parser.problem_mark)
        var message = "\(syntax): \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            let (contextLine, contextColumn) = place(parser.context_mark)
            message += " (\(context) at line \(contextLine), column \(contextColumn))"
        }
        let offset = byteOffset(ofCharacter: Int(parser.problem_mark.index))
        if offset < bytes.count, bytes[offset] == 0x09 {
            message += "; YAML does not allow tabs for indentation, use spaces"
        }
        return YAMLReadError(kind: .invalid, message: message, line: line, column: column)
    }

    /// Whether the text starts like JSON (`{` or `[` after white space), for messages only: both are
    /// read by the same YAML parser.
    var looksLikeJSON: Bool {
        for b in bytes {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            return b == 0x7B || b == 0x5B
        }
        return false
    }

    /// The byte offset of the character at `index` (libyaml's marks count characters).
    func byteOffset(ofCharacter index: Int) -> Int {
        var characters = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 {
                if characters == index { return i }
                characters += 1
            }
            i += 1
        }
        return bytes.count
    }

    /// 1-based line and column (in characters) just after the last character, with lines broken as
    /// YAML breaks them (CR LF, CR, LF, NEL, LS, PS), as libyaml counts its marks.
    static func endPosition(of bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D || b == 0x0A {
                i += b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
                line += 1
                column = 1
                continue
            }
            let nel = b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0x85
            let lsOrPS = b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
            if nel || lsOrPS {
                i += nel ? 2 : 3
                line += 1
                column = 1
                continue
            }
            if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    /// 1-based line and column (in characters) of a byte offset.
    func position(ofByte offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
