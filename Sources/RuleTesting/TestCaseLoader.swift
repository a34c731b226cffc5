import Foundation
public import MailModel
public import Investigation
internal import Crypto

/// An investigation file with its expectations, ready to test.
public struct RuleTestCase: Sendable {
    public var investigation: Investigation
    public var expectations: Expectations
    /// Warnings of the investigation file (printed, never a failure).
    public var warnings: [String]
}

/// Loads investigation files that may carry an `expect:` block, and their expectations.
public enum RuleInvestigationFile {
    /// The sidecar names tried for an investigation file `X.yaml` / `X.yml` / `X.json`.
    public static func sidecarCandidates(for path: String) -> [String] {
        let folder = PathText.folder(of: path)
        let stem = PathText.stem(path)
        return ["yaml", "yml", "json"].map { PathText.join(folder, "\(stem).expect.\($0)") }
    }

    /// Whether a file name is a sidecar (`*.expect.yaml|yml|json`).
    public static func isSidecar(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".expect.yaml", ".expect.yml", ".expect.json"].contains { lower.hasSuffix($0) }
    }

    /// Loads an investigation file as `InvestigationFile.load` does, but accepts a top-level `expect:`
    /// block (ignored here; see ``loadTestCase(path:)``).
    ///
    /// While the investigation loader still rejects `expect` as an unknown key, the block is blanked
    /// out (its lines kept, so every other error keeps its line and column) and the file parsed again;
    /// the SHA-256 recorded is that of the file as it is.
    public static func load(path: String, directory: DirectoryInfo? = nil) throws(InvestigationFileErrors) -> LoadedInvestigation {
        do {
            return try InvestigationFile.load(path: path, directory: directory)
        } catch {
            let expectErrors = error.errors.filter(isExpectKeyError)
            guard !expectErrors.isEmpty else { throw error }
            guard let bytes = try? ReadOnlyFile.read(path), let text = String(validating: bytes, as: UTF8.self) else { throw error }
            let data = Data(bytes)
            var lines = text.components(separatedBy: "\n")
            var blanked = false
            for problem in expectErrors where problem.column == 1 && problem.line >= 1 && problem.line <= lines.count {
                var index = problem.line - 1
                lines[index] = ""
                index += 1
                while index < lines.count, belongsToBlock(lines[index]) {
                    lines[index] = ""
                    index += 1
                }
                blanked = true
            }
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            if blanked {
                return try InvestigationFile.parse(text: lines.joined(separator: "\n"), path: path, fileSHA256: digest, directory: directory)
            }
            // A JSON file (`"expect"` inside a flow mapping): the document without it.
            guard var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["expect"] != nil else { throw error }
            object["expect"] = nil
            guard let stripped = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { throw error }
            return try InvestigationFile.parse(text: String(decoding: stripped, as: UTF8.self), path: path, fileSHA256: digest, directory: directory)
        }
    }

    /// A top-level `expect` reported as unknown by the investigation loader.
    static func isExpectKeyError(_ error: InvestigationFileError) -> Bool {
        error.code == InvestigationFileCode.unknownKey && error.message.hasPrefix("unknown key 'expect'")
    }

    /// Whether a line continues a block started at column 1: indented, empty, a comment or a list item.
    private static func belongsToBlock(_ line: String) -> Bool {
        guard let first = line.first else { return true }
        if line.hasPrefix("---") || line.hasPrefix("...") { return false }
        return first == " " || first == "\t" || first == "#" || first == "-" || first == "\r"
    }

    /// Loads an investigation file and its expectations (its `expect:` block or its sidecar; not both).
    /// Errors come back as printable lines (`path:line:column: error: [code] message`).
    public static func loadTestCase(path: String) -> Result<RuleTestCase, TestCaseLoadFailure> {
        let loaded: LoadedInvestigation
        do {
            loaded = try load(path: path)
        } catch {
            return .failure(TestCaseLoadFailure(
                errors: error.errors.map(\.description), warnings: error.warnings.map(\.description), investigationInvalid: true))
        }
        let warnings = loaded.warnings.map(\.description)
        func fail(_ errors: [RuleTestFileError]) -> Result<RuleTestCase, TestCaseLoadFailure> {
            .failure(TestCaseLoadFailure(errors: errors.map(\.description), warnings: warnings, investigationInvalid: false))
        }
        let baseFolder = PathText.folder(of: path)

        // The `expect:` block (the investigation loader has already read the file within its bounds).
        var block: YAMLPair?
        if case .success(let root?) = YAMLFile.read(path, maxBytes: InvestigationFile.maxFileBytes) {
            block = root.mapping?.first { $0.key.scalar == "expect" }
        }
        let sidecars = sidecarCandidates(for: path).filter { PathText.exists($0).exists }
        if sidecars.count > 1 {
            return fail([RuleTestFileError(
                code: RuleTestCode.twoSources, message: "several sidecar files: \(sidecars.joined(separator: ", ")); keep one", path: path)])
        }
        if let block {
            if let sidecar = sidecars.first {
                return fail([RuleTestFileError(
                    code: RuleTestCode.twoSources,
                    message: "expectations are given both here and in \(sidecar); keep one of them",
                    path: path, line: block.key.line, column: block.key.column)])
            }
            var parser = ExpectationsParser(path: path, baseFolder: baseFolder)
            guard let expectations = parser.parse(block.value) else { return fail(parser.errors) }
            return .success(RuleTestCase(investigation: loaded.investigation, expectations: expectations, warnings: warnings))
        }
        guard let sidecar = sidecars.first else {
            return fail([RuleTestFileError(
                code: RuleTestCode.noExpectations,
                message: "no expectations: add an 'expect:' block to the investigation or a sidecar file \(PathText.fileName(sidecarCandidates(for: path)[0]))",
                path: path)])
        }
        switch readSidecar(sidecar) {
        case .success(let expectations):
            return .success(RuleTestCase(investigation: loaded.investigation, expectations: expectations, warnings: warnings))
        case .failure(let errors):
            return fail(errors.errors)
        }
    }

    /// A sidecar file's expectations. Paths in it are relative to its folder.
    static func readSidecar(_ path: String) -> Result<Expectations, RuleTestFileErrors> {
        switch YAMLFile.read(path) {
        case .failure(let error): return .failure(RuleTestFileErrors(errors: [error]))
        case .success(let root):
            var parser = ExpectationsParser(path: path, baseFolder: PathText.folder(of: path))
            if let expectations = parser.parse(root) { return .success(expectations) }
            return .failure(RuleTestFileErrors(errors: parser.errors))
        }
    }
}

/// Why a test case could not be loaded.
public struct TestCaseLoadFailure: Error, Sendable {
    /// Printable error lines.
    public var errors: [String]
    public var warnings: [String]
    /// Whether the investigation file itself is invalid (rather than its expectations).
    public var investigationInvalid: Bool
}

public struct RuleTestFileErrors: Error, Sendable {
    public var errors: [RuleTestFileError]
}
