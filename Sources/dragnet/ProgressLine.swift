import Pipeline
private import Glibc

/// The progress of a run on stderr: files and bytes done of the total (counted before the run),
/// messages read and per second, matches, and an estimate of the time left:
///
/// `dragnet: 3/40 files, 210.4 MB of 2.1 GB, 52,000 messages (8,400/s), 12 matches, about 3m 45s left`
///
/// On a terminal the line is redrawn in place (at most 8 times a second) and cleared at the end; an
/// interrupt (Ctrl-C) leaves it on its own line. Elsewhere (`--progress` into a file or pipe) each
/// update is a line of its own, at most one a second, and the last line says `done`.
final class ProgressLine {
    private let isTerminal: Bool
    private let totalFiles: Int
    private let totalBytes: Int
    private let start = ProgressLine.now()
    private var lastDrawn = 0.0

    /// Whether a line is drawn on the terminal now (the interrupt handler then ends it with a newline).
    nonisolated(unsafe) static var isDrawn = false

    init(isTerminal: Bool, totals: (files: Int, bytes: Int)) {
        self.isTerminal = isTerminal
        totalFiles = totals.files
        totalBytes = totals.bytes
    }

    func update(_ progress: InvestigationRunner.Progress) {
        let now = Self.now()
        if !progress.isFinal, now - lastDrawn < (isTerminal ? 0.125 : 1) { return }
        lastDrawn = now
        let text = "dragnet: " + Self.describe(progress, totalFiles: totalFiles, totalBytes: totalBytes, elapsed: now - start)
        if isTerminal {
            if progress.isFinal {
                Self.clearLine()
            } else {
                StandardStream.error.write(Array("\r\(text)\u{1B}[K".utf8))
                Self.isDrawn = true
            }
        } else {
            StandardStream.error.write(Array((text + "\n").utf8))
        }
    }

    /// One progress line's text (without the `dragnet: ` prefix).
    static func describe(_ p: InvestigationRunner.Progress, totalFiles: Int, totalBytes: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Int(Double(p.messagesFound) / elapsed) : 0
        var parts = [
            "\(min(p.filesDone, max(totalFiles, p.filesDone)))/\(max(totalFiles, p.filesDone)) files",
            "\(bytes(min(p.bytesDone, totalBytes))) of \(bytes(totalBytes))",
            "\(grouped(p.messagesFound)) message\(p.messagesFound == 1 ? "" : "s") (\(grouped(rate))/s)",
            "\(grouped(p.matches)) match\(p.matches == 1 ? "" : "es")",
        ]
        if p.isFinal {
            parts.append("done in \(duration(elapsed))")
        } else if p.bytesDone > 0, totalBytes > p.bytesDone, elapsed > 0 {
            parts.append("about \(duration(Double(totalBytes - p.bytesDone) * elapsed / Double(p.bytesDone))) left")
        } else {
            parts.append("estimating time left")
        }
        return parts.joined(separator: ", ")
    }

    /// Clears a drawn line (the report or an error comes next).
    static func clearLine() {
        guard isDrawn else { return }
        isDrawn = false
        StandardStream.error.write(Array("\r\u{1B}[K".utf8))
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return unit == 0 ? "\(n) B" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(s % 60)s" }
        return "\(s / 3600)h \(s % 3600 / 60)m"
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// What an interrupt (SIGINT, SIGTERM) does: ends a drawn progress line with a newline, removes
/// temporary report files, then ends the process the way the signal would (status 130 for Ctrl-C).
enum InterruptHandling {
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            if ProgressLine.isDrawn {
                var newline: UInt8 = 0x0A
                _ = write(2, &newline, 1)
            }
            OutputTemporaryFiles.removeAll()
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may hand down these signals blocked (util-linux `script` does): unblock them, or
        // Ctrl-C would never reach the handler. Done before any thread starts, so every thread inherits it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
