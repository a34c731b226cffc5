private import Glibc

/// Expands the paths given on the command line into the files below them, in a deterministic order.
package struct InputWalker {
    /// One file found, with the path as it will appear in reports.
    package struct Entry: Sendable, Hashable {
        package var path: String
        /// Whether the path is a Maildir folder (with `cur/`, `new/`) rather than a file.
        package var isMaildir: Bool = false
    }

    /// Files and Maildirs found, in order: each argument in the order given; below a folder, names
    /// sorted bytewise. A Maildir is one entry; its Maildir++ subfolders (`.Sent`) are entries of their own.
    package var files: [Entry] = []
    /// Paths that could not be read (missing, unreadable folders), in order.
    package var errors: [IngestError] = []

    package init(paths: [String]) {
        for path in paths { visit(path, isArgument: true) }
    }

    private mutating func visit(_ path: String, isArgument: Bool) {
        var st = stat()
        if stat(path, &st) != 0 {
            errors.append(isArgument && errno == ENOENT ? .notFound(path) : .unreadable(path, errno: errno))
            return
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR {
            let isMaildir = MaildirReader.isMaildir(path)
            if isMaildir { files.append(Entry(path: path, isMaildir: true)) }
            guard let dir = opendir(path) else {
                errors.append(.unreadable(path, errno: errno))
                return
            }
            var names: [String] = []
            while let ent = readdir(dir) {
                let name = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                names.append(name)
            }
            closedir(dir)
            names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for name in names {
                if isMaildir, name == "cur" || name == "new" || name == "tmp" { continue }
                visit(prefix + name, isArgument: false)
            }
        } else if type == S_IFREG {
            files.append(Entry(path: path))
        } else if isArgument {
            errors.append(IngestError(code: "input.not-a-file", message: "is not a regular file or folder", path: path))
        }
    }
}
