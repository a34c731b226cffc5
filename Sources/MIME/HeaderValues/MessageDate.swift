import MailModel

/// A date-time from a Date or Received field (RFC 5322 §3.3, obsolete forms of §4.3), in UTC.
///
/// Reading is lenient: the day name is optional (and may be spelled out), separators may be commas,
/// dashes or extra spaces, seconds may be missing, the time may use `.`; besides the RFC form,
/// asctime (`Thu Aug 22 11:26:25 2002`) and ISO-8601-like (`2002-08-22 11:26:25`) forms are read.
/// Trailing comments and garbage are ignored. Two- and three-digit years follow RFC 5322 §4.3. A missing
/// zone is read as UTC (`mime.date-missing-zone`). Impossible values (month 13, 31 February, hour 24,
/// second 60 — which GMime and CPython both refuse) make the date invalid.
public struct MessageDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// The zone offset written in the field, in seconds east of UTC (`nil` when absent or unknown).
    public var zoneOffsetSeconds: Int?

    public init(secondsSinceEpoch: Int64, zoneOffsetSeconds: Int?) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.zoneOffsetSeconds = zoneOffsetSeconds
    }

    /// A date from local calendar fields and the zone they are in; `nil` when a field is out of range
    /// (years 1000-9999, seconds 0-59).
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zoneOffsetSeconds: Int?) {
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CivilCalendar.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let local = CivilCalendar.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        self.init(secondsSinceEpoch: local - Int64(zoneOffsetSeconds ?? 0), zoneOffsetSeconds: zoneOffsetSeconds)
    }

    public static func < (a: MessageDate, b: MessageDate) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    /// `YYYY-MM-DDTHH:MM:SSZ` (see ``UTCTimestamp``).
    public var iso8601UTC: String { UTCTimestamp.iso8601(secondsSinceEpoch) }

    /// Parses a date-time; `nil` (with `mime.date-invalid`) when no date can be read.
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> MessageDate? {
        parseDateTime(raw, raw.startIndex, defects: &defects).date
    }
}

// MARK: - Grammar

extension MessageDate {
    typealias Input = ArraySlice<UInt8>
    private typealias Lexer = RFC5322Lexer

    /// Calendar fields as written, before validation.
    struct Fields {
        var year = 0, month = 0, day = 0
        var hour = 0, minute = 0, second = 0
        var yearDigits = 4
    }

    /// `date-time = [ day-of-week "," ] date time [CFWS]` with `date = day month year` and
    /// `time = time-of-day zone` (RFC 5322 §3.3), plus the obsolete and common forms listed on the type:
    /// asctime `month day time year` and ISO `year-month-day [T] time`.
    static func parseDateTime(_ s: Input, _ i: Int, defects: inout DefectCollector) -> (date: MessageDate?, end: Int) {
        var j = skipSeparators(s, i)
        j = parseDayOfWeek(s, j)
        var fields = Fields()
        var haveTime = false
        var zoneBeforeYear: (Zone, Int)?
        // Zone and year defects only count when the date turns out valid.
        var found = DefectCollector()
        if j < s.endIndex, Lexer.isAlpha(s[j]) {
            // asctime: `Aug 22 11:26:25 2002`, or `August 22, 2002 11:26:25`.
            guard let (month, afterMonth) = parseMonth(s, j),
                  let (day, afterDay) = parseNumber(s, skipSeparators(s, afterMonth)) else { return invalid(s, i, &defects) }
            fields.month = month
            fields.day = day.value
            j = skipSeparators(s, afterDay)
            if let (time, afterTime) = parseTimeOfDay(s, j) {
                (fields.hour, fields.minute, fields.second) = time
                haveTime = true
                j = skipSeparators(s, afterTime, dashes: false)
                // Unix `date`: `Thu Aug 22 11:26:25 PDT 2002`.
                if j < s.endIndex, !Lexer.isDigit(s[j]) {
                    let zone = parseZone(s, j, defects: &found)
                    zoneBeforeYear = zone
                    j = skipSeparators(s, zone.1)
                }
            }
            guard let (year, afterYear) = parseNumber(s, j) else { return invalid(s, i, &defects) }
            (fields.year, fields.yearDigits) = (year.value, year.digits)
            j = afterYear
        } else if let (first, afterFirst) = parseNumber(s, j) {
            if first.digits == 4, afterFirst < s.endIndex, s[afterFirst] == UInt8(ascii: "-") || s[afterFirst] == UInt8(ascii: "/") {
                // ISO-8601-like: `2002-08-22`, then `T` or white space before the time.
                guard let (month, afterMonth) = parseNumber(s, afterFirst + 1),
                      afterMonth < s.endIndex, s[afterMonth] == s[afterFirst],
                      let (day, afterDay) = parseNumber(s, afterMonth + 1) else { return invalid(s, i, &defects) }
                (fields.year, fields.month, fields.day) = (first.value, month.value, day.value)
                j = afterDay
                if j < s.endIndex, s[j] == UInt8(ascii: "T") || s[j] == UInt8(ascii: "t") {
                    j += 1
                } else {
                    // `2002/09/14 Sat 02:29:32 CDT`
                    let k = parseDayOfWeek(s, skipSeparators(s, j), strict: true)
                    if k > skipSeparators(s, j) { j = k }
                }
            } else {
                // RFC: `22 Aug 2002`, `22-Aug-2002`, `22 August 2002`.
                guard let (month, afterMonth) = parseMonth(s, skipSeparators(s, afterFirst)),
                      let (year, afterYear) = parseNumber(s, skipSeparators(s, afterMonth)) else { return invalid(s, i, &defects) }
                (fields.day, fields.month, fields.year, fields.yearDigits) = (first.value, month, year.value, year.digits)
                j = afterYear
            }
        } else {
            return invalid(s, i, &defects)
        }
        if !haveTime {
            let k = skipSeparators(s, j)
            if let (time, afterTime) = parseTimeOfDay(s, k) {
                (fields.hour, fields.minute, fields.second) = time
                j = afterTime
            }
            // A date without a time is midnight (as GMime reads it).
        }
        let (zone, afterZone) = zoneBeforeYear ?? parseZone(s, skipSeparators(s, j, dashes: false), defects: &found)
        guard let year = parseYear(fields.year, digits: fields.yearDigits, at: i - s.startIndex, defects: &found),
              let date = MessageDate(year: year, month: fields.month, day: fields.day, hour: fields.hour,
                                     minute: fields.minute, second: fields.second, zoneOffsetSeconds: zone.offset) else {
            return invalid(s, i, &defects)
        }
        for defect in found.defects { defects.report(defect.code, defect.message, at: defect.offset) }
        var result = date
        result.zoneOffsetSeconds = zone.known ? zone.offset : nil
        return (result, afterZone)
    }

    private static func invalid(_ s: Input, _ i: Int, _ defects: inout DefectCollector) -> (date: MessageDate?, end: Int) {
        defects.report(.dateInvalid, "The date could not be read.", at: i - s.startIndex)
        return (nil, i)
    }

    /// Skips CFWS and the separators found between date fields (`,`, and `-`, `/` unless a zone sign
    /// may follow).
    static func skipSeparators(_ s: Input, _ i: Int, dashes: Bool = true) -> Int {
        var j = i
        while j < s.endIndex {
            let b = s[j]
            if Lexer.isWhitespace(b) || b == UInt8(ascii: ",") {
                j += 1
            } else if b == UInt8(ascii: "(") {
                j = Lexer.parseComment(s, j).end
            } else if dashes, b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
                j += 1
            } else {
                break
            }
        }
        return j
    }

    /// `day-of-week = ([FWS] day-name) / obs-day-of-week`, `day-name = "Mon" / "Tue" / ...`, with an
    /// optional `,`. Spelled-out and misspelled day names are accepted (any word that is not a month
    /// name), unless `strict`, where the word must start with a day name's three letters.
    static func parseDayOfWeek(_ s: Input, _ i: Int, strict: Bool = false) -> Int {
        guard i < s.endIndex, Lexer.isAlpha(s[i]), parseMonth(s, i) == nil else { return i }
        var j = i
        while j < s.endIndex, Lexer.isAlpha(s[j]) || s[j] == UInt8(ascii: ".") { j += 1 }
        if strict {
            guard j - i >= 3 else { return i }
            let key = (UInt32(s[i] | 0x20) << 16) | (UInt32(s[i + 1] | 0x20) << 8) | UInt32(s[i + 2] | 0x20)
            guard dayKeys.contains(key) else { return i }
        }
        return skipSeparators(s, j)
    }

    private static let dayKeys: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { name in
        let b = Array(name.utf8)
        return (UInt32(b[0]) << 16) | (UInt32(b[1]) << 8) | UInt32(b[2])
    }

    /// `month = "Jan" / "Feb" / ... / "Dec"`, case-insensitive; spelled-out names (`August`) are
    /// accepted by their first three letters. Returns the month number and the end of the word.
    static func parseMonth(_ s: Input, _ i: Int) -> (Int, Int)? {
        var j = i
        while j < s.endIndex, Lexer.isAlpha(s[j]) { j += 1 }
        guard j - i >= 3 else { return nil }
        let key = (UInt32(s[i] | 0x20) << 16) | (UInt32(s[i + 1] | 0x20) << 8) | UInt32(s[i + 2] | 0x20)
        guard let month = monthKeys.firstIndex(of: key) else { return nil }
        // `Mar` and `March` are fine; `Marvellous` is not a month.
        if j - i > 3, !monthNameMatches(s[i..<j], month) { return nil }
        if j < s.endIndex, s[j] == UInt8(ascii: ".") { j += 1 }
        return (month + 1, j)
    }

    private static let monthNames: [StaticString] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]
    private static let monthKeys: [UInt32] = monthNames.map { name in
        name.withUTF8Buffer { (UInt32($0[0]) << 16) | (UInt32($0[1]) << 8) | UInt32($0[2]) }
    }

    private static func monthNameMatches(_ word: Input, _ month: Int) -> Bool {
        monthNames[month].withUTF8Buffer { name in
            // A prefix of the full name (`Sept`) or the full name.
            guard word.count <= name.count else { return false }
            var k = 0
            for b in word {
                if b | 0x20 != name[k] { return false }
                k += 1
            }
            return true
        }
    }

    /// A run of decimal digits (at most 9). Returns its value and digit count, and its end.
    static func parseNumber(_ s: Input, _ i: Int) -> (Number, Int)? {
        var j = i
        var value = 0
        while j < s.endIndex, Lexer.isDigit(s[j]) {
            guard j - i < 9 else { return nil }
            value = value * 10 + Int(s[j] - 0x30)
            j += 1
        }
        guard j > i else { return nil }
        return (Number(value: value, digits: j - i), j)
    }

    /// A number as written: its value and how many digits it had (years depend on it).
    struct Number {
        var value: Int
        var digits: Int
    }

    /// `year = (FWS 4*DIGIT FWS) / obs-year`, `obs-year = [CFWS] 2*DIGIT [CFWS]`: RFC 5322 §4.3 reads
    /// 00-49 as 2000-2049, 50-99 and three digits by adding 1900 (`mime.date-two-digit-year`).
    ///
    /// The rule goes by value, so the zero-padded years of software that printed `tm_year` (`0102`,
    /// common in 2002 spam) read as 2002 too.
    static func parseYear(_ year: Int, digits: Int, at offset: Int, defects: inout DefectCollector) -> Int? {
        guard year < 1000 else { return year }
        defects.report(.dateTwoDigitYear, "The date has a \(digits)-digit year.", at: offset)
        if year >= 100 { return year + 1900 }
        return year < 50 ? year + 2000 : year + 1900
    }

    /// `time-of-day = hour ":" minute [ ":" second ]`, with the CFWS of `obs-hour`, `obs-minute` and
    /// `obs-second` around `:`, `.` accepted for `:`, one-digit fields, fractional seconds skipped, and
    /// an `AM`/`PM` suffix. Range checks come later.
    static func parseTimeOfDay(_ s: Input, _ i: Int) -> ((Int, Int, Int), Int)? {
        guard let (hour, afterHour) = parseNumber(s, i), hour.digits <= 2,
              let minuteStart = parseTimeSeparator(s, afterHour),
              let (minute, afterMinute) = parseNumber(s, minuteStart), minute.digits <= 2 else { return nil }
        var h = hour.value
        var second = 0
        var j = afterMinute
        if let secondStart = parseTimeSeparator(s, j), let (sec, afterSecond) = parseNumber(s, secondStart), sec.digits <= 2 {
            second = sec.value
            j = afterSecond
            if j + 1 < s.endIndex, s[j] == UInt8(ascii: "."), Lexer.isDigit(s[j + 1]) {
                j += 1
                while j < s.endIndex, Lexer.isDigit(s[j]) { j += 1 }
            }
        }
        // `11:26:25 PM`
        let k = Lexer.parseFWS(s, j)
        if k + 1 < s.endIndex, s[k + 1] | 0x20 == UInt8(ascii: "m"), k + 2 == s.endIndex || !Lexer.isAlpha(s[k + 2]) {
            let marker = s[k] | 0x20
            if marker == UInt8(ascii: "p") || marker == UInt8(ascii: "a") {
                if h == 12 { h = 0 }
                if marker == UInt8(ascii: "p") { h += 12 }
                j = k + 2
            }
        }
        return ((h, minute.value, second), j)
    }

    /// `[CFWS] ":" [CFWS]` between time fields, or a bare `.`. Returns where the next field starts.
    static func parseTimeSeparator(_ s: Input, _ i: Int) -> Int? {
        guard i < s.endIndex else { return nil }
        if s[i] == UInt8(ascii: ".") { return i + 1 }
        let colon = Lexer.parseCFWS(s, i).end
        guard colon < s.endIndex, s[colon] == UInt8(ascii: ":") else { return nil }
        return Lexer.parseCFWS(s, colon + 1).end
    }

    /// A zone as read: the offset to apply, and whether the local zone is known.
    struct Zone {
        var offset: Int
        var known: Bool
    }

    /// `zone = (FWS ( "+" / "-" ) 4DIGIT) / obs-zone` with `obs-zone = "UT" / "GMT" / "EST" / "EDT" /
    /// "CST" / "CDT" / "MST" / "MDT" / "PST" / "PDT" / %d65-73 / %d75-90 / %d97-105 / %d107-122`.
    ///
    /// Also read: `+hh:mm`, `+hh`, `Z` after an ISO time, `GMT+0200` (the number wins), and common
    /// names from a fixed table (`CET`, `BST`, `JST`, ...). `-0000`, military letters and unknown names
    /// mean UTC with an unknown local zone (RFC 5322 §3.3, §4.3). Names record
    /// `mime.date-obsolete-zone`; no zone records `mime.date-missing-zone`.
    static func parseZone(_ s: Input, _ i: Int, defects: inout DefectCollector) -> (Zone, Int) {
        guard i < s.endIndex else {
            defects.report(.dateMissingZone, "The date has no zone; UTC is assumed.", at: i - s.startIndex)
            return (Zone(offset: 0, known: false), i)
        }
        if let numeric = parseNumericZone(s, i) { return numeric }
        guard Lexer.isAlpha(s[i]) else {
            defects.report(.dateMissingZone, "The date has no zone; UTC is assumed.", at: i - s.startIndex)
            return (Zone(offset: 0, known: false), i)
        }
        var j = i
        while j < s.endIndex, Lexer.isAlpha(s[j]) { j += 1 }
        // `GMT+0200`, `UTC -5`: the numeric offset is the precise one.
        if let numeric = parseNumericZone(s, Lexer.parseFWS(s, j)) {
            defects.report(.dateObsoleteZone, "The date zone has a name and an offset; the offset is used.", at: i - s.startIndex)
            return numeric
        }
        let word = s[i..<j]
        if word.count == 1 {
            // `Z` is UTC in every reading (ISO 8601, GMime, CPython); the other military letters are
            // unreliable and mean -0000 (RFC 5322 §4.3).
            if word.first! | 0x20 == UInt8(ascii: "z") { return (Zone(offset: 0, known: true), j) }
            defects.report(.dateObsoleteZone, "The date uses a military zone letter; read as -0000.", at: i - s.startIndex)
            return (Zone(offset: 0, known: false), j)
        }
        defects.report(.dateObsoleteZone, "The date uses a zone name.", at: i - s.startIndex)
        for entry in zoneNames where Lexer.equalsIgnoringCase(word, entry.name) {
            return (Zone(offset: entry.minutes * 60, known: true), j)
        }
        return (Zone(offset: 0, known: false), j)
    }

    /// `( "+" / "-" ) 4DIGIT`, also `+hh:mm`, `+hh`, `+hmm`. Offsets must stay under 24 hours with
    /// minutes under 60; others mean an unknown zone.
    static func parseNumericZone(_ s: Input, _ i: Int) -> (Zone, Int)? {
        guard i < s.endIndex, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"),
              let (number, afterNumber) = parseNumber(s, i + 1), number.digits <= 4 else { return nil }
        let negative = s[i] == UInt8(ascii: "-")
        var hours: Int, minutes: Int
        var end = afterNumber
        if number.digits <= 2 {
            hours = number.value
            minutes = 0
            if end < s.endIndex, s[end] == UInt8(ascii: ":"), let (mm, afterMinutes) = parseNumber(s, end + 1), mm.digits == 2 {
                minutes = mm.value
                end = afterMinutes
            }
        } else {
            hours = number.value / 100
            minutes = number.value % 100
        }
        guard hours < 24, minutes < 60 else { return (Zone(offset: 0, known: false), end) }
        let offset = (hours * 60 + minutes) * 60
        // `-0000`: the time is UTC, the local zone unknown (RFC 5322 §3.3).
        if offset == 0, negative { return (Zone(offset: 0, known: false), end) }
        return (Zone(offset: negative ? -offset : offset, known: true), end)
    }

    /// Zone names: RFC 5322 §4.3 `obs-zone` (UT, GMT and the North American names), plus `UTC` and the
    /// common abbreviations mail software writes. Ambiguous names (`IST`, `CST` of China) keep their RFC
    /// or most common reading or are left out, and then mean an unknown zone.
    private static let zoneNames: [(name: StaticString, minutes: Int)] = [
        ("ut", 0), ("gmt", 0), ("utc", 0),
        ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300),
        ("mst", -420), ("mdt", -360), ("pst", -480), ("pdt", -420),
        ("ast", -240), ("adt", -180), ("hst", -600), ("akst", -540), ("akdt", -480),
        ("wet", 0), ("west", 60), ("bst", 60), ("cet", 60), ("cest", 120), ("met", 60), ("mest", 120),
        ("mez", 60), ("mesz", 120), ("eet", 120), ("eest", 180), ("msk", 180), ("msd", 240),
        ("hkt", 480), ("sgt", 480), ("awst", 480), ("jst", 540), ("kst", 540),
        ("acst", 570), ("aest", 600), ("aedt", 660), ("nzst", 720), ("nzdt", 780),
    ]
}
