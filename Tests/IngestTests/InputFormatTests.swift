import MailModel
import Foundation
import Testing
@testable import Ingest

/// Sniffing a file's format by its content: mail is mail with leading blank lines or an obsolete
/// `From  :` first line; text files that are not mail stay unrecognised.
@Suite
struct InputFormatTests {
    static func sniff(_ text: String, path: String = "file") -> InputFormat {
        InputFormat.sniff(Array(text.utf8), path: path)
    }

    static let mail = [
        "From: a@example.com\nSubject: s\n\nbody\n",
        "From  : John Doe <jdoe@example.com>\nTo: b@example.com\n\nbody\n",
        "From jdoe@example.com Mon Jan  5 09:00:00 2026\nFrom: a@example.com\n\nbody\n",
        "From - \nFrom: a@example.com\n\nbody\n",
        // Blank lines (empty or white space only) before the header block.
        "\n\nFrom: a@example.com\nTo: b@example.com\nSubject: s\n\nbody\n",
        "\r\n  \r\nReceived: from mx.example.net\r\n\tby mx.example.com; Tue, 17 Mar 2026 14:00:05 +0000\r\nSubject: s\r\n\r\nbody\r\n",
        "\n\nFrom a@example.com Mon Jan  5 09:00:00 2026\nFrom: a@example.com\nSubject: s\n\nbody\n",
        "\u{FEFF}\n\nMessage-ID: <a@example.com>\nDate: Tue, 17 Mar 2026 14:00:00 +0000\n\nbody\n",
    ]

    static let notMail = [
        "\n\nid,name,email\n1,Dana,dana@example.com\n",
        "\n2026-03-17 12:00:00 INFO: started\nfoo: bar\n",
        "\n\n<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict/></plist>\n",
        "\n\nDear team: the report is attached.\nRegards\n",
        // Field-like lines, but nothing a message has.
        "\n\nname: build\nversion: 3\n",
        "\n\nFrom: a@example.com\n\nbody\n",
        "\n\n\n",
        "From Russia with love\n\nA novel.\n",
    ]

    @Test(arguments: mail.indices)
    func mailIsRecognised(_ index: Int) {
        #expect(Self.sniff(Self.mail[index]) == .eml, "\(Self.mail[index].debugDescription)")
    }

    @Test(arguments: notMail.indices)
    func textThatIsNotMailIsRefused(_ index: Int) {
        #expect(Self.sniff(Self.notMail[index]) == .unrecognised, "\(Self.notMail[index].debugDescription)")
    }

    @Test func theExtensionStillBreaksATie() {
        #expect(Self.sniff("\n\nname: build\n", path: "saved.eml") == .eml)
    }

    @Test func aFileWithLeadingBlankLinesIsReadAsAMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-sniff-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("message")
        try Data("\n\nFrom: a@example.com\nTo: b@example.com\nSubject: kept\n\nbody\n".utf8).write(to: file)
        var lines: [String] = []
        var warnings: [String] = []
        let status = InspectRun(format: .jsonl, workers: 1).run(
            paths: [file.path], write: { lines.append(String(decoding: $0, as: UTF8.self)) }, warn: { warnings.append($0) })
        #expect(status == .success && warnings.isEmpty)
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""subject":"kept""#) == true)
        #expect(lines.first?.contains(#""code":"mime.leading-blank-lines""#) == true)
    }
}
