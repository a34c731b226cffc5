import MailModel
/// A JSON pointer built only when a diagnostic needs it: `base` + `/key` + `/index` + `/sub`.
struct FieldPath {
    var base: String
    var key: String?
    var index: Int = -1
    var sub: String?

    init(_ base: String, _ key: String? = nil, index: Int = -1, sub: String? = nil) {
        self.base = base
        self.key = key
        self.index = index
        self.sub = sub
    }

    var string: String {
        var p = base
        if let key { p += "/" + escapePointerToken(key) }
        if index >= 0 { p += "/\(index)" }
        if let sub { p += "/" + escapePointerToken(sub) }
        return p
    }

    /// The path of element `i` of this (list) field.
    func element(_ i: Int) -> FieldPath {
        if index < 0 && sub == nil { return FieldPath(base, key, index: i) }
        return FieldPath(string, nil, index: i)
    }

    /// The path of member `name` of this (object) field.
    func member(_ name: String) -> FieldPath {
        if sub == nil { return FieldPath(base, key, index: index, sub: name) }
        return FieldPath(string, name)
    }
}

/// Turns JSON objects into Graph resources: case-insensitive keys, annotations, absent vs `null`,
/// PowerShell truncation, dates, nested item attachments.
struct ResourceBuilder {
    let options: GraphReaderOptions
    let location: GraphLocation?
    private(set) var diagnostics: [GraphDiagnostic] = []

    init(options: GraphReaderOptions, location: GraphLocation?) {
        self.options = options
        self.location = location
    }

    // MARK: Diagnostics

    mutating func problem(
        _ code: GraphDiagnostic.Code, _ message: String, pointer path: FieldPath, severity: GraphDiagnostic.Severity? = nil
    ) {
        problem(code, message, pointer: path.string, severity: severity)
    }

    mutating func problem(
        _ code: GraphDiagnostic.Code, _ message: String, pointer: String, severity: GraphDiagnostic.Severity? = nil
    ) {
        let severity = severity ?? code.diagnosticCode.severity
        diagnostics.append(GraphDiagnostic(
            code: code, message: message, severity: severity, byteOffset: location?.byteOffset, line: location?.line,
            column: location?.column, pointer: pointer))
    }

    // MARK: Scalars

    mutating func string(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<String> {
        switch value {
        case .string(let s): return .present(s)
        case .null: return .null
        case .number(let n):
            // A number where a string was expected: kept as its text (ids and the like).
            return .present(n.text)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a string was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    mutating func bool(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<Bool> {
        switch value {
        case .bool(let b): return .present(b)
        case .null: return .null
        case .string(let s) where s.lowercased() == "true" || s.lowercased() == "false":
            return .present(s.lowercased() == "true")
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a Boolean was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    mutating func integer(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<Int64> {
        switch value {
        case .number(let n):
            if let i = n.int64 { return .present(i) }
        case .string(let s):
            if let i = Int64(s.trimmingASCIIWhitespace()) { return .present(i) }
        case .null:
            return .null
        default:
            break
        }
        problem(.unexpectedType, "'\(field)' is not an integer; it was not read.", pointer: pointer)
        return .unreadable(value)
    }

    mutating func date(_ value: JSONValue, _ pointer: FieldPath) -> GraphField<GraphDate> {
        let reading = GraphDate.read(value)
        for (code, message) in reading.problems { problem(code, message, pointer: pointer) }
        return reading.field
    }

    mutating func stringList(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<[String]> {
        switch value {
        case .array(let elements):
            return .present(elements.compactMap { element in
                switch element {
                case .string(let s): s
                case .number(let n): n.text
                default: nil
                }
            })
        case .null: return .null
        case .string(let s):
            if PowerShellText.looksTruncated(s) { return truncated(s, pointer, field: field) }
            return .present([s])
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a list was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    /// Records a field cut by PowerShell.
    mutating func truncated<T>(_ text: String, _ pointer: FieldPath, field: String) -> GraphField<T> {
        problem(
            .truncatedExport,
            "'\(field)' arrived as the string '\(PowerShellText.clip(text))' where an object or list was expected; the export was cut by PowerShell's ConvertTo-Json depth, so its value is unknown.",
            pointer: pointer)
        return .truncated(text)
    }

    // MARK: Recipients

    mutating func recipient(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<GraphRecipient> {
        switch value {
        case .null:
            return .null
        case .object(let object):
            return .present(recipient(object, pointer, field: field))
        case .string(let text):
            return .present(recipient(fromText: text, pointer, field: field))
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a recipient was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    private mutating func recipient(_ object: JSONObject, _ pointer: FieldPath, field: String) -> GraphRecipient {
        if let member = object.member("emailAddress") {
            let email = member.value
            let emailPointer = pointer.member(member.key)
            switch email {
            case .object(let address):
                return GraphRecipient(
                    name: address["name"]?.stringValue, address: address["address"]?.stringValue?.trimmingASCIIWhitespace())
            case .string(let text):
                return recipient(fromText: text, emailPointer, field: field)
            case .null:
                return GraphRecipient(name: nil, address: nil)
            default:
                problem(.unexpectedType, "'\(field).emailAddress' is a \(email.typeName); it was not read.", pointer: emailPointer)
                return GraphRecipient(name: nil, address: nil)
            }
        }
        // Flattened forms some tools write: {"name": ..., "address": ...}.
        return GraphRecipient(name: object["name"]?.stringValue, address: object["address"]?.stringValue?.trimmingASCIIWhitespace())
    }

    /// A recipient that arrived as a string: a PowerShell rendering (truncated; the address is
    /// recovered from `address=` / `Address:` when present) or a bare address.
    private mutating func recipient(fromText text: String, _ pointer: FieldPath, field: String) -> GraphRecipient {
        if PowerShellText.looksTruncated(text) {
            let address = PowerShellText.field("address", in: text)
            let name = PowerShellText.field("name", in: text)
            let recovered = address.map { " (address '\($0)' recovered)" } ?? ""
            problem(
                .truncatedExport,
                "'\(field)' arrived as the string '\(PowerShellText.clip(text))' where a recipient was expected; the export was cut by PowerShell's ConvertTo-Json depth\(recovered).",
                pointer: pointer)
            return GraphRecipient(name: name, address: address, truncatedText: text)
        }
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.contains("@"), !trimmed.contains(where: { $0 == " " || $0 == "{" || $0 == "}" }) {
            problem(.unexpectedType, "'\(field)' is a bare string; it was read as an address.", pointer: pointer, severity: .note)
            return GraphRecipient(name: nil, address: trimmed)
        }
        problem(
            .truncatedExport,
            "'\(field)' arrived as the string '\(PowerShellText.clip(text))' where a recipient was expected; its address is unknown.",
            pointer: pointer)
        return GraphRecipient(name: nil, address: nil, truncatedText: text)
    }

    mutating func recipients(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<[GraphRecipient]> {
        switch value {
        case .null:
            return .null
        case .array(let elements):
            var list: [GraphRecipient] = []
            list.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                let p = pointer.element(i)
                switch element {
                case .object(let object): list.append(recipient(object, p, field: field))
                case .string(let text): list.append(recipient(fromText: text, p, field: field))
                case .null: continue
                default:
                    problem(.unexpectedType, "An element of '\(field)' is a \(element.typeName); it was not read.", pointer: p)
                }
            }
            return .present(list)
        case .object(let object):
            // A single recipient where a list was expected (PowerShell unrolls one-element arrays).
            return .present([recipient(object, pointer, field: field)])
        case .string(let text):
            guard PowerShellText.looksTruncated(text) else {
                return .present([recipient(fromText: text, pointer, field: field)])
            }
            // A list rendered as a string: recover the items that carry an address.
            let items = PowerShellText.hashtableItems(text)
            let recovered = items.compactMap { item -> GraphRecipient? in
                guard let address = PowerShellText.field("address", in: item) else { return nil }
                return GraphRecipient(name: PowerShellText.field("name", in: item), address: address, truncatedText: item)
            }
            if !recovered.isEmpty, recovered.count == items.count {
                problem(
                    .truncatedExport,
                    "'\(field)' arrived as the string '\(PowerShellText.clip(text))'; the export was cut by PowerShell's ConvertTo-Json depth (\(recovered.count) address\(recovered.count == 1 ? "" : "es") recovered).",
                    pointer: pointer)
                return .present(recovered)
            }
            return truncated(text, pointer, field: field)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a list of recipients was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    // MARK: Body, headers, extended properties

    mutating func body(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<GraphBody> {
        switch value {
        case .null:
            return .null
        case .object(let object):
            let type = object["contentType"]?.stringValue.map(GraphBodyContentType.init)
            var content: String?
            if let member = object.member("content") {
                switch member.value {
                case .string(let s): content = s
                case .null: content = nil
                default:
                    problem(.unexpectedType, "'\(field).\(member.key)' is a \(member.value.typeName); it was not read.", pointer: pointer.member(member.key))
                }
            }
            return .present(GraphBody(contentType: type, content: content))
        case .string(let text):
            return truncated(text, pointer, field: field)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a body was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    mutating func headers(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<[GraphHeader]> {
        switch value {
        case .null:
            return .null
        case .array(let elements):
            var list: [GraphHeader] = []
            list.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                switch element {
                case .object(let object):
                    let name = object["name"]?.stringValue ?? ""
                    let value = object["value"]?.stringValue ?? ""
                    list.append(GraphHeader(name: name, value: value))
                case .string(let text):
                    // One header cut by PowerShell: the list is unreliable as a whole.
                    return truncated(text, pointer.element(i), field: field)
                case .null:
                    continue
                default:
                    problem(.unexpectedType, "An element of '\(field)' is a \(element.typeName); it was not read.", pointer: pointer.element(i))
                }
            }
            return .present(list)
        case .string(let text):
            return truncated(text, pointer, field: field)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a list was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    mutating func extendedProperties(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<[GraphExtendedProperty]> {
        switch value {
        case .null:
            return .null
        case .array(let elements):
            var list: [GraphExtendedProperty] = []
            for (i, element) in elements.enumerated() {
                guard case .object(let object) = element else {
                    if case .string(let text) = element { return truncated(text, pointer.element(i), field: field) }
                    continue
                }
                let id = object["id"]?.stringValue ?? object["PropertyId"]?.stringValue ?? ""
                let value: String?
                switch object["value"] {
                case .string(let s): value = s
                case .number(let n): value = n.text
                case .bool(let b): value = b ? "true" : "false"
                default: value = nil
                }
                list.append(GraphExtendedProperty(id: id, value: value))
            }
            return .present(list)
        case .string(let text):
            return truncated(text, pointer, field: field)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a list was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    // MARK: Annotations

    /// `@odata.*` read from an object and its PowerShell `AdditionalProperties`.
    struct Annotations {
        var type: String?
        var context: String?
        var etag: String?
    }

    /// One pass over the members: `@odata.type`, `@odata.context`, `@odata.etag`, also from a
    /// PowerShell `AdditionalProperties` bag.
    static func annotations(_ object: JSONObject) -> Annotations {
        var a = Annotations()
        var extra: JSONObject?
        for member in object.members {
            let utf8 = member.key.utf8
            guard let first = utf8.first else { continue }
            if first == UInt8(ascii: "@") {
                let count = utf8.count
                guard count == 11 || count == 14 || count == 15 else { continue }
                if a.type == nil, asciiCaseInsensitiveEqual(member.key, "@odata.type") { a.type = member.value.stringValue }
                else if a.context == nil, asciiCaseInsensitiveEqual(member.key, "@odata.context") { a.context = member.value.stringValue }
                else if a.etag == nil, asciiCaseInsensitiveEqual(member.key, "@odata.etag") { a.etag = member.value.stringValue }
            } else if first | 0x20 == UInt8(ascii: "a"), utf8.count == 20, asciiCaseInsensitiveEqual(member.key, "AdditionalProperties") {
                extra = member.value.objectValue
            }
        }
        if let extra, a.type == nil || a.context == nil || a.etag == nil {
            let inner = annotations(JSONObject(extra.members.filter { $0.key.hasPrefix("@") }))
            a.type = a.type ?? inner.type
            a.context = a.context ?? inner.context
            a.etag = a.etag ?? inner.etag
        }
        return a
    }

    // MARK: Message

    mutating func message(_ object: JSONObject, pointer: String, depth: Int, annotations: Annotations? = nil) -> GraphMessage {
        let firstDiagnostic = diagnostics.count
        var m = GraphMessage()
        let a = annotations ?? Self.annotations(object)
        m.odataType = a.type
        m.odataContext = a.context
        m.odataETag = a.etag
        for member in object.members {
            let key = member.key
            let value = member.value
            let p = FieldPath(pointer, key)
            if key.utf8.contains(UInt8(ascii: "@")) {
                let lower = key.lowercased()
                if lower == "@odata.type" || lower == "@odata.context" || lower == "@odata.etag" { continue }
                m.additionalMembers.append(member)
                continue
            }
            switch key.lowercased() {
            case "id": m.id = string(value, p, field: key)
            case "internetmessageid":
                m.internetMessageId = string(value, p, field: key).map(stripAngleBrackets)
            case "subject": m.subject = string(value, p, field: key)
            case "from": m.from = recipient(value, p, field: key)
            case "sender": m.sender = recipient(value, p, field: key)
            case "torecipients": m.toRecipients = recipients(value, p, field: key)
            case "ccrecipients": m.ccRecipients = recipients(value, p, field: key)
            case "bccrecipients": m.bccRecipients = recipients(value, p, field: key)
            case "replyto": m.replyTo = recipients(value, p, field: key)
            case "sentdatetime": m.sentDateTime = date(value, p)
            case "receiveddatetime": m.receivedDateTime = date(value, p)
            case "createddatetime": m.createdDateTime = date(value, p)
            case "lastmodifieddatetime": m.lastModifiedDateTime = date(value, p)
            case "body": m.body = body(value, p, field: key)
            case "uniquebody": m.uniqueBody = body(value, p, field: key)
            case "bodypreview": m.bodyPreview = string(value, p, field: key)
            case "internetmessageheaders": m.internetMessageHeaders = headers(value, p, field: key)
            case "singlevalueextendedproperties": m.singleValueExtendedProperties = extendedProperties(value, p, field: key)
            case "attachments": m.attachments = attachments(value, p, depth: depth, field: key)
            case "parentfolderid": m.parentFolderId = string(value, p, field: key)
            case "conversationid": m.conversationId = string(value, p, field: key)
            case "importance": m.importance = string(value, p, field: key)
            case "categories": m.categories = stringList(value, p, field: key)
            case "weblink": m.webLink = string(value, p, field: key)
            case "isread": m.isRead = bool(value, p, field: key)
            case "isdraft": m.isDraft = bool(value, p, field: key)
            case "hasattachments": m.hasAttachments = bool(value, p, field: key)
            case "meetingmessagetype": m.meetingMessageType = string(value, p, field: key)
            case "startdatetime": m.startDateTime = date(value, p)
            case "enddatetime": m.endDateTime = date(value, p)
            case "additionalproperties":
                if case .object(let extra) = value {
                    for inner in extra.members where !inner.key.lowercased().hasPrefix("@odata.") {
                        m.additionalMembers.append(inner)
                    }
                }
            default:
                m.additionalMembers.append(member)
            }
        }
        m.diagnostics = Array(diagnostics[firstDiagnostic...])
        return m
    }

    // MARK: Attachments

    mutating func attachments(_ value: JSONValue, _ pointer: FieldPath, depth: Int, field: String) -> GraphField<[GraphAttachment]> {
        switch value {
        case .null:
            return .null
        case .array(let elements):
            var list: [GraphAttachment] = []
            list.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                let p = pointer.element(i)
                switch element {
                case .object(let object):
                    list.append(attachment(object, pointer: p.string, depth: depth))
                case .string(let text):
                    return truncated(text, p, field: field)
                case .null:
                    continue
                default:
                    problem(.unexpectedType, "An element of '\(field)' is a \(element.typeName); it was not read.", pointer: p)
                }
            }
            return .present(list)
        case .object(let object):
            return .present([attachment(object, pointer: pointer.string, depth: depth)])
        case .string(let text):
            return truncated(text, pointer, field: field)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a list was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    /// An attachment; `depth` counts the item attachments around it.
    mutating func attachment(_ object: JSONObject, pointer: String, depth: Int) -> GraphAttachment {
        let firstDiagnostic = diagnostics.count
        let a = Self.annotations(object)
        var att = GraphAttachment()
        att.odataType = a.type
        for member in object.members {
            let key = member.key
            let value = member.value
            let p = FieldPath(pointer, key)
            if key.utf8.contains(UInt8(ascii: "@")) {
                if key.lowercased() != "@odata.type" { att.additionalMembers.append(member) }
                continue
            }
            switch key.lowercased() {
            case "id": att.id = string(value, p, field: key)
            case "name": att.name = string(value, p, field: key)
            case "contenttype": att.contentType = string(value, p, field: key)
            case "size": att.size = integer(value, p, field: key)
            case "isinline": att.isInline = bool(value, p, field: key)
            case "contentid": att.contentId = string(value, p, field: key)
            case "contentlocation": att.contentLocation = string(value, p, field: key)
            case "lastmodifieddatetime": att.lastModifiedDateTime = date(value, p)
            case "contentbytes": att.contentBytes = contentBytes(value, p, field: key)
            case "item": att.item = item(value, p, depth: depth, field: key)
            case "additionalproperties":
                if case .object(let extra) = value {
                    for inner in extra.members where !inner.key.lowercased().hasPrefix("@odata.type") {
                        att.additionalMembers.append(inner)
                    }
                }
            default: att.additionalMembers.append(member)
            }
        }
        switch a.type.map(normalizedODataType) {
        case "fileattachment": att.kind = .file
        case "itemattachment": att.kind = .item
        case "referenceattachment": att.kind = .reference
        default:
            // No (known) type: infer it from the content.
            if isCollectedNonNull(att.contentBytes) {
                att.kind = .file
            } else if isCollectedNonNull(att.item) {
                att.kind = .item
            } else {
                att.kind = .unknown
            }
        }
        att.diagnostics = Array(diagnostics[firstDiagnostic...])
        return att
    }

    private mutating func contentBytes(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<[UInt8]> {
        switch value {
        case .null:
            return .null
        case .string(let text):
            if PowerShellText.looksTruncated(text) { return truncated(text, pointer, field: field) }
            let bytes = Array(text.utf8)
            let check = Base64.check(bytes)
            if check.invalidCharacters > 0 || check.truncated {
                var what: [String] = []
                if check.invalidCharacters > 0 { what.append("\(check.invalidCharacters) character\(check.invalidCharacters == 1 ? "" : "s") outside base64 (skipped when decoding)") }
                if check.truncated { what.append("a cut final group (dropped when decoding)") }
                problem(.invalidBase64, "'\(field)' has " + what.joined(separator: " and ") + ".", pointer: pointer)
            }
            return .present(bytes)
        case .array(let elements):
            // Windows PowerShell writes byte[] as a list of numbers.
            var raw: [UInt8] = []
            raw.reserveCapacity(elements.count)
            for element in elements {
                guard let n = element.numberValue?.int64, n >= 0, n <= 255 else {
                    problem(.unexpectedType, "'\(field)' is a list that is not all bytes; it was not read.", pointer: pointer)
                    return .unreadable(value)
                }
                raw.append(UInt8(n))
            }
            return .present(Base64.encode(raw))
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where base64 text was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    private mutating func item(_ value: JSONValue, _ pointer: FieldPath, depth: Int, field: String) -> GraphField<GraphMessage> {
        switch value {
        case .null:
            return .null
        case .object(let object):
            if depth + 1 > options.maxItemAttachmentDepth {
                problem(
                    .nestingTooDeep,
                    "Attached items are nested more than \(options.maxItemAttachmentDepth) levels deep; this item was kept raw and not read.",
                    pointer: pointer)
                return .unreadable(value)
            }
            return .present(message(object, pointer: pointer.string, depth: depth + 1))
        case .string(let text):
            return truncated(text, pointer, field: field)
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where an item was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    // MARK: Users, groups, folders

    mutating func user(_ object: JSONObject, pointer: String) -> GraphUser {
        let firstDiagnostic = diagnostics.count
        var u = GraphUser()
        u.odataType = Self.annotations(object).type
        for member in object.members {
            let key = member.key
            let value = member.value
            let p = FieldPath(pointer, key)
            if key.utf8.contains(UInt8(ascii: "@")) {
                if key.lowercased() != "@odata.type" && key.lowercased() != "@odata.context" { u.additionalMembers.append(member) }
                continue
            }
            switch key.lowercased() {
            case "id": u.id = string(value, p, field: key)
            case "mail": u.mail = string(value, p, field: key)
            case "userprincipalname": u.userPrincipalName = string(value, p, field: key)
            case "displayname": u.displayName = string(value, p, field: key)
            case "department": u.department = string(value, p, field: key)
            case "jobtitle": u.jobTitle = string(value, p, field: key)
            case "officelocation": u.officeLocation = string(value, p, field: key)
            case "companyname": u.companyName = string(value, p, field: key)
            case "givenname": u.givenName = string(value, p, field: key)
            case "surname": u.surname = string(value, p, field: key)
            case "accountenabled": u.accountEnabled = bool(value, p, field: key)
            case "proxyaddresses": u.proxyAddresses = stringList(value, p, field: key)
            default: u.additionalMembers.append(member)
            }
        }
        u.diagnostics = Array(diagnostics[firstDiagnostic...])
        return u
    }

    mutating func group(_ object: JSONObject, pointer: String) -> GraphGroup {
        let firstDiagnostic = diagnostics.count
        var g = GraphGroup()
        g.odataType = Self.annotations(object).type
        for member in object.members {
            let key = member.key
            let value = member.value
            let p = FieldPath(pointer, key)
            if key.utf8.contains(UInt8(ascii: "@")) {
                if key.lowercased() != "@odata.type" && key.lowercased() != "@odata.context" { g.additionalMembers.append(member) }
                continue
            }
            switch key.lowercased() {
            case "id": g.id = string(value, p, field: key)
            case "displayname", "name": g.displayName = string(value, p, field: key)
            case "mail": g.mail = string(value, p, field: key)
            case "members": g.members = groupMembers(value, p, field: key)
            default: g.additionalMembers.append(member)
            }
        }
        g.diagnostics = Array(diagnostics[firstDiagnostic...])
        return g
    }

    private mutating func groupMembers(_ value: JSONValue, _ pointer: FieldPath, field: String) -> GraphField<[GraphGroupMember]> {
        switch value {
        case .null:
            return .null
        case .array(let elements):
            var list: [GraphGroupMember] = []
            for (i, element) in elements.enumerated() {
                switch element {
                case .string(let s):
                    list.append(GraphGroupMember(text: s.trimmingASCIIWhitespace()))
                case .object(let o):
                    list.append(GraphGroupMember(
                        id: o["id"]?.stringValue, mail: o["mail"]?.stringValue,
                        userPrincipalName: o["userPrincipalName"]?.stringValue,
                        displayName: o["displayName"]?.stringValue, odataType: o["@odata.type"]?.stringValue))
                case .null:
                    continue
                default:
                    problem(.unexpectedType, "An element of '\(field)' is a \(element.typeName); it was not read.", pointer: pointer.element(i))
                }
            }
            return .present(list)
        case .string(let text):
            if PowerShellText.looksTruncated(text) { return truncated(text, pointer, field: field) }
            return .present([GraphGroupMember(text: text.trimmingASCIIWhitespace())])
        default:
            problem(.unexpectedType, "'\(field)' is a \(value.typeName) where a list was expected; it was not read.", pointer: pointer)
            return .unreadable(value)
        }
    }

    mutating func folder(_ object: JSONObject, pointer: String, depth: Int = 0) -> GraphMailFolder {
        let firstDiagnostic = diagnostics.count
        var f = GraphMailFolder()
        f.odataType = Self.annotations(object).type
        for member in object.members {
            let key = member.key
            let value = member.value
            let p = FieldPath(pointer, key)
            if key.utf8.contains(UInt8(ascii: "@")) {
                if key.lowercased() != "@odata.type" && key.lowercased() != "@odata.context" { f.additionalMembers.append(member) }
                continue
            }
            switch key.lowercased() {
            case "id": f.id = string(value, p, field: key)
            case "displayname": f.displayName = string(value, p, field: key)
            case "parentfolderid": f.parentFolderId = string(value, p, field: key)
            case "wellknownname": f.wellKnownName = string(value, p, field: key)
            case "childfoldercount": f.childFolderCount = integer(value, p, field: key)
            case "unreaditemcount": f.unreadItemCount = integer(value, p, field: key)
            case "totalitemcount": f.totalItemCount = integer(value, p, field: key)
            case "ishidden": f.isHidden = bool(value, p, field: key)
            case "filterquery": f.filterQuery = string(value, p, field: key)
            case "childfolders":
                switch value {
                case .array(let elements) where depth < 32:
                    var children: [GraphMailFolder] = []
                    for (i, element) in elements.enumerated() {
                        if case .object(let o) = element { children.append(folder(o, pointer: p.element(i).string, depth: depth + 1)) }
                    }
                    f.childFolders = .present(children)
                case .null: f.childFolders = .null
                case .string(let text): f.childFolders = truncated(text, p, field: key)
                default:
                    problem(.unexpectedType, "'\(key)' could not be read.", pointer: p)
                    f.childFolders = .unreadable(value)
                }
            default: f.additionalMembers.append(member)
            }
        }
        f.diagnostics = Array(diagnostics[firstDiagnostic...])
        return f
    }
}

private func isCollectedNonNull<T>(_ field: GraphField<T>) -> Bool {
    switch field {
    case .absent, .null: false
    default: true
    }
}

/// `<id@host>` → `id@host` (white space trimmed too).
func stripAngleBrackets(_ text: String) -> String {
    // On the bytes: white space and one `<` ... `>` around the id (all ASCII).
    let utf8 = text.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, isASCIISpace(utf8[start]) { start = utf8.index(after: start) }
    while end > start, isASCIISpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    if start < end, utf8[start] == UInt8(ascii: "<") { start = utf8.index(after: start) }
    if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: ">") { end = utf8.index(before: end) }
    while start < end, isASCIISpace(utf8[start]) { start = utf8.index(after: start) }
    while end > start, isASCIISpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    if start == utf8.startIndex, end == utf8.endIndex { return text }
    return String(text[start..<end])
}
