/// Where an outcome stands in input order: a total, stable order over the files of a run and the
/// events inside each, the order a plain run folds them in, so that outcomes stored by an earlier run
/// or made elsewhere interleave exactly with fresh ones.
///
/// The walk (``Ingest/InputWalker``) takes the inputs in the order given and, below a folder, names
/// in bytewise order, depth first: that is the order of (`argument`, the components of `path`, each
/// compared bytewise, a path before those below it). Inside one file (or Maildir), `sequence` counts
/// its events from 0 in reading order: mbox messages by index, Graph values by position (pointer or
/// JSON Lines line), then the file's own notes.
package struct InputPosition: Sendable, Hashable, Codable, Comparable {
    /// Index of the command-line input the file was found under.
    package var argument: Int
    /// The walk entry: a file, a Maildir folder, or a path that could not be read, as reports name it.
    package var path: String
    /// The event's number inside the entry, from 0.
    package var sequence: Int

    package init(argument: Int, path: String, sequence: Int) {
        self.argument = argument
        self.path = path
        self.sequence = sequence
    }

    package static func < (a: InputPosition, b: InputPosition) -> Bool {
        if a.argument != b.argument { return a.argument < b.argument }
        if a.path != b.path { return pathPrecedes(a.path, b.path) }
        return a.sequence < b.sequence
    }

    /// Whether the walk reaches `a` before `b`: path components compared one by one, bytewise; a
    /// folder comes before what is below it.
    package static func pathPrecedes(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).makeIterator()
        var right = b.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                if x.elementsEqual(y) { continue }
                return x.lexicographicallyPrecedes(y)
            }
        }
    }
}
