import ArgumentParser
import Foundation
import MailModel
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
        // A closed pipe (`dragnet ... | head -1`) is seen as EPIPE on a write and ends the run quietly
        // with status 141 (StandardStream.endQuietlyOnClosedPipe), after temporary files are removed.
        signal(SIGPIPE, SIG_IGN)
        AllocatorTuning.apply()
        InterruptHandling.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let problem = ArgumentCheck.problem(in: arguments) { invalidArguments(problem + "\n  See 'dragnet --help' for more information.") }
        let split = PathArgumentSplitter.split(arguments)
        do {
            var command = try parseAsRoot(split.kept)
            if !split.extraPaths.isEmpty, var takesPaths = command as? any PathTakingCommand {
                takesPaths.paths += split.extraPaths
                command = takesPaths
            }
            try command.run()
            StandardStream.finishOutput()
        } catch let failure as CommandFailure {
            fail(failure.errors, status: failure.status)
        } catch let error as LocatedError {
            fail([error], status: .failure)
        } catch {
            // §9: bad arguments exit with status 2 (ArgumentParser's default is EX_USAGE, 64), said
            // like every other error: `dragnet: error: [cli.invalid-arguments] ...`, then the usage.
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                invalidArguments(message)
            }
            StandardStream.finishOutput()
            exit(withError: error)
        }
    }

    /// Prints a bad-arguments message (its first line compiler-style) and exits with status 2.
    static func invalidArguments(_ message: String) -> Never {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] = LocatedError(code: CommandCode.invalidArguments, message: lines[0], path: CompilerStyleLine.programName).description
        let text = lines.joined(separator: "\n")
        StandardStream.error.write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
        Glibc.exit(ExitStatus.invalidInput.rawValue)
    }

    /// Prints each problem on stderr and exits with `status`.
    static func fail(_ errors: [LocatedError], status: ExitStatus) -> Never {
        ProgressLine.clearLine()
        StandardStream.finishOutput()
        for error in errors { StandardStream.error.write(Array((error.description + "\n").utf8)) }
        Glibc.exit(status.rawValue)
    }
}

/// A subcommand whose positional arguments are input paths.
protocol PathTakingCommand: ParsableCommand {
    var paths: [String] { get set }
}

/// Sets aside all but the first positional path of a subcommand when there are many of them.
enum PathArgumentSplitter {
    /// Below this many positional paths, everything goes through ArgumentParser unchanged.
    static let threshold = 64

    /// The options of `subcommand` that take a value (their value is not a path), read from the
    /// command definitions: ArgumentParser's description of the tool (what `--experimental-dump-help`
    /// prints), so an option added to a command is known here without a list to keep.
    static func valuedOptions(of subcommand: String) -> Set<String> {
        guard let tool = try? JSONSerialization.jsonObject(with: Data(DragnetCommand._dumpHelp().utf8)) as? [String: Any],
              let root = tool["command"] as? [String: Any],
              let command = (root["subcommands"] as? [[String: Any]])?.first(where: { $0["commandName"] as? String == subcommand })
        else { return [] }
        var names: Set<String> = []
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let text = name["name"] as? String else { continue }
                names.insert((name["kind"] as? String == "long" ? "--" : "-") + text)
            }
        }
        return names
    }

    static func split(_ arguments: [String]) -> (kept: [String], extraPaths: [String]) {
        guard arguments.count > threshold, let subcommand = arguments.firstIndex(where: { !$0.hasPrefix("-") }) else {
            return (arguments, [])
        }
        let optionsWithValues = valuedOptions(of: arguments[subcommand])
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
