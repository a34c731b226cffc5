private import Glibc
#if os(Linux)
private import CFileSync
#endif

/// Starts the disk writing what the write-ahead log holds already, without waiting for it: the
/// close's checkpoint syncs the log before it copies it (`fdatasync`, about 10 ms for a first run's
/// 8 MB here), and what is on its way by then is not waited for again. Linux only (`sync_file_range`);
/// elsewhere, and whenever the log cannot be opened, it does nothing: the sync is SQLite's either way.
enum LogWriteBehind {
    static func start(logOf databasePath: String) {
        #if os(Linux)
        let descriptor = open(databasePath + "-wal", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = dragnet_start_writeback(descriptor)
        close(descriptor)
        #endif
    }
}
