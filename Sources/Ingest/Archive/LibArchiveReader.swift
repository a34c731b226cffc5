import MailModel
private import CLibArchive
private import Glibc

/// One archive read member by member through libarchive (Debian `libarchive-dev`). This is the only
/// file that imports libarchive: every C pointer stays inside it, and the reader owns the one
/// `struct archive` (and, for an archive held in memory, the copy of its bytes) it frees.
///
/// Formats: everything libarchive reads (zip, tar, 7z, rar, cpio, ...) and, for a compressed stream
/// that holds no archive (`x.eml.gz`), the `raw` format: one member, the decompressed bytes.
/// Compression filters: gzip, bzip2, xz, lzma, zstd and compress (`.Z`); filters that would run an
/// external program are not enabled. Nothing is ever written: members are only read into memory.
/// No passphrase is ever given, so encrypted members are reported, never read.
package final class LibArchiveReader {
    /// What a member is.
    package enum MemberKind: Sendable, Equatable {
        case file, directory, link, other
    }

    /// One member's header.
    package struct Member: Sendable {
        /// The member's name as stored (a raw compressed stream's is empty: it has none).
        package var name: String
        package var kind: MemberKind
        /// The size the header declares, when it declares one.
        package var declaredSize: Int?
        /// Whether the member's data (or its header) is encrypted.
        package var isEncrypted: Bool
        /// A libarchive warning about the header, if any.
        package var warning: String?
    }

    /// The next header.
    package enum Header {
        case member(Member)
        case end
        /// The archive cannot be read further (corrupt, truncated, not an archive).
        case failed(String)
    }

    /// The result of one read of member data.
    package enum Chunk {
        /// This many bytes were stored in the buffer.
        case bytes(Int)
        /// The member's data ended.
        case end
        /// The member's data cannot be read (encrypted, corrupt, cut short).
        case failed(String)
    }

    private let handle: OpaquePointer
    /// The copy of an in-memory archive's bytes, owned (and freed) by this reader.
    private var memory: UnsafeMutableRawBufferPointer?
    private var fd: Int32 = -1
    private var isFreed = false

    /// Opens the file at `path` read-only (the file descriptor is closed with the reader). Seekable,
    /// so a zip is read through its central directory.
    package init(path: String) throws(IngestError) {
        handle = try Self.makeHandle(path: path)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            _ = libarchive.archive_read_free(handle)
            isFreed = true
            throw .unreadable(path, errno: e)
        }
        if libarchive.archive_read_open_fd(handle, fd, 64 << 10) != ARCHIVE_OK {
            let message = Self.errorText(handle)
            release()
            throw IngestError(code: ArchiveCode.corrupt.diagnosticCode, message: "cannot be opened as an archive (\(message))", path: path)
        }
    }

    /// Reads an archive held in memory (a member of another archive); the bytes are copied.
    package init(bytes: [UInt8], path: String) throws(IngestError) {
        handle = try Self.makeHandle(path: path)
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        unsafe bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { unsafe copy.baseAddress!.copyMemory(from: base, byteCount: source.count) }
        }
        memory = copy
        if unsafe libarchive.archive_read_open_memory(handle, copy.baseAddress, bytes.count) != ARCHIVE_OK {
            let message = Self.errorText(handle)
            release()
            throw IngestError(code: ArchiveCode.corrupt.diagnosticCode, message: "cannot be opened as an archive (\(message))", path: path)
        }
    }

    deinit { release() }

    private static func makeHandle(path: String) throws(IngestError) -> OpaquePointer {
        guard loadedLibarchive != nil, let a = libarchive.archive_read_new() else {
            throw IngestError(
                code: ArchiveCode.libraryMissing.diagnosticCode,
                message: "cannot be read: libarchive (libarchive.so.13, Debian package libarchive13) is not installed", path: path)
        }
        _ = libarchive.archive_read_support_format_all(a)
        _ = libarchive.archive_read_support_format_raw(a)
        _ = libarchive.archive_read_support_filter_gzip(a)
        _ = libarchive.archive_read_support_filter_bzip2(a)
        _ = libarchive.archive_read_support_filter_xz(a)
        _ = libarchive.archive_read_support_filter_lzma(a)
        _ = libarchive.archive_read_support_filter_zstd(a)
        _ = libarchive.archive_read_support_filter_compress(a)
        return a
    }

    private func release() {
        if !isFreed {
            _ = libarchive.archive_read_free(handle)
            isFreed = true
        }
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
        if let memory {
            memory.deallocate()
            self.memory = nil
        }
    }

    private static func errorText(_ a: OpaquePointer) -> String {
        guard let text = libarchive.archive_error_string(a) else { return "unknown error" }
        return unsafe String(cString: text)
    }

    /// The next member's header.
    package func nextHeader() -> Header {
        var entry: OpaquePointer?
        let status = unsafe libarchive.archive_read_next_header(handle, &entry)
        if status == ARCHIVE_EOF { return .end }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else { return .failed(Self.errorText(handle)) }
        let name: String
        if let utf8 = libarchive.archive_entry_pathname_utf8(entry) {
            name = unsafe String(cString: utf8)
        } else if let raw = libarchive.archive_entry_pathname(entry) {
            name = unsafe String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw)), as: UTF8.self)
        } else {
            name = ""
        }
        let kind: MemberKind
        switch libarchive.archive_entry_filetype(entry) & 0o170000 {
        case 0o100000: kind = .file
        case 0o040000: kind = .directory
        case 0o120000: kind = .link
        default: kind = libarchive.archive_entry_hardlink(entry) != nil ? .link : .other
        }
        let size = libarchive.archive_entry_size_is_set(entry) != 0 ? Int(libarchive.archive_entry_size(entry)) : nil
        let encrypted = libarchive.archive_entry_is_encrypted(entry) != 0
        return .member(Member(
            name: isRaw ? "" : name, kind: isRaw ? .file : kind, declaredSize: size, isEncrypted: encrypted,
            warning: status == ARCHIVE_WARN ? Self.errorText(handle) : nil))
    }

    /// Reads the current member's data into `buffer`.
    package func read(into buffer: UnsafeMutableRawBufferPointer) -> Chunk {
        while true {
            let n = unsafe libarchive.archive_read_data(handle, buffer.baseAddress, buffer.count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .end }
            if n == Int(ARCHIVE_RETRY) { continue }
            if n == Int(ARCHIVE_WARN) { return .end }
            return .failed(Self.errorText(handle))
        }
    }

    /// Skips the rest of the current member's data without handing it out. Nil, or why it failed.
    package func skip() -> String? {
        libarchive.archive_read_data_skip(handle) == ARCHIVE_OK ? nil : Self.errorText(handle)
    }

    /// Bytes read so far from the archive file (or memory) itself: compressed bytes.
    package var compressedBytesRead: Int { Int(libarchive.archive_filter_bytes(handle, -1)) }

    /// Whether the archive is a compressed stream holding no archive (`x.eml.gz`): one member.
    package var isRaw: Bool { libarchive.archive_format(handle) == ARCHIVE_FORMAT_RAW }

    /// Whether skipping a member is cheap: a zip file read through its central directory skips by
    /// seeking, while a compressed stream must be decompressed to skip.
    package var skipsBySeeking: Bool {
        libarchive.archive_format(handle) & 0xFF0000 == ARCHIVE_FORMAT_ZIP && libarchive.archive_filter_count(handle) <= 1 && (fd >= 0 || memory != nil)
    }

    /// The archive's format and compression, for messages: `ZIP 2.0 (deflation)`, `GNU tar format, gzip`.
    package var formatDescription: String {
        var parts: [String] = []
        if let name = libarchive.archive_format_name(handle) { parts.append(unsafe String(cString: name)) }
        let filters = libarchive.archive_filter_count(handle)
        if filters > 1 {
            for index in 0 ..< filters - 1 {
                if let name = libarchive.archive_filter_name(handle, index) { parts.append(unsafe String(cString: name)) }
            }
        }
        return parts.joined(separator: ", ")
    }
}

/// libarchive's functions, loaded when the first archive is opened (a global: on first use); nil when
/// it is not installed.
nonisolated(unsafe) private let loadedLibarchive = dragnet_libarchive()
/// Every reader was made once they were loaded (``LibArchiveReader/makeHandle(path:)``).
private var libarchive: dragnet_libarchive_api { unsafe loadedLibarchive!.pointee }
