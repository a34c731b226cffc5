/// A Graph `recipient` (`{"emailAddress": {"name": ..., "address": ...}}`).
public struct GraphRecipient: Sendable, Hashable {
    /// The display name, if written.
    public var name: String?
    /// The address, if written (or recovered from a truncated PowerShell rendering).
    public var address: String?
    /// When the export cut this recipient (PowerShell depth), the text it wrote instead. `name` and
    /// `address` then hold only what could be recovered from it (`@{name=...; address=...}`).
    public var truncatedText: String?

    public init(name: String?, address: String?, truncatedText: String? = nil) {
        self.name = name
        self.address = address
        self.truncatedText = truncatedText
    }

    /// Whether the export cut this recipient.
    public var isTruncated: Bool { truncatedText != nil }
}

/// The content type of an `itemBody`, compared case-insensitively (`html`, `HTML`, `Text`).
public enum GraphBodyContentType: Sendable, Hashable {
    case html
    case text
    /// Anything else, as written.
    case other(String)

    init(_ text: String) {
        switch text.lowercased() {
        case "html": self = .html
        case "text": self = .text
        default: self = .other(text)
        }
    }
}

/// A Graph `itemBody` (`{"contentType": "html", "content": "..."}`).
public struct GraphBody: Sendable, Hashable {
    /// `nil` when the key is absent or `null` (Graph's default is HTML).
    public var contentType: GraphBodyContentType?
    /// The content; `nil` when absent or `null`.
    public var content: String?

    public init(contentType: GraphBodyContentType?, content: String?) {
        self.contentType = contentType
        self.content = content
    }
}

/// One `internetMessageHeaders` entry.
public struct GraphHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One `singleValueExtendedProperties` entry (`{id, value}`; Outlook REST v2 `{PropertyId, Value}`).
public struct GraphExtendedProperty: Sendable, Hashable {
    /// `String 0x007D`, `String {guid} Name Color`, ...
    public var id: String
    public var value: String?

    public init(id: String, value: String?) {
        self.id = id
        self.value = value
    }

    /// Whether this is `PR_TRANSPORT_MESSAGE_HEADERS` (`String 0x007D`, tag written in any case, with
    /// or without leading zeros): the whole raw header block of the message.
    public var isTransportMessageHeaders: Bool {
        let parts = id.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, parts[0].lowercased() == "string" else { return false }
        let tag = parts[1].lowercased()
        guard tag.hasPrefix("0x"), let value = Int(tag.dropFirst(2), radix: 16) else { return false }
        return value == 0x007D
    }
}

/// A Graph `message`, or one of its subtypes (`eventMessage`, `eventMessageRequest`,
/// `eventMessageResponse`, `calendarSharingMessage`, ...), read from camelCase (Graph) or PascalCase
/// (PowerShell SDK, Outlook REST v2) JSON. Every field is optional: see ``GraphField``.
public struct GraphMessage: Sendable, Hashable {
    /// `@odata.type` as written (`#microsoft.graph.eventMessageRequest`), from the object or its
    /// PowerShell `AdditionalProperties`.
    public var odataType: String?
    /// The object's own `@odata.context` (the page's is in ``GraphLocation/odataContext``).
    public var odataContext: String?
    public var odataETag: String?
    public var id: GraphField<String>
    /// `internetMessageId` without its angle brackets (and surrounding white space).
    public var internetMessageId: GraphField<String>
    public var subject: GraphField<String>
    public var from: GraphField<GraphRecipient>
    public var sender: GraphField<GraphRecipient>
    public var toRecipients: GraphField<[GraphRecipient]>
    public var ccRecipients: GraphField<[GraphRecipient]>
    public var bccRecipients: GraphField<[GraphRecipient]>
    public var replyTo: GraphField<[GraphRecipient]>
    public var sentDateTime: GraphField<GraphDate>
    public var receivedDateTime: GraphField<GraphDate>
    public var createdDateTime: GraphField<GraphDate>
    public var lastModifiedDateTime: GraphField<GraphDate>
    public var body: GraphField<GraphBody>
    /// Only with `$select=uniqueBody`.
    public var uniqueBody: GraphField<GraphBody>
    public var bodyPreview: GraphField<String>
    /// Only with `$select=internetMessageHeaders`; repeated headers are separate entries.
    public var internetMessageHeaders: GraphField<[GraphHeader]>
    public var singleValueExtendedProperties: GraphField<[GraphExtendedProperty]>
    /// Only with `$expand=attachments` (or an attachments call merged in).
    public var attachments: GraphField<[GraphAttachment]>
    /// Absent on attached items.
    public var parentFolderId: GraphField<String>
    public var conversationId: GraphField<String>
    /// `low` / `normal` / `high` as written (compare case-insensitively).
    public var importance: GraphField<String>
    public var categories: GraphField<[String]>
    public var webLink: GraphField<String>
    public var isRead: GraphField<Bool>
    public var isDraft: GraphField<Bool>
    /// Graph's flag; it ignores inline attachments.
    public var hasAttachments: GraphField<Bool>
    /// Event messages: `meetingRequest`, `meetingCancelled`, ...
    public var meetingMessageType: GraphField<String>
    /// Event messages: start of the meeting.
    public var startDateTime: GraphField<GraphDate>
    /// Event messages: end of the meeting.
    public var endDateTime: GraphField<GraphDate>
    /// Members the reader does not interpret (unknown keys, other annotations), in file order.
    public var additionalMembers: [JSONMember]
    /// Everything irregular about this message, including its attachments and attached items
    /// (pointers tell where). Byte offset, line and column are those of the message.
    public var diagnostics: [GraphDiagnostic]

    /// An empty message (every field absent).
    public init() {
        id = .absent; internetMessageId = .absent; subject = .absent; from = .absent; sender = .absent
        toRecipients = .absent; ccRecipients = .absent; bccRecipients = .absent; replyTo = .absent
        sentDateTime = .absent; receivedDateTime = .absent; createdDateTime = .absent; lastModifiedDateTime = .absent
        body = .absent; uniqueBody = .absent; bodyPreview = .absent; internetMessageHeaders = .absent
        singleValueExtendedProperties = .absent; attachments = .absent; parentFolderId = .absent
        conversationId = .absent; importance = .absent; categories = .absent; webLink = .absent
        isRead = .absent; isDraft = .absent; hasAttachments = .absent; meetingMessageType = .absent
        startDateTime = .absent; endDateTime = .absent
        additionalMembers = []
        diagnostics = []
    }

    /// Reads a message from a JSON object (the reader does this for you; this is for callers that
    /// hold a value already). `location` places the diagnostics.
    public init(object: JSONObject, location: GraphLocation? = nil, options: GraphReaderOptions = .default) {
        var builder = ResourceBuilder(options: options, location: location)
        self = builder.message(object, pointer: location?.pointer ?? "", depth: 0)
    }

    /// The raw header block from `singleValueExtendedProperties` `String 0x007D`
    /// (PR_TRANSPORT_MESSAGE_HEADERS), when the export has it.
    public var transportMessageHeaders: String? {
        singleValueExtendedProperties.value?.first(where: \.isTransportMessageHeaders)?.value
    }

    /// The `@odata.type` without `#` and `microsoft.graph.`, lower-cased (`eventmessagerequest`), if any.
    public var typeName: String? { odataType.map(normalizedODataType) }

    /// Whether `@odata.type` is an `eventMessage*` subtype.
    public var isEventMessage: Bool { typeName?.hasPrefix("eventmessage") ?? false }

    /// Whether any field was cut by PowerShell's `ConvertTo-Json -Depth`.
    public var isTruncated: Bool { diagnostics.contains { $0.code == .truncatedExport } }
}

/// A Graph attachment: `fileAttachment`, `itemAttachment` or `referenceAttachment`.
public struct GraphAttachment: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `#microsoft.graph.fileAttachment`, or `contentBytes` present.
        case file
        /// `#microsoft.graph.itemAttachment`, or `item` present.
        case item
        /// `#microsoft.graph.referenceAttachment`: a link to a cloud file; no bytes.
        case reference
        /// No type and nothing to infer it from.
        case unknown
    }

    public var kind: Kind
    /// `@odata.type` as written (with or without `#`).
    public var odataType: String?
    public var id: GraphField<String>
    public var name: GraphField<String>
    /// The MIME type as written (`null` on item attachments).
    public var contentType: GraphField<String>
    /// Graph's `size`: not the decoded length of `contentBytes` (it includes metadata).
    public var size: GraphField<Int64>
    public var isInline: GraphField<Bool>
    public var contentId: GraphField<String>
    public var contentLocation: GraphField<String>
    public var lastModifiedDateTime: GraphField<GraphDate>
    /// The base64 text of `contentBytes`, as raw bytes, not decoded (see ``decodedContent()``).
    public var contentBytes: GraphField<[UInt8]>
    /// An item attachment's expanded `item` (a message, or another Outlook item read as one), only
    /// with `$expand=microsoft.graph.itemattachment/item`. Past
    /// ``GraphReaderOptions/maxItemAttachmentDepth`` it is ``GraphField/unreadable(_:)`` (kept raw).
    public var item: GraphField<GraphMessage>
    public var additionalMembers: [JSONMember]
    /// Irregularities of this attachment and its item.
    public var diagnostics: [GraphDiagnostic]

    /// An attachment of the given kind with every field absent.
    public init(kind: Kind = .unknown) {
        self.kind = kind
        id = .absent; name = .absent; contentType = .absent; size = .absent; isInline = .absent
        contentId = .absent; contentLocation = .absent; lastModifiedDateTime = .absent
        contentBytes = .absent; item = .absent
        additionalMembers = []
        diagnostics = []
    }

    /// Reads an attachment from a JSON object.
    public init(object: JSONObject, location: GraphLocation? = nil, options: GraphReaderOptions = .default) {
        var builder = ResourceBuilder(options: options, location: location)
        self = builder.attachment(object, pointer: location?.pointer ?? "", depth: 0)
    }

    /// The decoded bytes of `contentBytes`, decoded tolerantly: white space and characters outside
    /// base64 are skipped, missing padding and a cut final group are accepted. Empty when there is
    /// no content.
    public func decodedContent() -> [UInt8] {
        guard let text = contentBytes.value else { return [] }
        return Base64.decode(text)
    }

    /// Whether bytes are available (a reference attachment, or an item attachment, has none).
    public var hasContent: Bool { contentBytes.value != nil }
}

/// A Graph `user` (from `users.json`, `/users`, `/me`).
public struct GraphUser: Sendable, Hashable {
    public var odataType: String?
    public var id: GraphField<String>
    public var mail: GraphField<String>
    public var userPrincipalName: GraphField<String>
    public var displayName: GraphField<String>
    /// Only with `$select`: ``GraphField/absent`` means "not collected", not "no department".
    public var department: GraphField<String>
    public var jobTitle: GraphField<String>
    public var officeLocation: GraphField<String>
    public var companyName: GraphField<String>
    public var givenName: GraphField<String>
    public var surname: GraphField<String>
    public var accountEnabled: GraphField<Bool>
    /// `SMTP:alias@domain` entries, only with `$select`.
    public var proxyAddresses: GraphField<[String]>
    public var additionalMembers: [JSONMember]
    public var diagnostics: [GraphDiagnostic]

    public init() {
        id = .absent; mail = .absent; userPrincipalName = .absent; displayName = .absent; department = .absent
        jobTitle = .absent; officeLocation = .absent; companyName = .absent; givenName = .absent; surname = .absent
        accountEnabled = .absent; proxyAddresses = .absent
        additionalMembers = []
        diagnostics = []
    }
}

/// A group of users (`groups.json`: `{"displayName": "Finance", "members": ["upn", ...]}`, or a Graph
/// `group` with expanded `members`).
public struct GraphGroup: Sendable, Hashable {
    public var odataType: String?
    public var id: GraphField<String>
    public var displayName: GraphField<String>
    public var mail: GraphField<String>
    public var members: GraphField<[GraphGroupMember]>
    public var additionalMembers: [JSONMember]
    public var diagnostics: [GraphDiagnostic]

    public init() {
        id = .absent; displayName = .absent; mail = .absent; members = .absent
        additionalMembers = []
        diagnostics = []
    }
}

/// A group member: a bare string (UPN, address or id) or a directory object.
public struct GraphGroupMember: Sendable, Hashable {
    /// The member as a bare string (`"alice@contoso.com"`), when given so.
    public var text: String?
    public var id: String?
    public var mail: String?
    public var userPrincipalName: String?
    public var displayName: String?
    /// `#microsoft.graph.user`, `#microsoft.graph.group`, ... when given.
    public var odataType: String?

    public init(text: String? = nil, id: String? = nil, mail: String? = nil, userPrincipalName: String? = nil,
                displayName: String? = nil, odataType: String? = nil) {
        self.text = text
        self.id = id
        self.mail = mail
        self.userPrincipalName = userPrincipalName
        self.displayName = displayName
        self.odataType = odataType
    }

    /// Every identifier of the member (text, mail, UPN, id), to match against mailboxes.
    public var identifiers: [String] { [text, mail, userPrincipalName, id].compactMap { $0 } }
}

/// A Graph `mailFolder` (or `mailSearchFolder`).
public struct GraphMailFolder: Sendable, Hashable {
    public var odataType: String?
    public var id: GraphField<String>
    public var displayName: GraphField<String>
    public var parentFolderId: GraphField<String>
    /// Beta only (`inbox`, `sentitems`, ...).
    public var wellKnownName: GraphField<String>
    public var childFolderCount: GraphField<Int64>
    public var unreadItemCount: GraphField<Int64>
    public var totalItemCount: GraphField<Int64>
    public var isHidden: GraphField<Bool>
    /// Search folders: the filter.
    public var filterQuery: GraphField<String>
    /// Expanded `childFolders`, if the export has them.
    public var childFolders: GraphField<[GraphMailFolder]>
    public var additionalMembers: [JSONMember]
    public var diagnostics: [GraphDiagnostic]

    public init() {
        id = .absent; displayName = .absent; parentFolderId = .absent; wellKnownName = .absent
        childFolderCount = .absent; unreadItemCount = .absent; totalItemCount = .absent; isHidden = .absent
        filterQuery = .absent; childFolders = .absent
        additionalMembers = []
        diagnostics = []
    }

    /// Whether this is a search folder (`#microsoft.graph.mailSearchFolder`, or a `filterQuery`).
    public var isSearchFolder: Bool {
        odataType.map(normalizedODataType) == "mailsearchfolder" || filterQuery.isCollected
    }
}

/// `@odata.type` without `#` and the `microsoft.graph.` namespace, lower-cased.
func normalizedODataType(_ type: String) -> String {
    // On the bytes: called for every typed value of a file.
    var bytes = Array(type.utf8)
    for i in bytes.indices where bytes[i] &- 0x41 < 26 { bytes[i] |= 0x20 }
    var start = 0
    if bytes.first == UInt8(ascii: "#") { start = 1 }
    let namespace = "microsoft.graph.".utf8
    if bytes.count - start >= namespace.count, bytes[start..<(start + namespace.count)].elementsEqual(namespace) {
        start += namespace.count
    }
    return String(decoding: bytes[start...], as: UTF8.self)
}
