import Foundation
import Testing
@testable import Investigation
@testable import Pipeline
import Ingest
import MIME
import MailModel

/// Investigations over the sample tenant (`Fixtures/sample-tenant`, whose README lists the planted
/// campaign) and over small messages written for one filter each: filters and operators, groups,
/// scope, date ranges, actions and caveats, unsearchable items.
@Suite(.serialized)
struct InvestigationRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tenant = root.appendingPathComponent("Fixtures/sample-tenant").path
    static let campaignID = "b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example"

    static func investigation(_ yaml: String, directoryFor paths: [String]? = nil) throws -> Investigation {
        let directory = paths.map { ExportDirectoryInfo.read(paths: $0) }
        return try InvestigationFile.parse(text: yaml, path: "inline.yaml", fileSHA256: "", directory: directory).investigation
    }

    static func run(_ yaml: String, paths: [String] = [tenant]) throws -> InvestigationReport {
        let investigation = try investigation(yaml, directoryFor: paths)
        return InvestigationRunner(investigation: investigation, workers: 2).run(paths: paths, toolVersion: "test", runOptions: [:]).0
    }

    /// `mailbox|folder` of every match, sorted.
    static func places(_ report: InvestigationReport) -> [String] {
        report.matches.map { "\($0.mailbox.split(separator: ".").first!)|\($0.folder)" }
    }

    static let directCopies = [
        "alice|Inbox", "bruno|Inbox", "chloe|Junk Email", "emma|Deleted Items", "farid|Inbox", "grace|Junk Email", "henry|Deleted Items",
    ]
    static let allCopies = [
        "alice|Inbox", "bruno|Inbox", "bruno|Sent Items", "chloe|Junk Email", "david|Inbox", "emma|Deleted Items", "farid|Inbox",
        "grace|Junk Email", "henry|Deleted Items",
    ]

    // MARK: The planted campaign

    @Test func campaignInvestigationFindsEveryPlantedCopyAndNothingElse() throws {
        let investigation = try InvestigationFile.load(path: Self.root.appendingPathComponent("Fixtures/investigations/invoice-lure.yaml").path).investigation
        let report = InvestigationRunner(investigation: investigation, workers: 2).run(paths: [Self.tenant], toolVersion: "test", runOptions: [:]).0
        #expect(Self.places(report) == Self.allCopies)
        #expect(report.summary.mailboxesScanned == 12)
        #expect(report.summary.mailboxesWithMatches == 8)
        #expect(report.summary.messagesMatched == 9)
        #expect(report.matches.allSatisfy { $0.plannedAction == "would-move-to-trash" })
    }

    @Test func recipientsOfRepeatedToCcAndBccFieldsAllCount() throws {
        // Fixture 51: `To:` junk then two recipients, `Cc:` and `Bcc:` twice each.
        let path = Self.root.appendingPathComponent("Fixtures/mime/51-repeated-address-headers.eml").path
        for (filter, value) in [("to", "erin@example.org"), ("cc", "audit@example.org"), ("bcc", "hidden2@example.org")] {
            let report = try Self.run("name: t\nfilters:\n  - \(filter): \(value)\n", paths: [path])
            #expect(report.matches.count == 1, "\(filter): \(value)")
            #expect(report.matches.first?.to == ["dana@example.org", "erin@example.org"])
        }
        let first = try Self.run("name: t\nfilters:\n  - from: other@example.net\n", paths: [path])
        #expect(first.matches.isEmpty)
    }

    @Test func senderDomainMatchesTheDirectCopiesInBothFormats() throws {
        let report = try Self.run("name: t\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(Self.places(report) == Self.directCopies)
        #expect(report.matches.allSatisfy { $0.matchedFilters == ["f1"] && $0.messageID == Self.campaignID })
        #expect(Set(report.matches.map(\.source.format)) == ["eml", "graph-json"])
        #expect(report.matches.first?.evidence.first?.snippet == "billing@fabrikam-invoices.example")
    }

    @Test func fullAddressAndSubdomainRules() throws {
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - from: BILLING@fabrikam-invoices.example\n")) == Self.directCopies)
        #expect(try Self.run("name: t\nfilters:\n  - from: invoices.example\n").matches.isEmpty, "a label boundary is required")
        #expect(try Self.run("name: t\nfilters:\n  - from: example\n").matches.count > 9, "a subdomain of a parent domain matches")
    }

    @Test func linkDomainAndAttachmentDigestReachAttachedMessages() throws {
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - url: fabrikam-invoices.example\n")) == Self.allCopies)
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - url: https://fabrikam-invoices.example/pay/\n")) == Self.allCopies)
        let sha = try Self.run("name: t\nfilters:\n  - attachmentSHA256: 2B196B357458E333CDAD7FEE70412832F8AFE877DEBB72359E29ABB81A587D4E\n")
        #expect(Self.places(sha) == Self.allCopies)
        #expect(sha.matches.first?.evidence.first?.field == "attachment")
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - attachmentMD5: 070f669c5dd31fa0e35c5f1751afda36\n")) == Self.allCopies)
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - attachmentSHA1: a0873547708a2298483dc9b4c438f6bafd8b4992\n")) == Self.allCopies)
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - attachmentName: 'INV-*.html'\n")) == Self.allCopies)
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - attachmentSize: 670\n  - attachmentExtension: .zzz\n")) == Self.allCopies)
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - attachmentSize: {min: 660, max: 680}\n")) == Self.allCopies)
    }

    @Test func senderIPIsUnsearchableWithoutHeaders() throws {
        let report = try Self.run("name: t\nfilters:\n  - ip: 203.0.113.77\n")
        #expect(Self.places(report) == Self.directCopies.filter { !$0.hasPrefix("henry") })
        // Henry's export has no headers: each of his messages is unsearchable for `ip`, never a non-match.
        #expect(report.summary.unsearchableByFilter["f1"] == 22)
        #expect(report.summary.messagesUnsearchable == 22)
        // A CIDR range also catches the look-alike spam from 203.0.113.7.
        let cidr = try Self.run("name: t\nfilters:\n  - ip: 203.0.113.0/24\n")
        #expect(cidr.matches.count > report.matches.count)
    }

    @Test func unknownOrAnotherFilterDecides() throws {
        // With `any`, a filter that holds decides even when another cannot be evaluated.
        let report = try Self.run("name: t\nmatch: any\nfilters:\n  - ip: 203.0.113.77\n  - subject: Overdue invoice INV-204981\n")
        #expect(report.matches.contains { $0.mailbox.hasPrefix("henry") })
        #expect(report.summary.messagesUnsearchable == 21)
    }

    @Test func headerFilter() throws {
        let report = try Self.run("name: t\nfilters:\n  - header: {name: X-Mailer, contains: phpmailer}\n")
        #expect(Self.places(report) == Self.directCopies.filter { !$0.hasPrefix("henry") })
        #expect(report.summary.unsearchableByFilter["f1"] == 22)
        let exists = try Self.run("name: t\nfilters:\n  - header: {name: X-Mailer, exists: true}\n")
        #expect(exists.matches.count >= 6)
    }

    @Test func subjectKeywordRegexAndSenderName() throws {
        let subject = try Self.run("name: t\nfilters:\n  - subject: 'overdue   INVOICE inv-204981'\n")
        #expect(Set(Self.places(subject)).isSuperset(of: Self.directCopies), "case and white space are normalised")
        let exact = try Self.run("name: t\nfilters:\n  - {field: subject, op: equals, value: 'Overdue invoice INV-204981 – action required', caseSensitive: true}\n")
        #expect(Self.places(exact) == Self.directCopies)
        // The body text is what a person reads: HTML reduced to text (the link's href is not in it).
        let keyword = try Self.run("name: t\nfilters:\n  - keyword: '14 DAYS overdue'\n")
        #expect(Self.places(keyword) == Self.allCopies)
        #expect(keyword.matches.first?.evidence.first?.field == "body")
        #expect(try Self.run("name: t\nfilters:\n  - keyword: fabrikam-invoices.example/pay\n").matches.count < 9)
        let regex = try Self.run("name: t\nfilters:\n  - regex: 'EUR 18,460\\.\\d{2}, due \\d+ November'\n")
        #expect(Self.places(regex) == Self.allCopies)
        #expect(regex.matches.first?.evidence.first?.snippet.contains("EUR 18,460.00, due 10 November") == true)
        let name = try Self.run("name: t\nfilters:\n  - senderName: accounts payable\n  - not: {from: fabrikam.example}\nmatch: all\n")
        #expect(Self.places(name) == Self.directCopies)
    }

    @Test func messageIdWithOrWithoutBrackets() throws {
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - messageId: '<\(Self.campaignID)>'\n")) == Self.directCopies)
        #expect(Self.places(try Self.run("name: t\nfilters:\n  - messageId: \(Self.campaignID)\n")) == Self.directCopies)
    }

    @Test func nestedGroupsAndNegativeOperators() throws {
        let yaml = """
            name: t
            match: all
            filters:
              - any:
                  - from: fabrikam-invoices.example
                  - all:
                      - attachmentExtension: html
                      - not: {from: fabrikam-invoices.example}
              - {field: subject, op: notContains, value: "FW:"}
            """
        let report = try Self.run(yaml)
        #expect(Self.places(report) == Self.directCopies)
        let none = try Self.run("name: t\nfilters:\n  - {field: to, op: notExists}\n")
        #expect(none.matches.allSatisfy { $0.to.isEmpty })
    }

    // MARK: Scope (§7)

    @Test func authorizedDomainsAndGroupsAndMailboxes() throws {
        let outside = try Self.run("name: t\nscope: {authorizedDomains: [contoso.example]}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(outside.matches.isEmpty)
        #expect(outside.summary.mailboxesScanned == 0)
        #expect(outside.summary.mailboxesNotScanned.count == 12)
        #expect(outside.summary.mailboxesNotScanned.allSatisfy { $0.reason == .notAuthorized })

        let finance = try Self.run("name: t\nscope: {groups: [Finance]}\nfilters:\n  - url: fabrikam-invoices.example\n")
        #expect(Self.places(finance) == ["alice|Inbox", "bruno|Inbox", "bruno|Sent Items"])
        #expect(finance.summary.mailboxesNotScanned.allSatisfy { $0.reason == .outOfScope })

        let mixed = try Self.run("name: t\nscope: {mailboxes: [alice.martin@fabrikam.example], groups: [Executives]}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(Self.places(mixed) == ["alice|Inbox", "farid|Inbox", "grace|Junk Email"])
    }

    @Test func foldersScope() throws {
        let junk = try Self.run("name: t\nscope: {folders: [junk]}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(Self.places(junk) == ["chloe|Junk Email", "grace|Junk Email"])
        #expect(junk.summary.messagesOutsideFolders > 0)
    }

    @Test func dateRangeEdges() throws {
        // A date-only `to` includes the whole day.
        let day = try Self.run("name: t\nscope: {dateRange: {from: 2026-11-24, to: 2026-11-24}}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(Self.places(day) == Self.directCopies)
        // A timestamp `to` is exclusive: the campaign was sent at 08:12:09Z.
        let before = try Self.run("name: t\nscope: {dateRange: {from: 2026-11-24, to: '2026-11-24T08:12:09Z'}}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(before.matches.isEmpty)
        let at = try Self.run("name: t\nscope: {dateRange: {from: '2026-11-24T08:12:09Z', to: '2026-11-24T08:12:10Z'}}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(Self.places(at) == Self.directCopies)
        // Offsets: 09:12:09+01:00 is 08:12:09Z.
        let offset = try Self.run("name: t\nscope: {dateRange: {from: '2026-11-24T09:12:09+01:00', to: 2026-11-25}}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(Self.places(offset) == Self.directCopies)
        let after = try Self.run("name: t\nscope: {dateRange: {from: 2026-11-25}}\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(after.matches.isEmpty)
        #expect(after.summary.messagesOutsideDateRange > 0)
    }

    @Test func undatedItemsAreCountedOutsideAnyRange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-undated-\(getpid())/someone@example.com/Inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        try Data("From: a@evil.example\nSubject: no date\n\nbody\n".utf8).write(to: folder.appendingPathComponent("1.eml"))
        let path = folder.deletingLastPathComponent().deletingLastPathComponent().path
        let ranged = try Self.run("name: t\nscope: {dateRange: {from: 2020-01-01}}\nfilters:\n  - from: evil.example\n", paths: [path])
        #expect(ranged.matches.isEmpty)
        #expect(ranged.summary.messagesUndated == 1)
        let unranged = try Self.run("name: t\nfilters:\n  - from: evil.example\n", paths: [path])
        #expect(unranged.matches.count == 1)
    }

    // MARK: Mailbox identities and folders (§3.2, §7) over Fixtures/directory-tenant

    static let directoryTenant = root.appendingPathComponent("Fixtures/directory-tenant").path

    /// `mailbox|folder` of every match over the directory tenant, for an investigation with `scope`.
    static func directoryMatches(scope: String) throws -> (places: [String], notScanned: [String]) {
        let yaml = "name: t\nscope:\n\(scope)\nfilters:\n  - subject: quarterly invoice\n"
        let report = try run(yaml, paths: [directoryTenant])
        return (report.matches.map { "\($0.mailbox)|\($0.folder)" }, report.mailboxes.filter { $0.status != .scanned }.map { "\($0.mailbox):\($0.status)" })
    }

    @Test func aGraphContextNamingTheUserByIdIsTheirMailbox() throws {
        let all = try Self.directoryMatches(scope: "  mailboxes: all")
        #expect(all.places == [
            "ann.x@contoso.onmicrosoft.com|Inbox", "bob@contoso.example|Inbox", "carol@contoso.example|Deleted Items",
            "carol@contoso.example|Inbox", "dave@contoso.example|Junk Email",
        ])
    }

    @Test func listedMailboxesMatchAUserByAddressOrUPN() throws {
        #expect(try Self.directoryMatches(scope: "  mailboxes: [ann@contoso.example]").places == ["ann.x@contoso.onmicrosoft.com|Inbox"])
        #expect(try Self.directoryMatches(scope: "  mailboxes: [BOB.Y@contoso.onmicrosoft.com]").places == ["bob@contoso.example|Inbox"])
        let carol = try Self.directoryMatches(scope: "  mailboxes: [carol@contoso.example]")
        #expect(carol.places == ["carol@contoso.example|Deleted Items", "carol@contoso.example|Inbox"])
    }

    @Test func departmentsAndAuthorizedDomainsSeeEveryIdentityOfAUser() throws {
        let finance = try Self.directoryMatches(scope: "  groups: [Finance]")
        #expect(finance.places == ["ann.x@contoso.onmicrosoft.com|Inbox", "carol@contoso.example|Deleted Items", "carol@contoso.example|Inbox"])
        // Ann's folder is named by her onmicrosoft UPN; her address is in contoso.example.
        let contoso = try Self.directoryMatches(scope: "  authorizedDomains: [contoso.example]")
        #expect(contoso.places.count == 5)
        let tenantDomain = try Self.directoryMatches(scope: "  authorizedDomains: [contoso.onmicrosoft.com]")
        #expect(tenantDomain.places == ["ann.x@contoso.onmicrosoft.com|Inbox", "bob@contoso.example|Inbox"])
        #expect(tenantDomain.notScanned == ["carol@contoso.example:not-authorized", "dave@contoso.example:not-authorized"])
    }

    @Test func aListedMailboxWithNoMailInTheExportIsNotScannedForThatReason() throws {
        // Ann is in users.json, but only Bob's folder is given.
        let paths = [Self.directoryTenant + "/users.json", Self.directoryTenant + "/bob@contoso.example"]
        let report = try Self.run("name: t\nscope:\n  mailboxes: [ann@contoso.example, bob@contoso.example]\nfilters:\n  - subject: quarterly invoice\n", paths: paths)
        #expect(report.matches.map(\.mailbox) == ["bob@contoso.example"])
        #expect(report.summary.mailboxesNotScanned.map { "\($0.mailbox): \($0.reason)" } == ["ann@contoso.example: not-in-export"])
    }

    @Test func mailFoldersWithoutAnnotationsStillNameTheFolders() throws {
        let deleted = try Self.directoryMatches(scope: "  folders: [Deleted Items, Junk Email]")
        #expect(deleted.places == ["carol@contoso.example|Deleted Items", "dave@contoso.example|Junk Email"])
    }

    // MARK: Actions and caveats (§8)

    @Test func plannedActionsAndCaveats() throws {
        let warn = try Self.run("name: t\nfilters:\n  - url: fabrikam-invoices.example\naction: {type: warn, message: Known phishing. Do not open.}\n")
        #expect(warn.matches.allSatisfy { $0.plannedAction == "would-warn" && $0.warningMessage == "Known phishing. Do not open." })
        func caveats(_ place: String) -> [String] { warn.matches.first { Self.places(InvestigationReport(investigation: warn.investigation, summary: warn.summary, mailboxes: [], matches: [$0], diagnostics: [], run: warn.run)) == [place] }?.caveats ?? ["missing"] }
        #expect(caveats("emma|Deleted Items").contains("in-deleted-items"))
        #expect(caveats("bruno|Sent Items").contains("senders-own-copy"))
        #expect(caveats("alice|Inbox").contains("already-read"))
        #expect(!caveats("farid|Inbox").contains("already-read"))
        let delete = try Self.run("name: t\nfilters:\n  - url: fabrikam-invoices.example\naction: {type: delete}\n")
        #expect(delete.matches.allSatisfy { $0.plannedAction == "would-delete" && $0.warningMessage == nil })
        let none = try Self.run("name: t\nfilters:\n  - url: fabrikam-invoices.example\n")
        #expect(none.matches.allSatisfy { $0.plannedAction == "none" })
    }

    // MARK: Robustness

    @Test func anAttachmentCutAtTheDecodingLimitHasUnknownDigestsAndIsReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-cut-\(getpid())-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("someone@example.com/Inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let payload = Data(repeating: 0x41, count: 3_000).base64EncodedString(options: .lineLength76Characters)
        let message = "From: a@example.com\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b\nContent-Type: application/octet-stream; name=big.bin\nContent-Transfer-Encoding: base64\n\n\(payload)\n--b--\n"
        try Data(message.utf8).write(to: folder.appendingPathComponent("1.eml"))
        var limits = ParserLimits()
        limits.maxDecodedBytes = 1_000
        let yaml = "name: t\nmatch: any\nfilters:\n  - attachmentSHA256: \(String(repeating: "0", count: 64))\n  - attachmentName: big.bin\n"
        let investigation = try Self.investigation(yaml)
        let report = InvestigationRunner(investigation: investigation, workers: 1, options: ParserOptions(limits: limits))
            .run(paths: [root.path], toolVersion: "t", runOptions: [:]).0
        // The name still matches; the digest cannot be decided, and the cut is in the diagnostics.
        #expect(report.matches.count == 1)
        #expect(report.summary.unsearchableByFilter["f1"] == 1)
        #expect(report.matches.first?.caveats.contains("partly-read") == true)
        #expect(report.diagnostics.contains { $0.code == "mime.decoded-size-limit" })
    }

    @Test func aMailboxThatCannotBeReadIsNotScannedForThatReason() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-unreadable-\(getpid())-\(UUID().uuidString)")
        let inbox = root.appendingPathComponent("a@x.example/Inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("From: s@y.example\nSubject: hello\n\nbody\n".utf8).write(to: inbox.appendingPathComponent("1.eml"))
        // A mailbox folder that cannot be opened (a link to nothing).
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("b@x.example").path, withDestinationPath: "/nonexistent/dragnet")
        let investigation = try Self.investigation("name: t\nfilters:\n  - subject: hello\n")
        let (report, status) = InvestigationRunner(investigation: investigation, workers: 1).run(paths: [root.path], toolVersion: "t", runOptions: [:])
        #expect(status == .partlyUnreadable)
        #expect(report.matches.count == 1)
        #expect(report.summary.mailboxesNotScanned.map { "\($0.mailbox): \($0.reason)" } == ["b@x.example: unreadable"])
        // A mailbox whose only file is cut before its first message is unreadable too.
        let cut = root.appendingPathComponent("c@x.example")
        try FileManager.default.createDirectory(at: cut, withIntermediateDirectories: true)
        try Data(#"{"value": [{"subject": "hel"#.utf8).write(to: cut.appendingPathComponent("page.json"))
        let (again, _) = InvestigationRunner(investigation: investigation, workers: 1).run(paths: [root.path], toolVersion: "t", runOptions: [:])
        #expect(again.summary.mailboxesNotScanned.map { "\($0.mailbox): \($0.reason)" } == ["b@x.example: unreadable", "c@x.example: unreadable"])
    }

    @Test func catastrophicRegexFinishes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-regex-\(getpid())/someone@example.com/Inbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        let body = String(repeating: "a", count: 200_000) + "!"
        try Data("From: a@example.com\nSubject: x\n\n\(body)\n".utf8).write(to: folder.appendingPathComponent("1.eml"))
        let report = try Self.run("name: t\nfilters:\n  - regex: '(a+)+$'\n", paths: [folder.deletingLastPathComponent().deletingLastPathComponent().path])
        // RE2 is linear: the run completes; the body ends with "!\n", so `$` after a run of a's only matches at the end of the text.
        #expect(report.summary.messagesScanned == 1)
    }

    @Test func longDomainListsFindWhatEachValueFinds() throws {
        let decoys = (0..<40).map { "decoy\($0).example" }.joined(separator: ", ")
        let one = try Self.run("name: t\nfilters:\n  - url: fabrikam-invoices.example\n")
        let many = try Self.run("name: t\nfilters:\n  - url: [\(decoys), fabrikam-invoices.example]\n")
        #expect(!one.matches.isEmpty)
        #expect(many.matches.map(\.source) == one.matches.map(\.source))
        let sender = try Self.run("name: t\nfilters:\n  - from: [\(decoys), billing@fabrikam-invoices.example, fabrikam-invoices.example]\n")
        let senderOne = try Self.run("name: t\nfilters:\n  - from: fabrikam-invoices.example\n")
        #expect(!senderOne.matches.isEmpty)
        #expect(sender.matches.map(\.source) == senderOne.matches.map(\.source))
    }

    @Test func longKeywordListsFindWhatEachValueFindsWithTheSameEvidence() throws {
        let decoys = (0..<40).map { "\"decoy phrase \($0)\"" }.joined(separator: ", ")
        let one = try Self.run("name: t\nfilters:\n  - keyword: invoice\n")
        let many = try Self.run("name: t\nfilters:\n  - keyword: [\(decoys), invoice]\n")
        #expect(!one.matches.isEmpty)
        #expect(many.matches.map(\.source) == one.matches.map(\.source))
        #expect(many.matches.map(\.evidence) == one.matches.map(\.evidence))
        let subjects = try Self.run("name: t\nfilters:\n  - {field: subject, op: equals, value: [\(decoys), \"Quarterly invoice\"]}\n", paths: [Self.directoryTenant])
        #expect(subjects.matches.count == 4)  // every "Quarterly invoice" but the reminder
    }

    @Test func itemsAreBuiltWithWhatTheFiltersRead() throws {
        #expect(ItemContent(readBy: try Self.investigation("name: t\nfilters:\n  - from: a.example\n  - subject: x\n")) == [])
        #expect(ItemContent(readBy: try Self.investigation("name: t\nfilters:\n  - keyword: x\n  - url: a.example\n")) == [.bodies, .links])
        let nested = "name: t\nfilters:\n  - any:\n      - not:\n          ip: 10.0.0.0/8\n      - header: {name: X-Mailer, contains: y}\n"
        #expect(ItemContent(readBy: try Self.investigation(nested)) == [.senderIPs, .headers])
    }

    @Test(arguments: ["invoice-lure.yaml", "invoice-lure-attachment.yaml", "invoice-lure-body.yaml", "invoice-lure-direct-copies.yaml",
                      "invoice-lure-headers.yaml", "finance-inbox-warning.yaml", "spec-example.yaml"])
    func reportsDoNotDependOnWhatIsBuiltBeyondTheFilters(_ name: String) throws {
        let directory = ExportDirectoryInfo.read(paths: [Self.tenant])
        let path = Self.root.appendingPathComponent("Fixtures/investigations/\(name)").path
        let investigation = try InvestigationFile.load(path: path, directory: directory).investigation
        var everything = InvestigationRunner(investigation: investigation, workers: 2)
        everything.itemContent = .all
        let full = everything.run(paths: [Self.tenant], toolVersion: "t", runOptions: [:]).0
        let lean = InvestigationRunner(investigation: investigation, workers: 2).run(paths: [Self.tenant], toolVersion: "t", runOptions: [:]).0
        #expect(lean.matches.map(\.source) == full.matches.map(\.source))
        #expect(lean.matches.map(\.evidence) == full.matches.map(\.evidence))
        #expect(lean.matches.map(\.caveats) == full.matches.map(\.caveats))
        #expect(lean.summary.messagesScanned == full.summary.messagesScanned)
        #expect(lean.summary.messagesMatched == full.summary.messagesMatched)
        #expect(lean.summary.messagesUnsearchable == full.summary.messagesUnsearchable)
        #expect(lean.summary.unsearchableByFilter == full.summary.unsearchableByFilter)
    }

    @Test func reportOrderIsDeterministicAcrossWorkerCounts() throws {
        let investigation = try Self.investigation("name: t\nfilters:\n  - keyword: invoice\n")
        let one = InvestigationRunner(investigation: investigation, workers: 1).run(paths: [Self.tenant], toolVersion: "t", runOptions: [:]).0
        let two = InvestigationRunner(investigation: investigation, workers: 2).run(paths: [Self.tenant], toolVersion: "t", runOptions: [:]).0
        #expect(one.matches.map(\.source) == two.matches.map(\.source))
        #expect(one.matches.count > 9)
    }
}
