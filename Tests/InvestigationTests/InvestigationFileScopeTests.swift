import Foundation
import MailModel
import Testing
@testable import Investigation

@Suite("Investigation file: scope and date range")
struct InvestigationFileScopeTests {
    typealias F = InvestigationFileFixtures

    func scope(_ yaml: String, directory: DirectoryInfo? = nil) throws -> Scope {
        try F.parse("name: x\nfilters: [{subject: a}]\nscope:\n" + yaml, directory: directory).investigation.scope
    }

    func range(_ from: String?, _ to: String?) throws -> DateRange? {
        var parts: [String] = []
        if let from { parts.append("from: '\(from)'") }
        if let to { parts.append("to: '\(to)'") }
        return try scope("  dateRange: {\(parts.joined(separator: ", "))}").dateRange
    }

    /// Seconds since the epoch of a UTC date and time.
    func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0, _ s: Int = 0) -> Int64 {
        let components = DateComponents(year: y, month: m, day: d, hour: h, minute: min, second: s)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }

    @Test func defaults() throws {
        let investigation = try F.parse("name: x\nfilters: [{subject: a}]").investigation
        #expect(investigation.scope == Scope())
        #expect(investigation.match == .any)
        #expect(investigation.action == Action())
        #expect(investigation.description == nil)
        #expect(try scope("  {}").mailboxes == nil)
        #expect(try F.parse("name: x\nfilters: [{subject: a}]\nscope:\naction:\ndescription:").investigation.scope == Scope())
    }

    @Test func dateOnlyToIncludesTheWholeDay() throws {
        let r = try #require(try range("2026-11-24", "2026-11-24"))
        #expect(r.from == utc(2026, 11, 24))
        #expect(r.until == utc(2026, 11, 25))
        #expect(r.contains(utc(2026, 11, 24, 23, 59, 59)))
        #expect(r.contains(utc(2026, 11, 24, 23, 59, 0)))  // the online product's 23:59:00 end would stop here
        #expect(!r.contains(utc(2026, 11, 25)))
        #expect(!r.contains(utc(2026, 11, 23, 23, 40, 12)))  // the PO 55187 near miss, sent 23:40 UTC the day before
        #expect(r.fromText == "2026-11-24" && r.toText == "2026-11-24")
    }

    @Test func timestampToIsExclusive() throws {
        let r = try #require(try range("2026-11-24T08:00:00Z", "2026-11-24T08:12:09Z"))
        #expect(r.from == utc(2026, 11, 24, 8))
        #expect(r.until == utc(2026, 11, 24, 8, 12, 9))
        #expect(r.contains(utc(2026, 11, 24, 8)))  // from is inclusive
        #expect(r.contains(utc(2026, 11, 24, 8, 12, 8)))
        #expect(!r.contains(utc(2026, 11, 24, 8, 12, 9)))  // to is exclusive
    }

    @Test func offsetsAndForms() throws {
        #expect(try range("2026-11-24T09:12:09+01:00", nil)?.from == utc(2026, 11, 24, 8, 12, 9))
        #expect(try range("2026-11-24T03:12:09-0500", nil)?.from == utc(2026, 11, 24, 8, 12, 9))
        #expect(try range("2026-11-24T10:12:09+02", nil)?.from == utc(2026, 11, 24, 8, 12, 9))
        #expect(try range("2026-11-24 08:12:09", nil)?.from == utc(2026, 11, 24, 8, 12, 9))  // no offset: UTC
        #expect(try range("2026-11-24t08:12z", nil)?.from == utc(2026, 11, 24, 8, 12))
        #expect(try range("2026-11-24T08:12:09.5Z", nil)?.from == utc(2026, 11, 24, 8, 12, 10))  // rounded up
        #expect(try range("2026-11-24T08:12:09.000Z", nil)?.from == utc(2026, 11, 24, 8, 12, 9))
        #expect(try range(nil, "2026-11-24T00:00:00+01:00")?.until == utc(2026, 11, 23, 23))
        #expect(try range("2024-02-29", nil)?.from == utc(2024, 2, 29))
        #expect(try range("1969-12-31", nil)?.from == -86_400)
        // Unquoted in YAML (which could read a timestamp) the raw text is used just the same.
        let unquoted = try scope("  dateRange: {from: 2026-11-24T09:00:00+01:00, to: 2026-11-24}").dateRange
        #expect(unquoted?.from == utc(2026, 11, 24, 8) && unquoted?.until == utc(2026, 11, 25))
        #expect(unquoted?.fromText == "2026-11-24T09:00:00+01:00")
    }

    @Test func openEndedRanges() throws {
        #expect(try range("2026-11-01", nil) == DateRange(from: utc(2026, 11, 1), until: nil, fromText: "2026-11-01", toText: nil))
        #expect(try range(nil, "2026-11-30") == DateRange(from: nil, until: utc(2026, 12, 1), fromText: nil, toText: "2026-11-30"))
    }

    @Test func invalidDatesAndRanges() {
        for bad in ["2026-11-31", "2025-02-29", "2026-13-01", "26-11-01", "2026-1-1", "2026-11-24T25:00", "2026-11-24T08:60",
                    "2026-11-24T08:00:61", "2026-11-24T08:00+24:00", "2026-11-24T", "2026-11-24 08", "24 Nov 2026", "today", "1793491200"] {
            #expect(F.brief(F.errors("name: x\nfilters: [{subject: a}]\nscope: {dateRange: {from: '\(bad)'}}")) == ["rule.invalid-date@3:27"], "\(bad)")
        }
        // An empty range: from == to as timestamps, or from after a date-only to's day.
        #expect(F.brief(F.errors("name: x\nfilters: [{subject: a}]\nscope: {dateRange: {from: '2026-11-24T08:00Z', to: '2026-11-24T08:00Z'}}"))
            == ["rule.invalid-date-range@3:52"])
        #expect(F.brief(F.errors("name: x\nfilters: [{subject: a}]\nscope: {dateRange: {from: 2026-11-25, to: 2026-11-24}}"))
            == ["rule.invalid-date-range@3:43"])
        // A same-day date-only range is not empty; a timestamp from late on a date-only to's day is fine.
        #expect(F.errors("name: x\nfilters: [{subject: a}]\nscope: {dateRange: {from: '2026-11-24T23:00Z', to: 2026-11-24}}").isEmpty)
        #expect(F.brief(F.errors("name: x\nfilters: [{subject: a}]\nscope: {dateRange: {}}")) == ["rule.empty-value@3:20"])
        #expect(F.brief(F.errors("name: x\nfilters: [{subject: a}]\nscope: {dateRange: }")) == ["rule.empty-value@3:9"])
    }

    @Test func mailboxes() throws {
        #expect(try scope("  mailboxes: all").mailboxes == nil)
        #expect(try scope("  mailboxes: ALL").mailboxes == nil)
        #expect(try scope("  mailboxes: Alice.Martin@Fabrikam.example").mailboxes == ["alice.martin@fabrikam.example"])
        #expect(try scope("  mailboxes: [B@x.example, a@x.example, b@X.example]").mailboxes == ["b@x.example", "a@x.example"])
        #expect(F.brief(F.errors("name: x\nfilters: [{subject: a}]\nscope: {mailboxes: []}")) == ["rule.empty-value@3:20"])
    }

    @Test func groupsFoldersAndDomains() throws {
        let s = try scope("""
              groups: Finance
              folders: [junk, Deleted Items, deleteditems, trash, sent, INBOX, 'Junk E-mail', drafts, Archive, Clients/Tailspin, ' Projects ']
              authorizedDomains: [Fabrikam.Example, '@contoso.example', '*.northwind.example', 'tailspin.example.']
            """)
        #expect(s.groups == ["Finance"])
        #expect(s.folders == ["Junk Email", "Deleted Items", "Sent Items", "Inbox", "Drafts", "Archive", "Clients/Tailspin", "Projects"])
        #expect(s.authorizedDomains == ["fabrikam.example", "contoso.example", "northwind.example", "tailspin.example"])
        #expect(WellKnownFolder.normalize("Junk_Email") == "Junk Email")
        #expect(WellKnownFolder.normalize("spam") == "Junk Email")
        #expect(WellKnownFolder.normalize("Gelöschte Elemente") == "Deleted Items")
    }

    @Test func directoryChecks() throws {
        let directory = F.sampleDirectory
        // Departments (users.json) and groups (groups.json), in any case, are known.
        let s = try scope("  groups: [finance, IT Admins, Executive, executives, SALES]\n  mailboxes: [ines.romero@fabrikam.example]", directory: directory)
        #expect(s.groups == ["finance", "IT Admins", "Executive", "executives", "SALES"])
        let errors = F.errors("name: x\nfilters: [{subject: a}]\nscope:\n  groups: [Legal, IT Admin]\n  mailboxes: [alice.martn@fabrikam.example]", directory: directory)
        #expect(F.brief(errors) == ["rule.unknown-group@4:12", "rule.unknown-group@4:19", "rule.unknown-mailbox@5:15"])
        #expect(errors[0].message == "no group or department is named 'Legal'")
        #expect(errors[1].message == "no group or department is named 'IT Admin'; did you mean 'it admins'?")
        #expect(errors[2].message.hasSuffix("did you mean 'alice.martin@fabrikam.example'?"))
        // A group with no members matches nobody: an error, not an empty investigation.
        let empty = DirectoryInfo(mailboxes: ["a@x.example"], groups: ["Legal": []])
        #expect(F.errors("name: x\nfilters: [{subject: a}]\nscope: {groups: [legal]}", directory: empty).first?.message.contains("no members") == true)
        // An export without any directory: every group is unknown, and the message says why.
        let none = DirectoryInfo(mailboxes: ["a@x.example"])
        #expect(F.errors("name: x\nfilters: [{subject: a}]\nscope: {groups: [Finance]}", directory: none).first?.message.contains("no users.json") == true)
    }

    @Test func directoryInfoLowerCases() {
        let info = DirectoryInfo(mailboxes: ["A@X.example"], groups: ["Finance": ["A@X.example"], "FINANCE": ["b@x.example"]])
        #expect(info.mailboxes == ["a@x.example"])
        #expect(info.groups == ["finance": ["a@x.example", "b@x.example"]])
    }
}
