/// What an S/MIME body (`application/pkcs7-mime`, a `.p7m` file) holds, read from its CMS structure
/// (RFC 5652; PKCS #7 v1.5, RFC 2315, has the same shape): the content type, and for SignedData the
/// encapsulated content (the signed MIME entity of an opaque-signed message).
///
/// Only the path to the content is walked (ContentInfo → SignedData → EncapsulatedContentInfo →
/// eContent); certificates and signatures are skipped, never checked.
public struct CMSContentInfo: Sendable {
    /// The CMS content types (RFC 5652 §4–§9, RFC 5083, RFC 3274).
    public enum ContentType: Sendable, Hashable {
        case data, signedData, envelopedData, digestedData, encryptedData, authenticatedData
        case authEnvelopedData, compressedData
        /// Another object identifier, in dotted form.
        case other(String)

        /// The name RFC 5652 and S/MIME (`smime-type`) use.
        public var name: String {
            switch self {
            case .data: "data"
            case .signedData: "signed-data"
            case .envelopedData: "enveloped-data"
            case .digestedData: "digested-data"
            case .encryptedData: "encrypted-data"
            case .authenticatedData: "authenticated-data"
            case .authEnvelopedData: "authEnveloped-data"
            case .compressedData: "compressed-data"
            case .other(let oid): oid
            }
        }

        /// Whether the content is encrypted: no one without the key can read it.
        public var isEncrypted: Bool { self == .envelopedData || self == .encryptedData || self == .authEnvelopedData }
    }

    /// Why the structure could not be read, and where (an offset in the decoded bytes).
    public struct Malformed: Error, Sendable, Hashable {
        public var offset: Int
        public var reason: String
    }

    /// The outer content type.
    public var contentType: ContentType
    /// For SignedData: the encapsulated content (`nil` when the signature is detached or the message
    /// only carries certificates, `certs-only`).
    public var signedContent: [UInt8]?
    /// Whether `signedContent` was cut at the size limit.
    public var isSignedContentCut = false

    /// Reads `der` (BER or DER). The encapsulated content of SignedData is read only when
    /// `readSignedContent`; at most `maxContentBytes` of it are kept, and constructed elements nested
    /// deeper than `maxDepth` are refused.
    public static func read(_ der: [UInt8], readSignedContent: Bool = true, maxDepth: Int, maxContentBytes: Int) -> Result<CMSContentInfo, Malformed> {
        let reader = BERReader(bytes: der, maxDepth: maxDepth)
        do throws(Malformed) {
            // ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY DEFINED BY contentType }
            let contentInfo = try expect(reader.element(at: 0, limit: der.count), .sequence, "ContentInfo")
            let fields = try reader.children(of: contentInfo, depth: 0).mapError(malformed).get()
            guard let typeField = fields.first else { throw Malformed(offset: contentInfo.start, reason: "ContentInfo is empty") }
            let type = try contentType(reader, try expect(.success(typeField), .objectIdentifier, "the content type"))
            var info = CMSContentInfo(contentType: type)
            guard type == .signedData, readSignedContent else { return .success(info) }
            guard fields.count >= 2 else { throw Malformed(offset: contentInfo.start, reason: "SignedData is missing") }
            let explicit = try expect(.success(fields[1]), .context(0), "the [0] content of ContentInfo")
            // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, [0] certificates, [1] crls, signerInfos }
            let signedData = try expect(reader.element(at: explicit.contentStart, limit: explicit.contentEnd, depth: 1), .sequence, "SignedData")
            let signedFields = try reader.children(of: signedData, depth: 1).mapError(malformed).get()
            guard signedFields.count >= 3 else { throw Malformed(offset: signedData.start, reason: "SignedData has \(signedFields.count) fields (at least 3 expected)") }
            _ = try expect(.success(signedFields[0]), .integer, "the SignedData version")
            // EncapsulatedContentInfo ::= SEQUENCE { eContentType ContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
            let encapsulated = try expect(.success(signedFields[2]), .sequence, "EncapsulatedContentInfo")
            let encapsulatedFields = try reader.children(of: encapsulated, depth: 2).mapError(malformed).get()
            guard encapsulatedFields.count >= 2 else { return .success(info) }  // detached signature
            let wrapper = try expect(.success(encapsulatedFields[1]), .context(0), "the [0] eContent")
            let octets = try reader.element(at: wrapper.contentStart, limit: wrapper.contentEnd, depth: 3).mapError(malformed).get()
            guard octets.tag.sameType(as: .octetString) else {
                // PKCS #7 v1.5 allowed any type here; only an OCTET STRING holds a MIME entity as bytes.
                throw Malformed(offset: octets.start, reason: "eContent is not an OCTET STRING")
            }
            let content = try reader.stringContent(of: octets, depth: 3, maxBytes: maxContentBytes).mapError(malformed).get()
            info.signedContent = content.bytes
            info.isSignedContentCut = content.isCut
            return .success(info)
        } catch {
            return .failure(error)
        }
    }

    /// The content type read from the start of a structure alone (the outer SEQUENCE's header and the
    /// object identifier after it), or `nil` when that start is not a ContentInfo. Enough to know that a
    /// part is encrypted without decoding all of it.
    public static func contentType(ofPrefix prefix: [UInt8]) -> ContentType? {
        let reader = BERReader(bytes: prefix, maxDepth: 1)
        guard case .success(let outer) = reader.header(at: 0, limit: prefix.count), outer.tag == .sequence,
              case .success(let oid) = reader.element(at: outer.contentStart, limit: prefix.count, depth: 1), oid.tag == .objectIdentifier
        else { return nil }
        return try? contentType(reader, oid)
    }

    private init(contentType: ContentType) {
        self.contentType = contentType
    }

    private static func malformed(_ failure: BERReader.Failure) -> Malformed {
        Malformed(offset: failure.offset, reason: failure.reason)
    }

    private static func expect(_ result: Result<BERReader.Element, BERReader.Failure>, _ tag: BERReader.Tag, _ what: String) throws(Malformed) -> BERReader.Element {
        let element = try result.mapError(malformed).get()
        guard element.tag == tag else {
            throw Malformed(offset: element.start, reason: "\(what) has an unexpected tag")
        }
        return element
    }

    /// RFC 5652 §4 and the S/MIME content types (arc 1.2.840.113549.1.7 and 1.2.840.113549.1.9.16.1).
    private static func contentType(_ reader: BERReader, _ element: BERReader.Element) throws(Malformed) -> ContentType {
        let value = Array(reader.content(of: element))
        let pkcs7: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07]
        let smimeContentTypes: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01]
        if value.count == pkcs7.count + 1, value.starts(with: pkcs7) {
            switch value.last! {
            case 1: return .data
            case 2: return .signedData
            case 3: return .envelopedData
            case 5: return .digestedData
            case 6: return .encryptedData
            default: break
            }
        }
        if value.count == smimeContentTypes.count + 1, value.starts(with: smimeContentTypes) {
            switch value.last! {
            case 2: return .authenticatedData
            case 9: return .compressedData
            case 23: return .authEnvelopedData
            default: break
            }
        }
        guard let dotted = dottedOID(value) else { throw Malformed(offset: element.start, reason: "the content type is not a valid object identifier") }
        return .other(dotted)
    }

    /// X.690 §8.19: the first octet holds the first two arcs, then base-128 numbers.
    static func dottedOID(_ value: [UInt8]) -> String? {
        var arcs: [UInt64] = []
        var n: UInt64 = 0
        var length = 0
        for b in value {
            length += 1
            guard length <= 9 else { return nil }
            n = n << 7 | UInt64(b & 0x7F)
            if b & 0x80 == 0 {
                if arcs.isEmpty {
                    let first: UInt64 = n < 40 ? 0 : (n < 80 ? 1 : 2)
                    arcs += [first, n - first * 40]
                } else {
                    arcs.append(n)
                }
                n = 0
                length = 0
            }
        }
        guard length == 0, !arcs.isEmpty else { return nil }
        return arcs.map(String.init).joined(separator: ".")
    }
}
