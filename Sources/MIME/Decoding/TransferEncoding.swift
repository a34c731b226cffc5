/// A Content-Transfer-Encoding (RFC 2045 §6) and the decoder behind it.
public enum TransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, base64, quotedPrintable, uuencode
    /// An encoding we do not know; the raw bytes are kept (`mime.transfer-encoding-unknown`).
    case unknown(String)

    /// Reads a Content-Transfer-Encoding token (case-insensitive; `x-uuencode`, `x-uue`, `uuencode` are uuencode).
    public init(token: String) {
        switch token.lowercased() {
        case "7bit", "": self = .sevenBit
        case "8bit": self = .eightBit
        case "binary": self = .binary
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        case "x-uuencode", "x-uue", "uuencode", "uue": self = .uuencode
        default: self = .unknown(token.lowercased())
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

    /// Decodes `encoded` with this encoding. PLACEHOLDER: to be routed to the per-encoding decoders.
    public func decode(_ encoded: ArraySlice<UInt8>, limits: ParserLimits = .default, defects: inout DefectCollector) -> [UInt8] {
        Array(encoded)
    }
}
