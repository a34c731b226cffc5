import MailModel
/// Attachment sizes as written in investigation files.
///
/// A size is a whole number of bytes (`670`), or a number and a unit, case-insensitive, with or
/// without a space: `B`/`bytes`; SI `KB`, `MB`, `GB`, `TB` (1000, 1000², ...); IEC `KiB`, `MiB`,
/// `GiB`, `TiB` (1024, 1024², ...). A decimal number is allowed with a unit when the result is a
/// whole number of bytes (`1.5KiB` = 1536; `1.0001KB` is refused). Not accepted: exponents (`1e3`),
/// signs, separators (`1,000`, `1_000`), hex.
enum SizeText {
    static let units: [String: Int] = [
        "": 1, "b": 1, "byte": 1, "bytes": 1,
        "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000,
        "kib": 1024, "mib": 1024 * 1024, "gib": 1024 * 1024 * 1024, "tib": 1024 * 1024 * 1024 * 1024,
    ]

    /// The size in bytes, or `nil`.
    static func parse(_ text: String) -> Int? {
        let scalars = Array(text.ruleTrimmed.unicodeScalars)
        var i = 0
        func digits() -> [Int] {
            var result: [Int] = []
            while i < scalars.count, scalars[i].value >= 0x30, scalars[i].value <= 0x39 {
                result.append(Int(scalars[i].value - 0x30))
                i += 1
            }
            return result
        }
        let whole = digits()
        guard !whole.isEmpty else { return nil }
        var fraction: [Int] = []
        if i < scalars.count, scalars[i] == "." {
            i += 1
            fraction = digits()
            guard !fraction.isEmpty else { return nil }
        }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        let unit = String(String.UnicodeScalarView(scalars[i...])).lowercased()
        guard let multiplier = units[unit] else { return nil }
        if !fraction.isEmpty, multiplier == 1 { return nil }
        var value = 0
        for d in whole {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = a
        }
        var (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        if !fraction.isEmpty {
            guard fraction.count <= 12 else { return nil }
            var numerator = 0
            var denominator = 1
            for d in fraction {
                numerator = numerator * 10 + d
                denominator *= 10
            }
            let (product, o) = numerator.multipliedReportingOverflow(by: multiplier)
            guard !o, product % denominator == 0 else { return nil }
            (bytes, overflow) = bytes.addingReportingOverflow(product / denominator)
            guard !overflow else { return nil }
        }
        return bytes
    }

    /// The error message for a size that does not parse.
    static func problem(_ text: String) -> String {
        "'\(text)' is not a size; write whole bytes (670) or a number with a unit (10KB = 10000 bytes, 10KiB = 10240 bytes)"
    }
}

/// Dates and timestamps of `scope.dateRange` (§7).
///
/// - a date `2026-11-24` is midnight UTC of that day;
/// - a timestamp `2026-11-24T08:00`, `2026-11-24T08:00:00`, `2026-11-24 08:00:00.5` (a space or `T`)
///   is UTC unless it ends with `Z` or an offset (`+01:00`, `+0100`, `+01`, `-05:00`);
/// - fractions of a second are kept by rounding the bound up to the next whole second, which keeps
///   both `from` (inclusive) and the exclusive end exact for the whole-second dates of mail.
/// Years have four digits; months, days, hours and minutes two; the day must exist (no 2026-02-30).
enum DateText {
    struct Parsed: Equatable {
        /// Seconds since the epoch, rounded up to a whole second.
        var seconds: Int64
        var isDateOnly: Bool
    }

    static func parse(_ text: String) -> Parsed? {
        let s = Array(text.ruleTrimmed.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var value = 0
            for k in 0..<count {
                let b = s[i + k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            i += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < s.count, s[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        if i == s.count { return Parsed(seconds: days * 86_400, isDateOnly: true) }
        guard s[i] == 0x54 || s[i] == 0x74 || s[i] == 0x20 else { return nil }  // T t space
        i += 1
        guard let hour = number(2), expect(0x3A), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        var hasFraction = false
        if expect(0x3A) {
            guard let sec = number(2), sec < 60 else { return nil }
            second = sec
            if expect(0x2E) || expect(0x2C) {
                let start = i
                while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                    if s[i] != 0x30 { hasFraction = true }
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        while i < s.count, s[i] == 0x20 { i += 1 }
        var offset = 0
        if i < s.count {
            if s[i] == 0x5A || s[i] == 0x7A {  // Z z
                i += 1
            } else if s[i] == 0x2B || s[i] == 0x2D {  // + -
                let sign = s[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = number(2), oh <= 23 else { return nil }
                var om = 0
                if i < s.count {
                    _ = expect(0x3A)
                    guard let m = number(2), m < 60 else { return nil }
                    om = m
                }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == s.count else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset) + (hasFraction ? 1 : 0)
        return Parsed(seconds: seconds, isDateOnly: false)
    }
}
