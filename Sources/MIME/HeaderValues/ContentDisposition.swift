/// A parsed Content-Disposition field (RFC 2183).
///
/// Parameters use the `ParameterList` machinery, so `filename` may come from RFC 2231 (`filename*=`,
/// continuations) or RFC 2047 (`filename="=?UTF-8?B?...?="`) forms.
public struct ContentDisposition: Sendable, Hashable {
    /// Lower-cased disposition type: `inline`, `attachment`, or whatever the message says (empty when
    /// the field has parameters but no type).
    public var kind: String
    public var parameters: ParameterList

    public init(kind: String, parameters: ParameterList = ParameterList()) {
        self.kind = kind; self.parameters = parameters
    }

    /// Whether the disposition type is `attachment`.
    public var isAttachment: Bool { kind == "attachment" }
    /// Whether the disposition type is `inline`.
    public var isInline: Bool { kind == "inline" }
    /// The decoded `filename` parameter, if any.
    public var filename: String? { parameters["filename"] }

    /// Parses a Content-Disposition field body; `nil` (with `mime.content-disposition-invalid`) when
    /// neither a type nor a parameter can be read.
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> ContentDisposition? {
        parseDisposition(raw, raw.startIndex, defects: &defects).disposition
    }
}

extension ContentDisposition {
    typealias Input = ArraySlice<UInt8>
    private typealias Lexer = RFC5322Lexer

    /// `disposition := "Content-Disposition" ":" disposition-type *(";" disposition-parm)` and
    /// `disposition-type := "inline" / "attachment" / extension-token` (RFC 2183 §2), from the field
    /// body on. A missing `;` before the parameters is accepted.
    static func parseDisposition(_ s: Input, _ i: Int, defects: inout DefectCollector) -> (disposition: ContentDisposition?, end: Int) {
        let typeStart = Lexer.parseCFWS(s, i).end
        let typeEnd = Lexer.parseToken(s, typeStart)
        var j = Lexer.parseCFWS(s, typeEnd).end
        // `filename=x` alone: the token is a parameter name, not a type.
        if typeEnd == typeStart || (j < s.endIndex && s[j] == UInt8(ascii: "=")) {
            let (parameters, end) = ParameterList.parseParameters(s, typeStart, defects: &defects)
            defects.report(.contentDispositionInvalid, "Content-Disposition has no disposition type.", at: typeStart - s.startIndex)
            return (parameters.isEmpty ? nil : ContentDisposition(kind: "", parameters: parameters), end)
        }
        if j < s.endIndex, s[j] != UInt8(ascii: ";") {
            defects.report(.parameterInvalid, "Content-Disposition parameters do not start with ';'.", at: j - s.startIndex)
        }
        let (parameters, end) = ParameterList.parseParameters(s, j, defects: &defects)
        j = end
        return (ContentDisposition(kind: Lexer.lowercasedString(s[typeStart..<typeEnd]), parameters: parameters), j)
    }
}
