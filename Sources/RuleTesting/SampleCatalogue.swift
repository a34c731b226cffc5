import Pipeline
import Ingest
import MIME
import GraphExport
public import MailModel

/// Every item of a suite's samples, read once and normalized the way `dragnet investigate` reads them,
/// so expectations can name them and failures can say why an item did or did not match.
final class SampleCatalogue: @unchecked Sendable {
    struct Item {
        var key: ItemKey
        var item: MailItem
    }

    let paths: [String]
    let mailboxHint: String?
    private(set) var items: [Item] = []
    /// Samples that could not be read at all (printable lines).
    private(set) var unreadable: [String] = []

    init(paths: [String], mailboxHint: String?, options: ParserOptions = .default) {
        self.paths = paths
        self.mailboxHint = mailboxHint
        let scan = ExportScan(paths: paths, mailboxHint: mailboxHint)
        while let event = scan.next() {
            switch event {
            case .message(let found):
                let item = InvestigationRunner.item(found, options: options)
                items.append(Item(key: ItemKey(item.source), item: item))
            case .unreadable(let error):
                unreadable.append("\(error.path): [\(error.code)] \(error.message)")
            case .unrecognised, .diagnostic:
                break
            }
        }
    }

    /// The items a selector names. `samplesFolders` are the paths sample selectors are relative to;
    /// `baseFolder` is the folder of the file that states the expectation.
    func select(_ selector: ItemSelector, samplesFolders: [String], baseFolder: String) -> [Item] {
        switch selector.kind {
        case .messageId(let id):
            let wanted = id.lowercased()
            return items.filter { $0.item.messageID?.lowercased() == wanted }
        case .sample(let path):
            return samplesFolders.flatMap { select(path: PathText.join($0, path), fragment: selector.fragment) }
        case .path(let path):
            return select(path: PathText.join(baseFolder, path), fragment: selector.fragment)
        case .file(let path):
            let inSamples = samplesFolders.flatMap { select(path: PathText.join($0, path), fragment: selector.fragment) }
            return inSamples.isEmpty ? select(path: PathText.join(baseFolder, path), fragment: selector.fragment) : inSamples
        }
    }

    private func select(path: String, fragment: ItemSelector.Fragment?) -> [Item] {
        items.filter { entry in
            guard PathText.isWithin(entry.item.source.path, path) else { return false }
            switch fragment {
            case nil: return true
            case .pointer(let pointer): return (entry.item.source.pointer ?? "") == pointer
            case .index(let index): return entry.item.source.index == index
            case .line(let line): return entry.item.source.line == line
            }
        }
    }
}

/// Identifies an item within one set of inputs: source format, path, and index, pointer or line.
public struct ItemKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var format: String
    public var path: String
    public var index: Int?
    public var pointer: String?
    public var line: Int?

    public init(format: String, path: String, index: Int? = nil, pointer: String? = nil, line: Int? = nil) {
        self.format = format
        self.path = PathText.normalize(path)
        self.index = index
        self.pointer = pointer
        self.line = line
    }

    public init(_ source: MessageSource) {
        self.init(format: source.format, path: source.path, index: source.index, pointer: source.pointer, line: source.line)
    }

    /// `#2` (mbox index), `#L3` (JSON Lines line, plus a pointer within the line), `#/value/0` (JSON
    /// pointer), or empty for a file that holds one message.
    public var fragment: String {
        if let index { return "#\(index)" }
        var out = ""
        if let line { out += "#L\(line)" }
        if let pointer, !pointer.isEmpty { out += (out.isEmpty ? "#" : "") + pointer }
        return out
    }

    /// The path with its fragment.
    public var description: String { path + fragment }

    public static func < (a: ItemKey, b: ItemKey) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if (a.index ?? -1) != (b.index ?? -1) { return (a.index ?? -1) < (b.index ?? -1) }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.pointer ?? "") != (b.pointer ?? "") { return (a.pointer ?? "") < (b.pointer ?? "") }
        return a.format < b.format
    }
}
