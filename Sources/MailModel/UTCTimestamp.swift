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

    /// ``iso8601(_:)``'s bytes lent to `body`, without making a `String` (reports write a date or
    /// two per match row).
    public static func withISO8601(_ seconds: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withFormatted(seconds, separator: UInt8(ascii: "T"), suffix: "Z", body)
    }

    private static func format(_ seconds: Int64, separator: UInt8, suffix: StaticString) -> String {
        withFormatted(seconds, separator: separator, suffix: suffix) { String(decoding: $0, as: UTF8.self) }
    }

    /// `YYYY-MM-DD`, the separator, `hh:mm:ss`, the suffix, written digit by digit into a buffer on
    /// the stack. Years are 0...9999 after the clamp.
    private static func withFormatted<Result>(
        _ seconds: Int64, separator: UInt8, suffix: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let (year, month, day, secondOfDay) = civil(seconds)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19 + suffix.utf8CodeUnitCount) { buffer in
            func twoDigits(_ value: Int, at offset: Int) {
                buffer[offset] = UInt8(truncatingIfNeeded: 0x30 + value / 10 % 10)
                buffer[offset + 1] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
            }
            twoDigits(year / 100, at: 0)
            twoDigits(year % 100, at: 2)
            buffer[4] = 0x2D
            twoDigits(month, at: 5)
            buffer[7] = 0x2D
            twoDigits(day, at: 8)
            buffer[10] = separator
            twoDigits(secondOfDay / 3600, at: 11)
            buffer[13] = 0x3A
            twoDigits(secondOfDay / 60 % 60, at: 14)
            buffer[16] = 0x3A
            twoDigits(secondOfDay % 60, at: 17)
            suffix.withUTF8Buffer { suffix in
                for (index, byte) in suffix.enumerated() { buffer[19 + index] = byte }
            }
            return body(UnsafeBufferPointer(buffer))
        }
    }

    /// Year, month, day and second of the day of a UTC instant.
    private static func civil(_ seconds: Int64) -> (Int, Int, Int, Int) {
        let (days, secondOfDay) = CivilCalendar.split(seconds: min(max(seconds, -62_167_219_200), 253_402_300_799))
        let (year, month, day) = CivilCalendar.date(days: days)
        return (year, month, day, secondOfDay)
    }
}
