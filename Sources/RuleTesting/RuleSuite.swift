import Foundation
import Investigation
import MailModel

/// A folder of investigation files tested against labelled samples (§11).
///
/// Layout:
/// ```
/// SUITE/
///   suite.yaml                 optional: name, samples, mailbox
///   invoice-lure.yaml          an investigation with an `expect:` block
///   password-reset.yaml        an investigation ...
///   password-reset.expect.yaml ... with its expectations in a sidecar
///   more/phish.yaml            subfolders are searched too
///   samples/                   labelled sample mail (EML, mbox, Maildir, Graph JSON)
/// ```
/// Investigation files are the `.yaml`, `.yml` and `.json` files below the suite folder, except
/// `suite.*`, sidecars (`*.expect.*`), hidden files and folders, the samples folders (and any folder
/// named `samples`), and subfolders with their own `suite.yaml` (separate suites).
public struct RuleSuite: Sendable {
    /// The suite's name (JUnit `testsuite`): `name` of suite.yaml, else the folder's name.
    public var name: String
    /// The suite folder, as given (tidied).
    public var root: String
    /// The suite file, when there is one.
    public var configPath: String?
    /// Sample paths (joined with the suite folder): suite.yaml's `samples`, else `samples/` when it
    /// exists; empty when neither.
    public var samples: [String]
    /// The mailbox samples are attributed to when their files do not say (suite.yaml `mailbox`).
    public var mailbox: String?
    /// The investigation files, sorted.
    public var investigations: [String]
    /// Problems with the suite itself (an invalid suite.yaml, a samples folder that does not exist).
    public var errors: [String]

    public init(name: String, root: String, configPath: String? = nil, samples: [String] = [], mailbox: String? = nil, investigations: [String] = [], errors: [String] = []) {
        self.name = name
        self.root = root
        self.configPath = configPath
        self.samples = samples
        self.mailbox = mailbox
        self.investigations = investigations
        self.errors = errors
    }

    /// The suite file names looked for in a folder.
    public static let configNames = ["suite.yaml", "suite.yml", "suite.json"]
    /// The conventional samples folder.
    public static let conventionalSamples = "samples"
    static let configKeys = ["name", "samples", "mailbox"]
}

/// Finds the suites named on the command line.
public enum SuiteDiscovery {
    /// The suites of `arguments` (folders or investigation files), in argument order, and the
    /// arguments that could not be used (one printable line each).
    ///
    /// - A folder is a suite, and each subfolder with its own suite file is another.
    /// - An investigation file is tested alone, in the suite of the nearest folder above it that has a
    ///   suite file (else its own folder); several files of one suite are grouped.
    public static func discover(_ arguments: [String]) -> (suites: [RuleSuite], errors: [String]) {
        var suites: [RuleSuite] = []
        var errors: [String] = []
        var fileSuiteIndex: [String: Int] = [:]
        for argument in arguments {
            let path = PathText.normalize(argument)
            let (exists, isFolder) = PathText.exists(path)
            guard exists else {
                errors.append("\(argument): error: [\(RuleTestCode.notFound)] no such file or folder")
                continue
            }
            if isFolder {
                let found = folderSuites(path)
                if found.allSatisfy({ $0.investigations.isEmpty }) {
                    errors.append("\(argument): error: [\(RuleTestCode.noInvestigations)] no investigation files (.yaml, .yml, .json) in this folder")
                    continue
                }
                suites += found.filter { !$0.investigations.isEmpty || !$0.errors.isEmpty }
            } else {
                let root = suiteRoot(forFile: path)
                if let index = fileSuiteIndex[root] {
                    if !suites[index].investigations.contains(path) { suites[index].investigations.append(path) }
                } else {
                    var suite = configuredSuite(root)
                    suite.investigations = [path]
                    fileSuiteIndex[root] = suites.count
                    suites.append(suite)
                }
            }
        }
        return (suites, errors)
    }

    /// The suite of a folder and of its subfolders that have their own suite file.
    static func folderSuites(_ root: String) -> [RuleSuite] {
        var suite = configuredSuite(root)
        var nested: [String] = []
        var files: [String] = []
        walk(root, isRoot: true, suite: suite, files: &files, nested: &nested)
        suite.investigations = files.sorted()
        return [suite] + nested.sorted().flatMap(folderSuites)
    }

    private static func walk(_ folder: String, isRoot: Bool, suite: RuleSuite, files: inout [String], nested: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = PathText.join(folder, name)
            let (_, isFolder) = PathText.exists(path)
            if isFolder {
                if name == RuleSuite.conventionalSamples || suite.samples.contains(where: { PathText.normalize($0) == path }) { continue }
                if RuleSuite.configNames.contains(where: { PathText.exists(PathText.join(path, $0)).exists }) {
                    nested.append(path)
                    continue
                }
                walk(path, isRoot: false, suite: suite, files: &files, nested: &nested)
            } else if isInvestigationFileName(name), !(isRoot && RuleSuite.configNames.contains(name)), !looksLikeMailJSON(path) {
                files.append(path)
            }
        }
    }

    /// Whether a `.json` file is sample mail (a Graph message, page or array) rather than an
    /// investigation: valid JSON that is an array, or an object without `filters` or `name` that has a
    /// Graph key. Anything else stays an investigation, so a broken investigation is reported, never
    /// skipped.
    static func looksLikeMailJSON(_ path: String) -> Bool {
        guard path.lowercased().hasSuffix(".json"), let bytes = try? ReadOnlyFile.read(path, maxBytes: (64 << 20) - 1),
            let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        else { return false }
        if value is [Any] { return true }
        guard let object = value as? [String: Any] else { return false }
        let keys = Set(object.keys.map { $0.lowercased() })
        if keys.contains("filters") || keys.contains("name") { return false }
        return !keys.isDisjoint(with: ["@odata.context", "value", "internetmessageid", "subject", "body", "from", "torecipients", "error"])
    }

    /// `.yaml`, `.yml` or `.json`, not a sidecar and not a suite file.
    public static func isInvestigationFileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else { return false }
        return !RuleInvestigationFile.isSidecar(name) && !RuleSuite.configNames.contains(lower)
    }

    /// The nearest folder at or above the file's folder that has a suite file, else the file's folder.
    static func suiteRoot(forFile path: String) -> String {
        let start = PathText.folder(of: path)
        var folder = start
        while true {
            if RuleSuite.configNames.contains(where: { PathText.exists(PathText.join(folder, $0)).exists }) { return folder }
            if folder == "." || folder == "/" { break }
            let parent = PathText.folder(of: folder)
            if parent == folder || parent.hasSuffix("..") { break }
            folder = parent
        }
        return start
    }

    /// A suite rooted at `root`, with its suite file read (investigations not yet listed).
    static func configuredSuite(_ root: String) -> RuleSuite {
        let folderName = PathText.fileName(root == "." ? FileManager.default.currentDirectoryPath : root)
        var suite = RuleSuite(name: folderName.isEmpty ? "suite" : folderName, root: root)
        let conventional = PathText.join(root, RuleSuite.conventionalSamples)
        guard let config = RuleSuite.configNames.map({ PathText.join(root, $0) }).first(where: { PathText.exists($0).exists }) else {
            if PathText.exists(conventional).exists { suite.samples = [conventional] }
            return suite
        }
        suite.configPath = config
        switch YAMLFile.read(config) {
        case .failure(let error):
            suite.errors.append(error.description)
            return suite
        case .success(let node):
            var parser = ExpectationsParser(path: config, baseFolder: root)
            var samples: [String]?
            if let node, !node.isNull {
                if let fields = parser.mappingFields(node, allowed: RuleSuite.configKeys, what: "the suite file", code: RuleTestCode.suiteUnknownKey) {
                    for (name, _, value) in fields {
                        switch name {
                        case "name": if let s = parser.text(value, key: name) { suite.name = s }
                        case "mailbox": suite.mailbox = parser.text(value, key: name)
                        case "samples": samples = parser.texts(value, key: name)?.map { PathText.join(root, $0) }
                        default: break
                        }
                    }
                }
            }
            suite.errors += parser.errors.map(\.description)
            if let samples {
                suite.samples = samples
                for sample in samples where !PathText.exists(sample).exists {
                    suite.errors.append(RuleTestFileError(
                        code: RuleTestCode.noSamples, message: "the samples path '\(sample)' does not exist", path: config).description)
                }
            } else if PathText.exists(conventional).exists {
                suite.samples = [conventional]
            }
        }
        return suite
    }
}
