import Investigation
import MailModel
import Testing

@testable import Reports

/// Matches grouped into campaigns (§15): Message-ID, else sender and normalized subject, else attachment
/// digest or link-host set; deterministic ids and order.
struct CampaignGroupingTests {
    static func row(
        _ mailbox: String, _ format: String = "eml", id: String?, from: String? = "billing@lure.example", subject: String? = "Invoice overdue",
        read: Bool? = nil, digests: [String] = [], hosts: [String] = [], date: Int64? = 1000
    ) -> MatchRow {
        MatchRow(
            mailbox: mailbox, folder: "Inbox", source: MessageSource(format: format, path: "\(mailbox)/\(id ?? "x")"), messageID: id, date: date,
            from: from, senderName: nil, to: [], subject: subject, hasAttachments: false, attachmentNames: [], matchedFilters: ["f1"],
            matchedFilterLabels: ["f1"], evidence: [], plannedAction: "none", warningMessage: nil, caveats: [], isRead: read,
            attachmentSHA256: digests, linkHosts: hosts)
    }

    @Test("copies with one Message-ID are one campaign, EML and Graph alike; read states are counted, unknown apart")
    func messageID() {
        let rows = [
            Self.row("a@x", id: "m1@lure", read: nil), Self.row("b@x", "graph-json", id: "m1@lure", read: true),
            Self.row("c@x", "graph-json", id: "m1@lure", read: false), Self.row("a@x", id: "other@elsewhere", from: "news@paper.example", subject: "Weekly news"),
        ]
        let index = CampaignGrouping.group(rows)
        #expect(index.campaigns.map(\.messages) == [3, 1])
        #expect(index.campaignOfMatch == ["c1", "c1", "c1", "c2"])
        let first = index.campaigns[0]
        #expect(first.basis == .messageID)
        #expect(first.key == "message-id:m1@lure")
        #expect(first.mailboxes == ["a@x", "b@x", "c@x"])
        #expect((first.read, first.unread, first.readUnknown) == (1, 1, 1))
        #expect(first.matchIndexes == [0, 1, 2])
    }

    @Test("one Message-ID per recipient: the same sender and normalized subject make one campaign; a forward stays apart")
    func senderAndSubject() {
        let rows = [
            Self.row("a@x", id: "1@lure", subject: "Invoice  overdue"), Self.row("b@x", id: "2@lure", subject: "RE: [EXTERNAL] invoice overdue"),
            Self.row("c@x", id: "fw@x", from: "a@x", subject: "FW: Invoice overdue"),
        ]
        let index = CampaignGrouping.group(rows)
        #expect(index.campaignOfMatch == ["c1", "c1", "c2"])
        #expect(index.campaigns[0].basis == .senderSubject)
        #expect(index.campaigns[0].key == "sender-subject:billing@lure.example|invoice overdue")
    }

    @Test("rows with neither Message-ID nor sender and subject join by attachment digest, else by link-host set")
    func weakKeys() {
        let rows = [
            Self.row("a@x", id: nil, from: nil, digests: ["d1"]), Self.row("b@x", id: "k@lure", digests: ["d1"]),
            Self.row("c@x", id: nil, from: nil, subject: nil, hosts: ["evil.example", "cdn.example"]),
            Self.row("d@x", id: nil, from: nil, subject: nil, hosts: ["cdn.example", "evil.example"]),
            Self.row("e@x", id: nil, from: nil, subject: nil),
        ]
        let index = CampaignGrouping.group(rows)
        #expect(index.campaignOfMatch[0] == index.campaignOfMatch[1])
        #expect(index.campaignOfMatch[2] == index.campaignOfMatch[3])
        #expect(index.campaignOfMatch[2] != index.campaignOfMatch[0])
        #expect(Set(index.campaignOfMatch).count == 3)
        let lone = index.campaigns.first { $0.matchIndexes == [4] }
        #expect(lone?.basis == .single)
        let hosts = index.campaigns.first { $0.matchIndexes == [2, 3] }
        #expect(hosts?.key == "link-hosts:cdn.example,evil.example")
    }

    @Test("ids and order are deterministic: most copies first, then the first match")
    func order() {
        let rows = [Self.row("a@x", id: "small@x", from: "s@x"), Self.row("a@x", id: "big@x"), Self.row("b@x", id: "big@x"), Self.row("c@x", id: "small2@x", from: "t@x")]
        let index = CampaignGrouping.group(rows)
        #expect(index.campaigns.map(\.key) == ["message-id:big@x", "message-id:small@x", "message-id:small2@x"])
        #expect(CampaignGrouping.group(rows).campaignOfMatch == index.campaignOfMatch)
        #expect(CampaignGrouping.group([]).campaigns.isEmpty)
    }

    @Test func asciiSubjectsAreCollapsedAsTheCharacterPathCollapsesThem() {
        // Every ASCII character, white space of each kind in runs, at the ends and alone; a fixed-seed
        // generator over an alphabet heavy in white space and letters of both cases.
        var samples = ["", " ", "\t\r\n", "  Re:\u{0B}AW:\u{0C}x  ", "a\r\nb", String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)]
        let alphabet: [UInt8] = Array(" \t\n\r\u{0B}\u{0C}\u{1C}\u{1F}aZqQ:[]*-_".utf8)
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(seed % 24) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int((seed >> 33) % UInt64(alphabet.count))])
            }
            samples.append(String(decoding: bytes, as: UTF8.self))
        }
        for subject in samples {
            let expected = subject.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
            #expect(CampaignGrouping.collapsedLowercaseASCII(subject) == expected, "\(Array(subject.utf8))")
        }
        #expect(CampaignGrouping.collapsedLowercaseASCII("Rechnung fällig") == nil, "not ASCII: the Character path")
    }

    /// The byte path for ASCII subjects against the `Character` steps it replaces, on subjects built
    /// from tags, reply prefixes, colons and white space in every order.
    @Test func asciiPrefixStrippingAgreesWithTheCharacterPath() {
        func reference(_ subject: String) -> String {
            func trimmed(_ s: String) -> String {
                var s = Substring(s)
                while let f = s.first, f.isWhitespace { s.removeFirst() }
                while let l = s.last, l.isWhitespace { s.removeLast() }
                return String(s)
            }
            var text = subject.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
            var changed = true
            while changed {
                changed = false
                for tag in CampaignGrouping.gatewayTags where text.hasPrefix(tag) {
                    text = trimmed(String(text.dropFirst(tag.count)))
                    changed = true
                }
                if let colon = text.firstIndex(of: ":"), CampaignGrouping.replyPrefixes.contains(trimmed(String(text[..<colon]))) {
                    text = trimmed(String(text[text.index(after: colon)...]))
                    changed = true
                }
            }
            return text
        }
        let pieces = ["Re:", "RE :", "fwd:", "[EXTERNAL]", "[ext]", "*****SPAM*****", "***spam***", "[Possible Spam]", ":", " ", "\t", "\r\n",
                      "Invoice", "due", "AW:WG:", "x:", "re", "[spam]"]
        var seed: UInt64 = 17
        for _ in 0..<3_000 {
            var subject = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int((seed >> 40) % 8) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                subject += pieces[Int((seed >> 33) % UInt64(pieces.count))]
            }
            #expect(CampaignGrouping.normalizedSubject(subject) == reference(subject), "\(subject)")
        }
    }

    @Test func subjectNormalization() {
        #expect(CampaignGrouping.normalizedSubject("AW: WG:  Rechnung\tfällig") == "rechnung fällig")
        #expect(CampaignGrouping.normalizedSubject("*****SPAM***** Win now") == "win now")
        #expect(CampaignGrouping.normalizedSubject("Re:") == "")
    }
}
