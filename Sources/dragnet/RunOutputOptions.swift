import ArgumentParser
private import Glibc

/// What a run says on stderr besides its errors: `--quiet`, `--verbose`, `--progress`/`--no-progress`.
struct RunOutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Say nothing on stderr but errors: no progress, no warning summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "List every diagnostic of the run on stderr (one compiler-style line each) instead of a summary by code.")
    var verbose = false

    @Flag(inversion: .prefixedNo, help: "Show progress on stderr (default: only when stderr is a terminal).")
    var progress: Bool?

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot go together") }
    }

    /// Whether a progress line is shown: `--progress`/`--no-progress`, else whether stderr is a terminal.
    var showsProgress: Bool {
        if let progress { return progress }
        return !quiet && isatty(2) == 1
    }
}

/// `--stdin-max-bytes`: the most of standard input (`-` as an input) read into memory.
struct StandardInputOption: ParsableArguments {
    @Option(name: .customLong("stdin-max-bytes"), parsing: .unconditional, help: ArgumentHelp("The most of standard input ('-' as an input) read into memory (default: 4294967296, 4 GiB).", valueName: "bytes"))
    var stdinMaxBytes: Int?

    func validate() throws {
        if let stdinMaxBytes, stdinMaxBytes < 1 { throw ValidationError("invalid value '\(stdinMaxBytes)' for '--stdin-max-bytes': give 1 or more") }
    }
}
