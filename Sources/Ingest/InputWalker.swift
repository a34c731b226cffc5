private import Glibc

/// Walks the paths given on the command line and the files below them, lazily and in a deterministic
/// order: each argument in the order given; below a folder, names sorted bytewise. A Maildir is one
/// entry (its `cur/`, `new/` and `tmp/` are not walked); its Maildir++ subfolders (`.Sent`) are entries
/// of their own. Memory holds the sorted names of the folders on the current path only, never the
/// list of every file.
package final class InputWalker {
    /// One file (or Maildir) found, with the path as it will appear in reports.
    package struct Entry: Sendable, Hashable {
        package var path: String
        /// Whether the path is a Maildir folder (with `cur/`, `new/`) rather than a file.
        package var isMaildir: Bool = false
    }

    /// What the walk finds next.
    package enum Found: Sendable {
        case entry(Entry)
        /// A path that could not be read (missing, unreadable folder, not a file).
        case error(IngestError)
    }

    private let arguments: [String]
    private var argumentIndex = 0
    private var stack: [(prefix: String, names: [(name: String, type: UInt8)], index: Int, isMaildir: Bool)] = []

    package init(paths: [String]) {
        arguments = paths
    }

    /// The next entry or error, or `nil` when the walk is over.
    package func next() -> Found? {
        while true {
            if let top = stack.last {
                if top.index >= top.names.count {
                    stack.removeLast()
                    continue
                }
                let (name, type) = top.names[top.index]
                stack[stack.count - 1].index += 1
                if top.isMaildir, name == "cur" || name == "new" || name == "tmp" { continue }
                if let found = visit(top.prefix + name, isArgument: false, type: type) { return found }
                continue
            }
            guard argumentIndex < arguments.count else { return nil }
            let path = arguments[argumentIndex]
            argumentIndex += 1
            if let found = visit(path, isArgument: true) { return found }
        }
    }

    /// Every entry and error at once (for tests and small inputs).
    package static func collect(paths: [String]) -> (files: [Entry], errors: [IngestError]) {
        let walker = InputWalker(paths: paths)
        var files: [Entry] = []
        var errors: [IngestError] = []
        while let found = walker.next() {
            switch found {
            case .entry(let entry): files.append(entry)
            case .error(let error): errors.append(error)
            }
        }
        return (files, errors)
    }

    /// Byte order of the UTF-8 names (not `String`'s Unicode order), compared with `memcmp`.
    static func bytewiseLess(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : unsafe memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// A file gives its entry; a folder is pushed (a Maildir also gives its own entry). `type` is the
    /// folder listing's `d_type`: a regular file or folder named there needs no `stat` (symbolic links
    /// and file systems that report `DT_UNKNOWN` still get one).
    private func visit(_ path: String, isArgument: Bool, type listed: UInt8 = UInt8(DT_UNKNOWN)) -> Found? {
        let type: mode_t
        switch Int32(listed) {
        case Int32(DT_REG): type = S_IFREG
        case Int32(DT_DIR): type = S_IFDIR
        default:
            var st = stat()
            if stat(path, &st) != 0 {
                return .error(isArgument && errno == ENOENT ? .notFound(path) : .unreadable(path, errno: errno))
            }
            type = st.st_mode & S_IFMT
        }
        if type == S_IFDIR {
            guard let dir = opendir(path) else { return .error(.unreadable(path, errno: errno)) }
            var names: [(name: String, type: UInt8)] = []
            while let ent = readdir(dir) {
                let name = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                names.append((name, ent.pointee.d_type))
            }
            closedir(dir)
            names.sort { Self.bytewiseLess($0.name, $1.name) }
            let isMaildir = MaildirReader.isMaildir(path)
            stack.append((path.hasSuffix("/") ? path : path + "/", names, 0, isMaildir))
            return isMaildir ? .entry(Entry(path: path, isMaildir: true)) : nil
        }
        if type == S_IFREG { return .entry(Entry(path: path)) }
        if isArgument {
            return .error(IngestError(code: "input.not-a-file", message: "is not a regular file or folder", path: path))
        }
        return nil
    }
}
