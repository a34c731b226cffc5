/// RFC 2047 encoded-word decoding in unstructured text and phrases.
///
/// PLACEHOLDER API (to be completed): the signatures are the contract.
public enum EncodedWordDecoder {
    /// Decodes an unstructured header value (`Subject`, `Comments`, ...): unfolds, decodes encoded words,
    /// and decodes raw 8-bit bytes (UTF-8 when valid, else the fallback).
    public static func decodeText(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> String {
        CharsetDecoder.decode(raw, charset: nil, defects: &defects)
    }

    /// Decodes a phrase (a display name, already stripped of its quoting by the caller's grammar) in
    /// which encoded words may appear as whole words.
    public static func decodePhrase(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> String {
        CharsetDecoder.decode(raw, charset: nil, defects: &defects)
    }
}
