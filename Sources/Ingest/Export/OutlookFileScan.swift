import MailModel
import Outlook

/// The events of one Outlook file found by ``ExportScan`` (§17): a `.msg` is one message, attributed
/// like an `.eml` file; a PST/OST is one mailbox read item by item (owner: `--mailbox`, else the
/// message store's name when it is an address, else the nearest folder named as an address, else the
/// file's name), each item in the folder its folder path gives (below the top of the mail folders,
/// each level's well-known name normalised). An OLE2 compound file that is not a message (a Word
/// file) is unrecognised input; a file libpff or libolecf cannot open is unreadable.
final class OutlookFileScan {
    private var queue: [ExportEvent] = []
    private var reader: PSTReader?
    private var pstPlace: (mailbox: String, path: String)?
    private var index = 0

    /// `mailbox` and `folder` are what the file's place says; `resolve` turns a found owner into the
    /// mailbox reported (`--mailbox` for none).
    init(
        path: String, kind: OutlookFileKind, mailbox: String?, part: String?, folder: String?, mailboxHint: String?, options: OutlookReadOptions,
        resolve: (String?) -> String
    ) {
        switch kind {
        case .compoundFile:
            do {
                let message = try MSGReader.read(path: path, options: options)
                var found = FoundMessage(
                    content: .outlook(message), source: MessageSource(format: "msg", path: path), mailbox: resolve(mailbox),
                    folder: folder ?? "unknown", offsetInFile: 0, isRead: message.isRead, notes: [])
                found.mailboxPart = part
                queue.append(.message(found))
            } catch {
                if error.code == .notAMessage {
                    queue.append(.unrecognised(path: path, reason: "an OLE2 compound file that holds no Outlook message (a Word or Excel file?)"))
                } else {
                    queue.append(.unreadable(IngestError(code: error.code.diagnosticCode, message: error.message, path: path)))
                }
            }
        case .pst:
            do {
                let reader = try PSTReader(path: path, options: options)
                self.reader = reader
                let owner = mailboxHint ?? reader.storeName.flatMap { MailboxName.isAddress($0) ? $0.lowercased() : nil }
                    ?? mailbox ?? Self.fileStem(path)
                pstPlace = (owner, path)
            } catch {
                queue.append(.unreadable(IngestError(code: error.code.diagnosticCode, message: error.message, path: path)))
            }
        }
    }

    func next() -> ExportEvent? {
        if !queue.isEmpty { return queue.removeFirst() }
        guard let reader, let (mailbox, path) = pstPlace, let event = reader.next() else { return nil }
        switch event {
        case .diagnostic(let diagnostic):
            return .diagnostic(OutlookItemNormalizer.diagnostic(diagnostic, path: path))
        case .message(let message, let folder):
            var source = MessageSource(format: "pst", path: path, index: index)
            index += 1
            source.folder = folder.pathString
            source.descriptor = message.descriptor.map(Int.init)
            source.recovered = message.isRecovered
            let levels = folder.mailPath.isEmpty ? Array(folder.path.suffix(1)) : folder.mailPath
            let name = WellKnownFolder.normalizePath(levels.joined(separator: "/"))
            return .message(FoundMessage(
                content: .outlook(message), source: source, mailbox: mailbox, folder: name.isEmpty ? "unknown" : name,
                offsetInFile: 0, isRead: message.isRead, notes: []))
        }
    }

    /// The file's name without its extension, lower-cased (`Alice@Corp.example.pst` → `alice@corp.example`).
    static func fileStem(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for ext in [".pst", ".ost", ".pab"] where name.lowercased().hasSuffix(ext) { name.removeLast(ext.count) }
        return name.isEmpty ? "unknown" : name.lowercased()
    }
}
