import ArgumentParser
private import Glibc

/// The `dragnet` command: offline phishing investigations over exported mailboxes.
@main
struct DragnetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dragnet",
        abstract: "Offline phishing investigations over exported mailboxes.",
        version: DragnetVersion.current,
        subcommands: [
            InvestigateCommand.self, WatchCommand.self, InspectCommand.self, ValidateCommand.self, TestCommand.self, DiffCommand.self,
            DraftCommand.self, PlanCommand.self, MergeCommand.self,
        ]
    )

    /// Parses the command line and runs the subcommand. Long lists of path arguments (thousands, from
    /// `xargs`) are set aside before parsing and handed back afterwards, because ArgumentParser's
    /// handling of positional values grows quadratically with their number.
    static func main() {
        // A closed pipe is a write error reported with exit status 1, not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let split = PathArgumentSplitter.split(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(split.kept)
            if !split.extraPaths.isEmpty, var takesPaths = command as? any PathTakingCommand {
                takesPaths.paths += split.extraPaths
                command = takesPaths
            }
            try command.run()
            StandardStream.finishOutput()
        } catch {
            // §9: bad arguments exit with status 2 (ArgumentParser's default is EX_USAGE, 64).
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                StandardStream.error.write(Array((message.hasSuffix("\n") ? message : message + "\n").utf8))
                Glibc.exit(2)
            }
            StandardStream.finishOutput()
            exit(withError: error)
        }
    }
}

/// A subcommand whose positional arguments are input paths.
protocol PathTakingCommand: ParsableCommand {
    var paths: [String] { get set }
}

/// Sets aside all but the first positional path of a subcommand when there are many of them.
enum PathArgumentSplitter {
    /// Options of any subcommand that take a value (their value is not a path).
    static let optionsWithValues: Set<String> = Set(
        [
            "--format", "--jobs", "--mailbox", "--investigation", "--output", "--junit", "--state", "--events", "--report-dir", "--for",
            "--interval", "--rounds", "--test-kill-after-items", "--test-item-pause", "--shard", "--investigation-as",
        ] + ArchiveOptions.names)
    /// Below this many positional paths, everything goes through ArgumentParser unchanged.
    static let threshold = 64

    static func split(_ arguments: [String]) -> (kept: [String], extraPaths: [String]) {
        guard arguments.count > threshold, let subcommand = arguments.firstIndex(where: { !$0.hasPrefix("-") }) else {
            return (arguments, [])
        }
        var kept = Array(arguments[...subcommand])
        var paths: [String] = []
        var index = subcommand + 1
        var afterTerminator = false
        while index < arguments.count {
            let argument = arguments[index]
            if afterTerminator || !argument.hasPrefix("-") || argument == "-" {
                paths.append(argument)
            } else if argument == "--" {
                afterTerminator = true
            } else {
                kept.append(argument)
                if optionsWithValues.contains(argument), index + 1 < arguments.count {
                    index += 1
                    kept.append(arguments[index])
                }
            }
            index += 1
        }
        guard paths.count > threshold else { return (arguments, []) }
        kept.append(paths[0])
        return (kept, Array(paths.dropFirst()))
    }
}

/// The tool version printed by `--version` and recorded in reports.
enum DragnetVersion {
    static let current = "0.1.0"
}
