#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Converts bytes in a named charset to a `String`. Never fails: what cannot be read becomes U+FFFD
/// (`mime.charset-undecodable-bytes`) and an unknown name falls back (`mime.charset-unknown`).
///
/// US-ASCII, UTF-8, ISO-8859-1 and windows-1252 are read natively; other charsets go through
/// iconv, with converters kept in a pool shared by all threads (an iconv descriptor is stateful, so
/// each conversion borrows one for itself). Text that is pure ASCII in an ASCII-compatible charset
/// never reaches iconv.
///
/// The fallback, for unknown names and for 8-bit text without a charset, is UTF-8 when the bytes
/// are valid UTF-8 and windows-1252 otherwise: real mail without a usable label is almost always one
/// or the other, and windows-1252 can read any byte.
public enum CharsetDecoder {
    /// Decodes `bytes` as `charset` (a label as found in mail, e.g. `"ISO-8859-1"`, `"utf8"`, `nil`).
    ///
    /// Unknown or bogus names record `mime.charset-unknown` and use the fallback: UTF-8 when the bytes
    /// are valid UTF-8, else windows-1252. A `nil` label uses the same fallback, silently for ASCII
    /// and with `mime.charset-missing` for 8-bit bytes.
    public static func decode(_ bytes: ArraySlice<UInt8>, charset: String?, defects: inout DefectCollector) -> String {
        bytes.withUnsafeBufferPointer { buf in
            guard let charset else {
                if isASCII(buf) { return asciiString(buf) }
                let (text, name) = fallback(buf)
                defects.report(.charsetMissing, "8-bit text without a charset was read as \(name)", at: 0)
                return text
            }
            switch Charset.resolution(of: charset) {
            case .known(let resolved):
                return decode(buf, resolved, defects: &defects)
            case .bogus, .unknown:
                let (text, name) = fallback(buf)
                defects.report(.charsetUnknown, "unknown charset \"\(printable(charset))\"; the text was read as \(name)", at: 0)
                return text
            }
        }
    }

    /// Decodes `bytes` in a resolved charset.
    public static func decode(_ bytes: ArraySlice<UInt8>, as charset: Charset, defects: inout DefectCollector) -> String {
        bytes.withUnsafeBufferPointer { decode($0, charset, defects: &defects) }
    }

    /// Decodes `bytes` with the fallback: UTF-8 when they are valid UTF-8, else windows-1252. Records nothing.
    public static func decodeFallback(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { fallback($0).text }
    }

    /// Whether every byte is below 0x80.
    public static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { isASCII($0) }
    }

    // MARK: - Dispatch

    static func decode(_ buf: UnsafeBufferPointer<UInt8>, _ charset: Charset, defects: inout DefectCollector) -> String {
        if charset.isASCIICompatible && isASCII(buf) { return asciiString(buf) }
        switch charset.kind {
        case .ascii:
            // Mail labelled us-ascii often carries UTF-8 or windows-1252; read it rather than lose it.
            let (text, name) = fallback(buf)
            defects.report(.charsetUndecodableBytes, "8-bit bytes in us-ascii text were read as \(name)", at: firstNonASCII(buf))
            return text
        case .utf8:
            return decodeUTF8(buf, defects: &defects)
        case .latin1:
            return decodeLatin1(buf)
        case .windows1252:
            return decodeWindows1252(buf)
        case .iconv(let name):
            if let result = IconvPool.convert(buf, from: name) {
                if let first = result.firstBad {
                    defects.report(.charsetUndecodableBytes,
                                   "\(result.badCount) byte sequence(s) not valid in \(name) were replaced with U+FFFD", at: first)
                }
                return result.text
            }
            // iconv knew the name when it was resolved but cannot open it now: fall back.
            let (text, fallbackName) = fallback(buf)
            defects.report(.charsetUnknown, "charset \(name) could not be opened; the text was read as \(fallbackName)", at: 0)
            return text
        }
    }

    /// UTF-8 when valid, else windows-1252; returns the text and the name used.
    static func fallback(_ buf: UnsafeBufferPointer<UInt8>) -> (text: String, name: String) {
        if let text = String(validating: buf, as: UTF8.self) { return (text, "UTF-8") }
        return (decodeWindows1252(buf), "windows-1252")
    }

    /// A label shortened and cleaned for a defect message.
    private static func printable(_ label: String) -> String {
        let scalars = label.unicodeScalars.prefix(40).filter { $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" }
        return String(String.UnicodeScalarView(scalars))
    }

    // MARK: - Native decoders

    /// Whether every byte is below 0x80, eight bytes at a time.
    static func isASCII(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return true }
        let n = buf.count
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    private static func firstNonASCII(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
        buf.firstIndex { $0 >= 0x80 }
    }

    /// Pure ASCII bytes as a String (ASCII is valid UTF-8, so this is a copy).
    private static func asciiString(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: buf, as: UTF8.self)
    }

    /// UTF-8 (RFC 3629 §4: `UTF8-octets = *( UTF8-char )`); each ill-formed subsequence becomes U+FFFD.
    static func decodeUTF8(_ buf: UnsafeBufferPointer<UInt8>, defects: inout DefectCollector) -> String {
        if let text = String(validating: buf, as: UTF8.self) { return text }
        let (first, count) = invalidUTF8(buf)
        defects.report(.charsetUndecodableBytes, "\(count) byte sequence(s) not valid in UTF-8 were replaced with U+FFFD", at: first)
        return String(decoding: buf, as: UTF8.self)
    }

    /// The offset of the first ill-formed UTF-8 sequence and how many there are.
    static func invalidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> (first: Int?, count: Int) {
        var first: Int?
        var count = 0
        var i = 0
        let n = buf.count
        while i < n {
            let b = buf[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: length = 0
            }
            var ok = length > 0 && i + length <= n
            if ok {
                let second = buf[i + 1]
                ok = second >= lower && second <= upper
                var k = 2
                while ok && k < length {
                    ok = buf[i + k] & 0xC0 == 0x80
                    k += 1
                }
            }
            if ok {
                i += length
            } else {
                if first == nil { first = i }
                count += 1
                i += 1
            }
        }
        return (first, count)
    }

    /// ISO-8859-1: every byte is the code point of the same value (ISO/IEC 8859-1 with the C1 controls).
    static func decodeLatin1(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: buf.count * 2) { out in
            var o = 0
            for b in buf {
                if b < 0x80 {
                    out[o] = b
                    o += 1
                } else {
                    out[o] = 0xC0 | b >> 6
                    out[o + 1] = 0x80 | b & 0x3F
                    o += 2
                }
            }
            return o
        }
    }

    /// windows-1252 (the WHATWG Encoding Standard's index): 0x80–0x9F hold typographic characters; the
    /// five bytes Microsoft leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls.
    static func decodeWindows1252(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        windows1252High.withUnsafeBufferPointer { high in
            String(unsafeUninitializedCapacity: buf.count * 3) { out in
                var o = 0
                for b in buf {
                    if b < 0x80 {
                        out[o] = b
                        o += 1
                        continue
                    }
                    let scalar = b < 0xA0 ? UInt32(high[Int(b - 0x80)]) : UInt32(b)
                    if scalar < 0x800 {
                        out[o] = UInt8(0xC0 | scalar >> 6)
                        out[o + 1] = UInt8(0x80 | scalar & 0x3F)
                        o += 2
                    } else {
                        out[o] = UInt8(0xE0 | scalar >> 12)
                        out[o + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                        out[o + 2] = UInt8(0x80 | scalar & 0x3F)
                        o += 3
                    }
                }
                return o
            }
        }
    }

    /// Code points of windows-1252 bytes 0x80–0x9F.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    // MARK: - iconv

    /// Whether iconv can convert from `name` (used when resolving names outside the alias table).
    static func iconvSupports(_ name: String) -> Bool {
        IconvPool.withDescriptor(name.uppercased()) { _ in true } ?? false
    }

    /// iconv descriptors converting to UTF-8, kept per source charset and lent to one thread at a time.
    private enum IconvPool {
        /// An open iconv descriptor; only ever used by the thread that borrowed it from the pool.
        struct Descriptor: @unchecked Sendable {
            let cd: iconv_t
        }

        /// Idle descriptors by charset name.
        static let idle = Mutex<[String: [Descriptor]]>([:])
        /// How many idle descriptors are kept per charset (two threads parse at once).
        static let keepPerCharset = 4

        /// Runs `body` with a descriptor converting `name` to UTF-8, or returns `nil` if iconv cannot.
        static func withDescriptor<R>(_ name: String, _ body: (iconv_t) -> R) -> R? {
            let borrowed = idle.withLock { $0[name]?.popLast() }
            let descriptor: Descriptor
            if let borrowed {
                descriptor = borrowed
            } else {
                guard let cd = iconv_open("UTF-8", name), Int(bitPattern: cd) != -1 else { return nil }
                descriptor = Descriptor(cd: cd)
            }
            let result = body(descriptor.cd)
            // Back to the initial shift state before anyone else uses it.
            _ = iconv(descriptor.cd, nil, nil, nil, nil)
            let kept = idle.withLock { idle -> Bool in
                if idle[name, default: []].count < keepPerCharset {
                    idle[name, default: []].append(descriptor)
                    return true
                }
                return false
            }
            if !kept { iconv_close(descriptor.cd) }
            return result
        }

        /// Converts `input` from `name` to a String. An invalid byte is skipped and replaced with U+FFFD;
        /// an incomplete sequence at the end becomes one U+FFFD.
        static func convert(_ input: UnsafeBufferPointer<UInt8>, from name: String) -> (text: String, firstBad: Int?, badCount: Int)? {
            withDescriptor(name) { cd in
                var capacity = input.count * 3 + 16
                var out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                defer { out.deallocate() }
                var used = 0
                var firstBad: Int?
                var badCount = 0
                guard let base = input.baseAddress else { return ("", nil, 0) }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                var flushed = false

                func grow(_ extra: Int) {
                    guard capacity - used < extra else { return }
                    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + extra)
                    bigger.update(from: out, count: used)
                    out.deallocate()
                    out = bigger
                    capacity = capacity * 2 + extra
                }
                func replacement(at offset: Int) {
                    if firstBad == nil { firstBad = offset }
                    badCount += 1
                    grow(3)
                    out[used] = 0xEF
                    out[used + 1] = 0xBF
                    out[used + 2] = 0xBD
                    used += 3
                }

                while !flushed {
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out + used).assumingMemoryBound(to: CChar.self)
                    var outLeft = capacity - used
                    let status: Int
                    if inLeft > 0 {
                        status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                    } else {
                        // Let stateful decoders emit what they still hold.
                        status = iconv(cd, nil, nil, &outPointer, &outLeft)
                        if status != -1 { flushed = true }
                    }
                    used = capacity - outLeft
                    guard status == -1 else { continue }
                    let error = errno
                    let offset = input.count - inLeft
                    if error == E2BIG {
                        grow(capacity)
                    } else if error == EINVAL {
                        // An incomplete sequence at the end of the input.
                        replacement(at: offset)
                        inLeft = 0
                    } else {
                        // EILSEQ (or anything unexpected): skip one byte and carry on.
                        replacement(at: offset)
                        if inLeft > 0 {
                            inPointer = inPointer.map { $0 + 1 }
                            inLeft -= 1
                        } else {
                            flushed = true
                        }
                    }
                }
                let text = String(decoding: UnsafeBufferPointer(start: out, count: used), as: UTF8.self)
                return (text, firstBad, badCount)
            }
        }
    }
}
