import Foundation

/// Lexical path arithmetic (no symlinks resolved, nothing read): the paths Dragnet prints are the
/// paths as given, joined and tidied, so that they match the `source.path` of report rows.
enum PathText {
    /// `folder/relative`, tidied; an absolute `relative` stays as it is.
    static func join(_ folder: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        if folder.isEmpty || folder == "." { return normalize(relative) }
        return normalize(folder + "/" + relative)
    }

    /// Removes `.` segments, empty segments and `x/..` pairs; keeps leading `..`. `""` becomes `.`.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if segment == "..", absolute { continue }
            parts.append(segment)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The folder of a file path (`.` for a bare name).
    static func folder(of path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/") else { return "." }
        if slash == normalized.startIndex { return "/" }
        return String(normalized[..<slash])
    }

    /// The last path component.
    static func fileName(_ path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/") else { return normalized }
        return String(normalized[normalized.index(after: slash)...])
    }

    /// The file name without its last extension.
    static func stem(_ path: String) -> String {
        let name = fileName(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `path` relative to `base` when it lies below it; otherwise `path` unchanged.
    static func relative(_ path: String, to base: String) -> String {
        let path = normalize(path)
        let base = normalize(base)
        if base == "." { return path }
        if path == base { return "." }
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// Whether `path` is `base` or lies below it.
    static func isWithin(_ path: String, _ base: String) -> Bool {
        let path = normalize(path)
        let base = normalize(base)
        if base == "." { return !path.hasPrefix("/") && !path.hasPrefix("..") }
        return path == base || path.hasPrefix(base + "/")
    }

    static func exists(_ path: String) -> (exists: Bool, isFolder: Bool) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return (exists, isDirectory.boolValue)
    }
}
