import Foundation
public import Investigation
import JSONOutput
public import MailModel
import Pipeline

/// A filter that held on an item: its id and its label (`f2`, `keyword contains "password"`).
public struct FilterRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }

    public var description: String { label.isEmpty ? id : "\(id) (\(label))" }

    public static func < (a: FilterRef, b: FilterRef) -> Bool {
        let (na, nb) = (Int(a.id.drop { !$0.isNumber }) ?? 0, Int(b.id.drop { !$0.isNumber }) ?? 0)
        return na != nb ? na < nb : (a.id, a.label) < (b.id, b.label)
    }
}

/// One match of a report, as the diff sees it.
public struct DiffItem: Sendable {
    public var key: ItemKey
    public var mailbox: String
    public var folder: String?
    public var messageId: String?
    public var subject: String?
    public var from: String?
    public var filters: [FilterRef]

    public init(key: ItemKey, mailbox: String, folder: String? = nil, messageId: String? = nil, subject: String? = nil, from: String? = nil, filters: [FilterRef]) {
        self.key = key
        self.mailbox = mailbox
        self.folder = folder
        self.messageId = messageId
        self.subject = subject
        self.from = from
        self.filters = filters
    }

    public init(_ row: MatchRow) {
        self.init(
            key: ItemKey(row.source), mailbox: row.mailbox, folder: row.folder, messageId: row.messageID, subject: row.subject, from: row.from,
            filters: zip(row.matchedFilters, row.matchedFilterLabels).map { FilterRef(id: $0, label: $1) })
    }
}

/// One side of a diff: a report file, or an investigation run over the inputs.
public struct DiffSide: Sendable {
    /// The report or investigation file.
    public var path: String
    public var investigationName: String?
    public var investigationSHA256: String?
    public var matches: [DiffItem]

    public init(path: String, investigationName: String? = nil, investigationSHA256: String? = nil, matches: [DiffItem]) {
        self.path = path
        self.investigationName = investigationName
        self.investigationSHA256 = investigationSHA256
        self.matches = matches
    }
}

/// What changed between two sets of matches (§11): items newly matched, no longer matched, and matched
/// for different filters (ids or labels).
///
/// Items are paired by their source (format, path, and index, pointer or line); those left over on
/// both sides are then paired by mailbox and Message-ID when that pair is unique on each side (the
/// same message read from another copy of the export).
public struct ReportDiff: Sendable {
    public struct Changed: Sendable {
        public var old: DiffItem
        public var new: DiffItem
        public var added: [FilterRef] { Set(new.filters).subtracting(old.filters).sorted() }
        public var removed: [FilterRef] { Set(old.filters).subtracting(new.filters).sorted() }
    }

    public var old: DiffSide
    public var new: DiffSide
    public var newlyMatched: [DiffItem]
    public var noLongerMatched: [DiffItem]
    public var differentFilters: [Changed]
    public var unchanged: Int

    public var hasChanges: Bool { !newlyMatched.isEmpty || !noLongerMatched.isEmpty || !differentFilters.isEmpty }

    public init(old: DiffSide, new: DiffSide) {
        self.old = old
        self.new = new
        var oldByKey: [ItemKey: Int] = [:]
        for (i, item) in old.matches.enumerated() where oldByKey[item.key] == nil { oldByKey[item.key] = i }
        var pairs: [(Int, Int)] = []
        var oldPaired = Set<Int>()
        var newPaired = Set<Int>()
        for (j, item) in new.matches.enumerated() {
            if let i = oldByKey[item.key], !oldPaired.contains(i) {
                pairs.append((i, j))
                oldPaired.insert(i)
                newPaired.insert(j)
            }
        }
        // Fallback: mailbox + Message-ID, unique on both sides.
        func identities(_ items: [DiffItem], excluding: Set<Int>) -> [String: [Int]] {
            var out: [String: [Int]] = [:]
            for (i, item) in items.enumerated() where !excluding.contains(i) {
                guard let id = item.messageId, !id.isEmpty else { continue }
                out[item.mailbox.lowercased() + "\u{0}" + id.lowercased(), default: []].append(i)
            }
            return out
        }
        let oldIds = identities(old.matches, excluding: oldPaired)
        let newIds = identities(new.matches, excluding: newPaired)
        for (identity, js) in newIds where js.count == 1 {
            if let is_ = oldIds[identity], is_.count == 1 {
                pairs.append((is_[0], js[0]))
                oldPaired.insert(is_[0])
                newPaired.insert(js[0])
            }
        }
        newlyMatched = new.matches.enumerated().filter { !newPaired.contains($0.offset) }.map(\.element).sorted { $0.key < $1.key }
        noLongerMatched = old.matches.enumerated().filter { !oldPaired.contains($0.offset) }.map(\.element).sorted { $0.key < $1.key }
        var changed: [Changed] = []
        var same = 0
        for (i, j) in pairs {
            if Set(old.matches[i].filters) == Set(new.matches[j].filters) { same += 1 } else {
                changed.append(Changed(old: old.matches[i], new: new.matches[j]))
            }
        }
        differentFilters = changed.sorted { $0.new.key < $1.new.key }
        unchanged = same
    }
}

/// Why a diff could not be made (exit status 2): the report or investigation file's errors.
public struct DiffError: Error, Sendable, CustomStringConvertible {
    public var errors: [LocatedError]
    public init(_ errors: [LocatedError]) { self.errors = errors }
    /// One printable line per error.
    public var lines: [String] { errors.map(\.description) }
    public var description: String { lines.joined(separator: "\n") }
}

extension ReportDiff {
    /// Reads a report written by `dragnet investigate --format json` (or `jsonl`).
    public static func readReport(_ path: String) throws(DiffError) -> DiffSide {
        func notAReport(_ message: String) -> DiffError {
            DiffError([LocatedError(code: RuleTestCode.diffNotAReport, message: message, path: path)])
        }
        let data: Data
        do {
            data = Data(try ReadOnlyFile.read(path))
        } catch {
            let why = switch error.kind {
            case .notFound: "no such file"
            case .isFolder: "this is a folder, not a report file"
            case .cannotOpen, .cannotRead, .tooLarge: "the report cannot be read (permission denied?)"
            }
            throw DiffError([LocatedError(code: RuleTestCode.diffUnreadable, message: why, path: path)])
        }
        var rows: [[String: Any]] = []
        var investigation: [String: Any]?
        if let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            guard let matches = document["matches"] as? [[String: Any]] else {
                throw notAReport("no 'matches' list: this is not a report of dragnet investigate --format json")
            }
            rows = matches
            investigation = document["investigation"] as? [String: Any]
        } else {
            // JSON Lines: match lines, then a summary line.
            var sawLine = false
            for line in data.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                    throw notAReport("not JSON: give a report of dragnet investigate --format json")
                }
                sawLine = true
                if object["type"] as? String == "match" { rows.append(object) }
                if let inv = object["investigation"] as? [String: Any] { investigation = inv }
            }
            if !sawLine { throw notAReport("the file is empty") }
        }
        var items: [DiffItem] = []
        for (index, row) in rows.enumerated() {
            guard let source = row["source"] as? [String: Any], let sourcePath = source["path"] as? String else {
                throw notAReport("match \(index) has no source path")
            }
            let key = ItemKey(
                format: source["format"] as? String ?? "", path: sourcePath, index: source["index"] as? Int,
                pointer: source["pointer"] as? String, line: source["line"] as? Int)
            var filters: [FilterRef] = []
            for entry in row["matchedFilters"] as? [Any] ?? [] {
                if let object = entry as? [String: Any], let id = object["id"] as? String {
                    filters.append(FilterRef(id: id, label: object["label"] as? String ?? ""))
                } else if let id = entry as? String {
                    filters.append(FilterRef(id: id, label: ""))
                }
            }
            items.append(DiffItem(
                key: key, mailbox: row["mailbox"] as? String ?? "unknown", folder: row["folder"] as? String, messageId: row["messageId"] as? String,
                subject: row["subject"] as? String, from: row["from"] as? String, filters: filters))
        }
        return DiffSide(path: path, investigationName: investigation?["name"] as? String, investigationSHA256: investigation?["sha256"] as? String, matches: items)
    }

    /// Runs an investigation file (which may carry an `expect:` block) over `inputs`.
    public static func runInvestigation(_ path: String, inputs: [String], workers: Int, mailbox: String?, toolVersion: String) throws(DiffError) -> DiffSide {
        let loaded: LoadedInvestigation
        do {
            loaded = try RuleInvestigationFile.load(path: path)
        } catch {
            throw DiffError(error.errors)
        }
        let runner = InvestigationRunner(investigation: loaded.investigation, workers: max(1, workers), mailboxHint: mailbox, includeSnippets: false)
        let (report, _) = runner.run(paths: inputs, toolVersion: toolVersion, runOptions: ["mode": "diff"])
        return DiffSide(path: path, investigationName: loaded.investigation.name, investigationSHA256: loaded.investigation.fileSHA256, matches: report.matches.map(DiffItem.init))
    }
}

// MARK: Rendering

extension ReportDiff {
    /// The text form.
    public func text() -> String {
        func side(_ s: DiffSide) -> String {
            let name = s.investigationName.map { "\($0), " } ?? ""
            return "\(s.path) (\(name)\(s.matches.count) match\(s.matches.count == 1 ? "" : "es"))"
        }
        func describe(_ item: DiffItem) -> String {
            var parts = [item.key.description, item.mailbox]
            if let folder = item.folder { parts.append(folder) }
            if let id = item.messageId { parts.append("<\(id)>") }
            if let subject = item.subject { parts.append("\"\(MatchExplainer.clean(subject))\"") }
            return parts.joined(separator: "  ")
        }
        func filters(_ list: [FilterRef]) -> String { list.isEmpty ? "(none)" : list.map(\.description).joined(separator: ", ") }

        var out = "old: \(side(old))\nnew: \(side(new))\n"
        if !hasChanges {
            out += "no changes: the same \(unchanged) match\(unchanged == 1 ? "" : "es") for the same filters\n"
            return out
        }
        if !newlyMatched.isEmpty {
            out += "\nnewly matched (\(newlyMatched.count)):\n"
            for item in newlyMatched { out += "  + \(describe(item))\n      filters: \(filters(item.filters))\n" }
        }
        if !noLongerMatched.isEmpty {
            out += "\nno longer matched (\(noLongerMatched.count)):\n"
            for item in noLongerMatched { out += "  - \(describe(item))\n      filters: \(filters(item.filters))\n" }
        }
        if !differentFilters.isEmpty {
            out += "\nmatched for different filters (\(differentFilters.count)):\n"
            for change in differentFilters {
                out += "  ~ \(describe(change.new))\n"
                out += "      before: \(filters(change.old.filters))\n"
                out += "      after:  \(filters(change.new.filters))\n"
            }
        }
        out += "\n\(newlyMatched.count) newly matched, \(noLongerMatched.count) no longer matched, \(differentFilters.count) matched for different filters, \(unchanged) unchanged\n"
        return out
    }

    /// The JSON form (`--format json`): `old`, `new`, `summary`, `newlyMatched`, `noLongerMatched`,
    /// `differentFilters`.
    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 4096, prettyDepth: 0, scalarArraysOnOneLine: false)
        func side(_ s: DiffSide) {
            w.beginObject()
            w.field("path", s.path)
            w.field("investigation", s.investigationName)
            w.field("sha256", s.investigationSHA256)
            w.field("matches", s.matches.count)
            w.endObject()
        }
        func filters(_ name: String, _ list: [FilterRef]) {
            w.key(name)
            w.beginArray()
            for f in list {
                w.beginObject()
                w.field("id", f.id)
                w.field("label", f.label)
                w.endObject()
            }
            w.endArray()
        }
        func itemFields(_ item: DiffItem) {
            w.field("mailbox", item.mailbox)
            w.field("folder", item.folder)
            w.key("source")
            w.beginObject()
            w.field("format", item.key.format)
            w.field("path", item.key.path)
            if let index = item.key.index { w.field("index", index) }
            if let pointer = item.key.pointer { w.field("pointer", pointer) }
            if let line = item.key.line { w.field("line", line) }
            w.endObject()
            w.field("messageId", item.messageId)
            w.field("from", item.from)
            w.field("subject", item.subject)
        }
        w.beginObject()
        w.key("old")
        side(old)
        w.key("new")
        side(new)
        w.key("summary")
        w.beginObject()
        w.field("newlyMatched", newlyMatched.count)
        w.field("noLongerMatched", noLongerMatched.count)
        w.field("differentFilters", differentFilters.count)
        w.field("unchanged", unchanged)
        w.endObject()
        for (name, list) in [("newlyMatched", newlyMatched), ("noLongerMatched", noLongerMatched)] {
            w.key(name)
            w.beginArray()
            for item in list {
                w.beginObject()
                itemFields(item)
                filters("matchedFilters", item.filters)
                w.endObject()
            }
            w.endArray()
        }
        w.key("differentFilters")
        w.beginArray()
        for change in differentFilters {
            w.beginObject()
            itemFields(change.new)
            filters("oldFilters", change.old.filters)
            filters("newFilters", change.new.filters)
            filters("addedFilters", change.added)
            filters("removedFilters", change.removed)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        var out = w.bytes
        out.append(0x0A)
        return out
    }
}
