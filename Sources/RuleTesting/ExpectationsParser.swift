public import MailModel
import Investigation

/// A problem in an expectation, sidecar or suite file: a code of ``RuleTestCode``, one sentence, and
/// where. `description` is the one line Dragnet prints, like an investigation file's errors:
/// `path:line:column: error: [code] message`.
public typealias RuleTestFileError = LocatedError

/// Reads expectations from a composed YAML node: the value of an investigation's `expect:` key, or a
/// whole sidecar file. Every problem is collected with its line and column.
struct ExpectationsParser {
    /// The file being read (for messages).
    let path: String
    /// The folder paths in the file are relative to.
    let baseFolder: String
    private var collected: [RuleTestFileError] = []

    /// Every problem, in file order.
    var errors: [RuleTestFileError] {
        collected.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    static let keys = ["samples", "mailbox", "match", "noMatch", "count", "unlisted"]
    static let selectorKeys = ["messageId", "sample", "path", "pointer", "index", "line"]
    /// Spellings accepted for the keys (compared without case, `-`, `_` and spaces).
    static let aliases: [String: String] = [
        "mustmatch": "match", "matches": "match", "shouldmatch": "match",
        "mustnotmatch": "noMatch", "notmatch": "noMatch", "shouldnotmatch": "noMatch", "nomatches": "noMatch",
        "matchcount": "count",
        "msgid": "messageId", "internetmessageid": "messageId",
        "jsonpointer": "pointer",
    ]

    /// A key without case, `-`, `_` and spaces.
    static func canonical(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    }

    init(path: String, baseFolder: String) {
        self.path = path
        self.baseFolder = baseFolder
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at node: YAMLNode?) {
        collected.append(RuleTestFileError(code: code, message: message, path: path, line: node?.line ?? 0, column: node?.column ?? 0))
    }

    /// The expectations of `node` (a mapping); `nil` when there are errors.
    mutating func parse(_ node: YAMLNode?) -> Expectations? {
        guard let node, !node.isNull else {
            error(RuleTestCode.emptyValue, "the expectations are empty; give 'match', 'noMatch' or 'count'", at: node)
            return nil
        }
        guard let fields = mappingFields(node, allowed: Self.keys, what: "the expectations") else { return nil }
        var result = Expectations(path: path)
        for (name, key, value) in fields {
            switch name {
            case "samples":
                if let list = texts(value, key: name) {
                    result.samples = list.map { PathText.join(baseFolder, $0) }
                }
            case "mailbox":
                result.mailbox = text(value, key: name)
            case "match":
                result.match = selectors(value, key: name)
            case "noMatch":
                result.noMatch = selectors(value, key: name)
            case "count":
                if let s = text(value, key: name) {
                    if let n = Int(s), n >= 0 { result.count = n } else {
                        error(RuleTestCode.invalidValue, "'count' must be a whole number of matches (0 or more); found '\(s)'", at: value)
                    }
                }
            case "unlisted":
                if let s = text(value, key: name) {
                    if let u = Expectations.Unlisted(rawValue: s) { result.unlisted = u } else {
                        error(RuleTestCode.invalidValue, "'unlisted' must be noMatch or ignore; found '\(s)'", at: value)
                    }
                }
            default:
                _ = key
            }
        }
        if collected.isEmpty, result.match.isEmpty, result.noMatch.isEmpty, result.count == nil {
            error(RuleTestCode.emptyValue, "the expectations name nothing; give 'match', 'noMatch' or 'count'", at: node)
        }
        return collected.isEmpty ? result : nil
    }

    // MARK: Helpers

    /// The keys of a mapping in order; reports non-mappings, duplicate and unknown keys.
    mutating func mappingFields(_ node: YAMLNode, allowed: [String], what: String, code: DiagnosticCode = RuleTestCode.unknownKey) -> [(String, YAMLNode, YAMLNode)]? {
        guard let mapping = node.mapping else {
            error(RuleTestCode.wrongType, "\(what) must be a mapping with the keys \(allowed.joined(separator: ", ")); found \(node.shapeName)", at: node)
            return nil
        }
        var seen: Set<String> = []
        var fields: [(String, YAMLNode, YAMLNode)] = []
        for pair in mapping {
            let (key, value) = (pair.key, pair.value)
            guard let name = key.scalar else {
                error(RuleTestCode.wrongType, "a key must be a word such as 'match'; found \(key.shapeName)", at: key)
                continue
            }
            let resolved = allowed.first { Self.canonical($0) == Self.canonical(name) }
                ?? Self.aliases[Self.canonical(name)].flatMap { alias in allowed.contains(alias) ? alias : nil }
            guard seen.insert(resolved ?? name).inserted else {
                error(RuleTestCode.duplicateKey, "duplicate key '\(name)'; give each key once", at: key)
                continue
            }
            guard let resolved else {
                let hint = Self.closest(to: name, in: allowed).map { "did you mean '\($0)'?" } ?? "allowed keys here: \(allowed.joined(separator: ", "))"
                error(code, "unknown key '\(name)'; \(hint)", at: key)
                continue
            }
            fields.append((resolved, key, value))
        }
        return fields
    }

    mutating func text(_ node: YAMLNode, key: String) -> String? {
        if node.isNull {
            error(RuleTestCode.emptyValue, "'\(key)' is empty; give it a value", at: node)
            return nil
        }
        guard let s = node.scalar else {
            error(RuleTestCode.wrongType, "'\(key)' must be text; found \(node.shapeName)", at: node)
            return nil
        }
        if s.allSatisfy(\.isWhitespace) {
            error(RuleTestCode.emptyValue, "'\(key)' is empty; give it a value", at: node)
            return nil
        }
        return s
    }

    /// One text or a list of texts.
    mutating func texts(_ node: YAMLNode, key: String) -> [String]? {
        if let items = node.sequence {
            var out: [String] = []
            for item in items { if let s = text(item, key: key) { out.append(s) } }
            if out.isEmpty, items.isEmpty { error(RuleTestCode.emptyValue, "'\(key)' is an empty list", at: node) }
            return out.count == items.count ? out : nil
        }
        return text(node, key: key).map { [$0] }
    }

    /// `match` / `noMatch`: one selector or a list of them.
    mutating func selectors(_ node: YAMLNode, key: String) -> [ItemSelector] {
        if node.isNull { return [] }
        if let items = node.sequence {
            return items.compactMap { selector($0, key: key) }
        }
        return selector(node, key: key).map { [$0] } ?? []
    }

    mutating func selector(_ node: YAMLNode, key: String) -> ItemSelector? {
        let line = node.line
        let column = node.column
        if let s = node.scalar, !node.isNull {
            let trimmed = s.trimmingSpaces
            if trimmed.isEmpty {
                error(RuleTestCode.emptyValue, "an entry of '\(key)' is empty", at: node)
                return nil
            }
            if trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), trimmed.count > 2 {
                return ItemSelector(kind: .messageId(String(trimmed.dropFirst().dropLast())), written: trimmed, line: line, column: column)
            }
            let (path, fragment, problem) = ItemSelector.split(trimmed)
            if let problem {
                error(RuleTestCode.invalidValue, problem, at: node)
                return nil
            }
            if path.isEmpty {
                error(RuleTestCode.invalidValue, "'\(trimmed)' names no file; write the sample's path before '#'", at: node)
                return nil
            }
            return ItemSelector(kind: .file(path), fragment: fragment, written: trimmed, line: line, column: column)
        }
        guard node.mapping != nil else {
            error(RuleTestCode.wrongType, "an entry of '\(key)' must be a sample path, <message-id>, or a mapping with one of messageId, sample, path; found \(node.shapeName)", at: node)
            return nil
        }
        guard let fields = mappingFields(node, allowed: Self.selectorKeys, what: "an entry of '\(key)'") else { return nil }
        let names = fields.map(\.0)
        let kinds = names.filter { ["messageId", "sample", "path"].contains($0) }
        guard kinds.count == 1, let kindName = kinds.first else {
            if kinds.isEmpty, fields.count == names.count {
                error(RuleTestCode.invalidValue, "an entry of '\(key)' needs one of messageId, sample or path", at: node)
            } else if kinds.count > 1 {
                error(RuleTestCode.invalidValue, "an entry of '\(key)' takes one of messageId, sample or path, not \(kinds.joined(separator: " and ")); write one entry each", at: node)
            }
            return nil
        }
        var value = ""
        var fragment: ItemSelector.Fragment?
        var fragmentCount = 0
        var ok = true
        for (name, _, v) in fields {
            switch name {
            case "messageId", "sample", "path":
                guard let s = text(v, key: name) else { ok = false; continue }
                value = s.trimmingSpaces
            case "pointer":
                fragmentCount += 1
                if !v.isNull, let s = v.scalar { fragment = .pointer(s) } else if v.isNull {
                    fragment = .pointer("")
                } else {
                    error(RuleTestCode.wrongType, "'pointer' must be a JSON pointer such as /value/0", at: v)
                    ok = false
                }
            case "index":
                fragmentCount += 1
                if let s = text(v, key: name), let n = Int(s), n >= 0 { fragment = .index(n) } else {
                    error(RuleTestCode.invalidValue, "'index' must be the 0-based index of a message in an mbox file", at: v)
                    ok = false
                }
            case "line":
                fragmentCount += 1
                if let s = text(v, key: name), let n = Int(s), n >= 1 { fragment = .line(n) } else {
                    error(RuleTestCode.invalidValue, "'line' must be the 1-based line of a message in a JSON Lines file", at: v)
                    ok = false
                }
            default: break
            }
        }
        guard ok else { return nil }
        if fragmentCount > 1 {
            error(RuleTestCode.invalidValue, "give at most one of pointer, index and line", at: node)
            return nil
        }
        switch kindName {
        case "messageId":
            if fragment != nil {
                error(RuleTestCode.invalidValue, "pointer, index and line go with 'sample' or 'path', not with 'messageId'", at: node)
                return nil
            }
            var id = value
            if id.hasPrefix("<"), id.hasSuffix(">"), id.count > 2 { id = String(id.dropFirst().dropLast()) }
            return ItemSelector(kind: .messageId(id), written: "messageId \(value)", line: line, column: column)
        default:
            var path = value
            if fragment == nil {
                let split = ItemSelector.split(value)
                if let problem = split.problem {
                    error(RuleTestCode.invalidValue, problem, at: node)
                    return nil
                }
                path = split.path
                fragment = split.fragment
            }
            let kind: ItemSelector.Kind = kindName == "sample" ? .sample(path) : .path(path)
            return ItemSelector(kind: kind, fragment: fragment, written: "\(kindName) \(value)", line: line, column: column)
        }
    }

    /// The closest allowed word (edit distance at most 2, or a case-insensitive match).
    static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            if candidate.lowercased() == word.lowercased() { return candidate }
            let d = distance(Array(word.lowercased()), Array(candidate.lowercased()))
            if d <= 2, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
