import MailModel
/// Reads a TNEF stream (MS-OXTNEF: `winmail.dat`, `application/ms-tnef`), in which Exchange and Outlook
/// wrap a rich-text message's properties, RTF body and attachments. Decoded in-house with the same
/// MAPI property model as `.msg` and PST items, so a TNEF attachment's files, body and attached
/// messages become the message's own.
///
/// A stream is a signature and key, then attributes: a level (message or attachment), an identifier,
/// a length, the data and a 16-bit checksum. `attAttachRendData` starts an attachment; the attachment
/// attributes after it (`attAttachTitle`, `attAttachData`, `attAttachment` with its MAPI properties)
/// belong to it. Malformed or cut streams keep what was read before the damage, with a diagnostic.
public enum TNEFReader {
    static let signature: UInt32 = 0x223E_9F78

    /// Whether `bytes` start with the TNEF signature.
    public static func isTNEF(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x78, 0x9F, 0x3E, 0x22])
    }

    // Attribute identifiers (MS-OXTNEF §2.1.3.3), type in the high word.
    static let attSubject: UInt32 = 0x0001_8004
    static let attDateSent: UInt32 = 0x0003_8005
    static let attDateReceived: UInt32 = 0x0003_8006
    static let attMessageClass: UInt32 = 0x0007_8008
    static let attMessageID: UInt32 = 0x0001_8009
    static let attBody: UInt32 = 0x0002_800C
    static let attAttachData: UInt32 = 0x0006_800F
    static let attAttachTitle: UInt32 = 0x0001_8010
    static let attAttachRendData: UInt32 = 0x0006_9002
    static let attMAPIProps: UInt32 = 0x0006_9003
    static let attRecipTable: UInt32 = 0x0006_9004
    static let attAttachment: UInt32 = 0x0006_9005
    static let attOEMCodepage: UInt32 = 0x0006_9007

    /// Reads `bytes`; attachments get paths `\(pathPrefix)1`, `\(pathPrefix)2`, ... (e.g. `1.2.tnef1`).
    public static func read(_ bytes: ArraySlice<UInt8>, pathPrefix: String, options: OutlookReadOptions = OutlookReadOptions()) -> OutlookMessage {
        read(bytes, pathPrefix: pathPrefix, options: options, depth: 0)
    }

    static func read(_ bytes: ArraySlice<UInt8>, pathPrefix: String, options: OutlookReadOptions, depth: Int) -> OutlookMessage {
        var diagnostics: [OutlookDiagnostic] = []
        let part = pathPrefix.hasSuffix(".tnef") ? String(pathPrefix.dropLast(5)) : pathPrefix
        func problem(_ text: String, _ code: OutlookDiagnostic.Code = .tnefMalformed, severity: OutlookDiagnostic.Severity = .warning) {
            diagnostics.append(OutlookDiagnostic(code: code, message: text, severity: severity, part: part.isEmpty ? nil : part))
        }
        var cursor = ByteCursor(bytes)
        guard let magic = cursor.uint32(), magic == signature, cursor.uint16() != nil else {
            var message = OutlookMessage(properties: PropertyBag())
            problem("not a TNEF stream (no TNEF signature); its contents could not be read")
            message.diagnostics = diagnostics
            return message
        }
        var messageBag = PropertyBag()
        var legacy = PropertyBag()
        var recipients: [PropertyBag] = []
        var codepage: Int?
        /// Attachments being built: their properties, bytes and attached-message stream.
        var pending: [(bag: PropertyBag, data: ArraySlice<UInt8>?, object: ArraySlice<UInt8>?)] = []
        while cursor.remaining > 0 {
            guard let level = cursor.uint8(), let id = cursor.uint32(), let length = cursor.uint32() else {
                problem("the TNEF stream ends inside an attribute header; \(cursor.remaining) trailing bytes ignored")
                break
            }
            guard Int(length) <= cursor.remaining - 2, Int(length) <= options.maxAttachmentBytes else {
                problem(Int(length) > options.maxAttachmentBytes
                    ? "a TNEF attribute (0x\(String(id, radix: 16))) declares \(length) bytes, more than the limit of \(options.maxAttachmentBytes); the rest of the stream was not read"
                    : "the TNEF stream is cut short inside attribute 0x\(String(id, radix: 16)) (\(length) bytes declared, \(max(0, cursor.remaining - 2)) left)")
                break
            }
            let data = cursor.take(Int(length))!
            let checksum = cursor.uint16()!
            var sum: UInt16 = 0
            for b in data { sum &+= UInt16(b) }
            if sum != checksum {
                problem("attribute 0x\(String(id, radix: 16)) fails its checksum; its data was used anyway", .tnefChecksum, severity: .note)
            }
            if level == 0x02 {
                if id == attAttachRendData {
                    if pending.count >= options.maxAttachments {
                        problem("the TNEF stream holds more than \(options.maxAttachments) attachments; the rest were not read", .tooManyAttachments)
                        break
                    }
                    pending.append((PropertyBag(defaultCodepage: codepage), nil, nil))
                    continue
                }
                guard !pending.isEmpty else { continue }
                switch id {
                case attAttachTitle:
                    if !pending[pending.count - 1].bag.contains(PropertyID.attachFilename) {
                        pending[pending.count - 1].bag[PropertyTag(PropertyID.attachFilename, .string8)] = Array(data)
                    }
                case attAttachData:
                    pending[pending.count - 1].data = data
                case attAttachment:
                    let (list, _) = TNEFPropertyList.read(data, defaultCodepage: codepage)
                    if let text = list.problem { problem("attachment \(pending.count): \(text)") }
                    for (tag, value) in list.bag.values { pending[pending.count - 1].bag[tag] = value }
                    if let object = list.objects[PropertyTag(PropertyID.attachData, .object)] { pending[pending.count - 1].object = object }
                default:
                    break
                }
                continue
            }
            switch id {
            case attOEMCodepage:
                if data.count >= 4 { codepage = Int(PropertyBag.uint32(Array(data.prefix(4)), 0)) }
            case attMAPIProps:
                let (list, _) = TNEFPropertyList.read(data, defaultCodepage: codepage)
                if let text = list.problem { problem("message properties: \(text)") }
                for (tag, value) in list.bag.values { messageBag[tag] = value }
            case attRecipTable:
                recipients += recipientRows(data, codepage: codepage, problem: { problem($0) })
            case attSubject:
                legacy[PropertyTag(PropertyID.subject, .string8)] = Array(data)
            case attMessageClass:
                legacy[PropertyTag(PropertyID.messageClass, .string8)] = Array(data)
            case attBody:
                legacy[PropertyTag(PropertyID.body, .string8)] = Array(data)
            case attDateSent, attDateReceived:
                if let filetime = dateTime(data) {
                    let id = id == attDateSent ? PropertyID.clientSubmitTime : PropertyID.messageDeliveryTime
                    legacy[PropertyTag(id, .systemTime)] = withUnsafeBytes(of: filetime.littleEndian) { Array($0) }
                }
            default:
                break
            }
        }
        // The MAPI properties win over the legacy attributes that repeat them.
        for (tag, value) in legacy.values where !messageBag.contains(tag.id) { messageBag[tag] = value }
        messageBag.defaultCodepage = codepage
        var attachments: [OutlookAttachment] = []
        for (index, entry) in pending.enumerated() {
            let path = "\(pathPrefix)\(index + 1)"
            var bag = entry.bag
            bag.defaultCodepage = codepage
            if let object = entry.object, TNEFReader.isTNEF(object) {
                if depth < options.maxEmbeddingDepth {
                    var inner = read(object, pathPrefix: path + ".tnef", options: options, depth: depth + 1)
                    diagnostics += inner.diagnostics
                    inner.diagnostics = []
                    attachments.append(OutlookAttachment(path: path, properties: bag, content: .message(inner)))
                } else {
                    problem("attached messages nest deeper than \(options.maxEmbeddingDepth) levels; one was not read", .embeddingTooDeep)
                    attachments.append(OutlookAttachment(path: path, properties: bag, content: .unread(declaredSize: nil)))
                }
                continue
            }
            let bytes = entry.data.map(Array.init) ?? bag.binary(PropertyID.attachData)
            // In a stream cut short, an attachment without data lost it.
            let missing: OutlookAttachment.Content = diagnostics.contains { $0.code == .tnefMalformed } ? .unread(declaredSize: nil) : .noBytes
            attachments.append(OutlookAttachment(path: path, properties: bag, content: bytes.map { .file($0) } ?? missing))
        }
        var message = OutlookMessage(properties: messageBag, recipients: recipients, attachments: attachments)
        message.diagnostics = diagnostics
        return message
    }

    /// `attRecipTable`: a row count, then each row's property list.
    static func recipientRows(_ data: ArraySlice<UInt8>, codepage: Int?, problem: (String) -> Void) -> [PropertyBag] {
        var cursor = ByteCursor(data)
        guard let rows = cursor.uint32() else { return [] }
        var out: [PropertyBag] = []
        var start = cursor.position
        for _ in 0 ..< min(rows, 100_000) {
            guard start < data.endIndex else { break }
            let (list, end) = TNEFPropertyList.read(data[start...], defaultCodepage: codepage)
            out.append(list.bag)
            if let text = list.problem {
                problem("recipient table: \(text)")
                break
            }
            start = end
        }
        return out
    }

    /// A TNEF `DTR` (year, month, day, hour, minute, second, day of week: 16 bits each) as a FILETIME.
    static func dateTime(_ data: ArraySlice<UInt8>) -> UInt64? {
        var cursor = ByteCursor(data)
        guard let y = cursor.uint16(), let mo = cursor.uint16(), let d = cursor.uint16(), let h = cursor.uint16(),
              let mi = cursor.uint16(), let s = cursor.uint16(), (1601 ... 9999).contains(y), (1 ... 12).contains(mo), (1 ... 31).contains(d)
        else { return nil }
        // Days from civil (Howard Hinnant), then seconds since 1601.
        let year = Int64(y) - (mo <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let mp = Int64(mo > 2 ? Int(mo) - 3 : Int(mo) + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + Int64(h) * 3600 + Int64(mi) * 60 + Int64(s) + FileTime.epochDifference
        return seconds > 0 ? UInt64(seconds) * 10_000_000 : nil
    }
}
