import ArgumentParser

/// `--for`: a number and a unit, `s`, `m`, `h` or `d` (`30s`, `90m`, `1d`, `7d`).
struct WatchDuration: ExpressibleByArgument, Sendable {
    var seconds: Double

    init?(argument: String) {
        guard let unit = argument.last, let value = Double(argument.dropLast()), value > 0, value.isFinite else { return nil }
        switch unit {
        case "s": seconds = value
        case "m": seconds = value * 60
        case "h": seconds = value * 3600
        case "d": seconds = value * 86400
        default: return nil
        }
    }
}
