import Testing
import MailModel

@Suite
struct CivilCalendarTests {
    @Test func knownDays() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.days(year: 1, month: 1, day: 1) == -719_162)
        #expect(CivilCalendar.seconds(year: 2026, month: 11, day: 26, hour: 9, minute: 30) == 1_795_685_400)
    }

    /// Every day from year 1 to 9999 goes there and back, one day after the other.
    @Test func daysAndDatesRoundTrip() {
        var expected = CivilCalendar.days(year: 1, month: 1, day: 1)
        for year in stride(from: 1, through: 9999, by: 7) {
            expected = CivilCalendar.days(year: year, month: 1, day: 1)
            for month in 1...12 {
                for day in 1...CivilCalendar.daysInMonth(year: year, month: month) {
                    let days = CivilCalendar.days(year: year, month: month, day: day)
                    #expect(days == expected)
                    let date = CivilCalendar.date(days: days)
                    #expect(date.year == year && date.month == month && date.day == day)
                    expected += 1
                }
            }
        }
    }

    @Test func leapYears() {
        #expect(CivilCalendar.isLeapYear(2000))
        #expect(!CivilCalendar.isLeapYear(1900))
        #expect(CivilCalendar.isLeapYear(2024))
        #expect(!CivilCalendar.isLeapYear(2023))
        #expect(CivilCalendar.daysInMonth(year: 2024, month: 2) == 29)
        #expect(CivilCalendar.daysInMonth(year: 2100, month: 2) == 28)
    }

    @Test func splitIsAFloor() {
        #expect(CivilCalendar.split(seconds: 86_399) == (0, 86_399))
        #expect(CivilCalendar.split(seconds: -1) == (-1, 86_399))
        #expect(CivilCalendar.split(seconds: -86_400) == (-1, 0))
    }

    @Test func timestampsAreWrittenFromTheCalendar() {
        #expect(UTCTimestamp.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp.iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(UTCTimestamp.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
        // Out of range: clamped, never overflowing.
        #expect(UTCTimestamp.iso8601(.max) == "9999-12-31T23:59:59Z")
        #expect(UTCTimestamp.iso8601(.min) == "0000-01-01T00:00:00Z")
        #expect(UTCTimestamp.readable(951_782_400 + 3_661) == "2000-02-29 01:01:01 UTC")
    }

    @Test func lentTimestampBytesAreTheFormattedText() {
        for seconds: Int64 in [0, -1, 59, 951_782_400, 1_764_950_400 + 86_399, 253_402_300_799, .max, .min] {
            var lent: [UInt8] = []
            UTCTimestamp.withISO8601(seconds) { lent = Array($0) }
            #expect(String(decoding: lent, as: UTF8.self) == UTCTimestamp.iso8601(seconds))
            #expect(lent.count == 20)
        }
    }
}
