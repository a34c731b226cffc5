#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content a message holds that cannot be read offline: encrypted (S/MIME, PGP/MIME, inline PGP) or
/// protected by Microsoft rights management. Body text that a filter would search is hidden in it.
///
/// The parser names S/MIME, PGP/MIME and rights-managed parts with a defect as it reads them; inline
/// PGP blocks are found in decoded body text (``MIMEEntity/inlinePGPDefect(inDecoded:)``).
public enum ContentProtection: String, Sendable, Hashable, CaseIterable {
    /// S/MIME encryption (enveloped-data, authEnveloped-data), or S/MIME content that cannot be read.
    case smime
    /// PGP/MIME (`multipart/encrypted`, RFC 3156 §4).
    case pgpMIME = "pgp-mime"
    /// An OpenPGP message block inside body text (`-----BEGIN PGP MESSAGE-----`).
    case pgpInline = "pgp-inline"
    /// Microsoft rights management (IRM, Purview / Office 365 Message Encryption; `message.rpmsg`).
    case rightsManagement = "rights-management"

    /// The protection a defect names, if it names one.
    public init?(_ code: MIMEDefect.Code) {
        switch code {
        case .encryptedSMIME, .smimeUnreadable: self = .smime
        case .encryptedPGP: self = .pgpMIME
        case .encryptedPGPInline: self = .pgpInline
        case .rightsProtected: self = .rightsManagement
        default: return nil
        }
    }

    /// Whether an attachment of this type and name is a rights-managed message's content, the
    /// `message.rpmsg` file (`application/x-microsoft-rpmsg-message`, MS-OXORMMS §2.2.4.5).
    public static func isRightsManagedMessage(mimeType: String?, filename: String?) -> Bool {
        if mimeType?.lowercased() == "application/x-microsoft-rpmsg-message" { return true }
        return filename?.lowercased().hasSuffix(".rpmsg") == true
    }

    /// Whether bytes are a MIME entity (RFC 8551 §3.1: what S/MIME signs and encrypts) rather than a
    /// file: the first line is a header field (`field-name ":"`, RFC 5322 §2.2: `ftext` is %d33-57 /
    /// %d59-126) or empty (an entity without header fields).
    public static func looksLikeMIMEEntity(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        if first == 0x0A || (first == 0x0D && bytes.count > 1 && bytes[1] == 0x0A) { return true }
        var i = 0
        while i < bytes.count, i < 998, bytes[i] >= 33, bytes[i] <= 126, bytes[i] != 0x3A { i += 1 }
        return i > 0 && i < bytes.count && bytes[i] == 0x3A
    }

    /// A name for people.
    public var displayName: String {
        switch self {
        case .smime: "S/MIME"
        case .pgpMIME: "PGP/MIME"
        case .pgpInline: "inline PGP"
        case .rightsManagement: "rights management (RPMSG)"
        }
    }
}

extension MIMEEntity {
    /// Whether this part is body text: a `text/plain` or `text/html` part that is not an attachment.
    public var isBodyText: Bool {
        let type = contentType.mimeType
        return (type == "text/plain" || type == "text/html") && !isAttachment
    }

    /// `mime.encrypted-pgp-inline` when this part is body text and its transfer-decoded bytes hold an
    /// OpenPGP message block: a line starting `-----BEGIN PGP MESSAGE-----` (RFC 4880 §6.2; in HTML
    /// the line may also start after a tag). Signed-only blocks (`BEGIN PGP SIGNED MESSAGE`) are readable.
    public func inlinePGPDefect(inDecoded decoded: [UInt8]) -> MIMEDefect? {
        guard isBodyText, let offset = Self.pgpMessageLine(in: decoded, afterTag: contentType.subtype == "html") else { return nil }
        return MIMEDefect(
            code: .encryptedPGPInline,
            message: "the body text holds an OpenPGP encrypted message (-----BEGIN PGP MESSAGE-----, at byte \(offset) of the decoded text); it cannot be read without the recipient's key",
            partPath: path)
    }

    private static let armorHeader = Array("-----BEGIN PGP MESSAGE-----".utf8)

    /// The offset of the first armor header line, which may be indented (and in HTML follow `>`).
    static func pgpMessageLine(in bytes: [UInt8], afterTag: Bool) -> Int? {
        let needle = armorHeader
        guard bytes.count >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let last = buffer.count - needle.count
            var i = 0
            while i <= last {
                guard let hit = firstArmorHeader(in: buffer, from: i) else { return nil }
                i = hit
                var j = i
                while j > 0, buffer[j - 1] == 0x20 || buffer[j - 1] == 0x09 { j -= 1 }
                if j == 0 || buffer[j - 1] == 0x0A || buffer[j - 1] == 0x0D || (afterTag && buffer[j - 1] == 0x3E) { return i }
                i += needle.count
            }
            return nil
        }
    }

    /// How far the armor header may move on when the byte under its last character is `byte`
    /// (Horspool's table): the header's length for the many bytes it does not hold.
    private static let armorHeaderShift: [UInt8] = {
        var shift = [UInt8](repeating: UInt8(armorHeader.count), count: 256)
        for (index, byte) in armorHeader.dropLast().enumerated() { shift[Int(byte)] = UInt8(armorHeader.count - 1 - index) }
        return shift
    }()

    /// The offset of the first whole armor header at or after `start` (Boyer-Moore-Horspool): HTML is
    /// full of '-' (comments, CSS), and stopping at each one cost more than the rest of the check.
    private static func firstArmorHeader(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let needle = armorHeader
        let last = needle.count - 1
        return armorHeaderShift.withUnsafeBufferPointer { shift in
            var i = start
            while i + last < buffer.count {
                let end = buffer[i + last]
                if end == 0x2D, buffer[i] == 0x2D, buffer[i + 5] == 0x42,  // '-' ... '-', 'B'
                    memcmp(buffer.baseAddress! + i, needle, needle.count) == 0 {
                    return i
                }
                i += Int(shift[Int(end)])
            }
            return nil
        }
    }
}

extension MIMEMessage {
    /// Every defect naming protected content: those the parser recorded (attached messages included),
    /// and an inline PGP defect for each body text part holding a PGP message block. `decodedText`
    /// gives the transfer-decoded bytes of a body text part when the caller has them already.
    public func protectionDefects(limits: ParserLimits = .default, decodedText: (MIMEEntity) -> [UInt8]? = { _ in nil }) -> [MIMEDefect] {
        var out = allDefects.filter { ContentProtection($0.code) != nil }
        for leaf in leaves where leaf.isBodyText {
            var scratch = DefectCollector()
            let decoded = decodedText(leaf) ?? leaf.decodedContent(limits: limits, defects: &scratch)
            if let defect = leaf.inlinePGPDefect(inDecoded: decoded) { out.append(defect) }
        }
        return out
    }
}
