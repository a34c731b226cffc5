import GraphExport
import MIME

/// Encrypted, signed and rights-protected mail as a Graph export holds it: Exchange keeps an S/MIME
/// message (encrypted, opaque-signed or clear-signed) as a message whose attachment `smime.p7m` holds
/// the MIME entity (MS-OXOSMIME §2.1.3.2), and a rights-managed message keeps its content in the
/// attachment `message.rpmsg` (MS-OXORMMS §2.2.4.5); the message body beside them is empty or a notice.
///
/// An S/MIME attachment is read with the MIME parser: as the MIME entity it should be, or as the bare
/// CMS structure some exporters keep. What it hides is named by the parser's defects; what is only
/// signed is read.
enum GraphProtectedAttachment {
    /// What one attachment is.
    enum Reading {
        /// A rights-managed message: nothing in it can be read.
        case rightsManaged
        /// An S/MIME message read with the MIME parser.
        case smime(MIMEMessage)
        /// An S/MIME attachment whose bytes the export does not hold.
        case smimeWithoutContent
    }

    /// How `attachment` hides or wraps the message, or `nil` for an ordinary attachment.
    static func read(_ attachment: GraphAttachment, options: ParserOptions) -> Reading? {
        guard attachment.kind == .file || attachment.kind == .unknown else { return nil }
        return read(
            mimeType: attachment.contentType.value, name: attachment.name.value, hasContent: attachment.hasContent,
            bytes: { attachment.decodedContent() }, options: options)
    }

    /// The same for an attachment known by its MIME type, name and bytes (an Outlook item's: Outlook
    /// stores S/MIME and rights-managed messages the same way, MS-OXOSMIME, MS-OXORMMS).
    static func read(mimeType: String?, name: String?, hasContent: Bool, bytes content: () -> [UInt8], options: ParserOptions) -> Reading? {
        let type = mimeType?.lowercased()
        let name = name?.lowercased()
        if ContentProtection.isRightsManagedMessage(mimeType: type, filename: name) { return .rightsManaged }
        let isSMIME = type == "application/pkcs7-mime" || type == "application/x-pkcs7-mime" || type == "multipart/signed"
            || name?.hasSuffix(".p7m") == true
        guard isSMIME else { return nil }
        guard hasContent else { return .smimeWithoutContent }
        let bytes = content()
        if ContentProtection.looksLikeMIMEEntity(bytes) { return .smime(MIMEParser(options: options).parse(bytes)) }
        // The bare CMS structure: read it as the body of an S/MIME part.
        let wrapped = Array("Content-Type: application/pkcs7-mime; name=\"smime.p7m\"\r\nContent-Transfer-Encoding: binary\r\n\r\n".utf8) + bytes
        return .smime(MIMEParser(options: options).parse(wrapped))
    }

    /// The defect naming a rights-managed attachment or an S/MIME attachment without bytes.
    static func defect(_ reading: Reading, name: String?) -> MIMEDefect? {
        let quoted = name.map { "\"\($0)\"" } ?? "the attachment"
        switch reading {
        case .rightsManaged:
            return MIMEDefect(
                code: .rightsProtected,
                message: "the message is protected by Microsoft rights management (IRM / Message Encryption); its content is in \(quoted) and cannot be read")
        case .smimeWithoutContent:
            return MIMEDefect(code: .smimeUnreadable, message: "the S/MIME message is in \(quoted), whose bytes the export does not hold")
        case .smime:
            return nil
        }
    }
}

extension GraphProtectedAttachment {
    /// Every defect naming protected content in `message`'s attachments, item attachments included,
    /// with the attachment's JSON pointer (the defect's part path is a MIME part inside it, if any).
    static func protectionDefects(of message: GraphMessage, pointer: String = "", options: ParserOptions) -> [(pointer: String, defect: MIMEDefect)] {
        (message.attachments.value ?? []).enumerated().flatMap { index, attachment in
            protectionDefects(of: attachment, pointer: "\(pointer)/attachments/\(index)", options: options)
        }
    }

    /// The same for one attachment at `pointer` (an attachment kept apart: `path#pointer` in its own file).
    static func protectionDefects(of attachment: GraphAttachment, pointer path: String, options: ParserOptions) -> [(pointer: String, defect: MIMEDefect)] {
        var out: [(pointer: String, defect: MIMEDefect)] = []
        if let item = attachment.item.value { out += protectionDefects(of: item, pointer: path + "/item", options: options) }
        guard let reading = read(attachment, options: options) else { return out }
        if case .smime(let parsed) = reading {
            out += parsed.protectionDefects(limits: options.limits).map { (path, $0) }
        } else if let defect = defect(reading, name: attachment.name.value) {
            out.append((path, defect))
        }
        return out
    }
}
