/// Decompresses an RTF body stored compressed (PidTagRtfCompressed, MS-OXRTFCP).
public enum CompressedRTF {
    /// The result: the RTF bytes and, when the stream is damaged, what was wrong.
    public struct Result: Sendable {
        public var rtf: [UInt8]
        public var problem: String?
    }

    /// MS-OXRTFCP §2.1.3.1.1: the dictionary starts with this 207-byte RTF preamble.
    static let preamble = Array(
        ("{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
            + "{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx").utf8)

    /// `LZFu` (compressed) and `MELA` (stored uncompressed), as little-endian 32-bit values.
    static let compressed: UInt32 = 0x75_46_5A_4C
    static let uncompressed: UInt32 = 0x41_4C_45_4D

    /// Decompresses `data` (the header of §2.1.3.1.1 and the compressed stream). At most `maxBytes`
    /// are produced; a stream that is cut short, points outside what was written or fails its CRC
    /// keeps what was decompressed, with a `problem`.
    public static func decompress(_ data: [UInt8], maxBytes: Int = 64 << 20) -> Result {
        guard data.count >= 16 else { return Result(rtf: [], problem: "the compressed RTF is shorter than its 16-byte header") }
        let compSize = Int(PropertyBag.uint32(data, 0))
        let rawSize = Int(PropertyBag.uint32(data, 4))
        let type = PropertyBag.uint32(data, 8)
        let crc = PropertyBag.uint32(data, 12)
        // COMPSIZE counts the bytes after itself.
        let end = min(data.count, max(16, compSize + 4))
        var problem: String?
        if compSize + 4 > data.count { problem = "the compressed RTF is cut short (\(data.count) of \(compSize + 4) bytes)" }
        if type == uncompressed {
            return Result(rtf: Array(data[16 ..< min(end, 16 + min(rawSize, maxBytes))]), problem: problem)
        }
        guard type == compressed else {
            return Result(rtf: [], problem: "unknown compression type 0x\(String(type, radix: 16)) (neither LZFu nor MELA)")
        }
        if problem == nil, Self.crc32(data[16 ..< end]) != crc { problem = "the compressed RTF fails its CRC check" }

        var dictionary = [UInt8](repeating: 0, count: 4096)
        for (i, b) in preamble.enumerated() { dictionary[i] = b }
        var write = preamble.count
        var out: [UInt8] = []
        let limit = min(maxBytes, rawSize > 0 ? rawSize : maxBytes)
        out.reserveCapacity(min(limit, 1 << 20))
        var i = 16
        decoding: while i < end {
            let control = data[i]
            i += 1
            for bit in 0 ..< 8 {
                if out.count >= limit { break decoding }
                if control & (1 << bit) == 0 {
                    guard i < end else { break decoding }
                    let b = data[i]
                    i += 1
                    out.append(b)
                    dictionary[write] = b
                    write = (write + 1) & 0xFFF
                } else {
                    guard i + 1 < end else {
                        if problem == nil { problem = "the compressed RTF ends inside a dictionary reference" }
                        break decoding
                    }
                    let reference = Int(data[i]) << 8 | Int(data[i + 1])
                    i += 2
                    let offset = reference >> 4
                    let length = (reference & 0xF) + 2
                    // A reference to the write position ends the stream (§2.1.3.1.4).
                    if offset == write { break decoding }
                    for k in 0 ..< length {
                        if out.count >= limit { break decoding }
                        let b = dictionary[(offset + k) & 0xFFF]
                        out.append(b)
                        dictionary[write] = b
                        write = (write + 1) & 0xFFF
                    }
                }
            }
        }
        if problem == nil, rawSize > maxBytes { problem = "the RTF body holds \(rawSize) bytes; only the first \(maxBytes) were decompressed" }
        return Result(rtf: out, problem: problem)
    }

    /// MS-OXRTFCP §2.1.3.2: CRC-32 (polynomial 0xEDB88320) with no initial or final inversion.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc
    }

    private static let table: [UInt32] = (0 ..< 256).map { n in
        var c = UInt32(n)
        for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
