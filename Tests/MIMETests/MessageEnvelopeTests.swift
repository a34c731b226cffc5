import Foundation
import Testing
@testable import MIME

/// The envelope of a message whose fields are repeated: every recipient counts, the first value of a
/// single field wins, and the repetition is a defect.
@Suite
struct MessageEnvelopeTests {
    static func envelope(_ text: String) -> MessageEnvelope {
        MessageEnvelope(headers: MIMEParser().parse(Array(text.utf8)).headers)
    }

    @Test func everyRecipientOfRepeatedAddressFieldsCountsInHeaderOrder() {
        let text = """
            To: a@example.com
            Cc: c1@example.com
            To: b1@example.com, "B Two" <b2@example.com>
            Bcc: x@example.com
            Cc: c2@example.com
            Bcc: y@example.com
            Reply-To: r1@example.com
            Reply-To: r2@example.com

            body

            """
        let envelope = Self.envelope(text)
        #expect(envelope.to.map(\.address) == ["a@example.com", "b1@example.com", "b2@example.com"])
        #expect(envelope.to.map(\.name) == [nil, nil, "B Two"])
        #expect(envelope.cc.map(\.address) == ["c1@example.com", "c2@example.com"])
        #expect(envelope.bcc.map(\.address) == ["x@example.com", "y@example.com"])
        #expect(envelope.replyTo.map(\.address) == ["r1@example.com", "r2@example.com"])
        let repeated = envelope.defects.filter { $0.code == .headerRepeated }
        // One defect per repeated name, at its second occurrence, in header order.
        let secondTo = text.range(of: "To: b1")!.lowerBound.utf16Offset(in: text)
        #expect(repeated.count == 4)
        #expect(repeated.first?.offset == secondTo)
        #expect(repeated.first?.message == "To appears 2 times; the addresses of every one are read, in order")
        #expect(repeated.compactMap(\.offset) == repeated.compactMap(\.offset).sorted())
        #expect(repeated.allSatisfy { $0.partPath == "1" })
    }

    @Test func anUnreadableFirstToDoesNotHideTheSecond() {
        let envelope = Self.envelope("To: (none) <<>>\nTo: dana@example.org\n\nbody\n")
        #expect(envelope.to.map(\.address) == ["dana@example.org"])
        #expect(envelope.defects.contains { $0.code == .headerRepeated })
        #expect(envelope.defects.contains { $0.code == .addressListMalformed })
    }

    @Test func theFirstFromSubjectDateAndMessageIDWin() {
        let text = """
            From: First <first@example.com>
            From: second@example.com
            Subject: first subject
            Subject: second subject
            Date: Tue, 17 Mar 2026 10:00:00 +0000
            Date: Wed, 18 Mar 2026 10:00:00 +0000
            Message-ID: <first@example.com>
            Message-ID: <second@example.com>
            Sender: s1@example.com
            Sender: s2@example.com
            In-Reply-To: <p1@example.com>
            In-Reply-To: <p2@example.com>
            References: <r1@example.com>
            References: <r2@example.com>

            body

            """
        let envelope = Self.envelope(text)
        #expect(envelope.from.map(\.address) == ["first@example.com"])
        #expect(envelope.subject == "first subject")
        #expect(envelope.date?.iso8601UTC == "2026-03-17T10:00:00Z")
        #expect(envelope.messageID == "first@example.com")
        #expect(envelope.sender.map(\.address) == ["s1@example.com"])
        #expect(envelope.inReplyTo == ["p1@example.com"])
        #expect(envelope.references == ["r1@example.com"])
        let repeated = envelope.defects.filter { $0.code == .headerRepeated }
        #expect(repeated.count == 7)
        #expect(repeated.first?.message == "From appears 2 times; the first that gives a value is used")
    }

    @Test func anEmptyOrUnreadableFirstFieldGivesWayToTheNext() {
        let text = """
            From: (nobody) <<>>
            From: Real <real@example.com>
            Subject:
            Subject: the real subject
            Date: not a date
            Date: Tue, 17 Mar 2026 10:00:00 +0000
            Message-ID: <>
            Message-ID: <real@example.com>

            body

            """
        let envelope = Self.envelope(text)
        #expect(envelope.from.map(\.address) == ["real@example.com"])
        #expect(envelope.subject == "the real subject")
        #expect(envelope.date?.iso8601UTC == "2026-03-17T10:00:00Z")
        #expect(envelope.messageID == "real@example.com")
        #expect(envelope.defects.filter { $0.code == .headerRepeated }.count == 4)
        #expect(envelope.defects.contains { $0.code == .dateInvalid })
    }

    @Test func anEmptySubjectAloneIsEmptyNotAbsent() {
        #expect(Self.envelope("Subject:\n\nbody\n").subject == "")
        #expect(Self.envelope("Subject:\nSubject: \n\nbody\n").subject == "")
        #expect(Self.envelope("From: a@example.com\n\nbody\n").subject == nil)
    }

    @Test func fieldsThatAppearOnceRecordNothing() {
        let envelope = Self.envelope("From: a@example.com\nTo: b@example.com\nCc: c@example.com\nSubject: s\nX-Other: 1\nX-Other: 2\nReceived: x\nReceived: y\n\nbody\n")
        #expect(envelope.defects.isEmpty)
    }
}
