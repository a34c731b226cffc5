internal import SafeRegex

// The `filters` list of an investigation file (§5, §6).
//
// Each list item is ONE of:
// - a short filter, one key and its value: `- subject: Invoice overdue`; the value may be a list,
//   which matches any of its values: `- attachmentExtension: [html, iso, lnk]`. `caseSensitive: true`
//   may sit beside the key: `- {subject: Invoice, caseSensitive: true}`.
// - a group: `- all: [...]`, `- any: [...]` (non-empty lists of filters), or `- not: ...` whose value
//   is one filter (`not: {from: contoso.com}`: the filter does not hold) or a non-empty list
//   (`not: [a, b]` means NOT (a OR b): none of them holds).
// - the long-hand form `{field: subject, op: equals, value: Invoice, caseSensitive: true}`; `op`
//   defaults to the field's operator, `value` may be a list, `exists`/`notExists` take no value, and
//   `field: header` adds `name: X-Mailer` (its `op` defaults to contains).
// - `header: {name: X-Mailer, contains: PHPMailer}` with exactly one of contains, notContains,
//   equals, notEquals, glob, regex (a value or a list), exists, notExists (true or false).
//
// Default operators: from/to/cc/bcc equals (address-or-domain, §6); senderName/subject/keyword
// contains; regex regex; url equals (domain, URL prefix or IP, §6); ip equals (address or CIDR);
// attachmentName glob; attachmentExtension equals; attachmentSize equals; the digests equals;
// messageId equals. Operators allowed: every one on text fields; `regex` only regex; `ip` equals,
// notEquals, exists, notExists, regex; attachmentSize and the digests equals, notEquals, exists,
// notExists.
//
// Case: text compares case-insensitively unless `caseSensitive: true` (§6); that includes the
// long-hand `op: regex` and header `regex:`. The `regex` FILTER is different: it keeps RE2's own case
// rules (case-sensitive; `(?i)` in the pattern makes it insensitive), so its condition always says
// `caseSensitive: true`, and a `caseSensitive` written beside it is ignored with a warning.
//
// Values, as stored in the model:
// - text values as written (never resolved by YAML: `yes`, `1e3` stay text);
// - `equals`/`notEquals` values are checked: from/to/cc/bcc an address or a domain, ip an address
//   or CIDR block, url a domain, URL or IP (as the engine's URLMatcher reads it), digests hex of the
//   field's length (lower-cased),
//   attachmentExtension without its leading dot and lower-cased (`.HTML` → `html`; `tar.gz` is an
//   error: only the last extension is compared), messageId without angle brackets;
// - regular expressions are compiled with RE2 to check them (RE2's message on error);
// - attachmentSize: whole bytes or a number with a unit, or `{min:, max:}` (see ValueParsers.swift).
//
// Conditions get ids f1, f2, ... depth-first in file order, and the position of their list item.

extension InvestigationFileParser {
    static let groupKeys = ["all", "any", "not"]
    static let filterKeys = FilterField.allCases.map(\.rawValue)
    static let longHandKeys = ["field", "op", "value", "caseSensitive", "name"]
    static let headerOperatorKeys = ["contains", "notContains", "equals", "notEquals", "glob", "regex", "exists", "notExists"]

    /// The operator a field uses when none is written.
    static func defaultOperator(_ field: FilterField) -> FilterOperator {
        switch field {
        case .senderName, .subject, .keyword, .header: .contains
        case .regex: .regex
        case .attachmentName: .glob
        default: .equals
        }
    }

    /// The operators that apply to a field.
    static func allowedOperators(_ field: FilterField) -> [FilterOperator] {
        switch field {
        case .regex: [.regex]
        case .ip: [.equals, .notEquals, .exists, .notExists, .regex]
        case .attachmentSize, .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512:
            [.equals, .notEquals, .exists, .notExists]
        default: FilterOperator.allCases
        }
    }

    /// Fields on which `caseSensitive` changes nothing (`regex` keeps the pattern's own case rules).
    static func ignoresCase(_ field: FilterField) -> Bool {
        switch field {
        case .regex, .ip, .attachmentSize, .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512: true
        default: false
        }
    }

    static func caseIgnoredMessage(_ field: FilterField, _ op: FilterOperator? = nil) -> String {
        if field == .regex {
            return "'caseSensitive' has no effect on a regex filter, which follows the pattern's own case rules; write (?i) in the pattern to ignore case"
        }
        if let op, op == .exists || op == .notExists {
            return "'caseSensitive' has no effect on '\(field.rawValue)' with '\(op.rawValue)'"
        }
        return "'caseSensitive' has no effect on '\(field.rawValue)'"
    }

    // MARK: Lists and groups

    /// A non-empty list of filters (`filters`, `all`, `any`, the list form of `not`).
    func filterList(_ pair: YAMLPair, key: String) -> [FilterNode]? {
        let value = pair.value
        guard let items = value.sequence else {
            if value.isNull {
                error(InvestigationFileCode.emptyFilters, "'\(key)' is empty; give at least one filter", at: pair.key)
            } else {
                error(InvestigationFileCode.wrongType, "'\(key)' must be a list of filters such as '- subject: Invoice'; found \(value.shapeName)", at: value)
            }
            return nil
        }
        guard !items.isEmpty else {
            error(InvestigationFileCode.emptyFilters, "'\(key)' is an empty list; give at least one filter", at: value)
            return nil
        }
        var nodes: [FilterNode] = []
        var ok = true
        for item in items {
            if let node = filter(item) { nodes.append(node) } else { ok = false }
        }
        return ok ? nodes : nil
    }

    /// One filter item.
    func filter(_ item: YAMLNode) -> FilterNode? {
        guard let pairs = item.mapping else {
            let found = item.scalar.map { item.isNull ? "an empty item" : "the text '\($0)'" } ?? item.shapeName
            error(InvestigationFileCode.wrongType, "a filter must be a mapping such as 'subject: Invoice' or 'all: [...]'; found \(found)", at: item)
            return nil
        }
        if pairs.isEmpty {
            error(InvestigationFileCode.missingKey, "this filter is empty; give one filter key such as 'subject: Invoice'", at: item)
            return nil
        }
        if pairs.contains(where: { $0.key.scalar == "field" }) { return longHand(item) }

        let known = Self.filterKeys + Self.groupKeys
        let fields = fields(of: item, allowed: known + ["caseSensitive"], suggestions: known + ["caseSensitive", "field"])
        let filterPairs = fields.pairs.filter { $0.name != "caseSensitive" }
        let caseSensitivePair = fields["caseSensitive"]
        guard let (key, pair) = filterPairs.first.map({ ($0.name, $0.pair) }) else {
            if fields.isComplete {
                error(InvestigationFileCode.missingKey, "this filter has only 'caseSensitive'; give a filter key such as 'subject: Invoice'", at: item)
            }
            return nil
        }
        if filterPairs.count > 1 {
            let second = filterPairs[1]
            error(InvestigationFileCode.multipleKeys,
                  "one filter per list item: '\(key)' and '\(second.name)' are in the same item; start each with '- ', or group them under 'all:' or 'any:'",
                  at: second.pair.key)
            return nil
        }
        let hadUnknownKeys = !fields.isComplete

        if Self.groupKeys.contains(key) {
            if let caseSensitivePair {
                error(InvestigationFileCode.unknownKey, "'caseSensitive' does not apply to a group; put it on the filters inside '\(key)'", at: caseSensitivePair.key)
            }
            let node = group(key, pair)
            return hadUnknownKeys ? nil : node
        }
        guard let field = FilterField(rawValue: key) else { return nil }
        let id = nextConditionID()
        let location = FileLocation(line: item.line, column: item.column)
        var caseSensitive: Bool?
        if let caseSensitivePair { caseSensitive = bool(caseSensitivePair, key: "caseSensitive") }

        let condition: Condition?
        if field == .header {
            condition = headerCondition(pair, id: id, location: location, outerCaseSensitive: caseSensitive)
        } else {
            let op = Self.defaultOperator(field)
            if let caseSensitivePair, Self.ignoresCase(field) {
                warning(InvestigationFileCode.caseIgnored, Self.caseIgnoredMessage(field), at: caseSensitivePair.key)
            }
            let sensitive = field == .regex ? true : caseSensitive ?? false
            condition = values(pair, field: field, op: op, caseSensitive: sensitive).map {
                Condition(id: id, field: field, op: op, values: $0, caseSensitive: sensitive, location: location)
            }
        }
        guard let condition, !hadUnknownKeys, caseSensitivePair == nil || caseSensitive != nil else { return nil }
        return .condition(condition)
    }

    /// `all: [...]`, `any: [...]`, `not: {...}` or `not: [...]` (NOT of any of them).
    func group(_ key: String, _ pair: YAMLPair) -> FilterNode? {
        switch key {
        case "all":
            return filterList(pair, key: key).map { .all($0) }
        case "any":
            return filterList(pair, key: key).map { .any($0) }
        default:
            if pair.value.mapping != nil {
                return filter(pair.value).map { .not($0) }
            }
            if pair.value.sequence != nil || pair.value.isNull {
                return filterList(pair, key: key).map { .not(.any($0)) }
            }
            error(InvestigationFileCode.wrongType, "'not' takes one filter ({from: contoso.com}) or a list of filters; found \(pair.value.shapeName)", at: pair.value)
            return nil
        }
    }

    // MARK: Long-hand form

    /// `{field: subject, op: equals, value: Invoice, caseSensitive: true}`; `name:` with `field: header`.
    func longHand(_ item: YAMLNode) -> FilterNode? {
        let id = nextConditionID()
        let location = FileLocation(line: item.line, column: item.column)
        let fields = fields(of: item, allowed: Self.longHandKeys)
        var ok = fields.isComplete

        guard let fieldPair = fields["field"], let fieldName = text(fieldPair, key: "field") else { return nil }
        guard let field = FilterField(rawValue: fieldName) else {
            if Self.groupKeys.contains(fieldName) {
                error(InvestigationFileCode.unknownField, "'\(fieldName)' is a group, not a field; write it as '\(fieldName): [...]'", at: fieldPair.value)
            } else {
                error(InvestigationFileCode.unknownField, "unknown field '\(fieldName)'" + Suggestion.hint(for: fieldName, in: Self.filterKeys), at: fieldPair.value)
            }
            return nil
        }

        var op = Self.defaultOperator(field)
        if let opPair = fields["op"] {
            guard let opName = text(opPair, key: "op") else { return nil }
            guard let parsed = FilterOperator(rawValue: opName) else {
                error(InvestigationFileCode.unknownOperator, "unknown operator '\(opName)'" + Suggestion.hint(for: opName, in: FilterOperator.allCases.map(\.rawValue)), at: opPair.value)
                return nil
            }
            op = parsed
            let allowed = Self.allowedOperators(field)
            if !allowed.contains(op) {
                error(InvestigationFileCode.invalidOperator,
                      "operator '\(op.rawValue)' does not apply to '\(field.rawValue)'; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))",
                      at: opPair.value)
                return nil
            }
        }

        var caseSensitive: Bool?
        if let pair = fields["caseSensitive"] {
            caseSensitive = bool(pair, key: "caseSensitive")
            if caseSensitive == nil { ok = false }
            if Self.ignoresCase(field) || op == .exists || op == .notExists {
                warning(InvestigationFileCode.caseIgnored, Self.caseIgnoredMessage(field, op), at: pair.key)
            }
        }
        let sensitive = field == .regex ? true : caseSensitive ?? false

        var headerName: String?
        if let namePair = fields["name"] {
            if field == .header {
                headerName = self.headerName(namePair)
                if headerName == nil { ok = false }
            } else {
                error(InvestigationFileCode.unknownKey, "'name' applies only to 'field: header'", at: namePair.key)
                ok = false
            }
        } else if field == .header {
            if !fields.suggested.contains("name") {
                error(InvestigationFileCode.missingKey, "a header filter needs 'name' (the header field name, such as X-Mailer)", at: item)
            }
            ok = false
        }

        var values: [FilterValue] = []
        let valuePair = fields["value"]
        if op == .exists || op == .notExists {
            if let valuePair {
                error(InvestigationFileCode.unexpectedValue, "'\(op.rawValue)' takes no value; remove 'value'", at: valuePair.key)
                ok = false
            }
        } else if let valuePair {
            guard let parsed = self.values(valuePair, field: field, op: op, caseSensitive: sensitive, key: "value") else { return nil }
            values = parsed
        } else {
            if !fields.suggested.contains("value") {
                error(InvestigationFileCode.missingKey, "the filter needs a 'value' for '\(op.rawValue)' (only exists and notExists take none)", at: item)
            }
            ok = false
        }
        guard ok else { return nil }
        return .condition(Condition(
            id: id, field: field, op: op, values: values, caseSensitive: sensitive, headerName: headerName, location: location))
    }

    // MARK: Header

    /// `header: {name: X-Mailer, contains: PHPMailer}`.
    func headerCondition(_ pair: YAMLPair, id: String, location: FileLocation, outerCaseSensitive: Bool?) -> Condition? {
        let value = pair.value
        guard value.mapping != nil else {
            error(InvestigationFileCode.wrongType, "'header' takes a mapping such as {name: X-Mailer, contains: PHPMailer}; found \(value.shapeName)", at: anchor(pair))
            return nil
        }
        let fields = fields(of: value, allowed: ["name", "caseSensitive"] + Self.headerOperatorKeys)
        var ok = fields.isComplete

        var name: String?
        if let namePair = fields["name"] {
            name = headerName(namePair)
            if name == nil { ok = false }
        } else {
            if !fields.suggested.contains("name") {
                error(InvestigationFileCode.missingKey, "a header filter needs 'name' (the header field name, such as X-Mailer)", at: value)
            }
            ok = false
        }

        var caseSensitive = outerCaseSensitive
        if let csPair = fields["caseSensitive"] {
            caseSensitive = bool(csPair, key: "caseSensitive")
            if caseSensitive == nil { ok = false }
        }

        let operators = fields.pairs.filter { Self.headerOperatorKeys.contains($0.name) }
        guard let first = operators.first else {
            if !fields.suggested.isDisjoint(with: Self.headerOperatorKeys) { return nil }
            error(InvestigationFileCode.missingKey,
                  "a header filter needs one of \(Self.headerOperatorKeys.joined(separator: ", ")) (such as 'contains: PHPMailer')", at: value)
            return nil
        }
        if operators.count > 1 {
            error(InvestigationFileCode.multipleKeys,
                  "a header filter takes one operator: '\(first.name)' and '\(operators[1].name)' are both given; use 'all:' or 'any:' to combine two header filters",
                  at: operators[1].pair.key)
            return nil
        }
        guard var op = FilterOperator(rawValue: first.name) else { return nil }
        var values: [FilterValue] = []
        if op == .exists || op == .notExists {
            guard let flag = bool(first.pair, key: first.name) else { return nil }
            if !flag { op = op == .exists ? .notExists : .exists }
            if caseSensitive != nil, let csPair = fields["caseSensitive"] {
                warning(InvestigationFileCode.caseIgnored, "'caseSensitive' has no effect on '\(first.name)'", at: csPair.key)
            }
        } else {
            guard let parsed = self.values(first.pair, field: .header, op: op, caseSensitive: caseSensitive ?? false, key: first.name) else { return nil }
            values = parsed
        }
        guard ok, let name else { return nil }
        return Condition(
            id: id, field: .header, op: op, values: values, caseSensitive: caseSensitive ?? false, headerName: name,
            location: location)
    }

    /// A header field name (RFC 5322: printable ASCII except the colon), trimmed.
    func headerName(_ pair: YAMLPair) -> String? {
        guard let raw = text(pair, key: "name") else { return nil }
        let name = raw.ruleTrimmed
        let valid = name.unicodeScalars.allSatisfy { $0.value >= 33 && $0.value <= 126 && $0 != ":" }
        guard valid else {
            error(InvestigationFileCode.invalidHeader, "'\(raw)' is not a header field name (letters, digits and '-', no spaces or colon), such as X-Mailer", at: pair.value)
            return nil
        }
        return name
    }

    // MARK: Values

    /// The values of a condition: a single value or a list (any of them matches).
    func values(_ pair: YAMLPair, field: FilterField, op: FilterOperator, caseSensitive: Bool, key: String? = nil) -> [FilterValue]? {
        let key = key ?? field.rawValue
        let value = pair.value
        if value.isNull {
            error(InvestigationFileCode.emptyValue, "'\(key)' has no value; give a value or a list of values", at: pair.key)
            return nil
        }
        let items: [YAMLNode]
        switch value.kind {
        case .scalar: items = [value]
        case .sequence(let list): items = list
        case .mapping:
            if field == .attachmentSize {
                items = [value]
            } else {
                error(InvestigationFileCode.wrongType, "'\(key)' takes a value or a list of values; found a mapping", at: value)
                return nil
            }
        }
        if items.isEmpty {
            error(InvestigationFileCode.emptyValue, "'\(key)' is an empty list; give at least one value", at: value)
            return nil
        }
        var result: [FilterValue] = []
        var ok = true
        for item in items {
            if let parsed = self.value(item, field: field, op: op, caseSensitive: caseSensitive, key: key) {
                result.append(parsed)
            } else {
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// One value, checked for the field and operator.
    func value(_ node: YAMLNode, field: FilterField, op: FilterOperator, caseSensitive: Bool, key: String) -> FilterValue? {
        if field == .attachmentSize { return sizeValue(node) }
        guard let raw = node.scalar, !node.isNull else {
            error(node.isNull ? InvestigationFileCode.emptyValue : InvestigationFileCode.wrongType,
                  "each value of '\(key)' must be text; found \(node.shapeName)", at: node)
            return nil
        }
        let trimmed = raw.ruleTrimmed
        guard !trimmed.isEmpty else {
            error(InvestigationFileCode.emptyValue, "empty value for '\(key)'; an empty value would match everything", at: node)
            return nil
        }
        switch op {
        case .regex:
            do {
                _ = try RE2Regex(raw, caseSensitive: caseSensitive)
            } catch {
                self.error(InvestigationFileCode.invalidRegex, "invalid regular expression: \(error.message)", at: node)
                return nil
            }
            return .text(raw)
        case .equals, .notEquals:
            return equalsValue(raw, trimmed: trimmed, node: node, field: field)
        default:
            return .text(raw)
        }
    }

    /// An `equals`/`notEquals` value, checked and normalised for its field.
    func equalsValue(_ raw: String, trimmed: String, node: YAMLNode, field: FilterField) -> FilterValue? {
        switch field {
        case .from, .to, .cc, .bcc:
            guard AddressMatcher(trimmed) != nil else {
                error(InvestigationFileCode.invalidAddress,
                      "'\(raw)' is neither an address nor a domain; write billing@contoso.com for one sender or contoso.com for a domain and its subdomains",
                      at: node)
                return nil
            }
            return .text(trimmed)
        case .ip:
            guard IPPattern(trimmed) != nil else {
                error(InvestigationFileCode.invalidIP, "'\(raw)' is not an IP address or CIDR block (such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32)", at: node)
                return nil
            }
            return .text(trimmed)
        case .url:
            guard !trimmed.contains(where: \.isWhitespace), URLMatcher(trimmed) != nil else {
                error(InvestigationFileCode.invalidURL,
                      "'\(raw)' is not a domain, a URL or an IP address (such as contoso.com, https://contoso.com/login or 203.0.113.7)",
                      at: node)
                return nil
            }
            return .text(trimmed)
        case .attachmentExtension:
            let ext = (trimmed.hasPrefix(".") ? String(trimmed.dropFirst()) : trimmed).lowercased()
            guard !ext.isEmpty else {
                error(InvestigationFileCode.emptyValue, "empty extension; write it with or without the dot, such as html or .html", at: node)
                return nil
            }
            if ext.contains(".") {
                let last = ext.split(separator: ".").last.map(String.init) ?? ext
                error(InvestigationFileCode.invalidExtension, "'\(raw)' holds a dot; only an attachment's last extension is compared, so write '\(last)' (or use attachmentName: '*\(trimmed.hasPrefix(".") ? trimmed : "." + trimmed)')", at: node)
                return nil
            }
            return .text(ext)
        case .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512:
            return digestValue(raw, trimmed: trimmed, node: node, field: field)
        case .messageId:
            var id = Substring(trimmed)
            if id.hasPrefix("<"), id.hasSuffix(">"), id.count >= 2 { id = id.dropFirst().dropLast() }
            let value = String(id).ruleTrimmed
            guard !value.isEmpty else {
                error(InvestigationFileCode.emptyValue, "empty Message-ID", at: node)
                return nil
            }
            return .text(value)
        default:
            return .text(raw)
        }
    }

    static func digestLength(_ field: FilterField) -> Int {
        switch field {
        case .attachmentMD5: 32
        case .attachmentSHA1: 40
        case .attachmentSHA256: 64
        default: 128
        }
    }

    /// A hex digest of the field's length, lower-cased.
    func digestValue(_ raw: String, trimmed: String, node: YAMLNode, field: FilterField) -> FilterValue? {
        let expected = Self.digestLength(field)
        let hex = trimmed.lowercased()
        let isHex = hex.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        guard isHex else {
            error(InvestigationFileCode.invalidDigest, "'\(raw)' is not hexadecimal; \(field.rawValue) takes \(expected) hex digits", at: node)
            return nil
        }
        guard hex.count == expected else {
            let other = [FilterField.attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512].first { Self.digestLength($0) == hex.count }
            let hint = other.map { "; this looks like a\($0 == .attachmentMD5 ? "n" : "") \($0.rawValue.dropFirst("attachment".count)) digest, use \($0.rawValue)" } ?? ""
            error(InvestigationFileCode.invalidDigest, "\(field.rawValue) takes \(expected) hex digits, this value has \(hex.count)\(hint)", at: node)
            return nil
        }
        return .text(hex)
    }

    /// `670`, `10KB`, `1.5 MiB`, or `{min: 1KB, max: 2MB}` (see ``SizeText``).
    func sizeValue(_ node: YAMLNode) -> FilterValue? {
        if node.mapping != nil {
            let fields = fields(of: node, allowed: ["min", "max"])
            var ok = fields.isComplete
            var bounds: [String: Int] = [:]
            for (name, pair) in fields.pairs {
                guard let text = text(pair, key: name) else { ok = false; continue }
                if let size = SizeText.parse(text) { bounds[name] = size } else {
                    error(InvestigationFileCode.invalidSize, SizeText.problem(text), at: pair.value)
                    ok = false
                }
            }
            guard ok else { return nil }
            if fields.pairs.isEmpty {
                error(InvestigationFileCode.missingKey, "a size range needs 'min', 'max' or both (in bytes)", at: node)
                return nil
            }
            if let min = bounds["min"], let max = bounds["max"], min > max {
                error(InvestigationFileCode.invalidSize, "the size range is empty: min \(min) is larger than max \(max)", at: node)
                return nil
            }
            return .size(min: bounds["min"], max: bounds["max"])
        }
        guard let raw = node.scalar, !node.isNull else {
            error(node.isNull ? InvestigationFileCode.emptyValue : InvestigationFileCode.wrongType,
                  "each value of 'attachmentSize' must be a size or a {min:, max:} range; found \(node.shapeName)", at: node)
            return nil
        }
        guard let size = SizeText.parse(raw) else {
            error(InvestigationFileCode.invalidSize, SizeText.problem(raw), at: node)
            return nil
        }
        return .size(min: size, max: size)
    }
}
