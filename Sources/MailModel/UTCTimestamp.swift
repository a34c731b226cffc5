/// Formats seconds since the epoch as UTC text, locale-free and without Foundation (proleptic
/// Gregorian calendar, Howard Hinnant's `civil_from_days`). Years are clamped to 0...9999 so a hostile
/// date cannot overflow.
public enum UTCTimestamp {
    /// `2026-11-26T09:30:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        let (year, month, day, secondOfDay) = civil(seconds)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// `2026-11-26 09:30:00 UTC`, for people.
    public static func readable(_ seconds: Int64) -> String {
        let (year, month, day, secondOfDay) = civil(seconds)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)) UTC"
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

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }
}
