/// Compact JSON laid out with two-space indentation, one member per line; arrays of scalars stay on one
/// line. String contents are copied byte for byte. Used for every JSON artifact of a plan.
enum JSONLayout {
    static func pretty(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2)
        var depth = 0
        var inline = 0
        var i = 0
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: depth * 2))
        }
        while i < input.count {
            let c = input[i]
            switch c {
            case 0x22:
                var j = i + 1
                while j < input.count && input[j] != 0x22 { j += input[j] == 0x5C ? 2 : 1 }
                out.append(contentsOf: input[i...min(j, input.count - 1)])
                i = j + 1
                continue
            case 0x7B, 0x5B:
                let close: UInt8 = c == 0x7B ? 0x7D : 0x5D
                if i + 1 < input.count && input[i + 1] == close {
                    out += [c, close]
                    i += 2
                    continue
                }
                out.append(c)
                if inline > 0 {
                    inline += 1
                } else if c == 0x5B && holdsScalarsOnly(input, from: i) {
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
                out += [0x3A, 0x20]
            default:
                out.append(c)
            }
            i += 1
        }
        out.append(0x0A)
        return out
    }

    private static func holdsScalarsOnly(_ input: [UInt8], from start: Int) -> Bool {
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
