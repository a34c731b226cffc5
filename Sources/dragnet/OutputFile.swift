import MailModel
private import Glibc

/// Where a report goes, opened before any input is read, so that an output that cannot be written
/// fails the command at once rather than after the run.
///
/// - `-`: standard output.
/// - A regular file (new or existing): a temporary file is created beside it first
///   (`.NAME.dragnet-XXXXXX`, which proves the place is writable), the report is written there and
///   renamed over the target at ``commit()``: a failed or interrupted run never leaves half a report,
///   and an existing report is replaced whole or not at all. The temporary file is removed on every
///   early exit (``OutputTemporaryFiles``).
/// - Anything else that exists (`/dev/null`, a FIFO, a terminal): opened for writing up front and
///   written directly; a write that fails is an `output.unwritable` error with exit status 1, never
///   silent. `/dev/full` (every write fails) and a full file system are refused up front.
final class OutputTarget {
    /// The path as given (`-` for standard output).
    let path: String
    private var fd: Int32
    /// The temporary file beside a regular target, renamed over `finalPath` at ``commit()``.
    private var temporary: String?
    private var finalPath: String

    var isStandardOutput: Bool { path == "-" }

    private init(path: String, fd: Int32, temporary: String?, finalPath: String) {
        self.path = path
        self.fd = fd
        self.temporary = temporary
        self.finalPath = finalPath
    }

    /// Opens `path` for a report (see the type's description); throws `output.unwritable` when it cannot be.
    static func open(_ path: String) throws(LocatedError) -> OutputTarget {
        if path == "-" { return OutputTarget(path: path, fd: 1, temporary: nil, finalPath: path) }
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                throw unwritable(path, "it is a folder; give a file name")
            case S_IFREG:
                break
            case S_IFCHR where isFullDevice(st.st_rdev):
                // Every write to it fails with "no space": said now rather than after the run.
                throw unwritable(path, "it is the 'full' device: every write to it fails (\(String(cString: strerror(ENOSPC))))")
            default:
                let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC)
                if fd < 0 { throw unwritable(path, "cannot open it for writing (\(String(cString: strerror(errno))))") }
                return OutputTarget(path: path, fd: fd, temporary: nil, finalPath: path)
            }
        }
        // A symbolic link to a report is replaced through the link, not by a file of its own.
        let finalPath = realpath(path, nil).map { real in defer { free(real) }; return String(cString: real) } ?? path
        let (folder, name) = split(finalPath)
        var folderStat = stat()
        if stat(folder, &folderStat) != 0 {
            throw unwritable(path, "the folder '\(folder)' does not exist (\(String(cString: strerror(errno))))")
        }
        if folderStat.st_mode & S_IFMT != S_IFDIR { throw unwritable(path, "'\(folder)' is not a folder") }
        guard let (fd, temporary) = makeTemporary(folder + "/." + name + ".dragnet-XXXXXX") else {
            throw unwritable(path, "cannot create a file in '\(folder)' (\(String(cString: strerror(errno))))")
        }
        var space = statvfs()
        if fstatvfs(fd, &space) == 0, space.f_blocks > 0, space.f_bfree == 0 {
            unlink(temporary)
            close(fd)
            throw unwritable(path, "the file system of '\(folder)' is full (\(String(cString: strerror(ENOSPC))))")
        }
        // mkstemp makes the file private (0600); a report gets the usual mode (0666 less the umask).
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        OutputTemporaryFiles.add(temporary)
        return OutputTarget(path: path, fd: fd, temporary: temporary, finalPath: finalPath)
    }

    /// Appends `bytes`. Standard output is flushed at once (a JSON Lines consumer sees each line).
    func write(_ bytes: [UInt8]) throws(LocatedError) {
        try bytes.withRawBytes { (raw) throws(LocatedError) in try write(raw) }
    }

    /// Appends the bytes at `raw`, like ``write(_:)-([UInt8])``.
    func write(_ raw: UnsafeRawBufferPointer) throws(LocatedError) {
        if isStandardOutput {
            StandardStream.output.write(raw)
            StandardStream.output.flush()
            return
        }
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { StandardStream.endQuietlyOnClosedPipe() }
                throw Self.unwritable(path, "cannot write the report (\(String(cString: strerror(errno))))")
            }
            offset += n
        }
    }

    /// Finishes the report: a temporary file is closed and renamed over the target.
    func commit() throws(LocatedError) {
        guard !isStandardOutput else { return }
        defer { fd = -1 }
        if let temporary {
            if close(fd) != 0 { throw Self.unwritable(path, "cannot write the report (\(String(cString: strerror(errno))))") }
            if rename(temporary, finalPath) != 0 {
                let problem = String(cString: strerror(errno))
                unlink(temporary)
                OutputTemporaryFiles.remove(temporary)
                throw Self.unwritable(path, "cannot put the report in place (\(problem))")
            }
            OutputTemporaryFiles.remove(temporary)
            self.temporary = nil
        } else if close(fd) != 0 {
            throw Self.unwritable(path, "cannot write the report (\(String(cString: strerror(errno))))")
        }
    }

    /// Linux's `full` memory device (character device 1, 7), whose writes all fail with ENOSPC.
    private static func isFullDevice(_ device: dev_t) -> Bool {
        let device = UInt64(device)
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        return major == 1 && minor == 7
    }

    static func unwritable(_ path: String, _ message: String) -> LocatedError {
        LocatedError(code: CommandCode.outputUnwritable, message: message, path: path)
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        return (folder, String(path[path.index(after: slash)...]))
    }

    /// Checks, before any work, that a folder can be created or written to: the nearest existing
    /// ancestor must be a folder in which a file can be created (a probe file, removed at once).
    static func checkFolder(_ path: String) throws(LocatedError) {
        var existing = path
        var st = stat()
        while stat(existing, &st) != 0 {
            let (parent, _) = split(existing)
            if parent == existing || existing == "." || existing == "/" { break }
            existing = parent
        }
        guard stat(existing, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw unwritable(path, "'\(existing)' is not a folder")
        }
        guard let (fd, probe) = makeTemporary(existing + "/.dragnet-probe-XXXXXX") else {
            throw unwritable(path, "cannot create files in '\(existing)' (\(String(cString: strerror(errno))))")
        }
        close(fd)
        unlink(probe)
    }

    /// Checks, before any work, that a file kept by the command (a state) can be created: when it
    /// does not exist yet, its folder must exist and take a new file (a probe, removed at once).
    static func checkCreatable(_ path: String) throws(LocatedError) {
        var st = stat()
        if stat(path, &st) == 0 { return }  // opened (and checked) by its owner
        let (folder, _) = split(path)
        var folderStat = stat()
        if stat(folder, &folderStat) != 0 {
            throw unwritable(path, "the folder '\(folder)' does not exist (\(String(cString: strerror(errno))))")
        }
        if folderStat.st_mode & S_IFMT != S_IFDIR { throw unwritable(path, "'\(folder)' is not a folder") }
        try checkFolder(folder)
    }

    /// `mkstemp` (the file is new, private, and closed on exec); nil with `errno` set when it fails.
    private static func makeTemporary(_ pattern: String) -> (Int32, String)? {
        var template = Array(pattern.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return (fd, template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }
}

/// Temporary report files not yet renamed into place: removed when the process exits early (an
/// error, a closed pipe) or is interrupted (SIGINT, SIGTERM).
enum OutputTemporaryFiles {
    /// C strings, so that a signal handler can unlink them without allocating.
    nonisolated(unsafe) private static var pending: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) private static var installed = false

    static func add(_ path: String) {
        if !installed {
            installed = true
            atexit { OutputTemporaryFiles.removeAll() }
        }
        pending.append(strdup(path))
    }

    static func remove(_ path: String) {
        pending.removeAll { String(cString: $0) == path }
    }

    /// Unlinks every pending file (async-signal-safe: only `unlink`).
    static func removeAll() {
        for path in pending { unlink(path) }
    }
}

/// Writes report files whole (see ``OutputTarget``).
enum OutputFile {
    /// Writes `bytes` to `path` through a temporary file renamed over it, so a reader sees the old
    /// report or the new one, never a part; throws `output.unwritable` when it cannot (exit status 1).
    static func write(_ bytes: [UInt8], to path: String) throws(LocatedError) {
        let target = try OutputTarget.open(path)
        try target.write(bytes)
        try target.commit()
    }

    /// Replaces the file at `path` at once (``write(_:to:)`` does: temporary file, then rename).
    static func replace(_ bytes: [UInt8], at path: String) throws(LocatedError) {
        try write(bytes, to: path)
    }

    /// `output.unwritable` (exit status 1): `what` failed at `path` for the reason `errno` gives.
    static func unwritable(_ path: String, _ what: String, errno: Int32) -> LocatedError {
        LocatedError(code: CommandCode.outputUnwritable, message: "\(what) (\(String(cString: strerror(errno))))", path: path)
    }
}

/// Inputs are evidence: nothing is written inside an input folder (§12).
enum OutputSafety {
    /// The input folder that would contain `output`, if any.
    static func inputContaining(_ output: String, inputs: [String]) -> String? {
        let outputDir = resolved(parent(of: output))
        for input in inputs {
            var st = stat()
            guard stat(input, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            let inputDir = resolved(input)
            if outputDir == inputDir || outputDir.hasPrefix(inputDir.hasSuffix("/") ? inputDir : inputDir + "/") { return input }
        }
        return nil
    }

    /// Whether `output` already exists and is one of `files` (the investigation file, an input file).
    static func isSameFile(_ output: String, as files: [String]) -> Bool {
        var target = stat()
        guard stat(output, &target) == 0 else { return false }
        return files.contains { file in
            var st = stat()
            return stat(file, &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino
        }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
