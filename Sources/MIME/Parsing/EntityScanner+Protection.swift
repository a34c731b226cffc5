/// Encrypted, signed and rights-managed entities: S/MIME (RFC 8551 §3.2–§3.5), PGP/MIME (RFC 3156),
/// Microsoft rights management (MS-OXORMMS). Encrypted and rights-managed content is kept as it is
/// and named by a defect; the content of an opaque-signed S/MIME part is read like an embedded message.
extension EntityScanner {
    /// Records the protection an entity's type shows without reading its content: `multipart/encrypted`
    /// (RFC 1847 §2.2) and a rights-managed message's `message.rpmsg` attachment.
    func reportProtection(_ entity: MIMEEntity, at offset: Int, defects: inout DefectCollector) {
        let type = entity.contentType
        if type.type == "multipart", type.subtype == "encrypted" {
            let proto = type.parameters["protocol"]?.lowercased()
            let name = proto == "application/pgp-encrypted" ? "PGP/MIME" : "multipart/encrypted (protocol \(proto ?? "not given"))"
            defects.report(.encryptedPGP, "the content is encrypted with \(name); it cannot be read without the recipient's key", at: offset)
        } else if type.type == "application", ContentProtection.isRightsManagedMessage(mimeType: type.mimeType, filename: entity.filename) {
            defects.report(
                .rightsProtected,
                "the message is protected by Microsoft rights management (IRM / Message Encryption); its content is in \(entity.filename.map { "\"\($0)\"" } ?? "this part") and cannot be read",
                at: offset)
        }
    }

    /// An S/MIME body part: `application/pkcs7-mime` (or the older `x-` form), whose CMS content type
    /// decides what it is whatever `smime-type` says; or an `application/octet-stream` named `*.p7m`,
    /// read as S/MIME only when its content is a CMS structure.
    mutating func parseSMIMEPart(
        _ entity: MIMEEntity, _ form: SMIMEPartForm, _ defects: DefectCollector, start: Int, bodyStart: Int, stack: BoundaryStack, depth: Int
    ) -> (MIMEEntity, Stop) {
        var entity = entity
        var defects = defects
        let (contentEnd, stop) = leafExtent(bodyStart: bodyStart, stack: stack, defects: &defects)
        let content = slice(bodyStart, contentEnd)
        entity.body = .leaf(content)

        // The start of the content says what it is: an encrypted part is not decoded further here.
        var scratch = DefectCollector()
        let prefix = entity.transferEncoding.decode(content.prefix(Self.smimePeekBytes), limits: limits, defects: &scratch)
        // An empty part hides nothing (mbox summaries keep only the headers).
        if prefix.isEmpty { return finish(entity, defects, start: start, end: contentEnd, stop: stop) }
        if let type = CMSContentInfo.contentType(ofPrefix: prefix), type != .signedData {
            reportUnreadable(type, at: bodyStart, defects: &defects)
            return finish(entity, defects, start: start, end: contentEnd, stop: stop)
        }
        var decodeDefects = DefectCollector(baseOffset: bodyStart)
        let der = entity.transferEncoding.decode(content, limits: limits, defects: &decodeDefects)
        let declared = form.declaredType
        let info: CMSContentInfo
        switch CMSContentInfo.read(der, maxDepth: limits.maxCMSNestingDepth, maxContentBytes: limits.maxDecodedBytes) {
        case .success(let read):
            info = read
        case .failure(let malformed):
            // A file merely named `.p7m` that is not CMS is an ordinary attachment.
            guard form != .namedP7M else { return finish(entity, defects, start: start, end: contentEnd, stop: stop) }
            let why = "\(malformed.reason) (byte \(malformed.offset) of the decoded content)"
            if let declared, declared.isEncrypted {
                defects.report(.encryptedSMIME, "the content is encrypted with S/MIME (smime-type=\(declared.name)) and its structure cannot be read either: \(why)", at: bodyStart)
            } else {
                defects.report(.smimeUnreadable, "the S/MIME content cannot be read: \(why)", at: bodyStart)
            }
            return finish(entity, defects, start: start, end: contentEnd, stop: stop)
        }

        switch info.contentType {
        case .signedData:
            guard let signed = info.signedContent, ContentProtection.looksLikeMIMEEntity(signed) else {
                // A detached signature, certificates only, or a signed file (`invoice.xml.p7m`): kept as it is.
                return finish(entity, defects, start: start, end: contentEnd, stop: stop)
            }
            if depth >= limits.maxNestingDepth || partCount > limits.maxParts {
                let code: MIMEDefect.Code = depth >= limits.maxNestingDepth ? .nestingTooDeep : .tooManyParts
                defects.report(code, "the signed content of this S/MIME part is not read (nesting or part limit)", at: bodyStart)
                return finish(entity, defects, start: start, end: contentEnd, stop: stop)
            }
            defects.defects += decodeDefects.defects
            if info.isSignedContentCut {
                defects.report(.decodedSizeLimit, "the signed content is larger than \(limits.maxDecodedBytes) bytes; only its start was read", at: bodyStart)
            }
            var count = partCount
            let message = parser.parse(signed, path: entity.path + ".1", depth: depth + 1, isTopLevel: false, partCount: &count)
            partCount = count
            entity.body = .message(message)
            entity.wrapperContent = content
        case let type:
            reportUnreadable(type, at: bodyStart, defects: &defects)
        }
        return finish(entity, defects, start: start, end: contentEnd, stop: stop)
    }

    /// Encoded bytes decoded to learn an S/MIME part's CMS content type (the outer header and the
    /// object identifier take about 20 bytes).
    static let smimePeekBytes = 256

    /// Records what hides a CMS content that is not signed: encryption or compression.
    func reportUnreadable(_ type: CMSContentInfo.ContentType, at offset: Int, defects: inout DefectCollector) {
        if type.isEncrypted {
            defects.report(.encryptedSMIME, "the content is encrypted with S/MIME (\(type.name)); it cannot be read without the recipient's key", at: offset)
        } else if type == .compressedData {
            defects.report(.smimeUnreadable, "the S/MIME content is compressed (compressed-data) and is not decompressed", at: offset)
        }
    }
}

/// How a part shows that it is S/MIME.
enum SMIMEPartForm: Equatable {
    /// `application/pkcs7-mime` or `application/x-pkcs7-mime`, with the `smime-type` it declares.
    case pkcs7MIME(smimeType: String?)
    /// `application/octet-stream` with a `.p7m` file name (older mailers).
    case namedP7M

    init?(_ entity: MIMEEntity) {
        let type = entity.contentType
        guard type.type == "application" else { return nil }
        switch type.subtype {
        case "pkcs7-mime", "x-pkcs7-mime":
            self = .pkcs7MIME(smimeType: type.parameters["smime-type"]?.lowercased())
        case "octet-stream" where entity.filename?.lowercased().hasSuffix(".p7m") == true:
            self = .namedP7M
        default:
            return nil
        }
    }

    /// The CMS content type `smime-type` declares (RFC 8551 §3.2.2), if any.
    var declaredType: CMSContentInfo.ContentType? {
        guard case .pkcs7MIME(let smimeType?) = self else { return nil }
        switch smimeType {
        case "enveloped-data": return .envelopedData
        case "authenveloped-data": return .authEnvelopedData
        case "signed-data", "certs-only": return .signedData
        case "compressed-data": return .compressedData
        default: return nil
        }
    }
}
