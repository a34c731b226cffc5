/// Formats seconds since the epoch as UTC text, locale-free and without Foundation (``CivilCalendar``).
/// Years are clamped to 0...9999 so a hostile date cannot overflow: every ISO 8601 date Dragnet
/// writes comes from here.
public enum UTCTimestamp {
    /// `2026-11-26T09:30:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        format(seconds, separator: UInt8(ascii: "T"), suffix: "Z")
    }

    /// `2026-11-26 09:30:00 UTC`, for people.
    public static func readable(_ seconds: Int64) -> String {
        format(seconds, separator: UInt8(ascii: " "), suffix: " UTC")
    }

    /// ``iso8601(_:)``'s bytes appended to `bytes`, without making a `String` (reports write a date
    /// or two per match row).
    public static func appendISO8601(_ seconds: Int64, to bytes: inout [UInt8]) {
        append(seconds, separator: UInt8(ascii: "T"), suffix: "Z", to: &bytes)
    }

    private static func format(_ seconds: Int64, separator: UInt8, suffix: StaticString) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(seconds, separator: separator, suffix: suffix, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DD`, the separator, `hh:mm:ss`, the suffix; written digit by digit. Years are
    /// 0...9999 after the clamp.
    private static func append(_ seconds: Int64, separator: UInt8, suffix: StaticString, to bytes: inout [UInt8]) {
        let (year, month, day, secondOfDay) = civil(seconds)
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
    }

    /// Year, month, day and second of the day of a UTC instant.
    private static func civil(_ seconds: Int64) -> (Int, Int, Int, Int) {
        let (days, secondOfDay) = CivilCalendar.split(seconds: min(max(seconds, -62_167_219_200), 253_402_300_799))
        let (year, month, day) = CivilCalendar.date(days: days)
        return (year, month, day, secondOfDay)
    }
}
