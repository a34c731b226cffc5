/// A date-time from a Date or Received field (RFC 5322 §3.3, obsolete forms of §4.3), in UTC.
///
/// PLACEHOLDER API (to be completed): the signatures are the contract.
public struct MessageDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// The zone offset written in the field, in seconds east of UTC (`nil` when absent or unknown).
    public var zoneOffsetSeconds: Int?

    public init(secondsSinceEpoch: Int64, zoneOffsetSeconds: Int?) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.zoneOffsetSeconds = zoneOffsetSeconds
    }

    public static func < (a: MessageDate, b: MessageDate) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601UTC: String { "" }

    /// Parses a date-time; `nil` (with `mime.date-invalid`) when no date can be read.
    public static func parse(_ raw: ArraySlice<UInt8>, defects: inout DefectCollector) -> MessageDate? {
        nil
    }
}
