package import MIME
package import MailModel
import GraphExport
import Outlook

/// `dragnet validate EXPORT...`: the offline "test connection" (§2). Reads everything and reports the
/// mailboxes found (and whether the directory knows them), their folders, messages per format and per
/// mailbox, duplicates, the fields the export did not collect and the filters that makes
/// unsearchable, and every unreadable file or item with its reason.
package struct ExportValidation: Sendable {
    /// What one mailbox holds.
    package struct Mailbox: Sendable {
        package var name: String
        /// `nil` when the export has no directory.
        package var isInDirectory: Bool?
        package var messages = 0
        package var byFormat: [String: Int] = [:]
        package var byFolder: [String: Int] = [:]
        /// Messages without headers (`internetMessageHeaders` not exported).
        package var withoutHeaders = 0
        /// Messages without an attachment list (`attachments` not expanded).
        package var withoutAttachments = 0
        /// Messages with a field PowerShell cut (depth-truncated export).
        package var truncated = 0
        /// Graph messages whose attachments were joined from pages (or single attachments) saved apart.
        package var attachmentsJoined = 0
        /// Graph messages read from JSON batching responses.
        package var fromBatchResponses = 0
        /// Messages with encrypted or rights-protected content (body filters cannot read it).
        package var protected = 0
        /// Those messages per protection (`smime`, `pgp-mime`, `pgp-inline`, `rights-management`); a
        /// message protected two ways counts under both.
        package var byProtection: [String: Int] = [:]
        package var duplicates: [Duplicate] = []
    }

    /// The same `internetMessageId` more than once in one mailbox.
    package struct Duplicate: Sendable {
        package var messageID: String
        package var sources: [String]
    }

    /// A file or item that could not be (fully) read, with its reason.
    package struct Problem: Sendable {
        package var path: String
        package var code: DiagnosticCode
        package var reason: String
        package var location: String?
    }

    package var inputs: [String]
    package var files = 0
    package var directory = Directory()
    package var mailboxes: [Mailbox] = []
    package var totalsByFormat: [String: Int] = [:]
    package var unreadable: [Problem] = []
    package var unrecognised: [Problem] = []
    /// Problems inside files that were read, and per-item reader diagnostics.
    package var diagnostics: [Problem] = []
    /// Parser defects per code (malformed mail is data: read, with defects).
    package var defectsByCode: [String: Int] = [:]
    package var messagesWithDefects = 0

    package var totalMessages: Int { mailboxes.reduce(0) { $0 + $1.messages } }
    /// Messages whose attachments were joined from pages saved apart, in all mailboxes.
    package var totalAttachmentsJoined: Int { mailboxes.reduce(0) { $0 + $1.attachmentsJoined } }
    /// Messages read from JSON batching responses, in all mailboxes.
    package var totalFromBatchResponses: Int { mailboxes.reduce(0) { $0 + $1.fromBatchResponses } }

    /// Filters that cannot search messages lacking headers (§3.1).
    package static let headerFilters = ["ip", "header"]
    /// Filters that cannot search encrypted or rights-protected content.
    package static let bodyFilters = ["keyword", "regex", "url"]
    /// Filters that cannot search messages whose attachments were not expanded.
    package static let attachmentFilters = [
        "attachmentName", "attachmentExtension", "attachmentSize", "attachmentMD5", "attachmentSHA1", "attachmentSHA256", "attachmentSHA512",
    ]

    package init(inputs: [String]) {
        self.inputs = inputs
    }

    /// Whether some input could not be read, wholly or in part (``ExportEvent/losesInput``: an
    /// unreadable path, invalid JSON skipped, an error page, a file cut short).
    package var lostInput = false

    /// Exit status (§9): 3 when some input could not be read, wholly or in part, else 0.
    package var exitStatus: ExitStatus { .reading(lostInput: lostInput) }

    /// Reads the export at `paths`.
    package static func run(
        paths: [String], mailboxHint: String?, workers: Int, options: ParserOptions = .default, archiveLimits: ArchiveLimits = .default,
        includeRecovered: Bool = false
    ) -> ExportValidation {
        var result = ExportValidation(inputs: paths)
        let scan = ExportScan(paths: paths, mailboxHint: mailboxHint, archiveLimits: archiveLimits, workers: workers)
        scan.includeRecoveredItems = includeRecovered
        result.directory = scan.directory
        var byMailbox: [String: Mailbox] = [:]
        var seenIDs: [String: [String: [String]]] = [:]
        let parser = MIMEParser(options: options)

        OrderedParallelMap<ExportEvent, ItemFacts?>(workers: workers).run(
            next: { scan.next() },
            weight: { event in if case .message(let found) = event { found.weight } else { 1 } },
            transform: { event in
                guard case .message(let found) = event else { return nil }
                return ItemFacts(found, parser: parser)
            },
            consume: { event, facts in
                if event.losesInput { result.lostInput = true }
                switch event {
                case .unreadable(let error):
                    result.unreadable.append(Problem(path: error.path, code: error.code, reason: error.message))
                case .unrecognised(let path, let reason):
                    result.unrecognised.append(Problem(path: path, code: IngestCode.unrecognised, reason: reason))
                case .diagnostic(let d):
                    result.diagnostics.append(Problem(path: d.location.path, code: d.code, reason: d.message, location: Self.place(d.location)))
                case .message(let found):
                    guard let facts else { return }
                    var box = byMailbox[found.mailbox] ?? Mailbox(name: found.mailbox)
                    box.messages += 1
                    box.byFormat[found.source.format, default: 0] += 1
                    box.byFolder[facts.folder ?? found.folder, default: 0] += 1
                    if !facts.hasHeaders { box.withoutHeaders += 1 }
                    if !facts.hasAttachments { box.withoutAttachments += 1 }
                    if facts.isTruncated { box.truncated += 1 }
                    if found.attachmentsApart != nil { box.attachmentsJoined += 1 }
                    if found.batchResponseID != nil { box.fromBatchResponses += 1 }
                    if !facts.protections.isEmpty {
                        box.protected += 1
                        for protection in facts.protections { box.byProtection[protection, default: 0] += 1 }
                    }
                    byMailbox[found.mailbox] = box
                    result.totalsByFormat[found.source.format, default: 0] += 1
                    if let id = facts.messageID {
                        seenIDs[found.mailbox, default: [:]][id, default: []].append(InspectRun.describe(found.source))
                    }
                    for note in found.notes + facts.readerDiagnostics {
                        result.diagnostics.append(Problem(path: note.location.path, code: note.code, reason: note.message, location: Self.place(note.location)))
                    }
                    if !facts.defectCodes.isEmpty {
                        result.messagesWithDefects += 1
                        for code in facts.defectCodes { result.defectsByCode[code, default: 0] += 1 }
                    }
                }
            })
        result.files = scan.filesSeen
        for (name, ids) in seenIDs {
            let duplicates = ids.filter { $0.value.count > 1 }.map { Duplicate(messageID: $0.key, sources: $0.value) }
            byMailbox[name]?.duplicates = duplicates.sorted { $0.messageID < $1.messageID }
        }
        let directory = result.directory
        result.mailboxes = byMailbox.values.sorted { $0.name < $1.name }.map { box in
            var box = box
            box.isInDirectory = directory.isEmpty ? nil : directory.user(box.name) != nil
            return box
        }
        return result
    }

    static func place(_ location: SourceLocation) -> String? {
        var parts: [String] = []
        if let line = location.line { parts.append("line \(line)") }
        if let pointer = location.pointer, !pointer.isEmpty { parts.append(pointer) }
        if let part = location.partPath, !part.isEmpty { parts.append("part \(part)") }
        if let offset = location.byteOffset { parts.append("byte \(offset)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Directory users whose mailbox is not in the export.
    package var usersWithoutMailbox: [String] {
        let present = Set(mailboxes.map(\.name))
        return directory.users.compactMap { user in
            let ids = user.identities
            guard let primary = ids.first, !ids.contains(where: present.contains) else { return nil }
            return primary
        }.sorted()
    }
}

/// What validation needs to know about one message.
struct ItemFacts: Sendable {
    var messageID: String?
    var hasHeaders: Bool
    var hasAttachments: Bool
    var isTruncated: Bool
    var defectCodes: [String]
    var readerDiagnostics: [Diagnostic]
    /// The folder the message itself gives (Gmail labels), when it gives one.
    var folder: String?
    /// The kinds of protected content in the message, each once, sorted.
    var protections: [String] = []

    init(_ found: FoundMessage, parser: MIMEParser) {
        switch found.content {
        case .mime(let bytes):
            let message = parser.parse(bytes)
            let envelope = MessageEnvelope(headers: message.headers)
            messageID = envelope.messageID
            hasHeaders = true
            hasAttachments = true
            isTruncated = false
            // Encrypted and rights-protected content is not a malformation: it is counted on its own.
            defectCodes = (message.allDefects + envelope.defects).filter { ContentProtection($0.code) == nil }.map(\.code.rawValue)
            readerDiagnostics = []
            if let field = message.headers.first(named: "X-Gmail-Labels") {
                var scratch = DefectCollector()
                folder = GmailLabels.folder(of: GmailLabels.parse(EncodedWordDecoder.decodeText(field.rawValue, defects: &scratch)))
            }
            protections = Set(message.protectionDefects(limits: parser.options.limits).compactMap { ContentProtection($0.code)?.rawValue }).sorted()
        case .graph(let graph):
            messageID = graph.internetMessageId.value.map(GraphItemNormalizer.stripAngleBrackets)
            hasHeaders = graph.internetMessageHeaders.value != nil || graph.transportMessageHeaders != nil
            // Attachments kept apart are read again, so that what cannot be read is said here too.
            let apart = found.readAttachmentsApart()
            hasAttachments = graph.attachments.value != nil || apart != nil
            isTruncated = graph.isTruncated
            defectCodes = []
            readerDiagnostics = graph.diagnostics.map { ExportScan.diagnostic($0, path: found.source.path) } + (apart?.diagnostics ?? [])
            let joinedProtection = (apart?.attachments ?? []).flatMap { joined in
                GraphProtectedAttachment.protectionDefects(of: joined.attachment, pointer: joined.reference, options: parser.options)
            }
            protections = Set((GraphProtectedAttachment.protectionDefects(of: graph, options: parser.options) + joinedProtection).compactMap { ContentProtection($0.defect.code)?.rawValue }).sorted()
        case .outlook(let message):
            let item = OutlookItemNormalizer(content: [.headers], options: parser.options).item(
                from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
            messageID = item.messageID
            hasHeaders = item.headers.isCollected
            hasAttachments = true
            isTruncated = false
            defectCodes = []
            // Notes (an X.500 sender) are not problems; what was lost or damaged is.
            readerDiagnostics = item.diagnostics.filter { $0.severity != .note }
            protections = Set(item.protectedContent.map(\.protection.rawValue)).sorted()
        }
    }
}
