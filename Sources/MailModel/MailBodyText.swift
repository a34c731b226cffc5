/// A piece of body text keyword and regex filters search (§4): a plain part, the text of an HTML part
/// (reduced through libxml2), or a Graph body, of the message or of an attached message.
public struct MailBodyText: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        case plain, html
    }

    public var text: String
    public var origin: Origin
    /// MIME part path or JSON pointer of the text's source.
    public var path: String

    public init(text: String, origin: Origin, path: String) {
        self.text = text
        self.origin = origin
        self.path = path
    }
}

/// A link found in a body: an HTML `href`/`src`, or a URL in plain text.
public struct MailLink: Sendable, Hashable {
    /// The link as written in the message (for a gateway-rewritten link: the wrapper).
    public var url: String
    /// The visible text of the link, when it came from HTML.
    public var text: String?
    /// MIME part path or JSON pointer of the body it came from.
    public var path: String
    /// What a mail gateway's rewriting of ``url`` hides (Safe Links, URL Defense, ...), set by the reader
    /// when ``url`` is a known wrapper; `nil` for every other link.
    public var unwrapped: UnwrappedLink?

    public init(url: String, text: String?, path: String, unwrapped: UnwrappedLink? = nil) {
        self.url = url
        self.text = text
        self.path = path
        self.unwrapped = unwrapped
    }

    /// Where the link leads as far as the message tells: the original link a gateway wrapped, else
    /// ``url``. Indicators (link hosts of drafts and campaigns) come from this, never from the wrapper;
    /// for a wrapper that hides its target (Mimecast) the host known is ``UnwrappedLink/domainHint``.
    public var target: String { unwrapped?.original ?? url }
}

/// One header field with its decoded value (§4 `headers`).
public struct MailHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
