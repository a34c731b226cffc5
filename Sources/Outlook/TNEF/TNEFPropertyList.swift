/// Decodes a MAPI property list as TNEF encodes it (MS-OXTNEF §2.1.3.4, `attMAPIProps`, `attAttachment`,
/// the rows of `attRecipTable`): a count, then per property its type and identifier (a named
/// property adds its GUID and name), then its value(s), each padded to 4 bytes.
struct TNEFPropertyList {
    /// The properties read. Named properties are left out (Dragnet reads none); multi-valued ones too.
    var bag: PropertyBag
    /// Attached-message streams of `PT_OBJECT` values (after their 16-byte interface identifier).
    var objects: [PropertyTag: ArraySlice<UInt8>] = [:]
    /// What was wrong, when the list is malformed or cut short (what was read before stays).
    var problem: String?

    /// Reads the list at the start of `data`; returns it and where it ends.
    static func read(_ data: ArraySlice<UInt8>, defaultCodepage: Int?) -> (list: TNEFPropertyList, end: Int) {
        var list = TNEFPropertyList(bag: PropertyBag(defaultCodepage: defaultCodepage))
        var cursor = ByteCursor(data)
        guard let count = cursor.uint32() else {
            list.problem = "the property list is cut short before its count"
            return (list, cursor.position)
        }
        var index: UInt32 = 0
        while index < count {
            index += 1
            guard let type = cursor.uint16(), let id = cursor.uint16() else {
                list.problem = "the property list is cut short (property \(index) of \(count))"
                break
            }
            if id >= 0x8000 {
                // Named property: GUID, kind, then a number or a UTF-16 name.
                guard cursor.skip(16), let kind = cursor.uint32() else {
                    list.problem = "a named property is cut short"
                    break
                }
                if kind == 0 {
                    guard cursor.skip(4) else { list.problem = "a named property is cut short"; break }
                } else {
                    guard let length = cursor.uint32(), cursor.skip(Self.padded(Int(length))) else {
                        list.problem = "a named property's name is cut short"
                        break
                    }
                }
            }
            let propertyType = PropertyType(rawValue: type)
            let tag = PropertyTag(id, propertyType)
            let isMulti = type & 0x1000 != 0
            let base = PropertyType(rawValue: type & 0x0FFF)
            // A GUID is a 16-byte fixed value here (a `.msg` stores it in a stream of its own).
            let isVariable = base.isVariableSize && base != .guid
            var valueCount: UInt32 = 1
            if isMulti || isVariable {
                guard let n = cursor.uint32() else { list.problem = "property 0x\(String(tag.rawValue, radix: 16)) is cut short"; break }
                valueCount = n
            }
            guard valueCount <= 1 << 20 else {
                list.problem = "property 0x\(String(tag.rawValue, radix: 16)) claims \(valueCount) values"
                break
            }
            var failed = false
            for valueIndex in 0 ..< valueCount {
                if isVariable {
                    guard let size = cursor.uint32(), let value = cursor.take(Int(size)), cursor.skip(Self.padded(Int(size)) - Int(size)) else {
                        failed = true
                        break
                    }
                    guard !isMulti, valueIndex == 0, id < 0x8000 else { continue }
                    if base == .object {
                        // An interface identifier (IID_IMessage for an attached message), then the object.
                        if value.count >= 16 { list.objects[tag] = value.dropFirst(16) }
                    } else {
                        list.bag[tag] = Array(value)
                    }
                } else {
                    let size = base == .guid ? 16 : base.fixedSize ?? 4
                    guard let value = cursor.take(size), cursor.skip(Self.padded(size) - size) else {
                        failed = true
                        break
                    }
                    if !isMulti, id < 0x8000 { list.bag[tag] = Array(value) }
                }
            }
            if failed {
                list.problem = "property 0x\(String(tag.rawValue, radix: 16)) is cut short"
                break
            }
        }
        return (list, cursor.position)
    }

    static func padded(_ n: Int) -> Int { (n + 3) & ~3 }
}

/// A little-endian reader over a byte slice that never reads past its end.
struct ByteCursor {
    let data: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        position = data.startIndex
    }

    var remaining: Int { data.endIndex - position }

    mutating func uint8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { position += 1 }
        return data[position]
    }

    mutating func uint16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        defer { position += 2 }
        return UInt16(data[position]) | UInt16(data[position + 1]) << 8
    }

    mutating func uint32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        defer { position += 4 }
        return UInt32(data[position]) | UInt32(data[position + 1]) << 8 | UInt32(data[position + 2]) << 16 | UInt32(data[position + 3]) << 24
    }

    mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 0, remaining >= n else { return nil }
        defer { position += n }
        return data[position ..< position + n]
    }

    mutating func skip(_ n: Int) -> Bool { take(n) != nil }
}
