package import MailModel
private import Glibc

/// Reads input files read-only (``ReadOnlyFile``); a failure is an ``IngestError``.
package enum InputFile {
    /// Reads the whole file at `path`.
    package static func read(_ path: String) throws(IngestError) -> [UInt8] {
        do { return try ReadOnlyFile.read(path) } catch { throw .unreadable(path, error) }
    }

    /// Reads at most `count` bytes from the start of the file at `path` (for sniffing its format).
    package static func readPrefix(_ path: String, count: Int) throws(IngestError) -> [UInt8] {
        do { return try ReadOnlyFile.readPrefix(path, count: count) } catch { throw .unreadable(path, error) }
    }

    /// Opens the file once: reads all of it when it holds at most `limit` bytes, else only its first
    /// `prefix` bytes (`isWhole` says which), so a caller can sniff a large file before streaming it.
    package static func read(_ path: String, wholeUpTo limit: Int, prefix: Int) throws(IngestError) -> (bytes: [UInt8], isWhole: Bool) {
        do { return try ReadOnlyFile.read(path, wholeUpTo: limit, prefix: prefix) } catch { throw .unreadable(path, error) }
    }

    /// ``read(_:wholeUpTo:prefix:)``, with the identity of the file it opened (what `fstat` said).
    package static func readMeasured(_ path: String, wholeUpTo limit: Int, prefix: Int) throws(IngestError) -> (bytes: [UInt8], isWhole: Bool, identity: FileIdentity) {
        do { return try ReadOnlyFile.readMeasured(path, wholeUpTo: limit, prefix: prefix) } catch { throw .unreadable(path, error) }
    }
}

extension InputFile {
    /// Reads standard input (`-` as an input) into memory, at most `limit` bytes (`isWhole` false when
    /// more was there). A read error ends it like the end of the data.
    package static func readStandardInput(upTo limit: Int) -> (bytes: [UInt8], isWhole: Bool) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in Glibc.read(0, raw.baseAddress!, raw.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return (bytes, true) }
            if bytes.count + n > limit {
                bytes.append(contentsOf: chunk[..<(limit - bytes.count)])
                return (bytes, false)
            }
            bytes.append(contentsOf: chunk[..<n])
        }
    }
}
