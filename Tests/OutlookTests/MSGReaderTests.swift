import Foundation
import Testing
@testable import Outlook

/// `.msg` files built by `Fixtures/outlook/make-fixtures.py` from MS-CFB and MS-OXMSG (cross-checked
/// with Python extract-msg when they were made).
struct MSGReaderTests {
    @Test func messagePropertiesRecipientsAndBodies() throws {
        let message = try MSGReader.read(path: Fixture.path("phish.msg"))
        #expect(message.messageClass == "IPM.Note")
        #expect(message.subject == "Mailbox quota exceeded")
        #expect(message.messageID == "<quota-7731@fabrikam-secure.example>")
        #expect(message.from?.smtpAddress == "it-support@fabrikam-secure.example")
        #expect(message.from?.name == "IT Service Desk")
        #expect(message.sender == nil, "the sender is the same person")
        #expect(message.sentTime == 1_795_508_038)  // 2026-11-24T08:13:58Z
        #expect(message.receivedTime == 1_795_508_042)
        #expect(message.isRead == false)
        #expect(message.transportHeaders?.hasPrefix("Received: from mail.fabrikam-secure.example") == true)
        #expect(message.plainBody == "Your mailbox is full. Release your messages at the quarantine portal.\r\n")
        #expect(message.htmlBody == nil)
        let recipients = message.recipients.map { "\($0.kind.rawValue) \($0.address.bestAddress ?? "-") smtp=\($0.address.isSMTP)" }
        #expect(recipients == [
            "to alice.martin@fabrikam.example smtp=true",
            "cc /o=Fabrikam/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=bkeller smtp=false",
        ])
        let rtf = try #require(message.compressedRTF)
        let decompressed = CompressedRTF.decompress(rtf)
        #expect(decompressed.problem == nil)
        guard case .html(let html) = RTFReader.read(decompressed.rtf).content else {
            Issue.record("the RTF encapsulates HTML")
            return
        }
        #expect(html.contains(#"<a href="https://mail-release.fabrikam-secure.example/login">the quarantine portal</a>"#))
        #expect(message.diagnostics.isEmpty)
    }

    @Test func attachmentsAndAttachedMessagesRecursively() throws {
        let message = try MSGReader.read(path: Fixture.path("phish.msg"))
        let listed = message.attachments.map { a in "\(a.path) \(a.name ?? "-") \(a.mimeType ?? "-") \(a.bytes?.count ?? -1) \(a.message != nil)" }
        #expect(listed == [
            "att1 Quota-Release-Form.pdf application/pdf 77 false",
            "att2 winmail.dat application/ms-tnef 774 false",
            "att3 Account verification required - -1 true",
        ])
        let inner = try #require(message.attachments[2].message)
        #expect(inner.subject == "Account verification required")
        #expect(inner.from?.smtpAddress == "payroll@fabrikam-hr.example")
        #expect(inner.recipients.map(\.address.bestAddress) == ["it-support@fabrikam-secure.example"])
        #expect(inner.attachments.map(\.path) == ["att3.att1"])
        #expect(inner.attachments.first?.name == "payroll-form.html")
        #expect(inner.attachments.first?.bytes.map { String(decoding: $0, as: UTF8.self) }?.contains("payroll.fabrikam-hr.example/collect") == true)
    }

    @Test func anAbsurdAttachmentSizeIsADiagnosticNotAnAllocation() throws {
        let message = try MSGReader.read(path: Fixture.path("absurd-attachment.msg"))
        let huge = try #require(message.attachments.last)
        #expect(huge.name == "huge.bin")
        guard case .unread(let declared) = huge.content else {
            Issue.record("the attachment's bytes must not be read")
            return
        }
        #expect(declared == 300_000_000)
        #expect(message.diagnostics.map(\.code) == [.attachmentTooLarge])
        #expect(message.diagnostics.first?.part == "att4")
        // A lower limit stops ordinary attachments too, and says so.
        var options = OutlookReadOptions()
        options.maxAttachmentBytes = 50
        let limited = try MSGReader.read(path: Fixture.path("phish.msg"), options: options)
        #expect(limited.diagnostics.contains { $0.code == .attachmentTooLarge && $0.part == "att1" })
    }

    @Test func truncatedAndForeignCompoundFilesAreErrorsNotCrashes() throws {
        #expect(throws: OutlookFileError.self) { try MSGReader.read(path: Fixture.path("truncated.msg")) }
        do {
            _ = try MSGReader.read(path: Fixture.path("word-document.doc"))
            Issue.record("a Word file is not a message")
        } catch {
            #expect(error.code == .notAMessage)
        }
        do {
            _ = try MSGReader.read(path: Fixture.path("no-such-file.msg"))
            Issue.record("a missing file cannot be read")
        } catch {
            #expect(error.code == .unreadable)
        }
    }

    @Test func everyCutOfAMessageFileEndsInAMessageOrAnError() throws {
        // Truncation at many lengths (a cut copy, a disk that filled): never a crash.
        let bytes = try Fixture.bytes("phish.msg")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-msg-cuts-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var readable = 0
        for length in stride(from: 0, to: bytes.count, by: 509) {
            let path = folder.appendingPathComponent("cut-\(length).msg").path
            try Data(bytes.prefix(length)).write(to: URL(fileURLWithPath: path))
            if (try? MSGReader.read(path: path)) != nil { readable += 1 }
        }
        #expect(readable < bytes.count / 509)
    }

    @Test func synthesizedTreesFollowTheLayout() {
        // A property stream whose size is not whole entries, and a value stream with no data.
        func stream(_ name: String, _ bytes: [UInt8]) -> CompoundEntry { CompoundEntry(name: name, kind: .stream, size: bytes.count, data: bytes) }
        var props = [UInt8](repeating: 0, count: 32)
        props += [0x03, 0x00, 0x07, 0x0E, 6, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]  // PidTagMessageFlags = read
        props += [1, 2, 3]
        let root = CompoundEntry(name: "Root Entry", kind: .storage, children: [
            stream("__properties_version1.0", props),
            stream("__substg1.0_0037001E", Array("Caf\u{E9}\0".utf8.map { $0 }.prefix(3)) + [0xE9, 0]),
            CompoundEntry(name: "__substg1.0_1000001F", kind: .stream, size: 9_999_999, readProblem: "too large"),
        ])
        let message = MSGReader.message(from: root)
        #expect(message.isRead == true)
        #expect(message.subject == "Caf\u{E9}")
        #expect(message.diagnostics.map(\.code) == [.malformedProperties, .malformedProperties])
    }
}
