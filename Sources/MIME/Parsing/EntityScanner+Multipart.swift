/// Multipart bodies (RFC 2046 §5.1.1):
///
///     multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF body-part
///                       *encapsulation close-delimiter transport-padding [CRLF epilogue]
///     encapsulation  := delimiter transport-padding CRLF body-part
///     delimiter      := CRLF dash-boundary
///     close-delimiter := delimiter "--"
///
/// Read in three steps, as MimeKit's `MimeParser` does: the preamble up to the first delimiter, the
/// body parts up to the close delimiter, then the epilogue. The multipart's own boundary is on the
/// stack for the first two steps only.
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

        stack.push(boundary)
        let preambleStop = scanForBoundary(from: bodyStart, stack: stack, defects: &defects)
        guard case .boundary(let first) = preambleStop, first.index == stack.count - 1 else {
            stack.pop()
            defects.report(.startBoundaryNotFound, "no start boundary found in \(type.mimeType); its body is kept as one opaque part", at: bodyStart)
            let leafEnd = preambleStop.lineStart.map { contentEnd(before: $0, notBefore: bodyStart) } ?? end
            entity.body = .leaf(slice(bodyStart, leafEnd))
            return finish(entity, defects, start: start, end: leafEnd, stop: preambleStop)
        }
        let preamble = slice(bodyStart, contentEnd(before: first.lineStart, notBefore: bodyStart))
        let (parts, ending) = parseBodyParts(of: entity, from: first, stack: &stack, depth: depth, defects: &defects)
        stack.pop()

        switch ending {
        case .closed(let close):
            // The epilogue runs from the close delimiter to an enclosing boundary or the end.
            let epilogueStart = close.next
            let after = scanForBoundary(from: epilogueStart, stack: stack, defects: &defects)
            let epilogueEnd = after.lineStart.map { contentEnd(before: $0, notBefore: epilogueStart) } ?? end
            entity.body = .multipart(MultipartBody(preamble: preamble, parts: parts, epilogue: slice(epilogueStart, epilogueEnd), hasCloseBoundary: true))
            return finish(entity, defects, start: start, end: epilogueEnd, stop: after)
        case .unclosed(let stop):
            // No epilogue: the multipart ends where an enclosing boundary line (or the input) does.
            let entityEnd = stop.lineStart ?? end
            entity.body = .multipart(MultipartBody(preamble: preamble, parts: parts, epilogue: slice(entityEnd, entityEnd), hasCloseBoundary: false))
            return finish(entity, defects, start: start, end: entityEnd, stop: stop)
        }
    }

    /// How the body parts of a multipart ended.
    enum BodyPartsEnding {
        /// At the multipart's close delimiter line.
        case closed(BoundaryHit)
        /// Without a close delimiter: at an enclosing boundary, or at the end of the input.
        case unclosed(Stop)
    }

    /// The body parts after the delimiter line `first`, whose boundary is the innermost on `stack`.
    /// Past ``ParserLimits/maxParts`` entities the remaining parts are skipped up to the close delimiter.
    mutating func parseBodyParts(
        of multipart: MIMEEntity, from first: BoundaryHit, stack: inout BoundaryStack, depth: Int, defects: inout DefectCollector
    ) -> ([MIMEEntity], BodyPartsEnding) {
        let own = stack.count - 1
        let type = multipart.contentType
        let childDefault: ContentType = type.subtype == "digest" ? .messageRFC822 : .textPlain
        var parts: [MIMEEntity] = []
        var delimiter = first
        while !delimiter.isClose {
            if partCount >= limits.maxParts {
                defects.report(.tooManyParts, "more than \(limits.maxParts) parts; the rest of \(type.mimeType) is not parsed", at: delimiter.next)
                return (parts, skipBodyParts(after: delimiter, stack: stack, defects: &defects))
            }
            // Adjacent delimiter lines enclose nothing (no headers, no content): no part, as in GMime and CPython.
            if let adjacent = delimiterLine(at: delimiter.next, of: own, stack: stack) {
                delimiter = adjacent
                continue
            }
            let (child, stop) = parseEntity(
                start: delimiter.next, stack: &stack, depth: depth + 1, path: "\(multipart.path).\(parts.count + 1)",
                defaultType: childDefault, isMessageRoot: false, isTopLevel: false)
            parts.append(child)
            guard case .boundary(let next) = stop, next.index == own else {
                defects.report(.closeBoundaryNotFound, "\(type.mimeType) has no close boundary", at: stop.lineStart ?? end)
                // At the very end of the input, mid-line: a message cut short rather than a sloppy one.
                if case .end = stop, end > 0, bytes[end - 1] != 0x0A, bytes[end - 1] != 0x0D {
                    defects.report(.truncated, "the message ends in the middle of a line, inside \(type.mimeType): it was probably cut short", at: end)
                }
                return (parts, .unclosed(stop))
            }
            delimiter = next
        }
        return (parts, .closed(delimiter))
    }

    /// Skips the body parts after `delimiter` (the part limit was reached) up to the close delimiter of
    /// the innermost boundary on `stack`, or to an enclosing boundary or the end.
    func skipBodyParts(after delimiter: BoundaryHit, stack: BoundaryStack, defects: inout DefectCollector) -> BodyPartsEnding {
        let own = stack.count - 1
        var stop = scanForBoundary(from: delimiter.next, stack: stack, defects: &defects)
        while case .boundary(let hit) = stop, hit.index == own {
            if hit.isClose { return .closed(hit) }
            stop = scanForBoundary(from: hit.next, stack: stack, defects: &defects)
        }
        return .unclosed(stop)
    }

    /// The line at `lineStart` when it is a delimiter line of boundary `index` of `stack`.
    func delimiterLine(at lineStart: Int, of index: Int, stack: BoundaryStack) -> BoundaryHit? {
        guard lineStart < end, bytes[lineStart] == 0x2D else { return nil }
        let (lineEnd, next) = lineBounds(lineStart)
        guard let match = stack.match(bytes, from: lineStart, to: lineEnd), match.index == index else { return nil }
        return BoundaryHit(index: index, isClose: match.isClose, lineStart: lineStart, next: next)
    }
}

extension EntityScanner.Stop {
    /// The first byte of the boundary line that stopped the scan; `nil` at the end of the input.
    var lineStart: Int? {
        if case .boundary(let hit) = self { hit.lineStart } else { nil }
    }
}
