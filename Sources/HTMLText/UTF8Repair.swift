/// Makes bytes valid UTF-8 in one linear pass: each maximal ill-formed subpart becomes U+FFFD, as the
/// Unicode Standard recommends (§3.9, "U+FFFD Substitution of Maximal Subparts") and as
/// `String(decoding:as:)` does, but without its slow path on inputs with very many errors.
enum UTF8Repair {
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// `bytes`, or a repaired copy when they are not valid UTF-8.
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        guard let firstError = firstInvalidIndex(bytes) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        output.append(contentsOf: bytes[..<firstError])
        var index = firstError
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                output.append(contentsOf: bytes[index..<(index + length)])
                index += length
            } else {
                output.append(contentsOf: replacement)
                index += maximalSubpartLength(bytes, at: index)
            }
        }
        return output
    }

    private static func firstInvalidIndex(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// The range the second byte of a sequence may take for a given lead byte (Table 3-7), and the length.
    private static func shape(of lead: UInt8) -> (length: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0x00...0x7F: (1, 0x80...0xBF)
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: nil
        }
    }

    /// The length of the well-formed sequence at `index`, or 0 when it is ill-formed.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        guard let (length, second) = shape(of: bytes[index]) else { return 0 }
        if length == 1 { return 1 }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    /// How many bytes one U+FFFD replaces at `index`: the lead byte and the continuation bytes that
    /// could still have been part of a valid sequence (at least 1).
    private static func maximalSubpartLength(_ bytes: [UInt8], at index: Int) -> Int {
        guard let (length, second) = shape(of: bytes[index]), length > 1 else { return 1 }
        var consumed = 1
        while consumed < length, index + consumed < bytes.count {
            let byte = bytes[index + consumed]
            let allowed = consumed == 1 ? second : 0x80...0xBF
            guard allowed.contains(byte) else { break }
            consumed += 1
        }
        return consumed
    }
}
