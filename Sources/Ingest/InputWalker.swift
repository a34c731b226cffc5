import MailModel
private import Glibc

/// Walks the paths given on the command line and the files below them, lazily and in a deterministic
/// order: each argument in the order given; below a folder, names sorted bytewise. A Maildir is one
/// entry (its `cur/`, `new/` and `tmp/` are not walked); its Maildir++ subfolders (`.Sent`) are entries
/// of their own. Memory holds the sorted names of the folders on the current path and the identity
/// (device, inode) of each folder entered, never the list of every file.
///
/// Every file is read once: an argument that is, or lies inside, an earlier argument is skipped with a
/// note; a symbolic link to a folder below an argument is not followed (it could leave the evidence
/// or loop), with a note; a folder reached a second time (a bind mount, a hard-linked folder) is not
/// walked again. Symbolic links to files are read. FIFOs, sockets and devices are never opened: they
/// are noted and skipped.
package final class InputWalker {
    /// One file (or Maildir) found, with the path as it will appear in reports.
    package struct Entry: Sendable, Hashable {
        package var path: String
        /// Whether the path is a Maildir folder (with `cur/`, `new/`) rather than a file.
        package var isMaildir: Bool = false
        /// The input path (command-line argument) it was found below, or is.
        package var root: String = ""
        /// `-` given as an input: standard input (read by ``ExportScan``, never stat'ed or opened by path).
        package var isStandardInput: Bool = false
    }

    /// What the walk finds next.
    package enum Found: Sendable {
        case entry(Entry)
        /// A path that could not be read (missing, unreadable folder, not a file).
        case error(IngestError)
        /// A path deliberately not read (a repeated input, a link to a folder, a special file).
        case skipped(IngestError)
    }

    private let arguments: [String]
    private var argumentIndex = 0
    /// Real paths of the folder arguments walked so far, each ending in `/`.
    private var walkedRoots: [String] = []
    /// Device and inode of the file arguments read so far.
    private var readFiles: Set<FileID> = []
    /// Device and inode of every folder entered.
    private var enteredFolders: Set<FileID> = []

    /// A file or folder's identity: device and inode.
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }
    private var stack: [(prefix: String, names: [(name: String, type: UInt8)], index: Int, isMaildir: Bool, root: String)] = []

    /// What a walk found, in order, each with the index of the argument it was found below.
    package typealias Steps = [(found: Found, argument: Int)]

    /// A walk made already, given again (``init(replaying:)``), and where it is.
    private var replayed: Steps?
    private var replayedIndex = 0

    package init(paths: [String]) {
        arguments = paths
    }

    /// A walk that gives what another walk found (``next()`` and ``currentArgument`` as they were),
    /// without the disk: a scan whose first light walk kept its steps does not walk again.
    package init(replaying steps: Steps) {
        arguments = []
        replayed = steps
    }

    /// Index of the command-line path the walk is in (that of the last thing `next()` returned).
    package var currentArgument: Int {
        guard let replayed else { return argumentIndex - 1 }
        return replayedIndex > 0 ? replayed[replayedIndex - 1].argument : -1
    }

    /// What ``next()`` will give, without taking it: only for a walk that replays another's (nil otherwise,
    /// and at the end).
    package func peek() -> Found? {
        guard let replayed, replayedIndex < replayed.count else { return nil }
        return replayed[replayedIndex].found
    }

    /// The next entry or error, or `nil` when the walk is over.
    package func next() -> Found? {
        if let replayed {
            guard replayedIndex < replayed.count else { return nil }
            replayedIndex += 1
            return replayed[replayedIndex - 1].found
        }
        while true {
            if let top = stack.last {
                if top.index >= top.names.count {
                    stack.removeLast()
                    continue
                }
                let (name, type) = top.names[top.index]
                stack[stack.count - 1].index += 1
                if top.isMaildir, name == "cur" || name == "new" || name == "tmp" { continue }
                if let found = visit(top.prefix + name, isArgument: false, type: type, root: top.root) { return found }
                continue
            }
            guard argumentIndex < arguments.count else { return nil }
            let path = arguments[argumentIndex]
            argumentIndex += 1
            if path == "-" { return .entry(Entry(path: path, root: path, isStandardInput: true)) }
            let (repeated, isFile) = repeatedArgument(path)
            if let repeated { return .skipped(repeated) }
            if let found = visit(path, isArgument: true, type: isFile ? UInt8(DT_REG) : UInt8(DT_UNKNOWN), root: path) { return found }
        }
    }

    /// A note when the argument is, or lies inside, an input already walked; records it otherwise.
    /// Also says whether it is a regular file, so that `visit` need not look again. File arguments
    /// (thousands of them, from `xargs`) cost one `stat`; `realpath` is only needed for folders and
    /// for files given after a folder.
    private func repeatedArgument(_ path: String) -> (repeated: IngestError?, isFile: Bool) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (nil, false) }  // missing: visit reports it
        let repeated = IngestError(code: IngestCode.repeated, message: "was already read through an earlier input path; skipped", path: path)
        let isFolder = st.st_mode & S_IFMT == S_IFDIR
        if !isFolder {
            let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            guard readFiles.insert(id).inserted else { return (repeated, false) }
            if walkedRoots.isEmpty { return (nil, st.st_mode & S_IFMT == S_IFREG) }
        }
        guard let resolved = realpath(path, nil) else { return (nil, false) }
        let real = String(cString: resolved)
        free(resolved)
        if walkedRoots.contains(where: { root in (real + "/").hasPrefix(root) }) { return (repeated, false) }
        if isFolder { walkedRoots.append(real.hasSuffix("/") ? real : real + "/") }
        return (nil, st.st_mode & S_IFMT == S_IFREG)
    }

    /// Every entry, error and skipped path at once (for tests and small inputs).
    package static func collect(paths: [String]) -> (files: [Entry], errors: [IngestError], skipped: [IngestError]) {
        let walker = InputWalker(paths: paths)
        var files: [Entry] = []
        var errors: [IngestError] = []
        var skipped: [IngestError] = []
        while let found = walker.next() {
            switch found {
            case .entry(let entry): files.append(entry)
            case .error(let error): errors.append(error)
            case .skipped(let note): skipped.append(note)
            }
        }
        return (files, errors, skipped)
    }

    /// Where `d_name` is in a `dirent`.
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

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
    private func visit(_ path: String, isArgument: Bool, type listed: UInt8 = UInt8(DT_UNKNOWN), root: String) -> Found? {
        if Int32(listed) == Int32(DT_REG) { return .entry(Entry(path: path, root: root)) }
        var st = stat()
        if stat(path, &st) != 0 {
            return .error(isArgument && errno == ENOENT ? .notFound(path) : .unreadable(path, errno: errno))
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR {
            if !isArgument, Int32(listed) == Int32(DT_LNK) {
                return .skipped(IngestError(
                    code: IngestCode.linkNotFollowed, message: "is a symbolic link to a folder; not followed (give its target as an input to read it)", path: path))
            }
            let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            guard enteredFolders.insert(id).inserted else {
                return .skipped(IngestError(code: IngestCode.repeated, message: "is a folder already read through another path; skipped", path: path))
            }
            guard let dir = opendir(path) else { return .error(.unreadable(path, errno: errno)) }
            // Each name with its first eight bytes as a big-endian number: most comparisons of the sort
            // are one of two integers (names hold no NUL, so zero padding orders a prefix first).
            var keyed: [(prefix: UInt64, name: String, type: UInt8)] = []
            while let ent = readdir(dir) {
                // The name is read in place, up to its NUL: a record is only `d_reclen` bytes long, so
                // copying the whole `d_name` array could read past the end of the kernel's buffer.
                let start = unsafe UnsafeRawPointer(ent).advanced(by: Self.nameOffset).assumingMemoryBound(to: UInt8.self)
                let length = unsafe strlen(start)
                let name = unsafe String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
                if name == "." || name == ".." { continue }
                var prefix: UInt64 = 0
                for k in 0..<8 { prefix = prefix << 8 | UInt64(k < length ? unsafe start[k] : 0) }
                keyed.append((prefix, name, ent.pointee.d_type))
            }
            closedir(dir)
            keyed.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : Self.bytewiseLess($0.name, $1.name) }
            let names = keyed.map { (name: $0.name, type: $0.type) }
            let isMaildir = MaildirReader.isMaildir(path)
            stack.append((path.hasSuffix("/") ? path : path + "/", names, 0, isMaildir, root))
            return isMaildir ? .entry(Entry(path: path, isMaildir: true, root: root)) : nil
        }
        if type == S_IFREG { return .entry(Entry(path: path, root: root)) }
        if isArgument {
            return .error(IngestError(code: IngestCode.notAFile, message: "is not a regular file or folder", path: path))
        }
        return .skipped(IngestError(code: IngestCode.notAFile, message: "is not a regular file or folder (a FIFO, socket or device); skipped", path: path, severity: .note))
    }
}
