import MailModel
import Foundation
import Testing
@testable import GraphExport

/// Attachments saved apart from their messages (whose message a page's `@odata.context` names),
/// values read again from where they are, and JSON batching response files.
@Suite
struct AttachmentsApartAndBatchTests {
    static let base = "https://graph.microsoft.com/v1.0/$metadata#"

    @Test func theContextOfAnAttachmentsPageNamesItsMessage() {
        func owner(_ context: String) -> GraphAttachmentsOwner? { GraphContext.attachmentsOwner(fromContext: context) }
        #expect(owner(Self.base + "users('ana%40contoso.example')/messages('AAMkAGI2%3D')/attachments")
            == GraphAttachmentsOwner(mailbox: "ana@contoso.example", messageID: "AAMkAGI2="))
        #expect(owner(Self.base + "users('ana%40contoso.example')/mailFolders('inbox')/messages('AAMk-x_y')/attachments")?.messageID == "AAMk-x_y")
        #expect(owner(Self.base + "users('7f180cbb-1111')/messages('AAMk1')/attachments/$entity")?.mailbox == "7f180cbb-1111")
        #expect(owner(Self.base + "users('a%40b.example')/messages('AAMk1')/attachments('AAMk1BEgA')/$entity")?.messageID == "AAMk1")
        #expect(owner(Self.base + "Me/Messages('it''s')/Attachments") == GraphAttachmentsOwner(mailbox: nil, messageID: "it's"))
        #expect(owner("https://graph.microsoft.com/v1.0/users/a@b.example/messages/AAMk2/attachments?$top=3")
            == GraphAttachmentsOwner(mailbox: "a@b.example", messageID: "AAMk2"))
        // Not attachments of a message.
        #expect(owner(Self.base + "users('a%40b.example')/messages(attachments())") == nil)
        #expect(owner(Self.base + "users('a%40b.example')/messages('AAMk1')") == nil)
        #expect(owner(Self.base + "users('a%40b.example')/messages('AAMk1')/attachmentsX") == nil)
        #expect(owner(Self.base + "users('a%40b.example')/mailFolders") == nil)
    }

    @Test func aBatchResponseFileIsReadResponseByResponse() throws {
        let batch = """
            {"responses": [
              {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"},
               "body": {"@odata.context": "\(Self.base)users('ana%40contoso.example')/messages", "value": [
                 {"id": "M1", "subject": "first", "receivedDateTime": "2026-11-01T10:00:00Z"},
                 {"id": "M2", "subject": "second", "receivedDateTime": "2026-11-02T10:00:00Z"}]}},
              {"id": "7", "status": 404, "body": {"error": {"code": "ErrorItemNotFound", "message": "The specified object was not found in the store."}}},
              {"id": "3", "status": 200, "body": {"@odata.context": "\(Self.base)users('bo%40contoso.example')/messages/$entity",
                 "id": "M3", "subject": "single", "receivedDateTime": "2026-11-03T10:00:00Z"}},
              {"id": "4", "status": 200, "body": {"@odata.context": "\(Self.base)users('ana%40contoso.example')/messages('M1')/attachments",
                 "value": [{"@odata.type": "#microsoft.graph.fileAttachment", "id": "A1", "name": "a.pdf", "contentBytes": "JVBERg=="},
                           {"id": "A2", "name": "link.docx", "size": 300, "isInline": false}],
                 "@odata.nextLink": "https://graph.microsoft.com/v1.0/users/ana/messages/M1/attachments?$skip=2"}},
              {"id": "5", "status": 204}
            ]}
            """
        let result = ReadResult(GraphReader(bytes: Array(batch.utf8)))
        #expect(result.messages.map(\.0.id.value) == ["M1", "M2", "M3"])
        #expect(result.messages.map(\.1.pointer) == ["/responses/0/body/value/0", "/responses/0/body/value/1", "/responses/2/body"])
        #expect(result.messages.map(\.1.batchResponseID) == ["1", "1", "3"])
        #expect(result.messages.map(\.1.mailbox) == ["ana@contoso.example", "ana@contoso.example", "bo@contoso.example"])
        // The attachments page: typed by its context even without @odata.type.
        #expect(result.attachments.map(\.0.name.value) == ["a.pdf", "link.docx"])
        #expect(result.attachments.map(\.1.pointer) == ["/responses/3/body/value/0", "/responses/3/body/value/1"])
        #expect(result.attachments.allSatisfy { $0.1.odataContext.flatMap(GraphContext.attachmentsOwner(fromContext:))?.messageID == "M1" })
        #expect(result.pages.contains { $0.nextLink != nil && $0.location.pointer == "/responses/3/body" })
        let error = try #require(result.diagnostics.first { $0.code == .batchResponseError })
        #expect(error.severity == .error)
        #expect(error.pointer == "/responses/1")
        #expect(error.message.contains("'7'") && error.message.contains("404") && error.message.contains("ErrorItemNotFound"))
        #expect(result.others.isEmpty)
    }

    @Test func withoutFieldsRecordsSayOnlyWhatIsWhere() throws {
        var options = GraphReaderOptions()
        options.readsFields = false
        for name in ["attachments.json", "page-next-link.json", "users.json", "mailFolders.json", "pages-in-array.json"] {
            let full = ReadResult(try GraphReader(path: Paths.fixture(name)))
            let light = ReadResult(try GraphReader(path: Paths.fixture(name), options: options))
            #expect(light.records.count == full.records.count, "\(name)")
            #expect(light.records.map { $0.location?.pointer } == full.records.map { $0.location?.pointer }, "\(name)")
            #expect(light.messages.count == full.messages.count && light.attachments.count == full.attachments.count, "\(name)")
            #expect(light.messages.allSatisfy { $0.0.subject == .absent } && light.attachments.allSatisfy { $0.0.name == .absent }, "\(name)")
        }
    }

    @Test func collectionsOfOtherResourcesAreRecognisedByTheirContext() {
        let events = """
            {"@odata.context": "\(Self.base)users('ana%40contoso.example')/events", "value": [
              {"id": "E1", "subject": "Q4 review", "body": {"contentType": "html", "content": "x"}},
              {"@odata.type": "#microsoft.graph.contact", "id": "C1", "displayName": "Bo"}]}
            """
        let result = ReadResult(GraphReader(bytes: Array(events.utf8)))
        #expect(result.messages.isEmpty, "an event with a subject and a body is not a message")
        #expect(result.others.map(\.0.kind) == [.otherResource, .otherResource])
        #expect(result.others.map(\.0.resourceName) == ["events", "contact"])
    }

    /// Reads every attachment record of `path` again from its address, as the first pass remembers it.
    static func readBack(_ path: String) throws -> [(GraphAttachment, GraphAttachment)] {
        let reader = try GraphReader(path: path)
        var pairs: [(GraphAttachment, GraphAttachment)] = []
        while let record = reader.next() {
            guard case .attachment(let attachment, let location) = record, let span = reader.currentValue else { continue }
            let inSpan = String(location.pointer.dropFirst(span.location.pointer.count))
            let range = try GraphValueAddress.ranges(of: [inSpan], in: span, path: path, encoding: reader.encoding)[0]
            for narrowed in [range, nil] {
                let address = GraphValueAddress(
                    path: path, encoding: reader.encoding, spanOffset: span.byteOffset, spanLength: span.textLength,
                    range: narrowed, pointer: narrowed == nil ? inSpan : "", location: location)
                pairs.append((attachment, try #require(try address.readAttachment())))
            }
        }
        return pairs
    }

    @Test func anAttachmentIsReadAgainFromItsAddressInEveryEncodingAndShape() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-address-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = ##"{"@odata.context":"\##(Self.base)users('a%40b.example')/messages('M1')/attachments","value":[{"@odata.type":"#microsoft.graph.fileAttachment","id":"A1","name":"é.pdf","contentBytes":"JVBERi0xLjQK"},{"@odata.type":"#microsoft.graph.itemAttachment","id":"A2","name":"fw","item":{"subject":"inner","attachments":[{"@odata.type":"#microsoft.graph.fileAttachment","name":"in.zip","contentBytes":"UEsDBA=="}]}}]}"##
        let files: [(String, [UInt8])] = [
            ("page.json", Array(page.utf8)),
            ("lines.jsonl", Array((page + "\n" + page.replacing("M1", with: "M2") + "\n").utf8)),
            ("batch.json", Array("{\"responses\":[{\"id\":\"1\",\"status\":200,\"body\":\(page)},{\"id\":\"2\",\"status\":200,\"body\":\(page)}]}".utf8)),
            ("utf16.jsonl", [0xFF, 0xFE] + Array((page + "\r\n" + page + "\r\n").utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("bom.json", [0xEF, 0xBB, 0xBF] + Array(page.utf8)),
        ]
        for (name, bytes) in files {
            let path = folder.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let pairs = try Self.readBack(path)
            #expect(!pairs.isEmpty, "\(name)")
            for (original, again) in pairs {
                #expect(again.name.value == original.name.value, "\(name)")
                #expect(again.decodedContent() == original.decodedContent(), "\(name)")
                #expect(again.item.value?.attachments.value?.first?.decodedContent() == original.item.value?.attachments.value?.first?.decodedContent())
            }
            #expect(pairs.map(\.1.name.value).contains("é.pdf"), "\(name)")
        }
    }

    @Test func aPointerIsFoundInTextWithoutParsingIt() {
        let text = Array(#" {"a": [1, "x,]", {"B": {"c": null}}], "value": [{"id":"1"}, {"id":"2"}]} "#.utf8)
        func slice(_ pointer: String) -> String? {
            JSONPointerRange.find(pointer, in: text).map { String(decoding: text[$0], as: UTF8.self) }
        }
        #expect(slice("/value/1") == #"{"id":"2"}"#)
        #expect(slice("/a/1") == #""x,]""#)
        #expect(slice("/a/2/b/c") == "null", "member names ignore ASCII case, like the reader's")
        #expect(slice("/a/0") == "1")
        #expect(slice("") == String(decoding: text.dropFirst().dropLast(), as: UTF8.self))
        #expect(slice("/value/2") == nil)
        #expect(slice("/missing") == nil)
        #expect(slice("value") == nil)
    }
}
