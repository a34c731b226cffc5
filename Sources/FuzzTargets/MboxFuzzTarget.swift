import Ingest
import MailModel

/// An mbox file: the messages and notes do not depend on the read buffer's size, and the messages
/// tile the file as `MboxMessage` documents.
enum MboxFuzzTarget {
    struct Read: Equatable {
        var messages: [MboxMessage] = []
        var fileNotes: [Diagnostic] = []
    }

    static func run(_ input: [UInt8], into violations: inout Violations) {
        _ = MboxReader.looksLikeMbox(Array(input.prefix(8192)))
        guard let file = ScratchFile(input, suffix: ".mbox") else {
            violations.add("no temporary file could be written")
            return
        }
        // A 1-byte buffer reads one byte per system call: kept for short inputs.
        let small = input.count <= 4096 ? 1 : 61
        var cut = MboxReader.Options()
        cut.maxMessageBytes = 64
        cut.unquoting = .none
        for options in [MboxReader.Options.default, cut] {
            var tiny = options
            tiny.bufferSize = small
            guard let reference = read(file.path, options, into: &violations), let other = read(file.path, tiny, into: &violations) else { return }
            if reference != other {
                violations.add("buffer sizes \(options.bufferSize) and \(small) read differently: \(difference(reference, other))")
            }
            checkTiling(reference, input, options: options, into: &violations)
        }
    }

    static func read(_ path: String, _ options: MboxReader.Options, into violations: inout Violations) -> Read? {
        let reader: MboxReader
        do {
            reader = try MboxReader(path: path, options: options)
        } catch {
            violations.add("the scratch file could not be opened: \(error)")
            return nil
        }
        var result = Read()
        while let message = reader.next() { result.messages.append(message) }
        violations.check(reader.next() == nil, "next() after the end returned a message")
        result.fileNotes = reader.fileNotes
        return result
    }

    static func difference(_ a: Read, _ b: Read) -> String {
        if a.messages.count != b.messages.count { return "\(a.messages.count) messages / \(b.messages.count)" }
        for (x, y) in zip(a.messages, b.messages) where x != y {
            return "message \(x.index): \(FuzzTargets.difference(x, y))"
        }
        return "file notes \(FuzzTargets.difference(a.fileNotes, b.fileNotes))"
    }

    /// The documented layout (`MboxMessage`): spans tile the file; inside a span, leading bytes
    /// (first message only), the `From ` line and its line break, the content, then at most one line break.
    static func checkTiling(_ read: Read, _ file: [UInt8], options: MboxReader.Options, into violations: inout Violations) {
        var position = 0
        for (i, m) in read.messages.enumerated() {
            let name = "message \(i)"
            violations.check(m.index == i, "\(name) has index \(m.index)")
            violations.check(m.source.format == "mbox" && m.source.index == i && m.source.offset == m.offset, "\(name): source \(m.source)")
            guard m.span.lowerBound == position, m.span.upperBound <= file.count,
                m.offset >= m.span.lowerBound, m.contentRange.lowerBound >= m.offset,
                m.contentRange.upperBound <= m.span.upperBound, m.contentRange.lowerBound <= m.contentRange.upperBound
            else {
                violations.add("\(name): span \(m.span), offset \(m.offset), content \(m.contentRange) do not tile the file from \(position) (\(file.count) bytes)")
                return
            }
            if i > 0 {
                violations.check(m.offset == m.span.lowerBound, "\(name): bytes before its From line")
            } else if m.offset > 0, Array(file[0 ..< m.offset]) != [0xEF, 0xBB, 0xBF] {
                violations.check(m.notes.contains { $0.code == IngestCode.mboxLeadingGarbage }, "\(m.offset) leading bytes not reported")
            }
            if let from = m.fromLine {
                violations.check(from.starts(with: Array("From ".utf8)), "\(name): From line \(excerpt(from))")
                if m.offset + from.count <= m.contentRange.lowerBound {
                    violations.check(Array(file[m.offset ..< m.offset + from.count]) == from, "\(name): From line is not the file's bytes")
                    let eol = Array(file[m.offset + from.count ..< m.contentRange.lowerBound])
                    let endsFile = eol.isEmpty && m.contentRange.lowerBound == file.count
                    let cut = m.notes.contains { $0.code == IngestCode.mboxFromLineTooLong }
                    violations.check(eol == [0x0A] || eol == [0x0D, 0x0A] || endsFile || cut, "\(name): \(eol.count) bytes between the From line and the content")
                } else {
                    violations.add("\(name): From line of \(from.count) bytes longer than offset..<content")
                }
            } else {
                violations.check(i == 0 && m.contentRange.lowerBound == m.offset, "\(name) without a From line")
            }
            let separator = Array(file[m.contentRange.upperBound ..< m.span.upperBound])
            violations.check(separator.isEmpty || separator == [0x0A] || separator == [0x0D, 0x0A], "\(name): \(separator.count) separator bytes")
            violations.check(m.bytes.count <= m.contentRange.count && m.bytes.count <= options.maxMessageBytes, "\(name): \(m.bytes.count) bytes for content \(m.contentRange)")
            if options.unquoting == .none {
                violations.check(file[m.contentRange].starts(with: m.bytes), "\(name): the bytes kept are not the content as stored")
            }
            position = m.span.upperBound
        }
        if read.messages.isEmpty {
            // Only blank lines (after a BOM) make no message, and a note says so.
            let body = file.starts(with: [0xEF, 0xBB, 0xBF]) ? file.dropFirst(3) : file[...]
            let blank = body.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }
            violations.check(body.isEmpty || (blank && !read.fileNotes.isEmpty), "no message, \(file.count) bytes unaccounted for")
        } else {
            violations.check(position == file.count, "spans end at \(position) of \(file.count) bytes")
        }
    }
}
