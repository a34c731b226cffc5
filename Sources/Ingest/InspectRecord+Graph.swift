package import GraphExport
package import MailModel
import MIME
private import HTMLText

extension InspectRecord {
    /// The record of a Graph message (§10): `parts` are the body (text/html or text/plain, as the export
    /// holds it) and each file attachment with the size and SHA-256 of its decoded bytes; an item
    /// attachment contributes its item's parts, recursively. Part paths are JSON pointers within the message.
    ///
    /// - Parameter apart: the message's attachments kept apart from it, read again: their parts follow,
    ///   with paths naming their own file and pointer (`path#/value/0`).
    package init(
        graph message: GraphMessage, source: MessageSource, linkUnwrapper: GatewayLinkUnwrapper? = GatewayLinkUnwrapper(),
        apart: AttachmentsApart.Reading? = nil
    ) {
        self.init(source: source)
        messageID = message.internetMessageId.value.map(GraphItemNormalizer.stripAngleBrackets)
        subject = message.subject.value
        date = (message.sentDateTime.value ?? message.receivedDateTime.value)?.iso8601UTC
        from = GraphItemNormalizer.addresses(message.from.value.map { [$0] } ?? [])
        to = GraphItemNormalizer.addresses(message.toRecipients.value ?? [])
        cc = GraphItemNormalizer.addresses(message.ccRecipients.value ?? [])
        if linkUnwrapper != nil { links = [] }
        addParts(of: message, pointer: "", linkUnwrapper: linkUnwrapper)
        for joined in apart?.attachments ?? [] { addPart(joined.attachment, path: joined.reference, linkUnwrapper: linkUnwrapper) }
        defects += message.diagnostics.map(Self.defect)
        // Encrypted and rights-protected attachments (Exchange's form of S/MIME and RPMSG messages).
        let joinedProtection = (apart?.attachments ?? []).flatMap { joined in
            GraphProtectedAttachment.protectionDefects(of: joined.attachment, pointer: joined.reference, options: .default)
        }
        defects += (GraphProtectedAttachment.protectionDefects(of: message, options: .default) + joinedProtection).map { pointer, defect in
            Defect(code: defect.code.diagnosticCode, part: defect.partPath.isEmpty ? pointer : "\(pointer)#\(defect.partPath)", offset: nil, message: defect.message)
        }
        defects += (apart?.diagnostics ?? []).map { note in
            Defect(
                code: note.code, part: note.location.pointer.map { note.location.path + "#" + $0 } ?? note.location.path,
                offset: note.location.byteOffset, message: note.message)
        }
        defects += GatewayLinkUnwrapper.diagnostics(of: links ?? [], path: source.path, jsonPointerBase: source.pointer ?? "").map {
            Defect(code: $0.code, part: $0.location.pointer ?? "", offset: nil, message: $0.message)
        }
    }

    private mutating func addParts(of message: GraphMessage, pointer: String, linkUnwrapper: GatewayLinkUnwrapper?) {
        let bodyField = message.body.isCollected ? message.body : message.uniqueBody
        let bodyKey = message.body.isCollected ? "/body" : "/uniqueBody"
        if let body = bodyField.value, let content = body.content {
            let bytes = Array(content.utf8)
            let isHTML = body.contentType == nil || body.contentType == .html
            parts.append(
                Part(
                    path: pointer + bodyKey, contentType: isHTML ? "text/html" : "text/plain", charset: "utf-8",
                    filename: nil, disposition: nil, transferEncoding: nil, size: bytes.count,
                    sha256: Self.sha256Hex(bytes), text: content, embedded: nil))
            // The links of the body, as investigations collect them (GraphItemNormalizer).
            if let linkUnwrapper {
                let found = body.contentType == .text
                    ? PlainTextLinkScanner.urls(in: content).map { MailLink(url: $0, text: nil, path: pointer + bodyKey) }
                    : HTMLTextExtractor().extract(content).links.map { MailLink(url: $0.url, text: $0.text, path: pointer + bodyKey) }
                links?.append(contentsOf: linkUnwrapper.unwrapped(found))
            }
        }
        for (index, attachment) in (message.attachments.value ?? []).enumerated() {
            addPart(attachment, path: "\(pointer)/attachments/\(index)", linkUnwrapper: linkUnwrapper)
        }
    }

    private mutating func addPart(_ attachment: GraphAttachment, path: String, linkUnwrapper: GatewayLinkUnwrapper?) {
        switch attachment.kind {
        case .item:
            if let item = attachment.item.value { addParts(of: item, pointer: path + "/item", linkUnwrapper: linkUnwrapper) }
        case .file, .unknown:
            guard attachment.hasContent else { return }
            let bytes = attachment.decodedContent()
            let type = (attachment.contentType.value ?? "application/octet-stream").lowercased()
            let isInline = attachment.isInline.value ?? false
            var text: String?
            if isInline, type.hasPrefix("text/") { text = String(decoding: bytes, as: UTF8.self) }
            parts.append(
                Part(
                    path: path, contentType: type, charset: nil, filename: attachment.name.value,
                    disposition: isInline ? "inline" : "attachment", transferEncoding: "base64",
                    size: bytes.count, sha256: Self.sha256Hex(bytes), text: text, embedded: nil))
        case .reference:
            defects.append(Defect(
                code: IngestCode.graphReferenceAttachment, part: path, offset: nil,
                message: "attachment \(attachment.name.value.map { "'\($0)' " } ?? "")is a link to a cloud file; it has no bytes in the export"))
        }
    }

    static func defect(_ diagnostic: GraphDiagnostic) -> Defect {
        Defect(code: diagnostic.code.diagnosticCode, part: diagnostic.pointer ?? "", offset: diagnostic.byteOffset, message: diagnostic.message)
    }
}
