import Testing
@testable import dragnet

/// The long path lists `xargs` makes are set aside before parsing; the options that take a value are
/// read from the command definitions, so an option added to a command never takes a path for its value.
@Suite
struct PathArgumentSplitterTests {
    @Test func valuedOptionsComeFromTheCommandDefinitions() {
        let investigate = PathArgumentSplitter.valuedOptions(of: "investigate")
        #expect(investigate.isSuperset(of: ["--investigation", "--format", "--output", "--mailbox", "--jobs", "--archive-max-depth"]))
        #expect(!investigate.contains("--no-snippets"), "a flag takes no value")
        #expect(PathArgumentSplitter.valuedOptions(of: "test").isSuperset(of: ["--junit", "--jobs"]))
        #expect(PathArgumentSplitter.valuedOptions(of: "validate").isSuperset(of: ["--investigation", "--format", "--mailbox", "--jobs"]))
        #expect(PathArgumentSplitter.valuedOptions(of: "no-such-command").isEmpty)
    }

    @Test func manyPathsAreSetAsideAroundValuedOptions() {
        let paths = (0..<100).map { "box/\($0).eml" }
        let arguments = ["investigate", "--investigation", "rule.yaml"] + paths[..<50] + ["--archive-max-depth", "3", "--no-snippets"] + paths[50...]
        let split = PathArgumentSplitter.split(arguments)
        #expect(split.kept == ["investigate", "--investigation", "rule.yaml", "--archive-max-depth", "3", "--no-snippets", "box/0.eml"])
        #expect(split.extraPaths == Array(paths.dropFirst()))
        // Few paths: everything goes to ArgumentParser as it is.
        #expect(PathArgumentSplitter.split(["inspect", "a.eml", "--jobs", "2"]).kept == ["inspect", "a.eml", "--jobs", "2"])
    }
}
