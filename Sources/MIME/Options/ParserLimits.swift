/// Limits that protect the parser from hostile or broken input. Reaching a limit never aborts
/// parsing: it records a defect and degrades in the documented way.
public struct ParserLimits: Sendable, Hashable {
    /// Deepest multipart / message nesting parsed structurally; deeper entities become opaque leaves
    /// (`mime.nesting-too-deep`). Default: 64.
    public var maxNestingDepth: Int = 64
    /// Most entities in one message (`mime.too-many-parts`). Past it the remaining body parts of the
    /// multipart being read are skipped up to its close delimiter (its epilogue is still read), and a
    /// multipart or embedded message met past it is kept as an opaque leaf. Default: 10 000.
    public var maxParts: Int = 10_000
    /// Largest header block, in bytes; the rest of the block is skipped (`mime.header-block-too-large`).
    /// Default: 1 MiB.
    public var maxHeaderBlockBytes: Int = 1 << 20
    /// Longest line before `mime.line-too-long` is recorded (once per entity). Longer lines are kept,
    /// and are never taken for a boundary. Default: 998 (RFC 5322 §2.1.1), checked with a tolerance
    /// for the line ending.
    public var maxLineLength: Int = 998
    /// Largest decoded size of one part, in bytes; decoding stops there (`mime.decoded-size-limit`).
    /// Default: 256 MiB.
    public var maxDecodedBytes: Int = 256 << 20
    /// Deepest nesting of BER elements read in an S/MIME (CMS) structure; deeper ones make the structure
    /// unreadable (`mime.smime-unreadable`). Default: 32 (real S/MIME nests about 10 levels).
    public var maxCMSNestingDepth: Int = 32

    public init() {}

    /// The default limits.
    public static let `default` = ParserLimits()
}
