import ArgumentParser
import Foundation

/// Mistakes ArgumentParser would report in a misleading way, found before it parses: a misspelled
/// subcommand ("unknown command 'investigte'; did you mean 'investigate'?") and a single-valued
/// option given twice (ArgumentParser would silently keep the last). What the commands accept is
/// read from their definitions (ArgumentParser's tool description), so no list is kept here.
enum ArgumentCheck {
    /// The first problem with `arguments` (without the program name), or nil.
    static func problem(in arguments: [String]) -> String? {
        // ArgumentParser's own `--generate-completion-script SHELL` (not in the tool description): its
        // value is not a command.
        if arguments.first == "--generate-completion-script" { return nil }
        // The tool description costs milliseconds (the whole help, as JSON): most command lines name a
        // known command and no option twice, and need none of it.
        if isPlainlyWellFormed(arguments) { return nil }
        guard let tool = ToolDescription.current else { return nil }
        guard let first = arguments.first(where: { !$0.hasPrefix("-") }) else { return nil }
        // Options of the root command (`--help`, `--version`) come before a subcommand.
        guard let command = tool.subcommands.first(where: { $0.name == first }) else {
            guard first != "help" else { return nil }
            let names = tool.subcommands.map(\.name)
            if let near = closest(first, among: names) { return "unknown command '\(first)'; did you mean '\(near)'?" }
            return "unknown command '\(first)'; the commands are \(names.joined(separator: ", "))"
        }
        var counts: [String: Int] = [:]
        let start = arguments.firstIndex(of: first)! + 1
        var index = start
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            index += 1
            guard argument.hasPrefix("-"), argument != "-" else { continue }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard let option = command.options[name] else { continue }
            if option.takesValue, !argument.contains("=") { index += 1 }
            guard option.takesValue, !option.isRepeating else { continue }
            counts[option.preferred, default: 0] += 1
            if counts[option.preferred]! == 2 { return "'\(option.preferred)' is given more than once; it takes one value" }
        }
        return nil
    }

    /// Whether `arguments` name a known command and give no option twice, counting names alone (a
    /// short option could stand for a long one: then the description decides).
    private static func isPlainlyWellFormed(_ arguments: [String]) -> Bool {
        guard let first = arguments.first(where: { !$0.hasPrefix("-") }) else { return true }
        let commands = DragnetCommand.configuration.subcommands.map { $0._commandName }
        guard commands.contains(first) else { return false }
        var seen = Set<Substring>()
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("-"), argument != "-" else { continue }
            guard argument.hasPrefix("--") else { return false }
            let name = argument.split(separator: "=", maxSplits: 1)[0]
            if !seen.insert(name).inserted { return false }
        }
        return true
    }

    /// The name within edit distance 2 (or a third of its length) of `word`, if any; the nearest wins.
    static func closest(_ word: String, among names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(2, $0.0.count / 3) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance (insertions, deletions, substitutions), by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The subcommands and their options, as ArgumentParser describes them (`--experimental-dump-help`).
struct ToolDescription {
    struct Option {
        var preferred: String
        var takesValue: Bool
        var isRepeating: Bool
    }

    struct Command {
        var name: String
        /// By every name (`--jobs`, `-h`).
        var options: [String: Option]
    }

    var subcommands: [Command]

    static let current: ToolDescription? = {
        guard let tool = try? JSONSerialization.jsonObject(with: Data(DragnetCommand._dumpHelp().utf8)) as? [String: Any],
              let root = tool["command"] as? [String: Any]
        else { return nil }
        let commands = (root["subcommands"] as? [[String: Any]] ?? []).compactMap { command -> Command? in
            guard let name = command["commandName"] as? String else { return nil }
            var options: [String: Option] = [:]
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let kind = argument["kind"] as? String
                guard kind == "option" || kind == "flag" else { continue }
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                    guard let text = name["name"] as? String else { return nil }
                    return (name["kind"] as? String == "long" ? "--" : "-") + text
                }
                guard let preferred = names.last else { continue }
                let option = Option(preferred: preferred, takesValue: kind == "option", isRepeating: argument["isRepeating"] as? Bool ?? false)
                for name in names { options[name] = option }
            }
            return Command(name: name, options: options)
        }
        return ToolDescription(subcommands: commands)
    }()
}
