import Foundation
import FuzzTargets
import Testing

/// Every input a fuzzer ever found, and the seed corpora of `Fixtures/`, through the fuzzing entry
/// points (`scripts/fuzz.sh` runs the same functions under libFuzzer): no crash, and every invariant holds.
@Suite struct FuzzRegressionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The files below `folder` (relative to the package root), recursively, in sorted order.
    static func files(under folder: String, where keep: (String) -> Bool = { _ in true }) -> [URL] {
        let root = packageRoot.appendingPathComponent(folder)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walk {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true, keep(url.lastPathComponent) else { continue }
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }

    static func regressionInputs(_ target: FuzzTarget) -> [URL] {
        files(under: "Fixtures/fuzz-regressions/\(target.rawValue)") { $0 != "README.md" }
    }

    @Test(arguments: FuzzTarget.allCases)
    func foundInputsHoldTheInvariants(_ target: FuzzTarget) throws {
        for url in Self.regressionInputs(target) {
            let violations = target.run(Array(try Data(contentsOf: url)))
            #expect(violations.isEmpty, "\(url.lastPathComponent): \(violations.joined(separator: "\n"))")
        }
    }

    /// The Graph findings compared in full, the three buffer-size differences of issue 9 (item 7)
    /// included: files named `known-*` showed one of them before the streaming reader's fix.
    @Test func graphFindingsReadAlikeWithEveryBufferSize() throws {
        let strict = FuzzOptions(strictGraphBuffers: true)
        for url in Self.regressionInputs(.graph) {
            let violations = FuzzTarget.graph.run(Array(try Data(contentsOf: url)), options: strict)
            #expect(violations.isEmpty, "\(url.lastPathComponent): \(violations.joined(separator: "\n"))")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedsHoldTheInvariants(_ target: FuzzTarget) throws {
        let seeds = target.seedFiles(packageRoot: Self.packageRoot.path, includingShared: false)
        #expect(seeds.count >= 5, "the \(target) target has \(seeds.count) seeds in Fixtures/")
        for path in seeds {
            let violations = target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            #expect(violations.isEmpty, "\(path): \(violations.joined(separator: "\n"))")
        }
    }
}
