import ArgumentParser
import MailModel
import Investigation
import Triage

/// `dragnet draft MESSAGE [--output FILE]` (§15): a starter investigation from one reported message.
struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft an investigation from one reported phishing message (EML, Outlook .msg, or one Graph JSON message).",
        discussion: """
            Picks the message's specific indicators — the sender (its domain only when it is the attacker's), \
            the subject, the Message-ID, link hosts that are not widely shared (whole links through shorteners \
            and shared hosts), attachment SHA-256 and names, the first external sending IP — each commented with \
            where it came from; match any; action warn. A forward of the phish as an attached message is drafted \
            from the attached message. Exit status: 0 the draft was written; 1 it could not be written; 2 bad \
            arguments, or a file that is not one readable message.
            """
    )

    @Option(help: "Write the investigation to this file instead of standard output.")
    var output: String?

    @Option(help: "The mailbox the message was reported from or delivered to (its domain is the organisation's), when the file's folder does not name it.")
    var mailbox: String?

    @Flag(help: "Draft from the reported message itself even when it carries one attached message (do not unwrap a forward).")
    var noUnwrap = false

    @Argument(help: "The reported message: an EML/MIME file, or a Graph JSON file holding one message.")
    var message: String

    func validate() throws {
        if let output {
            if OutputSafety.isSameFile(output, as: [message]) {
                throw ValidationError("refusing to overwrite '\(output)', which is the reported message; choose --output elsewhere")
            }
        }
    }

    func run() throws {
        let draft: Draft
        do {
            draft = try Draft.make(path: message, mailbox: mailbox, unwrap: !noUnwrap)
        } catch {
            throw CommandFailure([error], status: .invalidInput)
        }
        let text = draft.yaml
        // The draft must be a valid investigation: check it as `validate --investigation` would.
        do {
            _ = try InvestigationFile.parse(text: text, path: output ?? "<draft>", fileSHA256: "")
        } catch {
            throw CommandFailure(error.errors.map { problem in
                LocatedError(
                    code: CommandCode.internalError, message: "the draft is not a valid investigation: [\(problem.code)] \(problem.message)",
                    path: problem.path, line: problem.line, column: problem.column)
            }, status: .failure)
        }
        if let output {
            try OutputFile.write(Array(text.utf8), to: output)
            let count = draft.indicators.count
            StandardStream.output.write(Array("\(output): drafted \(count) indicator\(count == 1 ? "" : "s") from \(draft.reported.origin)\n".utf8))
        } else {
            StandardStream.output.write(Array(text.utf8))
        }
        StandardStream.output.flush()
    }
}
