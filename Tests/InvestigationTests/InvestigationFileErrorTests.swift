import MailModel
import Foundation
import Testing
@testable import Investigation

/// One invalid fixture and exactly what it must raise: `code@line:column` in file order, plus words
/// the messages must contain.
struct InvalidFixtureCase: Sendable, CustomStringConvertible {
    var file: String
    var expected: [String]
    var messages: [String] = []
    var withDirectory = false

    var description: String { file }
}

@Suite("Investigation file: errors")
struct InvestigationFileErrorTests {
    static let cases: [InvalidFixtureCase] = [
        InvalidFixtureCase(
            file: "unknown-key.yaml",
            expected: ["rule.unknown-key@5:5", "rule.unknown-key@7:1", "rule.unknown-key@10:3"],
            messages: ["unknown key 'form'; did you mean 'from'?", "unknown key 'acton'; did you mean 'action'?",
                       "unknown key 'colour'; allowed keys here: mailboxes, groups, authorizedDomains, dateRange, folders"]),
        InvalidFixtureCase(file: "unknown-key.json", expected: ["rule.unknown-key@6:6"],
                           messages: ["did you mean 'attachmentSHA256'?"]),
        InvalidFixtureCase(file: "duplicate-key.yaml", expected: ["rule.duplicate-key@5:1"], messages: ["'name'", "line 2"]),
        InvalidFixtureCase(file: "missing-key.yaml", expected: ["rule.missing-key@3:1", "rule.missing-key@4:13"],
                           messages: ["'name'", "X-Mailer"]),
        InvalidFixtureCase(file: "wrong-type.yaml", expected: ["rule.wrong-type@3:7", "rule.wrong-type@6:5", "rule.wrong-type@7:8"],
                           messages: ["'name' must be text; found a list", "found the text 'Invoice overdue'", "'scope' must be a mapping"]),
        InvalidFixtureCase(file: "wrong-type-filters.yaml", expected: ["rule.wrong-type@3:10"], messages: ["must be a list of filters"]),
        InvalidFixtureCase(file: "empty-value.yaml", expected: ["rule.empty-value@4:14", "rule.empty-value@5:5", "rule.empty-value@6:26"]),
        InvalidFixtureCase(file: "empty-filters.yaml", expected: ["rule.empty-filters@3:10"]),
        InvalidFixtureCase(file: "empty-group.yaml", expected: ["rule.empty-filters@5:10", "rule.empty-filters@6:10"], messages: ["'any'", "'not'"]),
        InvalidFixtureCase(file: "multiple-keys.yaml", expected: ["rule.multiple-keys@6:5", "rule.multiple-keys@7:51"],
                           messages: ["'from' and 'subject'", "'contains' and 'equals'"]),
        InvalidFixtureCase(file: "invalid-value.yaml", expected: ["rule.invalid-value@4:8", "rule.invalid-value@6:39", "rule.invalid-value@8:9"],
                           messages: ["'any' or 'all'", "true or false; found 'yes'", "allowed: none, warn, moveToTrash, delete"]),
        InvalidFixtureCase(file: "unknown-field.yaml", expected: ["rule.unknown-field@4:13"], messages: ["did you mean 'subject'?"]),
        InvalidFixtureCase(file: "unknown-operator.yaml", expected: ["rule.unknown-operator@6:9"], messages: ["'startsWith'", "glob, regex"]),
        InvalidFixtureCase(file: "invalid-operator.yaml", expected: ["rule.invalid-operator@4:33", "rule.invalid-operator@5:35"],
                           messages: ["'contains' does not apply to 'attachmentSize'; allowed: equals, notEquals, exists, notExists"]),
        InvalidFixtureCase(file: "unexpected-value.yaml", expected: ["rule.unexpected-value@4:34"]),
        InvalidFixtureCase(file: "invalid-regex.yaml", expected: ["rule.invalid-regex@5:12", "rule.invalid-regex@6:40", "rule.invalid-regex@7:37"],
                           messages: ["missing ]", "missing )", "missing )"]),
        InvalidFixtureCase(file: "invalid-ip.yaml", expected: ["rule.invalid-ip@4:9", "rule.invalid-ip@5:10", "rule.invalid-ip@6:9"],
                           messages: ["'203.0.113.300'", "'203.0.113.0/33'", "'mail.fabrikam-invoices.example'"]),
        InvalidFixtureCase(file: "invalid-digest.yaml", expected: ["rule.invalid-digest@4:23", "rule.invalid-digest@5:21", "rule.invalid-digest@6:20"],
                           messages: ["64 hex digits, this value has 63", "use attachmentMD5", "not hexadecimal"]),
        InvalidFixtureCase(file: "invalid-size.yaml", expected: ["rule.invalid-size@5:21", "rule.invalid-size@6:21", "rule.invalid-size@7:21"],
                           messages: ["'1e3' is not a size", "min 2000 is larger than max 1000", "'-5'"]),
        InvalidFixtureCase(file: "invalid-address.yaml", expected: ["rule.invalid-address@4:11", "rule.invalid-address@5:9"]),
        InvalidFixtureCase(file: "invalid-domain.yaml", expected: ["rule.invalid-domain@4:23", "rule.invalid-domain@4:36"]),
        InvalidFixtureCase(file: "invalid-mailbox.yaml", expected: ["rule.invalid-mailbox@4:15", "rule.invalid-mailbox@4:22"]),
        InvalidFixtureCase(file: "invalid-extension.yaml", expected: ["rule.invalid-extension@4:26"], messages: ["write 'gz'"]),
        InvalidFixtureCase(file: "invalid-url.yaml", expected: ["rule.invalid-url@4:10"]),
        InvalidFixtureCase(file: "invalid-header.yaml", expected: ["rule.invalid-header@4:20"]),
        InvalidFixtureCase(file: "invalid-date.yaml", expected: ["rule.invalid-date@5:11", "rule.invalid-date@6:9"],
                           messages: ["'2026-11-31' is not a date", "'11/26/2026'"]),
        InvalidFixtureCase(file: "invalid-date-range.yaml", expected: ["rule.invalid-date-range@4:37"]),
        InvalidFixtureCase(file: "message-too-long.yaml", expected: ["rule.message-too-long@7:12"], messages: ["80 characters; at most 64"]),
        InvalidFixtureCase(file: "missing-message.yaml", expected: ["rule.missing-message@5:16"]),
        InvalidFixtureCase(file: "conflicting-from.yaml", expected: ["rule.conflicting-from@9:5"], messages: ["a message has one sender"]),
        InvalidFixtureCase(file: "conflicting-ip.yaml", expected: ["rule.conflicting-ip@6:5"]),
        InvalidFixtureCase(file: "unknown-group.yaml", expected: ["rule.unknown-group@5:35"],
                           messages: ["'Finanse'; did you mean 'finance'?"], withDirectory: true),
        InvalidFixtureCase(file: "unknown-mailbox.yaml", expected: ["rule.unknown-mailbox@7:7"],
                           messages: ["'zoe.adams@fabrikam.example'"], withDirectory: true),
        InvalidFixtureCase(file: "invalid-yaml.yaml", expected: ["rule.invalid-yaml@5:9"],
                           messages: ["invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 14)"]),
        InvalidFixtureCase(file: "tab-indentation.yaml", expected: ["rule.invalid-yaml@4:1"], messages: ["tabs"]),
        InvalidFixtureCase(file: "multiple-documents.yaml", expected: ["rule.invalid-yaml@5:1"], messages: ["more than one YAML document"]),
        InvalidFixtureCase(file: "invalid-json.json", expected: ["rule.invalid-yaml@4:3"], messages: ["invalid JSON: did not find expected ',' or '}'"]),
        InvalidFixtureCase(file: "empty-file.yaml", expected: ["rule.empty-file@1:1"]),
        InvalidFixtureCase(file: "alias-bomb.yaml", expected: ["rule.too-complex@8:12"], messages: ["'*e'", "200000"]),
        InvalidFixtureCase(file: "not-utf8.yaml", expected: ["rule.unreadable-file@4:20"], messages: ["not UTF-8", "0xE9"]),
    ]

    @Test("each invalid fixture raises exactly its errors, at their line and column", arguments: cases)
    func fixture(_ testCase: InvalidFixtureCase) throws {
        let path = InvestigationFileFixtures.invalidPath(testCase.file)
        let errors = InvestigationFileFixtures.fileErrors(path, directory: testCase.withDirectory ? InvestigationFileFixtures.sampleDirectory : nil)
        #expect(InvestigationFileFixtures.brief(errors) == testCase.expected)
        for error in errors {
            #expect(error.path == path)
            #expect(error.severity == .error)
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
            #expect(error.description == "\(path):\(error.line):\(error.column): error: [\(error.code)] \(error.message)")
        }
        let messages = errors.map(\.message).joined(separator: " | ")
        for fragment in testCase.messages {
            #expect(messages.contains(fragment), "\(fragment) not in \(messages)")
        }
    }

    @Test func everyFixtureIsCoveredAndStatesWhatItTests() throws {
        let listed = Set(Self.cases.map(\.file))
        for name in InvestigationFileFixtures.invalidNames() where name != "warnings.yaml" {
            #expect(listed.contains(name), "\(name) has no test case")
            let text = try String(decoding: Data(contentsOf: InvestigationFileFixtures.invalid.appendingPathComponent(name)), as: UTF8.self)
            #expect(text.contains("Tests rule.") || text.contains("A VALID file"), "\(name) does not say what it tests")
        }
    }

    @Test func everyErrorCodeIsTestedWithItsPosition() {
        // Codes raised by generated inputs, tested in InvestigationFileHostileTests (too-large, too-deep,
        // too-many-errors) and below (unreadable-file for a missing file).
        let generated: Set<String> = [InvestigationFileCode.tooLarge.rawValue, InvestigationFileCode.tooDeep.rawValue, InvestigationFileCode.tooManyErrors.rawValue]
        let fromFixtures = Set(Self.cases.flatMap { $0.expected.map { String($0.prefix { $0 != "@" }) } })
        for code in InvestigationFileCode.errorCodes.map(\.rawValue) {
            #expect(fromFixtures.contains(code) || generated.contains(code), "\(code) is not tested")
        }
    }

    @Test func errorsOnTheInvalidWithoutDirectoryDoNotNeedIt() {
        // Without the export, unknown groups and mailboxes cannot be told, so these files are valid.
        #expect(InvestigationFileFixtures.fileErrors(InvestigationFileFixtures.invalidPath("unknown-group.yaml")).isEmpty)
        #expect(InvestigationFileFixtures.fileErrors(InvestigationFileFixtures.invalidPath("unknown-mailbox.yaml")).isEmpty)
    }

    @Test func warningsDoNotMakeAFileInvalid() throws {
        let loaded = try InvestigationFile.load(path: InvestigationFileFixtures.invalidPath("warnings.yaml"))
        #expect(InvestigationFileFixtures.brief(loaded.warnings) == [
            "rule.mailbox-not-authorized@6:46", "rule.case-ignored@8:24", "rule.message-ignored@11:3",
        ])
        #expect(loaded.warnings.allSatisfy { $0.isWarning && $0.description.contains(": warning: [rule.") })
        #expect(loaded.investigation.action == Action(kind: .delete, message: nil))
        #expect(Set(InvestigationFileCode.warningCodes) == Set(loaded.warnings.map(\.code)))
    }

    @Test func missingFileAndFolder() {
        let missing = InvestigationFileFixtures.fileErrors("/nonexistent/investigation.yaml")
        #expect(InvestigationFileFixtures.brief(missing) == ["rule.unreadable-file@0:0"])
        #expect(missing.first?.description == "/nonexistent/investigation.yaml: error: [rule.unreadable-file] the investigation file does not exist")
        let folder = InvestigationFileFixtures.fileErrors(InvestigationFileFixtures.invalid.path)
        #expect(InvestigationFileFixtures.brief(folder) == ["rule.unreadable-file@0:0"])
        #expect(folder.first?.message.contains("folder") == true)
    }

    @Test func allErrorsAreReportedInFileOrder() {
        let errors = InvestigationFileFixtures.errors("""
            filters:
              - subjct: a
              - ip: 999.1.1.1
              - {field: subject, op: equals}
            action: {type: warn, message: \(String(repeating: "x", count: 65))}
            match: both
            """)
        #expect(InvestigationFileFixtures.brief(errors) == [
            "rule.missing-key@1:1", "rule.unknown-key@2:5", "rule.invalid-ip@3:9", "rule.missing-key@4:5",
            "rule.message-too-long@5:31", "rule.invalid-value@6:8",
        ])
        #expect(errors[1].message == "unknown key 'subjct'; did you mean 'subject'?")
    }

    @Test func wrongTypesAreNotCoerced() {
        let errors = InvestigationFileFixtures.errors("""
            name: x
            description: [a]
            filters:
              - subject: {a: b}
              - from: [[a@b.c]]
              - {ip: 203.0.113.7, caseSensitive: 1}
              - all: {from: a.example}
              - not: text
              - header: X-Mailer
              - header: {name: [X-Mailer], exists: maybe}
              - attachmentSize: [true]
            scope: {mailboxes: 5, folders: {a: b}, dateRange: [2026-11-01]}
            action: [delete]
            """)
        #expect(InvestigationFileFixtures.brief(errors) == [
            "rule.wrong-type@2:14", "rule.wrong-type@4:14", "rule.wrong-type@5:12", "rule.invalid-value@6:38",
            "rule.wrong-type@7:10", "rule.wrong-type@8:10", "rule.wrong-type@9:13", "rule.wrong-type@10:20",
            "rule.invalid-value@10:40", "rule.invalid-size@11:22", "rule.invalid-mailbox@12:20", "rule.wrong-type@12:32",
            "rule.wrong-type@12:51", "rule.wrong-type@13:9",
        ])
    }

    @Test func unknownKeysEverywhereSuggest() {
        let errors = InvestigationFileFixtures.errors("""
            Name: x
            filters:
              - {field: subject, opp: equals, value: a}
              - header: {name: X-Mailer, contain: PHP}
              - attachmentSize: {minimum: 5}
              - {subject: a, casesensitive: true}
            scope: {dateRange: {start: 2026-11-01}, mailbox: all}
            action: {type: delete, mesage: x}
            """)
        #expect(errors.map(\.message) == [
            "unknown key 'Name'; did you mean 'name'?",
            "unknown key 'opp'; did you mean 'op'?",
            "unknown key 'contain'; did you mean 'contains'?",
            "unknown key 'minimum'; allowed keys here: min, max",
            "unknown key 'casesensitive'; did you mean 'caseSensitive'?",
            "unknown key 'start'; allowed keys here: from, to",
            "unknown key 'mailbox'; did you mean 'mailboxes'?",
            "unknown key 'mesage'; did you mean 'message'?",
        ])
    }

    @Test func conflictRulesApplyDirectlyUnderEachAll() {
        // A list on one filter, the same value twice, `any`, and filters of another group are all fine.
        #expect(InvestigationFileFixtures.errors("""
            name: x
            match: all
            filters:
              - from: [a@x.example, b@y.example]
              - from: [B@y.example, a@x.example]
              - ip: 203.0.113.0/24
              - {field: from, op: contains, value: billing}
              - all: [{from: z.example}]
            """).isEmpty)
        #expect(InvestigationFileFixtures.errors("""
            name: x
            filters:
              - from: a.example
              - from: b.example
              - ip: 203.0.113.7
              - ip: 198.51.100.7
            """).isEmpty)
        #expect(InvestigationFileFixtures.brief(InvestigationFileFixtures.errors("""
            name: x
            match: all
            filters:
              - ip: 203.0.113.7
              - from: a.example
              - ip: 203.0.113.8
              - from: b.example
            """)) == ["rule.conflicting-ip@6:5", "rule.conflicting-from@7:5"])
        // The same directly inside an `all` group at any depth (filters in different groups are not compared).
        #expect(InvestigationFileFixtures.brief(InvestigationFileFixtures.errors("""
            name: x
            filters:
              - any:
                  - all:
                      - from: a.example
                      - from: b.example
            """)) == ["rule.conflicting-from@6:13"])
        #expect(InvestigationFileFixtures.brief(InvestigationFileFixtures.errors("""
            name: x
            filters:
              - all:
                  - ip: 203.0.113.7
                  - not: {subject: x}
                  - ip: 198.51.100.7
            """)) == ["rule.conflicting-ip@6:9"])
        // An `any` or `not` group starts over: its senders are alternatives, not a conjunction.
        #expect(InvestigationFileFixtures.errors("""
            name: x
            match: all
            filters:
              - from: a.example
              - not: {from: b.example}
              - any: [from: c.example, from: d.example]
            """).isEmpty)
    }

    @Test func aGroupWhoseMembersAreNobodyIsAnError() {
        let directory = DirectoryInfo(
            mailboxes: ["ann@contoso.example"], groups: ["finance": ["ann@contoso.example"], "ghosts": ["ghost@contoso.example"]])
        let text = "name: x\nscope:\n  groups: [Ghosts]\nfilters: [{subject: a}]\n"
        let errors = InvestigationFileFixtures.errors(text, directory: directory)
        #expect(InvestigationFileFixtures.brief(errors) == ["rule.unknown-group@3:12"])
        #expect(errors.first?.message.contains("matches nobody") == true)
        #expect(InvestigationFileFixtures.errors(text.replacingOccurrences(of: "Ghosts", with: "Finance"), directory: directory).isEmpty)
    }

    @Test func actionRules() {
        #expect(InvestigationFileFixtures.brief(InvestigationFileFixtures.errors("name: x\nfilters: [{subject: a}]\naction: {message: hi}")) == ["rule.missing-key@3:9"])
        #expect(InvestigationFileFixtures.brief(InvestigationFileFixtures.errors("name: x\nfilters: [{subject: a}]\naction: {type: Delete}")) == ["rule.invalid-value@3:16"])
        #expect(InvestigationFileFixtures.errors("name: x\nfilters: [{subject: a}]\naction: {type: Delete}").first?.message == "unknown action type 'Delete'; did you mean 'delete'?")
        #expect(InvestigationFileFixtures.brief(InvestigationFileFixtures.errors("name: x\nfilters: [{subject: a}]\naction: {type: warn, message: ''}")) == ["rule.empty-value@3:31"])
        // Exactly 64 characters is allowed; characters, not bytes, are counted.
        let sixtyFour = String(repeating: "é", count: 64)
        #expect(InvestigationFileFixtures.errors("name: x\nfilters: [{subject: a}]\naction: {type: warn, message: \(sixtyFour)}").isEmpty)
    }
}
