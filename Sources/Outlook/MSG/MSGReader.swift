import MailModel
/// Reads an Outlook `.msg` (MS-OXMSG): an OLE2 compound file whose root storage is a message's
/// properties — fixed-size values in the `__properties_version1.0` stream, the others in
/// `__substg1.0_TTTTTTTT` streams named by their tag — with a storage per recipient
/// (`__recip_version1.0_#N`) and per attachment (`__attach_version1.0_#N`); an attached message is
/// the `__substg1.0_3701000D` storage of its attachment, laid out like the root. libolecf reads the
/// container; the properties are decoded here.
public enum MSGReader {
    /// Reads the `.msg` at `path` (opened read-only). Throws when the file is not a readable compound
    /// file, or is one that holds no message (`outlook.not-a-message`).
    public static func read(path: String, options: OutlookReadOptions = OutlookReadOptions()) throws(OutlookFileError) -> OutlookMessage {
        let limits = LibOLECFFile.Limits(maxStreamBytes: options.maxAttachmentBytes)
        let (root, hasData) = try LibOLECFFile.read(path: path, limits: limits) { names in
            isMessage(childNames: names)
        }
        guard hasData else {
            throw OutlookFileError(
                code: .notAMessage, message: "an OLE2 compound file without Outlook message properties (a Word or Excel file?)", path: path)
        }
        return message(from: root, options: options)
    }

    /// Whether a storage's children are a message's: a property stream or a property value stream.
    public static func isMessage(childNames: [String]) -> Bool {
        childNames.contains { name in
            let lower = name.lowercased()
            return lower == "__properties_version1.0" || lower.hasPrefix("__substg1.0_")
        }
    }

    /// The message held by a root (or attached message) storage.
    public static func message(from storage: CompoundEntry, options: OutlookReadOptions = OutlookReadOptions()) -> OutlookMessage {
        let reader = Reader(options: options)
        return reader.message(from: storage, isTopLevel: true, depth: 0, pathPrefix: "", defaultCodepage: nil)
    }

    private struct Reader {
        let options: OutlookReadOptions

        func message(from storage: CompoundEntry, isTopLevel: Bool, depth: Int, pathPrefix: String, defaultCodepage: Int?) -> OutlookMessage {
            var local: [OutlookDiagnostic] = []
            var properties = bag(of: storage, headerSize: isTopLevel ? 32 : 24, defaultCodepage: defaultCodepage, part: pathPrefix.isEmpty ? nil : String(pathPrefix.dropLast()), diagnostics: &local)
            properties.defaultCodepage = defaultCodepage ?? properties.int32(PropertyID.internetCodepage).map(Int.init)
            let codepage = properties.codepage
            var recipients: [PropertyBag] = []
            for recipient in numbered(storage, prefix: "__recip_version1.0_#") {
                recipients.append(bag(of: recipient, headerSize: 8, defaultCodepage: codepage, part: nil, diagnostics: &local))
            }
            var attachments: [OutlookAttachment] = []
            let storages = numbered(storage, prefix: "__attach_version1.0_#")
            for (index, entry) in storages.enumerated() {
                guard index < options.maxAttachments else {
                    local.append(OutlookDiagnostic(
                        code: .tooManyAttachments, message: "the message has \(storages.count) attachments; only the first \(options.maxAttachments) were read",
                        severity: .warning, part: pathPrefix.isEmpty ? nil : String(pathPrefix.dropLast())))
                    break
                }
                let path = "\(pathPrefix)att\(index + 1)"
                let props = bag(of: entry, headerSize: 8, defaultCodepage: codepage, part: path, diagnostics: &local)
                attachments.append(attachment(entry, properties: props, path: path, depth: depth, codepage: codepage, diagnostics: &local))
            }
            var message = OutlookMessage(properties: properties, recipients: recipients, attachments: attachments)
            message.diagnostics = local
            return message
        }

        func attachment(
            _ storage: CompoundEntry, properties: PropertyBag, path: String, depth: Int, codepage: Int, diagnostics: inout [OutlookDiagnostic]
        ) -> OutlookAttachment {
            let method = properties.int32(PropertyID.attachMethod)
            if let object = storage.child("__substg1.0_3701000D"), object.kind == .storage {
                guard depth < options.maxEmbeddingDepth else {
                    diagnostics.append(OutlookDiagnostic(
                        code: .embeddingTooDeep, message: "attached messages nest deeper than \(options.maxEmbeddingDepth) levels; this one was not read",
                        severity: .warning, part: path))
                    return OutlookAttachment(path: path, properties: properties, content: .unread(declaredSize: nil))
                }
                // An attached message: unless it is an OLE object (method 6), whose storage is the object's own.
                if method != 6 || MSGReader.isMessage(childNames: object.children.map(\.name)) {
                    let inner = message(from: object, isTopLevel: false, depth: depth + 1, pathPrefix: path + ".", defaultCodepage: codepage)
                    diagnostics += inner.diagnostics
                    var clean = inner
                    clean.diagnostics = []
                    return OutlookAttachment(path: path, properties: properties, content: .message(clean))
                }
                return OutlookAttachment(path: path, properties: properties, content: .noBytes)
            }
            let tag = PropertyTag(PropertyID.attachData, .binary)
            if let bytes = properties[tag] { return OutlookAttachment(path: path, properties: properties, content: .file(bytes)) }
            if let stream = storage.child(Self.streamName(tag)) {
                // Present but not read: too large, or cut short.
                let tooLarge = stream.size > options.maxAttachmentBytes
                diagnostics.append(OutlookDiagnostic(
                    code: tooLarge ? .attachmentTooLarge : .attachmentUnreadable,
                    message: "the attachment's bytes were not read: \(stream.readProblem ?? "unreadable stream")", severity: .warning, part: path))
                return OutlookAttachment(path: path, properties: properties, content: .unread(declaredSize: stream.size))
            }
            return OutlookAttachment(path: path, properties: properties, content: .noBytes)
        }

        /// The properties of a storage: fixed-size values from its property stream (after a header of
        /// `headerSize` bytes: 32 for the root, 24 for an attached message, 8 for recipients and
        /// attachments), variable-size ones from their value streams.
        func bag(of storage: CompoundEntry, headerSize: Int, defaultCodepage: Int?, part: String?, diagnostics: inout [OutlookDiagnostic]) -> PropertyBag {
            var bag = PropertyBag(defaultCodepage: defaultCodepage)
            if let stream = storage.child("__properties_version1.0"), let data = stream.data {
                // MS-OXMSG §2.4.2: 16-byte entries: tag (4), flags (4), value (8).
                var offset = min(headerSize, data.count)
                if (data.count - offset) % 16 != 0 {
                    diagnostics.append(OutlookDiagnostic(
                        code: .malformedProperties, message: "the property stream's size (\(data.count) bytes) is not a header and whole 16-byte entries; the partial entry was skipped",
                        severity: .note, part: part))
                }
                while offset + 16 <= data.count {
                    let tag = PropertyTag(rawValue: PropertyBag.uint32(data, offset))
                    if let size = tag.type.fixedSize {
                        bag[tag] = Array(data[(offset + 8) ..< (offset + 8 + size)])
                    }
                    offset += 16
                }
            }
            for child in storage.children where child.kind == .stream {
                guard let tag = Self.tag(ofStreamNamed: child.name) else { continue }
                // Multi-valued properties (their own layout) and objects are not needed.
                guard tag.type.rawValue & 0x1000 == 0, tag.type != .object else { continue }
                if let data = child.data {
                    bag[tag] = data
                } else if tag.id != PropertyID.attachData {
                    diagnostics.append(OutlookDiagnostic(
                        code: .malformedProperties, message: "property 0x\(Self.hex(tag.rawValue)) was not read: \(child.readProblem ?? "unreadable stream")",
                        severity: .warning, part: part))
                }
            }
            return bag
        }

        /// The storages named `prefix` + 8 hex digits, in the order of their numbers.
        func numbered(_ storage: CompoundEntry, prefix: String) -> [CompoundEntry] {
            let lower = prefix.lowercased()
            return storage.children.compactMap { child -> (UInt32, CompoundEntry)? in
                guard child.kind == .storage, child.name.lowercased().hasPrefix(lower),
                      let number = UInt32(child.name.dropFirst(prefix.count), radix: 16) else { return nil }
                return (number, child)
            }.sorted { $0.0 < $1.0 }.map(\.1)
        }

        /// `__substg1.0_0037001F` → tag 0x0037001F.
        static func tag(ofStreamNamed name: String) -> PropertyTag? {
            let prefix = "__substg1.0_"
            guard name.count == prefix.count + 8, name.lowercased().hasPrefix(prefix) else { return nil }
            return UInt32(name.dropFirst(prefix.count), radix: 16).map(PropertyTag.init(rawValue:))
        }

        static func streamName(_ tag: PropertyTag) -> String { "__substg1.0_" + hex(tag.rawValue) }

        static func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        }
    }
}
