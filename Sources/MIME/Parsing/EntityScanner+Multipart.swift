/// Multipart bodies (RFC 2046 §5.1.1):
///
///     multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF body-part
///                       *encapsulation close-delimiter transport-padding [CRLF epilogue]
///     encapsulation  := delimiter transport-padding CRLF body-part
///     delimiter      := CRLF dash-boundary
///     close-delimiter := delimiter "--"
extension EntityScanner {
    mutating func parseMultipart(
        _ entity: MIMEEntity, _ defects: DefectCollector, start: Int, bodyStart: Int, stack: inout BoundaryStack, depth: Int
    ) -> (MIMEEntity, Stop) {
        var entity = entity
        var defects = defects
        let type = entity.contentType
        guard let boundary = type.boundary else {
            defects.report(.multipartMissingBoundary, "\(type.mimeType) has no boundary parameter; its body is kept as one opaque part", at: bodyStart)
            return parseLeaf(entity, defects, start: start, bodyStart: bodyStart, stack: stack)
        }
        if boundary.isEmpty {
            // `boundary=""` breaks RFC 2046 §5.1.1 (`boundary := 0*69<bchars> bcharsnospace`), but GMime
            // and CPython read it as a boundary of zero length, and so do we.
            defects.report(.boundaryEmpty, "\(type.mimeType) has an empty boundary parameter; its delimiter lines are '--' and '----'",
                           at: entity.headers.first(named: "Content-Type")?.offset ?? entity.range.lowerBound)
        }
        if !entity.transferEncoding.isIdentity {
            defects.report(.multipartTransferEncodingInvalid, "\(type.mimeType) declares Content-Transfer-Encoding \(entity.transferEncoding.name); it is ignored", at: entity.range.lowerBound)
            entity.transferEncoding = .sevenBit
        }

        let ownIndex = stack.count
        stack.push(boundary)
        defer { stack.pop() }

        // Preamble: up to the first boundary line.
        var stop = scanForBoundary(from: bodyStart, stack: stack, defects: &defects)
        guard case .boundary(let first) = stop, first.index == ownIndex else {
            defects.report(.startBoundaryNotFound, "no start boundary found in \(type.mimeType); its body is kept as one opaque part", at: bodyStart)
            let contentEnd: Int
            if case .boundary(let hit) = stop { contentEnd = self.contentEnd(before: hit.lineStart, notBefore: bodyStart) } else { contentEnd = end }
            entity.body = .leaf(slice(bodyStart, contentEnd))
            return finish(entity, defects, start: start, end: contentEnd, stop: stop)
        }
        let preamble = slice(bodyStart, contentEnd(before: first.lineStart, notBefore: bodyStart))
        var parts: [MIMEEntity] = []
        let childDefault: ContentType = type.subtype == "digest" ? .messageRFC822 : .textPlain
        var hit = first
        var hasClose = false
        var entityEnd = first.next

        while true {
            if hit.isClose {
                hasClose = true
                break
            }
            if partCount >= limits.maxParts {
                defects.report(.tooManyParts, "more than \(limits.maxParts) parts; the rest of \(type.mimeType) is not parsed", at: hit.next)
                // Skip to this multipart's close boundary (or an enclosing boundary).
                var s = scanForBoundary(from: hit.next, stack: stack, defects: &defects)
                while case .boundary(let h) = s, h.index == ownIndex, !h.isClose {
                    s = scanForBoundary(from: h.next, stack: stack, defects: &defects)
                }
                stop = s
                if case .boundary(let h) = s, h.index == ownIndex { hit = h; hasClose = true; entityEnd = h.next; break }
                entityEnd = { if case .boundary(let h) = s { return h.lineStart } else { return end } }()
                entity.body = .multipart(MultipartBody(preamble: preamble, parts: parts, epilogue: slice(entityEnd, entityEnd), hasCloseBoundary: false))
                return finish(entity, defects, start: start, end: entityEnd, stop: s)
            }
            // Adjacent delimiter lines enclose nothing (no headers, no content): no part, as in GMime and CPython.
            if hit.next < end, bytes[hit.next] == 0x2D {
                let (lineEnd, lineNext) = lineBounds(hit.next)
                if let again = stack.match(bytes, from: hit.next, to: lineEnd), again.index == ownIndex {
                    hit = BoundaryHit(index: again.index, isClose: again.isClose, lineStart: hit.next, next: lineNext)
                    entityEnd = lineNext
                    continue
                }
            }
            let (child, childStop) = parseEntity(
                start: hit.next, stack: &stack, depth: depth + 1, path: "\(entity.path).\(parts.count + 1)",
                defaultType: childDefault, isMessageRoot: false, isTopLevel: false)
            parts.append(child)
            stop = childStop
            guard case .boundary(let next) = childStop, next.index == ownIndex else {
                // Ended by an enclosing boundary or the end of input: no close delimiter.
                let at: Int
                if case .boundary(let h) = childStop { at = h.lineStart } else { at = end }
                defects.report(.closeBoundaryNotFound, "\(type.mimeType) has no close boundary", at: at)
                // At the very end of the input, mid-line: a message cut short rather than a sloppy one.
                if case .end = childStop, end == bytes.endIndex, end > start, bytes[end - 1] != 0x0A, bytes[end - 1] != 0x0D {
                    defects.report(.truncated, "the message ends in the middle of a line, inside \(type.mimeType): it was probably cut short", at: end)
                }
                entity.body = .multipart(MultipartBody(preamble: preamble, parts: parts, epilogue: slice(at, at), hasCloseBoundary: false))
                return finish(entity, defects, start: start, end: at, stop: childStop)
            }
            hit = next
            entityEnd = next.next
        }

        // Epilogue: after the close delimiter, up to an enclosing boundary or the end.
        _ = hasClose
        let epilogueStart = hit.next
        stack.pop()
        let after = scanForBoundary(from: epilogueStart, stack: stack, defects: &defects)
        stack.push(boundary)
        let epilogueEnd: Int
        if case .boundary(let h) = after { epilogueEnd = contentEnd(before: h.lineStart, notBefore: epilogueStart) } else { epilogueEnd = end }
        entity.body = .multipart(MultipartBody(preamble: preamble, parts: parts, epilogue: slice(epilogueStart, epilogueEnd), hasCloseBoundary: true))
        _ = entityEnd
        return finish(entity, defects, start: start, end: epilogueEnd, stop: after)
    }
}
