import MailModel

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
}
