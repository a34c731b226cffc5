/// A text normalized once by a ``TextNormalizer`` (§6 text rule), ready to be searched for many
/// ``NormalizedNeedle``s, with a map from normalized positions back to the original for evidence.
///
/// ```swift
/// let body = TextNormalizer().normalize("Please send the WIRE\n\ttransfer today")
/// let needle = TextNormalizer().needle("wire transfer")
/// if let hit = body.firstRange(of: needle) {
///     body.snippet(around: hit)   // "Please send the WIRE transfer today"
/// }
/// ```
package struct NormalizedText: Sendable {
    /// The text as given.
    package let original: String
    /// The normalized UTF-8 bytes.
    package let utf8: [UInt8]
    /// The normalizer that produced it (a needle must come from an equal one).
    package let normalizer: TextNormalizer
    private let anchors: [OffsetAnchor]

    init(original: String, utf8: [UInt8], anchors: [OffsetAnchor], normalizer: TextNormalizer) {
        self.original = original
        self.utf8 = utf8
        self.anchors = anchors
        self.normalizer = normalizer
    }

    /// The normalized text as a string.
    package var string: String { String(decoding: utf8, as: UTF8.self) }

    /// The byte range of the first occurrence of `needle` in ``utf8``, or `nil`. An empty needle is
    /// found at 0.
    ///
    /// - Precondition: `needle` comes from a normalizer equal to ``normalizer`` (same case rule).
    /// - Complexity: O(n + m) worst case; sub-linear on average (Horspool with a linear fallback).
    package func firstRange(of needle: NormalizedNeedle) -> Range<Int>? {
        precondition(needle.normalizer == normalizer, "needle and text normalized under different rules")
        return utf8.withUnsafeBufferPointer { haystack in
            needle.searcher.firstIndex(in: haystack).map { $0..<($0 + needle.utf8.count) }
        }
    }

    /// Every non-overlapping occurrence of `needle`, in order.
    package func ranges(of needle: NormalizedNeedle) -> [Range<Int>] {
        precondition(needle.normalizer == normalizer, "needle and text normalized under different rules")
        guard !needle.utf8.isEmpty else { return [] }
        return utf8.withUnsafeBufferPointer { haystack in
            var found: [Range<Int>] = []
            var from = 0
            while let start = needle.searcher.firstIndex(in: haystack, from: from) {
                found.append(start..<(start + needle.utf8.count))
                from = start + needle.utf8.count
            }
            return found
        }
    }

    /// Whether the text contains `needle` (§6 `contains`).
    package func contains(_ needle: NormalizedNeedle) -> Bool { firstRange(of: needle) != nil }

    /// Whether the text equals `needle` (§6 `equals`), ignoring white space at either end.
    package func equals(_ needle: NormalizedNeedle) -> Bool {
        precondition(needle.normalizer == normalizer, "needle and text normalized under different rules")
        return utf8.trimmingOneSpace.elementsEqual(needle.utf8.trimmingOneSpace)
    }

    // MARK: - Back to the original

    /// The UTF-8 byte range of the original text that produced `normalized` (a range of ``utf8``).
    ///
    /// Exact in ASCII text; inside a non-ASCII stretch, or a collapsed white-space run, it widens to
    /// the whole stretch (a few characters). The bounds always lie on Unicode scalar boundaries.
    package func originalUTF8Range(of normalized: Range<Int>) -> Range<Int> {
        let originalCount = original.utf8.count
        guard !anchors.isEmpty else { return 0..<0 }
        let lower = clamp(normalized.lowerBound)
        let start = originalStart(ofNormalized: lower, originalCount: originalCount)
        guard normalized.upperBound > lower else { return start..<start }
        let last = clamp(normalized.upperBound - 1)
        let k = anchorIndex(containing: last)
        let anchor = anchors[k]
        let end: Int
        if anchor.isLinear {
            end = anchor.origin + (last + 1 - anchor.normalized)
        } else {
            end = k + 1 < anchors.count ? anchors[k + 1].origin : originalCount
        }
        return start..<max(start, min(end, originalCount))
    }

    /// The range of ``original`` that produced `normalized`, widened to whole characters.
    package func originalRange(of normalized: Range<Int>) -> Range<String.Index> {
        let bytes = originalUTF8Range(of: normalized)
        let utf8View = original.utf8
        var lower = utf8View.index(utf8View.startIndex, offsetBy: bytes.lowerBound)
        var upper = utf8View.index(lower, offsetBy: bytes.count)
        lower = original.roundedDownToCharacter(lower)
        upper = original.roundedUpToCharacter(upper)
        return lower..<upper
    }

    /// Evidence for a hit: the original text around `normalized` (a range of ``utf8``), about
    /// `radius` characters either side, cut on character boundaries, with every white-space run shown
    /// as one space and the ends trimmed. Invisible characters are removed when the normalizer ignores
    /// them (so bidi controls cannot reorder a report line). No ellipsis is added.
    ///
    /// Text built to defeat this (a "character" of thousands of combining marks) would make the
    /// snippet huge; past 64 bytes per character of context, the window is cut at Unicode scalars
    /// instead.
    package func snippet(around normalized: Range<Int>, radius: Int = 40) -> String {
        let hit = originalRange(of: normalized)
        let start = original.index(backFrom: hit.lowerBound, characters: radius)
        let end = original.index(forwardFrom: hit.upperBound, characters: radius)
        let dropsInvisible = normalizer.ignoresInvisibleCharacters
        let utf8 = original.utf8
        let bytes = originalUTF8Range(of: normalized)
        let contextBytes = utf8.distance(from: start, to: end) - bytes.count
        guard contextBytes > 64 * 2 * radius else {
            return Self.collapsingWhitespace(original[start..<end], dropsInvisible: dropsInvisible)
        }
        let scalars = original.unicodeScalars
        let low = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        let high = utf8.index(low, offsetBy: bytes.count)
        let scalarStart = scalars.index(low, offsetBy: -radius, limitedBy: scalars.startIndex) ?? scalars.startIndex
        let scalarEnd = scalars.index(high, offsetBy: radius, limitedBy: scalars.endIndex) ?? scalars.endIndex
        return Self.collapsingWhitespace(original[scalarStart..<scalarEnd], dropsInvisible: dropsInvisible)
    }

    static func collapsingWhitespace(_ text: Substring, dropsInvisible: Bool) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isUnicodeWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if dropsInvisible, scalar.value >= 0x80, scalar.properties.isDefaultIgnorableCodePoint { continue }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return String(result)
    }

    private func clamp(_ offset: Int) -> Int { min(max(offset, 0), max(utf8.count - 1, 0)) }

    private func originalStart(ofNormalized offset: Int, originalCount: Int) -> Int {
        let anchor = anchors[anchorIndex(containing: offset)]
        return anchor.isLinear ? min(anchor.origin + (offset - anchor.normalized), originalCount) : anchor.origin
    }

    /// The last anchor whose first normalized byte is at or before `offset`.
    private func anchorIndex(containing offset: Int) -> Int {
        var low = 0
        var high = anchors.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if anchors[mid].normalized <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// A filter value normalized once per run by a ``TextNormalizer``, with its byte searcher.
package struct NormalizedNeedle: Sendable, Hashable {
    /// The normalized UTF-8 bytes.
    package let utf8: [UInt8]
    /// The normalizer that produced it.
    package let normalizer: TextNormalizer
    let searcher: ByteSearcher

    init(utf8: [UInt8], normalizer: TextNormalizer) {
        self.utf8 = utf8
        self.normalizer = normalizer
        self.searcher = ByteSearcher(utf8)
    }

    /// The normalized value as a string.
    package var string: String { String(decoding: utf8, as: UTF8.self) }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.utf8 == rhs.utf8 && lhs.normalizer == rhs.normalizer
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(utf8)
        hasher.combine(normalizer)
    }
}

extension Array where Element == UInt8 {
    /// Without one leading and one trailing space (normalized text has no longer runs).
    var trimmingOneSpace: ArraySlice<UInt8> {
        var slice = self[...]
        if slice.first == 0x20 { slice = slice.dropFirst() }
        if slice.last == 0x20 { slice = slice.dropLast() }
        return slice
    }
}

extension String {
    /// `index` if it is on a character boundary, else the start of the character containing it.
    func roundedDownToCharacter(_ index: Index) -> Index {
        if index.samePosition(in: self) != nil || index == endIndex { return index }
        // index(after:) and index(before:) first round a misaligned index down to its character.
        return self.index(before: self.index(after: index))
    }

    /// `index` if it is on a character boundary, else the end of the character containing it.
    func roundedUpToCharacter(_ index: Index) -> Index {
        if index.samePosition(in: self) != nil || index == endIndex { return index }
        return self.index(after: index)
    }

    /// The index `characters` characters before `index` (rounded down to a character), counting a
    /// white-space run as one character; stops at the start.
    func index(backFrom index: Index, characters: Int) -> Index {
        var current = roundedDownToCharacter(index)
        var counted = 0
        while counted < characters, current > startIndex {
            let previous = self.index(before: current)
            if self[previous].isWhitespace {
                var runStart = previous
                while runStart > startIndex {
                    let before = self.index(before: runStart)
                    guard self[before].isWhitespace else { break }
                    runStart = before
                }
                current = runStart
            } else {
                current = previous
            }
            counted += 1
        }
        return current
    }

    /// The index `characters` characters after `index` (rounded up to a character), counting a
    /// white-space run as one character; stops at the end.
    func index(forwardFrom index: Index, characters: Int) -> Index {
        var current = roundedUpToCharacter(index)
        var counted = 0
        while counted < characters, current < endIndex {
            if self[current].isWhitespace {
                while current < endIndex, self[current].isWhitespace { current = self.index(after: current) }
            } else {
                current = self.index(after: current)
            }
            counted += 1
        }
        return current
    }
}
