import Foundation
import GraphExport
import Ingest
public import MailModel
public import MIME
import Outlook

/// The message a responder reported, read as any input is read (Ingest), and the message to draft from:
/// the reported message itself, or — when it is a forward of the phish as an attached message — the
/// attached message (§15).
public struct ReportedMessage: Sendable {
    /// The message the draft is made from.
    public var item: MailItem
    /// The reported message when ``item`` is the message attached to it (a forward), else `nil`.
    public var carrier: MailItem?
    /// Where ``item`` is: `the message in x.eml`, `the message attached at part 1.2 of x.eml`.
    public var origin: String
    /// The file as given.
    public var path: String
}

/// Reads a reported message (§15): one EML or MIME file, an Outlook `.msg`, or a Graph JSON file
/// holding one message.
///
/// A forward of the phish as an attachment is unwrapped: when the message carries exactly one attached
/// message (`message/rfc822`, a Graph `itemAttachment` with its `item`) and no other file (inline
/// images aside), the draft is made from the attached message — a responder reports the phish that
/// way, and its own sender and subject are the reporter's. Nested forwards are unwrapped too (up to
/// ``maxUnwrapDepth``). `unwrap: false` drafts from the file's message as it is.
public enum ReportedMessageReader {
    /// The most forwards unwrapped one inside the other.
    public static let maxUnwrapDepth = 4

    /// `mailbox` is the mailbox the message was reported from or delivered to, when the file's place
    /// does not say (`--mailbox`): its domain is the organisation's.
    public static func read(path: String, mailbox: String? = nil, unwrap: Bool = true, options: ParserOptions = .default) throws(DraftError) -> ReportedMessage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DraftError(code: DraftCode.unreadable, message: "no such file", path: path)
        }
        if isDirectory.boolValue {
            throw DraftError(code: DraftCode.unreadable, message: "this is a folder; give the file of the one reported message", path: path)
        }
        let scan = ExportScan(paths: [path], mailboxHint: mailbox)
        var found: [FoundMessage] = []
        var problem: DraftError?
        while let event = scan.next() {
            switch event {
            case .message(let message): found.append(message)
            case .unreadable(let error): problem = problem ?? DraftError(code: DraftCode.unreadable, message: error.message, path: path)
            case .unrecognised(_, let reason): problem = problem ?? DraftError(code: DraftCode.notAMessage, message: reason, path: path)
            case .diagnostic: break
            }
            if found.count > 1 { break }
        }
        if found.count > 1 {
            throw DraftError(
                code: DraftCode.severalMessages,
                message: "the file holds more than one message; save the reported message on its own (one EML file, or one Graph message)",
                path: path)
        }
        guard let message = found.first else {
            throw problem ?? DraftError(code: DraftCode.notAMessage, message: "the file holds no message", path: path)
        }
        switch message.content {
        case .mime(let bytes):
            return mime(bytes, found: message, path: path, unwrap: unwrap, options: options)
        case .graph(let graph):
            return graphMessage(graph, found: message, path: path, unwrap: unwrap)
        case .outlook(let outlook):
            return outlookMessage(outlook, found: message, path: path, unwrap: unwrap, options: options)
        }
    }

    // MARK: Outlook (.msg)

    /// A `.msg` (or PST item); a forward of the phish as an attached Outlook message is unwrapped.
    static func outlookMessage(_ message: OutlookMessage, found: FoundMessage, path: String, unwrap: Bool, options: ParserOptions) -> ReportedMessage {
        let normalizer = OutlookItemNormalizer(content: .all, options: options)
        var item = normalizer.item(from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
        if item.isRead == nil { item.isRead = found.isRead }
        let reported = item
        var current = message
        var parts: [String] = []
        while unwrap, parts.count < maxUnwrapDepth {
            let files = current.attachments.filter { $0.message == nil && !$0.isInline }
            let attached = current.attachments.compactMap(\.message)
            guard attached.count == 1, files.isEmpty, let inner = attached.first,
                  let carrier = current.attachments.first(where: { $0.message != nil }) else { break }
            parts.append(carrier.path)
            current = inner
            item = normalizer.item(from: inner, source: found.source, mailbox: found.mailbox, folder: found.folder)
        }
        if !parts.isEmpty {
            let origin = "the message attached at \(parts.joined(separator: " → ")) of \(path) (a forward of the phish as an attachment)"
            return ReportedMessage(item: item, carrier: reported, origin: origin, path: path)
        }
        return ReportedMessage(item: item, carrier: nil, origin: "the message in \(path)", path: path)
    }

    // MARK: MIME

    static func mime(_ bytes: [UInt8], found: FoundMessage, path: String, unwrap: Bool, options: ParserOptions) -> ReportedMessage {
        let parser = MIMEParser(options: options)
        let normalizer = MIMEItemNormalizer(limits: options.limits, content: .all)
        var parsed = parser.parse(bytes)
        var item = normalizer.item(from: parsed, source: found.source, mailbox: found.mailbox, folder: found.folder, offsetInFile: found.offsetInFile)
        if item.isRead == nil { item.isRead = found.isRead }
        let reported = item
        var origin = "the message in \(path)"
        var depth = 0
        var parts: [String] = []
        while unwrap, depth < maxUnwrapDepth, let attached = singleAttachedMessage(parsed, limits: options.limits) {
            parts.append(attached.path)
            parsed = parser.parse(attached.bytes)
            item = normalizer.item(from: parsed, source: found.source, mailbox: found.mailbox, folder: found.folder)
            depth += 1
        }
        if depth > 0 {
            origin = "the message attached at part \(parts.joined(separator: " → ")) of \(path) (a forward of the phish as an attachment; its inner part paths restart at 1)"
            return ReportedMessage(item: item, carrier: reported, origin: origin, path: path)
        }
        return ReportedMessage(item: item, carrier: nil, origin: origin, path: path)
    }

    /// The one attached message of `message` and its bytes, when it has exactly one and no other
    /// non-inline attachment outside it.
    static func singleAttachedMessage(_ message: MIMEMessage, limits: ParserLimits) -> (path: String, bytes: [UInt8])? {
        let attachments = AttachmentEnumeration.attachments(of: message, limits: limits)
        let messages = attachments.filter { $0.kind == .message }
        // Attached messages directly in this message (not inside another attached message).
        let direct = messages.filter { candidate in
            !messages.contains { other in other.entity.path != candidate.entity.path && candidate.entity.path.hasPrefix(other.entity.path + ".") }
        }
        guard direct.count == 1, let carrier = direct.first, case .message(let inner) = carrier.entity.body else { return nil }
        let others = attachments.filter { attachment in
            attachment.entity.path != carrier.entity.path && !attachment.entity.path.hasPrefix(carrier.entity.path + ".")
                && !(attachment.isInline && (attachment.entity.contentType.type == "image"))
        }
        guard others.isEmpty else { return nil }
        return (carrier.entity.path, Array(inner.source[inner.root.range]))
    }

    // MARK: Graph

    static func graphMessage(_ message: GraphMessage, found: FoundMessage, path: String, unwrap: Bool) -> ReportedMessage {
        let normalizer = GraphItemNormalizer(content: .all)
        var item = normalizer.item(from: message, source: found.source, mailbox: found.mailbox, folder: found.folder)
        if item.isRead == nil { item.isRead = found.isRead }
        let reported = item
        var current = message
        var pointer = found.source.pointer ?? ""
        var depth = 0
        while unwrap, depth < maxUnwrapDepth, let (index, inner) = singleItemAttachment(current) {
            pointer += "/attachments/\(index)/item"
            var source = found.source
            source.pointer = pointer
            item = normalizer.item(from: inner, source: source, mailbox: found.mailbox, folder: found.folder)
            current = inner
            depth += 1
        }
        if depth > 0 {
            let origin = "the message attached at \(pointer) of \(path) (a forward of the phish as an attachment)"
            return ReportedMessage(item: item, carrier: reported, origin: origin, path: path)
        }
        return ReportedMessage(item: item, carrier: nil, origin: "the message in \(path)\(pointer.isEmpty ? "" : " at \(pointer)")", path: path)
    }

    /// The index and message of the one item attachment, when there is exactly one with its item and no
    /// other non-inline attachment.
    static func singleItemAttachment(_ message: GraphMessage) -> (Int, GraphMessage)? {
        let attachments = message.attachments.value ?? []
        let items = attachments.enumerated().filter { $0.element.kind == .item }
        guard items.count == 1, let (index, attachment) = items.first, let inner = attachment.item.value else { return nil }
        let others = attachments.enumerated().filter { offset, a in
            offset != index && !((a.isInline.value ?? false) && (a.contentType.value?.lowercased().hasPrefix("image/") ?? false))
        }
        guard others.isEmpty else { return nil }
        return (index, inner)
    }
}
