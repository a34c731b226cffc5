import Ingest
import MailModel
private import Glibc

/// Examines files by name in their folder, which stays open while the walk is in it: one path
/// component looked up per file instead of every component of its path. One per thread.
final class FolderProbe {
    /// The open folder's path, up to and including its last `/`.
    private var folder: [UInt8] = []
    private var descriptor: Int32 = -1
    /// The file's name, NUL-terminated (one buffer, reused).
    private var name: [CChar] = []

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The identity of the regular file at `path` (as ``FileIdentity/of(_:)`` gives it), or nil.
    func identity(of path: String) -> FileIdentity? {
        var path = path
        return path.withUTF8 { bytes in
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return FileIdentity.of(String(decoding: bytes, as: UTF8.self)) }
            let folderPart = UnsafeBufferPointer(rebasing: bytes[...slash])
            if !folderPart.elementsEqual(folder) {
                if descriptor >= 0 { close(descriptor) }
                folder = Array(folderPart)
                descriptor = open(String(decoding: folderPart, as: UTF8.self), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
            guard descriptor >= 0 else { return FileIdentity.of(String(decoding: bytes, as: UTF8.self)) }
            name.removeAll(keepingCapacity: true)
            for byte in bytes[(slash + 1)...] { name.append(CChar(bitPattern: byte)) }
            name.append(0)
            return FileIdentity.of(name, inFolder: descriptor)
        }
    }
}
