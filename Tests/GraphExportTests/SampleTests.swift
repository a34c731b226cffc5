import Foundation
import Testing
import GraphExport

/// The real-world samples in `../shared/graph-samples` (see its SOURCES.md), read in place.
@Suite(.enabled(if: Paths.samplesPresent, "../shared/graph-samples is not present"))
struct SampleTests {
    @Test func everySampleReadsWithoutFileDiagnostics() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.samples.path).filter { $0.hasSuffix(".json") }
        #expect(names.count == 13)
        for name in names {
            let r = try read(path: Paths.sample(name))
            #expect(r.diagnostics.isEmpty, "\(name): \(r.diagnostics)")
            #expect(!r.records.isEmpty, "\(name)")
            // Small buffers give the same records.
            var tiny = GraphReaderOptions()
            tiny.bufferSize = 64
            let small = try read(path: Paths.sample(name), options: tiny)
            #expect(render(small) == render(r), "\(name)")
        }
    }

    @Test func corsoMessageWithAttachments() throws {
        let r = try read(path: Paths.sample("corso-email-with-attachments.json"))
        #expect(r.messages.count == 1)
        let (m, location) = try #require(r.messages.first)
        #expect(location.pointer == "")
        #expect(location.mailbox == "JohannaL@test-tenant.onmicrosoft.com")
        #expect(m.internetMessageId.v == "PH0PR04MB728549C32966F13F99565FFEBCB0A@PH0PR04MB7285.namprd04.prod.outlook.com")
        #expect(m.subject.v == "Mail with everything")
        #expect(m.from.v?.address == "JohannaL@test-tenant.onmicrosoft.com")
        #expect(m.ccRecipients.v?.count == 2)
        #expect(m.bccRecipients.v?.count == 2)
        #expect(m.replyTo.v?.isEmpty == true)
        #expect(m.receivedDateTime.v?.iso8601UTC == "2023-11-16T05:42:47Z")
        #expect(m.body.v?.contentType == .html)
        #expect(m.internetMessageHeaders == .absent)
        let attachments = try #require(m.attachments.v)
        #expect(attachments.map(\.kind) == [.file, .file, .file])
        #expect(attachments.map { $0.name.v } == ["k.jpeg", "qt.conf", "qt2.conf"])
        #expect(attachments[0].isInline.v == true)
        #expect(attachments[0].contentId.v == "b2c37924-dcec-4c49-88e0-3a41e0ecf542")
        #expect(attachments[0].contentLocation == .null)
        #expect(attachments[0].size.v == 266_198)
        // `size` is not the decoded length.
        let jpeg = attachments[0].decodedContent()
        #expect(jpeg.count == 730)
        #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
        #expect(attachments[1].contentId == .null)
        #expect(m.diagnostics.isEmpty)
    }

    @Test func corsoMessageWithinMessage() throws {
        let r = try read(path: Paths.sample("corso-email-within-email.json"))
        let (m, location) = try #require(r.messages.first)
        #expect(location.mailbox == "7ceb8e03-bdc5-4509-a136-457526165ec0")
        let attachments = try #require(m.attachments.v)
        #expect(attachments.count == 3)
        #expect(attachments.allSatisfy { $0.kind == .item })
        #expect(attachments.allSatisfy { $0.contentType == .absent })
        for attachment in attachments {
            let item = try #require(attachment.item.v)
            #expect(item.id.v == "")
            #expect(item.subject.v == "Purpose of life")
            #expect(item.internetMessageId.v == "SJ0PR04MB7294108E381BCCE5C207B6DEBC472@SJ0PR04MB7294.namprd04.prod.outlook.com")
            #expect(item.parentFolderId == .absent)
            let inner = try #require(item.attachments.v)
            #expect(inner.map { $0.name.v } == ["Abidjan.ics"])
            #expect(inner[0].contentType.v == "text/calendar")
            #expect(!inner[0].decodedContent().isEmpty)
        }
        #expect(attachments.map { $0.name.v } == ["Purpose of life", "Purpose of life part 2", "Purpose of life part 3"])
    }

    @Test func corsoEventMessage() throws {
        let r = try read(path: Paths.sample("corso-email-with-event-info.json"))
        let (m, _) = try #require(r.messages.first)
        #expect(m.odataType == "#microsoft.graph.eventMessageRequest")
        #expect(m.isEventMessage)
        #expect(m.meetingMessageType.v == "meetingRequest")
        #expect(m.startDateTime.v?.iso8601UTC == "2024-01-22T02:30:00Z")
        #expect(m.startDateTime.v?.form == .dateTimeTimeZone)
        #expect(m.endDateTime.v?.iso8601UTC == "2024-01-22T03:00:00Z")
        #expect(m.attachments == .absent)
        // Event extras are kept.
        #expect(m.additionalMembers.contains { $0.key == "recurrence" })
        #expect(m.additionalMembers.contains { $0.key == "isDeliveryReceiptRequested" && $0.value == .null })
        #expect(m.diagnostics.isEmpty)
    }

    @Test func rubyMessagesPage() throws {
        let r = try read(path: Paths.sample("ruby-office365-messages-page-skip10.json"))
        #expect(r.messages.count == 10)
        #expect(r.pointers == (0..<10).map { "/value/\($0)" })
        #expect(r.messages.allSatisfy { $0.1.mailbox == "vBox.Andy@outlook.com" })
        #expect(r.messages.allSatisfy { $0.0.body == .absent && $0.0.bodyPreview == .absent })
        #expect(r.messages[0].0.subject.v == "角川幸恵 and others just posted")
        #expect(r.messages[9].0.internetMessageId.v == "229989475.5684012.1664795310627@lva1-app48107.prod.linkedin.com")
        #expect(r.messages[9].0.receivedDateTime.v?.iso8601UTC == "2022-10-03T11:08:41Z")
        let page = try #require(r.pages.first)
        #expect(page.isPage && page.isComplete)
        #expect(page.elementCount == 10)
        #expect(page.nextLink == "https://graph.microsoft.com/v1.0/me/messages?%24top=10&%24skip=20")
        #expect(page.mailbox == "vBox.Andy@outlook.com")
        #expect(r.records.count == 11)
    }

    @Test func rubyMeIsAUser() throws {
        let r = try read(path: Paths.sample("ruby-office365-me.json"))
        let (u, _) = try #require(r.users.first)
        #expect(r.users.count == 1)
        #expect(u.userPrincipalName.v == "vbox.andy@outlook.com")
        #expect(u.mail == .null)
        #expect(u.department == .absent)
        #expect(u.displayName.v == "Andy vBox")
    }

    @Test func sandboxUsers() throws {
        let r = try read(path: Paths.sample("graph-explorer-sandbox-users.json"))
        #expect(r.users.count == 32)
        let adele = try #require(r.users.first { $0.0.displayName.v == "Adele Vance" })
        #expect(adele.0.mail.v == "AdeleV@M365x214355.onmicrosoft.com")
        #expect(adele.0.id.v == "87d349ed-44d7-43e1-9a83-5f2406dee5bd")
        #expect(adele.0.jobTitle.v == "Product Marketing Manager")
        #expect(r.users.allSatisfy { $0.0.department == .absent })
        #expect(GraphReader.classifyForTest(Paths.sample("graph-explorer-sandbox-users.json")) == .users)
    }

    @Test func mailFolders() throws {
        let r = try read(path: Paths.sample("graph-docs-mailfolders-list.json"))
        #expect(r.folders.count == 9)
        #expect(r.folders.map { $0.0.displayName.v ?? "" }.contains("Inbox"))
        let search = r.folders.filter { $0.0.isSearchFolder }
        #expect(search.map { $0.0.displayName.v } == ["Weekly digests"])
        let inbox = try #require(r.folders.first { $0.0.displayName.v == "Inbox" })
        #expect(inbox.0.totalItemCount.v == 71)
        #expect(inbox.0.wellKnownName == .absent)
        #expect(inbox.1.mailbox == "68ca8ec0-11f8-456b-a785-70d9936650d5")
    }

    @Test func headersOnlyMessage() throws {
        let r = try read(path: Paths.sample("graph-docs-message-internetmessageheaders.json"))
        let (m, _) = try #require(r.messages.first)
        let headers = try #require(m.internetMessageHeaders.v)
        #expect(headers.map(\.name) == ["MIME-Version", "Content-Type", "x-custom-header-group-name", "x-custom-header-group-id"])
        #expect(headers[3].value == "WA001")
        #expect(m.subject == .absent)
        #expect(m.odataETag == "W/\"FwAAABYAAAC4ofQHEIqCSbQPot83AFcbAAAW/0tB\"")
    }

    @Test func standaloneItemAttachment() throws {
        let r = try read(path: Paths.sample("graph-docs-itemattachment-expand-item.json"))
        #expect(r.messages.isEmpty)
        let (a, location) = try #require(r.attachments.first)
        #expect(a.kind == .item)
        #expect(a.contentType == .null)
        #expect(a.size.v == 32005)
        #expect(location.mailbox == "d1a2fae9-db66-4cc9-8133-2184c77af1b8")
        let item = try #require(a.item.v)
        #expect(item.id.v == "")
        #expect(item.internetMessageHeaders.v?.isEmpty == true)
        #expect(item.from.v?.address == "AdeleV@contoso.com")
        #expect(item.subject.v == "Reminder - please bring laptop")
    }

    @Test func messagesWithExtensions() throws {
        let r = try read(path: Paths.sample("graph-docs-messages-with-extensions.json"))
        let (m, location) = try #require(r.messages.first)
        #expect(location.pointer == "/value/0")
        #expect(location.mailbox == nil)  // #Me/messages
        #expect(m.body.v?.contentType == .html)  // written "HTML"
        #expect(m.importance.v == "Normal")
        #expect(m.createdDateTime == .absent)  // the docs' "createDateTime" typo is an unknown key
        #expect(m.additionalMembers.contains { $0.key == "createDateTime" })
        #expect(m.additionalMembers.contains { $0.key == "extensions" })
    }

    @Test func singleValueExtendedProperties() throws {
        let r = try read(path: Paths.sample("graph-docs-message-singlevalueextendedproperties.json"))
        let (m, _) = try #require(r.messages.first)
        #expect(m.from == .null)
        #expect(m.sender.v?.address == "christine@contoso.com")
        #expect(m.singleValueExtendedProperties.v?.count == 1)
        #expect(m.transportMessageHeaders == nil)
    }

    @Test func outlookRESTPascalCase() throws {
        let r = try read(path: Paths.sample("pyoutlook-outlook-rest-v2-pascalcase-message.json"))
        let (m, _) = try #require(r.messages.first)
        #expect(m.id.v == "AAMkAGI2THVSAAA=")
        #expect(m.subject.v == "Re: Meeting Notes")
        #expect(m.body.v?.contentType == .text)
        #expect(m.from.v == GraphRecipient(name: "Katie Jordan", address: "katiej@a830edad9050849NDA1.onmicrosoft.com"))
        #expect(m.toRecipients.v?.first?.address == "alexd@a830edad9050849NDA1.onmicrosoft.com")
        #expect(m.sentDateTime.v?.iso8601UTC == "2014-10-20T00:41:53Z")
        #expect(m.hasAttachments.v == true)
        #expect(m.isRead.v != nil)
    }

    @Test func signInLogsAreOtherJSON() throws {
        let r = try read(path: Paths.sample("mes-ps51-convertto-json-signinlogs-bom-excerpt.json"))
        #expect(r.encoding == .utf8BOM)
        #expect(r.others.count == 2)
        #expect(r.others.allSatisfy { $0.0.kind == .unknownObject })
        #expect(r.others.map(\.1.pointer) == ["/0", "/1"])
        #expect(r.others[0].1.byteOffset == 9)  // BOM, "[", LF, 4 spaces, then the first "{"
        #expect(r.users.isEmpty && r.messages.isEmpty)
        #expect(r.pages.first?.isPage == false)
        #expect(GraphReader.classifyForTest(Paths.sample("mes-ps51-convertto-json-signinlogs-bom-excerpt.json")) == .otherJSON)
    }

    @Test func mimeFileIsNotJSON() throws {
        let path = Paths.sample("graph-docs-message-value-mime.eml")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(!GraphReader.looksLikeJSON(Array(bytes.prefix(512))))
        let r = try read(path: path)
        #expect(r.records.count == r.diagnostics.count)
        #expect(r.codes.allSatisfy { $0 == "graph.invalid-json" })
        #expect(GraphReader.classifyForTest(path) == .invalidJSON)
    }
}

extension GraphReader {
    static func classifyForTest(_ path: String) -> GraphFileKind? {
        try? classify(path: path)
    }
}

/// A compact rendering of records, to compare two reads (`pointers: false` leaves pointers out).
func render(_ r: ReadResult, pointers: Bool = true) -> [String] {
    r.records.map { record in
        func at(_ l: GraphLocation) -> String { (pointers ? l.pointer + " " : "") + "\(l.byteOffset) \(l.line):\(l.column)" }
        switch record {
        case .message(let m, let l):
            return "message \(at(l)) \(m.internetMessageId) \(m.subject) \(m.diagnostics.map(\.code))"
        case .user(let u, let l): return "user \(at(l)) \(u.userPrincipalName)"
        case .group(let g, let l): return "group \(at(l)) \(g.displayName)"
        case .folder(let f, let l): return "folder \(at(l)) \(f.displayName)"
        case .attachment(let a, let l): return "attachment \(at(l)) \(a.name)"
        case .page(let p): return "page \(at(p.location)) \(p.elementCount) \(p.isComplete) \(p.nextLink ?? "-")"
        case .other(let o, let l): return "other \(o.kind) \(at(l))"
        case .diagnostic(let d):
            return "diagnostic \(d.code) \(pointers ? d.pointer ?? "-" : "") \(d.byteOffset ?? -1) \(d.line ?? -1):\(d.column ?? -1)"
        }
    }
}
