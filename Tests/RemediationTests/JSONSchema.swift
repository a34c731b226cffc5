import Foundation

/// A JSON value, decoded without losing the difference between booleans and numbers.
indirect enum JSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSON { try JSONDecoder().decode(JSON.self, from: Data(bytes)) }

    subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    var array: [JSON]? { if case .array(let a) = self { return a }; return nil }
    var string: String? { if case .string(let s) = self { return s }; return nil }
    var int: Int? { if case .number(let n) = self { return Int(n) }; return nil }
}

/// The part of JSON Schema (2020-12) the plan schemas use: type, properties, required,
/// additionalProperties, items, minItems, maxItems, minLength, minimum, enum, const, pattern, oneOf,
/// not, and $ref to `#/$defs/...` or to a sibling file.
struct SchemaValidator {
    let directory: URL

    func errors(_ value: JSON, schemaFile: String) throws -> [String] {
        let schema = try load(schemaFile)
        var errors: [String] = []
        check(value, schema, root: schema, path: "$", errors: &errors)
        return errors
    }

    func load(_ file: String) throws -> JSON {
        try JSON.parse([UInt8](Data(contentsOf: directory.appendingPathComponent(file))))
    }

    func check(_ value: JSON, _ schema: JSON, root: JSON, path: String, errors: inout [String]) {
        if let ref = schema["$ref"]?.string {
            if ref.hasPrefix("#/$defs/"), let target = root["$defs"]?[String(ref.dropFirst(8))] {
                check(value, target, root: root, path: path, errors: &errors)
            } else if let other = try? load(ref) {
                check(value, other, root: other, path: path, errors: &errors)
            } else {
                errors.append("\(path): unresolvable $ref \(ref)")
            }
        }
        if let type = schema["type"] {
            let allowed = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            if !allowed.contains(where: { Self.isType(value, $0) }) { errors.append("\(path): not of type \(allowed)") }
        }
        if let options = schema["enum"]?.array, !options.contains(value) { errors.append("\(path): not one of the enum values") }
        if let constant = schema["const"], constant != value { errors.append("\(path): not the constant value") }
        if case .string(let s) = value {
            if let min = schema["minLength"]?.int, s.count < min { errors.append("\(path): shorter than \(min)") }
            if let pattern = schema["pattern"]?.string, s.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): '\(s)' does not match \(pattern)")
            }
        }
        if case .number(let n) = value, let min = schema["minimum"], case .number(let m) = min, n < m { errors.append("\(path): below \(m)") }
        if case .array(let items) = value {
            if let min = schema["minItems"]?.int, items.count < min { errors.append("\(path): fewer than \(min) items") }
            if let max = schema["maxItems"]?.int, items.count > max { errors.append("\(path): more than \(max) items") }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { check(item, itemSchema, root: root, path: "\(path)[\(i)]", errors: &errors) }
            }
        }
        if case .object(let members) = value {
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where members[key] == nil {
                errors.append("\(path): missing \(key)")
            }
            let properties = schema["properties"]
            for (key, member) in members {
                if let propertySchema = properties?[key] {
                    check(member, propertySchema, root: root, path: "\(path).\(key)", errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) { errors.append("\(path): unexpected member \(key)") }
                    else if case .object = additional { check(member, additional, root: root, path: "\(path).\(key)", errors: &errors) }
                }
            }
        }
        if let options = schema["oneOf"]?.array {
            let passing = options.filter { option in
                var scratch: [String] = []
                check(value, option, root: root, path: path, errors: &scratch)
                return scratch.isEmpty
            }
            if passing.count != 1 { errors.append("\(path): matches \(passing.count) of the oneOf schemas, not exactly one") }
        }
        if let negated = schema["not"] {
            var scratch: [String] = []
            check(value, negated, root: root, path: path, errors: &scratch)
            if scratch.isEmpty { errors.append("\(path): matches a schema it must not") }
        }
    }

    static func isType(_ value: JSON, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"), (.number, "number"): true
        case (.number(let n), "integer"): n == n.rounded()
        default: false
        }
    }
}
