import MailModel
import Foundation
import Testing
@testable import GraphExport

/// Graph resources: keys, annotations, subtypes, attachments, null vs missing, PowerShell output.
struct ResourceTests {
    @Test func powerShellSDKPascalCase() throws {
        let r = try read(path: Paths.fixture("powershell-sdk-pascalcase.json"))
        let (m, l) = try #require(r.messages.first)
        #expect(r.messages.count == 1)
        // @odata.* come from AdditionalProperties.
        #expect(m.odataType == "#microsoft.graph.message")
        #expect(m.odataETag == "W/\"CQAAAB\"")
        #expect(l.mailbox == "carol@contoso.example")
        #expect(m.id.v == "AAMkAD-ps")
        #expect(m.subject.v == "Invoice overdue")
        #expect(m.body.v == GraphBody(contentType: .html, content: "<p>Pay now</p>"))
        #expect(m.from.v == GraphRecipient(name: "The CEO", address: "ceo@evil.example"))
        // Every unset property is null in PowerShell SDK output.
        #expect(m.attachments == .null)
        #expect(m.internetMessageHeaders == .null)
        #expect(m.uniqueBody == .null)
        // Dates: /Date(ms)/ and the PS 5.1 wrapper.
        #expect(m.receivedDateTime.v?.iso8601UTC == "2026-11-26T09:30:01Z")
        #expect(m.receivedDateTime.v?.form == .microsoftJSON)
        #expect(m.sentDateTime.v?.iso8601UTC == "2026-11-26T09:29:59Z")
        #expect(m.sentDateTime.v?.form == .powerShellWrapper)
        #expect(m.createdDateTime.v?.raw == "/Date(1795685400000)/")
        // Depth truncation: the sender's address is a type name; one recipient recovered, one unknown.
        #expect(m.sender.v?.isTruncated == true)
        #expect(m.sender.v?.address == nil)
        let to = try #require(m.toRecipients.v)
        #expect(to.count == 2)
        #expect(to[0].address == "alice@contoso.example" && to[0].name == "Alice" && to[0].isTruncated)
        #expect(to[1].address == nil && to[1].truncatedText == "System.Collections.Hashtable")
        #expect(m.isTruncated)
        #expect(m.diagnostics.map(\.code) == [.truncatedExport, .truncatedExport, .truncatedExport])
        #expect(m.diagnostics.map(\.pointer) == ["/Sender/EmailAddress", "/ToRecipients/0", "/ToRecipients/1"])
        #expect(!m.additionalMembers.contains { $0.key.hasPrefix("@odata") })
    }

    @Test func depthTruncatedPowerShellOutput() throws {
        let r = try read(path: Paths.fixture("truncated-powershell.json"))
        let (m, _) = try #require(r.messages.first)
        #expect(m.from.v?.address == "mallory@evil.example")
        #expect(m.from.v?.name == "Mallory")
        #expect(m.from.v?.isTruncated == true)
        #expect(m.sender.v?.address == nil)
        #expect(m.sender.v?.truncatedText == "Microsoft.Graph.PowerShell.Models.MicrosoftGraphRecipient")
        // Never "no recipients": the list is unknown.
        #expect(m.toRecipients == .truncated("System.Collections.Hashtable System.Collections.Hashtable"))
        #expect(m.toRecipients.isTruncated && m.toRecipients.isCollected && m.toRecipients.v == nil)
        // A list of @{...} items: addresses recovered, each marked.
        let cc = try #require(m.ccRecipients.v)
        #expect(cc.map(\.address) == ["bob@contoso.example", "carol@contoso.example"])
        #expect(cc.allSatisfy { $0.isTruncated })
        // A generated model's ToString().
        #expect(m.replyTo.v?.first?.address == "reply@evil.example")
        #expect(m.body.isTruncated)
        #expect(m.internetMessageHeaders.isTruncated)
        #expect(m.attachments.isTruncated)
        #expect(m.receivedDateTime.v?.iso8601UTC == "2026-11-26T09:30:00Z")
        let truncatedPointers = m.diagnostics.filter { $0.code == .truncatedExport }.compactMap(\.pointer)
        #expect(truncatedPointers == ["/0/From", "/0/Sender", "/0/ToRecipients", "/0/CcRecipients", "/0/ReplyTo/0", "/0/Body", "/0/InternetMessageHeaders", "/0/Attachments"])
        #expect(m.diagnostics.allSatisfy { $0.code == .truncatedExport && $0.severity == .warning })
    }

    @Test func annotationsAndUnknownKeys() throws {
        let r = try read(path: Paths.fixture("annotations.json"))
        let (m, _) = try #require(r.messages.first)
        #expect(m.odataType == "#microsoft.graph.message")
        #expect(m.subject.v == "Message 1")
        let extraKeys = m.additionalMembers.map(\.key)
        #expect(extraKeys == ["@odata.id", "subject@odata.annotation", "createDateTime", "futureField"])
        #expect(m.createdDateTime == .absent)
        #expect(m.diagnostics.isEmpty)
    }

    @Test func eventMessageSubtypesAreMessages() throws {
        let r = try read(path: Paths.fixture("event-messages.json"))
        #expect(r.messages.count == 3)
        #expect(r.messages.map { $0.0.typeName } == ["eventmessagerequest", "calendarsharingmessage", "eventmessage"])
        #expect(r.messages.map { $0.0.isEventMessage } == [true, false, true])
        let request = r.messages[0].0
        // 09:00 in Pacific Daylight Time (UTC-7) on 1 July.
        #expect(request.startDateTime.v?.iso8601UTC == "2026-07-01T16:00:00Z")
        #expect(request.startDateTime.v?.timeZone == "Pacific Standard Time")
        #expect(request.startDateTime.v?.zoneOffsetSeconds == -7 * 3600)
        // An unknown zone: read as UTC, flagged.
        #expect(request.endDateTime.v?.iso8601UTC == "2026-07-01T10:00:00Z")
        #expect(request.diagnostics.map(\.code) == [.unknownTimeZone])
        #expect(request.diagnostics[0].pointer == "/value/0/endDateTime")
        // Paris in winter is UTC+1.
        #expect(r.messages[2].0.startDateTime.v?.iso8601UTC == "2026-01-15T11:00:00Z")
        #expect(r.messages[2].0.endDateTime.v?.iso8601UTC == "2026-01-15T13:00:00Z")
    }

    @Test func attachmentsOfEveryKind() throws {
        let r = try read(path: Paths.fixture("attachments.json"))
        let (m, _) = try #require(r.messages.first)
        let a = try #require(m.attachments.v)
        #expect(a.map(\.kind) == [.file, .item, .reference, .file, .item, .file])
        // Inline file: base64 with a CRLF inside and no padding.
        #expect(a[0].isInline.v == true && a[0].contentId.v == "logo@01DC")
        #expect(a[0].contentLocation == .null)
        #expect(a[0].contentBytes.v == Array("iVBORw0K\r\nGgo".utf8))  // kept raw
        #expect(a[0].decodedContent() == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(a[0].additionalMembers.map(\.key) == ["@odata.mediaContentType"])
        // Item attachment with a nested message that has its own attachment.
        let item = try #require(a[1].item.v)
        #expect(a[1].contentType == .null)
        #expect(!a[1].hasContent && a[1].decodedContent().isEmpty)
        #expect(item.id.v == "" && item.subject.v == "Original phish")
        #expect(item.internetMessageHeaders.v == [])
        #expect(item.parentFolderId == .absent)
        let nested = try #require(item.attachments.v?.first)
        #expect(nested.name.v == "invoice.html")
        #expect(String(decoding: nested.decodedContent(), as: UTF8.self) == "<h1>Pay</h1>")
        // Reference: metadata only.
        #expect(a[2].name.v == "Budget.xlsx" && a[2].contentBytes == .absent && a[2].size.v == 400)
        // Inferred kinds.
        #expect(String(decoding: a[3].decodedContent(), as: UTF8.self) == "hello")
        #expect(a[4].item.v?.subject.v == "Inner")
        // Invalid base64: reported, decoded tolerantly.
        #expect(a[5].diagnostics.map(\.code) == [.invalidBase64])
        #expect(a[5].diagnostics[0].pointer == "/attachments/5/contentBytes")
        #expect(String(decoding: a[5].decodedContent(), as: UTF8.self) == "ABCD")
        #expect(m.diagnostics.map(\.code) == [.invalidBase64])
    }

    @Test func nullVersusMissing() throws {
        let r = try read(path: Paths.fixture("null-vs-missing.json"))
        let nulls = r.messages[0].0, missing = r.messages[1].0
        #expect(nulls.subject == .null && missing.subject == .absent)
        #expect(nulls.from == .null && missing.from == .absent)
        #expect(nulls.toRecipients == .null && missing.toRecipients == .absent)
        #expect(nulls.body == .null && missing.body == .absent)
        #expect(nulls.sentDateTime == .null && missing.sentDateTime == .absent)
        #expect(nulls.isRead == .null && missing.isRead == .absent)
        #expect(nulls.internetMessageId == .null && missing.internetMessageId == .absent)
        // Collected but empty versus not collected.
        #expect(nulls.internetMessageHeaders == .present([]) && nulls.internetMessageHeaders.isCollected)
        #expect(!missing.internetMessageHeaders.isCollected)
        #expect(nulls.attachments.v?.isEmpty == true && missing.attachments == .absent)
        #expect(nulls.uniqueBody.isCollected && !missing.uniqueBody.isCollected)
        #expect(missing.receivedDateTime.v?.iso8601UTC == "2026-11-26T09:30:00Z")
        #expect(r.messages.allSatisfy { $0.0.diagnostics.isEmpty })
    }

    @Test func everyDateForm() throws {
        let r = try read(path: Paths.fixture("dates.json"))
        let dates = r.messages.map { $0.0.sentDateTime }
        #expect(dates.count == 12)
        for i in 0...8 { #expect(dates[i].v?.iso8601UTC == "2026-11-26T09:30:00Z", "form \(i): \(dates[i])") }
        #expect(dates[3].v?.nanoseconds == 123_456_700)
        #expect(dates[4].v?.nanoseconds == 500_000_000)
        #expect(dates[1].v?.zoneOffsetSeconds == 3600)
        #expect(dates[2].v?.zoneOffsetSeconds == nil)
        #expect(dates[6].v?.zoneOffsetSeconds == 7200)
        #expect(dates[5].v?.form == .microsoftJSON)
        #expect(dates[7].v?.form == .powerShellWrapper)
        #expect(dates[8].v?.form == .dateTimeTimeZone && dates[8].v?.timeZone == "UTC")
        #expect(dates[9].v?.isUnset == true && dates[9].v?.secondsSinceEpoch == nil)
        #expect(dates[10].v?.secondsSinceEpoch == nil && dates[10].v?.raw == "last Tuesday")
        #expect(dates[11] == .null)
        let codes = r.messages.map { $0.0.diagnostics.map(\.code) }
        #expect(codes[10] == [.invalidDate])
        #expect(codes.enumerated().allSatisfy { $0.offset == 10 || $0.element.isEmpty })
    }

    @Test func usersWithAndWithoutDepartment() throws {
        let r = try read(path: Paths.fixture("users.json"))
        #expect(r.users.count == 3)
        #expect(r.users.map { $0.0.department } == [.present("Finance"), .null, .absent])
        #expect(r.users[1].0.mail == .null)
        #expect(r.users[2].0.userPrincipalName.v == "guest_other.example#EXT#@contoso.example")
    }

    @Test func groupsInBothLayouts() throws {
        let plain = try read(path: Paths.fixture("groups.json"))
        #expect(plain.groups.map { $0.0.displayName.v } == ["Finance", "Everyone"])
        #expect(plain.groups[0].0.members.v?.map(\.identifiers) == [["alice@contoso.example"], ["bob@contoso.example"]])
        #expect(plain.groups[1].0.members == .present([]))
        let page = try read(path: Paths.fixture("groups-page.json"))
        let members = try #require(page.groups.first?.0.members.v)
        #expect(members.map(\.userPrincipalName) == ["dan@contoso.example", "erin@contoso.example"])
        #expect(members[0].mail == "dan@contoso.example" && members[0].odataType == "#microsoft.graph.user")
        #expect(members[1].identifiers == ["erin@contoso.example", "u10"])
    }

    @Test func mailFolderTree() throws {
        let r = try read(path: Paths.fixture("mailFolders.json"))
        #expect(r.folders.count == 2)
        let inbox = r.folders[0].0
        #expect(inbox.wellKnownName.v == "inbox")
        #expect(inbox.childFolders.v?.map { $0.displayName.v } == ["Reported"])
        #expect(inbox.childFolders.v?.first?.parentFolderId.v == "AQMkAGI2-inbox")
        #expect(!inbox.isSearchFolder)
        #expect(r.folders[1].0.isSearchFolder)
        #expect(r.folders[1].0.filterQuery.v == "isRead eq false")
        #expect(r.folders[0].1.mailbox == "alice@contoso.example")
    }

    @Test(arguments: [(" <id@x.example> ", "id@x.example"), ("<<a>>", "<a>"), ("", ""), ("<>", ""), ("plain@x", "plain@x"), ("\t< id >\n", "id")])
    func messageIdsLoseTheirAngleBrackets(written: String, expected: String) {
        #expect(stripAngleBrackets(written) == expected)
    }

    @Test func aSubjectAloneIsAMessageUnlessTheObjectIsAnEventOrAChat() {
        let page = #"{"value": [{"id": "m1", "subject": "Invoice overdue"}, {"id": "e1", "subject": "Sync", "start": {}, "end": {}}, {"id": "c1", "subject": "x", "messageType": "message", "chatId": "19:abc"}, 5, null, "text"]}"#
        let r = read(page)
        #expect(r.messages.map { $0.0.subject.v } == ["Invoice overdue"])
        #expect(r.others.count == 5)
    }

    @Test func untypedObjectsAreFoldersOnlyWhenTheCallerSaysSo() {
        let list = #"[{"id": "AQMkInbox", "displayName": "Inbox"}, {"id": "AQMkDel", "displayName": "Deleted Items"}]"#
        #expect(read(list).folders.isEmpty)
        var options = GraphReaderOptions()
        options.untypedObjects = .folder
        let folders = read(list, options: options).folders.map(\.0)
        #expect(folders.map { $0.id.v } == ["AQMkInbox", "AQMkDel"])
        #expect(folders.map { $0.displayName.v } == ["Inbox", "Deleted Items"])
        // A message is still a message, whatever the caller assumes.
        let message = #"{"value": [{"subject": "x", "receivedDateTime": "2026-01-01T00:00:00Z"}]}"#
        #expect(read(message, options: options).messages.count == 1)
    }

    @Test func resourcesFromValuesInMemory() {
        let object: JSONObject = JSONObject([
            JSONMember(key: "InternetMessageId", value: .string(" <a@b> ")),
            JSONMember(key: "IsRead", value: .string("true")),
            JSONMember(key: "subject", value: .number(JSONNumber(text: "42"))),
            JSONMember(key: "toRecipients", value: .object(JSONObject([
                JSONMember(key: "emailAddress", value: .object(JSONObject([JSONMember(key: "address", value: .string("x@y"))])))]))),
            JSONMember(key: "hasAttachments", value: .array([])),
        ])
        let m = GraphMessage(object: object)
        #expect(m.internetMessageId.v == "a@b")
        #expect(m.isRead.v == true)
        #expect(m.subject.v == "42")
        #expect(m.toRecipients.v?.map(\.address) == ["x@y"])  // a lone recipient where a list was expected
        #expect(m.hasAttachments == .unreadable(.array([])))
        #expect(m.diagnostics.map(\.code) == [.unexpectedType])
        #expect(m.diagnostics[0].pointer == "/hasAttachments")
    }

    @Test func mailboxFromContext() {
        let cases: [(String, String?)] = [
            ("https://graph.microsoft.com/v1.0/$metadata#users('JohannaL%40test-tenant.onmicrosoft.com')/messages(attachments())/$entity", "JohannaL@test-tenant.onmicrosoft.com"),
            ("https://graph.microsoft.com/v1.0/$metadata#users('7f180cbb-a5ae-457c-b7e8-6f5b42ba33e7')/messages/$entity", "7f180cbb-a5ae-457c-b7e8-6f5b42ba33e7"),
            ("https://graph.microsoft.com/v1.0/$metadata#Users('o''brien%40contoso.example')/Messages", "o'brien@contoso.example"),
            ("https://graph.microsoft.com/v1.0/$metadata#users(%27dan%40contoso.example%27)/messages", "dan@contoso.example"),
            ("https://graph.microsoft.com/v1.0/users/erin@contoso.example/messages?$skip=10", "erin@contoso.example"),
            ("https://graph.microsoft.com/v1.0/$metadata#Me/messages/$entity", nil),
            ("https://graph.microsoft.com/v1.0/$metadata#users/$entity", nil),
            ("https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns", nil),
        ]
        for (context, mailbox) in cases {
            #expect(GraphContext.mailbox(fromContext: context) == mailbox, "\(context)")
        }
        #expect(GraphContext.entitySet(fromContext: cases[0].0) == "messages")
        #expect(GraphContext.entitySet(fromContext: "https://x/$metadata#users('a')/mailFolders('inbox')/childFolders") == "childFolders")
        #expect(GraphContext.entitySet(fromContext: "https://x/$metadata#users/$entity") == "users")
        #expect(GraphContext.entitySet(fromContext: "https://x/$metadata#users(id,displayName,department)") == "users")
        #expect(GraphContext.entitySet(fromContext: "no hash") == nil)
    }

    @Test func extendedPropertyIdForms() {
        #expect(GraphExtendedProperty(id: "String 0x007D", value: "x").isTransportMessageHeaders)
        #expect(GraphExtendedProperty(id: "string 0x7d", value: "x").isTransportMessageHeaders)
        #expect(!GraphExtendedProperty(id: "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color", value: "x").isTransportMessageHeaders)
        #expect(!GraphExtendedProperty(id: "Binary 0x007D", value: "x").isTransportMessageHeaders)
        let r = read(#"{"Subject": "x", "From": {"EmailAddress": {"Address": "a@b"}}, "SingleValueExtendedProperties": [{"PropertyId": "String 0x7D", "Value": "Received: x\r\n"}]}"#)
        #expect(r.messages.first?.0.transportMessageHeaders == "Received: x\r\n")
    }
}
