public import MailModel
/// One thing read from a Graph JSON file.
public enum GraphRecord: Sendable {
    /// A message (any `message` subtype, or an object that looks like one).
    case message(GraphMessage, GraphLocation)
    /// A user (`users.json`, `/me`).
    case user(GraphUser, GraphLocation)
    /// A group with members (`groups.json`).
    case group(GraphGroup, GraphLocation)
    /// A mail folder (`mailFolders.json`).
    case folder(GraphMailFolder, GraphLocation)
    /// A stand-alone attachment (an `/attachments/{id}` response); an item attachment's `item` is a message.
    case attachment(GraphAttachment, GraphLocation)
    /// The end of a collection — a page `{"value": [...]}` or a bare array — after its elements:
    /// its paging links and element count.
    case page(GraphPage)
    /// A value that is none of the above (another Graph resource such as a sign-in log, a delta
    /// tombstone, an unknown object, a scalar).
    case other(GraphOther, GraphLocation)
    /// Something about the file: invalid JSON that was skipped, an error page, the file ending
    /// inside a value, an encoding problem.
    case diagnostic(GraphDiagnostic)

    /// The location of the record's value (`nil` for diagnostics).
    public var location: GraphLocation? {
        switch self {
        case .message(_, let l), .user(_, let l), .group(_, let l), .folder(_, let l), .attachment(_, let l), .other(_, let l): l
        case .page(let page): page.location
        case .diagnostic: nil
        }
    }
}

/// A collection that ended: a page or a bare array.
public struct GraphPage: Sendable {
    /// Location of the page object or the array.
    public var location: GraphLocation
    /// A page object `{"value": [...]}` (else a bare array).
    public var isPage: Bool
    public var odataContext: String?
    public var nextLink: String?
    public var deltaLink: String?
    /// `@odata.count`, when the exporter asked for it.
    public var count: Int64?
    /// Elements in the collection, including those that could not be read.
    public var elementCount: Int
    /// `false` when the file ended, or invalid JSON forced the reader out, before the collection closed.
    public var isComplete: Bool
    /// The page's members other than `value`.
    public var envelope: JSONObject?

    /// The mailbox named by ``odataContext``.
    public var mailbox: String? { odataContext.flatMap { GraphContext.mailbox(fromContext: $0) } }
}

/// A value the reader does not turn into a resource.
public struct GraphOther: Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// A delta-query tombstone `{"id": ..., "@removed": {"reason": ...}}`.
        case tombstone
        /// An object whose `@odata.type` names another resource (an event, a sign-in, ...).
        case otherResource = "other-resource"
        /// An object that looks like no Graph resource the reader knows.
        case unknownObject = "unknown-object"
        /// A string, number, Boolean or `null`.
        case scalar
    }

    public var kind: Kind
    public var odataType: String?
    public var value: JSONValue
    public var diagnostics: [GraphDiagnostic]
    /// For a resource the reader recognises but does not read (kind `other-resource`, `tombstone`):
    /// what it is, for notes — the `@odata.type` without its namespace (`event`, `contact`), else the
    /// entity set of the `@odata.context` (`events`), else `deleted item` for a tombstone.
    public var resourceName: String?

    public init(kind: Kind, odataType: String?, value: JSONValue, diagnostics: [GraphDiagnostic], resourceName: String? = nil) {
        self.kind = kind
        self.odataType = odataType
        self.value = value
        self.diagnostics = diagnostics
        self.resourceName = resourceName
    }
}

/// What a Graph JSON file holds, judged from its first records (see ``GraphReader/classify(path:options:maxRecords:)``).
public enum GraphFileKind: String, Sendable, Hashable {
    case messages
    case users
    case groups
    case folders
    case attachments
    /// A saved Graph error response.
    case errorPage = "error-page"
    /// JSON, but no Graph resource the reader knows (sign-in logs, inbox rules, ...).
    case otherJSON = "other-json"
    /// No JSON value at all.
    case empty
    /// Nothing readable: invalid JSON only.
    case invalidJSON = "invalid-json"
}

/// Reads a Graph JSON export file as ``GraphRecord`` values, streaming (see ``JSONStreamReader`` for
/// the container shapes, encodings, pointers and resynchronisation rules).
///
/// ```swift
/// let reader = try GraphReader(path: "export/alice@contoso.com/messages.json")
/// for record in reader {
///     if case .message(let message, let location) = record { ... }
/// }
/// ```
///
/// Each value is classified, in this order: an error page `{"error": {...}}` (a `graph.error-page`
/// diagnostic); a page nested in an array (its elements); a delta tombstone; by `@odata.type`
/// (`message` and its subtypes, `user`, `group`, `mailFolder`/`mailSearchFolder`, attachments); by the
/// entity set of the `@odata.context` in effect (`…/messages`, `users`, `…/mailFolders`,
/// `…/attachments`, `groups`); by its keys (`internetMessageId`, `receivedDateTime`, … → message;
/// `userPrincipalName` → user; `members` → group; `childFolderCount`, … → folder); else `.other`.
public final class GraphReader: Sequence, IteratorProtocol {
    /// The underlying JSON reader.
    public let json: JSONStreamReader
    public var options: GraphReaderOptions { json.options }
    private var pending: [GraphRecord?] = []
    private var pendingHead = 0
    private var classifier: GraphClassifier

    /// Opens `path` read-only.
    ///
    /// - Throws: ``GraphExportError`` only when the file cannot be opened.
    public init(path: String, options: GraphReaderOptions = .default) throws(GraphExportError) {
        json = try JSONStreamReader(path: path, options: options)
        classifier = GraphClassifier(options: options)
    }

    /// Reads JSON text held in memory.
    public init(bytes: [UInt8], options: GraphReaderOptions = .default) {
        json = JSONStreamReader(bytes: bytes, options: options)
        classifier = GraphClassifier(options: options)
    }

    /// Reads a JSON Lines file again from `point`, taken by ``resumePoint`` on an earlier read of its
    /// first part: the records a reader of the whole file gives from there on.
    public init(path: String, options: GraphReaderOptions = .default, resumingAt point: JSONResumePoint) throws(GraphExportError) {
        json = try JSONStreamReader(path: path, options: options, resumingAt: point)
        classifier = GraphClassifier(options: options)
    }

    /// In a JSON Lines file, the latest place it can be read again from (see ``JSONStreamReader/resumePoint``).
    public var resumePoint: JSONResumePoint? { json.resumePoint }

    /// The largest size the read buffer reached, in bytes.
    public var highWaterBufferBytes: Int { json.highWaterBufferBytes }
    /// The read buffer's current size, in bytes.
    public var bufferBytes: Int { json.bufferBytes }
    /// The text encoding detected.
    public var encoding: GraphTextEncoding { json.encoding }
    /// Whether the file was recognised as JSON Lines.
    public var isJSONLines: Bool { json.isJSONLines }
    /// The value the last record (other than a `.page` or `.diagnostic`) came from, as the JSON
    /// reader yielded it: a top-level value or one element of a streamed collection. Every record of
    /// that value lies inside it (its pointer starts with the span's). With
    /// ``GraphValueAddress`` it lets a value be read again later without reading the file up to it.
    public private(set) var currentValue: GraphValueSpan?

    /// The next record, or `nil` at the end of the file.
    public func next() -> GraphRecord? {
        while pendingHead >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingHead = 0
            guard let event = json.next() else { return nil }
            switch event {
            case .diagnostic(let d):
                return .diagnostic(d)
            case .collectionEnd(let info):
                return .page(Self.page(info))
            case .value(let value, let info):
                currentValue = GraphValueSpan(byteOffset: info.location.byteOffset, textLength: info.byteLength, location: info.location)
                var records = classifier.records(for: value, info: info)
                if records.count == 1 { return records.removeLast() }
                pending = records.map { $0 }
            }
        }
        let record = pending[pendingHead].take()
        pendingHead += 1
        return record
    }

    static func page(_ info: JSONCollectionInfo) -> GraphPage {
        let envelope = info.envelope
        return GraphPage(
            location: info.location, isPage: info.isPage,
            odataContext: envelope?["@odata.context"]?.stringValue ?? info.location.odataContext,
            nextLink: envelope?["@odata.nextLink"]?.stringValue, deltaLink: envelope?["@odata.deltaLink"]?.stringValue,
            count: envelope?["@odata.count"]?.numberValue?.int64, elementCount: info.elementCount,
            isComplete: info.isComplete, envelope: envelope)
    }

    /// Whether the first bytes of a file look like JSON: after a BOM (or in UTF-16), the first
    /// non-white-space character is `{` or `[`. For sniffing a file's format by content.
    public static func looksLikeJSON(_ prefix: [UInt8]) -> Bool {
        let encoding = GraphTextEncoding.detect(prefix)
        var i = encoding.bomLength
        // The first character that is not white space, read in the detected encoding.
        while i < prefix.count {
            let c: UInt8
            switch encoding {
            case .utf8, .utf8BOM:
                c = prefix[i]
                i += 1
            case .utf16LE, .utf16LENoBOM, .utf16BE, .utf16BENoBOM:
                guard i + 1 < prefix.count else { return false }
                let (hi, lo) = encoding.isBigEndian ? (prefix[i], prefix[i + 1]) : (prefix[i + 1], prefix[i])
                c = hi == 0 ? lo : 0xFF
                i += 2
            }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { continue }
            return c == UInt8(ascii: "{") || c == UInt8(ascii: "[")
        }
        return false
    }

    /// What a file holds, judged from its first records (at most `maxRecords`): the kind of the first
    /// resource found, else an error page, other JSON, empty or invalid JSON. Only the start of the
    /// file is parsed (the first element of a huge page is enough), though the reader's look-ahead
    /// scans the first value to its end.
    ///
    /// - Throws: ``GraphExportError`` when the file cannot be opened.
    public static func classify(
        path: String, options: GraphReaderOptions = .default, maxRecords: Int = 64
    ) throws(GraphExportError) -> GraphFileKind {
        classify(records: try GraphReader(path: path, options: options), maxRecords: maxRecords)
    }

    /// ``classify(path:options:maxRecords:)`` for text in memory.
    public static func classify(bytes: [UInt8], options: GraphReaderOptions = .default, maxRecords: Int = 64) -> GraphFileKind {
        classify(records: GraphReader(bytes: bytes, options: options), maxRecords: maxRecords)
    }

    private static func classify(records reader: GraphReader, maxRecords: Int) -> GraphFileKind {
        var sawOther = false
        var sawError = false
        var sawEmpty = false
        var seen = 0
        while seen < maxRecords, let record = reader.next() {
            seen += 1
            switch record {
            case .message: return .messages
            case .user: return .users
            case .group: return .groups
            case .folder: return .folders
            case .attachment: return .attachments
            case .other: sawOther = true
            case .page: break
            case .diagnostic(let d):
                if d.code == .errorPage { sawError = true }
                if d.code == .emptyFile { sawEmpty = true }
            }
        }
        if sawError { return .errorPage }
        if sawOther { return .otherJSON }
        if sawEmpty { return .empty }
        return seen == 0 ? .empty : .invalidJSON
    }
}

/// Classifies yielded values and builds the resources.
struct GraphClassifier {
    let options: GraphReaderOptions
    private var parseDiagnostics: [GraphDiagnostic] = []
    /// The entity set of the last context seen (every element of a page shares it).
    private var cachedContext: String?
    private var cachedEntitySet: String?

    init(options: GraphReaderOptions) {
        self.options = options
    }

    /// The records for one yielded value. Diagnostics found while parsing it go to the resource
    /// they are inside (by pointer); the others come first, as diagnostic records.
    mutating func records(for value: JSONValue, info: JSONValueInfo) -> [GraphRecord] {
        parseDiagnostics = info.diagnostics
        var out: [GraphRecord] = []
        expand(value, location: info.location, context: info.location.odataContext, depth: 0, into: &out)
        if !parseDiagnostics.isEmpty {
            out.insert(contentsOf: parseDiagnostics.map(GraphRecord.diagnostic), at: 0)
        }
        return out
    }

    /// Takes the parse diagnostics that lie inside `pointer`.
    private mutating func takeDiagnostics(inside pointer: String) -> [GraphDiagnostic] {
        guard !parseDiagnostics.isEmpty else { return [] }
        var taken: [GraphDiagnostic] = []
        parseDiagnostics.removeAll { d in
            guard let p = d.pointer, pointer.isEmpty || p == pointer || p.hasPrefix(pointer + "/") else { return false }
            taken.append(d)
            return true
        }
        return taken
    }

    private mutating func expand(
        _ value: JSONValue, location: GraphLocation, context: String?, depth: Int, into out: inout [GraphRecord]
    ) {
        switch value {
        case .array(let elements) where depth < 8:
            for (i, element) in elements.enumerated() {
                var l = location
                l.pointer += "/\(i)"
                l.odataContext = element.objectValue.flatMap { ResourceBuilder.annotations($0).context } ?? context
                expand(element, location: l, context: context, depth: depth + 1, into: &out)
            }
            out.append(.page(GraphPage(
                location: location, isPage: false, odataContext: context, nextLink: nil, deltaLink: nil, count: nil,
                elementCount: elements.count, isComplete: true, envelope: nil)))
        case .object(let object):
            let shape = Shape(object)
            if shape.error != nil, shape.otherKeys == 0, let error = errorPage(object, location: location) {
                out.append(.diagnostic(error))
                return
            }
            if depth < 8, let responses = shape.responses, shape.valueArray == nil, shape.otherKeys == 0 {
                batchResponses(responses, location: location, depth: depth, into: &out)
                return
            }
            if depth < 8, let elements = shape.valueArray, shape.otherKeys == 0 {
                // A page inside an array (or a JSON Lines line read whole).
                let pageContext = object["@odata.context"]?.stringValue ?? context
                for (i, element) in elements.enumerated() {
                    var l = location
                    l.pointer += "/value/\(i)"
                    l.odataContext = element.objectValue.flatMap { ResourceBuilder.annotations($0).context } ?? pageContext
                    expand(element, location: l, context: pageContext, depth: depth + 1, into: &out)
                }
                var pageLocation = location
                pageLocation.odataContext = pageContext
                let envelope = JSONObject(object.members.filter { !asciiCaseInsensitiveEqual($0.key, "value") })
                out.append(.page(GraphReader.page(JSONCollectionInfo(
                    location: pageLocation, isPage: true, envelope: envelope, elementCount: elements.count, isComplete: true))))
                return
            }
            out.append(resource(object, location: location, context: context, removed: shape.removed))
        default:
            var diagnostics = takeDiagnostics(inside: location.pointer)
            if case .array = value {
                diagnostics.append(GraphDiagnostic(
                    code: .nestingTooDeep, message: "Arrays nested too deep were not read.", severity: .warning,
                    byteOffset: location.byteOffset, line: location.line, column: location.column, pointer: location.pointer))
            }
            out.append(.other(GraphOther(kind: .scalar, odataType: nil, value: value, diagnostics: diagnostics), location))
        }
    }

    /// A JSON batching response file (`POST /$batch`): `{"responses": [{"id", "status", "headers",
    /// "body"}]}`. Each 2xx `body` is read as the Graph value it holds (a message, a page, an
    /// attachments page), with its own `@odata.context`; pointers go into the batch
    /// (`/responses/3/body/value/0`). A response whose status is not 2xx is a diagnostic naming its id
    /// and its error.
    private mutating func batchResponses(_ responses: [JSONValue], location: GraphLocation, depth: Int, into out: inout [GraphRecord]) {
        for (i, element) in responses.enumerated() {
            var l = location
            l.pointer += "/responses/\(i)"
            guard case .object(let response) = element else {
                l.odataContext = nil
                out.append(.other(GraphOther(kind: .scalar, odataType: nil, value: element, diagnostics: takeDiagnostics(inside: l.pointer)), l))
                continue
            }
            let id = response["id"].flatMap { $0.stringValue ?? $0.numberValue?.text } ?? "?"
            l.batchResponseID = id
            let status = response["status"].flatMap { $0.numberValue?.int64 ?? $0.stringValue.flatMap { Int64($0) } }
            let body = response["body"]
            if let status, !(200..<300).contains(status) {
                var what = "status \(status)"
                if let error = body?["error"]?.objectValue {
                    let code = error["code"]?.stringValue ?? "unknown"
                    let message = error["message"]?.stringValue.map { PowerShellText.clip($0, 200) } ?? "no message"
                    what += " (\(code): \(message))"
                }
                out.append(.diagnostic(GraphDiagnostic(
                    code: .batchResponseError,
                    message: "Batch response '\(id)' has \(what); its request's data is not in the export.",
                    severity: .error, byteOffset: l.byteOffset, line: l.line, column: l.column, pointer: l.pointer)))
                _ = takeDiagnostics(inside: l.pointer)
                continue
            }
            // No body (204 No Content) or an empty one: nothing to read.
            guard let body, !body.isNull else { continue }
            l.pointer += "/body"
            l.odataContext = body.objectValue.flatMap { ResourceBuilder.annotations($0).context }
            expand(body, location: l, context: l.odataContext, depth: depth + 1, into: &out)
        }
    }

    /// What classification needs from an object, in one pass over its members.
    private struct Shape {
        var error: JSONObject?
        var valueArray: [JSONValue]?
        /// A JSON batching response's `responses` list.
        var responses: [JSONValue]?
        var removed = false
        /// Members other than annotations, `value` (array) and `error` (object).
        var otherKeys = 0

        init(_ object: JSONObject) {
            for member in object.members {
                let utf8 = member.key.utf8
                if utf8.first == UInt8(ascii: "@") {
                    if asciiCaseInsensitiveEqual(member.key, "@removed") { removed = true }
                    continue
                }
                if utf8.count == 5 {
                    if valueArray == nil, case .array(let a) = member.value, asciiCaseInsensitiveEqual(member.key, "value") {
                        valueArray = a
                        continue
                    }
                    if error == nil, case .object(let o) = member.value, asciiCaseInsensitiveEqual(member.key, "error") {
                        error = o
                        continue
                    }
                }
                if utf8.count == 9, responses == nil, case .array(let a) = member.value, asciiCaseInsensitiveEqual(member.key, "responses"),
                    a.allSatisfy({ $0.objectValue.map { $0.contains(key: "status") || $0.contains(key: "body") } ?? false })
                {
                    responses = a
                    continue
                }
                if member.key.utf8.contains(UInt8(ascii: "@")) { continue }
                otherKeys += 1
            }
        }
    }

    private func errorPage(_ object: JSONObject, location: GraphLocation) -> GraphDiagnostic? {
        guard let error = object["error"]?.objectValue, error["code"] != nil || error["message"] != nil else { return nil }
        guard object.members.allSatisfy({ $0.key.contains("@") || asciiCaseInsensitiveEqual($0.key, "error") }) else { return nil }
        let code = error["code"]?.stringValue ?? "unknown"
        let message = error["message"]?.stringValue.map { PowerShellText.clip($0, 200) } ?? "no message"
        return GraphDiagnostic(
            code: .errorPage,
            message: "The value is a Graph error response, not data (\(code): \(message)).",
            severity: .error, byteOffset: location.byteOffset, line: location.line, column: location.column,
            pointer: location.pointer)
    }

    private enum Kind {
        case message, user, group, folder, attachment, tombstone, otherResource, unknown
    }

    private mutating func resource(_ object: JSONObject, location: GraphLocation, context: String?, removed: Bool) -> GraphRecord {
        let annotations = ResourceBuilder.annotations(object)
        var location = location
        location.odataContext = annotations.context ?? context
        var builder = ResourceBuilder(options: options, location: location)
        let inherited = takeDiagnostics(inside: location.pointer)
        let resourceKind: Kind = removed ? .tombstone : kind(of: object, type: annotations.type, context: location.odataContext)
        if !options.readsFields {
            switch resourceKind {
            case .message: return .message(GraphMessage(), location)
            case .user: return .user(GraphUser(), location)
            case .group: return .group(GraphGroup(), location)
            case .folder: return .folder(GraphMailFolder(), location)
            case .attachment: return .attachment(GraphAttachment(), location)
            default: break
            }
        }
        switch resourceKind {
        case .message:
            var m = builder.message(object, pointer: location.pointer, depth: 0, annotations: annotations)
            m.diagnostics = inherited + m.diagnostics
            return .message(m, location)
        case .user:
            var u = builder.user(object, pointer: location.pointer)
            u.diagnostics = inherited + u.diagnostics
            return .user(u, location)
        case .group:
            var g = builder.group(object, pointer: location.pointer)
            g.diagnostics = inherited + g.diagnostics
            return .group(g, location)
        case .folder:
            var f = builder.folder(object, pointer: location.pointer)
            f.diagnostics = inherited + f.diagnostics
            return .folder(f, location)
        case .attachment:
            var a = builder.attachment(object, pointer: location.pointer, depth: 0)
            a.diagnostics = inherited + a.diagnostics
            return .attachment(a, location)
        case .tombstone:
            return .other(GraphOther(
                kind: .tombstone, odataType: annotations.type, value: .object(object), diagnostics: inherited,
                resourceName: "deleted item"), location)
        case .otherResource:
            let name = annotations.type.map(normalizedODataType) ?? location.odataContext.flatMap { entitySet($0) }
            return .other(GraphOther(
                kind: .otherResource, odataType: annotations.type, value: .object(object), diagnostics: inherited,
                resourceName: name), location)
        case .unknown:
            return .other(GraphOther(kind: .unknownObject, odataType: annotations.type, value: .object(object), diagnostics: inherited), location)
        }
    }

    private mutating func entitySet(_ context: String) -> String? {
        if context != cachedContext {
            cachedContext = context
            cachedEntitySet = GraphContext.entitySet(fromContext: context)?.lowercased()
        }
        return cachedEntitySet
    }

    private mutating func kind(of object: JSONObject, type: String?, context: String?) -> Kind {
        if let type {
            let t = normalizedODataType(type)
            switch t {
            case "user": return .user
            case "group": return .group
            case "mailfolder", "mailsearchfolder": return .folder
            case "fileattachment", "itemattachment", "referenceattachment": return .attachment
            default:
                if t == "message" || t.hasSuffix("message") || t.hasPrefix("eventmessage") { return .message }
                return .otherResource
            }
        }
        if let context, let set = entitySet(context) {
            switch set {
            case "messages": return .message
            case "users", "me": return looksLikeUser(object) || !looksLikeMessage(object) ? .user : .message
            case "mailfolders", "childfolders": return .folder
            case "attachments": return .attachment
            case "groups": return .group
            default:
                // A collection of another Outlook or directory resource: whatever its keys look like.
                if Self.otherEntitySets.contains(set) { return .otherResource }
            }
        }
        if looksLikeMessage(object) { return .message }
        let keys = Set(object.members.map { $0.key.lowercased() })
        if keys.contains("contentbytes") || (keys.contains("item") && (keys.contains("isinline") || keys.contains("size"))) {
            return .attachment
        }
        if keys.contains("members") { return .group }
        if keys.contains("displayname"),
            !keys.isDisjoint(with: ["childfoldercount", "totalitemcount", "unreaditemcount", "wellknownname"])
        {
            return .folder
        }
        if looksLikeUser(object) { return .user }
        if keys.contains("displayname"), !keys.isDisjoint(with: ["grouptypes", "mailenabled", "securityenabled"]) { return .group }
        if options.untypedObjects == .folder, !keys.isDisjoint(with: ["id", "displayname"]) { return .folder }
        return .unknown
    }

    /// Entity sets (lower-cased) of resources that are not mail, which the reader recognises and
    /// does not read: calendars, contacts, tasks, sign-ins and the like.
    static let otherEntitySets: Set<String> = [
        "events", "calendarview", "instances", "calendars", "calendargroups", "contacts", "contactfolders",
        "people", "tasks", "todo", "lists", "messagerules", "signins", "directoryaudits", "auditlogs",
        "chats", "channels", "onlinemeetings", "drives", "items", "children",
    ]

    /// A message by its keys: one that only messages have, two that messages share with other mail
    /// resources, or a `subject` alone (a `$select=subject` export) when nothing says event or chat.
    private func looksLikeMessage(_ object: JSONObject) -> Bool {
        var weak = 0
        var subject = false
        var otherResource = false
        for member in object.members {
            switch member.key.lowercased() {
            case "internetmessageid", "receiveddatetime", "sentdatetime", "torecipients", "ccrecipients", "bccrecipients",
                "bodypreview", "internetmessageheaders", "conversationid", "isdraft", "hasattachments", "uniquebody":
                return true
            case "subject":
                subject = true
                weak += 1
            case "from", "sender", "body", "replyto":
                weak += 1
            case "start", "end", "organizer", "attendees", "location", "messagetype", "chatid", "channelidentity":
                otherResource = true
            default:
                break
            }
        }
        return weak >= 2 || (subject && !otherResource)
    }

    private func looksLikeUser(_ object: JSONObject) -> Bool {
        var upn = false
        var identity = false
        for member in object.members {
            switch member.key.lowercased() {
            case "userprincipalname": upn = true
            case "id", "mail", "displayname", "givenname", "surname", "jobtitle", "businessphones": identity = true
            case "appid", "ipaddress", "userid", "clientappused", "correlationid", "resourceid": return false
            default: break
            }
        }
        return upn && identity
    }
}
