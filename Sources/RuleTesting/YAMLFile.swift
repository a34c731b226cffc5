import Investigation
import MailModel

/// Expectation sidecars, suite files and the `expect:` block of investigation files, read through the
/// same bounded YAML composer as investigation files (``YAMLDocument``: nesting and node limits, aliases
/// counted in full), so no YAML file can exhaust the stack or memory.
enum YAMLFile {
    /// The largest sidecar or suite file read.
    static let maxBytes = 1 << 20
    /// The deepest nesting of lists and mappings accepted.
    static let maxDepth = 64
    /// The most YAML values accepted, aliases expanded.
    static let maxNodes = InvestigationFile.maxNodes

    /// The document in `path`; `nil` when it holds none. Problems are `expect.unreadable-file` and
    /// `expect.invalid-yaml`, with the line and column libyaml gives.
    static func read(_ path: String, maxBytes: Int = maxBytes) -> Result<YAMLNode?, RuleTestFileError> {
        func fail(_ code: DiagnosticCode, _ message: String, line: Int = 0, column: Int = 0) -> Result<YAMLNode?, RuleTestFileError> {
            .failure(RuleTestFileError(code: code, message: message, path: path, line: line, column: column))
        }
        var bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.read(path, maxBytes: maxBytes)
        } catch {
            switch error.kind {
            case .notFound: return fail(RuleTestCode.unreadableFile, "the file does not exist")
            case .isFolder: return fail(RuleTestCode.unreadableFile, "this is a folder, not a file")
            case .cannotOpen, .cannotRead: return fail(RuleTestCode.unreadableFile, "the file cannot be read (permission denied?)")
            case .tooLarge: return fail(RuleTestCode.unreadableFile, "the file is larger than \(maxBytes >> 20) MiB")
            }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return fail(RuleTestCode.unreadableFile, "the file is not UTF-8 text")
        }
        do {
            return .success(try YAMLDocument.compose(bytes, maxDepth: maxDepth, maxNodes: maxNodes, fileKind: "an expectation or suite file"))
        } catch {
            switch error.kind {
            case .invalid, .tooComplex:
                return fail(RuleTestCode.invalidYAML, error.message, line: error.line, column: error.column)
            case .tooDeep:
                return fail(RuleTestCode.invalidYAML, "the file nests deeper than \(maxDepth) levels", line: error.line, column: error.column)
            case .cannotStart, .outOfMemory:
                return fail(RuleTestCode.unreadableFile, error.message)
            }
        }
    }
}
