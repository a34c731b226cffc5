/// A file-name glob (§6 `attachmentName`: "equals the value (glob `*` `?` allowed)").
///
/// - `*` matches any run of characters (including none), `?` exactly one character, and `\` makes the
///   next character literal (`\*`, `\?`, `\\`; a trailing lone `\` is a literal backslash). There are
///   no character classes: `[` is literal, since file names often contain brackets.
/// - The whole name must match (`*.html` matches `invoice.html`, not `invoice.html.zip`).
/// - Text follows the §6 rule through ``TextNormalizer``: NFC, case-folded unless case-sensitive,
///   white-space runs as one space, invisible characters ignored. "Character" means a user-perceived
///   character (`Character`) of the normalized text; note that folding can change a name's length
///   (`ß` folds to `ss`, so `stra?e` does not match `Straße` case-insensitively while `stra??e` does).
///
/// - Complexity: no backtracking beyond one segment: the pattern is split at `*` into segments, the
///   first anchored at the start, the last at the end, and each middle one found at its leftmost
///   position after the previous (leftmost is always right for `*`-separated segments). Worst case
///   O(n·m) for a name of n and a pattern of m characters; `*a*a*a*…b` cannot blow up.
package struct GlobPattern: Sendable, Hashable {
    /// The pattern as written.
    package let pattern: String
    package let isCaseSensitive: Bool
    private let segments: [[Element]]
    private let hasStar: Bool
    private let normalizer: TextNormalizer

    private enum Element: Sendable, Hashable {
        case character(Character)
        case anyCharacter
    }

    package init(_ pattern: String, caseSensitive: Bool = false) {
        self.pattern = pattern
        self.isCaseSensitive = caseSensitive
        let normalizer = TextNormalizer(caseSensitive: caseSensitive)
        self.normalizer = normalizer
        var segments: [[Element]] = [[]]
        var literal = ""
        var hasStar = false
        func flushLiteral() {
            guard !literal.isEmpty else { return }
            segments[segments.count - 1] += normalizer.normalizedString(literal).map { Element.character($0) }
            literal = ""
        }
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                literal.append(characters.next() ?? "\\")
            case "*":
                flushLiteral()
                hasStar = true
                if !(segments.last?.isEmpty ?? false) || segments.count == 1 { segments.append([]) }
            case "?":
                flushLiteral()
                segments[segments.count - 1].append(.anyCharacter)
            default:
                literal.append(character)
            }
        }
        flushLiteral()
        self.segments = segments
        self.hasStar = hasStar
    }

    /// Whether the pattern has a `*` or `?` (otherwise it is a plain, normalized equality).
    package var hasWildcards: Bool { hasStar || segments.contains { $0.contains(.anyCharacter) } }

    /// Whether `name` matches the whole pattern.
    package func matches(_ name: String) -> Bool {
        let subject = Array(normalizer.normalizedString(name))
        guard hasStar else { return segments[0].count == subject.count && matchesAt(segments[0], subject, 0) }
        let first = segments[0]
        let last = segments[segments.count - 1]
        guard first.count + last.count <= subject.count, matchesAt(first, subject, 0),
            matchesAt(last, subject, subject.count - last.count)
        else { return false }
        var position = first.count
        let limit = subject.count - last.count
        for segment in segments.dropFirst().dropLast() where !segment.isEmpty {
            guard let found = firstMatch(of: segment, in: subject, from: position, limit: limit) else { return false }
            position = found + segment.count
        }
        return true
    }

    private func matchesAt(_ segment: [Element], _ subject: [Character], _ start: Int) -> Bool {
        guard start >= 0, start + segment.count <= subject.count else { return false }
        for (offset, element) in segment.enumerated() {
            // Both sides are normalized, so characters compare as bytes (and stay cheap on hostile text).
            if case .character(let expected) = element, !subject[start + offset].utf8.elementsEqual(expected.utf8) {
                return false
            }
        }
        return true
    }

    private func firstMatch(of segment: [Element], in subject: [Character], from: Int, limit: Int) -> Int? {
        var start = from
        while start + segment.count <= limit {
            if matchesAt(segment, subject, start) { return start }
            start += 1
        }
        return nil
    }
}
