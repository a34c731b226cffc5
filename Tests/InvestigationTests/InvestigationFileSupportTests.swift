import MailModel
import Foundation
import Testing
@testable import Investigation

/// Helpers for the investigation-file tests: fixture paths, the sample tenant's directory, and a
/// readable rendering of filter trees (``FilterNode`` is not Equatable).
enum InvestigationFileFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = packageRoot.appendingPathComponent("Fixtures/investigations")
    static let invalid = packageRoot.appendingPathComponent("Fixtures/investigations-invalid")
    static let sampleTenant = packageRoot.appendingPathComponent("Fixtures/sample-tenant")

    static func examplePath(_ name: String) -> String { examples.appendingPathComponent(name).path }
    static func invalidPath(_ name: String) -> String { invalid.appendingPathComponent(name).path }

    static func exampleNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    static func invalidNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: invalid.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    /// What the sample tenant knows: mailbox folders, users.json (mail, UPN, department) and
    /// groups.json. Read here with JSONSerialization so the tests do not depend on the export reader.
    static let sampleDirectory: DirectoryInfo = {
        var mailboxes = Set<String>()
        var groups: [String: Set<String>] = [:]
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: sampleTenant.path)) ?? []
        for name in folders where name.contains("@") { mailboxes.insert(name) }
        if let data = try? Data(contentsOf: sampleTenant.appendingPathComponent("users.json")),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let users = object["value"] as? [[String: Any]] {
            for user in users {
                let identities = [user["mail"], user["userPrincipalName"]].compactMap { $0 as? String }
                mailboxes.formUnion(identities)
                if let department = user["department"] as? String {
                    groups[department, default: []].formUnion(identities)
                }
            }
        }
        if let data = try? Data(contentsOf: sampleTenant.appendingPathComponent("groups.json")),
           let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
            for group in list {
                guard let name = group["displayName"] as? String else { continue }
                groups[name, default: []].formUnion((group["members"] as? [String]) ?? [])
            }
        }
        return DirectoryInfo(mailboxes: mailboxes, groups: groups)
    }()

    /// Parses YAML/JSON text given inline.
    static func parse(_ text: String, directory: DirectoryInfo? = nil) throws(InvestigationFileErrors) -> LoadedInvestigation {
        try InvestigationFile.parse(text: text, path: "inline.yaml", fileSHA256: "", directory: directory)
    }

    /// The errors `text` raises (empty when it is valid).
    static func errors(_ text: String, directory: DirectoryInfo? = nil) -> [InvestigationFileError] {
        do {
            _ = try parse(text, directory: directory)
            return []
        } catch {
            return error.errors
        }
    }

    /// The errors a fixture file raises.
    static func fileErrors(_ path: String, directory: DirectoryInfo? = nil) -> [InvestigationFileError] {
        do {
            _ = try InvestigationFile.load(path: path, directory: directory)
            return []
        } catch {
            return error.errors
        }
    }

    /// `code@line:column` for compact comparisons.
    static func brief(_ errors: [InvestigationFileError]) -> [String] {
        errors.map { "\($0.code)@\($0.line):\($0.column)" }
    }

    /// A one-line rendering of a filter tree: `any(f1 from equals "x", not(f2 ...))`.
    static func render(_ node: FilterNode) -> String {
        switch node {
        case .condition(let c): "\(c.id) \(c.label)"
        case .all(let nodes): "all(" + nodes.map(render).joined(separator: ", ") + ")"
        case .any(let nodes): "any(" + nodes.map(render).joined(separator: ", ") + ")"
        case .not(let node): "not(" + render(node) + ")"
        }
    }

    static func render(_ nodes: [FilterNode]) -> [String] { nodes.map(render) }
}

@Suite("Investigation file: support")
struct InvestigationFileSupportTests {
    @Test func sampleDirectoryKnowsTheTenant() {
        let directory = InvestigationFileFixtures.sampleDirectory
        #expect(directory.mailboxes.contains("ines.romero@fabrikam.example"))
        #expect(directory.mailboxes.contains("henry.wu@fabrikam.example"))
        #expect(directory.groups["finance"]?.count == 3)
        #expect(directory.groups["executives"] == ["grace.lee@fabrikam.example", "farid.haddad@fabrikam.example"])
        #expect(directory.groups["executive"] == ["grace.lee@fabrikam.example"])
    }

    @Test func descriptionIsOneLine() {
        let error = InvestigationFileError(code: "rule.unknown-key", message: "unknown key 'form'; did you mean 'from'?", path: "a.yaml", line: 4, column: 5)
        #expect(error.description == "a.yaml:4:5: error: [rule.unknown-key] unknown key 'form'; did you mean 'from'?")
        let noPosition = InvestigationFileError(code: "rule.unreadable-file", message: "the investigation file does not exist", path: "b.yaml")
        #expect(noPosition.description == "b.yaml: error: [rule.unreadable-file] the investigation file does not exist")
        let warning = InvestigationFileError(code: "rule.message-ignored", message: "m", path: "c.yaml", line: 1, column: 2, severity: .warning)
        #expect(warning.description == "c.yaml:1:2: warning: [rule.message-ignored] m")
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "form", in: ["from", "to"]) == "from")
        #expect(Suggestion.closest(to: "Subject", in: ["subject"]) == "subject")
        #expect(Suggestion.closest(to: "attachmentSha256", in: ["attachmentSHA256", "attachmentSHA1"]) == "attachmentSHA256")
        #expect(Suggestion.closest(to: "colour", in: ["mailboxes", "groups"]) == nil)
    }
}
