import Foundation
import Remediation
import Testing

/// Every plan of the fixture reports (Fixtures/plans/reports: the sample tenant's campaign under each
/// action, and a report full of hostile values) against its golden files in Fixtures/plans/golden.
/// A missing golden fails; RECORD_GOLDENS=1 writes them (review the diff).
struct GoldenPlanTests {
    static let cases = Support.reports.flatMap { report in PlanFormat.allCases.map { (report, $0) } }

    @Test("plan artifacts match their golden files", arguments: cases.indices)
    func golden(index: Int) throws {
        let (report, format) = Self.cases[index]
        let artifacts = try Support.artifacts(report, format)
        let folder = Support.plans.appendingPathComponent("golden/\(report)/\(format.rawValue)")
        if Support.isRecording {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for artifact in artifacts { try Data(artifact.bytes).write(to: folder.appendingPathComponent(artifact.name)) }
        }
        let expectedNames = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        #expect(artifacts.map(\.name).sorted() == expectedNames, "golden files missing or different in \(folder.path); RECORD_GOLDENS=1 writes them")
        for artifact in artifacts {
            let golden = (try? Data(contentsOf: folder.appendingPathComponent(artifact.name))).map { [UInt8]($0) }
            let same = golden == artifact.bytes
            #expect(same, "\(report)/\(format.rawValue)/\(artifact.name) differs from its golden file: \(Self.firstDifference(golden ?? [], artifact.bytes))")
        }
    }

    /// `line N: expected … / got …` for the first line that differs.
    static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            return "line \(i + 1): expected \(i < a.count ? String(a[i]) : "(end)") / got \(i < b.count ? String(b[i]) : "(end)")"
        }
        return "same lines"
    }

    @Test("the same report gives byte-identical artifacts; another report (one byte changed) another SHA-256")
    func deterministic() throws {
        let bytes = try Support.reportBytes("invoice-lure-moveToTrash")
        for format in PlanFormat.allCases {
            let a = RemediationPlan.artifacts(for: try PlanReport(bytes: bytes), format: format)
            let b = RemediationPlan.artifacts(for: try PlanReport(bytes: bytes), format: format)
            #expect(a == b)
        }
        var changed = bytes
        changed.append(0x0A)
        #expect(try PlanReport(bytes: changed).sha256 != PlanReport(bytes: bytes).sha256)
    }

    @Test("every artifact names the report's SHA-256 and its item count", arguments: Support.reports)
    func everyArtifactNamesTheReport(report: String) throws {
        let parsed = try Support.report(report)
        for format in PlanFormat.allCases {
            for artifact in RemediationPlan.artifacts(for: parsed, format: format) {
                #expect(artifact.text.contains(parsed.sha256), "\(artifact.name) does not name the report's SHA-256")
                let count = artifact.text.contains("\"items\": \(parsed.itemCount)") || artifact.text.contains("report-items=\(parsed.itemCount)")
                    || artifact.text.contains("Report items: \(parsed.itemCount);")
                #expect(count, "\(artifact.name) does not name the item count")
            }
        }
    }

    @Test("a report whose action is none gives an empty plan with a note")
    func noneAction() throws {
        let parsed = try Support.report("invoice-lure-none")
        for format in PlanFormat.allCases {
            let artifacts = RemediationPlan.artifacts(for: parsed, format: format)
            #expect(!artifacts.contains { $0.name.hasPrefix("batch-") })
            let manifest = try JSON.parse(artifacts.first { $0.name == "plan-\(format.rawValue).json" }!.bytes)
            #expect(manifest["notes"]?.array?.first?.string?.contains("planned action is none") == true)
        }
        let script = RemediationPlan.artifacts(for: parsed, format: .powershell).first { $0.name == "remediate.ps1" }!.text
        #expect(script.contains("$Items = @()"))
        let purview = RemediationPlan.artifacts(for: parsed, format: .purview).first { $0.name == "purview.ps1" }!.text
        #expect(purview.contains("$Searches = @()"))
    }
}
