/// A strict RFC 8259 validator, independent of the project's lenient reader: the JSON that
/// `inspect` writes must be read by any JSON parser.
enum StrictJSON {
    /// Whether `bytes` is exactly one JSON object followed by one line feed, with no raw line break
    /// inside (one line of JSON Lines), in valid UTF-8.
    static func isOneLineObject(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == 0x0A, bytes.first == UInt8(ascii: "{") else { return false }
        let body = bytes.dropLast()
        guard !body.contains(0x0A), String(validating: body, as: UTF8.self) != nil else { return false }
        var scanner = Scanner(bytes: Array(body))
        return scanner.value(depth: 0) && scanner.atEnd
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i == bytes.count }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard bytes.count - i >= w.count, bytes[i ..< i + w.count].elementsEqual(w) else { return false }
            i += w.count
            return true
        }

        // value = false / null / true / object / array / number / string
        mutating func value(depth: Int) -> Bool {
            guard depth < 512 else { return false }
            skipSpace()
            guard i < bytes.count else { return false }
            let ok: Bool
            switch bytes[i] {
            case UInt8(ascii: "{"): ok = object(depth: depth)
            case UInt8(ascii: "["): ok = array(depth: depth)
            case UInt8(ascii: "\""): ok = string()
            case UInt8(ascii: "t"): ok = literal("true")
            case UInt8(ascii: "f"): ok = literal("false")
            case UInt8(ascii: "n"): ok = literal("null")
            default: ok = number()
            }
            skipSpace()
            return ok
        }

        mutating func object(depth: Int) -> Bool {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), string() else { return false }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                guard value(depth: depth + 1), i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i += 1
            }
        }

        mutating func array(depth: Int) -> Bool {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
            while true {
                guard value(depth: depth + 1), i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i += 1
            }
        }

        // string = quotation-mark *char quotation-mark; no raw control characters
        mutating func string() -> Bool {
            i += 1
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; return true }
                if c < 0x20 { return false }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count else { return false }
                    switch bytes[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 6 <= bytes.count, bytes[i + 2 ..< i + 6].allSatisfy(Self.isHexDigit) else { return false }
                        i += 6
                    default:
                        return false
                    }
                    continue
                }
                i += 1
            }
            return false
        }

        // number = [ minus ] int [ frac ] [ exp ]
        mutating func number() -> Bool {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, Self.isDigit(bytes[i]) else { return false }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, Self.isDigit(bytes[i]) else { return false }
                while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, Self.isDigit(bytes[i]) else { return false }
                while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            }
            return i > start
        }

        static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        static func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }
    }
}
