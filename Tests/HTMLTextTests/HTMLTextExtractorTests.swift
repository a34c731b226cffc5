import HTMLText
import Testing

private func text(_ html: String, options: HTMLTextOptions = .default) -> String {
    HTMLTextExtractor(options: options).extract(html).text
}

private func links(_ html: String) -> [HTMLLink] {
    HTMLTextExtractor().extract(html).links
}

@Suite("Dropped and kept content")
struct DroppedContentTests {
    @Test("script, style, head and title are removed")
    func scriptStyleHead() {
        let html = """
            <html><head><title>Title text</title><style>p { color: red }</style>
            <script>var x = "<p>in script</p>";</script></head>
            <body><p>Body text</p><script>document.write("later")</script><style>.a{}</style></body></html>
            """
        #expect(text(html) == "Body text")
    }

    @Test("a prefixed name such as Word's <o:p> is an unknown inline element, as browsers show it")
    func prefixedNamesAreInline() {
        let html = "<ul><li>XENICAL, weight loss<b><o:p></o:p></b>\n\n<li>VALTREX</ul><p>Total $1,667<o:p> net</o:p></p>"
        #expect(text(html) == "- XENICAL, weight loss\n- VALTREX\n\nTotal $1,667 net")
    }

    @Test("comments and template are removed; noscript and hidden text are kept")
    func commentsTemplateNoscriptHidden() {
        let html = """
            <p>one<!-- secret --></p><template><p>tpl</p></template><noscript>no script</noscript>
            <div style="display:none">css hidden</div><span hidden>attr hidden</span>
            """
        #expect(text(html) == "one\n\nno script\ncss hidden\nattr hidden")
    }

    @Test("browser comment endings: --!>, <!-->, and an unclosed comment hides the rest")
    func commentEndings() {
        #expect(text("a<!-- x --!>b") == "ab")
        #expect(text("a<!-->b") == "ab")
        #expect(text("a<!--->b") == "ab")
        #expect(text("a<!-- never closed <p>b</p>") == "a")
    }

    @Test("an unclosed title keeps the elements libxml2 nests inside it")
    func unclosedTitle() {
        #expect(text("<title>Page <p>paragraph one<p>paragraph two") == "paragraph one\n\nparagraph two")
    }

    @Test("Outlook conditional comments are read as markup, bogus comments dropped")
    func conditionalComments() {
        let html = """
            <!--[if mso]><p>for Outlook</p><![endif]--><!--[if !mso]><!--><p>for others</p><!--<![endif]-->
            <![if !supportLists]>1. <![endif]>item
            """
        #expect(text(html) == "for Outlook\n\nfor others\n\n1. item")
    }

    @Test("Office xml islands are not text")
    func xmlIsland() {
        #expect(text("<!--[if gte mso 9]><xml><w:View>Normal</w:View><w:Zoom>0</w:Zoom></xml><![endif]--><p>Hi</p>") == "Hi")
    }

    @Test("an img alt is a word of its own; images without alt add nothing")
    func imageAlt() {
        #expect(text(#"Logo:<img alt="ACME  Corp">next"#) == "Logo: ACME Corp next")
        #expect(text(#"Pay<img src="x.png">Pal<img alt="">!"#) == "PayPal!")
    }

    @Test("input values that are visible are text; hidden and password ones are not")
    func inputValues() {
        let html = """
            <form><input value="user@example.com"><input type=password value=hunter2>
            <input type=hidden value=token><input type=submit value="Sign in"><input type=image alt=Go></form>
            """
        #expect(text(html) == "user@example.com Sign in Go")
    }
}

@Suite("Blocks and white space")
struct BlockTests {
    @Test("block elements start lines, paragraphs and headings are set off by a blank line")
    func blocks() {
        #expect(text("<h1>Title</h1><p>Para one</p><p>Para two</p><div>div one</div><div>div two</div>")
            == "Title\n\nPara one\n\nPara two\n\ndiv one\ndiv two")
        #expect(text("<section>a</section><article>b</article><blockquote>c</blockquote>d") == "a\nb\n\nc\n\nd")
    }

    @Test("br breaks a line; two br leave an empty line; a trailing br in a block adds nothing")
    func lineBreaks() {
        #expect(text("one<br>two<br><br>three") == "one\ntwo\n\nthree")
        #expect(text("<div>one<br></div><div>two</div>") == "one\ntwo")
        #expect(text("<br><br>start") == "start")
    }

    @Test("inline elements join, white space runs collapse, lines are trimmed")
    func whitespace() {
        #expect(text("  <b>bold</b>   <i>italic</i>\n\t<u>under</u>  ") == "bold italic under")
        #expect(text("no<b>space</b>between") == "nospacebetween")
        #expect(text("<p>   padded   </p>") == "padded")
    }

    @Test("inline elements styled display:block start a line; other CSS is ignored")
    func displayBlock() {
        #expect(text(#"<span style="display:block">Hello</span><span style="color:red; display: Block ;">World</span>"#)
            == "Hello\nWorld")
        #expect(text(#"<a href=x style="display:block;padding:8px">Verify</a>now"#) == "Verify\nnow")
        #expect(text(#"<img alt="Logo" style="display:block">text"#) == "Logo\ntext")
        #expect(text(#"<span style="display:block; display:inline">a</span>b"#) == "ab")
        #expect(text(#"<span style="display:none">x</span>y<b style="mso-hide:all">z</b>"#) == "xyz")
    }

    @Test("never more than one empty line in a row")
    func blankLines() {
        #expect(text("<p>a</p><p></p><p>&nbsp;</p><br><br><br><p>b</p>") == "a\n\nb")
    }

    @Test("list items are prefixed; ordered lists are numbered")
    func lists() {
        #expect(text("<ul><li>one</li><li>two</li></ul>") == "- one\n- two")
        #expect(text("<ol><li>one<li>two</ol>") == "1. one\n2. two")
        #expect(text("<ol start=7><li>seven</li></ol>after") == "7. seven\n\nafter")
        #expect(text("<ul><li></li></ul><p>not an item</p>") == "not an item")
    }

    @Test("table cells are separated by a tab, rows by a line")
    func tables() {
        let html = "<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr><tr><td>Pear</td></tr></table>"
        #expect(text(html) == "Name\tQty\nApple\t3\nPear")
    }

    @Test("pre keeps spaces, tabs and line breaks; trailing blanks of a line go")
    func pre() {
        #expect(text("<p>x</p><pre>\n  a   b\n\tc  \n</pre>y") == "x\n\n  a   b\n\tc\n\ny")
        #expect(text("<pre>a\r\nb\rc</pre>") == "a\nb\nc")
        #expect(text("<pre>a\n\n\n\nb</pre>") == "a\n\nb")
    }

    @Test("broken markup: unclosed tags, stray end tags, no html or body")
    func brokenMarkup() {
        #expect(text("<div>one<p>two<p>three</div></div></span>four") == "one\n\ntwo\n\nthree\n\nfour")
        #expect(text("<b>bold <i>both</b> italic</i> plain") == "bold both italic plain")
        #expect(text("<table><tr><td>a<td>b<tr><td>c</table>") == "a\tb\nc")
        #expect(text("<ul><li>one<li>two</ul>") == "- one\n- two")
        #expect(text("text only") == "text only")
        #expect(text("<p class=x id='y' data-z=\"w\">attrs") == "attrs")
    }

    @Test("empty and blank documents give empty text")
    func empty() {
        let extracted = HTMLTextExtractor().extract("")
        #expect(extracted == ExtractedText())
        #expect(!extracted.isTruncated)
        #expect(text("   \n\t ") == "")
        #expect(text("<html><body></body></html>") == "")
        #expect(text("<!-- only a comment -->") == "")
        #expect(HTMLTextExtractor().extract(utf8: [UInt8]()) == ExtractedText())
    }
}

@Suite("Characters")
struct CharacterTests {
    @Test("entities are decoded; no-break and Unicode spaces become spaces")
    func entities() {
        #expect(text("a&nbsp;b &amp; c &lt;d&gt; &quot;e&quot; &#65;&#x42; caf&eacute;") == "a b & c <d> \"e\" AB café")
        #expect(text("x&nbsp;&nbsp;&nbsp;y\u{2003}z\u{3000}w") == "x y z w")
    }

    @Test("&#128;-&#159; read as Windows-1252, as browsers show them")
    func windows1252() {
        #expect(text("&#147;quoted&#148; &#150; &#128;5 &#153;") == "\u{201C}quoted\u{201D} \u{2013} \u{20AC}5 \u{2122}")
    }

    @Test("invisible word splitters and control characters are removed")
    func invisible() {
        #expect(text("Pay&shy;Pal Micro\u{200B}soft Goo&#x2060;gle Ama\u{FEFF}zon") == "PayPal Microsoft Google Amazon")
        #expect(text("a\u{1}b&#7;c\u{7F}d") == "abcd")
    }

    @Test("NUL bytes are dropped, also inside tags")
    func nul() {
        #expect(text("pay\u{0}pal <b\u{0}>bold</b> <a hr\u{0}ef=x>link</a>") == "paypal bold link")
        #expect(links("<a hr\u{0}ef=\"https://x.example\">l</a>").map(\.url) == ["https://x.example"])
    }

    @Test("invalid UTF-8 becomes U+FFFD and the rest is still read as UTF-8")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("caf\u{E9} ".utf8) + [0xFF, 0xC3] + Array(" done \u{E9}".utf8) + [0xE2, 0x82]
        #expect(HTMLTextExtractor().extract(utf8: bytes).text == "café \u{FFFD}\u{FFFD} done é\u{FFFD}")
    }

    @Test("a meta charset is ignored: the input is already UTF-8")
    func metaCharset() {
        #expect(text("<meta charset=\"iso-8859-1\"><p>caf\u{E9} \u{65E5}\u{672C}</p>") == "café 日本")
    }
}

@Suite("Links")
struct LinkTests {
    @Test("anchors give their URL and visible text, in document order")
    func anchors() {
        let found = links(#"<p>Go <a href="https://a.example/x?y=1&amp;z=2">to <b>A</b></a> or <a href='/b'>B</a></p>"#)
        #expect(found == [
            HTMLLink(url: "https://a.example/x?y=1&z=2", text: "to A", attribute: "href"),
            HTMLLink(url: "/b", text: "B", attribute: "href"),
        ])
    }

    @Test("URLs are trimmed; javascript:, data: and duplicates are kept; empty href is skipped")
    func keptAndSkipped() {
        let found = links("""
            <a href="  https://x.example/\n ">x</a><a href="javascript:steal()">js</a><a href="data:text/html,hi">d</a>
            <a href="https://x.example/">again</a><a href="">empty</a><a href="   ">blank</a><a name="n">named</a>
            """)
        #expect(found.map(\.url) == ["https://x.example/", "javascript:steal()", "data:text/html,hi", "https://x.example/"])
        #expect(found.map(\.text) == ["x", "js", "d", "again"])
    }

    @Test("src, action, background and data attributes; alt as the text of images and areas")
    func otherAttributes() {
        let html = """
            <body background="bg.png"><img src="logo.png" alt="Logo"><iframe src="https://frame.example"></iframe>
            <form action="https://post.example"></form><area href="https://area.example" alt="Map">
            <object data="movie.swf"></object><table><tr><td background="cell.png">c</td></tr></table></body>
            """
        #expect(links(html) == [
            HTMLLink(url: "bg.png", text: "", attribute: "background"),
            HTMLLink(url: "logo.png", text: "Logo", attribute: "src"),
            HTMLLink(url: "https://frame.example", text: "", attribute: "src"),
            HTMLLink(url: "https://post.example", text: "", attribute: "action"),
            HTMLLink(url: "https://area.example", text: "Map", attribute: "href"),
            HTMLLink(url: "movie.swf", text: "", attribute: "data"),
            HTMLLink(url: "cell.png", text: "", attribute: "background"),
        ])
    }

    @Test("an image inside a link gives the link its alt text")
    func imageLink() {
        let found = links(#"<a href="https://evil.example"><img src="btn.png" alt="Verify now"></a>"#)
        #expect(found.map(\.text) == ["Verify now", "Verify now"])
        #expect(found.map(\.attribute) == ["href", "src"])
    }

    @Test("links inside hidden content are still collected, with no text")
    func hiddenLinks() {
        let found = links(#"<template><a href="https://t.example">t</a></template><script src="https://s.example/a.js"></script>"#)
        #expect(found == [
            HTMLLink(url: "https://t.example", text: "", attribute: "href"),
            HTMLLink(url: "https://s.example/a.js", text: "", attribute: "src"),
        ])
    }
}

@Suite("Documentation")
struct DocumentationTests {
    @Test("the example in HTMLTextExtractor's documentation holds")
    func example() {
        let html = #"<p>Your account is <b>locked</b>.</p><a href="https://evil.example/">Unlock</a>"#
        let extracted = HTMLTextExtractor().extract(html)
        #expect(extracted.text == "Your account is locked.\n\nUnlock")
        #expect(extracted.links == [HTMLLink(url: "https://evil.example/", text: "Unlock", attribute: "href")])
    }

    @Test("the documented defaults")
    func defaults() {
        let options = HTMLTextOptions.default
        #expect(options.maxInputBytes == 8_388_608)
        #expect(options.maxOutputBytes == 8_388_608)
        #expect(options.maxLinks == 10_000)
        #expect(options.maxLinkTextBytes == 1_024)
        #expect(options.maxAttributesPerElement == 64)
        #expect(options.maxDistinctNames == 10_000)
        #expect(options.maxNestingRestarts == 64)
        #expect(HTMLTextExtractor().options == options)
    }
}
