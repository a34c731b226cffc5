/// IMAP modified UTF-7 (RFC 3501 §5.1.3), as Maildir++ folder names use it.
enum ModifiedUTF7 {
    /// Decodes `name`; returns it unchanged when it is not valid modified UTF-7.
    static func decode(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.contains(0x26) else { return name }
        var out: [UInt16] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x26 else {
                if b >= 0x80 { return name }
                out.append(UInt16(b))
                i += 1
                continue
            }
            guard let end = bytes[(i + 1)...].firstIndex(of: 0x2D) else { return name }
            if end == i + 1 {
                out.append(0x26)
                i = end + 1
                continue
            }
            var bits: UInt32 = 0
            var count = 0
            for c in bytes[(i + 1) ..< end] {
                guard let v = value(c) else { return name }
                bits = bits << 6 | UInt32(v)
                count += 6
                if count >= 16 {
                    count -= 16
                    out.append(UInt16(truncatingIfNeeded: bits >> UInt32(count)))
                    bits &= (1 << UInt32(count)) - 1
                }
            }
            i = end + 1
        }
        return String(decoding: out, as: UTF16.self)
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x41 ... 0x5A: return c - 0x41
        case 0x61 ... 0x7A: return c - 0x61 + 26
        case 0x30 ... 0x39: return c - 0x30 + 52
        case 0x2B: return 62
        case 0x2C: return 63
        default: return nil
        }
    }
}
