import Testing
@testable import MIME

private func parse(_ text: String) -> (ContentType?, DefectCollector) {
    var defects = DefectCollector()
    let contentType = ContentType.parse(Array(text.utf8)[...], defects: &defects)
    return (contentType, defects)
}

@Suite("ContentType: RFC 2045 §5.1")
struct ContentTypeTests {
    @Test func typeSubtypeAndParameters() throws {
        let (parsed, defects) = parse(" text/plain; charset=us-ascii; format=flowed")
        let contentType = try #require(parsed)
        #expect(contentType.type == "text")
        #expect(contentType.subtype == "plain")
        #expect(contentType.mimeType == "text/plain")
        #expect(contentType.charset == "us-ascii")
        #expect(contentType.parameters["format"] == "flowed")
        #expect(contentType.isText)
        #expect(!contentType.isMultipart)
        #expect(defects.defects.isEmpty)
    }

    @Test func typeAndSubtypeAreLowerCasedValuesAreNot() throws {
        let contentType = try #require(parse(#"TEXT/HTML; CHARSET="UTF-8""#).0)
        #expect(contentType.mimeType == "text/html")
        #expect(contentType.charset == "UTF-8")
    }

    @Test func commentsAndWhiteSpaceAroundSlash() throws {
        let (parsed, defects) = parse("(generated) text / html (markup); charset=utf-8")
        let contentType = try #require(parsed)
        #expect(contentType.mimeType == "text/html")
        #expect(contentType.charset == "utf-8")
        #expect(defects.defects.isEmpty)
    }

    @Test func foldedMultipartBoundaryIsByteExact() throws {
        let contentType = try #require(parse("multipart/alternative;\r\n\tboundary=\"----=_NextPart_000_0007_01C2A9A6.5D7E3C40\"").0)
        #expect(contentType.isMultipart)
        #expect(contentType.subtype == "alternative")
        #expect(contentType.boundary == Array("----=_NextPart_000_0007_01C2A9A6.5D7E3C40".utf8))
    }

    @Test func missingSemicolonBeforeParameters() throws {
        let (parsed, defects) = parse("text/plain charset=us-ascii")
        let contentType = try #require(parsed)
        #expect(contentType.mimeType == "text/plain")
        #expect(contentType.charset == "us-ascii")
        #expect(defects.contains(.parameterInvalid))
        #expect(!defects.contains(.contentTypeInvalid))
    }

    @Test func missingSubtypeIsInvalidAndReadAsTextPlain() throws {
        let (parsed, defects) = parse("text; charset=koi8-r")
        let contentType = try #require(parsed)
        #expect(contentType.mimeType == "text/plain")
        #expect(contentType.charset == "koi8-r")
        #expect(defects.contains(.contentTypeInvalid))

        let (multipart, multipartDefects) = parse("multipart; boundary=xyz")
        #expect(multipart?.mimeType == "text/plain")
        #expect(multipartDefects.contains(.contentTypeInvalid))

        let (slash, slashDefects) = parse("text/")
        #expect(slash?.mimeType == "text/plain")
        #expect(slashDefects.contains(.contentTypeInvalid))
    }

    @Test func junkAfterSubtypeIsSkipped() throws {
        let (parsed, defects) = parse("text/plain/html; charset=utf-8")
        let contentType = try #require(parsed)
        #expect(contentType.mimeType == "text/plain")
        #expect(contentType.charset == "utf-8")
        #expect(defects.contains(.parameterInvalid))

        #expect(parse("application/x-foo bar").0?.mimeType == "application/x-foo")
        #expect(parse("text/plain>").0?.mimeType == "text/plain")
    }

    @Test func parametersWithoutTypeKeepTheCharset() throws {
        let (parsed, defects) = parse(" ;charset=utf-8")
        let contentType = try #require(parsed)
        #expect(contentType.mimeType == "text/plain")
        #expect(contentType.charset == "utf-8")
        #expect(defects.contains(.contentTypeInvalid))
    }

    @Test func nothingUsableIsNil() {
        for text in ["", "   ", #""text/plain""#, "/plain", "(only a comment)"] {
            let (parsed, defects) = parse(text)
            #expect(parsed == nil, "\(text)")
            #expect(defects.contains(.contentTypeInvalid), "\(text)")
        }
    }

    @Test func rfc2231NameParameter() throws {
        let contentType = try #require(parse("application/pdf; name*=UTF-8''Rechnung%20M%C3%A4rz.pdf").0)
        #expect(contentType.parameters["name"] == "Rechnung M\u{E4}rz.pdf")
    }

    @Test func defectOffsetIsRelativeToInput() {
        var defects = DefectCollector(baseOffset: 40)
        _ = ContentType.parse(Array("  text; x=y".utf8)[...], defects: &defects)
        #expect(defects.defects.first { $0.code == .contentTypeInvalid }?.offset == 42)
    }

    @Test func defaults() {
        #expect(ContentType.textPlain.mimeType == "text/plain")
        #expect(ContentType.textPlain.charset == nil)
        #expect(ContentType.messageRFC822.mimeType == "message/rfc822")
    }
}
