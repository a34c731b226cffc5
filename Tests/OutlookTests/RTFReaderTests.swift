import Testing
@testable import Outlook

/// HTML de-encapsulation (MS-OXRTFEX) and RTF text.
struct RTFReaderTests {
    static func read(_ rtf: String, codepage: Int = 1252) -> RTFReader.Content {
        RTFReader.read(Array(rtf.utf8), defaultCodepage: codepage).content
    }

    @Test func encapsulatedHTMLIsRebuiltFromHTMLTagsAndText() {
        // MS-OXRTFEX §4.1-style: tags in \*\htmltag groups, RTF-only parts between \htmlrtf and \htmlrtf0.
        let rtf = #"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}"#
            + #"{\*\htmltag19 <html>}{\*\htmltag34 <head>}{\*\htmltag41 </head>}{\*\htmltag50 <body>}\htmlrtf {\htmlrtf0 "#
            + #"{\*\htmltag84 <p>}\htmlrtf {\htmlrtf0 Pay the invoice at {\*\htmltag84 <a href="https://evil.example/pay">}\htmlrtf {\htmlrtf0 this link"#
            + #"{\*\htmltag92 </a>}\htmlrtf }\htmlrtf0 \'e9t\'e9\htmlrtf\par\htmlrtf0 {\*\htmltag92 </p>}\htmlrtf }\htmlrtf0 }"#
            + #"{\*\htmltag58 </body>}{\*\htmltag27 </html>}}"#
        guard case .html(let html) = Self.read(rtf) else {
            Issue.record("expected HTML")
            return
        }
        #expect(html.contains("<a href=\"https://evil.example/pay\">this link</a>"))
        #expect(html.contains("Pay the invoice at "))
        #expect(html.contains("été"))
        #expect(!html.contains("Arial"))
        #expect(html.hasPrefix("<html><head></head><body>"))
    }

    @Test func plainRTFGivesItsText() {
        let rtf = #"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}{\*\generator Riched20;}"#
            + #"\pard Dear customer,\par your account \'ef\'f0\'e8\'e2\'e5\'f2 is \b locked\b0 .\tab Bye\u8212?end}"#
        guard case .text(let text, let fromText) = Self.read(rtf) else {
            Issue.record("expected text")
            return
        }
        #expect(!fromText)
        #expect(text == "Dear customer,\nyour account привет is locked.\tBye—end")
    }

    @Test func fontCharsetsChooseTheCodePageOfHexBytes() {
        let rtf = #"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset128 MS Gothic;}}\f1 \'82\'a0\f0  caf\'e9}"#
        guard case .text(let text, _) = Self.read(rtf) else {
            Issue.record("expected text")
            return
        }
        #expect(text == "あ café")
    }

    @Test func fromTextIsSaid() {
        guard case .text(let text, let fromText) = Self.read(#"{\rtf1\ansi\fromtext \pard hello\par}"#) else {
            Issue.record("expected text")
            return
        }
        #expect(fromText)
        #expect(text == "hello\n")
    }

    @Test func hostileInputEndsWithoutCrashing() {
        let deep = String(repeating: "{", count: 5000) + "x" + String(repeating: "}", count: 10)
        _ = RTFReader.read(Array(deep.utf8))
        _ = RTFReader.read(Array(#"{\rtf1 \'z \u \uc99999999 \bin999999999 }"#.utf8))
        let (content, truncated) = RTFReader.read(Array("{\\rtf1 \(String(repeating: "a", count: 100))}".utf8), maxCharacters: 10)
        #expect(truncated)
        #expect(content == .text(String(repeating: "a", count: 10), fromText: false))
    }
}
