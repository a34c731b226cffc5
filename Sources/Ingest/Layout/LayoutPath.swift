/// Where a file sits, as the layout rules read it (§3.2, §3.3): the components of its path — folders
/// on disk, an archive's own name, the names inside the archive — which of them are archives, and how
/// many belong to the input path given on the command line.
package struct LayoutPath: Sendable, Hashable {
    /// Path components, the file's name last. Empty and `.` components are left out; a member's
    /// name is split at `/` and `\` (zip files written on Windows).
    package var components: [String]
    /// Indices of the components that are archive files (`evidence.zip`).
    package var archiveIndices: [Int] = []
    /// How many leading components the input path given on the command line accounts for.
    package var rootCount: Int
    /// Whether the path on disk starts at `/`.
    package var isAbsolute = false

    /// A file on disk found below (or given as) the input path `root`.
    package init(disk path: String, root: String) {
        components = Self.split(path, backslash: false)
        rootCount = min(components.count, Self.componentCount(root))
        isAbsolute = path.hasPrefix("/")
    }

    package init(components: [String], archiveIndices: [Int] = [], rootCount: Int) {
        self.components = components
        self.archiveIndices = archiveIndices
        self.rootCount = rootCount
    }

    /// The path of a member named `name` of the archive at this path.
    package func member(_ name: String) -> LayoutPath {
        var path = self
        path.archiveIndices.append(components.count - 1)
        path.components += Self.split(name, backslash: true)
        return path
    }

    /// The file's name.
    package var fileName: String { components.last ?? "" }

    /// The folders above the file, innermost last.
    package var folders: ArraySlice<String> { components.dropLast() }

    /// The index of the innermost archive, if the file lies in one.
    package var innermostArchive: Int? { archiveIndices.last }

    /// Whether component `index` is an archive file.
    package func isArchive(_ index: Int) -> Bool { archiveIndices.contains(index) }

    /// The path on disk of the folder made of the first `count` components (before any archive).
    package func diskFolder(_ count: Int) -> String {
        let joined = components[..<count].joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The components of a path, split on its UTF-8 bytes (no grapheme breaking: paths are many).
    static func split(_ path: String, backslash: Bool) -> [String] {
        var out: [String] = []
        out.reserveCapacity(12)
        for part in path.utf8.split(whereSeparator: { $0 == 0x2F || (backslash && $0 == 0x5C) }) {
            if part.count == 1, part.first == 0x2E { continue }
            out.append(String(Substring(part)))
        }
        return out
    }

    /// How many components `split` would give, without making them.
    static func componentCount(_ path: String) -> Int {
        var count = 0
        for part in path.utf8.split(separator: 0x2F) where !(part.count == 1 && part.first == 0x2E) { count += 1 }
        return count
    }
}
