/// Reduces HTML to the text a person reads, plus the URLs it links to, through libxml2.
///
/// The text is what keyword and regex filters search (product §4, §6), so it follows what a mail
/// client shows rather than the markup:
///
/// - `script`, `style`, `template`, `noembed`, `datalist`, `xml` (Office data islands), `iframe`
///   fallback content, comments and the `title`'s text are dropped. `head` itself is transparent:
///   libxml2 moves body content out of it. Outlook's conditional comments (`<!--[if mso]>` markup
///   `<![endif]-->`) are read as markup, because Outlook shows them; text that a template repeats for
///   other clients then appears twice.
/// - Names with a prefix, like Word's `<o:p>`, are unknown elements and shown inline, as browsers show
///   them (libxml2's tree builder would strip the prefix and make `<o:p>` a paragraph).
/// - `noscript` is kept (mail clients run no scripts, so they show it), and so is text hidden by CSS or the
///   `hidden` attribute: phishing mail hides text, and investigators must be able to search it.
/// - Block elements (`p`, `div`, `li`, `tr`, `h1`-`h6`, `table`, ...) start new lines; `p`, headings,
///   `pre`, `blockquote`, `figure`, `dl` and top-level lists are set off by a blank line. `br` breaks a
///   line. Cells of a table row are separated by a tab. List items start with "- ", or "N. " in `ol`.
///   An inline element whose `style` attribute says `display: block` (or `flex`, `grid`, `table`,
///   `list-item`) starts a line too, as mail layouts use it; other CSS is ignored.
/// - White space runs (including no-break and other Unicode spaces) become one space, lines are trimmed,
///   and there is never more than one blank line in a row. `pre` keeps its spaces, tabs and line breaks
///   (only trailing blanks of a line are dropped).
/// - Entities are decoded by libxml2. Invisible characters that split words without being seen (soft
///   hyphen, zero-width space, word joiner, BOM) and control characters are removed; C1 controls from
///   `&#128;`-`&#159;` become the Windows-1252 characters browsers show for them.
/// - An image's `alt` text is shown as a word of its own (as a mail client does with images blocked);
///   so is the `value` of text and button `input`s (not hidden or password ones).
///
/// Links are reported in document order, without de-duplication, with their attribute values trimmed
/// of surrounding white space and otherwise as written (`javascript:`, `data:` and relative URLs too):
/// `href` of `a`, `area`, `link`, `base`; `src` of `img`, `iframe`, `frame`, `embed`, `script`, `source`,
/// `track`, `audio`, `video`, `input`; `action` of `form`; `background` of `body`, `table`, `tr`, `td`,
/// `th`; `data` of `object`. Empty values are skipped.
///
/// Hostile input degrades instead of failing: every limit of ``HTMLTextOptions`` that is reached is listed
/// in ``ExtractedText/limitsHit``. Nothing is ever printed; the extractor is safe to use from several
/// threads at once.
///
/// ```swift
/// let html = #"<p>Your account is <b>locked</b>.</p><a href="https://evil.example/">Unlock</a>"#
/// let extracted = HTMLTextExtractor().extract(html)
/// extracted.text   // "Your account is locked.\n\nUnlock"
/// extracted.links  // [HTMLLink(url: "https://evil.example/", text: "Unlock", attribute: "href")]
/// ```
public struct HTMLTextExtractor: Sendable {
    /// The limits this extractor applies.
    public var options: HTMLTextOptions

    /// Whether the sanitizer cuts what the walker never reads before libxml2 sees it (see
    /// `InputSanitizer`); off only to check that cutting changes nothing.
    var pruning = true

    /// Whether simple documents are read by `DirectHTMLReader` instead of libxml2 (it gives up on
    /// anything it cannot read exactly as libxml2 does); off to compare both readers, and always off
    /// under a libxml2 other than the one whose behaviour the direct reader mirrors.
    var directReading = DirectHTMLReader.mirrorsLoadedLibXML2

    public init(options: HTMLTextOptions = .default) {
        self.options = options
    }

    /// Extracts the text and links of an HTML document already decoded to a string.
    ///
    /// Any `<meta charset>` in the document is ignored: the text is parsed as the UTF-8 it is.
    public func extract(_ html: String) -> ExtractedText {
        extractReportingReader(html).result
    }

    /// `extract(_:)`, and whether `DirectHTMLReader` read the document (false: libxml2 did).
    func extractReportingReader(_ html: String) -> (result: ExtractedText, direct: Bool) {
        var limitsHit: HTMLTextLimits = []
        var bytes = Array(html.utf8)
        let maxInput = options.effectiveMaxInputBytes
        if bytes.count > maxInput {
            bytes.removeSubrange(UTF8Boundary.prefixLength(of: bytes, atMost: maxInput)...)
            limitsHit.insert(.inputBytes)
        }
        return extract(validUTF8: bytes, limitsHit: limitsHit)
    }

    /// Extracts the text and links of an HTML document given as UTF-8 bytes.
    ///
    /// Invalid UTF-8 sequences become U+FFFD first (libxml2 would otherwise switch the rest of the
    /// document to ISO-8859-1). Convert other charsets to UTF-8 before calling.
    public func extract(utf8 bytes: some Collection<UInt8>) -> ExtractedText {
        var limitsHit: HTMLTextLimits = []
        let maxInput = options.effectiveMaxInputBytes
        // Read a little past the limit so that a character cut there is not repaired into U+FFFD
        // (repairing never shrinks the bytes, so more input than the limit still shows up as too long).
        var repaired = UTF8Repair.repaired(Array(bytes.prefix(maxInput &+ 4)))
        if repaired.count > maxInput {
            repaired.removeSubrange(UTF8Boundary.prefixLength(of: repaired, atMost: maxInput)...)
            limitsHit.insert(.inputBytes)
        }
        return extract(validUTF8: repaired, limitsHit: limitsHit).result
    }

    private func extract(validUTF8 bytes: [UInt8], limitsHit initialLimits: HTMLTextLimits) -> (result: ExtractedText, direct: Bool) {
        var limitsHit = initialLimits
        // The direct reader reads long link values in place; a document it leaves to libxml2 is then
        // parsed with them, which only costs time.
        let sanitized = InputSanitizer(options: options, pruning: pruning, deferringLinks: !directReading).sanitize(bytes)
        limitsHit.formUnion(sanitized.limitsHit)
        var result = ExtractedText()
        var direct = false
        if directReading {
            var reader = DirectHTMLReader(input: sanitized.bytes, deferred: sanitized.deferred, assembler: TextAssembler(options: options))
            if (try? reader.read()) != nil {
                result = reader.finish()
                direct = true
            }
        }
        if !direct {
            var assembler = TextAssembler(options: options)
            LibXML2Parser.parse(
                sanitized.bytes, deferred: sanitized.deferred, maxRestarts: options.effectiveMaxNestingRestarts, into: &assembler)
            result = assembler.finish()
        }
        result.limitsHit.formUnion(limitsHit)
        return (result, direct)
    }
}

/// The result of ``HTMLTextExtractor/extract(_:)``.
public struct ExtractedText: Sendable, Hashable {
    /// The visible text: lines separated by "\n", no line ending with a blank, no line starting with one
    /// (except indentation inside `pre`), at most one empty line in a row, no trailing white space.
    public var text: String
    /// Every link in document order, duplicates included.
    public var links: [HTMLLink]
    /// The limits of ``HTMLTextOptions`` that were reached; empty for ordinary documents.
    public var limitsHit: HTMLTextLimits

    /// True when any limit was reached, so that text or links may be incomplete or flattened.
    public var isTruncated: Bool { !limitsHit.isEmpty }

    public init(text: String = "", links: [HTMLLink] = [], limitsHit: HTMLTextLimits = []) {
        self.text = text
        self.links = links
        self.limitsHit = limitsHit
    }
}

/// A URL found in an attribute of the document.
public struct HTMLLink: Sendable, Hashable {
    /// The attribute value, trimmed of surrounding white space and control characters, otherwise as written.
    public var url: String
    /// For `a`: its visible text (white space collapsed, at most ``HTMLTextOptions/maxLinkTextBytes``).
    /// For `img`, `area` and `input`: their `alt`. Otherwise empty.
    public var text: String
    /// The attribute the URL came from: "href" or "src" for most links; "action" (`form`),
    /// "background" (`body`, `table`, `tr`, `td`, `th`) or "data" (`object`).
    public var attribute: String

    public init(url: String, text: String, attribute: String) {
        self.url = url
        self.text = text
        self.attribute = attribute
    }
}

/// Which limits of ``HTMLTextOptions`` an extraction reached.
public struct HTMLTextLimits: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The input was longer than ``HTMLTextOptions/maxInputBytes``; only its beginning was read.
    public static let inputBytes = HTMLTextLimits(rawValue: 1 << 0)
    /// The text reached ``HTMLTextOptions/maxOutputBytes`` and was cut there (links were still collected).
    public static let outputBytes = HTMLTextLimits(rawValue: 1 << 1)
    /// More than ``HTMLTextOptions/maxLinks`` links; the later ones are missing.
    public static let links = HTMLTextLimits(rawValue: 1 << 2)
    /// At least one link's text was cut at ``HTMLTextOptions/maxLinkTextBytes``.
    public static let linkText = HTMLTextLimits(rawValue: 1 << 3)
    /// An element had more than ``HTMLTextOptions/maxAttributesPerElement`` attributes; the extra ones
    /// were ignored (except those that carry links or text: `href`, `src`, `alt`, `value`, ...).
    public static let attributes = HTMLTextLimits(rawValue: 1 << 4)
    /// The document used more than ``HTMLTextOptions/maxDistinctNames`` different element and attribute
    /// names; further unknown elements were read as `span` and further unknown attributes ignored.
    public static let distinctNames = HTMLTextLimits(rawValue: 1 << 5)
    /// Elements were nested deeper than libxml2 allows (it gives up, silently, past 256 open elements).
    /// The document was cut at the 240th and the rest parsed as a new document, so the structure is
    /// flattened there (the text is kept); after ``HTMLTextOptions/maxNestingRestarts`` cuts the
    /// remainder was dropped.
    public static let nestingDepth = HTMLTextLimits(rawValue: 1 << 6)
}

/// Limits that keep extraction linear and bounded on hostile HTML. Reaching one degrades the result
/// (and is reported in ``ExtractedText/limitsHit``); it never fails. Negative values count as zero.
public struct HTMLTextOptions: Sendable, Hashable {
    /// The most bytes of UTF-8 input read; the rest is ignored. Default 8 MiB (8,388,608).
    ///
    /// libxml2 itself stops at a single text run of more than 10,000,000 bytes, so larger values
    /// may lose text after such a run.
    public var maxInputBytes: Int
    /// The most bytes of UTF-8 text produced. Default 8 MiB (8,388,608).
    public var maxOutputBytes: Int
    /// The most links collected. Default 10,000.
    public var maxLinks: Int
    /// The most bytes of text kept for one link. Default 1,024.
    public var maxLinkTextBytes: Int
    /// The most attributes read on one element (libxml2 checks duplicates in quadratic time). Default 64.
    public var maxAttributesPerElement: Int
    /// The most different element and attribute names in one document (libxml2's name dictionary slows
    /// down past about 100,000). Default 10,000.
    public var maxDistinctNames: Int
    /// How many times a document nested deeper than libxml2's limit is resumed after the cut. Each
    /// restart re-reads the remaining input once. Default 64 (about 15,000 levels).
    public var maxNestingRestarts: Int

    public init(
        maxInputBytes: Int = 8 << 20,
        maxOutputBytes: Int = 8 << 20,
        maxLinks: Int = 10_000,
        maxLinkTextBytes: Int = 1_024,
        maxAttributesPerElement: Int = 64,
        maxDistinctNames: Int = 10_000,
        maxNestingRestarts: Int = 64
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxLinks = maxLinks
        self.maxLinkTextBytes = maxLinkTextBytes
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxDistinctNames = maxDistinctNames
        self.maxNestingRestarts = maxNestingRestarts
    }

    /// The defaults listed on each property.
    public static let `default` = HTMLTextOptions()

    /// libxml2 takes the buffer size as a C `int`.
    var effectiveMaxInputBytes: Int { min(max(maxInputBytes, 0), Int(Int32.max) - 1) }
    var effectiveMaxOutputBytes: Int { max(maxOutputBytes, 0) }
    var effectiveMaxLinks: Int { max(maxLinks, 0) }
    var effectiveMaxLinkTextBytes: Int { max(maxLinkTextBytes, 0) }
    var effectiveMaxAttributesPerElement: Int { max(maxAttributesPerElement, 0) }
    var effectiveMaxDistinctNames: Int { max(maxDistinctNames, 0) }
    var effectiveMaxNestingRestarts: Int { max(maxNestingRestarts, 0) }
}

/// Cutting UTF-8 without splitting a character.
enum UTF8Boundary {
    /// The largest length ≤ `limit` that does not end inside a multi-byte character.
    static func prefixLength(of bytes: [UInt8], atMost limit: Int) -> Int {
        guard limit < bytes.count else { return bytes.count }
        var length = max(limit, 0)
        var steps = 0
        // Step back over continuation bytes (at most 3) so the cut falls before a lead byte.
        while length > 0, steps < 3, bytes[length] & 0xC0 == 0x80 {
            length -= 1
            steps += 1
        }
        return length
    }
}
