/// uuencode (the `x-uuencode` Content-Transfer-Encoding, and blocks pasted into plain-text bodies).
///
/// There is no RFC for uuencode; the format is POSIX `uuencode(1)` ("uuencode Stream Format" in the
/// XCU volume of POSIX.1-2017):
///
///     begin <mode> <name>
///     <length char><encoded characters>   (one per line, at most 45 bytes each)
///     `
///     end
///
/// "The first character of a line shall be the number of bytes encoded on that line, plus 0x20
/// [...] each group of three octets [...] shall be converted into four characters of 6 bits each,
/// [...] with 0x20 added." Decoding is tolerant like GMime's and CPython's: characters are read
/// modulo 64, blank lines are skipped, and a line shorter than its length character announces is
/// completed with zero bits (trailing spaces are often stripped in transit).
public enum UUDecoder {
    /// A uuencoded block found in a text body by ``scanBlocks(in:limit:)``.
    public struct Block: Sendable, Hashable {
        /// Byte range of the block in the scanned input, from `begin` to the end of the `end` line
        /// (or of the last data line when `end` is missing), line break included.
        public var range: Range<Int>
        /// The file name from the `begin` line.
        public var fileName: String
        /// The permission mode from the `begin` line (octal in the text).
        public var mode: Int
        /// The decoded bytes.
        public var data: [UInt8]
        /// Defects found in the block (`mime.uuencode-malformed`), offsets relative to the scanned input.
        public var defects: [MIMEDefect]

        public init(range: Range<Int>, fileName: String, mode: Int, data: [UInt8], defects: [MIMEDefect]) {
            self.range = range
            self.fileName = fileName
            self.mode = mode
            self.data = data
            self.defects = defects
        }
    }

    /// Decodes the body of an `x-uuencode` part: the first `begin` block, up to `end`.
    ///
    /// POSIX uuencode: `begin <mode> <name>`, data lines, a zero-length line and `end`. A part with
    /// no `begin` line is kept undecoded (as CPython does) with `mime.uuencode-malformed`.
    ///
    /// - Parameters:
    ///   - input: the part's body.
    ///   - limit: the most bytes to produce; past it decoding stops with `mime.decoded-size-limit`.
    ///   - defects: receives defects, with offsets relative to `input`.
    public static func decode(_ input: ArraySlice<UInt8>, limit: Int = .max, defects: inout DefectCollector) -> [UInt8] {
        input.withUnsafeBufferPointer { buf in
            var lines = LineReader(buf)
            while let line = lines.next() {
                if parseBegin(buf, line, strict: false) != nil {
                    var body = BlockDecoder(limit: limit)
                    body.run(buf, &lines, strict: false)
                    report(body, into: &defects)
                    return body.output
                }
            }
            defects.report(.uuencodeMalformed, "no uuencode 'begin' line; the content is kept undecoded", at: 0)
            let kept = Array(buf.prefix(max(limit, 0)))
            if kept.count < buf.count {
                defects.report(.decodedSizeLimit, "content exceeded \(limit) bytes; the rest was dropped")
            }
            return kept
        }
    }

    /// Finds the uuencoded blocks in a plain-text body.
    ///
    /// A block is a line `begin <mode> <name>` (three or four octal digits, a non-empty name) followed
    /// by at least one well-formed data line, or directly by its zero-length line or `end`. Ordinary
    /// text that happens to start a line with "begin " does not qualify, because prose is not valid
    /// uuencode (its first character announces a length its line does not have).
    ///
    /// - Parameters:
    ///   - text: the body bytes (already transfer-decoded).
    ///   - limit: the most bytes to decode per block.
    public static func scanBlocks(in text: ArraySlice<UInt8>, limit: Int = .max) -> [Block] {
        text.withUnsafeBufferPointer { buf in
            var blocks: [Block] = []
            var lines = LineReader(buf)
            while let line = lines.next() {
                // Cheap first check: only lines starting with "begin " are considered.
                guard line.end - line.start >= 6, buf[line.start] == UInt8(ascii: "b"),
                      let begin = parseBegin(buf, line, strict: true) else { continue }
                var probe = lines
                var body = BlockDecoder(limit: limit)
                body.run(buf, &probe, strict: true)
                guard body.dataLines > 0 || body.sawTerminator || body.sawEnd else { continue }
                lines = probe
                var collector = DefectCollector()
                report(body, into: &collector)
                blocks.append(Block(range: line.start..<body.blockEnd, fileName: begin.name, mode: begin.mode,
                                    data: body.output, defects: collector.defects))
            }
            return blocks
        }
    }

    /// Uuencodes `data` as a complete block: `begin`, lines of 45 bytes, a zero-length line and `end`.
    public static func encode(_ data: some Collection<UInt8>, fileName: String, mode: Int = 0o644,
                              lineBreak: [UInt8] = [0x0A]) -> [UInt8] {
        let bytes = Array(data)
        var out = Array("begin \(String(mode, radix: 8)) \(fileName)".utf8)
        out.append(contentsOf: lineBreak)
        out.reserveCapacity(out.count + bytes.count / 45 * (62 + lineBreak.count) + 80)
        func char(_ v: UInt32) -> UInt8 { v == 0 ? UInt8(ascii: "`") : UInt8(truncatingIfNeeded: v) + 0x20 }
        var i = 0
        while i < bytes.count {
            let n = min(45, bytes.count - i)
            out.append(char(UInt32(n)))
            var k = 0
            while k < n {
                let b0 = UInt32(bytes[i + k])
                let b1 = k + 1 < n ? UInt32(bytes[i + k + 1]) : 0
                let b2 = k + 2 < n ? UInt32(bytes[i + k + 2]) : 0
                let v = b0 << 16 | b1 << 8 | b2
                out.append(char(v >> 18 & 63))
                out.append(char(v >> 12 & 63))
                out.append(char(v >> 6 & 63))
                out.append(char(v & 63))
                k += 3
            }
            out.append(contentsOf: lineBreak)
            i += n
        }
        out.append(UInt8(ascii: "`"))
        out.append(contentsOf: lineBreak)
        out.append(contentsOf: Array("end".utf8))
        out.append(contentsOf: lineBreak)
        return out
    }

    // MARK: - Implementation

    private static func report(_ body: BlockDecoder, into defects: inout DefectCollector) {
        if let offset = body.firstShortLine {
            defects.report(.uuencodeMalformed,
                           "\(body.shortLines) uuencoded line(s) shorter than their length character; completed with zero bits",
                           at: offset)
        }
        if !body.sawEnd && !body.sawTerminator {
            defects.report(.uuencodeMalformed, "uuencoded block has no 'end' line", at: body.blockEnd)
        }
        if body.truncated {
            defects.report(.decodedSizeLimit, "decoded uuencoded content exceeded \(body.limit) bytes; the rest was dropped")
        }
    }

    /// A line as `start..<end` (line break excluded; a CR before the LF is excluded too) and `next`,
    /// the offset after its line break.
    fileprivate struct Line {
        var start: Int
        var end: Int
        var next: Int
    }

    /// Iterates over the lines of a buffer (LF or CRLF line ends).
    fileprivate struct LineReader {
        let count: Int
        let base: UnsafePointer<UInt8>?
        var position = 0

        init(_ buf: UnsafeBufferPointer<UInt8>) {
            count = buf.count
            base = buf.baseAddress
        }

        mutating func next() -> Line? {
            guard position < count, let base else { return nil }
            let start = position
            var end = start
            while end < count && base[end] != 0x0A { end += 1 }
            let next = end < count ? end + 1 : end
            var contentEnd = end
            if contentEnd > start && base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            position = next
            return Line(start: start, end: contentEnd, next: next)
        }
    }

    /// Reads the header line. POSIX uuencode: "The header line shall be in the format
    /// `"begin %s %s\n", <mode>, <decode_pathname>`", the mode in octal. `strict` (for scanning
    /// prose) wants three or four octal digits and a name; a part may omit the name.
    private static func parseBegin(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line, strict: Bool) -> (mode: Int, name: String)? {
        let prefix: [UInt8] = Array("begin ".utf8)
        guard line.end - line.start > prefix.count else { return nil }
        for (k, c) in prefix.enumerated() where buf[line.start + k] != c { return nil }
        var i = line.start + prefix.count
        while i < line.end && buf[i] == 0x20 { i += 1 }
        let digitsStart = i
        var mode = 0
        while i < line.end, buf[i] >= UInt8(ascii: "0"), buf[i] <= UInt8(ascii: "7") {
            mode = mode &* 8 &+ Int(buf[i] - UInt8(ascii: "0"))
            i += 1
        }
        let digits = i - digitsStart
        guard digits > 0, digits <= 6, i == line.end || buf[i] == 0x20 || buf[i] == 0x09 else { return nil }
        while i < line.end && (buf[i] == 0x20 || buf[i] == 0x09) { i += 1 }
        var nameEnd = line.end
        while nameEnd > i && (buf[nameEnd - 1] == 0x20 || buf[nameEnd - 1] == 0x09) { nameEnd -= 1 }
        if strict && (digits < 3 || digits > 4 || nameEnd == i) { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<nameEnd]), as: UTF8.self)
        return (mode, name)
    }

    /// Decodes the lines after a `begin` line, up to `end`.
    private struct BlockDecoder {
        let limit: Int
        var output: [UInt8] = []
        var dataLines = 0
        var shortLines = 0
        var firstShortLine: Int?
        var sawEnd = false
        /// A zero-length line (`` ` `` or space) was seen.
        var sawTerminator = false
        var truncated = false
        /// Offset just after the last line that belongs to the block.
        var blockEnd = 0

        init(limit: Int) { self.limit = limit }

        /// Decodes data lines from `lines`. When `strict`, the block ends (before it) at the first line
        /// that is not well-formed uuencode, and `lines` is left on that line.
        mutating func run(_ buf: UnsafeBufferPointer<UInt8>, _ lines: inout LineReader, strict: Bool) {
            blockEnd = lines.position
            while true {
                let before = lines
                guard let line = lines.next() else { return }
                if isEnd(buf, line) {
                    sawEnd = true
                    blockEnd = line.next
                    return
                }
                let length = line.end - line.start
                if length == 0 {
                    // Blank lines are skipped in a part; in prose a blank line ends the block.
                    if strict { lines = before; return }
                    blockEnd = line.next
                    continue
                }
                let n = Int((buf[line.start] &- 0x20) & 0x3F)
                if n == 0 {
                    if strict && !isTerminatorLine(buf, line) { lines = before; return }
                    sawTerminator = true
                    blockEnd = line.next
                    // The `end` line normally follows; take it into the block when it does.
                    var after = lines
                    if let endLine = after.next(), isEnd(buf, endLine) {
                        lines = after
                        sawEnd = true
                        blockEnd = endLine.next
                    }
                    return
                }
                if strict && !isWellFormedDataLine(buf, line, n: n) { lines = before; return }
                decodeLine(buf, line, n: n)
                dataLines += 1
                blockEnd = line.next
                if truncated { return }
            }
        }

        private func isEnd(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
            var s = line.start, e = line.end
            while s < e && (buf[s] == 0x20 || buf[s] == 0x09) { s += 1 }
            while e > s && (buf[e - 1] == 0x20 || buf[e - 1] == 0x09) { e -= 1 }
            return e - s == 3 && buf[s] == UInt8(ascii: "e") && buf[s + 1] == UInt8(ascii: "n") && buf[s + 2] == UInt8(ascii: "d")
        }

        private func isTerminatorLine(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
            for i in line.start..<line.end where buf[i] != UInt8(ascii: "`") && buf[i] != 0x20 { return false }
            return true
        }

        /// In prose, a data line must use only uuencode characters and have about as many characters
        /// as its length character announces (a check character or stripped trailing spaces tolerated).
        private func isWellFormedDataLine(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line, n: Int) -> Bool {
            let chars = line.end - line.start - 1
            let needed = (n + 2) / 3 * 4
            let minimum = (n * 4 + 2) / 3
            guard chars >= minimum && chars <= needed + 2 else { return false }
            for i in line.start..<line.end where buf[i] < 0x20 || buf[i] > 0x60 { return false }
            return true
        }

        /// Decodes one data line of `n` bytes. POSIX uuencode: "each group of three octets [...] shall
        /// be converted into four characters of 6 bits each [...] with 0x20 added"; missing characters
        /// count as zero bits.
        private mutating func decodeLine(_ buf: UnsafeBufferPointer<UInt8>, _ line: Line, n: Int) {
            let first = line.start + 1
            let chars = line.end - first
            if chars < (n * 4 + 2) / 3 {
                shortLines += 1
                if firstShortLine == nil { firstShortLine = line.start }
            }
            func value(_ k: Int) -> UInt32 { k < chars ? UInt32((buf[first + k] &- 0x20) & 0x3F) : 0 }
            var produced = 0
            var k = 0
            while produced < n {
                let v = value(k) << 18 | value(k + 1) << 12 | value(k + 2) << 6 | value(k + 3)
                var shift: UInt32 = 16
                while produced < n {
                    guard output.count < limit else { truncated = true; return }
                    output.append(UInt8(truncatingIfNeeded: v >> shift))
                    produced += 1
                    if shift == 0 { break }
                    shift -= 8
                }
                k += 4
            }
        }
    }
}
