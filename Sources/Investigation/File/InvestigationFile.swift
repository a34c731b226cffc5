import MailModel
internal import Crypto

/// Reads and validates investigation files (§5): YAML or JSON (JSON is YAML), the same structure.
///
/// ```yaml
/// name: Invoice lure           # required
/// description: ...             # optional
/// scope: {...}                 # optional (§7), see ScopeParser.swift
/// match: any                   # any (default) | all
/// filters: [...]               # required, non-empty; see FilterParser.swift
/// action: {type: warn, message: ...}   # optional; none (default) | warn | moveToTrash | delete
/// ```
///
/// Every problem is reported, in file order, each with its line and column; see
/// ``InvestigationFileError`` for the codes. Scalars are read as the text written, never resolved by
/// YAML's type rules (`yes`, `1e3`, `2026-11-01`, `0x1F` stay text); booleans (`caseSensitive`,
/// header `exists`) accept only `true`/`false`.
///
/// `action` may also be written `action: delete`; `warn` needs a `message` of at most
/// ``Action/maxMessageLength`` characters (`rule.missing-message`, `rule.message-too-long`); a message
/// with another type is dropped with a warning. Under `match: all`, two top-level `from` (or `ip`)
/// filters with different values are an error (§5: a message has one sender); one filter with a list
/// is fine. The file is UTF-8 (a BOM is allowed) or UTF-16 with a BOM.
///
/// Limits (hostile files): ``maxFileBytes``, ``maxNestingDepth`` (lists and mappings), ``maxNodes``
/// (YAML values after alias expansion: alias bombs are refused, not expanded), ``maxErrors``.
public enum InvestigationFile {
    /// The largest investigation file read (4 MiB: thousands of indicators).
    public static let maxFileBytes = 4 * 1024 * 1024
    /// The deepest nesting of YAML lists and mappings (each `all`/`any`/`not` group uses two).
    public static let maxNestingDepth = 64
    /// The most YAML values a file may hold once aliases are expanded.
    public static let maxNodes = 200_000
    /// The most errors reported for one file; the rest are summed up by one `rule.too-many-errors`.
    public static let maxErrors = 100

    /// Reads and validates an investigation file (YAML or JSON, told apart by content, not by name).
    /// `directory` enables the checks that need the export (unknown groups and mailboxes).
    public static func load(path: String, directory: DirectoryInfo? = nil) throws(InvestigationFileErrors) -> LoadedInvestigation {
        func fail(_ code: DiagnosticCode, _ message: String, line: Int = 0, column: Int = 0) -> InvestigationFileErrors {
            InvestigationFileErrors(errors: [InvestigationFileError(code: code, message: message, path: path, line: line, column: column)])
        }
        let bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.read(path, maxBytes: maxFileBytes)
        } catch {
            switch error.kind {
            case .notFound: throw fail(InvestigationFileCode.unreadableFile, "the investigation file does not exist")
            case .isFolder: throw fail(InvestigationFileCode.unreadableFile, "this is a folder, not an investigation file")
            case .cannotOpen: throw fail(InvestigationFileCode.unreadableFile, "the investigation file cannot be opened (permission denied?)")
            case .cannotRead: throw fail(InvestigationFileCode.unreadableFile, "the investigation file cannot be read: \(error.reason)")
            case .tooLarge:
                throw fail(InvestigationFileCode.tooLarge, "the file is larger than \(maxFileBytes / 1024 / 1024) MiB; an investigation file must be smaller")
            }
        }
        let digest = hexDigest(SHA256.hash(data: bytes))
        let text: String
        switch TextDecoding.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            throw fail(InvestigationFileCode.unreadableFile, problem.message, line: problem.line, column: problem.column)
        }
        return try parse(text: text, path: path, fileSHA256: digest, directory: directory)
    }

    /// The text of an investigation file's bytes, decoded as ``load(path:directory:)`` decodes them.
    public static func text(of bytes: [UInt8]) -> String? { try? TextDecoding.decode(bytes).get() }

    /// Validates the text of an investigation file. `path` is used in errors and recorded in the
    /// investigation; `fileSHA256` is recorded as given (the digest of the file's bytes).
    public static func parse(text: String, path: String, fileSHA256: String, directory: DirectoryInfo? = nil) throws(InvestigationFileErrors) -> LoadedInvestigation {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.count > maxFileBytes {
            throw InvestigationFileErrors(errors: [InvestigationFileError(
                code: InvestigationFileCode.tooLarge,
                message: "the file is larger than \(maxFileBytes / 1024 / 1024) MiB; an investigation file must be smaller", path: path)])
        }
        let root: YAMLNode?
        do {
            root = try YAMLDocument.compose(bytes, maxDepth: maxNestingDepth, maxNodes: maxNodes, fileKind: "an investigation file")
        } catch {
            let code = switch error.kind {
            case .invalid: InvestigationFileCode.invalidYAML
            case .tooDeep: InvestigationFileCode.tooDeep
            case .tooComplex: InvestigationFileCode.tooComplex
            case .cannotStart: InvestigationFileCode.unreadableFile
            case .outOfMemory: InvestigationFileCode.tooLarge
            }
            throw InvestigationFileErrors(errors: [InvestigationFileError(
                code: code, message: error.message, path: path, line: error.line, column: error.column)])
        }
        let parser = InvestigationFileParser(path: path, directory: directory)
        let investigation = parser.investigation(from: root, fileSHA256: fileSHA256)
        let (errors, warnings) = parser.sortedDiagnostics()
        guard errors.isEmpty, let investigation else {
            throw InvestigationFileErrors(errors: errors, warnings: warnings)
        }
        return LoadedInvestigation(investigation: investigation, warnings: warnings)
    }
}

/// Lower-case hex of a digest.
func hexDigest(_ digest: some Sequence<UInt8>) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in digest {
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Bytes → text: UTF-8 (a BOM is dropped) or UTF-16 with a BOM (as Windows tools write).
enum TextDecoding {
    struct Problem: Error {
        var message: String
        var line: Int
        var column: Int
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            guard bytes.count % 2 == 0 else {
                return .failure(Problem(message: "the file starts with a UTF-16 byte order mark but has an odd number of bytes", line: 0, column: 0))
            }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2 - 1)
            var i = 2
            while i + 1 < bytes.count {
                units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return .success(String(decoding: units, as: UTF16.self))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let offset = firstInvalidUTF8(body) {
            var line = 1
            var column = 1
            for b in body[..<offset] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return .failure(Problem(message: "the file is not UTF-8 text (an invalid byte 0x\(String(body[offset], radix: 16, uppercase: true)) is here); save it as UTF-8", line: line, column: column))
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// The mappings of one file, as a list of keys in order and a lookup by key.
struct YAMLFields {
    var pairs: [(name: String, pair: YAMLPair)] = []
    /// Keys suggested for unknown keys ("did you mean 'name'?"): a missing key suggested here is not
    /// reported a second time as missing.
    var suggested: Set<String> = []
    /// Whether every key of the mapping was accepted (none unknown, duplicate or not text).
    var isComplete = true

    subscript(_ name: String) -> YAMLPair? { pairs.first { $0.name == name }?.pair }
}

/// Walks a composed document and collects the investigation and every problem.
final class InvestigationFileParser {
    let path: String
    let directory: DirectoryInfo?
    private(set) var errors: [InvestigationFileError] = []
    private(set) var warnings: [InvestigationFileError] = []
    private var conditionCount = 0

    init(path: String, directory: DirectoryInfo?) {
        self.path = path
        self.directory = directory
    }

    /// `expect` holds the expectations of `dragnet test` (read by RuleTesting; ignored here).
    static let topLevelKeys = ["name", "description", "scope", "match", "filters", "action", "expect"]

    // MARK: Diagnostics

    func error(_ code: DiagnosticCode, _ message: String, at node: YAMLNode) {
        errors.append(InvestigationFileError(code: code, message: message, path: path, line: node.line, column: node.column))
    }

    func error(_ code: DiagnosticCode, _ message: String, at location: FileLocation) {
        errors.append(InvestigationFileError(code: code, message: message, path: path, line: location.line, column: location.column))
    }

    func warning(_ code: DiagnosticCode, _ message: String, at node: YAMLNode) {
        warnings.append(InvestigationFileError(code: code, message: message, path: path, line: node.line, column: node.column, ))
    }

    /// Errors and warnings in file order (duplicates dropped), errors capped at `maxErrors`.
    func sortedDiagnostics() -> ([InvestigationFileError], [InvestigationFileError]) {
        func ordered(_ list: [InvestigationFileError]) -> [InvestigationFileError] {
            var seen = Set<InvestigationFileError>()
            let unique = list.filter { seen.insert($0).inserted }
            return unique.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }.map(\.element)
        }
        var errors = ordered(errors)
        if errors.count > InvestigationFile.maxErrors {
            let rest = errors.count - InvestigationFile.maxErrors
            let last = errors[InvestigationFile.maxErrors]
            errors = Array(errors.prefix(InvestigationFile.maxErrors))
            errors.append(InvestigationFileError(
                code: InvestigationFileCode.tooManyErrors,
                message: "\(rest) more error\(rest == 1 ? "" : "s") not shown; fix these first",
                path: path, line: last.line, column: last.column))
        }
        return (errors, ordered(warnings))
    }

    // MARK: Reading helpers

    /// The node to point at for a value: the key when the value is empty (an empty value has no
    /// position of its own).
    func anchor(_ pair: YAMLPair) -> YAMLNode { pair.value.isNull ? pair.key : pair.value }

    /// The keys of a mapping: reports keys that are not text, duplicates and keys not in `allowed`
    /// (with a did-you-mean). Unknown and duplicate keys are left out of the result.
    func fields(of node: YAMLNode, allowed: [String], suggestions: [String]? = nil) -> YAMLFields {
        var fields = YAMLFields()
        guard let pairs = node.mapping else { return fields }
        var seen: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar, !pair.key.isNull else {
                error(InvestigationFileCode.wrongType, "a key must be a word such as 'name'; found \(pair.key.shapeName)", at: pair.key)
                continue
            }
            if let first = seen[name] {
                error(InvestigationFileCode.duplicateKey, "duplicate key '\(name)' (first given at line \(first.line)); give each key once", at: pair.key)
                continue
            }
            seen[name] = pair.key
            guard allowed.contains(name) else {
                let candidates = suggestions ?? allowed
                if let match = Suggestion.closest(to: name, in: candidates) {
                    fields.suggested.insert(match)
                    error(InvestigationFileCode.unknownKey, "unknown key '\(name)'; did you mean '\(match)'?", at: pair.key)
                } else {
                    error(InvestigationFileCode.unknownKey, "unknown key '\(name)'; allowed keys here: \(candidates.joined(separator: ", "))", at: pair.key)
                }
                continue
            }
            fields.pairs.append((name, pair))
        }
        fields.isComplete = fields.pairs.count == pairs.count
        return fields
    }

    /// A text value (a scalar as written); reports lists, mappings and empty values.
    func text(_ pair: YAMLPair, key: String, allowEmpty: Bool = false) -> String? {
        let value = pair.value
        if value.isNull {
            if !allowEmpty { error(InvestigationFileCode.emptyValue, "'\(key)' is empty; give it a value", at: pair.key) }
            return nil
        }
        guard let s = value.scalar else {
            error(InvestigationFileCode.wrongType, "'\(key)' must be text; found \(value.shapeName)", at: value)
            return nil
        }
        if !allowEmpty, s.ruleTrimmed.isEmpty {
            error(InvestigationFileCode.emptyValue, "'\(key)' is empty; give it a value", at: value)
            return nil
        }
        return s
    }

    /// `true` or `false` (any case); anything else (`yes`, `1`, `"true"` quoted is accepted) is an error.
    func bool(_ pair: YAMLPair, key: String) -> Bool? {
        guard let s = pair.value.scalar, !pair.value.isNull else {
            error(InvestigationFileCode.wrongType, "'\(key)' must be true or false; found \(pair.value.shapeName)", at: anchor(pair))
            return nil
        }
        switch s.lowercased() {
        case "true": return true
        case "false": return false
        default:
            error(InvestigationFileCode.invalidValue, "'\(key)' must be true or false; found '\(s)'", at: pair.value)
            return nil
        }
    }

    /// A single scalar or a list of scalars (a list of one value and the value alone are the same).
    /// Reports empty values, empty lists and nested lists or mappings.
    func scalarList(_ pair: YAMLPair, key: String, expected: String) -> [(String, YAMLNode)]? {
        let value = pair.value
        if value.isNull {
            error(InvestigationFileCode.emptyValue, "'\(key)' is empty; give \(expected)", at: pair.key)
            return nil
        }
        let items: [YAMLNode]
        switch value.kind {
        case .scalar: items = [value]
        case .sequence(let list): items = list
        case .mapping:
            error(InvestigationFileCode.wrongType, "'\(key)' must be \(expected); found a mapping", at: value)
            return nil
        }
        if items.isEmpty {
            error(InvestigationFileCode.emptyValue, "'\(key)' is an empty list; give \(expected)", at: value)
            return nil
        }
        var result: [(String, YAMLNode)] = []
        var ok = true
        for item in items {
            guard let s = item.scalar, !item.isNull else {
                error(item.isNull ? InvestigationFileCode.emptyValue : InvestigationFileCode.wrongType,
                      "each value of '\(key)' must be text; found \(item.shapeName)", at: item)
                ok = false
                continue
            }
            if s.ruleTrimmed.isEmpty {
                error(InvestigationFileCode.emptyValue, "empty value in '\(key)'; give \(expected)", at: item)
                ok = false
                continue
            }
            result.append((s, item))
        }
        return ok ? result : nil
    }

    func nextConditionID() -> String {
        conditionCount += 1
        return "f\(conditionCount)"
    }

    // MARK: The investigation

    func investigation(from root: YAMLNode?, fileSHA256: String) -> Investigation? {
        guard let root else {
            errors.append(InvestigationFileError(
                code: InvestigationFileCode.emptyFile,
                message: "the file is empty; an investigation needs at least 'name' and 'filters'", path: path, line: 1, column: 1))
            return nil
        }
        guard root.mapping != nil else {
            error(InvestigationFileCode.wrongType, "an investigation file must be a mapping of keys (name, scope, match, filters, action); found \(root.shapeName)", at: root)
            return nil
        }
        let fields = fields(of: root, allowed: Self.topLevelKeys)

        var name: String?
        if let pair = fields["name"] {
            name = text(pair, key: "name")
        } else if !fields.suggested.contains("name") {
            error(InvestigationFileCode.missingKey, "missing required key 'name' (a title for the investigation)", at: root)
        }
        let description = fields["description"].flatMap { text($0, key: "description", allowEmpty: true) }

        var match = MatchMode.any
        if let pair = fields["match"] {
            if let value = text(pair, key: "match") {
                if let mode = MatchMode(rawValue: value) {
                    match = mode
                } else {
                    error(InvestigationFileCode.invalidValue, "'match' must be 'any' or 'all'; found '\(value)'" + Suggestion.hint(for: value, in: ["any", "all"], listAllowed: false), at: pair.value)
                }
            }
        }

        let scope = fields["scope"].map { self.scope(from: $0) } ?? Scope()
        let action = fields["action"].map { self.action(from: $0) } ?? Action()

        var filters: [FilterNode]?
        if let pair = fields["filters"] {
            filters = filterList(pair, key: "filters")
            if let filters { checkConflicts(in: filters, underAll: match == .all) }
        } else if !fields.suggested.contains("filters") {
            error(InvestigationFileCode.missingKey, "missing required key 'filters' (a list of filters such as '- subject: Invoice')", at: root)
        }

        guard let name, let filters else { return nil }
        return Investigation(
            name: name, description: description, scope: scope, match: match, filters: filters, action: action,
            path: path, fileSHA256: fileSHA256)
    }

    /// Applies ``checkConflicts(_:)`` to the filters directly under each `all`: the top-level list
    /// under `match: all`, and every `all` group at any depth. (Filters in different groups are not
    /// compared: a group may narrow a domain to a subdomain.)
    func checkConflicts(in filters: [FilterNode], underAll: Bool) {
        if underAll { checkConflicts(filters) }
        for node in filters {
            switch node {
            case .all(let nodes): checkConflicts(in: nodes, underAll: true)
            case .any(let nodes): checkConflicts(in: nodes, underAll: false)
            case .not(let inner): checkConflicts(in: [inner], underAll: false)
            case .condition: break
            }
        }
    }

    /// §5 compatibility rule: under `all` (`match: all` or an `all` group), two `from` (or `ip`) filters
    /// with different values can never both hold, since a message has one sender. A list on one filter
    /// is fine.
    func checkConflicts(_ filters: [FilterNode]) {
        var first: [FilterField: Set<String>] = [:]
        for node in filters {
            guard case .condition(let condition) = node, condition.op == .equals,
                  condition.field == .from || condition.field == .ip else { continue }
            let values = Set(condition.values.compactMap(\.text).map { $0.lowercased() })
            guard let earlier = first[condition.field] else {
                first[condition.field] = values
                continue
            }
            if earlier == values { continue }
            if condition.field == .from {
                error(InvestigationFileCode.conflictingFrom,
                      "under 'all' a second 'from' filter with other values can never match, since a message has one sender; list the senders in one filter (from: [a, b]) or use 'any'",
                      at: condition.location)
            } else {
                error(InvestigationFileCode.conflictingIP,
                      "under 'all' a second 'ip' filter with other values can never match, since a message has one sending IP; list the addresses in one filter (ip: [a, b]) or use 'any'",
                      at: condition.location)
            }
        }
    }

    // MARK: Action (§8)

    static let actionKeys = ["type", "message"]

    /// `action: {type: warn, message: ...}` or the short `action: delete`.
    func action(from pair: YAMLPair) -> Action {
        let value = pair.value
        if value.isNull { return Action() }
        var typeNode: YAMLNode
        var kind: Action.Kind?
        var messagePair: YAMLPair?
        switch value.kind {
        case .scalar:
            typeNode = value
            kind = actionKind(value)
        case .mapping:
            let fields = fields(of: value, allowed: Self.actionKeys)
            messagePair = fields["message"]
            guard let typePair = fields["type"] else {
                if fields.suggested.contains("type") { return Action() }
                error(InvestigationFileCode.missingKey, "the action has no 'type'; give one of none, warn, moveToTrash, delete", at: value)
                return Action()
            }
            typeNode = anchor(typePair)
            if typePair.value.isNull || typePair.value.scalar == nil {
                _ = text(typePair, key: "type")
            } else {
                kind = actionKind(typePair.value)
            }
        case .sequence:
            error(InvestigationFileCode.wrongType, "'action' must be a mapping such as {type: warn, message: ...} or one of none, warn, moveToTrash, delete; found a list", at: value)
            return Action()
        }
        guard let kind else { return Action() }

        var message: String?
        if let messagePair {
            if let text = text(messagePair, key: "message") {
                if kind != .warn {
                    warning(InvestigationFileCode.messageIgnored, "the message is used only by 'type: warn'; it is ignored for '\(kind.rawValue)'", at: messagePair.key)
                } else if text.count > Action.maxMessageLength {
                    error(InvestigationFileCode.messageTooLong, "the warning message has \(text.count) characters; at most \(Action.maxMessageLength) are allowed", at: messagePair.value)
                } else {
                    message = text
                }
            }
        } else if kind == .warn {
            error(InvestigationFileCode.missingMessage, "'type: warn' needs a 'message' to show users (at most \(Action.maxMessageLength) characters)", at: typeNode)
        }
        return Action(kind: kind, message: kind == .warn ? message : nil)
    }

    func actionKind(_ node: YAMLNode) -> Action.Kind? {
        guard let s = node.scalar else { return nil }
        if let kind = Action.Kind(rawValue: s) { return kind }
        let names = Action.Kind.allCases.map(\.rawValue)
        error(InvestigationFileCode.invalidValue, "unknown action type '\(s)'" + Suggestion.hint(for: s, in: names), at: node)
        return nil
    }
}

extension String {
    /// Without leading and trailing white space (spaces, tabs, newlines).
    var ruleTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
