/// What an investigation must match in its samples (§11): the `expect:` block of an investigation
/// file, or its sidecar `<name>.expect.yaml`.
///
/// ```yaml
/// expect:
///   samples: samples/invoice          # optional: this investigation's samples (relative to the file
///                                     # that states the expectations), instead of the suite's
///   mailbox: ap@fabrikam.example      # optional: mailbox to attribute samples to (instead of the suite's)
///   match:                            # items that must match
///     - invoice/lure.eml              # a sample file (or folder), relative to the samples folder
///     - invoice/page.json#/value/0    # one Graph message by JSON pointer (#3: mbox index, #L2: JSON Lines line)
///     - messageId: lure-1@evil.example
///     - path: samples/x.eml           # relative to the file that states the expectations
///   noMatch:                          # items that must not match (look-alikes)
///     - invoice/real.eml
///   count: 3                          # optional: exactly this many matches over all samples
///   unlisted: noMatch                 # noMatch (default): samples not named above must not match
///                                     # ignore: they may match or not
/// ```
public struct Expectations: Sendable {
    /// Sample paths (already joined with the expectation file's folder), or `nil` for the suite's.
    public var samples: [String]?
    /// Mailbox hint for the samples, or `nil` for the suite's.
    public var mailbox: String?
    public var match: [ItemSelector]
    public var noMatch: [ItemSelector]
    /// The exact number of matches over all samples.
    public var count: Int?
    public var unlisted: Unlisted
    /// The file the expectations were read from (the investigation file, or its sidecar).
    public var path: String

    public enum Unlisted: String, Sendable, Hashable, CaseIterable {
        /// Samples not named by any expectation must not match (the default: an investigation matches
        /// exactly what it should).
        case noMatch
        /// Samples not named may match or not.
        case ignore
    }

    public init(
        samples: [String]? = nil, mailbox: String? = nil, match: [ItemSelector] = [], noMatch: [ItemSelector] = [],
        count: Int? = nil, unlisted: Unlisted = .noMatch, path: String = ""
    ) {
        self.samples = samples
        self.mailbox = mailbox
        self.match = match
        self.noMatch = noMatch
        self.count = count
        self.unlisted = unlisted
        self.path = path
    }
}

/// Names sample items: by Message-ID, by a sample file (or folder) below the samples folder, or by a
/// path relative to the file that states the expectation. A file selector may name one message of a
/// multi-message file with a fragment: `#/value/3` (Graph JSON pointer), `#2` (mbox index, 0-based),
/// `#L4` (JSON Lines line, 1-based).
public struct ItemSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A Message-ID, without angle brackets.
        case messageId(String)
        /// A path relative to the samples folder(s).
        case sample(String)
        /// A path relative to the folder of the file that states the expectation.
        case path(String)
        /// A bare path: first relative to the samples folder(s), then to the expectation file's folder.
        case file(String)
    }

    public var kind: Kind
    public var fragment: Fragment?
    /// As written, for messages.
    public var written: String
    /// Where it is written (1-based; 0 when unknown).
    public var line: Int
    public var column: Int

    /// One message of a multi-message file.
    public enum Fragment: Sendable, Hashable {
        case pointer(String)
        case index(Int)
        case line(Int)
    }

    public init(kind: Kind, fragment: Fragment? = nil, written: String, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.fragment = fragment
        self.written = written
        self.line = line
        self.column = column
    }

    public var description: String { written }

    /// Splits `file#fragment`; `nil` fragment when there is none. Throws a message when the fragment is
    /// not one of the three forms.
    static func split(_ text: String) -> (path: String, fragment: Fragment?, problem: String?) {
        guard let hash = text.firstIndex(of: "#") else { return (text, nil, nil) }
        let path = String(text[..<hash])
        let rest = String(text[text.index(after: hash)...])
        if rest.hasPrefix("/") || rest.isEmpty { return (path, .pointer(rest), nil) }
        if let index = Int(rest), index >= 0 { return (path, .index(index), nil) }
        if rest.first == "L" || rest.first == "l", let line = Int(rest.dropFirst()), line >= 1 { return (path, .line(line), nil) }
        return (path, nil, "the fragment '#\(rest)' is not a JSON pointer (#/value/0), an mbox index (#2) or a JSON Lines line (#L3)")
    }
}
