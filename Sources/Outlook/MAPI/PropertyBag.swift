/// The MAPI properties of one object (a message, a recipient, an attachment, a message store) as read
/// from a PST, a `.msg` or a TNEF stream: raw value bytes by tag, little-endian as stored. Strings are
/// decoded on request: `PT_UNICODE` as UTF-16LE, `PT_STRING8` in the object's code page
/// (PidTagMessageCodepage), else ``defaultCodepage`` (the container's), else windows-1252.
public struct PropertyBag: Sendable {
    public private(set) var values: [PropertyTag: [UInt8]] = [:]
    /// The code page of 8-bit strings when the object does not name one.
    public var defaultCodepage: Int?

    public init(defaultCodepage: Int? = nil) {
        self.defaultCodepage = defaultCodepage
    }

    public subscript(tag: PropertyTag) -> [UInt8]? {
        get { values[tag] }
        set { values[tag] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Whether a value of any type is there for `id`.
    public func contains(_ id: UInt16) -> Bool { values.keys.contains { $0.id == id } }

    /// The value's bytes for `id` in the first of `types` present.
    public func raw(_ id: UInt16, _ types: [PropertyType]) -> (type: PropertyType, bytes: [UInt8])? {
        for type in types {
            if let bytes = values[PropertyTag(id, type)] { return (type, bytes) }
        }
        return nil
    }

    /// The code page of this object's 8-bit strings.
    public var codepage: Int {
        if let own = int32(PropertyID.messageCodepage), own > 0 { return Int(own) }
        return defaultCodepage ?? 1252
    }

    /// A string property (`PT_UNICODE` preferred, else `PT_STRING8`), up to its first NUL; `nil` when
    /// absent. Empty strings are returned as they are.
    public func string(_ id: UInt16) -> String? {
        if let bytes = values[PropertyTag(id, .unicode)] { return Codepage.utf16LE(bytes[...]) }
        if let bytes = values[PropertyTag(id, .string8)] { return Codepage.decode(bytes[...], codepage: codepage) }
        return nil
    }

    /// A string property with white space trimmed, `nil` when absent or blank.
    public func nonEmptyString(_ id: UInt16) -> String? {
        guard let value = string(id) else { return nil }
        let trimmed = value.trimmingBlanks
        return trimmed.isEmpty ? nil : trimmed
    }

    public func binary(_ id: UInt16) -> [UInt8]? { values[PropertyTag(id, .binary)] }

    public func int32(_ id: UInt16) -> Int32? {
        guard let bytes = values[PropertyTag(id, .int32)], bytes.count >= 4 else { return nil }
        return Int32(bitPattern: Self.uint32(bytes, 0))
    }

    public func int64(_ id: UInt16) -> Int64? {
        guard let bytes = values[PropertyTag(id, .int64)], bytes.count >= 8 else { return nil }
        return Int64(bitPattern: Self.uint64(bytes, 0))
    }

    public func bool(_ id: UInt16) -> Bool? {
        guard let bytes = values[PropertyTag(id, .boolean)], !bytes.isEmpty else { return nil }
        return bytes.contains { $0 != 0 }
    }

    /// A `PT_SYSTIME` value as seconds since the Unix epoch; `nil` when absent, zero or out of range.
    public func time(_ id: UInt16) -> Int64? {
        guard let bytes = values[PropertyTag(id, .systemTime)], bytes.count >= 8 else { return nil }
        return FileTime.unixSeconds(Self.uint64(bytes, 0))
    }

    static func uint32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    static func uint64(_ b: [UInt8], _ i: Int) -> UInt64 {
        UInt64(uint32(b, i)) | UInt64(uint32(b, i + 4)) << 32
    }
}

/// Windows FILETIME values (100-ns intervals since 1601-01-01 UTC).
public enum FileTime {
    /// Seconds between 1601-01-01 and 1970-01-01.
    static let epochDifference: Int64 = 11_644_473_600

    /// Seconds since the Unix epoch, or `nil` for 0 (no time) and values past year 9999 (MAPI's
    /// "never": 0x7FFFFFFF…, 0x0CB34557…).
    public static func unixSeconds(_ filetime: UInt64) -> Int64? {
        guard filetime != 0, filetime < 2_650_467_743_990_000_000 else { return nil }
        return Int64(filetime / 10_000_000) - epochDifference
    }
}

extension String {
    /// The string without leading and trailing white space and NULs.
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace || f == "\0" { s.removeFirst() }
        while let l = s.last, l.isWhitespace || l == "\0" { s.removeLast() }
        return String(s)
    }
}
