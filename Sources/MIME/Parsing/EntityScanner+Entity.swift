/// Entities: a header block, then a leaf, a multipart (RFC 2046 §5.1) or an embedded message
/// (RFC 2046 §5.2.1), recursively.
extension EntityScanner {
    /// Parses one entity starting at `start` and returns it with the reason its scan stopped.
    ///
    /// - Parameters:
    ///   - stack: boundaries of the enclosing multiparts; any of them ends this entity.
    ///   - depth: nesting depth (multiparts and embedded messages) of this entity.
    ///   - defaultType: the type when Content-Type is absent (`message/rfc822` in `multipart/digest`).
    ///   - isMessageRoot: whether this entity carries a message's header block.
    ///   - isTopLevel: whether this is the outermost message (mbox lines and junk may precede it).
    mutating func parseEntity(
        start: Int, stack: inout BoundaryStack, depth: Int, path: String, defaultType: ContentType,
        isMessageRoot: Bool, isTopLevel: Bool
    ) -> (MIMEEntity, Stop) {
        var defects = DefectCollector()
        partCount += 1
        let headerStart = isTopLevel ? self.headerStart(from: start, defects: &defects) : start
        let block = parseHeaderBlock(from: headerStart, stack: stack, defects: &defects)
        let headers = block.fields

        // Content headers.
        var contentType = defaultType
        if let field = headers.first(named: "Content-Type") {
            defects.baseOffset = field.rawValue.startIndex
            if let parsed = ContentType.parse(field.rawValue, defects: &defects) {
                contentType = parsed
            } else {
                contentType = .textPlain
            }
        }
        var disposition: ContentDisposition?
        if let field = headers.first(named: "Content-Disposition") {
            defects.baseOffset = field.rawValue.startIndex
            disposition = ContentDisposition.parse(field.rawValue, defects: &defects)
        }
        defects.baseOffset = nil
        var encoding = TransferEncoding.sevenBit
        if let field = headers.first(named: "Content-Transfer-Encoding") {
            encoding = TransferEncoding(token: Self.token(field.rawValue))
        }

        let entity = MIMEEntity(
            path: path, headers: headers, contentType: contentType, contentDisposition: disposition,
            transferEncoding: encoding, body: .leaf(slice(block.bodyStart, block.bodyStart)),
            range: start..<block.bodyStart, bodyOffset: block.bodyStart, defects: [])

        if let hit = block.boundary {
            // A boundary ended the header block: the entity has no body.
            if contentType.type == "multipart" {
                defects.report(.startBoundaryNotFound, "\(contentType.mimeType) ends before its first boundary", at: hit.lineStart)
            }
            return finish(entity, defects, start: start, end: hit.lineStart, stop: .boundary(hit))
        }

        let bodyStart = block.bodyStart
        reportProtection(entity, at: start, defects: &defects)
        let isStructured = contentType.type == "multipart" || Self.isEmbeddedMessage(contentType)
        if isStructured, depth >= limits.maxNestingDepth {
            defects.report(.nestingTooDeep, "nesting deeper than \(limits.maxNestingDepth) levels; \(contentType.mimeType) is kept as an opaque part", at: bodyStart)
            return parseLeaf(entity, defects, start: start, bodyStart: bodyStart, stack: stack)
        }
        if partCount > limits.maxParts, isStructured {
            defects.report(.tooManyParts, "more than \(limits.maxParts) parts; \(contentType.mimeType) is kept as an opaque part", at: bodyStart)
            return parseLeaf(entity, defects, start: start, bodyStart: bodyStart, stack: stack)
        }

        if contentType.type == "multipart" {
            return parseMultipart(entity, defects, start: start, bodyStart: bodyStart, stack: &stack, depth: depth)
        }
        if Self.isEmbeddedMessage(contentType) {
            return parseEmbeddedMessage(entity, defects, start: start, bodyStart: bodyStart, stack: &stack, depth: depth)
        }
        if let form = SMIMEPartForm(entity) {
            return parseSMIMEPart(entity, form, defects, start: start, bodyStart: bodyStart, stack: stack, depth: depth)
        }
        return parseLeaf(entity, defects, start: start, bodyStart: bodyStart, stack: stack)
    }

    /// Completes an entity: attaches its defects (with its path) and its range.
    func finish(_ entity: MIMEEntity, _ defects: DefectCollector, start: Int, end: Int, stop: Stop) -> (MIMEEntity, Stop) {
        var entity = entity
        entity.range = start..<max(start, end)
        entity.defects = defects.defects.map { defect in
            var d = defect
            d.partPath = entity.path
            parser.options.defectObserver?(d)
            return d
        }
        return (entity, stop)
    }

    /// A leaf: content runs to the next boundary of the stack, or to the end.
    mutating func parseLeaf(
        _ entity: MIMEEntity, _ defects: DefectCollector, start: Int, bodyStart: Int, stack: BoundaryStack
    ) -> (MIMEEntity, Stop) {
        var entity = entity
        var defects = defects
        let (contentEnd, stop) = leafExtent(bodyStart: bodyStart, stack: stack, defects: &defects)
        entity.body = .leaf(slice(bodyStart, contentEnd))
        return finish(entity, defects, start: start, end: contentEnd, stop: stop)
    }

    /// Where the content of a leaf starting at `bodyStart` ends: at the next boundary of the stack (the
    /// line break before it excluded), or at the end.
    func leafExtent(bodyStart: Int, stack: BoundaryStack, defects: inout DefectCollector) -> (contentEnd: Int, stop: Stop) {
        if stack.isEmpty { return (end, .end) }
        let stop = scanForBoundary(from: bodyStart, stack: stack, defects: &defects)
        switch stop {
        case .end:
            return (end, stop)
        case .boundary(let hit):
            return (contentEnd(before: hit.lineStart, notBefore: bodyStart), stop)
        }
    }

    /// `message/rfc822`, `message/global` and `message/news` carry a whole message (RFC 2046 §5.2.1,
    /// RFC 6532 §3.5); they are parsed recursively. An encoded one (base64, quoted-printable — not
    /// allowed by RFC 2046 but written by some mailers) is decoded first and parsed from its own buffer.
    static func isEmbeddedMessage(_ type: ContentType) -> Bool {
        type.type == "message" && (type.subtype == "rfc822" || type.subtype == "global" || type.subtype == "news")
    }

    mutating func parseEmbeddedMessage(
        _ entity: MIMEEntity, _ defects: DefectCollector, start: Int, bodyStart: Int, stack: inout BoundaryStack, depth: Int
    ) -> (MIMEEntity, Stop) {
        var entity = entity
        var defects = defects
        if entity.transferEncoding.isIdentity {
            let (root, stop) = parseEntity(
                start: bodyStart, stack: &stack, depth: depth + 1, path: entity.path + ".1",
                defaultType: .textPlain, isMessageRoot: true, isTopLevel: false)
            entity.body = .message(MIMEMessage(source: storage, root: root))
            return finish(entity, defects, start: start, end: root.range.upperBound, stop: stop)
        }
        // Encoded: find the content first, decode it, and parse the decoded bytes on their own.
        let (leaf, stop) = parseLeaf(entity, DefectCollector(), start: start, bodyStart: bodyStart, stack: stack)
        let content = leaf.leafContent ?? []
        var decodeDefects = DefectCollector(baseOffset: bodyStart)
        let decoded = entity.transferEncoding.decode(content, limits: limits, defects: &decodeDefects)
        defects.defects += decodeDefects.defects
        var count = partCount
        let message = parser.parse(decoded, path: entity.path + ".1", depth: depth + 1, isTopLevel: false, partCount: &count)
        partCount = count
        entity.body = .message(message)
        return finish(entity, defects, start: start, end: leaf.range.upperBound, stop: stop)
    }

    /// The first token of a Content-Transfer-Encoding value (comments and quotes removed).
    static func token(_ raw: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var depth = 0
        for b in raw {
            if b == 0x28 { depth += 1; continue }
            if b == 0x29 { if depth > 0 { depth -= 1 }; continue }
            if depth > 0 || b == 0x22 { continue }
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0x3B {
                if out.isEmpty { continue } else { break }
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
