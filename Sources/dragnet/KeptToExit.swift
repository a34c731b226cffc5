/// Values kept until the process ends, never taken apart: a report of thousands of matches is
/// thousands of strings and arrays to release one by one (milliseconds at the end of a re-run that
/// takes tens), and `exit` gives all memory back at once.
enum KeptToExit {
    // Written by the main thread only, at the end of a command.
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) {
        values.append(value)
    }
}
