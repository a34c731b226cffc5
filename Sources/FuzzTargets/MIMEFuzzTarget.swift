import Ingest
import MIME
import MailModel

/// A message file through everything `inspect` and `investigate` do with it.
enum MIMEFuzzTarget {
    /// Limits small enough for short inputs to reach them.
    static let smallLimits: ParserLimits = {
        var limits = ParserLimits()
        limits.maxNestingDepth = 3
        limits.maxParts = 6
        limits.maxHeaderBlockBytes = 256
        limits.maxLineLength = 60
        limits.maxDecodedBytes = 200
        return limits
    }()

    static func run(_ input: [UInt8], into violations: inout Violations) {
        _ = InputFormat.sniff(Array(input.prefix(8192)), path: "fuzz.eml")
        var records: [InspectRecord] = []
        for limits in [ParserLimits.default, smallLimits] {
            let message = MIMEParser(options: ParserOptions(limits: limits)).parse(input)
            checkTree(message, into: &violations)
            records.append(inspect(message, limits: limits, into: &violations))
            _ = MIMETreeDescription(limits: limits).render(message)
            normalize(message, limits: limits, into: &violations)
        }
        // The same result for LF and CRLF line ends. Binary content (with NUL bytes) has LF bytes
        // that are no line ends: such input is left out.
        if !input.contains(0x0D), input.contains(0x0A), !input.contains(0) {
            var crlf: [UInt8] = []
            crlf.reserveCapacity(input.count + input.count / 16)
            for byte in input {
                if byte == 0x0A { crlf.append(0x0D) }
                crlf.append(byte)
            }
            let message = MIMEParser().parse(crlf)
            let record = inspect(message, limits: .default, into: &violations)
            compareLineEnds(lf: records[0], crlf: record, into: &violations)
        }
    }

    /// `inspect --format jsonl`: the record is one line of valid JSON.
    static func inspect(_ message: MIMEMessage, limits: ParserLimits, into violations: inout Violations) -> InspectRecord {
        let record = InspectRecord(message: message, source: MessageSource(format: "eml", path: "fuzz.eml"), limits: limits)
        let line = record.jsonLine()
        violations.check(StrictJSON.isOneLineObject(line), "the inspect record is not one line of valid JSON: \(excerpt(String(decoding: line, as: UTF8.self)))")
        return record
    }

    /// `investigate`: the normalized item, with the bytes of every attachment.
    static func normalize(_ message: MIMEMessage, limits: ParserLimits, into violations: inout Violations) {
        let item = MIMEItemNormalizer(limits: limits).item(
            from: message, source: MessageSource(format: "eml", path: "fuzz.eml"), mailbox: "fuzz@example.com", folder: "Inbox")
        for attachment in item.attachments.value ?? [] where attachment.hasContent {
            let bytes = attachment.content()
            if let known = attachment.knownSize {
                violations.check(known == bytes.count, "attachment \(attachment.path): knownSize \(known) but \(bytes.count) bytes")
            }
        }
    }

    /// The tree's ranges lie in its source, children inside their parent and in order; paths number
    /// the children; defect offsets lie in the source.
    static func checkTree(_ message: MIMEMessage, into violations: inout Violations) {
        let count = message.source.count
        func visit(_ entity: MIMEEntity, within bounds: Range<Int>) {
            violations.check(
                entity.range.lowerBound >= bounds.lowerBound && entity.range.upperBound <= bounds.upperBound,
                "part \(entity.path): range \(entity.range) outside \(bounds)")
            violations.check(
                entity.bodyOffset >= entity.range.lowerBound && entity.bodyOffset <= entity.range.upperBound,
                "part \(entity.path): body offset \(entity.bodyOffset) outside its range \(entity.range)")
            for defect in entity.defects {
                if let offset = defect.offset {
                    violations.check(offset >= 0 && offset <= count, "part \(entity.path): [\(defect.code.rawValue)] offset \(offset) outside the source (\(count) bytes)")
                }
            }
            switch entity.body {
            case .leaf(let content):
                violations.check(
                    content.startIndex >= entity.bodyOffset && content.endIndex <= entity.range.upperBound,
                    "part \(entity.path): content \(content.startIndex)..<\(content.endIndex) outside its body")
            case .multipart(let multipart):
                var previousEnd = entity.bodyOffset
                for (n, part) in multipart.parts.enumerated() {
                    violations.check(part.path == "\(entity.path).\(n + 1)", "part \(part.path) is child \(n + 1) of \(entity.path)")
                    violations.check(part.range.lowerBound >= previousEnd, "part \(part.path) starts at \(part.range.lowerBound), before the previous part's end \(previousEnd)")
                    visit(part, within: entity.bodyOffset ..< max(entity.bodyOffset, entity.range.upperBound))
                    previousEnd = max(previousEnd, part.range.upperBound)
                }
            case .message(let inner):
                violations.check(inner.root.path == "\(entity.path).1", "the message in \(entity.path) has root path \(inner.root.path)")
                checkTree(inner, into: &violations)
            }
        }
        violations.check(message.root.path.hasSuffix("1"), "root path \(message.root.path)")
        visit(message.root, within: 0 ..< count)
    }

    /// What a message says does not depend on its line ends: headers, addresses, the part
    /// structure, the decoded text (line ends aside) and the defects found.
    static func compareLineEnds(lf: InspectRecord, crlf: InspectRecord, into violations: inout Violations) {
        // In UTF-16 and UTF-32 a line feed is not the byte 0x0A: an added CR changes the text.
        let wide = ["16", "32", "ucs"]
        if lf.parts.contains(where: { part in wide.contains { part.charset?.lowercased().contains($0) ?? false } }) { return }
        func same<T: Equatable>(_ what: String, _ a: T, _ b: T) {
            violations.check(a == b, "LF and CRLF differ in \(what): \(excerpt(a)) / \(excerpt(b))")
        }
        same("message-id", lf.messageID, crlf.messageID)
        same("subject", lf.subject, crlf.subject)
        same("date", lf.date, crlf.date)
        same("from", lf.from, crlf.from)
        same("to", lf.to, crlf.to)
        same("cc", lf.cc, crlf.cc)
        same("parts", lf.parts.map { [$0.path, $0.contentType, $0.charset ?? "", $0.filename ?? "", $0.disposition ?? ""] },
             crlf.parts.map { [$0.path, $0.contentType, $0.charset ?? "", $0.filename ?? "", $0.disposition ?? ""] })
        same("text", lf.parts.map { $0.text.map(Self.lineFeeds) }, crlf.parts.map { $0.text.map(Self.lineFeeds) })
        same("defect codes", lf.defects.map(\.code).sorted(), crlf.defects.map(\.code).sorted())
    }

    static func lineFeeds(_ text: String) -> String {
        String(decoding: Array(text.utf8).filter { $0 != 0x0D }, as: UTF8.self)
    }
}
