import Dispatch
import GRDB
private import Synchronization

/// Copies the pages the write-ahead log holds into the database on a connection and a thread of its
/// own, while the state's connection goes on writing: SQLite's passive checkpoint takes no lock a
/// writer needs and never waits for one. A first run commits its rows every few thousand files; copied
/// meanwhile, they are no longer copied by the close after the last file, which had the whole log
/// to copy (8–11 ms of a first run's end here, where nothing else runs).
///
/// A checkpoint that fails (the disk is full, the state is busy) changes nothing: the pages stay in
/// the log, and the close copies them as it would have.
final class LogCheckpointer: Sendable {
    private let path: String
    private struct State {
        var connection: DatabaseQueue?
        var isRunning = false
        /// Asked for while one was running: one more when it ends.
        var isWanted = false
        var isClosed = false
    }
    private let state = Mutex(State())
    private let idle = DispatchGroup()

    init(path: String) {
        self.path = path
    }

    /// Starts copying what the log holds now, unless a copy is under way (then one more follows it).
    func request() {
        let starts = state.withLock { state in
            if state.isClosed { return false }
            if state.isRunning {
                state.isWanted = true
                return false
            }
            state.isRunning = true
            // Under the lock: a close that comes next waits for this copy.
            idle.enter()
            return true
        }
        guard starts else { return }
        DispatchQueue.global(qos: .utility).async { self.copyWhileWanted() }
    }

    /// Waits until no copy is under way.
    func waitUntilIdle() {
        idle.wait()
    }

    /// Waits for the copy under way and closes the connection: the state's own connection must be
    /// the last one open when it closes, so that it copies the rest and removes the log.
    func close() {
        state.withLock { $0.isClosed = true }
        idle.wait()
        let connection = state.withLock { state in
            defer { state.connection = nil }
            return state.connection
        }
        try? connection?.close()
    }

    private func copyWhileWanted() {
        while true {
            copyOnce()
            let again = state.withLock { state in
                if state.isWanted, !state.isClosed {
                    state.isWanted = false
                    return true
                }
                state.isRunning = false
                return false
            }
            if !again { break }
        }
        idle.leave()
    }

    private func copyOnce() {
        // Only this thread uses the connection while a copy runs (``close()`` waits for it).
        let existing = state.withLock { $0.connection }
        guard let connection = existing ?? open() else { return }
        _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    private func open() -> DatabaseQueue? {
        var configuration = Configuration()
        configuration.label = "dragnet-state-checkpoint"
        // A passive checkpoint never waits for a lock: a busy state is left to the close.
        configuration.busyMode = .immediateError
        guard let connection = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        let kept = state.withLock { state in
            if state.isClosed { return false }
            state.connection = connection
            return true
        }
        if !kept {
            try? connection.close()
            return nil
        }
        return connection
    }
}
