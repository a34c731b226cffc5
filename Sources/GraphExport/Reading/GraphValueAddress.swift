public import MailModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one value of a Graph JSON file is, precisely enough to read it again on its own, without
/// reading the file up to it: an attachment saved apart from its message is found by a first pass and
/// read when its message is normalized.
///
/// The value is inside a ``GraphValueSpan``: at ``range`` of the span's text when that was found (then
/// only those bytes are read), else at ``pointer`` from the span (then the span is parsed whole).
public struct GraphValueAddress: Sendable, Hashable {
    public var path: String
    public var encoding: GraphTextEncoding
    /// File offset of the span's first byte.
    public var spanOffset: Int
    /// Length of the span's text in bytes of UTF-8.
    public var spanLength: Int
    /// The value's bytes within the span's text, when known.
    public var range: Range<Int>?
    /// JSON pointer of the value from the span (or from ``range`` when set: then `""`).
    public var pointer: String
    /// The value's location in the file, for provenance and diagnostics.
    public var location: GraphLocation

    public init(
        path: String, encoding: GraphTextEncoding, spanOffset: Int, spanLength: Int, range: Range<Int>?, pointer: String,
        location: GraphLocation
    ) {
        self.path = path
        self.encoding = encoding
        self.spanOffset = spanOffset
        self.spanLength = spanLength
        self.range = range
        self.pointer = pointer
        self.location = location
    }

    /// Reads the value again: its JSON and the reader's diagnostics about it (pointers and places
    /// are those of the file).
    ///
    /// - Returns: `nil` for the value when the bytes there are no longer that value (the file changed).
    /// - Throws: ``GraphExportError`` when the file cannot be opened or read.
    public func read(options: GraphReaderOptions = .default) throws(GraphExportError) -> (value: JSONValue?, diagnostics: [GraphDiagnostic]) {
        let parsed = try parseText(options: options)
        return resolve(parsed)
    }

    /// Reads the value again as an attachment.
    ///
    /// - Returns: `nil` when the value there is not an object (the file changed).
    public func readAttachment(options: GraphReaderOptions = .default) throws(GraphExportError) -> GraphAttachment? {
        attachment(from: resolve(try parseText(options: options)), options: options)
    }

    /// Reads several attachments again, in order; addresses that share a span read without a byte
    /// range (the attachments of one page on one JSON Lines line) parse it once.
    public static func readAttachments(
        _ addresses: [GraphValueAddress], options: GraphReaderOptions = .default
    ) -> [Result<GraphAttachment?, GraphExportError>] {
        var cached: (key: GraphValueAddress, parsed: (JSONValue?, [GraphDiagnostic]))?
        return addresses.map { address -> Result<GraphAttachment?, GraphExportError> in
            do throws(GraphExportError) {
                let parsed: (JSONValue?, [GraphDiagnostic])
                if address.range == nil, let cached, cached.key.sharesSpan(with: address) {
                    parsed = cached.parsed
                } else {
                    parsed = try address.parseText(options: options)
                    if address.range == nil { cached = (address, parsed) }
                }
                return .success(address.attachment(from: address.resolve(parsed), options: options))
            } catch {
                return .failure(error)
            }
        }
    }

    private func sharesSpan(with other: GraphValueAddress) -> Bool {
        path == other.path && spanOffset == other.spanOffset && spanLength == other.spanLength && range == other.range
    }

    private func attachment(from read: (value: JSONValue?, diagnostics: [GraphDiagnostic]), options: GraphReaderOptions) -> GraphAttachment? {
        guard let object = read.value?.objectValue else { return nil }
        var attachment = GraphAttachment(object: object, location: location, options: options)
        attachment.diagnostics = read.diagnostics + attachment.diagnostics
        return attachment
    }

    /// The text read (the span, or the range within it), parsed whole; diagnostic pointers relative to it.
    private func parseText(options: GraphReaderOptions) throws(GraphExportError) -> (JSONValue?, [GraphDiagnostic]) {
        var text: [UInt8]
        if encoding.isUTF16 {
            text = try Self.spanText(path: path, encoding: encoding, offset: spanOffset, length: spanLength)
            if let range {
                guard range.upperBound <= text.count else { return (nil, []) }
                text = Array(text[range])
            }
        } else if let range {
            text = try Self.readBytes(path: path, offset: spanOffset + range.lowerBound, count: range.count)
        } else {
            text = try Self.readBytes(path: path, offset: spanOffset, count: spanLength)
        }
        // As the one element of an array, so that the reader yields the value whole (a page is not streamed).
        var wrapped: [UInt8] = [UInt8(ascii: "[")]
        wrapped.reserveCapacity(text.count + 2)
        wrapped += text
        wrapped.append(UInt8(ascii: "]"))
        let reader = JSONStreamReader(bytes: wrapped, options: options)
        var parsed: JSONValue?
        var diagnostics: [GraphDiagnostic] = []
        while let event = reader.next() {
            switch event {
            case .value(let value, let info):
                if parsed == nil {
                    parsed = value
                    diagnostics += info.diagnostics
                }
            case .diagnostic(let d):
                diagnostics.append(d)
            case .collectionEnd:
                break
            }
        }
        // "/0" is the wrapping array.
        let relative = diagnostics.map { d in
            var d = d
            d.pointer = d.pointer.map { $0.hasPrefix("/0") ? String($0.dropFirst(2)) : $0 }
            return d
        }
        return (parsed, relative)
    }

    /// The value at ``pointer`` in what was parsed, and the diagnostics inside it placed in the file.
    private func resolve(_ parsed: (JSONValue?, [GraphDiagnostic])) -> (value: JSONValue?, diagnostics: [GraphDiagnostic]) {
        let value = pointer.isEmpty ? parsed.0 : parsed.0?.value(at: pointer)
        let inside = parsed.1.compactMap { d -> GraphDiagnostic? in
            let inner = d.pointer ?? ""
            guard pointer.isEmpty || inner == pointer || inner.hasPrefix(pointer + "/") else { return nil }
            var d = d
            d.pointer = location.pointer + String(inner.dropFirst(pointer.count))
            d.byteOffset = location.byteOffset
            d.line = location.line
            d.column = location.column
            return d
        }
        return (value, inside)
    }

    /// For each pointer (relative to `span`), the byte range of its value within the span's text,
    /// found without parsing (`nil` where it could not be found: that value is then read through its
    /// pointer). Reads the span once.
    ///
    /// - Throws: ``GraphExportError`` when the file cannot be read.
    public static func ranges(
        of pointers: [String], in span: GraphValueSpan, path: String, encoding: GraphTextEncoding
    ) throws(GraphExportError) -> [Range<Int>?] {
        let text = try spanText(path: path, encoding: encoding, offset: span.byteOffset, length: span.textLength)
        return pointers.map { JSONPointerRange.find($0, in: text) }
    }

    /// The UTF-8 text of a span: its bytes, or, in a UTF-16 file, its code units transcoded (a
    /// character takes at most twice as many bytes in UTF-16 as in UTF-8, so `2 × length` bytes hold it).
    static func spanText(path: String, encoding: GraphTextEncoding, offset: Int, length: Int) throws(GraphExportError) -> [UInt8] {
        guard encoding.isUTF16 else { return try readBytes(path: path, offset: offset, count: length) }
        let raw = try readBytes(path: path, offset: offset, count: 2 * length)
        var units: [UInt16] = []
        units.reserveCapacity(raw.count / 2)
        var i = 0
        while i + 1 < raw.count {
            units.append(encoding.isBigEndian ? UInt16(raw[i]) << 8 | UInt16(raw[i + 1]) : UInt16(raw[i + 1]) << 8 | UInt16(raw[i]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8.prefix(length))
    }

    /// `count` bytes at `offset` (fewer at the end of the file), read with `pread` from a read-only descriptor.
    static func readBytes(path: String, offset: Int, count: Int) throws(GraphExportError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw GraphExportError(code: GraphDiagnostic.Code.unreadable.diagnosticCode, message: "cannot be opened (\(String(cString: strerror(errno))))", path: path)
        }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: max(0, count))
        var got = 0
        var failure: Int32 = 0
        out.withUnsafeMutableBytes { buffer in
            while got < buffer.count {
                let n = pread(fd, buffer.baseAddress! + got, buffer.count - got, off_t(offset + got))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                got += n
            }
        }
        if failure != 0 {
            throw GraphExportError(code: GraphDiagnostic.Code.unreadable.diagnosticCode, message: "cannot be read (\(String(cString: strerror(failure))))", path: path)
        }
        if got < out.count { out.removeSubrange(got...) }
        return out
    }
}
