/// Formats seconds since the epoch as UTC text, locale-free and without Foundation (proleptic
/// Gregorian calendar, Howard Hinnant's `civil_from_days`). Years are clamped to 0...9999 so a hostile
/// date cannot overflow.
public enum UTCTimestamp {
    /// `2026-11-26T09:30:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        format(seconds, separator: UInt8(ascii: "T"), suffix: "Z")
    }

    /// `2026-11-26 09:30:00 UTC`, for people.
    public static func readable(_ seconds: Int64) -> String {
        format(seconds, separator: UInt8(ascii: " "), suffix: " UTC")
    }

    /// `YYYY-MM-DD`, the separator, `hh:mm:ss`, the suffix; written digit by digit (reports format a
    /// date per match row). Years are 0...9999 after the clamp.
    private static func format(_ seconds: Int64, separator: UInt8, suffix: StaticString) -> String {
        let (year, month, day, secondOfDay) = civil(seconds)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(0x30 + value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(0x2D)
        digits(month, 2)
        bytes.append(0x2D)
        digits(day, 2)
        bytes.append(separator)
        digits(secondOfDay / 3600, 2)
        bytes.append(0x3A)
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(0x3A)
        digits(secondOfDay % 60, 2)
        suffix.withUTF8Buffer { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Year, month, day and second of the day of a UTC instant.
    private static func civil(_ seconds: Int64) -> (Int, Int, Int, Int) {
        let s = min(max(seconds, -62_167_219_200), 253_402_300_799)
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let secondOfDay = Int(s - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay)
    }
}
