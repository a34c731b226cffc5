import Foundation
import Testing

/// `docs/dragnet.1` is generated from the command definitions (``ManualPage``) and must be up to date:
/// a changed option, help text or command without a regenerated page fails here.
@Suite("Manual page")
struct ManualPageTests {
    static let path = InspectCommandTests.packageRoot.appendingPathComponent("docs/dragnet.1")

    @Test("docs/dragnet.1 is what the command definitions generate (RECORD_GOLDENS=1 rewrites it)")
    func upToDate() throws {
        let dump = try Dragnet.run(["--experimental-dump-help"])
        try #require(dump.status == 0, "\(dump.stderr)")
        let page = try ManualPage.render(dump: Data(dump.stdout.utf8))
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try Data(page.utf8).write(to: Self.path)
        }
        let committed = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(committed == page, "docs/dragnet.1 is out of date: RECORD_GOLDENS=1 swift test --filter ManualPageTests")
    }

    @Test("the page documents every command and every option the help shows")
    func complete() throws {
        let page = try String(contentsOf: Self.path, encoding: .utf8)
        let dump = try Dragnet.run(["--experimental-dump-help"])
        let root = try JSONDecoder().decode(ManualPage.ToolInfo.self, from: Data(dump.stdout.utf8)).command
        for command in root.subcommands ?? [] where command.commandName != "help" {
            #expect(page.contains(".SS \"dragnet \(command.commandName)\""), "\(command.commandName)")
            for argument in ManualPage.displayed(command) {
                for name in argument.names ?? [] where name.kind == "long" {
                    #expect(page.contains("\\fB\\-\\-\(name.name.replacingOccurrences(of: "-", with: "\\-"))\\fR"), "\(command.commandName) --\(name.name)")
                }
            }
        }
        #expect(!page.contains("§"), "no references to the spec's sections")
    }

    @Test("roff: escaped text, and groff formats the page without a warning when it is installed")
    func roff() throws {
        #expect(ManualPage.text(".start") == "\\&.start")
        #expect(ManualPage.text("a-b\\c") == "a\\-b\\ec")
        #expect(ManualPage.text("a — b") == "a \\[u2014] b")
        let groff = ["/usr/bin/groff", "/bin/groff"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let groff else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: groff)
        process.arguments = ["-man", "-Tutf8", "-ww", "-z", Self.path.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(warnings.isEmpty, "\(warnings)")
    }
}
