import Foundation
import Testing
@testable import Ingest
import MailModel

/// `MaildirReader` over the hand-made fixtures of `Fixtures/maildir` (see its README).
@Suite struct MaildirReaderTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/maildir")
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static let alice = path("alice@example.com")
    static let host = "mx1.example.com"
    static func name(_ n: Int, _ suffix: String = "") -> String { "\(1_767_600_000 + 60 * n).M\(100 + n)P1.\(host)\(suffix)" }

    @Test func listsCurThenNewSortedWithFlags() throws {
        let reader = try MaildirReader(folderPath: Self.alice)
        #expect(reader.folderName == "INBOX")
        #expect(reader.messages.map(\.fileName) == [
            Self.name(0, ":2,S"), Self.name(1, ",S=312:2,FRS"), Self.name(2, "!2,RT"), Self.name(3, ";2,DP"),
            Self.name(4), Self.name(5, ":2,Sab"), Self.name(6, ":1,experimental"),
            Self.name(7), Self.name(8, ":2,"),
        ])
        #expect(reader.messages.map(\.subfolder) == Array(repeating: .cur, count: 7) + [.new, .new])
        #expect(reader.messages.map(\.isNew) == Array(repeating: false, count: 7) + [true, true])
        #expect(reader.messages.map(\.path) == reader.messages.map { Self.alice + "/" + $0.subfolder.rawValue + "/" + $0.fileName })
        #expect(reader.messages.map(\.flags) == [
            [.seen], [.flagged, .replied, .seen], [.replied, .trashed], [.draft, .passed], [], [.seen], [], [], [],
        ])
        #expect(reader.messages.map(\.flags.letters) == ["S", "FRS", "RT", "DP", "", "S", "", "", ""])
        #expect(reader.messages.map(\.info) == ["2,S", "2,FRS", "2,RT", "2,DP", nil, "2,Sab", "1,experimental", nil, "2,"])
        #expect(reader.messages.map(\.otherFlags) == ["", "", "", "", "", "ab", "", "", ""])
        #expect(reader.messages.map(\.uniqueName) == [
            Self.name(0), Self.name(1, ",S=312"), Self.name(2), Self.name(3), Self.name(4), Self.name(5), Self.name(6),
            Self.name(7), Self.name(8),
        ])
        #expect(reader.messages.allSatisfy { $0.source == MessageSource(format: "maildir", path: $0.path) })
        for message in reader.messages {
            #expect(FileManager.default.fileExists(atPath: message.path))
        }
    }

    @Test func tmpHiddenFilesAndFoldersAreReported() throws {
        let reader = try MaildirReader(folderPath: Self.alice)
        #expect(reader.notes.map(\.code) == ["maildir.not-a-message", "maildir.not-a-message", "maildir.tmp-ignored"])
        #expect(reader.notes.map(\.location.path) == [
            Self.alice + "/cur/.hidden-file", Self.alice + "/cur/stray-folder", Self.alice + "/tmp",
        ])
        #expect(!reader.messages.contains { $0.path.hasPrefix(Self.alice + "/tmp/") })
    }

    @Test func folderNames() {
        #expect(MaildirReader.folderName(forMaildirAt: Self.alice) == "INBOX")
        #expect(MaildirReader.folderName(forMaildirAt: Self.alice + "/") == "INBOX")
        #expect(MaildirReader.folderName(forMaildirAt: Self.alice + "/.Sent") == "Sent")
        #expect(MaildirReader.folderName(forMaildirAt: Self.alice + "/.INBOX.Archive") == "INBOX/Archive")
        #expect(MaildirReader.folderName(forMaildirAt: Self.alice + "/.Junk") == "Junk")
        #expect(MaildirReader.folderName(forMaildirAt: Self.alice + "/.Entw&APw-rfe") == "Entwürfe")
        #expect(MaildirReader.folderName(forMaildirAt: Self.path("plain/Phishing Reports")) == "Phishing Reports")
        #expect(MaildirReader.maildirPlusPlusSubfolders(of: Self.alice) == [
            ".Entw&APw-rfe", ".INBOX.Archive", ".Junk", ".Sent",
        ].map { Self.alice + "/" + $0 })
        #expect(MaildirReader.maildirPlusPlusSubfolders(of: Self.path("plain/Phishing Reports")).isEmpty)
    }

    @Test func modifiedUTF7() {
        #expect(ModifiedUTF7.decode("Entw&APw-rfe") == "Entwürfe")
        #expect(ModifiedUTF7.decode("Tom &- Jerry") == "Tom & Jerry")
        #expect(ModifiedUTF7.decode("&ZeVnLIqe-") == "日本語")
        #expect(ModifiedUTF7.decode("Plain") == "Plain")
        #expect(ModifiedUTF7.decode("broken&AB") == "broken&AB")
    }

    @Test func subfoldersReadOnTheirOwn() throws {
        let sent = try MaildirReader(folderPath: Self.alice + "/.Sent")
        #expect(sent.folderName == "Sent")
        #expect(sent.messages.map(\.fileName) == [Self.name(10, ":2,S")])
        #expect(sent.notes.isEmpty)
        let junk = try MaildirReader(folderPath: Self.alice + "/.Junk")
        #expect(junk.messages.map(\.isNew) == [true])
        let plain = try MaildirReader(folderPath: Self.path("plain/Phishing Reports"))
        #expect(plain.messages.map(\.fileName) == [Self.name(20, ":2,S"), Self.name(21)])
        #expect(plain.notes.map(\.code) == ["maildir.tmp-ignored"])
    }

    @Test func isMaildir() {
        #expect(MaildirReader.isMaildir(Self.alice))
        #expect(MaildirReader.isMaildir(Self.alice + "/.Junk"))
        #expect(MaildirReader.isMaildir(Self.path("plain/Phishing Reports")))
        #expect(!MaildirReader.isMaildir(Self.path("not-a-maildir")))
        #expect(!MaildirReader.isMaildir(Self.path("not-a-maildir/readme.txt")))
        #expect(!MaildirReader.isMaildir(Self.path("no-such-folder")))
    }

    @Test func parseInfo() {
        let cases: [(String, String, String?, MaildirReader.Flags, String)] = [
            ("1.M1.h:2,PRSTDF", "1.M1.h", "2,PRSTDF", [.passed, .replied, .seen, .trashed, .draft, .flagged], ""),
            ("1.M1.h!2,S", "1.M1.h", "2,S", [.seen], ""),
            ("1.M1.h;2,", "1.M1.h", "2,", [], ""),
            ("1.M1.h:2,Sxyz", "1.M1.h", "2,Sxyz", [.seen], "xyz"),
            ("1.M1.h", "1.M1.h", nil, [], ""),
            ("1.M1.h:1,x", "1.M1.h", "1,x", [], ""),
            ("1.M1.h:2,S:2,F", "1.M1.h:2,S", "2,F", [.flagged], ""),
        ]
        for (name, unique, info, flags, other) in cases {
            let parsed = MaildirReader.parseInfo(name)
            #expect(parsed.uniqueName == unique, "\(name)")
            #expect(parsed.info == info, "\(name)")
            #expect(parsed.flags == flags, "\(name)")
            #expect(parsed.otherFlags == other, "\(name)")
        }
    }

    @Test func notAMaildirAndUnopenableFolders() throws {
        let plain = try MaildirReader(folderPath: Self.path("not-a-maildir"))
        #expect(plain.messages.isEmpty)
        #expect(plain.notes.map(\.code) == ["maildir.not-a-maildir"])
        #expect(throws: IngestError.self) { try MaildirReader(folderPath: Self.path("no-such-folder")) }
        #expect(throws: IngestError.self) { try MaildirReader(folderPath: Self.path("not-a-maildir/readme.txt")) }
    }
}
