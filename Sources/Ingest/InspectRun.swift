package import MIME
package import MailModel
package import Outlook

/// `dragnet inspect`: reads every message below the given paths and renders how it was read.
package struct InspectRun: Sendable {
    package enum Format: String, Sendable, CaseIterable {
        /// One §10 JSON object per message.
        case jsonl
        /// An indented MIME tree per message.
        case tree
    }

    package var format: Format
    package var workers: Int
    package var options: ParserOptions
    package var mailboxHint: String?
    /// Limits against archive bombs.
    package var archiveLimits = ArchiveLimits.default
    /// Whether JSON records list the links of the bodies (HTML is parsed for them).
    package var includeLinks: Bool
    /// How PST/OST and `.msg` files are read (`--recovered`, limits).
    package var outlookOptions = OutlookReadOptions()
    /// Whether the deleted items libpff recovers from PST/OST files are read too (`--recovered`).
    package var includeRecoveredItems: Bool {
        get { outlookOptions.includeRecovered }
        set { outlookOptions.includeRecovered = newValue }
    }

    package init(format: Format, workers: Int, options: ParserOptions = .default, mailboxHint: String? = nil, includeLinks: Bool = true) {
        self.format = format
        self.workers = workers
        self.options = options
        self.mailboxHint = mailboxHint
        self.includeLinks = includeLinks
    }

    /// What one event of the scan produced.
    enum Outcome: Sendable {
        case rendered([UInt8])
        /// A problem, one line for stderr.
        case problem(String)
    }

    /// Runs over `paths`; `write` receives report bytes in a deterministic order and `warn` one line
    /// per problem. Returns the exit status (§9): 0, or 3 when some input could not be read.
    package func run(paths: [String], write: ([UInt8]) -> Void, warn: (String) -> Void) -> ExitStatus {
        let scan = ExportScan(paths: paths, mailboxHint: mailboxHint, archiveLimits: archiveLimits, workers: workers)
        scan.outlookOptions = outlookOptions
        let outlookOptions = outlookOptions
        var lostInput = false
        let format = self.format
        let parser = MIMEParser(options: options)
        let limits = options.limits
        let linkUnwrapper: GatewayLinkUnwrapper? = includeLinks ? GatewayLinkUnwrapper() : nil
        OrderedParallelMap<ExportEvent, Outcome>(workers: workers).run(
            next: { scan.next() },
            weight: { event in if case .message(let found) = event { found.weight } else { 1 } },
            transform: { event in
                Self.process(event, format: format, parser: parser, limits: limits, linkUnwrapper: linkUnwrapper, outlookOptions: outlookOptions)
            },
            consume: { event, outcome in
                if event.losesInput { lostInput = true }
                switch outcome {
                case .rendered(let bytes): write(bytes)
                case .problem(let line): warn(line)
                }
            })
        return .reading(lostInput: lostInput)
    }

    /// `linkUnwrapper` `nil`: records without links.
    static func process(
        _ event: ExportEvent, format: Format, parser: MIMEParser, limits: ParserLimits, linkUnwrapper: GatewayLinkUnwrapper?,
        outlookOptions: OutlookReadOptions = OutlookReadOptions()
    ) -> Outcome {
        switch event {
        case .unreadable(let error):
            return .problem(error.description)
        case .unrecognised(let path, let reason):
            // Shown as a warning: the user asked to see this file.
            return .problem(LocatedError(code: IngestCode.unrecognised, message: "\(reason); skipped", path: path, severity: .warning).description)
        case .diagnostic(let diagnostic):
            return .problem(diagnostic.compilerStyle)
        case .message(let found):
            switch found.content {
            case .mime(let bytes):
                let message = parser.parse(bytes)
                switch format {
                case .jsonl:
                    var record = InspectRecord(message: message, source: found.source, offsetInFile: found.offsetInFile, limits: limits, linkUnwrapper: linkUnwrapper)
                    record.defects = found.notes.map(Self.defect) + record.defects
                    if let stored = found.storedAttachments { record.join(stored) }
                    return .rendered(record.jsonLine())
                case .tree:
                    let tree = MIMETreeDescription(limits: limits).render(message)
                    return .rendered(Array("== \(Self.describe(found.source))\n\(tree)\n".utf8))
                }
            case .graph(let graph):
                return Self.render(
                    InspectRecord(graph: graph, source: found.source, linkUnwrapper: format == .jsonl ? linkUnwrapper : nil, apart: found.readAttachmentsApart()),
                    format: format)
            case .outlook(let message):
                let record = InspectRecord(outlook: message, source: found.source, options: outlookOptions, linkUnwrapper: format == .jsonl ? linkUnwrapper : nil)
                return Self.render(record, format: format)
            }
        }
    }

    /// A record that is not a MIME tree (Graph, Outlook): its JSON line, or its parts as a tree.
    static func render(_ record: InspectRecord, format: Format) -> Outcome {
        switch format {
        case .jsonl:
            return .rendered(record.jsonLine())
        case .tree:
            var lines = ["== \(Self.describe(record.source))"]
            for part in record.parts {
                var line = "\(part.path) \(part.contentType)"
                if let name = part.filename { line += " \"\(name)\"" }
                if let disposition = part.disposition { line += " \(disposition)" }
                line += " \(part.size) bytes"
                lines.append(line)
            }
            lines += record.defects.map { "  ! \($0.code) \($0.part) \($0.message)" }
            return .rendered(Array((lines.joined(separator: "\n") + "\n\n").utf8))
        }
    }

    static func defect(_ note: Diagnostic) -> InspectRecord.Defect {
        InspectRecord.Defect(code: note.code, part: note.location.partPath ?? "", offset: note.location.byteOffset, message: note.message)
    }

    /// `path (eml)`, `path #3 @1024 (mbox)`, `path /value/2 (graph-json)`.
    static func describe(_ source: MessageSource) -> String {
        var text = source.path
        if let index = source.index { text += " #\(index)" }
        if let offset = source.offset { text += " @\(offset)" }
        if let line = source.line { text += " line \(line)" }
        if let pointer = source.pointer, !pointer.isEmpty { text += " \(pointer)" }
        if let folder = source.folder { text += " [\(folder)]" }
        if let descriptor = source.descriptor { text += " descriptor \(descriptor)" }
        return text + " (\(source.format))"
    }
}
