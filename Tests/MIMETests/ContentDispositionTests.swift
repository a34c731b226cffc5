import Testing
@testable import MIME

private func parse(_ text: String) -> (ContentDisposition?, DefectCollector) {
    var defects = DefectCollector()
    let disposition = ContentDisposition.parse(Array(text.utf8)[...], defects: &defects)
    return (disposition, defects)
}

@Suite("ContentDisposition: RFC 2183")
struct ContentDispositionTests {
    @Test func attachmentWithFilename() throws {
        let (parsed, defects) = parse(#" attachment; filename="report.pdf"; size=48213"#)
        let disposition = try #require(parsed)
        #expect(disposition.kind == "attachment")
        #expect(disposition.isAttachment)
        #expect(!disposition.isInline)
        #expect(disposition.filename == "report.pdf")
        #expect(disposition.parameters["size"] == "48213")
        #expect(defects.defects.isEmpty)
    }

    @Test func typeIsLowerCased() throws {
        let disposition = try #require(parse("INLINE").0)
        #expect(disposition.kind == "inline")
        #expect(disposition.isInline)
        #expect(disposition.filename == nil)
    }

    @Test func extensionToken() throws {
        let disposition = try #require(parse("x-Custom (note); level=2").0)
        #expect(disposition.kind == "x-custom")
        #expect(disposition.parameters["level"] == "2")
        #expect(!disposition.isAttachment)
    }

    @Test func rfc2231Filename() throws {
        let disposition = try #require(parse("attachment; filename*=UTF-8''%E2%82%AC%20rates.txt").0)
        #expect(disposition.filename == "\u{20AC} rates.txt")
    }

    @Test func rfc2231ContinuedFilename() throws {
        let text = "attachment;\r\n filename*0*=UTF-8''%D0%9E%D1%82%D1%87%D0%B5%D1;\r\n filename*1*=%82.docx"
        let disposition = try #require(parse(text).0)
        #expect(disposition.filename == "\u{41E}\u{442}\u{447}\u{435}\u{442}.docx")
    }

    @Test func rfc2047Filename() throws {
        let disposition = try #require(parse(#"attachment; filename="=?UTF-8?Q?f=C3=B6o.txt?=""#).0)
        #expect(disposition.filename == "f\u{F6}o.txt")
    }

    @Test func quotedPairsInFilename() throws {
        // GMime and CPython both resolve every quoted pair, even in Windows paths.
        let disposition = try #require(parse(#"attachment; filename="C:\Docs\x.txt""#).0)
        #expect(disposition.filename == "C:Docsx.txt")
    }

    @Test func missingSemicolonBeforeParameters() throws {
        let (parsed, defects) = parse("attachment filename=a.txt")
        let disposition = try #require(parsed)
        #expect(disposition.isAttachment)
        #expect(disposition.filename == "a.txt")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func parametersWithoutType() throws {
        let (parsed, defects) = parse(#"filename="a.txt""#)
        let disposition = try #require(parsed)
        #expect(disposition.kind == "")
        #expect(!disposition.isAttachment)
        #expect(disposition.filename == "a.txt")
        #expect(defects.contains(.contentDispositionInvalid))
    }

    @Test func nothingUsableIsNil() {
        for text in ["", " ", "=?utf-8?Q?invalid?="] {
            let (parsed, defects) = parse(text)
            #expect(parsed == nil, "\(text)")
            #expect(defects.contains(.contentDispositionInvalid), "\(text)")
        }
    }
}
