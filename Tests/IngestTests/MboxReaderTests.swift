import Foundation
import Testing
@testable import Ingest
import MIME
import MailModel

/// `MboxReader` over the hand-made fixtures of `Fixtures/mbox` (see its README) and, when present,
/// the real mbox files of `../shared/corpus/mbox`.
@Suite struct MboxReaderTests {
    // MARK: - Support

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures/mbox")
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/mbox")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    static let alice = "From alice@example.com Mon Jan  5 09:00:00 2026"
    static let bob = "From bob@example.org Mon Jan  5 09:05:00 2026"
    static let carol = "From carol@example.net Tue Jan  6 10:00:00 2026"
    static let dave = "From dave@example.com Wed Jan  7 11:30:00 2026"
    static let erin = "From erin@example.org Thu Jan  8 12:45:00 2026"

    static let fixtureNames = [
        "blank.mbox", "bom.mbox", "broken-middle.mbox", "content-length-wrong.mbox", "crlf.mbox",
        "empty-message.mbox", "empty.mbox", "from-colon.mbox", "leading-garbage.mbox", "leading-message.mbox", "mboxcl2.mbox",
        "mboxo.mbox", "mboxrd.mbox", "missing-blank.mbox", "multipart.mbox", "single.mbox", "truncated.mbox",
        "unmunged.mbox",
    ]

    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func read(_ path: String, bufferSize: Int? = nil, configure: (inout MboxReader.Options) -> Void = { _ in })
        throws -> (messages: [MboxMessage], fileNotes: [Diagnostic]) {
        var options = MboxReader.Options()
        if let bufferSize { options.bufferSize = bufferSize }
        configure(&options)
        let reader = try MboxReader(path: path, options: options)
        var messages: [MboxMessage] = []
        while let message = reader.next() { messages.append(message) }
        #expect(reader.next() == nil)
        return (messages, reader.fileNotes)
    }

    static func read(fixture name: String, bufferSize: Int? = nil, configure: (inout MboxReader.Options) -> Void = { _ in })
        throws -> [MboxMessage] {
        try read(path(name), bufferSize: bufferSize, configure: configure).messages
    }

    /// Offset of the one line of `bytes` that is exactly `line` (followed by LF or CRLF), found
    /// independently of the reader.
    static func offset(ofLine line: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(line.utf8)
        var hits: [Int] = []
        var start = 0
        while start + needle.count <= bytes.count {
            if bytes[start ..< start + needle.count].elementsEqual(needle) {
                let after = start + needle.count
                if after < bytes.count, bytes[after] == 0x0A || (bytes[after] == 0x0D && after + 1 < bytes.count && bytes[after + 1] == 0x0A) {
                    hits.append(start)
                }
            }
            guard let next = bytes[start...].firstIndex(of: 0x0A) else { break }
            start = next + 1
        }
        #expect(hits.count == 1, "\(line) occurs at \(hits.count) line starts")
        return hits.first
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
    static func codes(_ message: MboxMessage) -> [String] { message.notes.map(\.code.rawValue) }
    static func subject(_ message: MboxMessage) -> String? {
        MessageEnvelope(headers: MIMEParser().parse(message.bytes).headers).subject
    }

    /// mboxrd unquoting done independently: one `>` off every line matching `^>+From `.
    static func mboxrdUnquoted(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var lineStart = true
        var i = raw.startIndex
        while i < raw.endIndex {
            if lineStart, raw[i] == 0x3E {
                var j = i
                while j < raw.endIndex, raw[j] == 0x3E { j += 1 }
                if raw[j...].starts(with: Array("From ".utf8)) { i += 1 }
            }
            out.append(raw[i])
            lineStart = raw[i] == 0x0A
            i += 1
        }
        return out
    }

    /// Checks that the messages account for every byte of the file, in order (see `MboxMessage`).
    static func checkTiling(_ messages: [MboxMessage], _ file: [UInt8], fileNotes: [Diagnostic], name: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var position = 0
        for (i, m) in messages.enumerated() {
            #expect(m.index == i, "\(name) #\(i)", sourceLocation: sourceLocation)
            #expect(m.source == MessageSource(format: "mbox", path: m.source.path, index: i, offset: m.offset),
                    sourceLocation: sourceLocation)
            #expect(m.span.lowerBound == position, "\(name) #\(i): span starts at \(m.span.lowerBound), expected \(position)",
                    sourceLocation: sourceLocation)
            if i == 0, m.offset > 0 {
                let lead = Array(file[0 ..< m.offset])
                let reported = m.notes.contains { $0.code == "mbox.leading-garbage" }
                #expect(lead == [0xEF, 0xBB, 0xBF] || reported, "\(name): \(m.offset) leading bytes not reported",
                        sourceLocation: sourceLocation)
            } else {
                #expect(m.offset == m.span.lowerBound, "\(name) #\(i)", sourceLocation: sourceLocation)
            }
            if let from = m.fromLine {
                #expect(MboxSyntax.startsWithFrom(from), sourceLocation: sourceLocation)
                #expect(Array(file[m.offset ..< m.offset + from.count]) == from, "\(name) #\(i)", sourceLocation: sourceLocation)
                let eol = Array(file[m.offset + from.count ..< m.contentRange.lowerBound])
                let atEnd = eol.isEmpty && m.contentRange.lowerBound == file.count // a `From ` line ends the file
                let cut = m.notes.contains { $0.code == "mbox.from-line-too-long" }
                #expect(eol == [0x0A] || eol == [0x0D, 0x0A] || atEnd || cut, "\(name) #\(i)", sourceLocation: sourceLocation)
            } else {
                #expect(i == 0 && m.contentRange.lowerBound == m.offset, "\(name) #\(i)", sourceLocation: sourceLocation)
            }
            #expect(m.contentRange.upperBound <= m.span.upperBound, sourceLocation: sourceLocation)
            let separator = Array(file[m.contentRange.upperBound ..< m.span.upperBound])
            #expect(separator.isEmpty || separator == [0x0A] || separator == [0x0D, 0x0A],
                    "\(name) #\(i): \(separator.count) separator bytes", sourceLocation: sourceLocation)
            #expect(m.bytes.count <= m.contentRange.count, sourceLocation: sourceLocation)
            position = m.span.upperBound
        }
        if messages.isEmpty {
            let blank = file.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }
            #expect(file.isEmpty || (blank && !fileNotes.isEmpty), "\(name): no message, bytes unaccounted for",
                    sourceLocation: sourceLocation)
        } else {
            #expect(position == file.count, "\(name): spans end at \(position) of \(file.count)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Variants

    @Test func mboxo() throws {
        let file = try Self.bytes("mboxo.mbox")
        let ms = try Self.read(fixture: "mboxo.mbox")
        #expect(ms.count == 3)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms.map { $0.fromLine.map(Self.text) } == [Self.alice, Self.bob, Self.carol])
        #expect(ms.allSatisfy { $0.notes.isEmpty })
        #expect(ms.map(Self.subject) == ["Quarterly invoice", "Re: Quarterly invoice", "Password expiry"])
        #expect(Self.text(ms[0].bytes) == """
            From: alice@example.com
            To: investigator@example.com
            Subject: Quarterly invoice
            Date: Mon, 05 Jan 2026 09:00:00 +0000
            Message-ID: <quarterly-invoice@example.com>

            Please find the invoice attached.

            """)
        let body = Self.text(ms[1].bytes)
        #expect(body.hasSuffix("Thanks.\n\nFrom the start I thought this looked odd.\n> From your last mail: pay today.\n"))
        Self.checkTiling(ms, file, fileNotes: [], name: "mboxo")
    }

    @Test func mboxrdUnquotesOneLevel() throws {
        let file = try Self.bytes("mboxrd.mbox")
        let ms = try Self.read(fixture: "mboxrd.mbox")
        #expect(ms.count == 2)
        #expect(ms.map(\.offset) == [0, Self.offset(ofLine: Self.bob, in: file)!])
        let body = Self.text(ms[0].bytes).components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        #expect(body == """
            Stored lines below:

            From a (was From a)
            >From b (was >From b)
            >>From c (was >>From c)
            >From
             >From x (leading space, not quoting)
            X>From y (not at line start)
            > >From z (space between)

            """)
        #expect(Self.text(ms[1].bytes).hasSuffix("\n\n>From the archive\n"))
        for m in ms { #expect(m.bytes == Self.mboxrdUnquoted(file[m.contentRange])) }
        Self.checkTiling(ms, file, fileNotes: [], name: "mboxrd")
    }

    @Test func mboxoAndNoUnquotingOptions() throws {
        let file = try Self.bytes("mboxrd.mbox")
        let mboxo = try Self.read(fixture: "mboxrd.mbox") { $0.unquoting = .mboxo }
        #expect(Self.text(mboxo[0].bytes).contains("\n\nFrom a (was From a)\n>>From b (was >From b)\n>>>From c (was >>From c)\n>From\n"))
        #expect(Self.text(mboxo[1].bytes).hasSuffix("\n\n>>From the archive\n"))
        let raw = try Self.read(fixture: "mboxrd.mbox") { $0.unquoting = .none }
        for m in raw { #expect(m.bytes == Array(file[m.contentRange])) }
    }

    @Test func mboxcl2TrustsConsistentContentLength() throws {
        let file = try Self.bytes("mboxcl2.mbox")
        let ms = try Self.read(fixture: "mboxcl2.mbox")
        #expect(ms.count == 4)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol, Self.erin].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms.map(Self.subject) == ["Forwarded mbox", "Quoted", "No blank after", "Last"])
        // The body's envelope look-alike did not split the message, and mboxcl2 quotes nothing.
        let first = Self.text(ms[0].bytes)
        #expect(first.contains("\n\n\(Self.dave)\nSubject: not a separate message\n\nFrom the desk of the CFO.\n>From kept as stored\n"))
        #expect(ms[0].bytes == Array(file[ms[0].contentRange]))
        #expect(ms[0].notes.isEmpty)
        // mboxcl (no unquoted `From ` line in the body): `>From ` is unquoted.
        #expect(Self.text(ms[1].bytes).hasSuffix("\n\nFrom quoted line\nend\n"))
        // The Content-Length of #2 ends right at the next `From ` line (no blank line).
        #expect(Self.text(ms[2].bytes).hasSuffix("\n\nlast line\n"))
        #expect(ms[2].contentRange.upperBound == ms[3].offset)
        #expect(Self.codes(ms[3]) == ["mbox.missing-blank-line-before-from"])
        #expect(ms[3].notes[0].severity == .note)
        #expect(ms[3].notes[0].location.byteOffset == ms[3].offset)
        #expect(Self.text(ms[3].bytes).hasSuffix("\n\nbye\n"))
        #expect(ms[3].contentRange.upperBound == file.count - 1)
        Self.checkTiling(ms, file, fileNotes: [], name: "mboxcl2")

        // Without Content-Length, the envelope look-alike in #0 is a separator.
        let scanned = try Self.read(fixture: "mboxcl2.mbox") { $0.useContentLength = false }
        #expect(scanned.map { $0.fromLine.map(Self.text) } == [Self.alice, Self.dave, Self.bob, Self.carol, Self.erin])
    }

    @Test func wrongContentLengthFallsBackToScanning() throws {
        let file = try Self.bytes("content-length-wrong.mbox")
        let ms = try Self.read(fixture: "content-length-wrong.mbox")
        #expect(ms.count == 3)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms.map(Self.subject) == ["Too large", "Too small", "Past end"])
        #expect(Self.codes(ms[0]) == ["mbox.content-length-mismatch"])
        #expect(Self.codes(ms[1]) == ["mbox.content-length-mismatch"])
        #expect(Self.codes(ms[2]) == ["mbox.content-length-mismatch", "mbox.truncated-at-eof"])
        for m in ms {
            let header = Self.text(Array(file[m.contentRange])).range(of: "Content-Length:")!
            let headerOffset = m.contentRange.lowerBound + Self.text(Array(file[m.contentRange]))[..<header.lowerBound].utf8.count
            #expect(m.notes[0].location.byteOffset == headerOffset)
            #expect(m.notes[0].severity == .warning)
        }
        #expect(Self.text(ms[1].bytes).hasSuffix("\n\na longer body\nwith two lines\n"))
        Self.checkTiling(ms, file, fileNotes: [], name: "content-length-wrong")
    }

    @Test func crlf() throws {
        let file = try Self.bytes("crlf.mbox")
        let ms = try Self.read(fixture: "crlf.mbox")
        #expect(ms.count == 3)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms.map { $0.fromLine.map(Self.text) } == [Self.alice, Self.bob, Self.carol])
        #expect(ms.map(Self.subject) == ["CRLF one", "CRLF two", "CRLF three"])
        #expect(Self.text(ms[0].bytes).hasSuffix("\r\n\r\nline one\r\n\r\nFrom quoted\r\n"))
        #expect(Self.text(ms[1].bytes).hasSuffix("\r\n\r\nbody\r\n\r\n\(Self.dave)\r\nSubject: inside the body\r\n"))
        #expect(ms.allSatisfy { $0.notes.isEmpty })
        for m in ms.dropLast() { #expect(Array(file[m.contentRange.upperBound ..< m.span.upperBound]) == [0x0D, 0x0A]) }
        Self.checkTiling(ms, file, fileNotes: [], name: "crlf")
    }

    // MARK: - Broken files

    @Test func truncatedAtEOF() throws {
        let file = try Self.bytes("truncated.mbox")
        let ms = try Self.read(fixture: "truncated.mbox")
        #expect(ms.count == 2)
        #expect(ms.map(\.offset) == [0, Self.offset(ofLine: Self.bob, in: file)!])
        #expect(ms[0].notes.isEmpty)
        #expect(Self.codes(ms[1]) == ["mbox.truncated-at-eof"])
        #expect(ms[1].contentRange.upperBound == file.count)
        #expect(ms[1].bytes.last != 0x0A)
        #expect(Self.subject(ms[1]) == "Cut off")
        Self.checkTiling(ms, file, fileNotes: [], name: "truncated")
    }

    @Test func leadingGarbageIsReported() throws {
        let file = try Self.bytes("leading-garbage.mbox")
        let ms = try Self.read(fixture: "leading-garbage.mbox")
        #expect(ms.count == 2)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms[0].span.lowerBound == 0)
        #expect(Self.codes(ms[0]) == ["mbox.leading-garbage"])
        #expect(ms[0].notes[0].severity == .warning)
        #expect(ms[0].notes[0].location.byteOffset == 0)
        #expect(Self.subject(ms[0]) == "After junk")
        Self.checkTiling(ms, file, fileNotes: [], name: "leading-garbage")
    }

    @Test func leadingMessageIsYielded() throws {
        let file = try Self.bytes("leading-message.mbox")
        let ms = try Self.read(fixture: "leading-message.mbox")
        #expect(ms.count == 3)
        #expect(ms[0].fromLine == nil)
        #expect(ms.map(\.offset) == [0, Self.offset(ofLine: Self.alice, in: file)!, Self.offset(ofLine: Self.bob, in: file)!])
        #expect(Self.codes(ms[0]) == ["mbox.leading-garbage"])
        #expect(ms.map(Self.subject) == ["Headless", "First real", "Second real"])
        #expect(ms[1].notes.isEmpty && ms[2].notes.isEmpty)
        Self.checkTiling(ms, file, fileNotes: [], name: "leading-message")
    }

    @Test func emptyAndBlankFiles() throws {
        let empty = try Self.read(Self.path("empty.mbox"))
        #expect(empty.messages.isEmpty && empty.fileNotes.isEmpty)
        let blank = try Self.read(Self.path("blank.mbox"))
        #expect(blank.messages.isEmpty)
        #expect(blank.fileNotes.map(\.code) == ["mbox.leading-garbage"])
        for size in [1, 7] {
            #expect(try Self.read(Self.path("blank.mbox"), bufferSize: size).fileNotes == blank.fileNotes)
        }
    }

    @Test func singleMessage() throws {
        let file = try Self.bytes("single.mbox")
        let ms = try Self.read(fixture: "single.mbox")
        #expect(ms.count == 1)
        #expect(ms[0].offset == 0)
        #expect(ms[0].notes.isEmpty)
        let expected = Array(file[(Self.alice.utf8.count + 1) ..< (file.count - 1)])
        #expect(ms[0].bytes == expected)
        #expect(Self.text(ms[0].bytes).hasSuffix("\n\nThe only message.\n"))
        Self.checkTiling(ms, file, fileNotes: [], name: "single")
    }

    @Test func multipartMessages() throws {
        let file = try Self.bytes("multipart.mbox")
        let ms = try Self.read(fixture: "multipart.mbox")
        #expect(ms.count == 3)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol].map { Self.offset(ofLine: $0, in: file)! })
        let parser = MIMEParser()
        let filenames = ms.map { parser.parse($0.bytes).leaves.compactMap(\.filename) }
        #expect(filenames == [["invoice1.pdf"], ["invoice2.zip"], ["invoice3.html"]])
        for m in ms {
            let leaves = parser.parse(m.bytes).leaves
            #expect(leaves.map(\.contentType.mimeType) == ["text/plain", "application/octet-stream"])
        }
        // `From the accounts team` (not after a blank line, not an envelope) stays in message 0.
        #expect(Self.codes(ms[0]) == ["mbox.unquoted-from-line"])
        #expect(Self.text(ms[1].bytes).contains("\n\nFrom accounts\n"))
        Self.checkTiling(ms, file, fileNotes: [], name: "multipart")
    }

    @Test func brokenMessageInTheMiddleDoesNotStopTheReader() throws {
        let file = try Self.bytes("broken-middle.mbox")
        let ms = try Self.read(fixture: "broken-middle.mbox")
        #expect(ms.count == 4)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol, Self.dave].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms.map(Self.subject) == ["Before", "Broken in the middle", "After one", "After two"])
        #expect(ms[1].bytes.count > 20_000)
        #expect(ms[1].bytes.contains(0x00) && ms[1].bytes.contains(0xFF))
        #expect(Self.codes(ms[1]) == ["mbox.unquoted-from-line"])
        #expect(ms[2].notes.isEmpty && ms[3].notes.isEmpty)
        Self.checkTiling(ms, file, fileNotes: [], name: "broken-middle")
    }

    @Test func unmungedFromLinesDoNotSplit() throws {
        let file = try Self.bytes("unmunged.mbox")
        let ms = try Self.read(fixture: "unmunged.mbox")
        #expect(ms.count == 2)
        #expect(ms.map(\.offset) == [0, Self.offset(ofLine: Self.bob, in: file)!])
        #expect(ms.map(Self.codes) == [["mbox.unquoted-from-line"], ["mbox.unquoted-from-line"]])
        #expect(Self.text(ms[0].bytes).hasSuffix("\n\nFrom Russia with love\n\nWhat does your reader do?\n"))
        #expect(Self.text(ms[1].bytes).hasSuffix("\n\nFrom Russia with love\nYear: 1963\n\nAnd now?\n"))
        Self.checkTiling(ms, file, fileNotes: [], name: "unmunged")
    }

    @Test func separatorsWithoutBlankLine() throws {
        let file = try Self.bytes("missing-blank.mbox")
        let ms = try Self.read(fixture: "missing-blank.mbox")
        #expect(ms.count == 4)
        #expect(ms.map { $0.fromLine.map(Self.text) } == [Self.alice, Self.bob, "From - ", "From - Mon Jun  3 12:50:27 1996"])
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, "From - ", "From - Mon Jun  3 12:50:27 1996"].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms.map(Self.codes) == [[], ["mbox.missing-blank-line-before-from"], ["mbox.missing-blank-line-before-from"], []])
        #expect(ms[1].notes[0].severity == .warning)
        #expect(ms[1].notes[0].location.byteOffset == ms[1].offset)
        #expect(ms[1].notes[0].location.line == 9)
        #expect(Self.text(ms[0].bytes).hasSuffix("\n\none\n"))
        #expect(ms.map(Self.subject) == ["No blank one", "No blank two", "Mozilla bare", "Mozilla dated"])
        Self.checkTiling(ms, file, fileNotes: [], name: "missing-blank")
    }

    @Test func emptyMessage() throws {
        let file = try Self.bytes("empty-message.mbox")
        let ms = try Self.read(fixture: "empty-message.mbox")
        #expect(ms.count == 3)
        #expect(ms.map(\.offset) == [Self.alice, Self.bob, Self.carol].map { Self.offset(ofLine: $0, in: file)! })
        #expect(ms[1].bytes.isEmpty)
        #expect(Self.codes(ms[1]) == ["mbox.empty-message"])
        #expect(ms[0].notes.isEmpty && ms[2].notes.isEmpty)
        Self.checkTiling(ms, file, fileNotes: [], name: "empty-message")
    }

    @Test func byteOrderMark() throws {
        let file = try Self.bytes("bom.mbox")
        let ms = try Self.read(fixture: "bom.mbox")
        #expect(ms.count == 2)
        #expect(ms[0].offset == 3 && ms[0].span.lowerBound == 0)
        #expect(ms[0].notes.isEmpty)
        #expect(ms[1].offset == Self.offset(ofLine: Self.bob, in: file))
        Self.checkTiling(ms, file, fileNotes: [], name: "bom")
    }

    @Test func filesWithoutSeparatorsOrLineBreaks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-mbox-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ text: String) throws -> (messages: [MboxMessage], fileNotes: [Diagnostic], file: [UInt8]) {
            let url = folder.appendingPathComponent("x.mbox")
            try Data(text.utf8).write(to: url)
            let result = try Self.read(url.path)
            Self.checkTiling(result.messages, Array(text.utf8), fileNotes: result.fileNotes, name: text)
            return (result.messages, result.fileNotes, Array(text.utf8))
        }
        // A lone From line without a line break: one empty message.
        let lone = try read(Self.alice)
        #expect(lone.messages.count == 1)
        #expect(lone.messages.first?.contentRange == Self.alice.utf8.count ..< Self.alice.utf8.count)
        #expect(lone.messages.first.map(Self.codes) == ["mbox.empty-message"])
        // No From line at all: the whole file is one message, said so.
        for text in ["Subject: no envelope\n\nbody\n", "plain junk\nmore junk"] {
            let whole = try read(text)
            #expect(whole.messages.count == 1)
            #expect(whole.messages.first?.fromLine == nil)
            #expect(whole.messages.first.map(Self.codes)?.first == "mbox.no-from-line")
        }
        // A Content-Length that points at a `From ` line too long to keep whole.
        let long = "From " + String(repeating: "x", count: 1500)
        let body = "body\n"
        let text = "\(Self.alice)\nSubject: a\nContent-Length: \(body.utf8.count)\n\n\(body)\(long)\nSubject: b\n\nz\n"
        let cut = try read(text)
        #expect(cut.messages.count == 2)
        #expect(cut.messages.last?.fromLine?.count == MboxReader.maxFromLineBytes)
        #expect(cut.messages.last.map(Self.codes) == ["mbox.from-line-too-long", "mbox.missing-blank-line-before-from"])
    }

    @Test func aFromFieldWithWhiteSpaceBeforeTheColonIsNeverASeparator() throws {
        let file = try Self.bytes("from-colon.mbox")
        for size in [1, 7, 64 << 10] {
            let (ms, fileNotes) = try Self.read(Self.path("from-colon.mbox"), bufferSize: size)
            #expect(ms.count == 3)
            guard ms.count == 3 else { return }
            // The leading message keeps its first line: the sender is not lost to a separator.
            #expect(ms[0].fromLine == nil && ms[0].offset == 0)
            #expect(Self.text(ms[0].bytes).hasPrefix("From  : Mallory <mallory@example.net>\n"))
            #expect(Self.codes(ms[0]) == ["mbox.leading-garbage"])
            #expect(ms[1].offset == Self.offset(ofLine: Self.alice, in: file))
            #expect(ms[2].offset == Self.offset(ofLine: Self.bob, in: file))
            // `From  : ... Mon Jan  5 09:00:00 2026` after a blank line has a date-like rest, but the colon makes it a field.
            #expect(Self.text(ms[1].bytes).contains("\nFrom  : Someone <someone@example.org> Mon Jan  5 09:00:00 2026\n"))
            #expect(ms[1].notes.isEmpty && ms[2].notes.isEmpty && fileNotes.isEmpty)
            let senders = ms.map { MessageEnvelope(headers: MIMEParser().parse($0.bytes).headers).from.map(\.address) }
            #expect(senders == [["mallory@example.net"], ["alice@example.com"], ["bob@example.org"]])
            #expect(ms.map(Self.subject) == ["Obsolete From first", "Obsolete From after the envelope", "Plain second"])
            Self.checkTiling(ms, file, fileNotes: fileNotes, name: "from-colon")
        }
    }

    // MARK: - Streaming

    @Test(arguments: [1, 7, 64])
    func sameResultsWhateverTheBufferSize(bufferSize: Int) throws {
        for name in Self.fixtureNames {
            let reference = try Self.read(Self.path(name))
            let chunked = try Self.read(Self.path(name), bufferSize: bufferSize)
            #expect(chunked.messages == reference.messages, "\(name) with a \(bufferSize)-byte buffer")
            #expect(chunked.fileNotes == reference.fileNotes, "\(name) with a \(bufferSize)-byte buffer")
            Self.checkTiling(chunked.messages, try Self.bytes(name), fileNotes: chunked.fileNotes, name: name)
        }
    }

    @Test func messageSizeLimit() throws {
        let file = try Self.bytes("broken-middle.mbox")
        let reference = try Self.read(fixture: "broken-middle.mbox")
        for size in [7, 64 << 10] {
            let ms = try Self.read(fixture: "broken-middle.mbox", bufferSize: size) { $0.maxMessageBytes = 1000 }
            #expect(ms.count == 4)
            #expect(ms[1].bytes == Array(reference[1].bytes.prefix(1000)))
            #expect(Self.codes(ms[1]) == ["mbox.unquoted-from-line", "mbox.message-too-large"])
            #expect(ms[0] == reference[0] && ms[2] == reference[2] && ms[3] == reference[3])
            Self.checkTiling(ms, file, fileNotes: [], name: "broken-middle (limited)")
        }
    }

    @Test func closeStopsEarly() throws {
        let reader = try MboxReader(path: Self.path("mboxo.mbox"))
        #expect(reader.next()?.index == 0)
        reader.close()
        #expect(reader.next() == nil)
    }

    @Test func unopenableInputsThrow() {
        #expect(throws: IngestError.self) { try MboxReader(path: Self.path("no-such-file.mbox")) }
        #expect(throws: IngestError.self) { try MboxReader(path: Self.fixtures.path) }
        do {
            _ = try MboxReader(path: Self.fixtures.path)
        } catch {
            #expect(error.code == "input.unreadable")
        }
    }

    // MARK: - Sniffing

    @Test func looksLikeMbox() throws {
        for name in Self.fixtureNames {
            let expected = !["empty.mbox", "blank.mbox", "leading-garbage.mbox", "leading-message.mbox", "from-colon.mbox"].contains(name)
            #expect(MboxReader.looksLikeMbox(Array(try Self.bytes(name).prefix(1024))) == expected, "\(name)")
        }
        let yes = [
            "From - \nReturn-Path: <>\n",
            "From - Mon Jun  3 12:50:27 1996\n",
            "From 1844347792267117879@xxx\r\nMIME-Version: 1.0\r\n",
            "From jm@dogma.slashnull.org  Wed May 16 00:40:34 2001\n",
            "\u{FEFF}From a@example.com Mon, 5 Jan 2026 09:00:00 +0000\n",
            "From MAILER-DAEMON Fri Jul  8 12:08:34 2011",
        ]
        let no = [
            "", "From: alice@example.com\nSubject: x\n\nbody\n", "From Russia with love\n\nbody\n", "From -\n\nbody\n",
            "From -", "{\"value\": []}", "Received: from x\nFrom a@b Mon Jan  5 09:00:00 2026\n", " From a@b Mon Jan  5 09:00:00 2026\n",
            "From \nSubject: x\n", ">From a@b Mon Jan  5 09:00:00 2026\n",
            "From  : John Doe <jdoe@example.com>\nSubject: x\n", "From\t: a@b Mon Jan  5 09:00:00 2026\n",
        ]
        for s in yes { #expect(MboxReader.looksLikeMbox(Array(s.utf8)), "\(s)") }
        for s in no { #expect(!MboxReader.looksLikeMbox(Array(s.utf8)), "\(s)") }
    }

    // MARK: - Real files

    /// Messages each real file is expected to hold.
    static let corpusCounts = [
        "MimeKit__content-length.mbox": 29, "MimeKit__issue1189.mbox": 4, "MimeKit__simple.mbox": 3,
        "MimeKit__unmunged.mbox": 2, "gmime__substring.mbox": 3, "james-mime4j__rlug.mbox": 5,
        "spamassassin__nice.mbox": 3,
    ]

    @Test(.enabled(if: hasCorpus, "../shared/corpus/mbox is not present"))
    func realMboxFilesTile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let path = Self.corpus.appendingPathComponent(name).path
            let file = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let result = try Self.read(path)
            #expect(result.messages.count >= 1, "\(name)")
            if let expected = Self.corpusCounts[name] { #expect(result.messages.count == expected, "\(name)") }
            Self.checkTiling(result.messages, file, fileNotes: result.fileNotes, name: name)
            for m in result.messages {
                let quoted = Self.mboxrdUnquoted(file[m.contentRange])
                #expect(m.bytes.count >= quoted.count && m.bytes.count <= m.contentRange.count, "\(name) #\(m.index)")
            }
            #expect(try Self.read(path, bufferSize: 7).messages == result.messages, "\(name)")
        }
    }
}
