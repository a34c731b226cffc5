import ArgumentParser

/// The `dragnet` command: offline phishing investigations over exported mailboxes.
@main
struct DragnetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dragnet",
        abstract: "Offline phishing investigations over exported mailboxes.",
        version: DragnetVersion.current,
        subcommands: [InspectCommand.self]
    )
}

/// The tool version printed by `--version` and recorded in reports.
enum DragnetVersion {
    static let current = "0.1.0"
}
