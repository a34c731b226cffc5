import Foundation
public import MailModel
public import Investigation
import Yams
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

        // The `expect:` block, read with Yams (the investigation loader has already checked the file's
        // size, depth and node count).
        var block: (key: Node, value: Node)?
        if var bytes = try? ReadOnlyFile.read(path) {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let text = String(decoding: bytes, as: UTF8.self)
            if text.contains("expect"), let root = try? Yams.compose(yaml: text), let mapping = root.mapping {
                for (key, value) in mapping where key.scalar?.string == "expect" {
                    block = (key, value)
                    break
                }
            }
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
                    path: path, line: block.key.mark?.line ?? 0, column: block.key.mark?.column ?? 0)])
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

/// Small YAML files (sidecars, suite files) read with Yams, with bounds against hostile input.
enum YAMLFile {
    /// The largest sidecar or suite file read.
    static let maxBytes = 1 << 20
    /// The deepest nesting accepted (Yams composes recursively).
    static let maxDepth = 64

    static func read(_ path: String) -> Result<Node?, RuleTestFileError> {
        func fail(_ code: DiagnosticCode, _ message: String, line: Int = 0, column: Int = 0) -> Result<Node?, RuleTestFileError> {
            .failure(RuleTestFileError(code: code, message: message, path: path, line: line, column: column))
        }
        let (exists, isFolder) = PathText.exists(path)
        if !exists { return fail(RuleTestCode.unreadableFile, "the file does not exist") }
        if isFolder { return fail(RuleTestCode.unreadableFile, "this is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail(RuleTestCode.unreadableFile, "the file cannot be read (permission denied?)")
        }
        if data.count > maxBytes { return fail(RuleTestCode.unreadableFile, "the file is larger than 1 MiB") }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return fail(RuleTestCode.unreadableFile, "the file is not UTF-8 text")
        }
        if let (line, column) = tooDeep(text) {
            return fail(RuleTestCode.invalidYAML, "the file nests deeper than \(maxDepth) levels", line: line, column: column)
        }
        do {
            return .success(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            return fail(RuleTestCode.invalidYAML, "not valid YAML: \(Self.describe(error))", line: Self.mark(error)?.line ?? 0, column: Self.mark(error)?.column ?? 0)
        } catch {
            return fail(RuleTestCode.invalidYAML, "not valid YAML: \(error)")
        }
    }

    /// A conservative bound on nesting, checked before Yams' recursive composer runs: open flow
    /// brackets, block indentation and compact `- - -` items per line.
    static func tooDeep(_ text: String) -> (Int, Int)? {
        var flow = 0
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var rest = line.drop { $0 == " " }
            let indent = line.count - rest.count
            var dashes = 0
            while rest.hasPrefix("- ") || rest == "-" {
                dashes += 1
                rest = rest.dropFirst().drop { $0 == " " }
            }
            var inQuote: Character?
            var previous: Character = " "
            for c in rest {
                if let q = inQuote {
                    if c == q { inQuote = nil }
                } else if c == "#", previous == " " {
                    break
                } else if c == "\"" || c == "'" {
                    inQuote = c
                } else if c == "[" || c == "{" {
                    flow += 1
                    if flow > maxDepth { return (lineNumber, 1) }
                } else if c == "]" || c == "}" {
                    flow -= 1
                }
                previous = c
            }
            if flow > maxDepth || indent / 2 + dashes > maxDepth * 2 { return (lineNumber, 1) }
        }
        return nil
    }

    static func mark(_ error: YamlError) -> (line: Int, column: Int)? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return (mark.line, mark.column)
        default:
            return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
