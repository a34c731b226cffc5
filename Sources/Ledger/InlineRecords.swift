/// The outcome records of a small file kept in its row (`file.records`, schema v5) instead of one
/// `outcome` row each: the records in sequence order, each a LEB128 length and its bytes. A file
/// written whole at once (most files: one message, one record) costs one insert, not two.
public enum InlineRecords {
    /// Records kept in the row when a new file has at most this many, of at most ``maximumBytes`` in all.
    static let maximumCount = 64
    static let maximumBytes = 64 << 10

    /// Whether `records` are kept in the file's row.
    public static func fit(_ records: [[UInt8]]) -> Bool {
        guard records.count <= maximumCount else { return false }
        var total = 0
        for record in records {
            total += record.count
            if total > maximumBytes { return false }
        }
        return true
    }

    static func encode(_ records: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(0) { $0 + $1.count + 3 })
        encode(records, into: &bytes)
        return bytes
    }

    /// Appends what ``encode(_:)`` gives to `bytes`.
    static func encode(_ records: [[UInt8]], into bytes: inout [UInt8]) {
        for record in records {
            var length = UInt64(record.count)
            while length >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
            bytes.append(contentsOf: record)
        }
    }

    /// The records, or nil when the bytes are not what ``encode(_:)`` writes.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]]? {
        var records: [[UInt8]] = []
        var position = 0
        while position < bytes.count {
            var length: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count, shift < 64 else { return nil }
                let byte = bytes[position]
                position += 1
                length |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            guard length <= UInt64(bytes.count - position) else { return nil }
            records.append(Array(bytes[position..<(position + Int(length))]))
            position += Int(length)
        }
        return records
    }
}
