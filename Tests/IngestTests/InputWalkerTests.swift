import MailModel
import Foundation
import Testing
@testable import Ingest

/// The walk over command-line paths (order, types, Maildirs) and whole-file reading.
@Suite
struct InputWalkerTests {
    @Test func namesAreOrderedByTheirBytes() {
        let names = ["b", "a", "ab", "B", "é", "f", "", "a\u{301}", "10", "9"]
        let sorted = names.sorted { InputWalker.bytewiseLess($0, $1) }
        #expect(sorted == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(sorted == ["", "10", "9", "B", "a", "ab", "a\u{301}", "b", "f", "é"])
    }

    @Test func aFoldersNamesAreWalkedInByteOrderWhateverTheirCommonPrefix() throws {
        // The walk sorts on each name's first eight bytes and then on the whole name: names longer
        // than eight bytes that share them, prefixes of one another, and non-ASCII names.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-walk-order-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let names = ["abcdefghij", "abcdefgh", "abcdefghi", "abcdefgh\u{e9}", "abcdefgA", "\u{e9}", "a\u{301}", "Z", "abcdefghia", "abc", "abcdefgh~"]
        for name in names { try Data("x".utf8).write(to: root.appendingPathComponent(name)) }
        let walked = InputWalker.collect(paths: [root.path]).files.map { String($0.path.dropFirst(root.path.count + 1)) }
        #expect(walked == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(walked.first == "Z" && walked.last == "\u{e9}")
    }

    @Test func walkFindsFilesInOrderFollowingLinksAndKeepsMaildirsWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-walk-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("box/Inbox"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("box/maildir/cur"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("box/maildir/new"), withIntermediateDirectories: true)
        for name in ["box/Inbox/b.eml", "box/Inbox/a.eml", "box/Inbox/B.eml", "box/maildir/cur/1:2,S", "box/z.json"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(name))
        }
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("box/Inbox/link.eml").path, withDestinationPath: "a.eml")
        let found = InputWalker.collect(paths: [root.path])
        let relative = found.files.map { String($0.path.dropFirst(root.path.count + 1)) }
        #expect(relative == ["box/Inbox/B.eml", "box/Inbox/a.eml", "box/Inbox/b.eml", "box/Inbox/link.eml", "box/maildir", "box/z.json"])
        #expect(found.files.map(\.isMaildir) == [false, false, false, false, true, false])
        #expect(found.errors.isEmpty)
    }

    @Test func everyFileIsReadOnceAndLinksToFoldersAreNotFollowed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-links-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let inbox = root.appendingPathComponent("box/Inbox")
        try fm.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: inbox.appendingPathComponent("m.eml"))
        // Two links back to the folder itself (a cycle), one to a folder outside, and a FIFO.
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("a").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("b").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("usr").path, withDestinationPath: "/usr")
        #expect(mkfifo(inbox.appendingPathComponent("pipe").path, 0o600) == 0)
        // The same folder and file given again, and inside an earlier argument.
        let found = InputWalker.collect(paths: [root.path, root.path, inbox.path, inbox.appendingPathComponent("m.eml").path])
        #expect(found.files.map(\.path) == [inbox.appendingPathComponent("m.eml").path])
        #expect(found.errors.isEmpty)
        let notes = found.skipped.map { "\($0.code) \(String($0.path.dropFirst(root.path.count)))" }
        #expect(notes == [
            "input.link-not-followed /box/Inbox/a", "input.link-not-followed /box/Inbox/b", "input.not-a-file /box/Inbox/pipe",
            "input.link-not-followed /box/Inbox/usr", "input.repeated ", "input.repeated /box/Inbox", "input.repeated /box/Inbox/m.eml",
        ])
    }

    @Test func filesAreReadWholeOrByTheirPrefix() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-read-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let file = root.appendingPathComponent("f.bin")
        try Data(bytes).write(to: file)
        let empty = root.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(try InputFile.read(file.path) == bytes)
        #expect(try InputFile.read(empty.path) == [])
        #expect(try InputFile.readPrefix(file.path, count: 10) == Array(bytes.prefix(10)))
        let large = try InputFile.read(file.path, wholeUpTo: 1_000, prefix: 64)
        #expect(!large.isWhole && large.bytes == Array(bytes.prefix(64)))
        // A file whose size stat does not know (0 for /proc files) is read to its end.
        let status = try InputFile.read("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
        #expect(throws: IngestError.self) { try InputFile.read(root.path) }
    }
}
