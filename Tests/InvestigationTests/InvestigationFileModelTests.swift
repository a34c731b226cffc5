import MailModel
import Foundation
import Testing
@testable import Investigation

@Suite("Investigation file: the model")
struct InvestigationFileModelTests {
    typealias F = InvestigationFileFixtures

    func load(_ text: String) throws -> Investigation {
        try F.parse(text).investigation
    }

    func conditions(_ text: String) throws -> [Condition] {
        try load(text).conditions
    }

    @Test func specExampleParsesIntoTheExpectedModel() throws {
        let path = F.examplePath("spec-example.yaml")
        let loaded = try InvestigationFile.load(path: path)
        let investigation = loaded.investigation
        #expect(loaded.warnings.isEmpty)
        #expect(investigation.name == "Invoice lure, November")
        #expect(investigation.description == "Reported by finance on 26 Nov")
        #expect(investigation.path == path)
        #expect(investigation.scope == Scope(
            mailboxes: nil, groups: ["Finance"], authorizedDomains: ["contoso.com"],
            dateRange: DateRange(from: 1_793_491_200, until: 1_795_737_600, fromText: "2026-11-01", toText: "2026-11-26"),
            folders: ["Inbox", "Junk Email"]))
        #expect(investigation.match == .any)
        #expect(investigation.action == Action(kind: .warn, message: "This email is a known phishing attempt. Do not open it."))

        func at(_ line: Int, _ column: Int) -> FileLocation { FileLocation(line: line, column: column) }
        let expected: [Condition] = [
            Condition(id: "f1", field: .from, op: .equals, values: [.text("billing@contoso-invoices.com")], location: at(14, 5)),
            Condition(id: "f2", field: .subject, op: .contains, values: [.text("Invoice overdue")], location: at(15, 5)),
            Condition(id: "f3", field: .keyword, op: .contains, values: [.text("wire transfer")], location: at(16, 5)),
            Condition(id: "f4", field: .regex, op: .regex, values: [.text(#"(?i)\binv[-_ ]?\d{6}\b"#)], caseSensitive: true, location: at(17, 5)),
            Condition(id: "f5", field: .url, op: .equals, values: [.text("contoso-invoices.com")], location: at(18, 5)),
            Condition(id: "f6", field: .ip, op: .equals, values: [.text("203.0.113.7")], location: at(19, 5)),
            Condition(id: "f7", field: .attachmentExtension, op: .equals, values: [.text("html"), .text("iso"), .text("lnk")], location: at(20, 5)),
            Condition(id: "f8", field: .attachmentSHA256, op: .equals,
                      values: [.text("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")], location: at(21, 5)),
            Condition(id: "f9", field: .senderName, op: .contains, values: [.text("Accounts Payable")], location: at(23, 9)),
            Condition(id: "f10", field: .from, op: .equals, values: [.text("contoso.com")], location: at(24, 14)),
        ]
        #expect(investigation.conditions == expected)
        #expect(F.render(investigation.root) == "any(" + expected.prefix(8).map { "\($0.id) \($0.label)" }.joined(separator: ", ")
            + ", all(f9 senderName contains \"Accounts Payable\", not(f10 from equals \"contoso.com\")))")
    }

    @Test func fileSHA256IsOfTheBytes() throws {
        let path = F.examplePath("invoice-lure.yaml")
        let loaded = try InvestigationFile.load(path: path)
        #expect(loaded.investigation.fileSHA256.count == 64)
        #expect(loaded.investigation.fileSHA256.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // parse(text:) records what it is given.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let parsed = try InvestigationFile.parse(text: text, path: "p.yaml", fileSHA256: "abc")
        #expect(parsed.investigation.fileSHA256 == "abc")
        #expect(parsed.investigation.path == "p.yaml")
        // Same bytes, same digest; different bytes, different digest.
        let json = try InvestigationFile.load(path: F.examplePath("invoice-lure.json"))
        #expect(json.investigation.fileSHA256 != loaded.investigation.fileSHA256)
        #expect(try InvestigationFile.load(path: path).investigation.fileSHA256 == loaded.investigation.fileSHA256)

        // A known digest (sha256sum of the same bytes).
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-sha-\(UUID().uuidString).yaml")
        try Data("name: x\nfilters: [{subject: a}]\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try InvestigationFile.load(path: url.path).investigation.fileSHA256
            == "133c71e81eda9a8b486b318b08995827a07c411cc4f2911d82bb93c866945c32")
    }

    @Test func defaultsPerField() throws {
        let list = try conditions("""
            name: defaults
            filters:
              - from: a@b.example
              - to: b.example
              - cc: c.example
              - bcc: d.example
              - senderName: Accounts Payable
              - subject: Invoice
              - keyword: wire transfer
              - regex: 'inv\\d+'
              - url: https://contoso.example/login
              - ip: 2001:db8::/32
              - attachmentName: '*.html'
              - attachmentExtension: .LNK
              - attachmentSize: 670
              - attachmentMD5: 070F669C5DD31FA0E35C5F1751AFDA36
              - attachmentSHA1: a0873547708a2298483dc9b4c438f6bafd8b4992
              - attachmentSHA256: 2b196b357458e333cdad7fee70412832f8afe877debb72359e29abb81a587d4e
              - attachmentSHA512: 5452a26bc9d54cbd16e3e771f90f4f36376f5eb20c9c59c0cdde2ee22c405ce5b8acf6f44103717608ea3072bfa34deff0dc4ee453b7da814f5e4ea3e5f957b1
              - messageId: <b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example>
              - header: {name: X-Mailer, contains: PHPMailer}
            """)
        #expect(list.map(\.field) == [
            .from, .to, .cc, .bcc, .senderName, .subject, .keyword, .regex, .url, .ip, .attachmentName, .attachmentExtension,
            .attachmentSize, .attachmentMD5, .attachmentSHA1, .attachmentSHA256, .attachmentSHA512, .messageId, .header,
        ])
        #expect(Set(list.map(\.field)) == Set(FilterField.allCases))
        #expect(list.map(\.op) == [
            .equals, .equals, .equals, .equals, .contains, .contains, .contains, .regex, .equals, .equals, .glob, .equals,
            .equals, .equals, .equals, .equals, .equals, .equals, .contains,
        ])
        #expect(list.map(\.id) == (1...19).map { "f\($0)" })
        #expect(list.map(\.caseSensitive) == (0..<19).map { $0 == 7 })
        #expect(list[11].values == [.text("lnk")])
        #expect(list[12].values == [.size(min: 670, max: 670)])
        #expect(list[13].values == [.text("070f669c5dd31fa0e35c5f1751afda36")])
        #expect(list[17].values == [.text("b7e3c9a14f2d6e8a0c5b1d9f7a3e2c64@mail.fabrikam-invoices.example")])
        #expect(list[18].headerName == "X-Mailer")
        #expect(list[18].values == [.text("PHPMailer")])
        #expect(list.map(\.location.line) == Array(3...21))
        #expect(list.allSatisfy { $0.location.column == 5 })
    }

    @Test func longHandForm() throws {
        let list = try conditions("""
            name: long-hand
            filters:
              - {field: subject, op: equals, value: "Invoice", caseSensitive: true}
              - field: from
                op: notEquals
                value: [a.example, b@c.example]
              - {field: attachmentName, op: regex, value: '^INV-\\d+\\.html$', caseSensitive: false}
              - {field: keyword, op: notContains, value: unsubscribe}
              - {field: header, name: X-Mailer, op: exists}
              - {field: header, name: Received-SPF, value: fail}
              - {field: attachmentSize, op: notEquals, value: {max: 10KB}}
              - {field: senderName, op: glob, value: 'Accounts*'}
              - {field: url, op: notExists}
              - {field: ip, op: regex, value: '^203\\.0\\.113\\.'}
              - {field: messageId, value: abc@x}
            """)
        #expect(list.count == 11)
        #expect(list[0] == Condition(id: "f1", field: .subject, op: .equals, values: [.text("Invoice")], caseSensitive: true,
                                     location: FileLocation(line: 3, column: 5)))
        #expect(list[1].op == .notEquals && list[1].values == [.text("a.example"), .text("b@c.example")])
        #expect(list[1].location == FileLocation(line: 4, column: 5))
        #expect(list[2].op == .regex && list[2].caseSensitive == false)
        #expect(list[3].op == .notContains)
        #expect(list[4].field == .header && list[4].headerName == "X-Mailer" && list[4].op == .exists && list[4].values.isEmpty)
        #expect(list[5].op == .contains && list[5].headerName == "Received-SPF")  // header long-hand defaults to contains
        #expect(list[6].values == [.size(min: nil, max: 10_000)])
        #expect(list[7].op == .glob)
        #expect(list[8].op == .notExists)
        #expect(list[9].field == .ip && list[9].op == .regex && !list[9].caseSensitive)
        #expect(list[10].op == .equals && list[10].values == [.text("abc@x")])
        #expect(list[4].label == "header X-Mailer exists")
    }

    @Test func nestedGroupsAndNot() throws {
        let investigation = try load("""
            name: groups
            match: all
            filters:
              - any:
                  - subject: a
                  - all:
                      - subject: b
                      - not: {subject: c}
              - not:
                  - subject: d
                  - any: [{subject: e}, {not: {subject: f}}]
              - not:
                  not:
                    subject: g
            """)
        #expect(F.render(investigation.filters) == [
            #"any(f1 subject contains "a", all(f2 subject contains "b", not(f3 subject contains "c")))"#,
            #"not(any(f4 subject contains "d", any(f5 subject contains "e", not(f6 subject contains "f"))))"#,
            #"not(not(f7 subject contains "g"))"#,
        ])
        #expect(F.render(investigation.root).hasPrefix("all("))
        #expect(investigation.conditions.map(\.location) == [
            FileLocation(line: 5, column: 9), FileLocation(line: 7, column: 13), FileLocation(line: 8, column: 18),
            FileLocation(line: 10, column: 9), FileLocation(line: 11, column: 15), FileLocation(line: 11, column: 35),
            FileLocation(line: 14, column: 9),
        ])
    }

    @Test func valueLists() throws {
        let list = try conditions("""
            name: lists
            filters:
              - subject: [Invoice, Overdue]
              - from:
                  - billing@fabrikam-invoices.example
                  - '@contoso-invoices.com'
              - attachmentSize: [670, {min: 1KiB, max: 2KiB}, 1.5 MB]
              - header: {name: X-Mailer, regex: ['^PHPMailer', 'Swift']}
            """)
        #expect(list[0].values == [.text("Invoice"), .text("Overdue")])
        #expect(list[1].values == [.text("billing@fabrikam-invoices.example"), .text("@contoso-invoices.com")])
        #expect(list[2].values == [.size(min: 670, max: 670), .size(min: 1024, max: 2048), .size(min: 1_500_000, max: 1_500_000)])
        #expect(list[3].op == .regex && list[3].values.count == 2 && !list[3].caseSensitive)
        #expect(list[0].label == #"subject contains "Invoice" | "Overdue""#)
    }

    @Test func scalarsStayText() throws {
        // YAML 1.1 would read these as booleans, numbers, dates or null; text fields keep what is written.
        let list = try conditions("""
            name: 2026-11-24
            description: 1e3
            filters:
              - subject: yes
              - keyword: 1e3
              - senderName: 0x1F
              - subject: 2026-11-01
              - keyword: ~x
              - subject: 'null'
              - subject: .inf
              - messageId: 12345
              - attachmentMD5: 12345678901234567890123456789012
            """)
        #expect(list.map(\.values) == [
            [.text("yes")], [.text("1e3")], [.text("0x1F")], [.text("2026-11-01")], [.text("~x")], [.text("null")],
            [.text(".inf")], [.text("12345")], [.text("12345678901234567890123456789012")],
        ])
        let investigation = try load("name: 2026-11-24\ndescription: 1e3\nfilters: [{subject: a}]")
        #expect(investigation.name == "2026-11-24")
        #expect(investigation.description == "1e3")
        // A null subject is not the text "null": it is an empty value.
        #expect(F.brief(F.errors("name: x\nfilters:\n  - subject: null")) == ["rule.empty-value@3:5"])
    }

    @Test func caseSensitiveOption() throws {
        let loaded = try F.parse("""
            name: case
            filters:
              - {subject: Invoice, caseSensitive: true}
              - {regex: 'inv', caseSensitive: false}
              - {header: {name: X-Mailer, equals: PHPMailer, caseSensitive: true}}
              - header: {name: X-Mailer, equals: PHPMailer}
                caseSensitive: True
              - {attachmentName: 'INV*', caseSensitive: "true"}
              - {field: keyword, op: regex, value: 'wire\\s+transfer'}
              - {field: keyword, op: regex, value: 'wire\\s+transfer', caseSensitive: true}
            """)
        let list = loaded.investigation.conditions
        // The regex filter keeps RE2's own case rules (case-sensitive unless (?i)): caseSensitive is
        // ignored there, with a warning. `op: regex` follows caseSensitive like other text operators.
        #expect(list.map(\.caseSensitive) == [true, true, true, true, true, false, true])
        #expect(F.brief(loaded.warnings) == ["rule.case-ignored@4:20"])
        #expect(loaded.warnings.first?.message.contains("(?i)") == true)
        #expect(list[0].label == #"subject contains "Invoice" (case-sensitive)"#)
    }

    @Test func headerOperators() throws {
        let list = try conditions("""
            name: headers
            filters:
              - header: {name: X-Mailer, equals: PHPMailer 6.9.1}
              - header: {name: X-Mailer, notContains: Outlook}
              - header: {name: X-Mailer, notEquals: x}
              - header: {name: X-Mailer, glob: 'PHP*'}
              - header: {name: X-Mailer, exists: true}
              - header: {name: X-Mailer, exists: false}
              - header: {name: X-Mailer, notExists: true}
              - header: {name: ' X-Mailer ', notExists: false}
            """)
        #expect(list.map(\.op) == [.equals, .notContains, .notEquals, .glob, .exists, .notExists, .notExists, .exists])
        #expect(list.allSatisfy { $0.headerName == "X-Mailer" })
        #expect(list[4...].allSatisfy { $0.values.isEmpty })
    }

    @Test func valueNormalisation() throws {
        let list = try conditions("""
            name: values
            filters:
              - attachmentExtension: [.PDF, Html, ' .iso ']
              - messageId: ['<a@b>', ' c@d ']
              - attachmentSHA1: ' A0873547708A2298483DC9B4C438F6BAFD8B4992 '
              - from: ' <Billing@Contoso.example> '
              - ip: ' [203.0.113.7] '
              - subject: '  keep spaces  '
            """)
        #expect(list[0].values == [.text("pdf"), .text("html"), .text("iso")])
        #expect(list[1].values == [.text("a@b"), .text("c@d")])
        #expect(list[2].values == [.text("a0873547708a2298483dc9b4c438f6bafd8b4992")])
        #expect(list[3].values == [.text("<Billing@Contoso.example>")])
        #expect(list[4].values == [.text("[203.0.113.7]")])
        #expect(list[5].values == [.text("  keep spaces  ")])
    }

    @Test func ipForms() {
        for good in ["203.0.113.7", "203.0.113.0/24", "0.0.0.0/0", "2001:db8::1", "2001:db8::/32", "::ffff:203.0.113.7", "[2001:db8::1]"] {
            #expect(F.errors("name: x\nfilters: [{ip: '\(good)'}]").isEmpty, "\(good)")
        }
        for bad in ["203.0.113", "203.0.113.7/", "203.0.113.7/33", "2001:db8::/129", "2001:db8:::1", "1.2.3.4.5", "example.com", "203.0.113.*"] {
            #expect(F.brief(F.errors("name: x\nfilters: [{ip: '\(bad)'}]")) == ["rule.invalid-ip@2:16"], "\(bad)")
        }
    }

    @Test func sizeUnits() {
        #expect(SizeText.parse("670") == 670)
        #expect(SizeText.parse("0") == 0)
        #expect(SizeText.parse("10KB") == 10_000)
        #expect(SizeText.parse("10 kb") == 10_000)
        #expect(SizeText.parse("10KiB") == 10_240)
        #expect(SizeText.parse("1.5MiB") == 1_572_864)
        #expect(SizeText.parse("2 MB") == 2_000_000)
        #expect(SizeText.parse("1GiB") == 1_073_741_824)
        #expect(SizeText.parse("5 bytes") == 5)
        #expect(SizeText.parse("5B") == 5)
        for bad in ["", "1e3", "-5", "+5", "1,000", "1_000", "0x10", "1.5", "1.0001KB", "10 XB", "KB", "1.KB", "99999999999999999999"] {
            #expect(SizeText.parse(bad) == nil, "\(bad)")
        }
        #expect(F.brief(F.errors("name: x\nfilters: [{attachmentSize: {}}]")) == ["rule.missing-key@2:28"])
    }

    @Test func addressAndDomainValues() {
        for good in ["billing@contoso.example", "contoso.example", "@contoso.example", "bücher.example", "xn--bcher-kva.example", "<a@b.example>"] {
            #expect(F.errors("name: x\nfilters: [{from: '\(good)'}]").isEmpty, "\(good)")
        }
        for bad in ["billing@", "a b@c.example", "contoso..example", "http://contoso.example", "a@b@"] {
            #expect(F.brief(F.errors("name: x\nfilters: [{to: '\(bad)'}]")) == ["rule.invalid-address@2:16"], "\(bad)")
        }
        // Other operators take any text.
        #expect(F.errors("name: x\nfilters: [{field: from, op: contains, value: 'billing@'}]").isEmpty)
    }

    @Test func urlValues() {
        for good in ["contoso.example", "https://fabrikam-invoices.example/pay/204981", "203.0.113.7"] {
            #expect(F.errors("name: x\nfilters: [{url: '\(good)'}]").isEmpty, "\(good)")
        }
        #expect(F.brief(F.errors("name: x\nfilters: [{url: 'a b'}]")) == ["rule.invalid-url@2:17"])
    }

    @Test func regexIsCheckedWithRE2ButCatastrophicPatternsAreFine() {
        #expect(F.errors(#"name: x\#nfilters: [{regex: '(a+)+$'}, {regex: '(x|x|x)*y'}, {regex: '\pL+'}]"#).isEmpty)
        // RE2 has no backreferences or look-around.
        let errors = F.errors(#"name: x\#nfilters: [{regex: '(a)\1'}, {regex: 'a(?=b)'}]"#)
        #expect(F.brief(errors) == ["rule.invalid-regex@2:19", "rule.invalid-regex@2:37"])
        #expect(errors.allSatisfy { $0.message.hasPrefix("invalid regular expression: ") })
    }
}
