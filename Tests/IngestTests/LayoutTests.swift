import Foundation
import Testing
@testable import Ingest
import MailModel

/// Export layouts as they are handed over (§3.3), one fixture each (`Fixtures/layouts/generate.py`):
/// every real message read, no side file read as a message, custodians and folder paths as the
/// layout records them.
@Suite
struct LayoutTests {
    static func summary(_ scan: Layouts.Scan) -> [String] {
        scan.messages.map { "\($0.mailbox)|\($0.mailboxPart ?? "-")|\($0.folder)|\($0.source.format)" }
    }

    @Test func appleMail() {
        let scan = Layouts.scan("apple-mail")
        #expect(Self.summary(scan) == [
            "unknown|-|Inbox|mbox", "unknown|-|Inbox|mbox",
            "unknown|-|Inbox|emlx", "unknown|-|Inbox|emlx", "unknown|-|Inbox|emlx", "unknown|-|Inbox|emlx",
            "unknown|-|Work/Projects|emlx", "dave@corp.example|-|Inbox|emlx",
        ])
        #expect(scan.message("Apple read message")?.isRead == true)
        #expect(scan.message("Apple unread message")?.isRead == false)
        // The byte-count line and the property list trailer are not message text.
        guard case .mime(let bytes) = scan.message("Apple read message")?.content else {
            Issue.record("no message")
            return
        }
        #expect(bytes.starts(with: Array("From: Vendor".utf8)))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("PLIST-TRAILER-TEXT"))
        // Index files, property lists and stored attachments are side files, not messages.
        #expect(scan.codes("input.side-file").count == 6)
        #expect(scan.unrecognised.isEmpty)
        let stored = scan.message("Apple partial with stored attachment")?.storedAttachments
        #expect(stored?.byPart["2"]?.map(\.fileName) == ["invoice-103.pdf"])
        #expect(stored?.byPart["2"]?.first?.size == 1057)
        #expect(scan.message("Apple partial without stored attachment")?.storedAttachments?.byPart.isEmpty == true)
    }

    @Test func googleTakeoutOwnerComesFromItsIndex() {
        let scan = Layouts.scan("takeout")
        #expect(scan.messages.count == 5)
        #expect(Set(scan.messages.map(\.mailbox)) == ["carol@personal.example"])
        #expect(scan.codes("input.side-file").count == 1)
        #expect(Set(scan.unrecognised.map(\.reason)) == ["XML", "JSON that holds no Graph message, user, group, folder or attachment"])
    }

    @Test func googleVaultAccountsComeFromItsAccountListAndFileNames() {
        let scan = Layouts.scan("vault")
        #expect(Self.summary(scan) == ["alice@corp.example|-|unknown|mbox", "alice@corp.example|-|unknown|mbox", "bob@corp.example|-|unknown|mbox"])
        #expect(scan.codes("input.side-file").count == 3)
    }

    @Test func thunderbirdProfile() {
        let scan = Layouts.scan("thunderbird")
        #expect(scan.messages.map { "\($0.folder)|\($0.source.format)" } == [
            "Inbox|mbox", "Inbox|mbox", "Inbox/Projects|eml", "Junk Email|eml", "Deleted Items|eml",
        ])
        #expect(Set(scan.messages.map(\.mailbox)) == ["erin@corp.example"])
        // Five real messages; Mork indexes and settings are never messages.
        #expect(scan.codes("input.side-file").count == 8)
        #expect(scan.unrecognised.map(\.reason) == ["an empty file (no header or body)"])
    }

    @Test func purviewCustodianFoldersAndTheirParts() {
        let scan = Layouts.scan("purview")
        #expect(Self.summary(scan) == [
            "alice@corp.example|Primary|Inbox/Vendors/Sub|eml", "alice@corp.example|Primary|Inbox|eml",
            "alice@corp.example|Primary|Deleted Items|eml", "alice@corp.example|Primary|Sent Items|eml",
            "alice@corp.example|Archive|Inbox|eml",
        ])
        #expect(scan.codes("input.side-file").map { Layouts.relative($0.location.path) } == [
            "purview/Alice-phish-export.zip!/Results.csv", "purview/Alice-phish-export.zip!/trace.log",
            "purview/Alice-phish-export.zip!/Manifest.xml",
        ])
    }

    @Test func extractorSuiteLogsAndCSVsAreNotMessages() {
        let scan = Layouts.scan("extractor-suite")
        #expect(scan.messages.map { Layouts.relative($0.source.path) } == ["extractor-suite/Output/EmailExport/20261120-Invoice_overdue.eml"])
        #expect(scan.unrecognised.map(\.reason).sorted() == [
            "CSV text", "JSON that holds no Graph message, user, group, folder or attachment",
            "text of `name: value` lines that are not mail header fields",
        ])
    }

    @Test func mhFolders() {
        let scan = Layouts.scan("mh")
        #expect(scan.messages.map { "\(Layouts.relative($0.source.path))|\($0.folder)|\($0.source.format)" } == [
            "mh/Mail/inbox/,3|Inbox|mh", "mh/Mail/inbox/1|Inbox|mh", "mh/Mail/inbox/2|Inbox|mh", "mh/Mail/inbox/vendors/1|Inbox/vendors|mh",
        ])
        #expect(scan.message("MH read")?.isRead == true)
        #expect(scan.message("MH unseen")?.isRead == false)
        #expect(scan.message("MH removed")?.isRemovedByUser == true)
        #expect(scan.message("MH read")?.isRemovedByUser == false)
        // The subfolder has no .mh_sequences: its read state is not known.
        #expect(scan.message("MH subfolder")?.isRead == nil)
        #expect(scan.codes("input.side-file").count == 2)
    }

    @Test func exchangeComplianceTree() {
        let scan = Layouts.scan("exchange-tree")
        #expect(Self.summary(scan) == [
            "henry@corp.example|-|Deleted Items/Old|eml", "henry@corp.example|-|Inbox|eml",
            "henry@corp.example|-|Inbox/Vendors/Sub|eml", "henry@corp.example|-|Junk Email|eml",
        ])
    }

    @Test func theMailboxHintAppliesWhereNoLayoutNamesTheOwner() {
        let scan = Layouts.scan("mh", mailboxHint: "Gina@Corp.example")
        #expect(Set(scan.messages.map(\.mailbox)) == ["gina@corp.example"])
    }
}
