/// A Content-Transfer-Encoding (RFC 2045 §6) and the decoder behind it.
public enum TransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, base64, quotedPrintable, uuencode
    /// An encoding we do not know; the raw bytes are kept (`mime.transfer-encoding-unknown`).
    case unknown(String)

    /// Reads a Content-Transfer-Encoding token (case-insensitive; `x-uuencode`, `x-uue`, `uuencode` are uuencode).
    ///
    /// RFC 2045 §6.1: `mechanism := "7bit" / "8bit" / "binary" / "quoted-printable" / "base64" /
    /// ietf-token / x-token`; "these values are not case sensitive". Surrounding white space is
    /// ignored, and `7-bit` / `8-bit` are read as `7bit` / `8bit` as GMime does.
    public init(token: String) {
        let trimmed = Self.trimmed(token.lowercased())
        switch trimmed {
        case "7bit", "7-bit", "": self = .sevenBit
        case "8bit", "8-bit": self = .eightBit
        case "binary": self = .binary
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        case "x-uuencode", "x-uue", "uuencode", "uue": self = .uuencode
        default: self = .unknown(trimmed)
        }
    }

    /// The name as shown in reports.
    public var name: String {
        switch self {
        case .sevenBit: return "7bit"
        case .eightBit: return "8bit"
        case .binary: return "binary"
        case .base64: return "base64"
        case .quotedPrintable: return "quoted-printable"
        case .uuencode: return "x-uuencode"
        case .unknown(let s): return s
        }
    }

    /// Whether the bytes are used as they are (7bit, 8bit, binary).
    public var isIdentity: Bool {
        switch self {
        case .sevenBit, .eightBit, .binary: return true
        default: return false
        }
    }

    /// Decodes `encoded` with this encoding.
    ///
    /// Identity encodings copy the bytes; base64, quoted-printable and uuencode go to their decoders;
    /// an unknown encoding keeps the raw bytes with `mime.transfer-encoding-unknown` (RFC 2045 §6.4:
    /// "an entity with an unrecognized Content-Transfer-Encoding [...] must be treated as if it has
    /// a Content-Type of application/octet-stream"). At most `limits.maxDecodedBytes` bytes are
    /// produced; past that the output is truncated with `mime.decoded-size-limit`.
    public func decode(_ encoded: ArraySlice<UInt8>, limits: ParserLimits = .default, defects: inout DefectCollector) -> [UInt8] {
        let limit = max(limits.maxDecodedBytes, 0)
        switch self {
        case .base64:
            return Base64Decoder.decode(encoded, limit: limit, defects: &defects)
        case .quotedPrintable:
            return QuotedPrintableDecoder.decode(encoded, limit: limit, defects: &defects)
        case .uuencode:
            return UUDecoder.decode(encoded, limit: limit, defects: &defects)
        case .unknown(let name):
            defects.report(.transferEncodingUnknown, "unknown Content-Transfer-Encoding \"\(name.prefix(40))\"; the raw bytes are kept")
            return Self.copy(encoded, limit: limit, defects: &defects)
        case .sevenBit, .eightBit, .binary:
            return Self.copy(encoded, limit: limit, defects: &defects)
        }
    }

    /// `token` without leading and trailing spaces, tabs, CRs and LFs.
    private static func trimmed(_ token: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let utf8 = token.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(token[first...last])
    }

    /// The bytes as they are, truncated at `limit`.
    private static func copy(_ encoded: ArraySlice<UInt8>, limit: Int, defects: inout DefectCollector) -> [UInt8] {
        guard encoded.count > limit else { return Array(encoded) }
        defects.report(.decodedSizeLimit, "content exceeded \(limit) bytes; the rest was dropped")
        return Array(encoded.prefix(limit))
    }
}
