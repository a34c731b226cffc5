import Testing
@testable import Outlook

/// TNEF streams built by `Fixtures/outlook/make-fixtures.py` (cross-checked with the `tnef` decoder).
struct TNEFReaderTests {
    @Test func attachmentsBodyAndClass() throws {
        let bytes = try Fixture.bytes("winmail.dat")
        #expect(TNEFReader.isTNEF(bytes))
        let message = TNEFReader.read(bytes[...], pathPrefix: "1.2.tnef")
        #expect(message.diagnostics.isEmpty)
        #expect(message.messageClass == "IPM.Microsoft Mail.Note")
        #expect(message.subject == "Statements")
        #expect(message.isRead == true)
        let listed = message.attachments.map { "\($0.path) \($0.name ?? "-") \($0.mimeType ?? "-") \($0.bytes?.count ?? -1)" }
        #expect(listed == [
            "1.2.tnef1 kitten photo.jpg image/jpeg 91",
            "1.2.tnef2 Statement November.pdf application/pdf 77",
            "1.2.tnef3 notes.txt text/plain 61",
        ])
        #expect(message.attachments[0].bytes?.prefix(3) == [0xFF, 0xD8, 0xFF])
        let rtf = CompressedRTF.decompress(try #require(message.compressedRTF))
        #expect(rtf.problem == nil)
        guard case .text(let text, _) = RTFReader.read(rtf.rtf).content else {
            Issue.record("a plain RTF body")
            return
        }
        #expect(text.contains("Confirm at https://statements.fabrikam-billing.example/confirm"))
    }

    @Test func everyCutIsADiagnosticAndKeepsWhatCameBefore() throws {
        let bytes = try Fixture.bytes("winmail.dat")
        // Where attributes end: a cut there is a shorter stream, not a damaged one.
        var boundaries: Set<Int> = [6]
        var position = 6
        while position + 9 <= bytes.count {
            let length = Int(bytes[position + 5]) | Int(bytes[position + 6]) << 8 | Int(bytes[position + 7]) << 16 | Int(bytes[position + 8]) << 24
            position += 9 + length + 2
            boundaries.insert(position)
        }
        var previous = 0
        for length in 0 ..< bytes.count {
            let message = TNEFReader.read(bytes[..<length], pathPrefix: "x.tnef")
            #expect(message.attachments.count >= previous || length < 6)
            previous = message.attachments.count
            let damaged = message.diagnostics.contains { $0.code == .tnefMalformed }
            #expect(damaged != boundaries.contains(length), "cut at \(length)")
        }
    }

    @Test func damagedStreams() throws {
        let bytes = try Fixture.bytes("winmail.dat")
        // Not TNEF at all.
        let foreign = TNEFReader.read(Array("PK\u{3}\u{4} not tnef".utf8)[...], pathPrefix: "1.2.tnef")
        #expect(foreign.attachments.isEmpty)
        #expect(foreign.diagnostics.map(\.code) == [.tnefMalformed])
        #expect(foreign.diagnostics.first?.part == "1.2")
        // A changed byte fails its attribute's checksum: noted, data kept.
        var flipped = bytes
        flipped[flipped.count - 40] ^= 0x20
        let checked = TNEFReader.read(flipped[...], pathPrefix: "t")
        #expect(checked.diagnostics.contains { $0.code == .tnefChecksum })
        #expect(checked.attachments.count == 3)
        // An attribute that claims 4 GB.
        var absurd = Array(bytes.prefix(6))
        absurd += [0x02, 0x0F, 0x80, 0x06, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3]
        let huge = TNEFReader.read(absurd[...], pathPrefix: "t")
        #expect(huge.diagnostics.map(\.code) == [.tnefMalformed])
        // A property list that claims billions of values.
        var list: [UInt8] = [1, 0, 0, 0, 0x02, 0x01, 0x09, 0x10, 0xFF, 0xFF, 0xFF, 0x7F]
        let (parsed, _) = TNEFPropertyList.read(list[...], defaultCodepage: nil)
        #expect(parsed.problem != nil)
        list = [2, 0, 0, 0, 0x03, 0x00, 0x07, 0x0E, 1, 0, 0, 0, 0x1F, 0x00, 0x37, 0x00, 1, 0, 0, 0, 4, 0, 0, 0, 0x48, 0, 0x69, 0]
        let (good, end) = TNEFPropertyList.read(list[...], defaultCodepage: nil)
        #expect(good.problem == nil)
        #expect(end == list.count)
        #expect(good.bag.string(PropertyID.subject) == "Hi")
        #expect(good.bag.int32(PropertyID.messageFlags) == 1)
    }
}
