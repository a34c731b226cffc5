import ArgumentParser
private import Glibc

/// `--report-dir`: created when missing.
enum ReportFolder {
    static func prepare(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            if st.st_mode & S_IFMT != S_IFDIR { throw ValidationError("--report-dir '\(path)' is not a folder") }
            return
        }
        if mkdir(path, 0o755) != 0 { throw OutputFile.unwritable(path, "cannot create the report folder", errno: errno) }
    }
}
