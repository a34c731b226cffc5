import GraphExport
import Ingest
import MailModel

/// A Graph JSON file: the records read from memory with the default buffer (as files up to 64 MiB
/// are read) equal those read from the file through a tiny buffer (as larger files are streamed);
/// every message becomes a valid `inspect` record and a normalized item.
enum GraphFuzzTarget {
    static func run(_ input: [UInt8], options: FuzzOptions, into violations: inout Violations) {
        _ = GraphReader.looksLikeJSON(Array(input.prefix(8192)))
        let reference = Read(GraphReader(bytes: input))
        for record in reference.records {
            guard case .message(let message, let location) = record else { continue }
            let source = MessageSource(format: "graph-json", path: "fuzz.json", pointer: location.pointer, line: location.jsonLine)
            let line = InspectRecord(graph: message, source: source).jsonLine()
            violations.check(StrictJSON.isOneLineObject(line), "the inspect record is not one line of valid JSON: \(excerpt(String(decoding: line, as: UTF8.self)))")
            let item = GraphItemNormalizer().item(from: message, source: source, mailbox: "fuzz@example.com", folder: "Inbox")
            for attachment in item.attachments.value ?? [] where attachment.hasContent { _ = attachment.content() }
        }

        guard let file = ScratchFile(input, suffix: ".json") else {
            violations.add("no temporary file could be written")
            return
        }
        var small = GraphReaderOptions()
        small.bufferSize = 16 + input.count % 17
        let streamed: Read
        do {
            streamed = Read(try GraphReader(path: file.path, options: small))
        } catch {
            violations.add("the scratch file could not be opened: \(error)")
            return
        }
        // Known (see `FuzzOptions.strictGraphBuffers`): an `@odata.context` after `value` changes
        // how held-back elements are classified, not only their context.
        if !options.strictGraphBuffers, contextFollowsValue(input) { return }
        compare(reference, streamed, bufferSize: small.bufferSize, strict: options.strictGraphBuffers, into: &violations)
    }

    /// Whether the first `"@odata.context"` of the text comes after its first `"value"` (in any case,
    /// as the reader takes PascalCase keys).
    static func contextFollowsValue(_ input: [UInt8]) -> Bool {
        func first(_ needle: String) -> Int? {
            let n = Array(needle.utf8)
            guard input.count >= n.count else { return nil }
            return (0 ... input.count - n.count).first { i in
                zip(input[i ..< i + n.count], n).allSatisfy { ($0 &- 0x41 < 26 ? $0 | 0x20 : $0) == $1 }
            }
        }
        guard let value = first("\"value\"") else { return false }
        guard let context = first("\"@odata.context\"") else { return false }
        return context > value
    }

    /// Everything one reader yielded.
    struct Read {
        var records: [GraphRecord] = []
        var encoding: GraphTextEncoding
        var isJSONLines: Bool
        var hasSeveralValues: Bool

        init(_ reader: GraphReader) {
            while let record = reader.next() { records.append(record) }
            encoding = reader.encoding
            isJSONLines = reader.isJSONLines
            hasSeveralValues = reader.json.hasSeveralValues
        }
    }

    /// A record with every field compared (GraphPage and GraphOther are not Equatable themselves).
    enum Key: Equatable {
        case message(GraphMessage, GraphLocation)
        case user(GraphUser, GraphLocation)
        case group(GraphGroup, GraphLocation)
        case folder(GraphMailFolder, GraphLocation)
        case attachment(GraphAttachment, GraphLocation)
        case page(GraphLocation, Bool, String?, String?, String?, Int64?, Int, Bool, JSONObject?)
        case other(GraphOther.Kind, String?, JSONValue, [GraphDiagnostic], GraphLocation)
        case diagnostic(GraphDiagnostic)
    }

    /// What the known differences (see ``FuzzOptions/strictGraphBuffers``) leave out of the comparison.
    struct Mask {
        var pointers = false
        var contexts = false

        func apply(_ l: GraphLocation) -> GraphLocation {
            var l = l
            if pointers { l.pointer = "" }
            if contexts { l.odataContext = nil }
            return l
        }

        func apply(_ d: GraphDiagnostic) -> GraphDiagnostic {
            var d = d
            if pointers { d.pointer = nil }
            return d
        }

        func apply(_ m: GraphMessage) -> GraphMessage {
            var m = m
            m.diagnostics = m.diagnostics.map(apply)
            if case .present(let list) = m.attachments { m.attachments = .present(list.map(apply)) }
            return m
        }

        func apply(_ a: GraphAttachment) -> GraphAttachment {
            var a = a
            a.diagnostics = a.diagnostics.map(apply)
            if case .present(let item) = a.item { a.item = .present(apply(item)) }
            return a
        }

        func apply(_ u: GraphUser) -> GraphUser {
            var u = u
            u.diagnostics = u.diagnostics.map(apply)
            return u
        }

        func apply(_ g: GraphGroup) -> GraphGroup {
            var g = g
            g.diagnostics = g.diagnostics.map(apply)
            return g
        }

        func apply(_ f: GraphMailFolder) -> GraphMailFolder {
            var f = f
            f.diagnostics = f.diagnostics.map(apply)
            if case .present(let children) = f.childFolders { f.childFolders = .present(children.map(apply)) }
            return f
        }

        func key(_ record: GraphRecord) -> Key {
            switch record {
            case .message(let m, let l): .message(apply(m), apply(l))
            case .user(let u, let l): .user(apply(u), apply(l))
            case .group(let g, let l): .group(apply(g), apply(l))
            case .folder(let f, let l): .folder(apply(f), apply(l))
            case .attachment(let a, let l): .attachment(apply(a), apply(l))
            case .page(let p):
                .page(apply(p.location), p.isPage, p.odataContext, p.nextLink, p.deltaLink, p.count, p.elementCount, p.isComplete, p.envelope)
            case .other(let o, let l): .other(o.kind, o.odataType, o.value, o.diagnostics.map(apply), apply(l))
            case .diagnostic(let d): .diagnostic(apply(d))
            }
        }
    }

    static func compare(_ a: Read, _ b: Read, bufferSize: Int, strict: Bool, into violations: inout Violations) {
        let what = "the default buffer and a \(bufferSize)-byte buffer read differently"
        violations.check(a.encoding == b.encoding, "\(what): encoding \(a.encoding) / \(b.encoding)")
        var mask = Mask()
        if !strict {
            // Known: a first JSON Lines line over one buffer; pointers of concatenated values;
            // an `@odata.context` after `value`.
            if a.isJSONLines != b.isJSONLines { return }
            mask.pointers = a.hasSeveralValues || b.hasSeveralValues
            mask.contexts = true
        }
        violations.check(a.isJSONLines == b.isJSONLines, "\(what): JSON Lines \(a.isJSONLines) / \(b.isJSONLines)")
        if strict {
            violations.check(a.hasSeveralValues == b.hasSeveralValues, "\(what): several values \(a.hasSeveralValues) / \(b.hasSeveralValues)")
        }
        let x = a.records.map(mask.key)
        let y = b.records.map(mask.key)
        guard x != y else { return }
        let counts = x.count == y.count ? "" : " (\(x.count) records / \(y.count): \(excerpt(a.records.map(label))) / \(excerpt(b.records.map(label))))"
        if let n = (0 ..< min(x.count, y.count)).first(where: { x[$0] != y[$0] }) {
            violations.add("\(what)\(counts): record \(n): \(difference(x[n], y[n]))")
        } else {
            violations.add("\(what)\(counts)")
        }
    }

    static func label(_ record: GraphRecord) -> String {
        switch record {
        case .message(_, let l): "message \(l.pointer)"
        case .user(_, let l): "user \(l.pointer)"
        case .group(_, let l): "group \(l.pointer)"
        case .folder(_, let l): "folder \(l.pointer)"
        case .attachment(_, let l): "attachment \(l.pointer)"
        case .page(let p): "page \(p.location.pointer)"
        case .other(let o, let l): "other \(o.kind) \(l.pointer)"
        case .diagnostic(let d): "diagnostic \(d.code)"
        }
    }
}
