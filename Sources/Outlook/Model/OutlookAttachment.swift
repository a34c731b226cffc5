/// An attachment of an Outlook message: a file with its bytes, an attached message (read
/// recursively), or a reference to a file elsewhere (no bytes).
public struct OutlookAttachment: Sendable {
    public enum Content: Sendable {
        /// The file's bytes.
        case file([UInt8])
        /// An attached message (PidTagAttachMethod 5).
        indirect case message(OutlookMessage)
        /// A link to a file stored elsewhere (by reference, methods 2–4), or an OLE object without
        /// readable data: there are no bytes.
        case noBytes
        /// The bytes could not be read, or a limit stopped them (see the message's diagnostics).
        case unread(declaredSize: Int?)
    }

    /// The attachment's path within its message (`att1`, `att2.att1` inside an attached message).
    public var path: String
    /// The file name (PidTagAttachLongFilename, else PidTagAttachFilename); for an attached message,
    /// its display name (else its subject).
    public var name: String?
    /// PidTagDisplayName.
    public var displayName: String?
    /// PidTagAttachMimeTag, lower-cased.
    public var mimeType: String?
    /// PidTagAttachContentId.
    public var contentID: String?
    /// PidTagAttachMethod (1 by value, 5 attached message, 6 OLE).
    public var method: Int32?
    /// Whether the attachment is shown in the body (hidden, or rendered in it) rather than a file.
    public var isInline: Bool
    public var content: Content

    public init(path: String, name: String?, displayName: String?, mimeType: String?, contentID: String?, method: Int32?, isInline: Bool, content: Content) {
        self.path = path
        self.name = name
        self.displayName = displayName
        self.mimeType = mimeType
        self.contentID = contentID
        self.method = method
        self.isInline = isInline
        self.content = content
    }

    /// The attachment described by its properties, holding `content`.
    public init(path: String, properties: PropertyBag, content: Content) {
        self.path = path
        displayName = properties.nonEmptyString(PropertyID.displayName)
        mimeType = properties.nonEmptyString(PropertyID.attachMIMETag)?.lowercased()
        contentID = properties.nonEmptyString(PropertyID.attachContentID)
        method = properties.int32(PropertyID.attachMethod)
        let flags = properties.int32(PropertyID.attachFlags) ?? 0
        isInline = properties.bool(PropertyID.attachmentHidden) == true || flags & 0x4 != 0
        self.content = content
        if case .message(let inner) = content {
            name = displayName ?? inner.subject
        } else {
            name = properties.nonEmptyString(PropertyID.attachLongFilename) ?? properties.nonEmptyString(PropertyID.attachFilename)
        }
    }

    /// The file's bytes, when there are any.
    public var bytes: [UInt8]? {
        if case .file(let bytes) = content { return bytes }
        return nil
    }

    /// The attached message, when this is one.
    public var message: OutlookMessage? {
        if case .message(let message) = content { return message }
        return nil
    }
}
