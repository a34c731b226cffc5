/// A parsed Content-Type field (RFC 2045 §5.1).
///
/// Type and subtype are lower-cased. Reading is lenient: comments and white space around `/`, a
/// missing `;` before the parameters (`text/plain charset=us-ascii`) and junk after the subtype are
/// accepted. A type without a usable subtype (`text`, `multipart`) is invalid, as for CPython: the
/// result is `text/plain` with the parameters that could be read, and `mime.content-type-invalid`.
public struct ContentType: Sendable, Hashable {
    /// Lower-cased top-level type, e.g. `text`.
    public var type: String
    /// Lower-cased subtype, e.g. `plain`.
    public var subtype: String
    public var parameters: ParameterList

    public init(type: String, subtype: String, parameters: ParameterList = ParameterList()) {
        self.type = type; self.subtype = subtype; self.parameters = parameters
    }

    /// `type/subtype`, lower-cased.
    public var mimeType: String { "\(type)/\(subtype)" }
    /// The `charset` parameter, if any.
    public var charset: String? { parameters["charset"] }
    /// The `boundary` parameter's raw bytes, if any.
    public var boundary: [UInt8]? { parameters.rawValue("boundary") }
    /// Whether the top-level type is `multipart`.
    public var isMultipart: Bool { type == "multipart" }
    /// Whether the top-level type is `text`.
    public var isText: Bool { type == "text" }

    /// `text/plain` (RFC 2045 §5.2 default; the charset is left unset so the fallback applies).
    public static let textPlain = ContentType(type: "text", subtype: "plain")
    /// `message/rfc822`, the default inside `multipart/digest` (RFC 2046 §5.1.5).
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// Parses a Content-Type field body. Returns `nil` (with `mime.content-type-invalid`) when neither a
    /// type nor any parameter can be read.
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> ContentType? {
        parseContent(raw, raw.startIndex, defects: &defects).contentType
    }
}

extension ContentType {
    typealias Input = ArraySlice<UInt8>
    private typealias Lexer = RFC5322Lexer

    /// `content := "Content-Type" ":" type "/" subtype *(";" parameter)` (RFC 2045 §5.1), from the
    /// field body on, with CFWS allowed around every token.
    static func parseContent(_ s: Input, _ i: Int, defects: inout DefectCollector) -> (contentType: ContentType?, end: Int) {
        let typeStart = Lexer.parseCFWS(s, i).end
        let typeEnd = Lexer.parseToken(s, typeStart)
        guard typeEnd > typeStart else {
            // No type: keep the parameters (a charset still matters), under the default type.
            let (parameters, end) = ParameterList.parseParameters(s, typeStart, defects: &defects)
            defects.report(.contentTypeInvalid, "Content-Type has no type; text/plain is used.", at: typeStart - s.startIndex)
            return (parameters.isEmpty ? nil : ContentType(type: "text", subtype: "plain", parameters: parameters), end)
        }
        var j = Lexer.parseCFWS(s, typeEnd).end
        var subtype: Range<Int>?
        if j < s.endIndex, s[j] == UInt8(ascii: "/") {
            let subtypeStart = Lexer.parseCFWS(s, j + 1).end
            let subtypeEnd = Lexer.parseToken(s, subtypeStart)
            if subtypeEnd > subtypeStart {
                subtype = subtypeStart..<subtypeEnd
                j = Lexer.parseCFWS(s, subtypeEnd).end
            } else {
                j = subtypeStart
            }
        }
        if j < s.endIndex, s[j] != UInt8(ascii: ";") {
            defects.report(.parameterInvalid, "Content-Type parameters do not start with ';'.", at: j - s.startIndex)
        }
        let (parameters, end) = ParameterList.parseParameters(s, j, defects: &defects)
        guard let subtype else {
            defects.report(.contentTypeInvalid, "Content-Type has no subtype; text/plain is used.", at: typeStart - s.startIndex)
            return (ContentType(type: "text", subtype: "plain", parameters: parameters), end)
        }
        let type = Lexer.lowercasedString(s[typeStart..<typeEnd])
        return (ContentType(type: type, subtype: Lexer.lowercasedString(s[subtype]), parameters: parameters), end)
    }
}
