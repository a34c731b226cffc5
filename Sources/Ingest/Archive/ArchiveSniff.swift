/// Recognises archives and compressed files by their first bytes (§3.3).
package enum ArchiveSniff {
    private static let magics: [[UInt8]] = [
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06],  // zip (an empty zip starts with its end record)
        [0x1F, 0x8B],  // gzip
        [0x42, 0x5A, 0x68],  // bzip2 `BZh`
        [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],  // xz
        [0x28, 0xB5, 0x2F, 0xFD],  // zstd
        [0x1F, 0x9D],  // compress (.Z)
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],  // 7z
        [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07],  // rar
    ]

    /// Whether the bytes start an archive or a compressed file: zip, gzip, bzip2, xz, zstd, compress,
    /// 7z, rar, or a tar (`ustar` at offset 257).
    package static func isArchive(_ bytes: [UInt8]) -> Bool {
        if magics.contains(where: { bytes.starts(with: $0) }) { return true }
        return bytes.count >= 262 && bytes[257 ..< 262].elementsEqual("ustar".utf8)
    }

    /// The name of the one file a compressed stream holds (`x.eml.gz` → `x.eml`, `x.tgz` → `x.tar`):
    /// the archive's name without its compression extension, or the name itself.
    package static func memberName(ofCompressedFile name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix(".tgz") { return String(name.dropLast(4)) + ".tar" }
        for ext in [".gz", ".gzip", ".bz2", ".xz", ".lzma", ".zst", ".z"] where lower.hasSuffix(ext) && name.count > ext.count {
            return String(name.dropLast(ext.count))
        }
        return name
    }

    /// Extensions of archives and compressed files, for the survey made before the inputs are read.
    package static func hasArchiveExtension(_ name: String) -> Bool {
        // On the UTF-8 bytes of the extension only, in place: the survey asks this of every file.
        var name = name
        return name.withUTF8 { bytes in
            var dot = bytes.count
            while dot > 0, bytes[dot - 1] != 0x2E {
                dot -= 1
                if bytes.count - dot > 4 { return false }
            }
            guard dot > 0, dot < bytes.count else { return false }
            return archiveExtensions.contains(extensionKey(bytes[dot...]))
        }
    }

    /// Up to four bytes of an extension, lower-cased, as one number (extensions hold no NUL).
    private static func extensionKey<Bytes: Sequence<UInt8>>(_ ext: Bytes) -> UInt32 {
        ext.reduce(0) { key, byte in key << 8 | UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
    }

    private static let archiveExtensions: Set<UInt32> = Set(
        ["zip", "gz", "tgz", "tar", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "7z", "rar", "z", "gzip"].map { extensionKey($0.utf8) })
}
