/// Turns the bytes of one message into a ``MIMEMessage``. It never throws, crashes or hangs on
/// malformed input: irregularities become ``MIMEDefect``s on the nearest entity.
///
/// ```swift
/// let message = MIMEParser().parse(bytes)
/// for part in message.leaves { print(part.path, part.contentType.mimeType) }
/// ```
///
/// The scan is one pass over lines of the byte buffer (RFC 5322 §2.1, RFC 2046 §5.1.1); CRLF, LF and
/// mixed line endings are accepted and give the same tree.
public struct MIMEParser: Sendable {
    public var options: ParserOptions

    public init(options: ParserOptions = .default) {
        self.options = options
    }

    /// Parses a whole message.
    public func parse(_ bytes: [UInt8]) -> MIMEMessage {
        parse(bytes, path: "1", depth: 0, isTopLevel: true)
    }

    /// Parses `bytes` as a message whose root gets `path`, at nesting `depth` (for embedded messages).
    func parse(_ bytes: [UInt8], path: String, depth: Int, isTopLevel: Bool) -> MIMEMessage {
        var partCount = 0
        return parse(bytes, path: path, depth: depth, isTopLevel: isTopLevel, partCount: &partCount)
    }

    func parse(_ bytes: [UInt8], path: String, depth: Int, isTopLevel: Bool, partCount: inout Int) -> MIMEMessage {
        let root = bytes.withUnsafeBufferPointer { buffer -> MIMEEntity in
            var scanner = EntityScanner(
                storage: bytes, bytes: buffer, parser: self, partCount: partCount)
            var stack = BoundaryStack()
            let (entity, _) = scanner.parseEntity(
                start: 0, stack: &stack, depth: depth, path: path, defaultType: .textPlain,
                isMessageRoot: true, isTopLevel: isTopLevel)
            partCount = scanner.partCount
            return entity
        }
        return MIMEMessage(source: bytes, root: root)
    }
}
