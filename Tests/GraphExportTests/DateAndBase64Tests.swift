import Testing
import GraphExport

struct DateTests {
    @Test(arguments: [
        ("2023-11-16T05:35:17Z", "2023-11-16T05:35:17Z", 0),
        ("2020-09-07T09:44:13.769Z", "2020-09-07T09:44:13Z", 769_000_000),
        ("2020-09-07T09:44:13.7728125+01:00", "2020-09-07T08:44:13Z", 772_812_500),
        ("2024-01-22T02:30:00.0000000", "2024-01-22T02:30:00Z", 0),
        ("2024-01-22T02:30:00.123456789123", "2024-01-22T02:30:00Z", 123_456_789),
        ("2024-01-22 02:30:00-0530", "2024-01-22T08:00:00Z", 0),
        ("2024-01-22T02:30+02", "2024-01-22T00:30:00Z", 0),
        ("2024-02-29", "2024-02-29T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", 0),
        ("/Date(1629178519000)/", "2021-08-17T05:35:19Z", 0),
        ("/Date(1629178519123+0200)/", "2021-08-17T05:35:19Z", 123_000_000),
        ("\\/Date(-1000)\\/", "1969-12-31T23:59:59Z", 0),
        ("Date(0)", "1970-01-01T00:00:00Z", 0),
    ])
    func parsesText(text: String, utc: String, nanoseconds: Int32) throws {
        let date = try #require(GraphDate.parse(text: text))
        #expect(date.iso8601UTC == utc)
        #expect(date.nanoseconds == nanoseconds)
        #expect(date.raw == text)
    }

    @Test(arguments: ["", "yesterday", "2023-13-01T00:00:00Z", "2023-02-30", "2023-11-16T25:00:00Z", "2023-11-16T05:35:17Zjunk",
                      "/Date(abc)/", "/Date(1+02)/", "2023-11-16T05:35:17.Z"])
    func rejectsText(text: String) {
        #expect(GraphDate.parse(text: text) == nil)
    }

    @Test func sentinelIsNoDate() throws {
        for text in ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00", "0001-01-01T00:00:00.0000000", "/Date(-62135596800000)/"] {
            let date = try #require(GraphDate.parse(text: text))
            #expect(date.isUnset && date.secondsSinceEpoch == nil && date.iso8601UTC == nil, "\(text)")
        }
    }

    @Test func dateTimeTimeZoneObjects() {
        func parse(_ dateTime: String, _ zone: String?) -> (GraphField<GraphDate>, [GraphDiagnostic]) {
            var members = [JSONMember(key: "dateTime", value: .string(dateTime))]
            if let zone { members.append(JSONMember(key: "timeZone", value: .string(zone))) }
            return GraphDate.parse(.object(JSONObject(members)))
        }
        #expect(parse("2024-01-22T02:30:00.0000000", "UTC").0.v?.iso8601UTC == "2024-01-22T02:30:00Z")
        #expect(parse("2024-01-22T02:30:00.0000000", "Etc/GMT").1.isEmpty)
        #expect(parse("2024-07-01T12:00:00", "W. Europe Standard Time").0.v?.iso8601UTC == "2024-07-01T10:00:00Z")
        #expect(parse("2024-01-01T12:00:00", "Asia/Tokyo").0.v?.iso8601UTC == "2024-01-01T03:00:00Z")
        // An offset in the text wins over the zone.
        #expect(parse("2024-01-01T12:00:00Z", "Asia/Tokyo").0.v?.iso8601UTC == "2024-01-01T12:00:00Z")
        let unknown = parse("2024-01-01T12:00:00", "Customized Time Zone")
        #expect(unknown.0.v?.iso8601UTC == "2024-01-01T12:00:00Z")
        #expect(unknown.1.map(\.code) == [.unknownTimeZone])
        let missingZone = parse("2024-01-01T12:00:00", nil)
        #expect(missingZone.1.map(\.code) == [.unknownTimeZone])
        #expect(GraphDate.parse(.object(JSONObject([JSONMember(key: "dateTime", value: .null)]))).0 == .null)
    }

    @Test func otherJSONShapes() {
        #expect(GraphDate.parse(.null).0 == .null)
        #expect(GraphDate.parse(.number(JSONNumber(text: "1629178519000"))).1.map(\.code) == [.unexpectedType])
        let wrapper = GraphDate.parse(.object(JSONObject([
            JSONMember(key: "value", value: .string("/Date(1720919582928)/")),
            JSONMember(key: "DisplayHint", value: .number(JSONNumber(text: "2"))),
            JSONMember(key: "DateTime", value: .string("Sunday 14 July 2024 02:13:02")),
        ])))
        #expect(wrapper.0.v?.iso8601UTC == "2024-07-14T01:13:02Z")
        #expect(wrapper.0.v?.form == .powerShellWrapper)
        #expect(wrapper.1.isEmpty)
        let truncated = GraphDate.parse(.string("System.Collections.Hashtable"))
        #expect(truncated.0 == .truncated("System.Collections.Hashtable"))
        #expect(truncated.1.map(\.code) == [.truncatedExport])
    }
}

struct Base64Tests {
    func attachment(_ base64: String) -> GraphAttachment {
        let r = read(##"{"@odata.type": "#microsoft.graph.fileAttachment", "name": "x", "contentBytes": "\##(base64)"}"##)
        return r.attachments[0].0
    }

    @Test func decodesTolerantly() {
        #expect(attachment("aGVsbG8gd29ybGQ=").decodedContent() == Array("hello world".utf8))
        #expect(attachment("aGVsbG8gd29ybGQ").decodedContent() == Array("hello world".utf8))  // no padding
        #expect(attachment("aGVs\\r\\nbG8g\\nd29y bGQ=").decodedContent() == Array("hello world".utf8))  // white space
        #expect(attachment("aGVsbG8-_w==").decodedContent() == [0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x3E, 0xFF])  // URL-safe
        #expect(attachment("aGk=aGk=").decodedContent() == Array("hihi".utf8))  // concatenated padded chunks
        #expect(attachment("").decodedContent().isEmpty)
        let cut = attachment("aGVsbG8gd29ybGQ=a")
        #expect(cut.decodedContent() == Array("hello world".utf8))  // a lone final character is dropped
        #expect(cut.diagnostics.map(\.code) == [.invalidBase64])
        #expect(attachment("aGVsbG8gd29ybGQ=").diagnostics.isEmpty)
        #expect(attachment("aGVs!bG8=").diagnostics.first?.message.contains("1 character outside base64") == true)
    }

    @Test func powerShellByteArrays() {
        let r = read(##"{"@odata.type": "#microsoft.graph.fileAttachment", "name": "x", "ContentBytes": [104, 105, 33]}"##)
        #expect(r.attachments[0].0.decodedContent() == Array("hi!".utf8))
        #expect(r.attachments[0].0.contentBytes.v == Array("aGkh".utf8))
        let bad = read(##"{"@odata.type": "#microsoft.graph.fileAttachment", "name": "x", "ContentBytes": [104, 999]}"##)
        #expect(bad.attachments[0].0.contentBytes.isCollected && bad.attachments[0].0.contentBytes.v == nil)
    }
}
