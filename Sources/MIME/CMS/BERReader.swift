/// A small, bounded reader of BER-encoded ASN.1 (ITU-T X.690 §8), enough to walk the CMS structures of
/// S/MIME (RFC 5652): tag-length-value elements with definite and indefinite lengths, and constructed
/// strings. It never throws or traps: a malformed element is a ``BERReader/Failure`` naming the byte
/// offset, and nesting is bounded by `maxDepth` (indefinite lengths are resolved by walking children).
///
/// DER (X.690 §10) is a subset of BER, so DER input reads the same way.
struct BERReader {
    /// The encoded bytes; offsets are indices of this array.
    let bytes: [UInt8]
    /// Deepest nesting of constructed elements read (X.690 puts no bound on it).
    let maxDepth: Int

    /// An element's identifier octets (X.690 §8.1.2).
    struct Tag: Hashable {
        /// 0 universal, 1 application, 2 context-specific, 3 private.
        var tagClass: UInt8
        var isConstructed: Bool
        var number: UInt32

        static let integer = Tag(tagClass: 0, isConstructed: false, number: 2)
        static let octetString = Tag(tagClass: 0, isConstructed: false, number: 4)
        static let objectIdentifier = Tag(tagClass: 0, isConstructed: false, number: 6)
        static let sequence = Tag(tagClass: 0, isConstructed: true, number: 16)
        static let set = Tag(tagClass: 0, isConstructed: true, number: 17)

        /// `[n]` context-specific, constructed (an EXPLICIT tag or a constructed IMPLICIT one).
        static func context(_ n: UInt32) -> Tag { Tag(tagClass: 2, isConstructed: true, number: n) }

        /// Whether both tags name the same type, whatever the primitive/constructed bit (BER strings may be either).
        func sameType(as other: Tag) -> Bool { tagClass == other.tagClass && number == other.number }
    }

    /// One tag-length-value element.
    struct Element {
        var tag: Tag
        /// Offset of the identifier octets.
        var start: Int
        /// First content byte.
        var contentStart: Int
        /// One past the last content byte (the end-of-contents octets of an indefinite length excluded).
        var contentEnd: Int
        /// One past the whole element (end-of-contents octets included).
        var end: Int
    }

    /// Why an element could not be read.
    struct Failure: Error, Equatable {
        var offset: Int
        var reason: String
    }

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// An element's identifier and length octets.
    struct Header {
        var tag: Tag
        var contentStart: Int
        /// The content length, or `nil` for an indefinite length.
        var length: Int?
    }

    /// Reads the identifier and length octets at `offset` (X.690 §8.1.2, §8.1.3), without checking
    /// that the content fits before `limit`.
    func header(at offset: Int, limit: Int) -> Result<Header, Failure> {
        var i = offset
        guard i < limit else { return .failure(Failure(offset: offset, reason: "an element was expected but the data ends")) }
        // Identifier octets; tag number 31 means a base-128 number follows.
        let first = bytes[i]
        i += 1
        var number = UInt32(first & 0x1F)
        if number == 0x1F {
            number = 0
            var count = 0
            while true {
                guard i < limit else { return .failure(Failure(offset: offset, reason: "the tag number is cut short")) }
                let b = bytes[i]
                i += 1
                count += 1
                guard count <= 4 else { return .failure(Failure(offset: offset, reason: "the tag number is too large")) }
                number = number << 7 | UInt32(b & 0x7F)
                if b & 0x80 == 0 { break }
            }
        }
        let tag = Tag(tagClass: first >> 6, isConstructed: first & 0x20 != 0, number: number)
        // Length octets: short, long, or indefinite (0x80, constructed only).
        guard i < limit else { return .failure(Failure(offset: offset, reason: "the length is missing")) }
        let lengthByte = bytes[i]
        i += 1
        if lengthByte == 0x80 {
            guard tag.isConstructed else { return .failure(Failure(offset: offset, reason: "a primitive element has an indefinite length")) }
            return .success(Header(tag: tag, contentStart: i, length: nil))
        }
        if lengthByte & 0x80 == 0 { return .success(Header(tag: tag, contentStart: i, length: Int(lengthByte))) }
        let count = Int(lengthByte & 0x7F)
        guard count <= 4, lengthByte != 0xFF else { return .failure(Failure(offset: offset, reason: "the length takes \(count) octets (at most 4 are read)")) }
        guard i + count <= limit else { return .failure(Failure(offset: offset, reason: "the length is cut short")) }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(bytes[i])
            i += 1
        }
        return .success(Header(tag: tag, contentStart: i, length: length))
    }

    /// Reads the element starting at `offset`, which must end by `limit`. `depth` is the element's nesting level.
    func element(at offset: Int, limit: Int, depth: Int = 0) -> Result<Element, Failure> {
        guard depth <= maxDepth else { return .failure(Failure(offset: offset, reason: "nested deeper than \(maxDepth) levels")) }
        let header: Header
        switch self.header(at: offset, limit: limit) {
        case .success(let read): header = read
        case .failure(let failure): return .failure(failure)
        }
        guard let length = header.length else {
            // The content is a run of elements ended by the end-of-contents octets 00 00 (§8.1.5).
            var i = header.contentStart
            while true {
                guard i + 1 < limit else { return .failure(Failure(offset: offset, reason: "an indefinite length has no end-of-contents octets")) }
                if bytes[i] == 0, bytes[i + 1] == 0 {
                    return .success(Element(tag: header.tag, start: offset, contentStart: header.contentStart, contentEnd: i, end: i + 2))
                }
                switch element(at: i, limit: limit, depth: depth + 1) {
                case .success(let child): i = child.end
                case .failure(let failure): return .failure(failure)
                }
            }
        }
        let start = header.contentStart
        guard length <= limit - start else {
            return .failure(Failure(offset: offset, reason: "the element claims \(length) bytes but only \(limit - start) remain"))
        }
        return .success(Element(tag: header.tag, start: offset, contentStart: start, contentEnd: start + length, end: start + length))
    }

    /// The elements inside a constructed `parent`, in order.
    func children(of parent: Element, depth: Int) -> Result<[Element], Failure> {
        var out: [Element] = []
        var i = parent.contentStart
        while i < parent.contentEnd {
            switch element(at: i, limit: parent.contentEnd, depth: depth + 1) {
            case .success(let child):
                out.append(child)
                i = child.end
            case .failure(let failure):
                return .failure(failure)
            }
        }
        return .success(out)
    }

    /// The bytes of a string element: a primitive one's content, or a constructed one's segments joined
    /// (X.690 §8.7.3: each segment is itself a primitive or constructed string of the same type). At
    /// most `maxBytes` bytes are returned; `isCut` says whether more were there.
    func stringContent(of element: Element, depth: Int, maxBytes: Int) -> Result<(bytes: [UInt8], isCut: Bool), Failure> {
        var out: [UInt8] = []
        var isCut = false
        if let failure = appendString(element, depth: depth, maxBytes: maxBytes, into: &out, isCut: &isCut) {
            return .failure(failure)
        }
        return .success((out, isCut))
    }

    private func appendString(_ element: Element, depth: Int, maxBytes: Int, into out: inout [UInt8], isCut: inout Bool) -> Failure? {
        if !element.tag.isConstructed {
            let room = max(0, maxBytes - out.count)
            let count = element.contentEnd - element.contentStart
            out += bytes[element.contentStart..<(element.contentStart + min(count, room))]
            if count > room { isCut = true }
            return nil
        }
        switch children(of: element, depth: depth) {
        case .failure(let failure):
            return failure
        case .success(let segments):
            for segment in segments {
                guard segment.tag.sameType(as: element.tag) else {
                    return Failure(offset: segment.start, reason: "a segment of a constructed string has another type")
                }
                if let failure = appendString(segment, depth: depth + 1, maxBytes: maxBytes, into: &out, isCut: &isCut) { return failure }
                if isCut { return nil }
            }
            return nil
        }
    }

    /// The content bytes of a primitive element.
    func content(of element: Element) -> ArraySlice<UInt8> { bytes[element.contentStart..<element.contentEnd] }
}
