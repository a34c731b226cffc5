/// Header blocks (RFC 5322 §2.2 and §3.6, with the obsolete and broken forms real mail has).
extension EntityScanner {
    /// A parsed header block and where the body starts.
    struct HeaderBlock {
        var fields = HeaderFields()
        /// First byte of the body.
        var bodyStart: Int
        /// Set when a boundary line of the enclosing stack ended the header block (the entity has no body).
        var boundary: BoundaryHit?
    }

    /// `field-name = 1*ftext`, `ftext = %d33-57 / %d59-126` (RFC 5322 §3.6.8): the end of the name
    /// when the line at `start` is a header line (`field-name *WSP ":"`), else `nil`.
    /// White space before the colon is the obsolete form (§4.5) and is accepted.
    @inline(__always)
    func headerNameEnd(_ start: Int, _ contentEnd: Int) -> (nameEnd: Int, colon: Int)? {
        var i = start
        while i < contentEnd {
            let c = bytes[i]
            if c == 0x3A || c <= 0x20 || c >= 0x7F { break }
            i += 1
        }
        let nameEnd = i
        guard nameEnd > start else { return nil }
        while i < contentEnd, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < contentEnd, bytes[i] == 0x3A else { return nil }
        return (nameEnd, i)
    }

    /// Whether the line at `start` is an mbox envelope line: it begins with `From ` and is not the
    /// obsolete header form `From  : ...` (a colon after optional white space makes it a header field).
    @inline(__always)
    func isFromLine(_ start: Int, _ contentEnd: Int) -> Bool {
        guard contentEnd - start >= 5, bytes[start] == 0x46, bytes[start + 1] == 0x72, bytes[start + 2] == 0x6F,
              bytes[start + 3] == 0x6D, bytes[start + 4] == 0x20 else { return false }
        var i = start + 5
        while i < contentEnd, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i == contentEnd || bytes[i] != 0x3A
    }

    /// A header line whose field name holds white space (`X Foo: bar`, `Content Type: ...`): two to
    /// four words of printable ASCII separated by blanks before the first colon, so not a valid
    /// `field-name *WSP ":"` (RFC 5322 §3.6.8 allows no white space inside a name). Longer runs of
    /// words are prose (`These messages are part of the library:`). Returns the end of the written
    /// name (trailing blanks excluded), else `nil`. GMime skips such a field and reads on.
    @inline(__always)
    func malformedHeaderNameEnd(_ start: Int, _ contentEnd: Int) -> Int? {
        guard start < contentEnd, bytes[start] > 0x20, bytes[start] < 0x7F, bytes[start] != 0x3A else { return nil }
        var i = start
        var nameEnd = start
        var words = 0
        while i < contentEnd, i - start <= 76 {
            let c = bytes[i]
            if c == 0x3A { return words > 1 ? nameEnd : nil }
            if c == 0x20 || c == 0x09 {
                i += 1
                continue
            }
            guard c > 0x20, c < 0x7F else { return nil }
            if nameEnd < i || words == 0 {
                words += 1
                if words > 4 { return nil }
            }
            i += 1
            nameEnd = i
        }
        return nil
    }

    /// Whether the line at `start` continues a header block: a header line, a folded line, a field
    /// with a malformed name, a misplaced mbox `From ` line, the empty line that ends the block, or
    /// the end of the input.
    func continuesHeaderBlock(_ start: Int) -> Bool {
        guard start < end else { return true }
        let (contentEnd, _) = lineBounds(start)
        if contentEnd == start { return true }
        let first = bytes[start]
        return first == 0x20 || first == 0x09 || headerNameEnd(start, contentEnd) != nil
            || malformedHeaderNameEnd(start, contentEnd) != nil || isFromLine(start, contentEnd)
    }

    /// Where the headers of a top-level message really start: skips an mbox `From ` line and junk
    /// lines when a run of header lines follows within a few lines (otherwise nothing is skipped,
    /// and the block reader treats the message as having no header block).
    func headerStart(from start: Int, defects: inout DefectCollector) -> Int {
        var pos = skipLeadingBlankLines(from: start, defects: &defects)
        var (contentEnd, next) = lineBounds(pos)
        if isFromLine(pos, contentEnd) {
            defects.report(.mboxFromLine, "an mbox From line precedes the headers; it is skipped", at: pos)
            pos = next
            (contentEnd, next) = lineBounds(pos)
        }
        // Markup (an XML or HTML document) is not junk before a header block: it is not mail.
        guard pos < end, contentEnd > pos, bytes[pos] != 0x20, bytes[pos] != 0x09, bytes[pos] != 0x3C,
              headerNameEnd(pos, contentEnd) == nil else { return pos }
        // Look a few lines ahead for two consecutive header lines.
        var probe = next
        var lines = 0
        while probe < end, lines < 8 {
            let (ce, nx) = lineBounds(probe)
            if ce == probe || bytes[probe] == 0x3C { return pos }
            if headerNameEnd(probe, ce) != nil {
                let (ce2, _) = lineBounds(nx)
                if nx < end, ce2 > nx, headerNameEnd(nx, ce2) != nil || bytes[nx] == 0x20 || bytes[nx] == 0x09 {
                    defects.report(.junkBeforeHeaders, "\(lines + 1) line(s) before the first header are skipped", at: pos)
                    return probe
                }
                return pos
            }
            probe = nx
            lines += 1
        }
        return pos
    }

    /// Blank lines (empty or white space only) before the headers of a top-level message: skipped,
    /// with `mime.leading-blank-lines`, when a header block follows them (a header line, or an mbox
    /// `From ` line, followed by a header or folded line), so a message saved with leading empty
    /// lines is still read as one. Otherwise nothing is skipped and the message has no header block
    /// (RFC 5322 §2.1: the first empty line ends the headers).
    func skipLeadingBlankLines(from start: Int, defects: inout DefectCollector) -> Int {
        var pos = start
        var lines = 0
        while pos < end {
            let (contentEnd, next) = lineBounds(pos)
            var i = pos
            while i < contentEnd, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i == contentEnd, next > pos else { break }
            pos = next
            lines += 1
        }
        guard lines > 0, pos < end else { return start }
        let (contentEnd, next) = lineBounds(pos)
        guard headerNameEnd(pos, contentEnd) != nil || isFromLine(pos, contentEnd), next < end else { return start }
        let (nextEnd, _) = lineBounds(next)
        let first = bytes[next]
        guard nextEnd > next, first == 0x20 || first == 0x09 || headerNameEnd(next, nextEnd) != nil else { return start }
        defects.report(.leadingBlankLines, "\(lines) blank line(s) before the first header are skipped", at: start)
        return pos
    }

    /// Reads a header block from `start`.
    ///
    /// `fields = *(field-name ":" unstructured CRLF) CRLF` (RFC 5322 §3.6), folded lines joined
    /// (§2.2.3). A field whose name holds white space (`X Foo: bar`) is skipped with its folded lines
    /// when the block goes on after it (`mime.header-name-invalid`), as GMime skips it. A line without
    /// a colon is skipped when a header line follows it; otherwise it ends the block and starts the
    /// body (`mime.missing-header-body-separator`), as CPython's feed parser does. A boundary line of
    /// the enclosing multiparts ends the entity.
    func parseHeaderBlock(from start: Int, stack: BoundaryStack, defects: inout DefectCollector) -> HeaderBlock {
        var block = HeaderBlock(bodyStart: end)
        var pos = start
        var current: (nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int)?
        var reportedLong = false
        var reportedNonASCII = false
        var tooLarge = false
        // Set while the folded lines of a skipped field with a malformed name go by.
        var skippingMalformedField = false
        let longLine = limits.maxLineLength + 2

        func finish(_ current: inout (nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int)?) {
            guard let c = current else { return }
            current = nil
            if tooLarge { return }
            var name = ""
            if let base = bytes.baseAddress {
                name = unsafe String(decoding: UnsafeBufferPointer(start: base + c.nameStart, count: c.nameEnd - c.nameStart), as: UTF8.self)
            }
            block.fields.append(HeaderField(name: name, rawValue: slice(c.valueStart, c.valueEnd), offset: c.nameStart))
        }

        while pos < end {
            let (contentEnd, next) = lineBounds(pos)
            if contentEnd == pos {
                finish(&current)
                block.bodyStart = next
                return block
            }
            if !reportedLong, next - pos > longLine {
                reportedLong = true
                defects.report(.lineTooLong, "a header line is \(contentEnd - pos) bytes long (over \(limits.maxLineLength))", at: pos)
            }
            if !tooLarge, pos - start > limits.maxHeaderBlockBytes {
                tooLarge = true
                current = nil
                defects.report(.headerBlockTooLarge, "the header block exceeds \(limits.maxHeaderBlockBytes) bytes; the rest of it is skipped", at: pos)
            }
            let first = bytes[pos]
            if first == 0x2D, !stack.isEmpty, let hit = stack.match(bytes, from: pos, to: contentEnd) {
                finish(&current)
                block.bodyStart = pos
                block.boundary = BoundaryHit(index: hit.index, isClose: hit.isClose, lineStart: pos, next: next)
                return block
            }
            if first == 0x20 || first == 0x09 {
                if skippingMalformedField {
                    pos = next
                    continue
                }
                if current != nil {
                    current!.valueEnd = contentEnd
                } else if block.fields.isEmpty {
                    defects.report(.firstHeaderLineIsContinuation, "the first header line starts with white space; it is skipped", at: pos)
                } else {
                    defects.report(.headerLineWithoutColon, "a continuation line follows a skipped line; it is skipped", at: pos)
                }
                if !reportedNonASCII { reportedNonASCII = hasNonASCII(pos, contentEnd, &defects) }
                pos = next
                continue
            }
            guard let (nameEnd, colon) = headerNameEnd(pos, contentEnd) else {
                if isFromLine(pos, contentEnd) || (first == 0x3E && contentEnd - pos > 5 && isFromLine(pos + 1, contentEnd)) {
                    // A misplaced envelope line inside the headers: skip it, like CPython.
                    finish(&current)
                    defects.report(.headerLineWithoutColon, "an mbox From line inside the header block is skipped", at: pos)
                    skippingMalformedField = false
                    pos = next
                    continue
                }
                finish(&current)
                if let nameEnd = malformedHeaderNameEnd(pos, contentEnd), continuesHeaderBlock(next) {
                    let name = String(decoding: slice(pos, min(nameEnd, pos + 40)), as: UTF8.self)
                    defects.report(
                        .headerNameInvalid,
                        "the field name '\(name)\(nameEnd > pos + 40 ? "…" : "")' contains white space, which a field name may not; the field is skipped",
                        at: pos)
                    skippingMalformedField = true
                    pos = next
                    continue
                }
                // A stray line between header lines (a broken fold, a pasted fragment): skip it when
                // the next line is a header line again, as GMime does; otherwise the body starts here.
                if !block.fields.isEmpty, next < end {
                    let (nextEnd, _) = lineBounds(next)
                    if nextEnd > next, headerNameEnd(next, nextEnd) != nil {
                        defects.report(.headerLineWithoutColon, "a header line without a colon is skipped", at: pos)
                        skippingMalformedField = false
                        pos = next
                        continue
                    }
                }
                if !block.fields.isEmpty || pos != start {
                    defects.report(.missingHeaderBodySeparator, "a line without a colon ends the header block; it starts the body", at: pos)
                } else {
                    defects.report(.missingHeaderBodySeparator, "the entity has no header block; its content starts at once", at: pos)
                }
                block.bodyStart = pos
                return block
            }
            finish(&current)
            skippingMalformedField = false
            current = (pos, nameEnd, colon + 1, contentEnd)
            if !reportedNonASCII { reportedNonASCII = hasNonASCII(colon + 1, contentEnd, &defects) }
            pos = next
        }
        finish(&current)
        block.bodyStart = end
        return block
    }

    /// Records `mime.header-non-ascii` when the range holds an 8-bit byte; returns whether it did.
    private func hasNonASCII(_ from: Int, _ to: Int, _ defects: inout DefectCollector) -> Bool {
        var i = from
        while i < to {
            if bytes[i] >= 0x80 {
                defects.report(.headerNonASCII, "a header field contains 8-bit bytes", at: i)
                return true
            }
            i += 1
        }
        return false
    }
}
