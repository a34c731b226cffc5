/// Decoded content of leaf entities: transfer decoding, then charset conversion for text.
extension MIMEEntity {
    /// Whether this leaf is text a person reads: a `text/*` part whose disposition is not `attachment`.
    public var isInlineText: Bool { contentType.type == "text" && !isAttachment }

    /// The transfer-decoded bytes of a leaf, or of the ``wrapperContent`` of an opaque-signed S/MIME
    /// part (empty for multiparts and embedded messages).
    public func decodedContent(limits: ParserLimits = .default, defects: inout DefectCollector) -> [UInt8] {
        guard let content = leafContent ?? wrapperContent else { return [] }
        var local = DefectCollector(baseOffset: content.startIndex)
        let decoded = transferEncoding.decode(content, limits: limits, defects: &local)
        defects.defects += local.defects.map { var d = $0; d.partPath = path; return d }
        return decoded
    }

    /// Converts decoded bytes of this entity to text with its `charset` parameter (and the fallback).
    public func text(fromDecoded decoded: [UInt8], defects: inout DefectCollector) -> String {
        var local = DefectCollector()
        let text = CharsetDecoder.decode(decoded[...], charset: contentType.charset, defects: &local)
        defects.defects += local.defects.map { var d = $0; d.partPath = path; return d }
        return text
    }
}
