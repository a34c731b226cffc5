/// The primitives of binary outcome records (see ``OutcomeRecord``): LEB128 varints (zigzag for
/// signed integers), length-prefixed UTF-8 strings, a one-byte flag before optional values and a
/// count before lists; a path equal to the record's own file is written as a bare 0.
struct RecordWriter {
    var bytes: [UInt8] = []
    /// The file the record belongs to: paths equal to it are not written out.
    let filePath: String?

    init(path: String?) {
        filePath = path
        // Records of matches run to a few hundred bytes: most fit this one allocation.
        bytes.reserveCapacity(512)
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) { unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }
    mutating func int(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// 0 for the record's own file, else the length plus one and the bytes.
    mutating func path(_ value: String) {
        if value == filePath { return unsigned(0) }
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func optional<T>(_ value: T?, _ write: (inout RecordWriter, T) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        write(&self, value)
    }

    mutating func list<T>(_ values: [T], _ write: (inout RecordWriter, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { list(values) { $0.string($1) } }
}

/// Reads what ``RecordWriter`` wrote; any inconsistency (a length past the end, a bad tag) throws.
struct RecordReader {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "a malformed outcome record (at byte \(offset))" }
    }

    let bytes: [UInt8]
    var position = 0
    /// Where the record ends in `bytes` (records are read in place in a summary that holds many).
    let end: Int
    /// The file the record belongs to, for paths left out.
    let filePath: String?

    init(_ bytes: [UInt8], path: String?) {
        self.init(bytes, in: 0..<bytes.count, path: path)
    }

    /// A reader of `bytes[range]`, at its start.
    init(_ bytes: [UInt8], in range: Range<Int>, path: String?) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
        filePath = path
    }

    var isAtEnd: Bool { position == end }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard position < end else { throw Malformed(offset: position) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func unsigned() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Malformed(offset: position) }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int64() throws(Malformed) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func int() throws(Malformed) -> Int { Int(try int64()) }

    mutating func count() throws(Malformed) -> Int {
        let value = try unsigned()
        guard value <= UInt64(end - position) * 8 + 8 else { throw Malformed(offset: position) }
        return Int(value)
    }

    private mutating func text(_ length: Int) throws(Malformed) -> String {
        guard length <= end - position else { throw Malformed(offset: position) }
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }

    mutating func string() throws(Malformed) -> String { try text(Int(try unsigned() & 0xFFFF_FFFF)) }

    mutating func path() throws(Malformed) -> String {
        let marker = try unsigned()
        if marker == 0 {
            guard let filePath else { throw Malformed(offset: position) }
            return filePath
        }
        return try text(Int((marker - 1) & 0xFFFF_FFFF))
    }

    mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed(offset: position - 1)
        }
    }

    mutating func optional<T>(_ read: (inout RecordReader) throws(Malformed) -> T) throws(Malformed) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func list<T>(_ read: (inout RecordReader) throws(Malformed) -> T) throws(Malformed) -> [T] {
        let count = try count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func strings() throws(Malformed) -> [String] { try list { (reader: inout RecordReader) throws(Malformed) in try reader.string() } }
}
