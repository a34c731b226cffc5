import MailModel
private import Glibc

/// Writes report files. Never beside the evidence: see ``OutputSafety``.
enum OutputFile {
    /// Writes `bytes` to `path`; throws `output.unwritable` when it cannot (exit status 1).
    static func write(_ bytes: [UInt8], to path: String) throws(LocatedError) {
        func failure(_ errno: Int32) -> LocatedError { unwritable(path, "cannot write the report", errno: errno) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw failure(errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            offset += n
        }
    }

    /// Replaces the file at `path` at once: the bytes go to a temporary file beside it, which is
    /// renamed over it, so a reader sees the old report or the new one, never a part.
    static func replace(_ bytes: [UInt8], at path: String) throws(LocatedError) {
        let temporary = path + ".tmp-\(getpid())"
        try write(bytes, to: temporary)
        if rename(temporary, path) != 0 {
            let failure = unwritable(path, "cannot replace the report", errno: errno)
            unlink(temporary)
            throw failure
        }
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
