private import Glibc

/// A temporary file holding one input, for the readers that take a path (mbox, streamed Graph
/// JSON, investigation files). Created in `$TMPDIR` (else `/tmp`), removed when the value goes.
final class ScratchFile {
    let path: String

    /// Writes `bytes` to a new temporary file; `nil` when none can be created.
    init?(_ bytes: [UInt8], suffix: String = "") {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/dragnet-fuzz-XXXXXX\(suffix)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard fd >= 0 else { return nil }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        close(fd)
        if !ok {
            unlink(path)
            return nil
        }
    }

    deinit { unlink(path) }
}
