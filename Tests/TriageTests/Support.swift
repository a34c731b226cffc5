import Foundation
import Investigation
import MailModel
import Pipeline
import Reports
import Triage

/// Paths, drafts written to a scratch folder, and investigations run over the fixtures.
enum Support {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tenant = root.appendingPathComponent("Fixtures/sample-tenant").path
    static let triage = root.appendingPathComponent("Fixtures/triage")
    static let export = triage.appendingPathComponent("export").path

    /// A fresh scratch folder (never beside the fixtures).
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragnet-triage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The draft's YAML, checked as `dragnet validate --investigation` checks a file.
    static func investigation(of draft: Draft) throws -> Investigation {
        try InvestigationFile.parse(text: draft.yaml, path: "draft.yaml", fileSHA256: "").investigation
    }

    static func run(_ investigation: Investigation, over paths: [String]) -> InvestigationReport {
        InvestigationRunner(investigation: investigation, workers: 2).run(paths: paths, toolVersion: "test", runOptions: [:]).0
    }

    /// `path[#pointer]` of every match, relative to `base`, sorted.
    static func places(_ report: InvestigationReport, relativeTo base: String) -> [String] {
        report.matches.map { row in
            var path = row.source.path
            if path.hasPrefix(base + "/") { path.removeFirst(base.count + 1) }
            if let pointer = row.source.pointer, !pointer.isEmpty { path += "#" + pointer }
            return path
        }.sorted()
    }

    /// The values of the draft's conditions on `field`, flattened.
    static func values(_ investigation: Investigation, _ field: FilterField) -> [String] {
        investigation.conditions.filter { $0.field == field }.flatMap { condition in
            condition.values.compactMap { value -> String? in
                if case .text(let text) = value { return text }
                return nil
            }
        }
    }
}
