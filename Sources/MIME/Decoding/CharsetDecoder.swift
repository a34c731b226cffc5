/// Converts bytes in a named charset to a `String`.
///
/// PLACEHOLDER API (to be completed with iconv and the alias table): the signature is the contract.
public enum CharsetDecoder {
    /// Decodes `bytes` as `charset` (a label as found in mail, e.g. `"ISO-8859-1"`, `"utf8"`, `nil`).
    ///
    /// Unknown or bogus names record `mime.charset-unknown` and use the fallback: UTF-8 when the bytes
    /// are valid UTF-8, else windows-1252. A `nil` label uses the same fallback, silently for ASCII.
    public static func decode(_ bytes: ArraySlice<UInt8>, charset: String?, defects: inout DefectCollector) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(decoding: bytes.map { $0 }, as: Unicode.ASCII.self)
    }
}
