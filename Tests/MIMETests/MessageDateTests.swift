import Testing
@testable import MIME

private func parse(_ text: String) -> (MessageDate?, DefectCollector) {
    var defects = DefectCollector()
    let date = MessageDate.parse(Array(text.utf8)[...], defects: &defects)
    return (date, defects)
}

private func utc(_ text: String) -> String? { parse(text).0?.iso8601UTC }

@Suite("MessageDate: RFC 5322 §3.3")
struct MessageDateTests {
    @Test func rfc5322DateTime() throws {
        let (parsed, defects) = parse(" Thu, 22 Aug 2002 11:26:25 -0700")
        let date = try #require(parsed)
        #expect(date.iso8601UTC == "2002-08-22T18:26:25Z")
        #expect(date.secondsSinceEpoch == 1_030_040_785)
        #expect(date.zoneOffsetSeconds == -25_200)
        #expect(defects.defects.isEmpty)
    }

    @Test func withoutDayNameAndWithPositiveOffset() throws {
        let date = try #require(parse("1 Jan 2024 00:15:00 +0530").0)
        #expect(date.iso8601UTC == "2023-12-31T18:45:00Z")
        #expect(date.zoneOffsetSeconds == 19_800)
    }

    @Test func secondsAreOptional() {
        #expect(utc("Thu, 22 Aug 2002 11:26 +0200") == "2002-08-22T09:26:00Z")
    }

    @Test func negativeZeroMeansUnknownZone() throws {
        let (parsed, defects) = parse("Thu, 22 Aug 2002 16:11:27 -0000")
        let date = try #require(parsed)
        #expect(date.iso8601UTC == "2002-08-22T16:11:27Z")
        #expect(date.zoneOffsetSeconds == nil)
        #expect(defects.defects.isEmpty)
        #expect(parse("Thu, 22 Aug 2002 16:11:27 +0000").0?.zoneOffsetSeconds == 0)
    }

    @Test func trailingCommentsAndGarbage() {
        #expect(utc("Thu, 22 Aug 2002 11:26:25 -0700 (PDT)") == "2002-08-22T18:26:25Z")
        #expect(utc("Wed, 20 Sep 1995 00:19:00 (EDT) -0400") == "1995-09-20T04:19:00Z")
        #expect(utc("Thu, 22 Aug 2002 11:26:25 +0000 trailing junk 123") == "2002-08-22T11:26:25Z")
    }

    @Test func leapDayAndCenturyRules() {
        #expect(utc("29 Feb 2004 12:00:00 +0000") == "2004-02-29T12:00:00Z")
        #expect(utc("29 Feb 2000 12:00:00 +0000") == "2000-02-29T12:00:00Z")
        #expect(parse("29 Feb 2002 12:00:00 +0000").0 == nil)
        #expect(parse("29 Feb 1900 12:00:00 +0000").0 == nil)
    }

    @Test func comparable() throws {
        let earlier = try #require(parse("Thu, 22 Aug 2002 11:26:25 +0000").0)
        let later = try #require(parse("Thu, 22 Aug 2002 11:26:25 -0100").0)
        #expect(earlier < later)
    }

    @Test func iso8601Formatting() {
        #expect(MessageDate(secondsSinceEpoch: 0, zoneOffsetSeconds: nil).iso8601UTC == "1970-01-01T00:00:00Z")
        #expect(MessageDate(secondsSinceEpoch: -1, zoneOffsetSeconds: nil).iso8601UTC == "1969-12-31T23:59:59Z")
        #expect(MessageDate(secondsSinceEpoch: 253_402_300_799, zoneOffsetSeconds: 0).iso8601UTC == "9999-12-31T23:59:59Z")
        #expect(MessageDate(secondsSinceEpoch: 951_782_400, zoneOffsetSeconds: 0).iso8601UTC == "2000-02-29T00:00:00Z")
    }

    @Test func componentInitializer() throws {
        let date = try #require(MessageDate(year: 2026, month: 11, day: 26, hour: 9, minute: 30, second: 0, zoneOffsetSeconds: 3600))
        #expect(date.iso8601UTC == "2026-11-26T08:30:00Z")
        #expect(MessageDate(year: 2026, month: 2, day: 29, hour: 0, minute: 0, second: 0, zoneOffsetSeconds: nil) == nil)
        #expect(MessageDate(year: 999, month: 1, day: 1, hour: 0, minute: 0, second: 0, zoneOffsetSeconds: nil) == nil)
    }
}

@Suite("MessageDate: obsolete and common forms (RFC 5322 §4.3)")
struct MessageDateObsoleteTests {
    @Test func twoDigitYears() throws {
        let (parsed, defects) = parse("Thu, 22 Aug 02 11:26:25 PDT")
        #expect(parsed?.iso8601UTC == "2002-08-22T18:26:25Z")
        #expect(defects.contains(.dateTwoDigitYear))
        #expect(utc("Mon, 21 Aug 95 13:30:57 -0600") == "1995-08-21T19:30:57Z")
        #expect(utc("1 Jan 49 00:00:00 +0000") == "2049-01-01T00:00:00Z")
        #expect(utc("1 Jan 50 00:00:00 +0000") == "1950-01-01T00:00:00Z")
    }

    @Test func threeDigitAndZeroPaddedYears() {
        let (parsed, defects) = parse("Thu, 22 Aug 102 12:07:35 +0800")
        #expect(parsed?.iso8601UTC == "2002-08-22T04:07:35Z")
        #expect(defects.contains(.dateTwoDigitYear))
        #expect(utc("Thu, 22 Aug 0102 12:07:35 +0800") == "2002-08-22T04:07:35Z")
    }

    @Test func obsoleteZoneNames() throws {
        let (parsed, defects) = parse("22 Aug 2002 11:26:25 EST")
        let date = try #require(parsed)
        #expect(date.iso8601UTC == "2002-08-22T16:26:25Z")
        #expect(date.zoneOffsetSeconds == -18_000)
        #expect(defects.contains(.dateObsoleteZone))
        #expect(utc("22 Aug 2002 11:26:25 GMT") == "2002-08-22T11:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 ut") == "2002-08-22T11:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 CDT") == "2002-08-22T16:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 MST") == "2002-08-22T18:26:25Z")
    }

    @Test func commonZoneNames() {
        #expect(utc("22 Aug 2002 11:26:25 CEST") == "2002-08-22T09:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 CET") == "2002-08-22T10:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 BST") == "2002-08-22T10:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 JST") == "2002-08-22T02:26:25Z")
        #expect(utc("22 Aug 2002 11:26:25 UTC") == "2002-08-22T11:26:25Z")
    }

    @Test func militaryAndUnknownZonesMeanUTCWithUnknownZone() throws {
        let (military, militaryDefects) = parse("Thu, 22 Aug 2002 11:26:25 A")
        #expect(military?.iso8601UTC == "2002-08-22T11:26:25Z")
        #expect(military?.zoneOffsetSeconds == nil)
        #expect(militaryDefects.contains(.dateObsoleteZone))

        let (unknown, unknownDefects) = parse("Thu, 22 Aug 2002 11:26:25 XYZT")
        #expect(unknown?.iso8601UTC == "2002-08-22T11:26:25Z")
        #expect(unknown?.zoneOffsetSeconds == nil)
        #expect(unknownDefects.contains(.dateObsoleteZone))

        #expect(parse("Thu, 22 Aug 2002 11:26:25 Z").0?.zoneOffsetSeconds == 0)
    }

    @Test func missingZoneIsUTC() throws {
        let (parsed, defects) = parse("Fri, 7 Dec 2001 07:01:03")
        let date = try #require(parsed)
        #expect(date.iso8601UTC == "2001-12-07T07:01:03Z")
        #expect(date.zoneOffsetSeconds == nil)
        #expect(defects.defects.map(\.code) == [.dateMissingZone])
        #expect(defects.defects.first?.offset == 24)
    }

    @Test func zoneWithNameAndOffset() {
        #expect(utc("Fri, 23 Aug 2002 22:46:34 GMT+1") == "2002-08-23T21:46:34Z")
        #expect(utc("Thu, 22 Aug 2002 11:26:25 GMT+0200") == "2002-08-22T09:26:25Z")
        #expect(utc("Thu, 22 Aug 2002 11:26:25 +02:00") == "2002-08-22T09:26:25Z")
        #expect(utc("Mon, 21 Aug 95 13:30:57 -600") == "1995-08-21T19:30:57Z")
    }

    @Test func lenientSpacingAndSeparators() {
        #expect(utc("Thu,22 Aug 2002 11:26:25 +0200") == "2002-08-22T09:26:25Z")
        #expect(utc("  Thu ,  22   Aug   2002   11:26:25   +0200  ") == "2002-08-22T09:26:25Z")
        #expect(utc("22-Aug-2002 11:26:25 +0200") == "2002-08-22T09:26:25Z")
        #expect(utc("thu, 22 aug 2002 11:26:25 gmt") == "2002-08-22T11:26:25Z")
        #expect(utc("Thu, 22 Aug 2002 11.26.25 +0200") == "2002-08-22T09:26:25Z")
        #expect(utc("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600") == "1997-11-21T15:55:06Z")
        #expect(utc("Tue, 17 Jul 2012 22:23:35.882 +0000") == "2012-07-17T22:23:35Z")
    }

    @Test func spelledOutNamesAndTwelveHourClock() {
        #expect(utc("Thursday, August 22, 2002 11:26:25 AM +0200") == "2002-08-22T09:26:25Z")
        #expect(utc("Tue, 06 Aug 2002 06:50:21 PM -0400") == "2002-08-06T22:50:21Z")
        #expect(utc("03 Jul 01 12:47:50 AM") == "2001-07-03T00:47:50Z")
        #expect(utc("22 Sept 2002 10:00:00 +0000") == "2002-09-22T10:00:00Z")
    }

    @Test func isoLikeForms() {
        #expect(utc("2002-08-22 11:26:25") == "2002-08-22T11:26:25Z")
        #expect(utc("2002-08-22T11:26:25Z") == "2002-08-22T11:26:25Z")
        #expect(utc("2002-08-22T11:26:25+02:00") == "2002-08-22T09:26:25Z")
        #expect(utc("2002/09/14 Sat 02:29:32 CDT") == "2002-09-14T07:29:32Z")
    }

    @Test func asctimeForms() {
        #expect(utc("Thu Aug 22 11:26:25 2002") == "2002-08-22T11:26:25Z")
        #expect(utc("Thu Aug 22 11:26:25 PDT 2002") == "2002-08-22T18:26:25Z")
        #expect(utc("Aug 22 2002 11:26:25 +0000") == "2002-08-22T11:26:25Z")
    }

    @Test func dateWithoutTimeIsMidnight() {
        #expect(utc("Thu, 22 Aug 2002") == "2002-08-22T00:00:00Z")
    }

    @Test func invalidDates() {
        for text in [
            "", "   ", "not a date", "Thu, 22 Foo 2002 11:26:25 +0000",
            "Thu, 32 Aug 2002 11:26:25 +0000", "Thu, 31 Feb 2002 11:26:25 +0200",
            "Thu, 22 Aug 2002 25:26:25 +0200", "Thu, 22 Aug 2002 24:00:00 +0200",
            "Thu, 22 Aug 2002 11:60:25 +0200", "Thu, 22 Aug 2002 11:26:60 +0200",
            "2002-13-01 10:00:00", "1 Jan 10000 00:00:00 +0000", "Thu, 22 Aug",
        ] {
            let (parsed, defects) = parse(text)
            #expect(parsed == nil, "\(text)")
            #expect(defects.defects.map(\.code) == [.dateInvalid], "\(text)")
        }
    }

    @Test func invalidDateReportsOnlyDateInvalid() {
        let (parsed, defects) = parse("Thu, 32 Aug 02 11:26:25 PDT")
        #expect(parsed == nil)
        #expect(defects.defects.map(\.code) == [.dateInvalid])
        #expect(defects.defects.first?.offset == 0)
    }
}
