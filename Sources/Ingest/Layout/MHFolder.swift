import MailModel

/// MH mail folders (§3.3): one message per file named by its number (`1`, `2`, ...); a message the user
/// removed is renamed `,N` (or `#N`) and kept until purged; `.mh_sequences` lists sequences such as
/// `unseen: 1-3 7`.
package enum MHFolder {
    /// What an MH file name says: its number and whether it was removed; nil for other names.
    package static func message(named name: String) -> (number: Int, isRemoved: Bool)? {
        var digits = Substring(name)
        var removed = false
        if digits.first == "," || digits.first == "#" {
            digits = digits.dropFirst()
            removed = true
        }
        guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(digits) else { return nil }
        return (number, removed)
    }

    /// The message numbers of sequence `name` (`unseen`) in a `.mh_sequences` file: ranges `a-b` and
    /// single numbers; nil when the file has no such sequence.
    package static func sequence(_ name: String, in bytes: [UInt8]) -> Set<Int>? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines: [String] = []
        // Continuation lines start with white space.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += " " + line
            } else {
                lines.append(String(line))
            }
        }
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), String(line[..<colon]).trimmingSpaces.lowercased() == name.lowercased() else { continue }
            var numbers = Set<Int>()
            for token in line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                let bounds = token.split(separator: "-", maxSplits: 1).map { Int($0) }
                if bounds.count == 1, let n = bounds[0] {
                    numbers.insert(n)
                } else if bounds.count == 2, let a = bounds[0], let b = bounds[1], a <= b, b - a < 10_000_000 {
                    numbers.formUnion(a...b)
                }
            }
            return numbers
        }
        return nil
    }
}
