/// The parts of libxml2 2.9.14's HTML DTD (`HTMLparser.c`) that decide which element events its parser
/// emits, for `DirectHTMLReader`, which must emit exactly the same ones. Names are lower case, as
/// libxml2 lower-cases HTML names. These tables mirror libxml2's behaviour, not any HTML standard:
/// a change here makes the direct reader differ from libxml2 (`DirectReaderEquivalenceTests`).
enum LibXML2HTMLRules {
    /// libxml2's `htmlCheckAutoClose` over its `htmlStartClose` table: whether a start tag `newTag`
    /// closes the open element `openTag` (`htmlAutoClose` pops while this holds for the innermost one).
    static func startTag(_ newTag: NameKey, closes openTag: NameKey) -> Bool {
        guard let closed = startClose[newTag] else { return false }
        return closed.contains(openTag)
    }

    /// libxml2's `htmlElemDesc.empty` (`html40ElementTable`): elements that end right after their start
    /// tag.
    static func isEmpty(_ name: NameKey) -> Bool {
        emptyElements[name] != nil
    }

    /// libxml2's `htmlGetEndPriority` (`htmlEndPriority`): an end tag only closes open elements of lower
    /// or equal priority on the way to its own (`htmlAutoCloseOnClose`); otherwise it is ignored.
    static func endPriority(_ name: NameKey) -> Int {
        endPriorities[name] ?? 100
    }

    private static func key(_ name: String) -> NameKey {
        // Every name below is 1-16 ASCII bytes.
        NameKey(lowercasedASCII: name.utf8)!
    }

    private static let emptyElements = NameTable(
        ["area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param"]
            .map { (key($0), true) })

    private static let endPriorities = NameTable(
        [
            ("div", 150), ("td", 160), ("th", 160), ("tr", 170), ("thead", 180), ("tbody", 180), ("tfoot", 180),
            ("table", 190), ("head", 200), ("body", 200), ("html", 220),
        ].map { (key($0.0), $0.1) })

    /// For each start tag, the open elements it closes (libxml2's `htmlStartClose` pairs, grouped by
    /// the new tag).
    private static let startClose = NameTable(startCloseEntries.map { (key($0.0), $0.1.map(key)) })

    private static let startCloseEntries: [(String, [String])] = [
        ("a", ["a", "head"]),
        ("abbr", ["head"]),
        ("acronym", ["head"]),
        ("address", ["head", "p", "ul"]),
        ("b", ["head"]),
        ("bdo", ["head"]),
        ("big", ["head"]),
        ("blockquote", ["head", "p"]),
        ("body", ["head", "link", "p", "style", "title"]),
        ("br", ["head"]),
        ("caption", ["p"]),
        ("center", ["b", "font", "head", "i", "p"]),
        ("cite", ["head"]),
        ("code", ["head"]),
        ("col", ["caption", "col", "p"]),
        ("colgroup", ["caption", "col", "colgroup", "p"]),
        ("dd", ["address", "dir", "dt", "head", "listing", "menu", "p", "pre", "xmp"]),
        ("dfn", ["head"]),
        ("dir", ["head", "p"]),
        ("div", ["head", "p"]),
        ("dl", ["address", "dir", "dt", "head", "listing", "menu", "p", "pre", "xmp"]),
        ("dt", ["address", "dd", "dir", "head", "listing", "menu", "p", "pre", "xmp"]),
        ("em", ["head"]),
        ("fieldset", ["a", "h1", "h2", "h3", "h4", "h5", "h6", "head", "legend", "listing", "p", "pre", "xmp"]),
        ("font", ["head"]),
        ("form", ["address", "dir", "dl", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "listing", "menu", "ol", "p", "pre", "ul", "xmp"]),
        ("frameset", ["head", "link", "p", "style", "title"]),
        ("h1", ["head", "p"]),
        ("h2", ["head", "p"]),
        ("h3", ["head", "p"]),
        ("h4", ["head", "p"]),
        ("h5", ["head", "p"]),
        ("h6", ["head", "p"]),
        ("head", ["p"]),
        ("hr", ["head", "p"]),
        ("i", ["head"]),
        ("iframe", ["head"]),
        ("img", ["head"]),
        ("kbd", ["head"]),
        ("li", ["address", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "head", "li", "listing", "p", "pre", "xmp"]),
        ("listing", ["head", "p"]),
        ("map", ["head"]),
        ("menu", ["head", "p", "ul"]),
        ("noscript", ["script"]),
        ("ol", ["head", "p", "ul"]),
        ("optgroup", ["option"]),
        ("option", ["option"]),
        ("p", ["b", "big", "h1", "h2", "h3", "h4", "h5", "h6", "head", "i", "p", "s", "small", "strike", "tt", "u"]),
        ("pre", ["head", "p", "ul"]),
        ("q", ["head"]),
        ("s", ["head"]),
        ("samp", ["head"]),
        ("small", ["head"]),
        ("span", ["head"]),
        ("strike", ["head"]),
        ("strong", ["head"]),
        ("sub", ["head"]),
        ("sup", ["head"]),
        ("table", ["a", "h1", "h2", "h3", "h4", "h5", "h6", "head", "listing", "p", "pre", "xmp"]),
        ("tbody", ["caption", "col", "colgroup", "p", "tbody", "td", "tfoot", "th", "thead", "tr"]),
        ("td", ["a", "b", "font", "i", "p", "span", "td", "th", "u"]),
        ("tfoot", ["caption", "col", "colgroup", "p", "tbody", "td", "th", "thead", "tr"]),
        ("th", ["a", "b", "font", "i", "p", "span", "td", "th", "u"]),
        ("thead", ["caption", "col", "colgroup"]),
        ("title", ["p"]),
        ("tr", ["caption", "col", "colgroup", "p", "td", "th", "tr"]),
        ("tt", ["head"]),
        ("u", ["head"]),
        ("ul", ["address", "dir", "head", "listing", "menu", "ol", "p", "pre", "xmp"]),
        ("var", ["head"]),
        ("xmp", ["head", "p"]),
    ]
}
