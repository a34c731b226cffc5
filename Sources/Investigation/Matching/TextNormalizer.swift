import Dispatch
/// The text rule of §6: "Text comparisons are Unicode-aware: NFC, case-folded unless
/// `caseSensitive: true`, and runs of white space in the text compare equal to one space in the value."
///
/// Both sides of a comparison go through the same normalizer: the haystack once per item
/// (``normalize(_:)``, which keeps a map back to the original for snippets) and each filter value once
/// per run (``needle(_:)``). Comparison is then a byte search in the normalized UTF-8.
///
/// What normalization does, in order, per Unicode scalar:
/// 1. **White space**: every run of `White_Space` scalars (space, tab, CR, LF, VT, FF, NEL, NBSP,
///    U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) becomes one U+0020. Runs are not
///    trimmed: a leading or trailing run stays one space (``NormalizedText/equals(_:)`` ignores them).
/// 2. **Invisible characters** (on by default, ``ignoresInvisibleCharacters``): scalars with the
///    `Default_Ignorable_Code_Point` property — soft hyphen, zero-width space/joiners, word joiner, BOM,
///    bidi controls, variation selectors — are dropped, so `wi\u{200B}re transfer` contains
///    `wire transfer`. Phishing mail uses them to break keywords; they are invisible when rendered.
/// 3. **Case folding** (unless case-sensitive): ASCII `A`–`Z` map to `a`–`z` on a byte fast path; any
///    other scalar that `changesWhenCaseFolded` maps to `lower(upper(lower(c)))`, which equals Unicode
///    full default case folding for the scripts mail uses: `ß`, `ẞ` and `SS` all fold to `ss`; `ς`
///    and `Σ` to `σ`; `İ` (U+0130) to `i` + U+0307; the Kelvin sign to `k`. Cherokee folds to upper
///    case, as CaseFolding.txt does. Folding is not locale-tailored: the Turkish dotless `ı` stays `ı`
///    (it does not match `i` or `I`), and `I` folds to `i`, never to `ı`.
/// 4. **NFC**: each stretch of non-ASCII text (with the ASCII letter before it, which may be the base of
///    a following combining mark) is brought to Normalization Form C after folding, so `é` written as
///    U+00E9 or as `e` + U+0301 compares equal. ASCII is already NFC and is copied as is. A run of more
///    than 30 combining marks is normalized 30 at a time (the Stream-Safe Text Format of UAX #15), so
///    hostile text cannot make NFC slow; no real text has such runs.
///
/// Not done (documented limits): compatibility mappings (NFKC: full-width `Ａ` is not `A`, `ﬁ` is not
/// `fi`), confusable/homoglyph mapping (Cyrillic `а` is not Latin `a`), and the NFD-based canonical
/// caseless match for U+0345 and similar corner cases.
///
/// - Complexity: O(n) in the UTF-8 length. ASCII is copied in runs (and lower-cased in place) without
///   decoding; a non-ASCII scalar costs a decode and one lookup in a table of BMP traits built once per
///   process (``ScalarTraits``, about 15 ms); only stretches holding a scalar NFC may change (a
///   combining mark, a jamo, a singleton such as U+212B) go through the standard library's NFC. In a
///   release build a 100 KB body normalizes in roughly 0.15 ms (English, French) to 0.5–1 ms (Russian).
package struct TextNormalizer: Sendable, Hashable {
    /// Whether case is kept (`caseSensitive: true` in the investigation). Default `false`.
    package var isCaseSensitive: Bool
    /// Whether `Default_Ignorable_Code_Point` scalars are dropped. Default `true`.
    package var ignoresInvisibleCharacters: Bool

    /// Builds the scalar table (about 15 ms, once per process) on another thread now, so that the
    /// first item with non-ASCII text does not wait for it. Runners call it when they are about to
    /// evaluate items; calls after the first do nothing.
    package static func prepareInBackground() { _ = backgroundPreparation }

    private static let backgroundPreparation: Void = DispatchQueue.global().async { _ = ScalarTraits.shared }

    package init(caseSensitive: Bool = false, ignoresInvisibleCharacters: Bool = true) {
        self.isCaseSensitive = caseSensitive
        self.ignoresInvisibleCharacters = ignoresInvisibleCharacters
    }

    /// Normalizes a text to be searched (a body, a subject, a display name), keeping a map from the
    /// normalized bytes back to the original for evidence snippets.
    package func normalize(_ text: String) -> NormalizedText {
        var source = text
        var output = NormalizationOutput(recordsMap: true)
        source.withUTF8 { run($0, into: &output) }
        return NormalizedText(
            original: text, utf8: output.bytes, anchors: output.anchors, normalizer: self)
    }

    /// Normalizes a filter value, once per run, to be searched for in many ``NormalizedText``s.
    package func needle(_ value: String) -> NormalizedNeedle {
        NormalizedNeedle(utf8: normalizedBytes(value), normalizer: self)
    }

    /// The normalized UTF-8 of `text`, without the map back to the original.
    package func normalizedBytes(_ text: String) -> [UInt8] {
        var source = text
        var output = NormalizationOutput(recordsMap: false)
        source.withUTF8 { run($0, into: &output) }
        return output.bytes
    }

    /// The normalized form of `text`, as a string.
    package func normalizedString(_ text: String) -> String {
        String(decoding: normalizedBytes(text), as: UTF8.self)
    }

    /// Whether `text` contains `value` under this rule (one-off convenience; the engine normalizes
    /// each side once and uses ``NormalizedText/contains(_:)``).
    package func contains(_ text: String, _ value: String) -> Bool {
        normalize(text).contains(needle(value))
    }

    /// Whether `text` equals `value` under this rule, ignoring leading and trailing white space.
    package func equals(_ text: String, _ value: String) -> Bool {
        normalize(text).equals(needle(value))
    }

    // MARK: - The normalization pass

    /// The longest run of non-starters normalized together (UAX #15 stream-safe limit).
    static let maxNonStarterRun = 30

    private func run(_ input: UnsafeBufferPointer<UInt8>, into out: inout NormalizationOutput) {
        let count = input.count
        out.bytes.reserveCapacity(count + count / 16)
        var i = 0
        while i < count {
            let byte = input[i]
            guard byte < 0x80 else {
                i = runNonASCII(input, from: i, into: &out)
                continue
            }
            // A run of ASCII copied one to one: anything but white space, plus single white-space bytes
            // between words (as spaces: one byte for one, so the map back stays linear). It stops
            // before white space that needs collapsing, and before an ASCII byte that is followed by
            // non-ASCII (it may be the base of a combining mark).
            var j = i
            while j < count {
                let b = input[j]
                if b > 0x20 && b < 0x80 {  // the common case: a visible ASCII character
                    j += 1
                    continue
                }
                if b >= 0x80 {
                    // A visible character just before non-ASCII may be its base: leave it to runNonASCII.
                    if j > i, input[j - 1] > 0x20 { j -= 1 }
                    break
                }
                let next: UInt8 = j + 1 < count ? input[j + 1] : 0x00
                if b.isASCIIWhitespace {
                    if next.isASCIIWhitespace || (j == i && out.lastWasSpace) { break }
                } else if next >= 0x80 {
                    break
                }
                j += 1
            }
            if j > i {
                out.markLinear(origin: i)
                let first = out.bytes.count
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                let table = isCaseSensitive ? ASCIIMap.spaced : ASCIIMap.spacedAndLowercased
                out.bytes.withUnsafeMutableBufferPointer { bytes in
                    table.withUnsafeBufferPointer { table in
                        for k in first..<bytes.count { bytes[k] = table[Int(bytes[k])] }
                    }
                }
                out.lastWasSpace = input[j - 1].isASCIIWhitespace
                i = j
            } else if byte.isASCIIWhitespace {
                var k = i + 1
                while k < count, input[k].isASCIIWhitespace { k += 1 }
                out.emitSpace(origin: i, isSingleSpace: k == i + 1 && byte == 0x20)
                i = k
            } else {
                i = runNonASCII(input, from: i, into: &out)  // an ASCII base followed by non-ASCII
            }
        }
    }

    /// Normalizes one stretch starting at `start` (an ASCII base followed by non-ASCII, or non-ASCII),
    /// up to the next ASCII byte or, in long stretches, to a safe boundary after at least
    /// `stretchLimit` scalars (so that snippets stay precise in scripts written without spaces).
    /// Returns where it stopped.
    ///
    /// A stretch also ends after ``maxNonStarterRun`` non-starters in a row, as the Stream-Safe Text
    /// Format of UAX #15 §13 does: NFC reorders a run of combining marks, and the standard library
    /// does so in quadratic time, so a body of 100 KB of combining marks would otherwise take seconds.
    /// Text with such runs is never meaningful; it only has to be normalized the same way on both sides.
    ///
    /// Scalars are folded and written straight to the output; only a stretch holding a scalar that NFC
    /// may change (a combining mark, a jamo, a singleton like U+212B) is passed through NFC afterwards.
    private func runNonASCII(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout NormalizationOutput
    ) -> Int {
        let stretchLimit = 24
        let count = input.count
        let traits = ScalarTraits.shared
        out.markOpaque(origin: start)
        var segmentStart = out.bytes.count
        var needsNFC = false
        var produced = 0
        var nonStarters = 0
        var i = start
        if input[i] < 0x80 {
            out.bytes.append(isCaseSensitive ? input[i] : input[i].asciiLowercased)
            out.lastWasSpace = false
            produced = 1
            i += 1
        }
        while i < count, input[i] >= 0x80 {
            let (value, length) = decodeScalar(input, at: i)
            let flags = traits.flags(value)
            if produced >= stretchLimit, flags & ScalarTraits.isInert != 0 { break }
            if flags & ScalarTraits.isNonStarter != 0 {
                if nonStarters >= Self.maxNonStarterRun, produced > 0 { break }
                nonStarters += 1
            } else {
                nonStarters = 0
            }
            let scalarStart = i
            i += length
            if flags & ScalarTraits.isWhitespace != 0 {
                Self.finishSegment(from: segmentStart, needsNFC: needsNFC, into: &out)
                out.emitSpaceInsideOpaque()
                segmentStart = out.bytes.count
                needsNFC = false
                continue
            }
            if ignoresInvisibleCharacters, flags & ScalarTraits.isIgnorable != 0 { continue }
            if !isCaseSensitive, flags & ScalarTraits.changesWhenFolded != 0 {
                let folded = traits.fold(value)
                out.bytes.append(contentsOf: folded.utf8)
                if !folded.isInert { needsNFC = true }
            } else {
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[scalarStart..<i]))
                if flags & ScalarTraits.isInert == 0 { needsNFC = true }
            }
            out.lastWasSpace = false
            produced += 1
        }
        Self.finishSegment(from: segmentStart, needsNFC: needsNFC, into: &out)
        return i
    }

    /// Brings the bytes written since `start` to NFC when they may not be.
    private static func finishSegment(from start: Int, needsNFC: Bool, into out: inout NormalizationOutput) {
        guard needsNFC, out.bytes.count > start else { return }
        let nfc = String(decoding: out.bytes[start...], as: UTF8.self).nfcUTF8
        out.bytes.replaceSubrange(start..., with: nfc)
    }

    /// Full case folding of one scalar that `changesWhenCaseFolded` (see the type's documentation).
    static func fold(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        let lower = scalar.properties.lowercaseMapping
        let upper = lower.uppercased()
        let folded = upper.lowercased()
        if folded.unicodeScalars.contains(where: { $0.properties.changesWhenCaseFolded }) {
            // Scripts whose folding goes to upper case (Cherokee).
            return upper.unicodeScalars
        }
        return folded.unicodeScalars
    }

    /// Decodes the scalar at `i` of valid UTF-8 (the input always comes from a `String`).
    @inline(__always)
    private func decodeScalar(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = UInt32(input[i])
        let count = input.count
        @inline(__always) func continuation(_ k: Int) -> UInt32 { i + k < count ? UInt32(input[i + k] & 0x3F) : 0 }
        switch lead {
        case 0xC0..<0xE0: return ((lead & 0x1F) << 6 | continuation(1), min(2, count - i))
        case 0xE0..<0xF0: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), min(3, count - i))
        case 0xF0...:
            return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), min(4, count - i))
        default: return (0xFFFD, 1)
        }
    }
}

/// What the normalizer needs to know of a scalar, precomputed for the Basic Multilingual Plane (one
/// table built on first use, a few milliseconds per process) and computed on the fly beyond it.
struct ScalarTraits: Sendable {
    /// `White_Space`.
    static let isWhitespace: UInt8 = 1 << 0
    /// `Default_Ignorable_Code_Point`.
    static let isIgnorable: UInt8 = 1 << 1
    /// `Changes_When_Casefolded`.
    static let changesWhenFolded: UInt8 = 1 << 2
    /// NFC never changes it and nothing before it composes with it: a starter (ccc 0) that is not a
    /// mark nor a Hangul jamo and is its own NFC. A stretch made only of such scalars is already NFC.
    static let isInert: UInt8 = 1 << 3
    /// Canonical combining class other than 0.
    static let isNonStarter: UInt8 = 1 << 4

    /// The UTF-8 of a scalar's full case folding, and whether all its scalars are inert.
    struct Folded: Sendable {
        var utf8: [UInt8]
        var isInert: Bool
    }

    static let shared = ScalarTraits()

    private let bmpFlags: [UInt8]
    /// For each BMP scalar that changes when folded, 1 + its index in `bmpFolds`; 0 otherwise.
    private let bmpFoldIndex: [UInt16]
    private let bmpFolds: [Folded]

    private init() {
        var flags = [UInt8](repeating: 0, count: 0x10000)
        // Flags from the scalar properties first; whether a scalar is its own NFC is then asked for
        // all candidates in one NFC call (a scalar per line) rather than one call per scalar.
        var candidates: [Unicode.Scalar] = []
        var uniform = Self.uniformRanges.makeIterator()
        var range = uniform.next()
        for value in 0x80..<0x10000 {
            while let current = range, current.upperBound < value { range = uniform.next() }
            if let range, range.contains(value), value != range.lowerBound { continue }
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let (computed, mayBeInert) = Self.propertyFlags(scalar)
            flags[value] = computed
            if mayBeInert { candidates.append(scalar) }
        }
        let stable = Self.ownNFC(candidates)
        for (scalar, isStable) in zip(candidates, stable) where isStable { flags[Int(scalar.value)] |= Self.isInert }
        for range in Self.uniformRanges {
            for value in range.dropFirst() { flags[value] = flags[range.lowerBound] }  // no case, no white space
        }
        for value in 0..<0x80 {
            let byte = UInt8(value)
            flags[value] = byte.isASCIIWhitespace ? Self.isWhitespace : Self.isInert
            if byte >= 0x41, byte <= 0x5A { flags[value] |= Self.changesWhenFolded }
        }
        var foldIndex = [UInt16](repeating: 0, count: 0x10000)
        var folds: [Folded] = []
        for value in 0x80..<0x10000 where flags[value] & Self.changesWhenFolded != 0 {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let folded = TextNormalizer.fold(scalar)
            let inert = folded.allSatisfy { folded in
                folded.value < 0x10000 ? flags[Int(folded.value)] & Self.isInert != 0 : Self.isInertScalar(folded)
            }
            folds.append(Folded(utf8: Array(String(folded).utf8), isInert: inert))
            foldIndex[value] = UInt16(folds.count)
        }
        self.bmpFlags = flags
        self.bmpFoldIndex = foldIndex
        self.bmpFolds = folds
    }

    /// Whether each scalar is its own NFC, from one NFC of them all, a line each (a line break
    /// composes with nothing, so no scalar can compose with its neighbours).
    private static func ownNFC(_ scalars: [Unicode.Scalar]) -> [Bool] {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count * 4)
        for scalar in scalars {
            UTF8.encode(scalar) { utf8.append($0) }
            utf8.append(0x0A)
        }
        let normalized = String(decoding: utf8, as: UTF8.self).nfcUTF8
        guard normalized.count == utf8.count, normalized.elementsEqual(utf8) else {
            // Some scalar changed: compare line by line.
            let lines = normalized.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard lines.count == scalars.count + 1 else {
                return scalars.map { String($0).nfcUTF8.elementsEqual(String($0).utf8) }
            }
            let originals = utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            return zip(originals, lines).map { $0.elementsEqual($1) }
        }
        return Array(repeating: true, count: scalars.count)
    }

    /// Blocks whose scalars all have the traits of their first one (ideographs, syllables, private
    /// use), so that building the table computes NFC for a fifth of the plane, not all of it. A test
    /// checks every scalar of them.
    static let uniformRanges: [ClosedRange<Int>] = [
        0x3400...0x4DBF,  // CJK Unified Ideographs Extension A
        0x4E00...0x9FFF,  // CJK Unified Ideographs
        0xA000...0xA48C,  // Yi Syllables
        0xAC00...0xD7A3,  // Hangul Syllables
        0xE000...0xF8FF,  // Private Use Area
    ]

    @inline(__always) func flags(_ value: UInt32) -> UInt8 {
        if value < 0x10000 { return bmpFlags[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        return Self.computeFlags(scalar)
    }

    func fold(_ value: UInt32) -> Folded {
        if value < 0x10000 {
            let index = Int(bmpFoldIndex[Int(value)])
            if index > 0 { return bmpFolds[index - 1] }
        }
        guard let scalar = Unicode.Scalar(value) else { return Folded(utf8: [], isInert: true) }
        return Self.computeFold(scalar)
    }

    static func computeFlags(_ scalar: Unicode.Scalar) -> UInt8 {
        let (flags, mayBeInert) = propertyFlags(scalar)
        return mayBeInert && String(scalar).nfcUTF8.elementsEqual(String(scalar).utf8) ? flags | isInert : flags
    }

    /// The flags that come from the scalar's properties, and whether it is inert provided it is its
    /// own NFC (``isInert`` is left for the caller to add).
    private static func propertyFlags(_ scalar: Unicode.Scalar) -> (flags: UInt8, mayBeInert: Bool) {
        let properties = scalar.properties
        var flags: UInt8 = 0
        if scalar.isUnicodeWhitespace { flags |= isWhitespace }
        if properties.isDefaultIgnorableCodePoint { flags |= isIgnorable }
        if properties.changesWhenCaseFolded { flags |= changesWhenFolded }
        let isStarter = properties.canonicalCombiningClass == .notReordered
        if !isStarter { flags |= isNonStarter }
        return (flags, isStarter && mayBeInert(scalar))
    }

    private static func isInertScalar(_ scalar: Unicode.Scalar) -> Bool {
        computeFlags(scalar) & isInert != 0
    }

    /// A starter that is not a mark, unassigned, a surrogate or a Hangul jamo.
    private static func mayBeInert(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .unassigned, .surrogate: return false
        default: break
        }
        switch scalar.value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return false  // Hangul jamo
        default: return true
        }
    }

    static func computeFold(_ scalar: Unicode.Scalar) -> Folded {
        let folded = TextNormalizer.fold(scalar)
        return Folded(utf8: Array(String(folded).utf8), isInert: folded.allSatisfy(isInertScalar))
    }
}

/// Byte maps for ASCII runs: white space to a space, and (for case folding) `A`–`Z` to `a`–`z`.
enum ASCIIMap {
    static let spaced: [UInt8] = (0...255).map { byte in UInt8(byte).isASCIIWhitespace ? 0x20 : UInt8(byte) }
    static let spacedAndLowercased: [UInt8] = spaced.map(\.asciiLowercased)
}

/// The normalized bytes under construction and the anchors of the map back to the original.
struct NormalizationOutput {
    var bytes: [UInt8] = []
    var anchors: [OffsetAnchor] = []
    var lastWasSpace = false
    let recordsMap: Bool

    init(recordsMap: Bool) {
        self.recordsMap = recordsMap
    }

    /// A white-space run of the original starting at `origin` (ASCII path).
    mutating func emitSpace(origin: Int, isSingleSpace: Bool) {
        guard !lastWasSpace else { return }
        if isSingleSpace { markLinear(origin: origin) } else { markOpaque(origin: origin) }
        bytes.append(0x20)
        lastWasSpace = true
    }

    /// White space inside a stretch already covered by an opaque anchor.
    mutating func emitSpaceInsideOpaque() {
        guard !lastWasSpace else { return }
        bytes.append(0x20)
        lastWasSpace = true
    }

    /// From here on, normalized byte `k` comes from original byte `origin + k - here`.
    mutating func markLinear(origin: Int) {
        guard recordsMap else { return }
        let norm = bytes.count
        if let last = anchors.last, last.isLinear, origin - last.origin == norm - last.normalized { return }
        append(OffsetAnchor(normalized: norm, origin: origin, isLinear: true))
    }

    /// From here on until the next anchor, normalized bytes come from the original as a whole.
    mutating func markOpaque(origin: Int) {
        guard recordsMap else { return }
        append(OffsetAnchor(normalized: bytes.count, origin: origin, isLinear: false))
    }

    private mutating func append(_ anchor: OffsetAnchor) {
        // An anchor that produced no bytes is superseded by the next one.
        if let last = anchors.last, last.normalized == anchor.normalized {
            anchors[anchors.count - 1] = anchor
        } else {
            anchors.append(anchor)
        }
    }
}

/// One entry of the map from normalized to original UTF-8 offsets.
struct OffsetAnchor: Sendable, Hashable {
    /// First normalized byte this anchor covers.
    var normalized: Int
    /// The original byte it comes from.
    var origin: Int
    /// Whether bytes map one to one (ASCII copied or lower-cased) until the next anchor; otherwise the
    /// whole stretch maps to the whole original stretch.
    var isLinear: Bool
}

extension UInt8 {
    /// ASCII white space as Unicode defines `White_Space`: tab, LF, VT, FF, CR, space.
    @inline(__always) var isASCIIWhitespace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }

    @inline(__always) var asciiLowercased: UInt8 { self &- 0x41 < 26 ? self | 0x20 : self }
}

extension Unicode.Scalar {
    /// `White_Space` (for non-ASCII scalars, the fixed list of Unicode 15).
    var isUnicodeWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default: false
        }
    }
}

extension String {
    /// The UTF-8 of this string in Normalization Form C.
    ///
    /// The standard library's normalizer (the one `String` comparison uses), reached through its
    /// underscored `_nfcCodeUnits`: the only NFC in the toolchain without Foundation. Every NFC in the
    /// matching code goes through here, so a public API can replace it in one place.
    var nfcUTF8: [UInt8] { _nfcCodeUnits }
}
