/// A MAPI property type (MS-OXCDATA §2.11.1): the low 16 bits of a property tag.
public struct PropertyType: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let int16 = PropertyType(rawValue: 0x0002)
    public static let int32 = PropertyType(rawValue: 0x0003)
    public static let float = PropertyType(rawValue: 0x0004)
    public static let double = PropertyType(rawValue: 0x0005)
    public static let currency = PropertyType(rawValue: 0x0006)
    public static let appTime = PropertyType(rawValue: 0x0007)
    public static let errorCode = PropertyType(rawValue: 0x000A)
    public static let boolean = PropertyType(rawValue: 0x000B)
    /// An embedded object: in a `.msg`, a storage (an attached message).
    public static let object = PropertyType(rawValue: 0x000D)
    public static let int64 = PropertyType(rawValue: 0x0014)
    /// An 8-bit string in the message's code page (`PT_STRING8`).
    public static let string8 = PropertyType(rawValue: 0x001E)
    /// A UTF-16LE string (`PT_UNICODE`).
    public static let unicode = PropertyType(rawValue: 0x001F)
    /// A FILETIME: 100-ns intervals since 1601-01-01 UTC.
    public static let systemTime = PropertyType(rawValue: 0x0040)
    public static let guid = PropertyType(rawValue: 0x0048)
    public static let binary = PropertyType(rawValue: 0x0102)

    /// Whether values of the type are stored out of line (strings, binary, objects, multi-values).
    public var isVariableSize: Bool {
        rawValue & 0x1000 != 0 || self == .string8 || self == .unicode || self == .binary || self == .object || self == .guid
    }

    /// The size of a fixed-size value in bytes (`nil` for variable-size types).
    public var fixedSize: Int? {
        switch self {
        case .int16, .boolean: 2
        case .int32, .float, .errorCode: 4
        case .double, .currency, .appTime, .int64, .systemTime: 8
        default: nil
        }
    }
}

/// A MAPI property tag: the property identifier in the high 16 bits, its type in the low 16.
public struct PropertyTag: RawRepresentable, Sendable, Hashable, Comparable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ id: UInt16, _ type: PropertyType) { rawValue = UInt32(id) << 16 | UInt32(type.rawValue) }

    public var id: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    public var type: PropertyType { PropertyType(rawValue: UInt16(truncatingIfNeeded: rawValue)) }
    public static func < (a: PropertyTag, b: PropertyTag) -> Bool { a.rawValue < b.rawValue }
}
