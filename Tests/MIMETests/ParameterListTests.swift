import Testing
@testable import MIME

private func parse(_ text: String) -> (ParameterList, DefectCollector) {
    var defects = DefectCollector()
    let list = ParameterList.parse(Array(text.utf8)[...], defects: &defects)
    return (list, defects)
}

private func parseBytes(_ bytes: [UInt8]) -> (ParameterList, DefectCollector) {
    var defects = DefectCollector()
    let list = ParameterList.parse(bytes[...], defects: &defects)
    return (list, defects)
}

@Suite("ParameterList: RFC 2045 parameters")
struct ParameterListBasicTests {
    @Test func tensOfThousandsOfSectionsAreJoinedInLinearTime() {
        // 60,000 sections in reverse order, one repeated: joined in order, the repeat reported once.
        let count = 60_000
        var text = "attachment"
        for n in (0..<count).reversed() { text += "; filename*\(n)=\(n % 10)" }
        text += "; filename*7=x"
        let (list, defects) = parse(text)
        let value = list.parameter("filename")?.value ?? ""
        #expect(value.count == count)
        #expect(value.hasPrefix("0123456789") && value.hasSuffix("789"))
        #expect(defects.defects.filter { $0.message.contains("repeated") }.count == 1, "\(defects.defects.map(\.message))")
    }

    @Test func tokenAndQuotedValues() {
        let (list, defects) = parse(#"; charset=us-ascii; format="flowed"; delsp=yes"#)
        #expect(list.parameters.map(\.name) == ["charset", "format", "delsp"])
        #expect(list["charset"] == "us-ascii")
        #expect(list["format"] == "flowed")
        #expect(list["delsp"] == "yes")
        #expect(defects.defects.isEmpty)
    }

    @Test func namesAreCaseInsensitiveValuesKeepCase() {
        let (list, _) = parse("; CharSet=UTF-8")
        #expect(list.parameters[0].name == "charset")
        #expect(list["CHARSET"] == "UTF-8")
        #expect(list.rawValue("Charset") == Array("UTF-8".utf8))
    }

    @Test func quotedPairsAreResolved() {
        let (list, defects) = parse(#"; name="a \"b\" c\\d""#)
        #expect(list["name"] == #"a "b" c\d"#)
        #expect(defects.defects.isEmpty)
    }

    @Test func foldedQuotedValueIsUnfolded() {
        let (list, _) = parse("; name=\"annual\r\n report.pdf\"")
        #expect(list["name"] == "annual report.pdf")
    }

    @Test func unquotedValueWithSpacesRunsToSemicolon() {
        let (list, defects) = parse("; filename=My Annual Report.doc; size=120")
        #expect(list["filename"] == "My Annual Report.doc")
        #expect(list["size"] == "120")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func unquotedValueWithSpecialsIsKept() {
        let (list, defects) = parse("; name=reports/2024@q1.xls; boundary=----=_NextPart_000_0012")
        #expect(list["name"] == "reports/2024@q1.xls")
        #expect(list["boundary"] == "----=_NextPart_000_0012")
        #expect(defects.defects.isEmpty)
    }

    @Test func missingSemicolonBetweenParameters() {
        let (list, defects) = parse("; charset=us-ascii format=flowed")
        #expect(list["charset"] == "us-ascii")
        #expect(list["format"] == "flowed")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func missingSemicolonAfterQuotedValue() {
        let (list, defects) = parse(#"; name="a.txt"size=10"#)
        #expect(list["name"] == "a.txt")
        #expect(list["size"] == "10")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func commentsAreIgnored() {
        let (list, defects) = parse(#"; charset=us-ascii (Plain text) ; (note) format = "flowed" (why)"#)
        #expect(list["charset"] == "us-ascii")
        #expect(list["format"] == "flowed")
        #expect(defects.defects.isEmpty)
    }

    @Test func duplicateParameterKeepsFirst() {
        let (list, defects) = parse(#"; filename="a.txt"; filename="b.txt""#)
        #expect(list.parameters.count == 1)
        #expect(list["filename"] == "a.txt")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func emptyValues() {
        let (quoted, quotedDefects) = parse(#"; name="""#)
        #expect(quoted["name"] == "")
        #expect(quotedDefects.defects.isEmpty)

        let (bare, bareDefects) = parse("; name=; charset=utf-8")
        #expect(bare["name"] == "")
        #expect(bare["charset"] == "utf-8")
        #expect(bareDefects.contains(.parameterInvalid))
    }

    @Test func parameterWithoutEqualsIsSkipped() {
        let (list, defects) = parse("; Windows-1252; charset=utf-8")
        #expect(list.parameters.map(\.name) == ["charset"])
        #expect(defects.defects.first?.code == .parameterInvalid)
        #expect(defects.defects.first?.offset == 2)
    }

    @Test func unterminatedQuotedValue() {
        let (list, defects) = parse(#"; charset="utf-8"#)
        #expect(list["charset"] == "utf-8")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func separatorsMayRepeatOrBeMissingAtStart() {
        let (list, defects) = parse("charset=utf-8;; ;format=fixed;")
        #expect(list["charset"] == "utf-8")
        #expect(list["format"] == "fixed")
        #expect(defects.defects.isEmpty)
    }

    @Test func defectOffsetsFollowBaseOffset() {
        var defects = DefectCollector(baseOffset: 100)
        _ = ParameterList.parse(Array("; junk; a=b".utf8)[...], defects: &defects)
        #expect(defects.defects.first?.offset == 102)
    }

    @Test func rawValueOfBoundaryIsByteExact() {
        let (list, _) = parse(#"; boundary="----=_Part_0_12 AbC=?x?=""#)
        #expect(list.rawValue("boundary") == Array("----=_Part_0_12 AbC=?x?=".utf8))
    }

    @Test func eightBitValues() {
        let (utf8, _) = parse("; name=\"f\u{F6}o.txt\"")
        #expect(utf8["name"] == "f\u{F6}o.txt")

        // Latin-1 bytes are not UTF-8: the fallback charset reads them.
        let (latin1, _) = parseBytes(Array("; name=\"f".utf8) + [0xF6] + Array("o.txt\"".utf8))
        #expect(latin1["name"] == "f\u{F6}o.txt")
        #expect(latin1.rawValue("name") == [0x66, 0xF6, 0x6F, 0x2E, 0x74, 0x78, 0x74])
    }

    @Test func encodedWordInQuotedValue() {
        let (list, _) = parse(#"; name="=?UTF-8?B?ZsO2by50eHQ=?=""#)
        #expect(list["name"] == "f\u{F6}o.txt")
        #expect(list.rawValue("name") == Array("=?UTF-8?B?ZsO2by50eHQ=?=".utf8))
    }

    @Test func emptyInput() {
        let (list, defects) = parse("")
        #expect(list.isEmpty)
        #expect(defects.defects.isEmpty)
    }
}

@Suite("ParameterList: RFC 2231")
struct ParameterListRFC2231Tests {
    @Test func extendedValueWithCharsetAndLanguage() {
        let (list, defects) = parse("; filename*=iso-8859-1'en'f%F6o%20bar.txt")
        #expect(list["filename"] == "f\u{F6}o bar.txt")
        #expect(list.parameter("filename")?.language == "en")
        #expect(list.rawValue("filename") == Array("f".utf8) + [0xF6] + Array("o bar.txt".utf8))
        #expect(defects.defects.isEmpty)
    }

    @Test func extendedValueWithoutLanguage() {
        let (list, _) = parse("; filename*=UTF-8''%E2%82%AC%20rates.txt")
        #expect(list["filename"] == "\u{20AC} rates.txt")
        #expect(list.parameter("filename")?.language == nil)
    }

    @Test func continuationsAreSortedAndJoined() {
        let (list, defects) = parse(#"; filename*1="b.txt"; filename*0="a""#)
        #expect(list["filename"] == "ab.txt")
        #expect(list.parameters.count == 1)
        #expect(defects.defects.isEmpty)
    }

    @Test func multibyteCharacterSplitAcrossSections() {
        let (list, defects) = parse("; filename*0*=UTF-8''f%C3; filename*1*=%B6o.txt")
        #expect(list["filename"] == "f\u{F6}o.txt")
        #expect(defects.defects.isEmpty)
    }

    @Test func charsetOfSectionZeroAppliesToLaterSections() {
        let (list, _) = parse("; name*0*=iso-8859-1'de'Gr%FC; name*1*=%DFe; name*2=.txt")
        #expect(list["name"] == "Gr\u{FC}\u{DF}e.txt")
        #expect(list.parameter("name")?.language == "de")
    }

    @Test func plainSectionsAreNotPercentDecoded() {
        let (list, _) = parse("; filename*0*=UTF-8''a; filename*1=%41.txt")
        #expect(list["filename"] == "a%41.txt")
    }

    @Test func gapKeepsWhatExists() {
        let (list, defects) = parse(#"; filename*0="a"; filename*2="c.txt""#)
        #expect(list["filename"] == "ac.txt")
        #expect(defects.contains(.parameterContinuationGap))
    }

    @Test func missingSectionZeroIsAGap() {
        let (list, defects) = parse(#"; name*1="tail""#)
        #expect(list["name"] == "tail")
        #expect(defects.contains(.parameterContinuationGap))
    }

    @Test func duplicateSectionKeepsFirst() {
        let (list, defects) = parse(#"; name*0="a"; name*0="x"; name*1="b""#)
        #expect(list["name"] == "ab")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func firstFormWins() {
        let (plainFirst, plainDefects) = parse(#"; filename="plain.txt"; filename*=UTF-8''f%C3%B6o.txt"#)
        #expect(plainFirst["filename"] == "plain.txt")
        #expect(plainDefects.contains(.parameterInvalid))

        let (extendedFirst, _) = parse(#"; filename*=UTF-8''f%C3%B6o.txt; filename="plain.txt""#)
        #expect(extendedFirst["filename"] == "f\u{F6}o.txt")
    }

    @Test func missingCharsetPrefix() {
        let (list, defects) = parse("; name*=f%C3%B6o")
        #expect(list["name"] == "f\u{F6}o")
        #expect(defects.contains(.parameterInvalid))
    }

    @Test func badPercentEscapeIsKept() {
        let (list, defects) = parse("; name*=utf-8''100%; other*=utf-8''%zz")
        #expect(list["name"] == "100%")
        #expect(list["other"] == "%zz")
        #expect(defects.defects.filter { $0.code == .parameterInvalid }.count == 2)
    }

    @Test func quotedExtendedValue() {
        let (list, _) = parse(#"; title*="us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A""#)
        #expect(list["title"] == "This is ***fun***")
        #expect(list.parameter("title")?.language == "en-us")
    }
}
