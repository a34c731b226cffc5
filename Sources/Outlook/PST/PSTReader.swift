import MailModel
/// Reads the mail items of a PST/OST file (through libpff) one at a time, in a deterministic order:
/// depth-first from the root folder, a folder's messages before its subfolders, each in libpff's
/// order; then, with `includeRecovered`, the deleted items libpff recovers. Memory holds one item (its
/// attachments and attached messages included), never the file.
///
/// Mail is IPM.Note and its subclasses, posts, meeting requests and reports (``OutlookMessage/isMail``);
/// other items (contacts, appointments, tasks) are counted and skipped. Problems are diagnostics: a
/// folder or item libpff cannot read, a loop in the folder tree, a password, damage libpff noticed.
public final class PSTReader {
    public enum Event {
        case message(OutlookMessage, folder: PSTFolder)
        case diagnostic(OutlookDiagnostic)
    }

    public let path: String
    public let options: OutlookReadOptions
    /// The message store's display name (PidTagDisplayName), if any.
    public private(set) var storeName: String?
    /// Whether the store has a password (PidTagPstPassword ≠ 0).
    public private(set) var isPasswordProtected = false
    /// Mail items read per folder path (`Top of Outlook data file/Inbox`), for `validate`.
    public private(set) var mailItemsByFolder: [String: Int] = [:]
    /// Items that are not mail, skipped.
    public private(set) var itemsNotMail = 0

    private let file: LibPFFFile
    private let codepage: Int
    private var ipmSubtreeID: UInt32?
    private var pending: [Event] = []
    private var walk: FolderWalk<PFFItem>?
    private var phase = Phase.start

    private enum Phase {
        case start, folders, recovered(next: Int, count: Int), done
    }

    /// Opens the file read-only. Throws when libpff cannot open it (truncated, corrupt, not a PST).
    public init(path: String, options: OutlookReadOptions = OutlookReadOptions()) throws(OutlookFileError) {
        self.path = path
        self.options = options
        file = try LibPFFFile(path: path)
        codepage = file.asciiCodepage
        if let store = file.messageStore(maxValueBytes: 1 << 20) {
            storeName = store.nonEmptyString(PropertyID.displayName)
            isPasswordProtected = (store.int32(PropertyID.pstPassword) ?? 0) != 0
            // An entry ID ends with the folder's node identifier (MS-PST §2.4.3.3).
            if let entryID = store.binary(PropertyID.ipmSubtreeEntryID), entryID.count >= 24 {
                ipmSubtreeID = PropertyBag.uint32(entryID, 20)
            }
        }
        let root: PFFItem
        do {
            root = try file.rootFolder()
        } catch {
            throw OutlookFileError(code: .unreadable, message: "the PST/OST cannot be read: \(error.message)", path: path)
        }
        if isPasswordProtected {
            pending.append(.diagnostic(OutlookDiagnostic(
                code: .passwordProtected,
                message: "the PST is password-protected; its items were read anyway (the password is a lock Outlook enforces, not encryption): confirm you are authorised to search it",
                severity: .error)))
        }
        if file.encryptionType == 2 {
            pending.append(.diagnostic(OutlookDiagnostic(
                code: .encrypted,
                message: "the PST is protected with Outlook's \"high\" encryption (a cipher without a key: libpff decodes it and the items were read): confirm you are authorised to search it",
                severity: .error)))
        }
        if file.isCorrupted {
            pending.append(.diagnostic(OutlookDiagnostic(
                code: .corrupted, message: "libpff found damaged index or allocation data; items may be missing", severity: .error)))
        }
        do {
            walk = try FolderWalk(root: root, ipmSubtreeID: ipmSubtreeID, maxDepth: options.maxFolderDepth)
        } catch {
            throw OutlookFileError(code: .unreadable, message: "the root folder cannot be read: \(error.message)", path: path)
        }
        phase = .folders
    }

    /// The next message or diagnostic, or `nil` at the end.
    public func next() -> Event? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            switch phase {
            case .start, .done:
                return nil
            case .folders:
                if let event = nextInFolders() { return event }
                if itemsNotMail > 0 {
                    pending.append(.diagnostic(OutlookDiagnostic(
                        code: .itemsNotMail, message: "\(itemsNotMail) item\(itemsNotMail == 1 ? " is" : "s are") not mail (contacts, calendar, tasks, notes) and \(itemsNotMail == 1 ? "was" : "were") skipped",
                        severity: .note)))
                }
                phase = .done
                if options.includeRecovered {
                    do {
                        phase = .recovered(next: 0, count: try file.recoverItems())
                    } catch {
                        pending.append(.diagnostic(OutlookDiagnostic(
                            code: .recoveryFailed, message: "deleted items could not be recovered: \(error.message)", severity: .error)))
                    }
                }
            case .recovered(let index, let count):
                guard index < count else {
                    phase = .done
                    continue
                }
                phase = .recovered(next: index + 1, count: count)
                if let event = recovered(at: index) { return event }
            }
        }
    }

    // MARK: Folders

    private func nextInFolders() -> Event? {
        while let step = walk?.next() {
            switch step {
            case .diagnostic(let diagnostic):
                return .diagnostic(diagnostic)
            case .message(let index, let node, let folder):
                if let event = message(at: index, in: node, folder: folder) { return event }
            }
        }
        walk = nil
        return nil
    }

    // MARK: Items

    private func message(at index: Int, in node: PFFItem, folder: PSTFolder) -> Event? {
        let item: PFFItem
        do {
            item = try node.message(at: index)
        } catch {
            return .diagnostic(OutlookDiagnostic(
                code: .itemUnreadable, message: "item \(index + 1) of folder '\(folder.pathString)' cannot be read: \(error.message)",
                severity: .error, descriptor: folder.descriptor))
        }
        switch read(item, requireMail: true) {
        case .message(var message):
            mailItemsByFolder[folder.pathString, default: 0] += 1
            message.descriptor = item.identifier
            return .message(message, folder: folder)
        case .notMail:
            itemsNotMail += 1
            return nil
        case .failed(let diagnostic):
            return .diagnostic(diagnostic)
        }
    }

    private func recovered(at index: Int) -> Event? {
        let item: PFFItem
        do {
            item = try file.recoveredItem(at: index)
        } catch {
            return .diagnostic(OutlookDiagnostic(
                code: .itemUnreadable, message: "recovered item \(index + 1) cannot be read: \(error.message)", severity: .error))
        }
        // Recovered items often lost their class: keep those that are mail or have none but hold a message's fields.
        switch read(item, requireMail: false) {
        case .message(var message):
            guard message.isMail || (message.messageClass == nil && (message.subject != nil || message.from != nil)) else { return nil }
            message.descriptor = item.identifier
            message.isRecovered = true
            message.diagnostics.insert(OutlookDiagnostic(
                code: .recoveredItem, message: "the item was deleted and recovered from unallocated space (recovered item \(index + 1)); it may be incomplete",
                severity: .warning, descriptor: item.identifier), at: 0)
            let folder = PSTFolder(path: ["Recovered Items"], mailPath: ["Recovered Items"], descriptor: nil)
            mailItemsByFolder[folder.pathString, default: 0] += 1
            return .message(message, folder: folder)
        case .notMail:
            return nil
        case .failed(let diagnostic):
            return .diagnostic(diagnostic)
        }
    }

    private enum ReadResult {
        case message(OutlookMessage)
        case notMail
        case failed(OutlookDiagnostic)
    }

    private func read(_ item: PFFItem, requireMail: Bool) -> ReadResult {
        let id = item.identifier
        let properties: PropertyBag
        var diagnostics: [OutlookDiagnostic] = []
        do {
            let read = try item.properties(defaultCodepage: codepage, maxValueBytes: options.maxAttachmentBytes)
            properties = read.bag
            for tag in read.tooLarge {
                diagnostics.append(OutlookDiagnostic(
                    code: .valueTooLarge, message: "property 0x\(String(tag.rawValue, radix: 16)) is larger than the limit of \(options.maxAttachmentBytes) bytes; left out",
                    severity: .warning, descriptor: id))
            }
        } catch {
            return .failed(OutlookDiagnostic(code: .itemUnreadable, message: "the item cannot be read: \(error.message)", severity: .error, descriptor: id))
        }
        if requireMail {
            let probe = OutlookMessage.isMailClass(properties.nonEmptyString(PropertyID.messageClass))
            guard probe else { return .notMail }
        }
        var message = readMessage(item, properties: properties, depth: 0, pathPrefix: "", diagnostics: &diagnostics)
        message.diagnostics = diagnostics + message.diagnostics
        return .message(message)
    }

    /// A message with its recipients and attachments (attached messages read recursively).
    private func readMessage(_ item: PFFItem, properties: PropertyBag, depth: Int, pathPrefix: String, diagnostics: inout [OutlookDiagnostic]) -> OutlookMessage {
        let id = item.identifier
        var recipients: [PropertyBag] = []
        do {
            recipients = try item.recipients(defaultCodepage: properties.codepage, maxValueBytes: 1 << 20)
        } catch {
            diagnostics.append(OutlookDiagnostic(
                code: .malformedProperties, message: "the recipient table cannot be read: \(error.message)", severity: .warning, descriptor: id,
                part: pathPrefix.isEmpty ? nil : String(pathPrefix.dropLast())))
        }
        var attachments: [OutlookAttachment] = []
        let count: Int
        do {
            count = try item.attachmentCount()
        } catch {
            count = 0
            diagnostics.append(OutlookDiagnostic(
                code: .attachmentUnreadable, message: "the attachment table cannot be read: \(error.message)", severity: .warning, descriptor: id))
        }
        if count > options.maxAttachments {
            diagnostics.append(OutlookDiagnostic(
                code: .tooManyAttachments, message: "the item has \(count) attachments; only the first \(options.maxAttachments) were read",
                severity: .warning, descriptor: id))
        }
        for index in 0 ..< min(count, options.maxAttachments) {
            let path = "\(pathPrefix)att\(index + 1)"
            attachments.append(attachment(of: item, index: index, path: path, codepage: properties.codepage, depth: depth, diagnostics: &diagnostics))
        }
        return OutlookMessage(properties: properties, recipients: recipients, attachments: attachments)
    }

    private func attachment(of item: PFFItem, index: Int, path: String, codepage: Int, depth: Int, diagnostics: inout [OutlookDiagnostic]) -> OutlookAttachment {
        let id = item.identifier
        func unreadable(_ message: String, _ code: OutlookDiagnostic.Code = .attachmentUnreadable) {
            diagnostics.append(OutlookDiagnostic(code: code, message: message, severity: .warning, descriptor: id, part: path))
        }
        let attachment: PFFItem
        let properties: PropertyBag
        do {
            attachment = try item.attachment(at: index)
            properties = try attachment.properties(defaultCodepage: codepage, maxValueBytes: 1 << 20, skippingIDs: [PropertyID.attachData]).bag
        } catch {
            unreadable("attachment \(index + 1) cannot be read: \(error.message)")
            return OutlookAttachment(path: path, properties: PropertyBag(), content: .unread(declaredSize: nil))
        }
        switch attachment.attachmentKind {
        case .data:
            do {
                let size = try attachment.attachmentDataSize()
                guard size <= UInt64(options.maxAttachmentBytes) else {
                    unreadable("the attachment declares \(size) bytes, more than the limit of \(options.maxAttachmentBytes); listed without its bytes", .attachmentTooLarge)
                    return OutlookAttachment(path: path, properties: properties, content: .unread(declaredSize: Int(clamping: size)))
                }
                let bytes = try attachment.attachmentData(count: Int(size))
                if bytes.count < Int(size) { unreadable("the attachment's data is cut short: \(bytes.count) of \(size) bytes") }
                return OutlookAttachment(path: path, properties: properties, content: .file(bytes))
            } catch {
                unreadable("the attachment's data cannot be read: \(error.message)")
                return OutlookAttachment(path: path, properties: properties, content: .unread(declaredSize: nil))
            }
        case .item:
            guard depth < options.maxEmbeddingDepth else {
                unreadable("attached messages nest deeper than \(options.maxEmbeddingDepth) levels; this one was not read", .embeddingTooDeep)
                return OutlookAttachment(path: path, properties: properties, content: .unread(declaredSize: nil))
            }
            do {
                let inner = try attachment.attachedItem()
                let read = try inner.properties(defaultCodepage: codepage, maxValueBytes: options.maxAttachmentBytes)
                for tag in read.tooLarge {
                    unreadable("property 0x\(String(tag.rawValue, radix: 16)) of the attached message is larger than the limit; left out", .valueTooLarge)
                }
                let message = readMessage(inner, properties: read.bag, depth: depth + 1, pathPrefix: path + ".", diagnostics: &diagnostics)
                return OutlookAttachment(path: path, properties: properties, content: .message(message))
            } catch {
                unreadable("the attached message cannot be read: \(error.message)")
                return OutlookAttachment(path: path, properties: properties, content: .unread(declaredSize: nil))
            }
        case .reference, .undefined:
            return OutlookAttachment(path: path, properties: properties, content: .noBytes)
        }
    }
}
