/// Scalar-level (not `Character`-level) helpers for text that comes from mail.
///
/// Splitting or searching a `String` by `Character` runs grapheme breaking and canonical comparison,
/// which hostile text (one "character" made of 100,000 combining marks) turns into seconds of work.
/// Domains, addresses and links only ever need ASCII delimiters, so they are cut at Unicode scalars.
extension Substring {
    /// Pieces between scalars for which `isSeparator` holds, empty pieces included.
    func splitScalars(where isSeparator: (Unicode.Scalar) -> Bool) -> [Substring] {
        var pieces: [Substring] = []
        let scalars = unicodeScalars
        var pieceStart = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isSeparator(scalars[index]) {
                pieces.append(self[pieceStart..<index])
                pieceStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        pieces.append(self[pieceStart..<scalars.endIndex])
        return pieces
    }

    /// The position of the last occurrence of `scalar`.
    func lastIndex(ofScalar scalar: Unicode.Scalar) -> Index? {
        unicodeScalars.lastIndex(of: scalar)
    }

    /// Whether the text starts with `prefix`, byte for byte.
    func hasBytePrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// Whether the text ends with `suffix`, byte for byte.
    func hasByteSuffix(_ suffix: String) -> Bool {
        utf8.count >= suffix.utf8.count && utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    /// Without the first `count` scalars.
    func droppingScalars(_ count: Int) -> Substring { Substring(unicodeScalars.dropFirst(count)) }

    /// Without the last `count` scalars.
    func droppingLastScalars(_ count: Int) -> Substring { Substring(unicodeScalars.dropLast(count)) }

    /// Without Unicode white space at either end.
    var trimmingUnicodeWhitespace: Substring {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first.isUnicodeWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isUnicodeWhitespace { scalars = scalars.dropLast() }
        return Substring(scalars)
    }
}
