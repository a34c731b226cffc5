/// The pretty layout as a second pass over compact JSON: the reference the pretty ``JSONWriter`` (the
/// one pretty-printer of every JSON document Dragnet writes) is checked against. It was the product's
/// layout until the writer wrote it directly.
enum PrettyLayoutReference {
    /// Compact JSON laid out with two-space indentation: one key per line, and arrays that hold no
    /// object or array on one line (`["a", "b"]`). Empty containers stay `{}` and `[]`. String contents
    /// are copied byte for byte. `scalarArraysOnOneLine: false` puts every array element on a line of its own.
    static func pretty(_ input: [UInt8], scalarArraysOnOneLine: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 2)
        pretty(input, into: &out, depth: 0, scalarArraysOnOneLine: scalarArraysOnOneLine)
        return out
    }

    /// ``pretty(_:)`` appended to `out`, every line after the first indented `depth` levels more (for
    /// a value nested in a document rendered apart).
    static func pretty(_ input: [UInt8], into out: inout [UInt8], depth baseDepth: Int, scalarArraysOnOneLine: Bool = true) {
        var depth = baseDepth
        var inline = 0  // > 0 while inside an array laid out on one line
        var i = 0
        let n = input.count
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: depth * 2))
        }
        while i < n {
            let c = input[i]
            switch c {
            case 0x22:  // a string: copy through its closing quote
                var j = i + 1
                while j < n && input[j] != 0x22 { j += input[j] == 0x5C ? 2 : 1 }
                out.append(contentsOf: input[i...min(j, n - 1)])
                i = j + 1
                continue
            case 0x7B, 0x5B:
                let close: UInt8 = c == 0x7B ? 0x7D : 0x5D
                if i + 1 < n && input[i + 1] == close {
                    out.append(c)
                    out.append(close)
                    i += 2
                    continue
                }
                out.append(c)
                if inline > 0 {
                    inline += 1
                } else if scalarArraysOnOneLine, c == 0x5B, holdsNoContainer(input, from: i) {
                    inline = 1
                } else {
                    depth += 1
                    newline()
                }
            case 0x7D, 0x5D:
                if inline > 0 {
                    inline -= 1
                } else {
                    depth -= 1
                    newline()
                }
                out.append(c)
            case 0x2C:
                out.append(c)
                if inline > 0 { out.append(0x20) } else { newline() }
            case 0x3A:
                out.append(0x3A)
                out.append(0x20)
            default:
                out.append(c)
            }
            i += 1
        }
    }

    /// Whether the array opening at `start` holds no object or array.
    private static func holdsNoContainer(_ input: [UInt8], from start: Int) -> Bool {
        var i = start + 1
        while i < input.count {
            switch input[i] {
            case 0x22:
                i += 1
                while i < input.count && input[i] != 0x22 { i += input[i] == 0x5C ? 2 : 1 }
            case 0x7B, 0x5B: return false
            case 0x5D: return true
            default: break
            }
            i += 1
        }
        return true
    }
}
