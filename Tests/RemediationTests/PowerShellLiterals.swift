/// Reads back the data lines of a generated script the way PowerShell would, strictly: a line must be
/// `    @{ Key = value; Key = value }` where a value is a number, `$null`, a single-quoted string
/// (PowerShell's quote characters ' ‘ ’ ‚ ‛, a doubled quote being one quote), `@(value, ...)`, or a
/// parenthesised `+` of strings and `[char]0xHHHH`. Anything else — a second statement, a variable, a
/// subexpression outside a string — makes the line unreadable (`nil`): that is what an injection would do.
enum PowerShellLiterals {
    enum Value: Equatable {
        case null, number(Int), string(String), list([String])
        var text: String? { if case .string(let s) = self { return s }; return nil }
    }

    static let quotes: Set<Character> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    static func hashtable(_ line: String) -> [(String, Value)]? {
        var p = Parser(Array(line))
        guard p.take("    @{ ") else { return nil }
        var fields: [(String, Value)] = []
        while true {
            guard let key = p.identifier(), p.take(" = "), let value = p.value() else { return nil }
            fields.append((key, value))
            if p.take("; ") { continue }
            guard p.take(" }"), p.atEnd else { return nil }
            return fields
        }
    }

    /// A whole line `$Name = value`.
    static func assignment(_ line: String) -> (String, Value)? {
        var p = Parser(Array(line))
        guard p.take("$"), let name = p.identifier(), p.take(" = "), let value = p.value(), p.atEnd else { return nil }
        return (name, value)
    }

    struct Parser {
        var chars: [Character]
        var i = 0
        init(_ chars: [Character]) { self.chars = chars }
        var atEnd: Bool { i == chars.count }

        mutating func take(_ s: String) -> Bool {
            let a = Array(s)
            guard i + a.count <= chars.count, Array(chars[i..<(i + a.count)]) == a else { return false }
            i += a.count
            return true
        }

        mutating func identifier() -> String? {
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber { i += 1 }
            return i > start ? String(chars[start..<i]) : nil
        }

        mutating func value() -> Value? {
            if take("$null") { return .null }
            if take("@(") {
                var items: [String] = []
                if take(")") { return .list([]) }
                while true {
                    guard let s = stringExpression() else { return nil }
                    items.append(s)
                    if take(", ") { continue }
                    return take(")") ? .list(items) : nil
                }
            }
            if i < chars.count, chars[i].isNumber {
                let start = i
                while i < chars.count, chars[i].isNumber { i += 1 }
                return Int(String(chars[start..<i])).map(Value.number)
            }
            return stringExpression().map(Value.string)
        }

        mutating func stringExpression() -> String? {
            if take("(") {
                var out = ""
                while true {
                    if let s = quoted() { out += s } else if take("[char]0x") {
                        let start = i
                        while i < chars.count, chars[i].isHexDigit { i += 1 }
                        guard let code = UInt32(String(chars[start..<i]), radix: 16), let scalar = Unicode.Scalar(code) else { return nil }
                        out.unicodeScalars.append(scalar)
                    } else {
                        return nil
                    }
                    if take(" + ") { continue }
                    return take(")") ? out : nil
                }
            }
            return quoted()
        }

        /// A single-quoted string; PowerShell's rule: a quote character followed by another ends nothing
        /// and stands for the first.
        mutating func quoted() -> String? {
            guard i < chars.count, quotes.contains(chars[i]) else { return nil }
            i += 1
            var out = ""
            while i < chars.count {
                let c = chars[i]
                if quotes.contains(c) {
                    if i + 1 < chars.count, quotes.contains(chars[i + 1]) {
                        out.append(c)
                        i += 2
                        continue
                    }
                    i += 1
                    return out
                }
                out.append(c)
                i += 1
            }
            return nil
        }
    }
}
