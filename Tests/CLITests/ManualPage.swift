import Foundation

/// Writes `docs/dragnet.1` (a man(7) page) from dragnet's command definitions, as swift-argument-parser
/// dumps them (`dragnet --experimental-dump-help`): every command with its abstract and discussion,
/// every option, flag and argument with its help, values and default. The prose around them (shell
/// completion, files, see also) is fixed here. Deterministic: no date, no machine-dependent value.
///
/// `ManualPageTests` compares the page with `docs/dragnet.1`; `RECORD_GOLDENS=1` rewrites it.
enum ManualPage {
    /// The parts of swift-argument-parser's help dump (`ToolInfoV0`) the page uses.
    struct ToolInfo: Decodable {
        var command: Command
    }

    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var kind: String
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var discussion: String?
        var defaultValue: String?
        var allValues: [String]?
        var isOptional: Bool
        var isRepeating: Bool
        var shouldDisplay: Bool
    }

    static func render(dump: Data) throws -> String {
        let root = try JSONDecoder().decode(ToolInfo.self, from: dump).command
        let commands = (root.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
        var page: [String] = [
            ".\\\" Generated from dragnet's command definitions (dragnet --experimental-dump-help) by",
            ".\\\" Tests/CLITests/ManualPage.swift. Do not edit; regenerate with",
            ".\\\" RECORD_GOLDENS=1 swift test --filter ManualPageTests",
            ".TH DRAGNET 1 \"\" \"Dragnet\" \"User Commands\"",
            ".SH NAME",
            "dragnet \\- " + text(root.abstract ?? ""),
            ".SH SYNOPSIS",
        ]
        for command in commands {
            page += [".B dragnet \(command.commandName)", usage(command), ".br"]
        }
        page += [".B dragnet", "\\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR | \\fB\\-\\-generate\\-completion\\-script\\fR \\fIbash\\fR|\\fIzsh\\fR|\\fIfish\\fR"]
        page += [
            ".SH DESCRIPTION",
            text(root.abstract ?? ""),
            "Dragnet reads Microsoft Graph JSON, EML/MIME, mbox, Maildir, Outlook PST/OST and .msg exports, also inside zip,",
            "tar and gzip archives. It never opens a network connection and never writes beside its inputs.",
            ".PP",
            "Every command takes \\fB\\-\\-help\\fR; \\fBdragnet help\\fR \\fIcommand\\fR prints the same.",
            ".SH COMMANDS",
        ]
        for command in commands {
            page.append(".SS \"dragnet \(command.commandName)\"")
            if let abstract = command.abstract, !abstract.isEmpty { page.append(text(abstract)) }
            for paragraph in paragraphs(command.discussion) { page += [".PP", text(paragraph)] }
            for argument in displayed(command) {
                page += [".TP", term(argument)]
                var help = text(argument.abstract ?? "")
                for paragraph in paragraphs(argument.discussion) { help += "\n" + text(paragraph) }
                if let values = argument.allValues, !values.isEmpty, argument.kind != "flag" {
                    help += "\nValues: " + values.map { "\\fI\(text($0))\\fR" }.joined(separator: ", ") + "."
                }
                if let value = argument.defaultValue, !value.isEmpty { help += "\nDefault: \\fI\(text(value))\\fR." }
                if argument.isRepeating && argument.kind != "positional" { help += "\nMay be given more than once." }
                page.append(help)
            }
        }
        page += [
            ".SH SHELL COMPLETION",
            "\\fBdragnet \\-\\-generate\\-completion\\-script\\fR \\fIshell\\fR prints a completion script for \\fIbash\\fR, \\fIzsh\\fR or \\fIfish\\fR.",
            "The release tarball (scripts/package\\-release.sh) carries them as completions/dragnet.bash,",
            "completions/_dragnet and completions/dragnet.fish. For example:",
            ".PP",
            ".nf",
            ".RS",
            "dragnet \\-\\-generate\\-completion\\-script bash > /etc/bash_completion.d/dragnet",
            "dragnet \\-\\-generate\\-completion\\-script zsh > /usr/local/share/zsh/site\\-functions/_dragnet",
            "dragnet \\-\\-generate\\-completion\\-script fish > ~/.config/fish/completions/dragnet.fish",
            ".RE",
            ".fi",
            ".SH DIAGNOSTICS",
            "Diagnostics and errors print like a compiler's, \\fIpath\\fR:\\fIline\\fR: \\fIseverity\\fR: [\\fIcode\\fR] \\fImessage\\fR;",
            "a problem with no file is placed at \\fBdragnet:\\fR. Control characters from the evidence are shown as pictures.",
            ".SH SEE ALSO",
            "The README.md of the Dragnet sources: inputs, investigation files, reports, rule testing, known limits.",
        ]
        return page.joined(separator: "\n") + "\n"
    }

    /// The arguments a command's help shows, without the `--help` and `--version` every command has.
    static func displayed(_ command: Command) -> [Argument] {
        (command.arguments ?? []).filter { argument in
            argument.shouldDisplay && !(argument.names ?? []).contains { $0.name == "help" || $0.name == "version" }
        }
    }

    /// `\fB\-\-investigation\fR \fIinvestigation\fR [\fB\-\-format\fR \fIformat\fR] \fIpaths\fR ...`
    static func usage(_ command: Command) -> String {
        displayed(command).map { argument in
            var part = term(argument)
            if argument.isRepeating { part += " ..." }
            return argument.isOptional ? "[\(part)]" : part
        }.joined(separator: " ")
    }

    static func term(_ argument: Argument) -> String {
        let value = "\\fI\(text(argument.valueName ?? "value"))\\fR"
        if argument.kind == "positional" { return value }
        let names = (argument.names ?? []).map { name -> String in
            let dashes = name.kind == "long" ? "\\-\\-" : "\\-"
            return "\\fB\(dashes)\(text(name.name))\\fR"
        }.joined(separator: ", ")
        return argument.kind == "option" ? "\(names) \(value)" : names
    }

    static func paragraphs(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Text escaped for roff: backslashes and hyphens, characters beyond ASCII as `\[uXXXX]` (the
    /// page is ASCII), and a line that would start with a control character (`.` or `'`) made literal.
    static func text(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            case _ where scalar.value > 0x7E:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
        }.joined(separator: "\n")
    }
}
