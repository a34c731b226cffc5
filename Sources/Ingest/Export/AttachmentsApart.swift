package import GraphExport
package import MailModel

/// The attachments of a Graph message that the export saved apart from it — attachments pages
/// (`GET …/messages/{id}/attachments`) and single attachments, in any file of the export — as the
/// first pass found them (``AttachmentIndex``): where each one is, not its content. They are read
/// when the message is normalized (``read(excluding:)``), on the worker that normalizes it.
package struct AttachmentsApart: Sendable {
    /// Where each attachment is, in the order the walk met them (pages in file order).
    package var addresses: [GraphValueAddress]
    /// Whether a page of the message's attachments has an `@odata.nextLink` that no page in the
    /// export answers: the list is incomplete.
    package var isIncomplete: Bool
    /// Where the first page (or attachment) is: for the diagnostic of an incomplete list.
    package var firstPlace: SourceLocation

    /// One attachment read again, with where it is.
    package struct Attachment: Sendable {
        package var attachment: GraphAttachment
        /// Its file and JSON pointer (JSON Lines: and line).
        package var source: MessageSource
        /// How reports, evidence and `inspect` name its place: `path#pointer` (RFC 6901 fragment),
        /// `path:line#pointer` in a JSON Lines file.
        package var reference: String
    }

    /// What reading them gave.
    package struct Reading: Sendable {
        package var attachments: [Attachment] = []
        /// Problems of the attachments (pointers into their own files) and of reading them.
        package var diagnostics: [Diagnostic] = []
        /// The list is incomplete (a next page is missing): a filter that finds nothing cannot decide.
        package var isIncomplete = false
    }

    /// Reads every attachment again, leaving out those whose `id` is in `excluding` (the message's
    /// own expanded attachments) or was already read (a page saved twice).
    package func read(excluding: Set<String> = []) -> Reading {
        var reading = Reading()
        reading.isIncomplete = isIncomplete
        var seen = excluding
        for (address, result) in zip(addresses, GraphValueAddress.readAttachments(addresses)) {
            let source = MessageSource(format: "graph-json", path: address.path, pointer: address.location.pointer, line: address.location.jsonLine)
            switch result {
            case .success(let attachment?):
                if let id = attachment.id.value, !id.isEmpty, !seen.insert(id).inserted { continue }
                reading.attachments.append(Attachment(attachment: attachment, source: source, reference: Self.reference(source)))
                reading.diagnostics += attachment.diagnostics.map { ExportScan.diagnostic($0, path: address.path) }
            case .success(nil):
                reading.diagnostics.append(Diagnostic(
                    code: GraphDiagnostic.Code.attachmentsUnreadable.diagnosticCode,
                    message: "the attachment found here by the first pass is no longer there (the file changed during the run); it was not read",
                    location: Self.location(address)))
            case .failure(let error):
                reading.diagnostics.append(Diagnostic(
                    code: GraphDiagnostic.Code.attachmentsUnreadable.diagnosticCode,
                    message: "an attachment of this message saved apart could not be read again: \(error.message)",
                    location: Self.location(address)))
            }
        }
        if isIncomplete {
            reading.diagnostics.append(Diagnostic(
                code: GraphDiagnostic.Code.attachmentsIncomplete.diagnosticCode,
                message: "the message's attachments page has an @odata.nextLink, but the export holds no next page: its attachment list is incomplete, so attachment filters that find nothing cannot decide",
                location: firstPlace))
        }
        return reading
    }

    /// `path#pointer`, or `path:line#pointer` for JSON Lines.
    static func reference(_ source: MessageSource) -> String {
        source.path + (source.line.map { ":\($0)" } ?? "") + "#" + (source.pointer ?? "")
    }

    static func location(_ address: GraphValueAddress) -> SourceLocation {
        SourceLocation(path: address.path, byteOffset: address.location.byteOffset, line: address.location.line, column: address.location.column, pointer: address.location.pointer)
    }
}
