import Foundation
import Investigation
import MailModel

/// Outcomes as bytes, for the state (`--state`) and for anything else that keeps outcomes apart from
/// the run that made them.
///
/// A record is binary (format ``version``): the version byte, then the outcome field by field with
/// the primitives of ``RecordWriter`` — compact and fast to read back (an unchanged re-run reads one
/// record per item). Paths equal to the record's own file are left out. Should a type a record holds
/// gain a property this format does not know (the layouts are checked when the program starts), the
/// record is the outcome's JSON form instead (its `Codable` form; first byte `{`), so nothing is
/// ever lost. ``json(_:)`` writes that JSON form on request (one object per outcome, the shape
/// documented in the README).
package struct OutcomeRecord {
    /// The binary format. Bump it when a field changes meaning or is added.
    package static let version: UInt8 = 3

    package init() {}

    /// The record of `outcome`, an event of the file at `path` (nil: no file, paths written whole).
    package func encode(_ outcome: Outcome, in path: String? = nil) -> [UInt8] {
        guard Self.layoutsAreKnown else { return json(outcome) }
        var writer = RecordWriter(path: path)
        writer.byte(Self.version)
        Self.write(outcome, to: &writer)
        return writer.bytes
    }

    package func decode(_ bytes: [UInt8], in path: String? = nil) throws -> Outcome {
        try decode(bytes, range: bytes.indices, in: path)
    }

    /// The outcome recorded in `bytes[range]` (read in place: a summary holds thousands of records).
    func decode(_ bytes: [UInt8], range: Range<Int>, in path: String? = nil) throws -> Outcome {
        guard !range.isEmpty else { throw RecordReader.Malformed(offset: range.lowerBound) }
        if bytes[range.lowerBound] == UInt8(ascii: "{") { return try JSONDecoder().decode(Outcome.self, from: Data(bytes[range])) }
        guard bytes[range.lowerBound] == Self.version else { throw RecordReader.Malformed(offset: range.lowerBound) }
        var reader = RecordReader(bytes, in: (range.lowerBound + 1)..<range.upperBound, path: path)
        let outcome = try Self.read(&reader)
        guard reader.isAtEnd else { throw RecordReader.Malformed(offset: reader.position) }
        return outcome
    }

    /// The JSON form of an outcome (its `Codable` form).
    package func json(_ outcome: Outcome) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(outcome))) ?? []
    }

    package func encode(_ positioned: PositionedOutcome) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(positioned))) ?? []
    }

    package func decodePositioned(_ bytes: [UInt8]) throws -> PositionedOutcome {
        try JSONDecoder().decode(PositionedOutcome.self, from: Data(bytes))
    }

    // MARK: Layouts

    /// Whether the report types hold exactly the properties the binary form writes.
    static let layoutsAreKnown: Bool = {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let source = MessageSource(format: "", path: "")
        let row = MatchRow(
            mailbox: "", folder: "", source: source, messageID: nil, date: nil, from: nil, senderName: nil, to: [], subject: nil,
            hasAttachments: false, attachmentNames: [], matchedFilters: [], matchedFilterLabels: [], evidence: [], plannedAction: "",
            warningMessage: nil, caveats: [], isRead: nil)
        let diagnostic = Diagnostic(severity: .note, code: DiagnosticCode("", .note), message: "", location: SourceLocation(path: ""))
        return labels(source) == ["format", "path", "index", "offset", "pointer", "line", "folder", "descriptor", "recovered"]
            && labels(row) == [
                "mailbox", "mailboxPart", "folder", "labels", "source", "messageID", "date", "from", "senderName", "to", "subject",
                "hasAttachments", "attachmentNames", "matchedFilters", "matchedFilterLabels", "evidence", "plannedAction", "warningMessage",
                "caveats", "isRead", "receivedDate", "graphID", "categories", "attachmentSHA256", "linkHosts",
            ]
            && labels(Evidence(filter: "", field: "", path: nil, snippet: "")) == ["filter", "field", "path", "snippet"]
            && labels(diagnostic) == ["severity", "code", "message", "location"]
            && labels(diagnostic.code) == ["rawValue", "severity", "isPartlyRead"]
            && labels(diagnostic.location) == ["path", "byteOffset", "line", "column", "partPath", "pointer"]
    }()

    // MARK: Writing

    private static func write(_ outcome: Outcome, to w: inout RecordWriter) {
        switch outcome {
        case .excluded(let mailbox, let reason):
            w.byte(0)
            w.string(mailbox)
            w.string(reason.rawValue)
        case .item(let item):
            w.byte(1)
            w.string(item.mailbox)
            w.string(item.folder)
            write(item.source, to: &w)
            w.byte(placementCode(item.placement))
            w.byte(truthCode(item.truth))
            w.strings(item.unknownConditions)
            w.optional(item.row) { w, row in write(row, to: &w) }
            w.list(item.partial) { w, d in write(d, to: &w) }
        case .unreadable(let diagnostic):
            w.byte(2)
            write(diagnostic, to: &w)
        case .note(let diagnostic):
            w.byte(3)
            write(diagnostic, to: &w)
        }
    }

    private static func write(_ source: MessageSource, to w: inout RecordWriter) {
        w.string(source.format)
        w.path(source.path)
        w.optional(source.index) { $0.int($1) }
        w.optional(source.offset) { $0.int($1) }
        w.optional(source.pointer) { $0.string($1) }
        w.optional(source.line) { $0.int($1) }
        w.optional(source.folder) { $0.string($1) }
        w.optional(source.descriptor) { $0.int($1) }
        w.byte(source.recovered ? 1 : 0)
    }

    private static func write(_ d: Diagnostic, to w: inout RecordWriter) {
        w.byte(severityCode(d.severity))
        w.string(d.code.rawValue)
        // The code's own facts, so that a stored diagnostic decides caveats and exit statuses as it did.
        w.byte(severityCode(d.code.severity) | (d.code.isPartlyRead ? 4 : 0))
        w.string(d.message)
        w.path(d.location.path)
        w.optional(d.location.byteOffset) { $0.int($1) }
        w.optional(d.location.line) { $0.int($1) }
        w.optional(d.location.column) { $0.int($1) }
        w.optional(d.location.partPath) { $0.string($1) }
        w.optional(d.location.pointer) { $0.string($1) }
    }

    private static func write(_ row: MatchRow, to w: inout RecordWriter) {
        w.string(row.mailbox)
        w.optional(row.mailboxPart) { $0.string($1) }
        w.string(row.folder)
        w.strings(row.labels)
        write(row.source, to: &w)
        w.optional(row.messageID) { $0.string($1) }
        w.optional(row.date) { $0.int($1) }
        w.optional(row.from) { $0.string($1) }
        w.optional(row.senderName) { $0.string($1) }
        w.strings(row.to)
        w.optional(row.subject) { $0.string($1) }
        w.bool(row.hasAttachments)
        w.strings(row.attachmentNames)
        w.strings(row.matchedFilters)
        w.strings(row.matchedFilterLabels)
        w.list(row.evidence) { w, e in
            w.string(e.filter)
            w.string(e.field)
            w.optional(e.path) { $0.string($1) }
            w.string(e.snippet)
        }
        w.string(row.plannedAction)
        w.optional(row.warningMessage) { $0.string($1) }
        w.strings(row.caveats)
        w.optional(row.isRead) { $0.bool($1) }
        w.optional(row.receivedDate) { $0.int($1) }
        w.optional(row.graphID) { $0.string($1) }
        w.optional(row.categories) { $0.strings($1) }
        w.strings(row.attachmentSHA256)
        w.strings(row.linkHosts)
    }

    // MARK: Reading

    private typealias Malformed = RecordReader.Malformed

    private static func read(_ r: inout RecordReader) throws(Malformed) -> Outcome {
        switch try r.byte() {
        case 0:
            let mailbox = try r.string()
            guard let reason = NotScannedReason(rawValue: try r.string()) else { throw Malformed(offset: r.position) }
            return .excluded(mailbox: mailbox, reason: reason)
        case 1:
            let mailbox = try r.string()
            let folder = try r.string()
            let source = try readSource(&r)
            let placement = try placement(try r.byte(), at: r.position)
            let truth = try truth(try r.byte(), at: r.position)
            let unknown = try r.strings()
            let row = try r.optional { (r: inout RecordReader) throws(Malformed) in try readRow(&r) }
            let partial = try r.list { (r: inout RecordReader) throws(Malformed) in try readDiagnostic(&r) }
            return .item(ItemOutcome(
                mailbox: mailbox, folder: folder, source: source, placement: placement, truth: truth, unknownConditions: unknown, row: row,
                partial: partial))
        case 2:
            return .unreadable(try readDiagnostic(&r))
        case 3:
            return .note(try readDiagnostic(&r))
        default:
            throw Malformed(offset: r.position - 1)
        }
    }

    private static func readInt(_ r: inout RecordReader) throws(Malformed) -> Int { try r.int() }
    private static func readString(_ r: inout RecordReader) throws(Malformed) -> String { try r.string() }

    private static func readSource(_ r: inout RecordReader) throws(Malformed) -> MessageSource {
        let format = try r.string()
        let path = try r.path()
        var source = MessageSource(
            format: format, path: path, index: try r.optional(readInt), offset: try r.optional(readInt), pointer: try r.optional(readString),
            line: try r.optional(readInt))
        source.folder = try r.optional(readString)
        source.descriptor = try r.optional(readInt)
        source.recovered = try r.byte() != 0
        return source
    }

    private static func readDiagnostic(_ r: inout RecordReader) throws(Malformed) -> Diagnostic {
        let severity = try Self.severity(try r.byte(), at: r.position)
        let text = try r.string()
        let facts = try r.byte()
        let code = DiagnosticCode(text, try Self.severity(facts & 3, at: r.position), partlyRead: facts & 4 != 0)
        let message = try r.string()
        let location = SourceLocation(
            path: try r.path(), byteOffset: try r.optional(readInt), line: try r.optional(readInt), column: try r.optional(readInt),
            partPath: try r.optional(readString), pointer: try r.optional(readString))
        return Diagnostic(severity: severity, code: code, message: message, location: location)
    }

    private static func readRow(_ r: inout RecordReader) throws(Malformed) -> MatchRow {
        let mailbox = try r.string()
        let mailboxPart = try r.optional(readString)
        let folder = try r.string()
        let labels = try r.strings()
        let source = try readSource(&r)
        let messageID = try r.optional(readString)
        let date = try r.optional { (r: inout RecordReader) throws(Malformed) in try r.int64() }
        let from = try r.optional(readString)
        let senderName = try r.optional(readString)
        let to = try r.strings()
        let subject = try r.optional(readString)
        let hasAttachments = try r.bool()
        let attachmentNames = try r.strings()
        let matchedFilters = try r.strings()
        let matchedFilterLabels = try r.strings()
        let evidence = try r.list { (r: inout RecordReader) throws(Malformed) in
            Evidence(filter: try r.string(), field: try r.string(), path: try r.optional(readString), snippet: try r.string())
        }
        let plannedAction = try r.string()
        let warningMessage = try r.optional(readString)
        let caveats = try r.strings()
        let isRead = try r.optional { (r: inout RecordReader) throws(Malformed) in try r.bool() }
        let receivedDate = try r.optional { (r: inout RecordReader) throws(Malformed) in try r.int64() }
        let graphID = try r.optional(readString)
        let categories = try r.optional { (r: inout RecordReader) throws(Malformed) in try r.strings() }
        let attachmentSHA256 = try r.strings()
        let linkHosts = try r.strings()
        var row = MatchRow(
            mailbox: mailbox, folder: folder, source: source, messageID: messageID, date: date, from: from, senderName: senderName, to: to,
            subject: subject, hasAttachments: hasAttachments, attachmentNames: attachmentNames, matchedFilters: matchedFilters,
            matchedFilterLabels: matchedFilterLabels, evidence: evidence, plannedAction: plannedAction, warningMessage: warningMessage,
            caveats: caveats, isRead: isRead, receivedDate: receivedDate, graphID: graphID, categories: categories,
            attachmentSHA256: attachmentSHA256, linkHosts: linkHosts)
        row.mailboxPart = mailboxPart
        row.labels = labels
        return row
    }

    // MARK: Codes of the enumerations

    private static func placementCode(_ placement: ScopeEvaluator.ItemPlacement) -> UInt8 {
        switch placement {
        case .inScope: 0
        case .outsideFolders: 1
        case .undated: 2
        case .outsideDateRange: 3
        }
    }

    private static func placement(_ code: UInt8, at offset: Int) throws(Malformed) -> ScopeEvaluator.ItemPlacement {
        switch code {
        case 0: .inScope
        case 1: .outsideFolders
        case 2: .undated
        case 3: .outsideDateRange
        default: throw Malformed(offset: offset)
        }
    }

    private static func truthCode(_ truth: Truth?) -> UInt8 {
        switch truth {
        case nil: 0
        case .yes: 1
        case .no: 2
        case .unknown: 3
        }
    }

    private static func truth(_ code: UInt8, at offset: Int) throws(Malformed) -> Truth? {
        switch code {
        case 0: nil
        case 1: .yes
        case 2: .no
        case 3: .unknown
        default: throw Malformed(offset: offset)
        }
    }

    private static func severityCode(_ severity: Diagnostic.Severity) -> UInt8 {
        switch severity {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    private static func severity(_ code: UInt8, at offset: Int) throws(Malformed) -> Diagnostic.Severity {
        switch code {
        case 0: .note
        case 1: .warning
        case 2: .error
        default: throw Malformed(offset: offset)
        }
    }
}
