/// An ordered list of header fields with case-insensitive lookup by name.
public struct HeaderFields: Sendable, RandomAccessCollection {
    public private(set) var fields: [HeaderField] = []

    public init(_ fields: [HeaderField] = []) { self.fields = fields }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> HeaderField { fields[position] }

    public mutating func append(_ field: HeaderField) { fields.append(field) }

    /// The first field with this name (ASCII case-insensitive), if any.
    public func first(named name: String) -> HeaderField? { fields.first { $0.hasName(name) } }

    /// Every field with this name, in order.
    public func all(named name: String) -> [HeaderField] { fields.filter { $0.hasName(name) } }

    /// The unstructured text of the first field with this name: unfolded, RFC 2047 decoded.
    public func text(_ name: String) -> String? {
        guard let field = first(named: name) else { return nil }
        var defects = DefectCollector()
        return EncodedWordDecoder.decodeText(field.rawValue, defects: &defects)
    }
}
