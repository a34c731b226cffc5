import MailModel
import Foundation
import Testing
import GraphExport

/// §3.1 container shapes, from the fixtures in Fixtures/graph.
struct ContainerShapeTests {
    @Test func singleMessageObject() throws {
        let r = try read(path: Paths.fixture("single-message.json"))
        #expect(r.records.count == 1)
        let (m, l) = try #require(r.messages.first)
        #expect(l.pointer == "")
        #expect(l.byteOffset == 0 && l.line == 1 && l.column == 1)
        #expect(l.valueIndex == 0 && l.jsonLine == nil)
        #expect(l.mailbox == "alice@contoso.example")
        #expect(m.odataContext == l.odataContext)
        #expect(m.odataETag == "W/\"CQAAABYAAAC\"")
        let headers = try #require(m.internetMessageHeaders.v)
        #expect(headers.filter { $0.name == "Received" }.count == 2)
        #expect(m.transportMessageHeaders == "Received: from mx1.evil.example\r\nSubject: Message 1\r\n")
        #expect(m.internetMessageId.v == "msg-1@mail.example")
    }

    @Test func pageWithNextLink() throws {
        let r = try read(path: Paths.fixture("page-next-link.json"))
        #expect(r.pointers == ["/value/0", "/value/1", "/value/2"])
        #expect(r.messages.map { $0.1.mailbox } == Array(repeating: "alice@contoso.example", count: 3))
        let page = try #require(r.pages.first)
        #expect(page.nextLink == "https://graph.microsoft.com/v1.0/users/alice@contoso.example/messages?%24top=3&%24skip=3")
        #expect(page.count == 3 && page.elementCount == 3 && page.isComplete && page.isPage)
        #expect(page.location.pointer == "")
        guard case .page = r.records.last else { Issue.record("the page record comes last"); return }
        // Byte offsets point at each element's "{" on the single line.
        let text = try String(contentsOfFile: Paths.fixture("page-next-link.json"), encoding: .utf8)
        let bytes = Array(text.utf8)
        for (_, l) in r.messages { #expect(bytes[l.byteOffset] == UInt8(ascii: "{")) }
        #expect(r.messages[1].1.column == r.messages[1].1.byteOffset + 1)
    }

    @Test func pageWithContextAfterValue() throws {
        let r = try read(path: Paths.fixture("page-context-after-value.json"))
        #expect(r.messages.count == 2)
        #expect(r.messages.allSatisfy { $0.1.mailbox == "bob@contoso.example" })
        #expect(r.pages.first?.nextLink == "https://graph.microsoft.com/v1.0/me/messages?%24skip=2")
    }

    @Test func bareArrayInPowerShellLayout() throws {
        let r = try read(path: Paths.fixture("bare-array-ps51.json"))
        #expect(r.pointers == ["/0", "/1"])
        #expect(r.messages[0].1.line == 2 && r.messages[0].1.column == 5)
        #expect(r.messages[0].1.byteOffset == 7)  // "[", CRLF, 4 spaces
        #expect(r.messages[1].0.subject.v == "Message 2")
        #expect(r.pages.first?.isPage == false)
        #expect(r.diagnostics.isEmpty)
    }

    @Test func concatenatedArrays() throws {
        let r = try read(path: Paths.fixture("concatenated-arrays.json"))
        #expect(r.pointers == ["/0/0", "/0/1", "/1/0"])
        #expect(r.messages.map(\.1.valueIndex) == [0, 0, 1])
        #expect(r.pages.map(\.location.pointer) == ["/0", "/1"])
        #expect(r.diagnostics.isEmpty)
    }

    @Test func concatenatedObjectsWithoutSeparators() throws {
        let r = try read(path: Paths.fixture("concatenated-objects.json"))
        #expect(r.pointers == ["/0", "/1", "/2"])
        #expect(r.messages.map { $0.0.subject.v } == ["Message 1", "Message 2", "Message 3"])
        #expect(r.messages.allSatisfy { $0.1.line == 1 })
        #expect(!r.jsonLines)
        #expect(r.diagnostics.isEmpty)
    }

    @Test func jsonLinesWithABadLine() throws {
        let r = try read(path: Paths.fixture("messages.jsonl"))
        #expect(r.jsonLines)
        #expect(r.messages.map { $0.0.subject.v } == ["Message 1", "Message 2", "Message 4", "Message 5", "Message 6"])
        #expect(r.messages.map(\.1.jsonLine) == [1, 2, 4, 4, 6])
        #expect(r.messages.map(\.1.pointer) == ["", "", "/0", "/1", "/value/0"])
        #expect(r.messages.map(\.1.description) == ["line 1", "line 2", "line 4 /0", "line 4 /1", "line 6 /value/0"])
        #expect(r.messages[4].1.mailbox == "alice@contoso.example")
        let d = try #require(r.diagnostics.first)
        #expect(r.diagnostics.count == 1)
        #expect(d.code == .invalidJSON)
        #expect(d.line == 3)
        #expect(d.severity == .error)
        #expect(d.message.contains("line 3"))
        #expect(d.message.contains("the next line (line 4)"))
        // The whole bad line is reported as skipped.
        let lines = try String(contentsOfFile: Paths.fixture("messages.jsonl"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(d.message.contains("\(lines[2].utf8.count + 1) bytes were skipped"))
    }

    @Test func aJSONLinesRecordCutInsideAStringLosesOnlyItsLine() {
        let text = #"{"id": "1", "subject": "one", "receivedDateTime": "2026-01-01T00:00:00Z"}"# + "\n"
            + #"{"id": "2", "subject": "cut short"# + "\n"
            + #"{"id": "3", "subject": "three", "receivedDateTime": "2026-01-01T00:00:00Z"}"# + "\n"
        let r = read(text)
        #expect(r.jsonLines)
        #expect(r.messages.map { $0.0.subject.v } == ["one", "three"])
        #expect(r.messages.map(\.1.jsonLine) == [1, 3])
        #expect(r.diagnostics.map(\.line) == [2])
        #expect(r.codes == ["graph.invalid-json"])
    }

    @Test func textLinesBetweenValuesAreReportedNotFatal() throws {
        let r = try read(path: Paths.fixture("garbage-between-values.json"))
        #expect(r.messages.map { $0.0.subject.v } == ["Message 1", "Message 2"])
        #expect(r.pointers == ["/0/0", "/1/0"])
        #expect(r.codes == ["graph.invalid-json", "graph.invalid-json"])
        #expect(r.diagnostics.map(\.line) == [1, 44])
    }

    @Test func pagesInsideAnArray() throws {
        let r = try read(path: Paths.fixture("pages-in-array.json"))
        #expect(r.pointers == ["/0/value/0", "/0/value/1", "/1/value/0"])
        #expect(r.messages.allSatisfy { $0.1.mailbox == "alice@contoso.example" })
        #expect(r.pages.filter(\.isPage).map(\.nextLink) == ["https://graph.microsoft.com/next", nil])
    }

    @Test func errorPageThenData() throws {
        let r = try read(path: Paths.fixture("error-page.json"))
        #expect(r.codes == ["graph.error-page"])
        let d = try #require(r.diagnostics.first)
        #expect(d.message.contains("TooManyRequests"))
        #expect(d.pointer == "/0" && d.line == 1 && d.byteOffset == 0)
        #expect(r.pointers == ["/1/value/0"])
        // The file holds messages after the error page.
        #expect(GraphReader.classifyForTest(Paths.fixture("error-page.json")) == .messages)
        let text = #"{"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}"#
        let single = read(text)
        #expect(single.codes == ["graph.error-page"])
        #expect(single.records.count == 1)
        #expect(GraphReader.classify(bytes: Array(text.utf8)) == .errorPage)
    }

    @Test func emptyAndBlankFiles() throws {
        for name in ["empty.json", "blank.json"] {
            let r = try read(path: Paths.fixture(name))
            #expect(r.codes == ["graph.empty-file"], "\(name)")
            #expect(GraphReader.classifyForTest(Paths.fixture(name)) == .empty)
        }
    }

    @Test func fileCutInTheMiddleOfAnElement() throws {
        let r = try read(path: Paths.fixture("truncated-file.json"))
        #expect(r.messages.count == 1)
        #expect(r.codes == ["graph.unexpected-end-of-file"])
        #expect(r.diagnostics[0].line == 42)
        #expect(r.diagnostics[0].severity == .error)
        let page = try #require(r.pages.first)
        #expect(!page.isComplete)
        #expect(page.elementCount == 2)
    }

    @Test func invalidElementInTheMiddleOfAnArray() throws {
        let r = try read(path: Paths.fixture("invalid-middle-of-array.json"))
        #expect(r.messages.map { $0.0.subject.v } == ["Message 1", "Message 2", "Message 4", "Message 5"])
        #expect(r.pointers == ["/0", "/1", "/3", "/4"])
        #expect(r.codes == ["graph.invalid-json"])
        let d = r.diagnostics[0]
        #expect(d.line == 88 && d.column == 16)
        #expect(d.pointer == "/2/subject")
        #expect(d.message.contains("the next array element"))
        #expect(r.pages.first?.elementCount == 5)
        #expect(r.pages.first?.isComplete == true)
    }

    @Test func deltaTombstone() throws {
        let r = try read(path: Paths.fixture("delta-tombstone.json"))
        #expect(r.messages.count == 1)
        #expect(r.others.map(\.0.kind) == [.tombstone])
        #expect(r.pages.first?.deltaLink?.hasSuffix("$deltatoken=abc") == true)
    }

    @Test func classifyTellsWhatAFileHolds() throws {
        let expected: [(String, GraphFileKind)] = [
            ("page-next-link.json", .messages), ("users.json", .users), ("groups.json", .groups),
            ("groups-page.json", .groups), ("mailFolders.json", .folders), ("truncated-file.json", .messages),
            ("garbage-between-values.json", .messages),
        ]
        for (name, kind) in expected {
            #expect(GraphReader.classifyForTest(Paths.fixture(name)) == kind, "\(name)")
        }
        #expect(GraphReader.classify(bytes: Array("[1, 2]".utf8)) == .otherJSON)
        #expect(GraphReader.classify(bytes: Array("not json".utf8)) == .invalidJSON)
    }

    @Test func readingAMissingFileThrows() {
        #expect(throws: GraphExportError.self) { _ = try GraphReader(path: "/nonexistent/x.json") }
        do {
            _ = try GraphReader(path: Paths.fixtures.path)
            Issue.record("a directory must not open")
        } catch {
            #expect(error.code == "graph.not-a-file")
            #expect(error.path == Paths.fixtures.path)
        }
    }
}
