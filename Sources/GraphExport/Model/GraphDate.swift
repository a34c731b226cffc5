import Foundation
import MailModel

/// A date-time as a Graph export writes it, parsed to UTC.
///
/// Accepted forms (§3.1, reference §(a7)):
/// - ISO 8601 with `Z`, with `±hh:mm` / `±hhmm` / `±hh`, or without an offset (read as UTC), with 0–7
///   (or more) fraction digits; a date alone is midnight UTC;
/// - a `dateTimeTimeZone` object `{"dateTime": "2024-01-22T02:30:00.0000000", "timeZone": "UTC"}`:
///   the zone may be `UTC`, an IANA name or a common Windows name; an unknown zone is read as UTC
///   (`graph.unknown-time-zone`);
/// - Windows PowerShell 5.1's `/Date(1629178519000)/` and `/Date(1629178519000+0200)/` (milliseconds
///   since the epoch, UTC; the offset is only the writer's zone);
/// - the PowerShell 5.1 wrapper `{"value": "/Date(...)/", "DisplayHint": 2, "DateTime": "..."}`.
///
/// `0001-01-01T00:00:00Z` (and `/Date(-62135596800000)/`) is the .NET "unset" sentinel: no date.
public struct GraphDate: Sendable, Hashable, CustomStringConvertible {
    /// How the date was written.
    public enum Form: String, Sendable, Hashable {
        case iso8601
        case dateTimeTimeZone
        /// `/Date(ms)/`.
        case microsoftJSON
        /// The PowerShell 5.1 `{"value": "/Date(...)/", "DisplayHint": ..., "DateTime": ...}` object.
        case powerShellWrapper
    }

    /// The text as written (for a `dateTimeTimeZone`, its `dateTime`; for the PowerShell wrapper, its `value`).
    public var raw: String
    public var form: Form
    /// Seconds since 1970-01-01T00:00:00Z; `nil` for the unset sentinel and for text that could not be parsed.
    public var secondsSinceEpoch: Int64?
    /// Fraction of a second, in nanoseconds (0 when none was written).
    public var nanoseconds: Int32
    /// The offset written with the date, in seconds east of UTC; `nil` when none was written.
    public var zoneOffsetSeconds: Int?
    /// The `timeZone` of a `dateTimeTimeZone`.
    public var timeZone: String?
    /// The .NET "unset" sentinel (`0001-01-01T00:00:00`).
    public var isUnset: Bool

    public init(
        raw: String, form: Form, secondsSinceEpoch: Int64?, nanoseconds: Int32 = 0, zoneOffsetSeconds: Int? = nil,
        timeZone: String? = nil, isUnset: Bool = false
    ) {
        self.raw = raw
        self.form = form
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
        self.zoneOffsetSeconds = zoneOffsetSeconds
        self.timeZone = timeZone
        self.isUnset = isUnset
    }

    /// Seconds since the epoch with the fraction, as a `Double`.
    public var timeIntervalSince1970: Double? {
        secondsSinceEpoch.map { Double($0) + Double(nanoseconds) / 1e9 }
    }

    /// `2024-01-22T02:30:00Z` (whole seconds, UTC), or `nil` when there is no date.
    public var iso8601UTC: String? {
        guard let s = secondsSinceEpoch else { return nil }
        return UTCTimestamp.iso8601(s)
    }

    public var description: String { iso8601UTC ?? (isUnset ? "unset (\(raw))" : "unparsed (\(raw))") }
}

extension GraphDate {
    /// The outcome of reading a date field.
    struct Reading {
        var field: GraphField<GraphDate>
        /// Problems: (code, message).
        var problems: [(GraphDiagnostic.Code, String)] = []
    }

    /// Parses a date from its JSON value (string, `dateTimeTimeZone` object or PowerShell wrapper).
    public static func parse(_ value: JSONValue) -> (date: GraphField<GraphDate>, diagnostics: [GraphDiagnostic]) {
        let reading = read(value)
        return (reading.field, reading.problems.map { GraphDiagnostic(code: $0.0, message: $0.1) })
    }

    /// Parses date text: ISO 8601 or `/Date(...)/`. `nil` when it is neither.
    public static func parse(text: String) -> GraphDate? {
        if let d = parseMicrosoftJSON(text) { return d }
        return parseISO(text, form: .iso8601)
    }

    static func read(_ value: JSONValue) -> Reading {
        switch value {
        case .null:
            return Reading(field: .null)
        case .string(let text):
            if let date = parse(text: text) { return Reading(field: .present(date)) }
            if PowerShellText.looksTruncated(text) {
                return Reading(field: .truncated(text), problems: [(.truncatedExport, "A date-time arrived as '\(PowerShellText.clip(text))'; the export was cut by PowerShell's ConvertTo-Json depth.")])
            }
            return Reading(
                field: .present(GraphDate(raw: text, form: .iso8601, secondsSinceEpoch: nil)),
                problems: [(.invalidDate, "The date-time '\(PowerShellText.clip(text))' could not be parsed; only its text is kept.")])
        case .object(let object):
            // The PowerShell wrapper has a `DateTime` display string too, so `value` is looked at first.
            if let inner = object["value"] {
                // PowerShell 5.1 wrapper.
                guard case .string(let text) = inner else {
                    return Reading(field: .unreadable(value), problems: [(.unexpectedType, "A date-time object has a non-string 'value'.")])
                }
                if var date = parse(text: text) {
                    date.form = .powerShellWrapper
                    return Reading(field: .present(date))
                }
                return Reading(
                    field: .present(GraphDate(raw: text, form: .powerShellWrapper, secondsSinceEpoch: nil)),
                    problems: [(.invalidDate, "The date-time '\(PowerShellText.clip(text))' could not be parsed; only its text is kept.")])
            }
            if let inner = object["dateTime"] {
                return readDateTimeTimeZone(inner, zone: object["timeZone"])
            }
            return Reading(field: .unreadable(value), problems: [(.unexpectedType, "A date-time arrived as an object without 'dateTime' or 'value'.")])
        default:
            return Reading(field: .unreadable(value), problems: [(.unexpectedType, "A date-time arrived as a \(value.typeName).")])
        }
    }

    private static func readDateTimeTimeZone(_ inner: JSONValue, zone: JSONValue?) -> Reading {
        guard case .string(let text) = inner else {
            if inner.isNull { return Reading(field: .null) }
            return Reading(field: .unreadable(inner), problems: [(.unexpectedType, "A dateTimeTimeZone has a non-string 'dateTime'.")])
        }
        let zoneName = zone?.stringValue
        guard var date = parseISO(text, form: .dateTimeTimeZone) else {
            return Reading(
                field: .present(GraphDate(raw: text, form: .dateTimeTimeZone, secondsSinceEpoch: nil, timeZone: zoneName)),
                problems: [(.invalidDate, "The date-time '\(PowerShellText.clip(text))' could not be parsed; only its text is kept.")])
        }
        date.timeZone = zoneName
        var problems: [(GraphDiagnostic.Code, String)] = []
        // An offset in the text wins; otherwise the zone names the local time.
        if date.zoneOffsetSeconds == nil, !date.isUnset, let local = date.secondsSinceEpoch {
            switch TimeZoneResolver.resolve(zoneName) {
            case .utc:
                break
            case .zone(let zone):
                let offset = TimeZoneResolver.offset(of: zone, forLocalSeconds: local)
                date.secondsSinceEpoch = local - Int64(offset)
                date.zoneOffsetSeconds = offset
            case .unknown:
                problems.append((.unknownTimeZone, "The time zone '\(zoneName ?? "")' is not known; the time was read as UTC."))
            }
        }
        return Reading(field: .present(date), problems: problems)
    }

    /// `/Date(ms)/`, `/Date(ms+hhmm)/`, with or without the slashes.
    static func parseMicrosoftJSON(_ text: String) -> GraphDate? {
        var s = Substring(text)
        if s.hasPrefix("\\/") { s = s.dropFirst(2) } else if s.hasPrefix("/") { s = s.dropFirst() }
        guard s.hasPrefix("Date(") else { return nil }
        s = s.dropFirst(5)
        guard let close = s.firstIndex(of: ")") else { return nil }
        let inside = s[..<close]
        var rest = s[s.index(after: close)...]
        if rest.hasPrefix("\\/") { rest = rest.dropFirst(2) } else if rest.hasPrefix("/") { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
        // Split off a trailing +hhmm / -hhmm (not the leading sign).
        var msText = inside
        var offset: Int?
        if let signIndex = inside.dropFirst().lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = inside[inside.index(after: signIndex)...]
            guard zone.count == 4, let z = Int(zone) else { return nil }
            let sign = inside[signIndex] == "-" ? -1 : 1
            offset = sign * ((z / 100) * 3600 + (z % 100) * 60)
            msText = inside[..<signIndex]
        }
        guard let ms = Int64(msText) else { return nil }
        if ms == -62_135_596_800_000 {
            return GraphDate(raw: text, form: .microsoftJSON, secondsSinceEpoch: nil, zoneOffsetSeconds: offset, isUnset: true)
        }
        var seconds = ms / 1000
        var millis = ms % 1000
        if millis < 0 {
            millis += 1000
            seconds -= 1
        }
        return GraphDate(
            raw: text, form: .microsoftJSON, secondsSinceEpoch: seconds, nanoseconds: Int32(millis) * 1_000_000,
            zoneOffsetSeconds: offset)
    }

    /// ISO 8601: `YYYY-MM-DD[Thh:mm[:ss[.fffffff]]][Z|±hh:mm|±hhmm|±hh]` (`T` or a space).
    static func parseISO(_ text: String, form: Form) -> GraphDate? {
        var utf8 = text
        return utf8.withUTF8 { parseISO(bytes: $0, text: text, form: form) }
    }

    private static func parseISO(bytes b: UnsafeBufferPointer<UInt8>, text: String, form: Form) -> GraphDate? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var v = 0
            for k in 0..<count {
                let d = b[i + k] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += count
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else { return nil }
        var hour = 0, minute = 0, second = 0
        var nanos = 0
        var offset: Int?
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
            i += 1
            guard let h = number(2), expect(":"), let m = number(2) else { return nil }
            hour = h
            minute = m
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(2) else { return nil }
                second = s
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var digits = 0
                    while i < b.count, b[i] &- UInt8(ascii: "0") < 10 {
                        if digits < 9 { nanos = nanos * 10 + Int(b[i] - UInt8(ascii: "0")) }
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<max(9, digits) { nanos *= 10 }
                }
            }
            guard hour <= 24, minute <= 59, second <= 60 else { return nil }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    offset = 0
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    var om = 0
                    if i < b.count {
                        _ = expect(":")
                        guard let m = number(2) else { return nil }
                        om = m
                    }
                    guard oh <= 18, om <= 59 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
            guard i == b.count else { return nil }
        }
        if year == 1 && month == 1 && day == 1 && hour == 0 && minute == 0 && second == 0 && nanos == 0 {
            return GraphDate(raw: text, form: form, secondsSinceEpoch: nil, zoneOffsetSeconds: offset, isUnset: true)
        }
        var seconds = CivilCalendar.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        seconds -= Int64(offset ?? 0)
        return GraphDate(
            raw: text, form: form, secondsSinceEpoch: seconds, nanoseconds: Int32(nanos), zoneOffsetSeconds: offset)
    }
}

// MARK: Time zones

/// Resolves `dateTimeTimeZone.timeZone` names: UTC aliases, IANA names (through Foundation's
/// `TimeZone`), and common Windows names (mapped to IANA as in CLDR's windowsZones table).
enum TimeZoneResolver {
    enum Resolution {
        case utc
        case zone(TimeZone)
        case unknown
    }

    static let utcNames: Set<String> = [
        "utc", "etc/utc", "etc/gmt", "gmt", "z", "zulu", "universal", "etc/universal", "coordinated universal time",
        "utc+00:00", "utc-00:00", "(utc) coordinated universal time", "tzone://microsoft/utc", "etc/uct", "uct",
    ]

    /// Windows zone ids → IANA (the "001" territory of CLDR's windowsZones.xml), for the common ones.
    static let windowsZones: [String: String] = [
        "dateline standard time": "Etc/GMT+12", "hawaiian standard time": "Pacific/Honolulu",
        "alaskan standard time": "America/Anchorage", "pacific standard time": "America/Los_Angeles",
        "us mountain standard time": "America/Phoenix", "mountain standard time": "America/Denver",
        "central standard time": "America/Chicago", "central america standard time": "America/Guatemala",
        "canada central standard time": "America/Regina", "mexico standard time": "America/Mexico_City",
        "central standard time (mexico)": "America/Mexico_City", "eastern standard time": "America/New_York",
        "us eastern standard time": "America/Indianapolis", "atlantic standard time": "America/Halifax",
        "sa pacific standard time": "America/Bogota", "newfoundland standard time": "America/St_Johns",
        "e. south america standard time": "America/Sao_Paulo", "argentina standard time": "America/Buenos_Aires",
        "greenwich standard time": "Atlantic/Reykjavik", "gmt standard time": "Europe/London",
        "w. europe standard time": "Europe/Berlin", "central europe standard time": "Europe/Budapest",
        "romance standard time": "Europe/Paris", "central european standard time": "Europe/Warsaw",
        "w. central africa standard time": "Africa/Lagos", "gtb standard time": "Europe/Bucharest",
        "fle standard time": "Europe/Kiev", "e. europe standard time": "Europe/Chisinau",
        "egypt standard time": "Africa/Cairo", "south africa standard time": "Africa/Johannesburg",
        "israel standard time": "Asia/Jerusalem", "turkey standard time": "Europe/Istanbul",
        "russian standard time": "Europe/Moscow", "arab standard time": "Asia/Riyadh",
        "arabian standard time": "Asia/Dubai", "iran standard time": "Asia/Tehran",
        "pakistan standard time": "Asia/Karachi", "india standard time": "Asia/Calcutta",
        "nepal standard time": "Asia/Katmandu", "bangladesh standard time": "Asia/Dhaka",
        "se asia standard time": "Asia/Bangkok", "china standard time": "Asia/Shanghai",
        "singapore standard time": "Asia/Singapore", "taipei standard time": "Asia/Taipei",
        "w. australia standard time": "Australia/Perth", "tokyo standard time": "Asia/Tokyo",
        "korea standard time": "Asia/Seoul", "cen. australia standard time": "Australia/Adelaide",
        "aus central standard time": "Australia/Darwin", "e. australia standard time": "Australia/Brisbane",
        "aus eastern standard time": "Australia/Sydney", "new zealand standard time": "Pacific/Auckland",
        "hong kong standard time": "Asia/Hong_Kong", "morocco standard time": "Africa/Casablanca",
    ]

    static func resolve(_ name: String?) -> Resolution {
        guard let name else { return .unknown }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if utcNames.contains(lower) { return .utc }
        if let iana = windowsZones[lower], let zone = TimeZone(identifier: iana) { return .zone(zone) }
        if trimmed.contains("/"), let zone = TimeZone(identifier: trimmed) { return .zone(zone) }
        return .unknown
    }

    /// The zone's offset from UTC (seconds east) at the given local wall-clock time.
    static func offset(of zone: TimeZone, forLocalSeconds local: Int64) -> Int {
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - Int64(guess))))
    }
}
