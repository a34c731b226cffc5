/// Punycode, RFC 3492 (https://www.rfc-editor.org/rfc/rfc3492): the Bootstring encoding of a Unicode
/// label into the ASCII letters, digits and hyphens that DNS allows (`bücher` ⇄ `bcher-kva`).
///
/// Only the encoding itself: the `xn--` prefix and label mapping belong to ``IDNA``. Both directions
/// fail (return `nil`) instead of overflowing, so hostile input cannot trap.
enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    private static let delimiter = UInt8(ascii: "-")
    /// No intermediate value may exceed this (RFC 3492 §6.4 "maxint"); code points end at 0x10FFFF.
    private static let limit = Int(Int32.max)
    /// Longest input either direction accepts. A DNS label has at most 63 octets; this bound only keeps
    /// the quadratic steps of the algorithm cheap on hostile input.
    static let maxInputLength = 1024

    /// Encodes `input` (RFC 3492 §6.3). Basic (ASCII) code points are copied in order, then the
    /// deltas of the others. `nil` on overflow or past ``maxInputLength`` scalars.
    static func encode(_ input: String) -> String? {
        let scalars = input.unicodeScalars.map { Int($0.value) }
        guard scalars.count <= maxInputLength else { return nil }
        var output: [UInt8] = scalars.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(delimiter) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < scalars.count {
            guard let m = scalars.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= limit - product else { return nil }
            delta += product
            n = m
            for c in scalars {
                if c < n {
                    delta += 1
                    guard delta <= limit else { return nil }
                }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias: bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, numPoints: handled + 1, firstTime: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `input` (RFC 3492 §6.2), case-insensitively for the digits. `nil` when it is not valid
    /// Punycode: a non-ASCII character, a bad digit, a truncated delta, an overflow, or a result that
    /// is a surrogate, beyond U+10FFFF, or a basic code point encoded as a delta.
    static func decode(_ input: String) -> String? {
        let bytes = Array(input.utf8)
        guard bytes.count <= maxInputLength, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let lastDelimiter = bytes.lastIndex(of: delimiter)
        var output: [Int] = []
        var position = 0
        if let lastDelimiter {
            output = bytes[..<lastDelimiter].map(Int.init)
            position = lastDelimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count, let value = digitValue(bytes[position]) else { return nil }
                position += 1
                let (product, overflow) = value.multipliedReportingOverflow(by: w)
                guard !overflow, i <= limit - product else { return nil }
                i += product
                let t = threshold(k, bias: bias)
                if value < t { break }
                let (nextW, overflowW) = w.multipliedReportingOverflow(by: base - t)
                guard !overflowW, nextW <= limit else { return nil }
                w = nextW
                k += base
            }
            let count = output.count + 1
            bias = adapt(i - oldI, numPoints: count, firstTime: oldI == 0)
            guard i / count <= limit - n else { return nil }
            n += i / count
            i %= count
            guard n >= 0x80, n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(n, at: i)
            i += 1
        }
        var result = String.UnicodeScalarView()
        for value in output {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            result.append(scalar)
        }
        return String(result)
    }

    private static func threshold(_ k: Int, bias: Int) -> Int {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    /// Bias adaptation, RFC 3492 §6.1.
    private static func adapt(_ delta: Int, numPoints: Int, firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0–25 → `a`–`z`, 26–35 → `0`–`9` (lower case, as IDNA wants).
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0")) + 26
        default: nil
        }
    }
}
