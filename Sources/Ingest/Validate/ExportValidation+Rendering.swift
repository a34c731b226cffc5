import JSONOutput
import MailModel
import MIME
/// The `validate` report as text for a person and as JSON for scripts. Both are deterministic.
extension ExportValidation {
    /// A human-readable report.
    package func text() -> String {
        var out: [String] = []
        let formats = Self.formatList(totalsByFormat)
        out.append("Export: \(inputs.joined(separator: ", "))")
        out.append("  \(files) file\(files == 1 ? "" : "s") and folders read, \(totalMessages) message\(totalMessages == 1 ? "" : "s")\(formats.isEmpty ? "" : " (" + formats + ")"), \(mailboxes.count) mailbox\(mailboxes.count == 1 ? "" : "es")")
        if totalAttachmentsJoined > 0 || totalFromBatchResponses > 0 {
            out.append("  \(totalAttachmentsJoined) message\(totalAttachmentsJoined == 1 ? "" : "s") with attachments joined from pages saved apart, \(totalFromBatchResponses) read from JSON batching responses")
        }
        out.append("")
        if directory.isEmpty {
            out.append("Directory: none (no users.json or groups.json); scoping by group or department is not possible")
        } else {
            let departments = directory.users.contains { $0.isDepartmentCollected } ? "department collected" : "department NOT collected: scoping by department is not possible"
            out.append("Directory: \(directory.users.count) user\(directory.users.count == 1 ? "" : "s") (\(departments)), \(directory.groups.count) group\(directory.groups.count == 1 ? "" : "s")")
            for group in directory.groups.sorted(by: { $0.name < $1.name }) {
                out.append("  group \(group.name): \(group.members.count) member\(group.members.count == 1 ? "" : "s")")
            }
            let missing = usersWithoutMailbox
            if !missing.isEmpty { out.append("  users without a mailbox in the export: \(missing.joined(separator: ", "))") }
        }
        out.append("")
        out.append("Mailboxes:")
        for box in mailboxes {
            var line = "  \(box.name)"
            if let known = box.isInDirectory { line += known ? "  (in directory)" : "  (NOT in directory)" }
            line += ": \(box.messages) message\(box.messages == 1 ? "" : "s") (\(Self.formatList(box.byFormat)))"
            out.append(line)
            out.append("    folders: " + box.byFolder.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            var gaps: [String] = []
            if box.withoutHeaders > 0 {
                gaps.append("headers not collected for \(box.withoutHeaders): filters \(Self.headerFilters.joined(separator: ", ")) cannot search them")
            }
            if box.withoutAttachments > 0 {
                gaps.append("attachments not expanded for \(box.withoutAttachments): attachment filters cannot search them")
            }
            if box.truncated > 0 { gaps.append("\(box.truncated) cut by a depth-truncated export") }
            if box.attachmentsJoined > 0 { gaps.append("attachments joined from pages saved apart for \(box.attachmentsJoined)") }
            if box.fromBatchResponses > 0 { gaps.append("\(box.fromBatchResponses) read from JSON batching responses") }
            if box.protected > 0 {
                gaps.append("encrypted or rights-protected content in \(box.protected) (\(Self.protectionList(box.byProtection))): filters \(Self.bodyFilters.joined(separator: ", ")) cannot search it")
            }
            for gap in gaps { out.append("    " + gap) }
            for duplicate in box.duplicates {
                out.append("    duplicate \(duplicate.messageID) ×\(duplicate.sources.count): \(duplicate.sources.joined(separator: "; "))")
            }
        }
        if mailboxes.isEmpty { out.append("  none") }
        out.append("")
        out.append("Unreadable: \(unreadable.count)")
        for problem in unreadable { out.append("  \(problem.path): [\(problem.code)] \(problem.reason)") }
        if !unrecognised.isEmpty {
            out.append("Unrecognised inputs (not mail): \(unrecognised.count)")
            for problem in unrecognised { out.append("  \(problem.path): \(problem.reason)") }
        }
        if !diagnostics.isEmpty {
            out.append("Problems inside files: \(diagnostics.count)")
            for problem in diagnostics.prefix(50) {
                out.append("  \(problem.path)\(problem.location.map { " (\($0))" } ?? ""): [\(problem.code)] \(problem.reason)")
            }
            if diagnostics.count > 50 { out.append("  ... \(diagnostics.count - 50) more (use --format json)") }
        }
        if messagesWithDefects > 0 {
            out.append("Malformed messages read with defects: \(messagesWithDefects)")
            for (code, count) in defectsByCode.sorted(by: { $0.key < $1.key }) { out.append("  \(code): \(count)") }
        }
        // Names and reasons come from the evidence: each line is shown, not interpreted, by the terminal.
        return out.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }

    /// The report as one JSON document.
    package func json() -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("inputs"); w.beginArray(); for input in inputs { w.string(input) }; w.endArray()
        w.field("files", files)
        w.field("messages", totalMessages)
        w.key("messagesByFormat"); Self.writeCounts(&w, totalsByFormat)
        w.field("messagesWithAttachmentsJoined", totalAttachmentsJoined)
        w.field("messagesFromBatchResponses", totalFromBatchResponses)
        w.key("directory")
        w.beginObject()
        w.field("users", directory.users.count)
        w.key("departmentCollected"); w.bool(directory.users.contains { $0.isDepartmentCollected })
        w.key("groups"); w.beginArray()
        for group in directory.groups.sorted(by: { $0.name < $1.name }) {
            w.beginObject(); w.field("name", group.name); w.field("members", group.members.count); w.endObject()
        }
        w.endArray()
        w.key("sources"); w.beginArray(); for source in directory.sources { w.string(source) }; w.endArray()
        w.key("usersWithoutMailbox"); w.beginArray(); for user in usersWithoutMailbox { w.string(user) }; w.endArray()
        w.endObject()
        w.key("mailboxes")
        w.beginArray()
        for box in mailboxes {
            w.beginObject()
            w.field("mailbox", box.name)
            w.key("inDirectory"); if let known = box.isInDirectory { w.bool(known) } else { w.null() }
            w.field("messages", box.messages)
            w.key("byFormat"); Self.writeCounts(&w, box.byFormat)
            w.field("attachmentsJoined", box.attachmentsJoined)
            w.field("fromBatchResponses", box.fromBatchResponses)
            w.key("folders"); Self.writeCounts(&w, box.byFolder)
            w.key("notCollected")
            w.beginObject()
            w.field("headers", box.withoutHeaders)
            w.field("attachments", box.withoutAttachments)
            w.field("truncated", box.truncated)
            w.endObject()
            w.key("protected")
            w.beginObject()
            w.field("messages", box.protected)
            w.key("byProtection"); Self.writeCounts(&w, box.byProtection)
            w.endObject()
            w.key("unsearchable")
            var unsearchable: [String: Int] = [:]
            for filter in Self.headerFilters where box.withoutHeaders > 0 { unsearchable[filter] = box.withoutHeaders }
            for filter in Self.attachmentFilters where box.withoutAttachments > 0 { unsearchable[filter] = box.withoutAttachments }
            for filter in Self.bodyFilters where box.protected > 0 { unsearchable[filter] = box.protected }
            Self.writeCounts(&w, unsearchable)
            w.key("duplicates")
            w.beginArray()
            for duplicate in box.duplicates {
                w.beginObject()
                w.field("messageId", duplicate.messageID)
                w.key("sources"); w.beginArray(); for s in duplicate.sources { w.string(s) }; w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        for (key, problems) in [("unreadable", unreadable), ("unrecognised", unrecognised), ("diagnostics", diagnostics)] {
            w.key(key)
            w.beginArray()
            for problem in problems {
                w.beginObject()
                w.field("path", problem.path)
                w.field("code", problem.code.rawValue)
                w.field("reason", problem.reason)
                if let location = problem.location { w.field("location", location) }
                w.endObject()
            }
            w.endArray()
        }
        w.field("messagesWithDefects", messagesWithDefects)
        w.key("defectsByCode"); Self.writeCounts(&w, defectsByCode)
        w.endObject()
        w.newline()
        return w.bytes
    }

    /// `S/MIME 2, PGP/MIME 1` from counts by ``ContentProtection`` raw value.
    static func protectionList(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\(ContentProtection(rawValue: $0.key)?.displayName ?? $0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func formatList(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func writeCounts(_ w: inout JSONWriter, _ counts: [String: Int]) {
        w.beginObject()
        for (key, value) in counts.sorted(by: { $0.key < $1.key }) { w.field(key, value) }
        w.endObject()
    }
}
