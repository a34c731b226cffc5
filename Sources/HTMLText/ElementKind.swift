/// What an HTML element means for the text: the line breaks around it, its role, and which of its
/// attributes hold a URL. Elements that are not in `ElementKind.table` are inline and neutral.
struct ElementKind: Sendable, Equatable {
    /// How much vertical space an element puts around its content.
    enum Spacing: UInt8, Sendable {
        /// Inline: no break.
        case inline = 0
        /// A line break before and after (`div`, `li`, `tr`, ...).
        case line = 1
        /// A blank line before and after (`p`, `h1`-`h6`, `pre`, `blockquote`, top-level lists).
        case paragraph = 2
    }

    /// What the element does beyond spacing.
    enum Role: Sendable, Equatable {
        case plain
        /// Its whole subtree is not visible text (`script`, `style`, `template`, `iframe` fallback, ...).
        /// Links inside are still collected.
        case hidden
        /// `title`: its own text is dropped; elements that broken markup nests inside it are kept.
        case title
        /// `br`.
        case lineBreak
        /// `td`, `th`: cells of one row are separated by a tab.
        case cell
        /// `ul`, `ol`, `menu`, `dir`.
        case list(ordered: Bool)
        /// `li`: prefixed by "- " or "N. ".
        case listItem
        /// `pre`, `listing`, `xmp`, `plaintext`, `textarea`: white space kept as written.
        case preformatted
        /// `a`: a link whose text is the element's visible text.
        case anchor
        /// `area`: a link whose text is its `alt`.
        case area
        /// `img`: its `alt` is visible text (as when images are blocked) and its link text.
        case image
        /// `input`: the `value` of text-like and button inputs, and the `alt` of image inputs, are visible.
        case input
    }

    /// Attributes of an element that hold a URL, in the order they are reported.
    struct LinkAttributes: OptionSet, Sendable {
        let rawValue: UInt8
        static let href = LinkAttributes(rawValue: 1 << 0)
        static let src = LinkAttributes(rawValue: 1 << 1)
        static let action = LinkAttributes(rawValue: 1 << 2)
        static let background = LinkAttributes(rawValue: 1 << 3)
        static let data = LinkAttributes(rawValue: 1 << 4)
    }

    var spacing: Spacing
    var role: Role
    var linkAttributes: LinkAttributes

    init(_ spacing: Spacing = .inline, _ role: Role = .plain, links: LinkAttributes = []) {
        self.spacing = spacing
        self.role = role
        self.linkAttributes = links
    }

    /// Any element not in the table: inline, plain, no links.
    static let neutral = ElementKind()

    /// The kind of the element with the given lower-case name (libxml2 lower-cases HTML names).
    static func named(_ key: NameKey?) -> ElementKind {
        guard let key else { return .neutral }
        return table[key] ?? .neutral
    }

    /// Every element with a behaviour. Names are lower case.
    static let table: NameTable<ElementKind> = {
        var table: [NameKey: ElementKind] = [:]
        func add(_ names: [String], _ kind: ElementKind) {
            for name in names {
                if let key = NameKey(lowercasedASCII: name.utf8) { table[key] = kind }
            }
        }
        add(["a"], ElementKind(.inline, .anchor, links: .href))
        add(["area"], ElementKind(.inline, .area, links: .href))
        add(["link", "base"], ElementKind(.inline, .plain, links: .href))
        add(["img"], ElementKind(.inline, .image, links: .src))
        add(["input"], ElementKind(.inline, .input, links: .src))
        add(["embed", "source", "track", "audio", "video"], ElementKind(.inline, .plain, links: .src))
        add(["frame"], ElementKind(.line, .plain, links: .src))
        add(["iframe", "script"], ElementKind(.inline, .hidden, links: .src))
        add(["object"], ElementKind(.inline, .plain, links: .data))
        // `xml`: Office's data islands (document settings), which no client renders.
        add(["style", "template", "noembed", "datalist", "xml"], ElementKind(.inline, .hidden))
        add(["title"], ElementKind(.inline, .title))
        add(["br"], ElementKind(.inline, .lineBreak))
        add(["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "dl"], ElementKind(.paragraph))
        add(["pre", "listing", "xmp", "plaintext"], ElementKind(.paragraph, .preformatted))
        add(["textarea"], ElementKind(.line, .preformatted))
        add(["ul", "menu", "dir"], ElementKind(.paragraph, .list(ordered: false)))
        add(["ol"], ElementKind(.paragraph, .list(ordered: true)))
        add(["li"], ElementKind(.line, .listItem))
        add(["body", "table", "tr"], ElementKind(.line, .plain, links: .background))
        add(["td", "th"], ElementKind(.inline, .cell, links: .background))
        add(["form"], ElementKind(.line, .plain, links: .action))
        add(
            [
                "html", "div", "address", "article", "aside", "caption", "center", "dd", "details", "dialog",
                "dt", "fieldset", "figcaption", "footer", "frameset", "header", "hgroup", "hr", "legend",
                "main", "nav", "optgroup", "option", "section", "select", "summary", "tbody", "tfoot",
                "thead",
            ],
            ElementKind(.line))
        return NameTable(table.map { ($0.key, $0.value) })
    }()
}

/// The attribute names the walker reads, as bits (used by the walker and the input sanitizer).
enum AttributeName: UInt8, Sendable, CaseIterable {
    case href, src, action, background, data, alt, value, type, start, style

    var name: String {
        switch self {
        case .href: "href"
        case .src: "src"
        case .action: "action"
        case .background: "background"
        case .data: "data"
        case .alt: "alt"
        case .value: "value"
        case .type: "type"
        case .start: "start"
        case .style: "style"
        }
    }

    static func named(_ key: NameKey?) -> AttributeName? {
        guard let key else { return nil }
        return table[key]
    }

    private static let table = NameTable(
        AttributeName.allCases.compactMap { attribute in NameKey(lowercasedASCII: attribute.name.utf8).map { ($0, attribute) } })
}

/// An element or attribute name of at most 16 bytes, packed for fast table look-ups.
struct NameKey: Hashable, Sendable {
    static let maxLength = 16

    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The bits of both halves spread over the high bits, for ``NameTable``'s index.
    var mixed: UInt64 { (low ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15 }

    /// An empty key, filled by ``place(_:at:)`` while a name is read.
    init() {}

    /// Puts byte `position` of a name in the key: byte `i` at bits `8 * i` of `low` for the first eight,
    /// of `high` for the next eight. Positions from `maxLength` on are ignored (such a name has no key).
    @inline(__always)
    mutating func place(_ byte: UInt8, at position: Int) {
        if position < 8 {
            low |= UInt64(byte) << (8 * UInt64(position))
        } else if position < Self.maxLength {
            high |= UInt64(byte) << (8 * UInt64(position - 8))
        }
    }

    /// Packs `bytes`, lower-casing ASCII letters; nil when longer than `maxLength` or empty.
    init?(lowercasedASCII bytes: some Sequence<UInt8>) {
        var count = 0
        for byte in bytes {
            guard count < Self.maxLength else { return nil }
            place(HTMLNameBytes.lowercased(byte), at: count)
            count += 1
        }
        guard count > 0 else { return nil }
    }

    /// Packs `bytes` as they are (entity names are case-sensitive); nil when longer than `maxLength` or empty.
    init?(caseSensitiveASCII bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= Self.maxLength else { return nil }
        for (position, byte) in bytes.enumerated() { place(byte, at: position) }
    }
}

/// The attribute values the walker hands to the assembler (only those of `AttributeName`).
///
/// Most elements have none: an empty array costs no allocation and nothing to destroy per element.
struct ElementAttributes: Sendable {
    private var entries: [(name: AttributeName, value: String)] = []

    static let none = ElementAttributes()

    subscript(_ name: AttributeName) -> String? {
        get {
            for entry in entries where entry.name == name { return entry.value }
            return nil
        }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }
}
