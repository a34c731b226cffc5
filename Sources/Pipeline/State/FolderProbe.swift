private import Glibc
import Ingest

/// Examines files by name in their folder, which stays open while the walk is in it: one path
/// component looked up per file instead of every component of its path. One per thread.
final class FolderProbe {
    private var folder: Substring?
    private var descriptor: Int32 = -1

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The identity of the regular file at `path` (as ``FileIdentity/of(_:)`` gives it), or nil.
    func identity(of path: String) -> FileIdentity? {
        guard let slash = ExportScan.lastSlash(in: path) else { return FileIdentity.of(path) }
        if folder != path[...slash] {
            if descriptor >= 0 { close(descriptor) }
            folder = path[...slash]
            descriptor = open(String(path[...slash]), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard descriptor >= 0 else { return FileIdentity.of(path) }
        return FileIdentity.of(String(path[path.index(after: slash)...]), inFolder: descriptor)
    }
}
