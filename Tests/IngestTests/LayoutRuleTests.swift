import Foundation
import Testing
@testable import Ingest
import MailModel

/// The rules behind layouts, one at a time: recognising mail, side files, custodians, folder paths,
/// Gmail labels, MH sequences, Thunderbird preferences, Apple Mail `.emlx` files.
@Suite
struct LayoutRuleTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: [
        ("From: a@b.example\nSubject: hi\n\nbody", true),
        ("\n\r\nReceived: from x\nFrom: a@b.example\n\nbody", true),  // blank lines first: mail, with a defect
        ("From a@b.example Mon Nov 23 10:00:00 2026\nReturn-Path: <a@b.example>\n\n", true),
        ("1234\nFrom: a@b.example\nTo: c@d.example\n\n", true),  // an .emlx byte-count line
        ("From : a@b.example\nTo: c@d.example\n\n", true),  // `From :` is a header field, not an envelope line
        ("X-Custom: 1\nX-Other: 2\nContent-Type: text/plain\n\nx", true),
        ("unseen: 1-3 7\ncur: 2\n", false),  // MH sequences
        ("Path: Mail\n", false),  // MH profile
        ("Date: 2026-11-20\nInfo: started\nMessage: done\n", false),  // a log
        ("Subject,From,To\nhello,a@b.example,c@d.example\n", false),
        ("// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> >\n", false),
        ("<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict/></plist>\n", false),
        ("// Mozilla User Preferences\nuser_pref(\"a\", 1);\n", false),
        ("2026-11-21 10:00:00.000 Export started\nFrom: the export service\n", false),
        ("Hello there,\nFrom: someone\n", false),
    ])
    func mailIsRecognisedByItsHeaderBlock(_ text: String, _ isMail: Bool) {
        #expect(InputFormat.startsWithMailHeaderBlock(Self.bytes(text)) == isMail)
        #expect((InputFormat.sniff(Self.bytes(text)) == .eml) == isMail)
    }

    @Test func unrecognisedFilesAreDescribedByWhatTheyLookLike() {
        #expect(ContentKind.describe(Self.bytes("%PDF-1.4\n")) == "a PDF document")
        #expect(ContentKind.describe([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]) == "an OLE2 compound file (an Outlook .msg, an Office document)")
        #expect(ContentKind.describe(Self.bytes("a,b,c\n1,2,3\n")) == "CSV text")
        #expect(ContentKind.describe(Self.bytes("// <!-- <mdb:mork:z v=\"1.4\"/> -->\n")) == "a Mork database (a Thunderbird .msf index)")
        #expect(ContentKind.describe(Self.bytes("<?xml version=\"1.0\"?><plist/>")) == "an XML property list")
        #expect(ContentKind.describe(Self.bytes("user_pref(\"a\", 1);\n")) == "Mozilla preferences (prefs.js)")
        #expect(ContentKind.describe([0, 1, 2, 3]) == "binary data")
        #expect(ContentKind.describe(Self.bytes(" \n\n")) == "an empty file (no header or body)")
        #expect(ContentKind.describe(Self.bytes("Dear all,\nthanks\n")) == "text without a mail header block")
    }

    @Test func sideFilesAreKnownByName() {
        func side(_ path: String) -> SideFile? { SideFile.identify(LayoutPath(disk: path, root: ".")) }
        #expect(side("p/ImapMail/h/INBOX.msf")?.isUsed == false)
        #expect(side("p/prefs.js")?.isUsed == true)
        #expect(side("Mail/inbox/.mh_sequences")?.isUsed == true)
        #expect(side("export/Results.csv") != nil)
        #expect(side("export/trace.log") != nil)
        #expect(side("x/export-results-count.csv")?.isUsed == true)
        #expect(side("A.mbox/Info.plist") != nil)
        #expect(side("A.mbox/U/Data/Attachments/12/2/x.pdf")?.isUsed == true)
        #expect(side("Attachments/12/2/x.pdf") == nil)  // not below an Apple mailbox
        #expect(side("A.mbox/U/Data/Messages/12.2.emlxpart") != nil)
        #expect(side("Inbox/1.eml") == nil)
        #expect(side("ImapMail/h/INBOX") == nil)
    }

    @Test func custodianFolders() {
        #expect(MailboxName.parse(folder: "alice@corp.example (Primary)")! == ("alice@corp.example", "Primary"))
        #expect(MailboxName.parse(folder: "Alice@Corp.example (Online Archive)")! == ("alice@corp.example", "Online Archive"))
        #expect(MailboxName.parse(folder: "alice@corp.example")! == ("alice@corp.example", nil))
        #expect(MailboxName.parse(folder: "alice@corp.example(Primary)") == nil)
        #expect(MailboxName.parse(folder: "Alice (Primary)") == nil)
        #expect(MailboxName.parse(folder: "alice@corp.example ()") == nil)
        #expect(MailboxName.address(prefixing: "alice@corp.example.mbox") == "alice@corp.example")
        #expect(MailboxName.address(prefixing: "alice@corp.example-20240101.mbox") == "alice@corp.example")
        #expect(MailboxName.address(prefixing: "Alice@Corp.co.uk_1.mbox") == "alice@corp.co.uk")
        #expect(MailboxName.address(prefixing: "alice@localhost.mbox") == nil)
        #expect(MailboxName.address(prefixing: "export-1.mbox") == nil)
        #expect(ExportOwnerFiles.appleAccountOwner(folderName: "IMAP-dave@corp.example@imap.corp.example") == "dave@corp.example")
        #expect(ExportOwnerFiles.appleAccountOwner(folderName: "IMAP-dave@imap.corp.example") == nil)
        #expect(ExportOwnerFiles.takeoutOwner(archiveBrowserHTML: Self.bytes("<p>For ann@x.example; see help@google.com</p>")) == "ann@x.example")
        #expect(ExportOwnerFiles.takeoutOwner(archiveBrowserHTML: Self.bytes("ann@x.example and bob@x.example")) == nil)
        let accounts = ExportOwnerFiles.vaultAccounts(resultsCountCSV: Self.bytes("Account,Count\r\n\"a@x.example\",3\r\nb@x.example,1\r\n"))
        #expect(accounts == ["a@x.example", "b@x.example"])
        #expect(ExportOwnerFiles.vaultOwner(fileName: "b@x.example-1.mbox", accounts: accounts) == "b@x.example")
        #expect(ExportOwnerFiles.vaultOwner(fileName: "export-1.mbox", accounts: accounts) == nil)
        #expect(ExportOwnerFiles.vaultOwner(fileName: "export-1.mbox", accounts: ["a@x.example"]) == "a@x.example")
    }

    @Test func folderPathsBelowTheMailbox() {
        func folder(_ path: String, root: String = ".", role: FolderPath.Role = .message) -> String {
            let layout = LayoutPath(disk: path, root: root)
            let mailbox = layout.components.indices.dropLast().last { MailboxName.parse(folder: layout.components[$0]) != nil }
            return FolderPath.folder(of: layout, mailboxIndex: mailbox, role: role)
        }
        #expect(folder("x/bob@corp.example (Primary)/Top of Information Store/inbox/Vendors/Sub/1.eml") == "Inbox/Vendors/Sub")
        #expect(folder("x/bob@corp.example/Top of Personal Folders/Deleted Items/a.eml") == "Deleted Items")
        #expect(folder("export/Inbox/Vendors/a.eml", root: "export") == "Inbox/Vendors")
        #expect(folder("export/a.eml", root: "export") == "export")
        #expect(folder("bob@corp.example/a.eml") == "unknown")
        #expect(folder("p/ImapMail/h/INBOX.sbd/Projects.sbd/Q4", role: .mbox) == "Inbox/Projects/Q4")
        #expect(folder("p/ImapMail/h/Trash", role: .mbox) == "Deleted Items")
        #expect(folder("T/Mail/Sent.mbox", role: .mbox) == "Sent Items")
        #expect(folder("V10/U/Work.mbox/Projects.mbox/U2/Data/3/1/Messages/5.emlx") == "Work/Projects")
        #expect(folder("Exported/INBOX.mbox/mbox", role: .mbox) == "Inbox")
        #expect(folder("v/alice@corp.example-1.mbox", role: .mbox) == "unknown")
        #expect(folder("m/Maildir/.INBOX.Archive/cur/1:2,S", root: "m/Maildir") == "Inbox/Archive")
        let member = LayoutPath(disk: "case/hand.zip", root: "case").member("Inbox/Vendors/a.eml")
        #expect(FolderPath.folder(of: member, mailboxIndex: nil, role: .message) == "Inbox/Vendors")
        let atTop = LayoutPath(disk: "case/hand.zip", root: "case").member("a.eml")
        #expect(FolderPath.folder(of: atTop, mailboxIndex: nil, role: .message) == "case")
        #expect(WellKnownFolder.normalizePath("inbox/Sent/deleteditems") == "Inbox/Sent Items/Deleted Items")
        #expect(WellKnownFolder.path("Inbox/Vendors", isWithin: "inbox"))
        #expect(!WellKnownFolder.path("Inboxes", isWithin: "Inbox"))
    }

    @Test func gmailLabelsGiveTheFolderByPriority() {
        #expect(GmailLabels.parse("Inbox,\"Projects/Q4, budget\", Opened") == ["Inbox", "Projects/Q4, budget", "Opened"])
        #expect(GmailLabels.folder(of: ["Inbox", "Spam"]) == "Junk Email")
        #expect(GmailLabels.folder(of: ["Trash", "Inbox"]) == "Deleted Items")
        #expect(GmailLabels.folder(of: ["Opened", "Sent", "Inbox"]) == "Sent Items")
        #expect(GmailLabels.folder(of: ["Important", "Inbox"]) == "Inbox")
        #expect(GmailLabels.folder(of: ["Archived", "Category Updates", "Vendors/ACME"]) == "Vendors/ACME")
        #expect(GmailLabels.folder(of: ["Archived", "Opened"]) == "Archive")
        #expect(GmailLabels.folder(of: ["Opened"]) == nil)
        #expect(GmailLabels.isRead(["Unread", "Inbox"]) == false)
        #expect(GmailLabels.isRead(["Opened"]) == true)
        #expect(GmailLabels.isRead(["Inbox"]) == nil)
    }

    @Test func mhNamesAndSequences() {
        #expect(MHFolder.message(named: "12")! == (12, false))
        #expect(MHFolder.message(named: ",7")! == (7, true))
        #expect(MHFolder.message(named: "#7")! == (7, true))
        #expect(MHFolder.message(named: "12.eml") == nil)
        #expect(MHFolder.sequence("unseen", in: Self.bytes("cur: 4\nunseen: 1-3 7\n 9\n")) == [1, 2, 3, 7, 9])
        #expect(MHFolder.sequence("unseen", in: Self.bytes("cur: 4\n")) == nil)
    }

    @Test func thunderbirdPreferencesOwnAccountFolders() {
        let prefs = ThunderbirdPrefs(prefsJS: Self.bytes("""
            user_pref("mail.account.account1.identities", "id1");
            user_pref("mail.account.account1.server", "server1");
            user_pref("mail.account.account2.identities", "id2,id3");
            user_pref("mail.account.account2.server", "server2");
            user_pref("mail.account.account3.server", "server3");
            user_pref("mail.identity.id1.useremail", "Erin@corp.example");
            user_pref("mail.identity.id2.useremail", "a@x.example");
            user_pref("mail.identity.id3.useremail", "b@x.example");
            user_pref("mail.server.server1.directory-rel", "[ProfD]ImapMail/imap.corp.example");
            user_pref("mail.server.server2.directory", "C:\\\\Users\\\\e\\\\Profile\\\\ImapMail\\\\imap.x.example");
            user_pref("mail.server.server3.directory-rel", "[ProfD]Mail/Local Folders");
            user_pref("mail.server.server3.type", "none");

            """))
        #expect(prefs.owner(ofRelativePath: ["ImapMail", "imap.corp.example", "INBOX"]) == "erin@corp.example")
        #expect(prefs.owner(ofRelativePath: ["ImapMail", "imap.x.example", "INBOX"]) == nil)  // two addresses: ambiguous
        #expect(prefs.owner(ofRelativePath: ["Mail", "Local Folders", "Inbox"]) == nil)  // the profile has three addresses
    }

    @Test func emlxFilesSplitIntoCountMessageAndTrailer() {
        let message = "From: a@b.example\nSubject: x\n\nbody\n"
        let file = Self.bytes("\(message.utf8.count)\n" + message + "<?xml version=\"1.0\"?><plist><dict><key>flags</key><integer>8589934593</integer></dict></plist>")
        let emlx = AppleMailMessage(file, path: "1.emlx")
        #expect(Array(file[emlx.messageRange]) == Self.bytes(message))
        #expect(emlx.isRead == true)
        #expect(emlx.notes.isEmpty)
        let cut = AppleMailMessage(Self.bytes("500\nFrom: a@b.example\n\nbody"), path: "2.emlx")
        #expect(cut.notes.map(\.code) == ["emlx.truncated"])
        #expect(cut.flags == nil)
        let bare = AppleMailMessage(Self.bytes("From: a@b.example\n\nbody"), path: "3.emlx")
        #expect(bare.notes.map(\.code) == ["emlx.byte-count-missing"])
        #expect(bare.messageRange == 0 ..< 23)
        #expect(AppleMailMessage.partName(ofPartPath: "1.2") == "2")
        #expect(AppleMailMessage.partName(ofPartPath: "1") == "1")
    }
}

/// Reading mbox data as an archive member streams it: the same messages whatever the chunks.
@Suite
struct StreamedMboxTests {
    static let mbox = Array("""
        From a@b.example Mon Nov 23 10:00:00 2026
        From: a@b.example
        Subject: one
        Content-Length: 12

        From inside

        From c@d.example Mon Nov 23 10:01:00 2026
        From: c@d.example
        Subject: two

        >From quoted
        body two

        """.utf8)

    static func messages(_ reader: MboxReader) -> [String] {
        var out: [String] = []
        while let message = reader.next() { out.append("\(message.index)@\(message.offset):" + String(decoding: message.bytes, as: UTF8.self)) }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func sameMessagesWhateverTheChunks(_ chunk: Int) {
        let whole = Self.messages(MboxReader(source: MemoryMboxSource(Self.mbox), path: "m"))
        #expect(whole.count == 2)
        var position = 5
        var options = MboxReader.Options()
        options.bufferSize = 3
        let source = StreamMboxSource(prefix: Array(Self.mbox.prefix(5)), maxLookahead: 1 << 20) { buffer in
            let n = min(chunk, buffer.count, Self.mbox.count - position)
            for k in 0 ..< n { buffer[k] = Self.mbox[position + k] }
            position += n
            return (n, nil)
        }
        #expect(Self.messages(MboxReader(source: source, path: "m", options: options)) == whole)
    }

    @Test func aSourceThatFailsMarksTheLastMessage() {
        let reader = MboxReader(source: MemoryMboxSource(Array(Self.mbox.prefix(150)), endsEarlyBecause: "the data ends early"), path: "m")
        var notes: [String] = []
        while let message = reader.next() { notes = message.notes.map(\.code.rawValue) }
        #expect(notes.contains("mbox.read-error"))
    }

    /// A tar archive (ustar) holding one file.
    static func tar(member name: String, _ data: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (k, byte) in text.utf8.enumerated() { header[offset + k] = byte } }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: width - digits.count) + digits
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(octal(data.count, width: 11), at: 124)
        put(octal(0, width: 11), at: 136)
        put("        ", at: 148)
        put("0", at: 156)
        put("ustar", at: 257)
        put("00", at: 263)
        put(octal(header.reduce(0) { $0 + Int($1) }, width: 6), at: 148)
        header[154] = 0
        return header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512 + 1024)
    }

    @Test func blankLinesBeforeTheHeaderBlockReadAlikeInAFileAndInAnArchive() throws {
        // The MIME parser skips them (`mime.leading-blank-lines`): a file and the same file inside an
        // archive give the same record, and nothing is cut off before the parser sees it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-blank-lines-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = Array("\n \r\nFrom: a@b.example\nTo: c@d.example\nSubject: blank lines first\n\nbody\n".utf8)
        try Data(message).write(to: folder.appendingPathComponent("saved.eml"))
        try Data(Self.tar(member: "Inbox/saved.eml", message)).write(to: folder.appendingPathComponent("bundle.tar"))
        var lines: [String] = []
        var warnings: [String] = []
        let status = InspectRun(format: .jsonl, workers: 1).run(
            paths: [folder.appendingPathComponent("saved.eml").path, folder.appendingPathComponent("bundle.tar").path],
            write: { lines.append(String(decoding: $0, as: UTF8.self)) }, warn: { warnings.append($0) })
        #expect(status == .success && warnings.isEmpty)
        #expect(lines.count == 2)
        #expect(lines.last?.contains("bundle.tar!/Inbox/saved.eml") == true)
        let withoutSource = lines.map { $0.replacingOccurrences(of: "bundle.tar!/Inbox/saved.eml", with: "saved.eml") }
        #expect(withoutSource.first == withoutSource.last)
        for line in lines {
            #expect(line.contains(#""subject":"blank lines first""#))
            #expect(line.contains(#""code":"mime.leading-blank-lines""#))
            #expect(!line.contains("input.leading-blank-lines"))
        }
    }
}
