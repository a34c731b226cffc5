private import Glibc

/// the `finished` event is written.
enum WatchSignals {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    static func install() {
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGINT, SIGTERM] {
            Glibc.signal(signal) { _ in WatchSignals.flag = 1 }
            sigaddset(&handled, signal)
        }
        // A parent may hand its blocked signals down (a test runner's threads block them): these must arrive.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    static var stopRequested: Bool { flag != 0 }
}
