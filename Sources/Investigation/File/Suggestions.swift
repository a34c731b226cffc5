/// "Did you mean ...?" for unknown keys, fields, operators and names.
enum Suggestion {
    /// The candidate closest to `word`: the same word in another case, or one within a small edit
    /// distance (1 for short words, 2 from 5 characters, 3 from 9), or `nil`.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let candidateLower = candidate.lowercased()
            if candidateLower == lower { return candidate }
            let limit = lower.count >= 9 ? 3 : lower.count >= 5 ? 2 : 1
            let distance = editDistance(Array(lower), Array(candidateLower), limit: limit)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or `; allowed: a, b, c` (when `allowed` is given and nothing is close).
    static func hint(for word: String, in candidates: [String], listAllowed: Bool = true) -> String {
        if let match = closest(to: word, in: candidates) { return "; did you mean '\(match)'?" }
        return listAllowed ? "; allowed: \(candidates.joined(separator: ", "))" : ""
    }

    /// Levenshtein distance with transpositions (optimal string alignment), stopping early above `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
