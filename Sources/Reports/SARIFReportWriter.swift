public import Investigation
import JSONOutput
import MailModel

/// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), so that code-scanning viewers and
/// CI systems can show, triage and diff matches (§9, §11).
///
/// One run, whose tool is `dragnet`:
/// - `tool.driver.rules`: one rule for the investigation (`id` = its name as a slug, e.g.
///   `invoice-lure-november`), then one per condition (`<slug>/f1`, ...; `shortDescription` = the
///   condition's label, `properties` = field, operator, values and position in the investigation file);
/// - `results`: one per match, in report order: `ruleId` = the investigation's rule; `level` from the
///   planned action (`error` for delete / move to trash, `warning` for warn, `note` for none);
///   `message` names the filters that matched; `locations[0]` is the source file (a relative URI,
///   percent-escaped; absolute paths become `file://` URIs) with `region.byteOffset` for an mbox
///   message, `region.startLine` for a JSON Lines message, and a `logicalLocations` entry holding the
///   JSON pointer of a Graph message; `partialFingerprints` identify the item (`dragnet/source/v1`:
///   format, path and position) and the message (`dragnet/message/v1`: mailbox and Message-ID) for
///   stable diffing; `properties` hold mailbox, folder, messageId, date, from, subject,
///   matchedFilters (id and label), evidence, plannedAction and caveats;
/// - `invocations[0]`: the run's start time, and every report diagnostic as a tool execution
///   notification.
///
/// Deterministic like the other writers: only `invocations[0].startTimeUtc` varies between runs.
public struct SARIFReportWriter: ReportWriter {
    public init() {}

    /// The SARIF 2.1.0 schema URI written as `$schema`.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public var format: ReportFormat { .sarif }

    public func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8] {
        var w = JSONWriter(capacity: 16 * 1024, prettyDepth: 0)
        let inv = report.investigation
        let ruleId = Self.slug(inv.name)
        w.beginObject()
        w.field("$schema", Self.schemaURI)
        w.field("version", "2.1.0")
        w.key("runs")
        w.beginArray()
        w.beginObject()

        // tool
        w.key("tool")
        w.beginObject()
        w.key("driver")
        w.beginObject()
        w.field("name", "dragnet")
        w.field("version", report.run.toolVersion)
        w.field("semanticVersion", report.run.toolVersion)
        w.key("rules")
        w.beginArray()
        w.beginObject()
        w.field("id", ruleId)
        w.field("name", inv.name)
        Self.text(&w, "shortDescription", inv.name)
        Self.text(&w, "fullDescription", inv.description ?? "Investigation \(inv.name) (\(inv.path))")
        Self.defaultLevel(&w, Self.level(inv.action))
        w.key("properties")
        w.beginObject()
        w.field("path", inv.path)
        w.field("sha256", inv.fileSHA256)
        w.field("match", inv.match.rawValue)
        w.field("plannedAction", inv.action.planned)
        w.endObject()
        w.endObject()
        for condition in inv.conditions {
            w.beginObject()
            w.field("id", "\(ruleId)/\(condition.id)")
            w.field("name", condition.id)
            Self.text(&w, "shortDescription", condition.label)
            let position = condition.location.line > 0 ? ":\(condition.location.line):\(condition.location.column)" : ""
            Self.text(&w, "fullDescription", "Filter \(condition.id) of \(inv.name) (\(inv.path)\(position)): \(condition.label)")
            Self.defaultLevel(&w, Self.level(inv.action))
            w.key("properties")
            w.beginObject()
            w.field("field", condition.headerName.map { "header:\($0)" } ?? condition.field.rawValue)
            w.field("op", condition.op.rawValue)
            w.key("values")
            w.beginArray()
            for value in condition.values { w.string(value.text ?? value.description) }
            w.endArray()
            w.key("caseSensitive")
            w.bool(condition.caseSensitive)
            w.field("line", condition.location.line)
            w.field("column", condition.location.column)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()

        // invocation
        w.key("invocations")
        w.beginArray()
        w.beginObject()
        w.key("executionSuccessful")
        w.bool(true)
        w.field("startTimeUtc", report.run.startTime)
        w.key("toolExecutionNotifications")
        w.beginArray()
        for d in report.diagnostics {
            w.beginObject()
            w.field("level", d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note")
            Self.text(&w, "message", d.message)
            w.key("descriptor")
            w.beginObject()
            w.field("id", d.code.rawValue)
            w.endObject()
            if !d.location.path.isEmpty {
                w.key("locations")
                w.beginArray()
                w.beginObject()
                w.key("physicalLocation")
                w.beginObject()
                Self.artifact(&w, d.location.path)
                if d.location.byteOffset != nil || d.location.line != nil {
                    w.key("region")
                    w.beginObject()
                    if let line = d.location.line { w.field("startLine", max(1, line)) }
                    if let column = d.location.column, d.location.line != nil { w.field("startColumn", max(1, column)) }
                    if let offset = d.location.byteOffset { w.field("byteOffset", max(0, offset)) }
                    w.endObject()
                }
                w.endObject()
                if let pointer = d.location.pointer, !pointer.isEmpty { Self.logical(&w, pointer) }
                w.endObject()
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()

        // results
        w.key("results")
        w.beginArray()
        for row in report.matches {
            let filters = row.filters(in: report)
            let described = filters.map { "\($0.id) (\($0.label ?? $0.id))" }.joined(separator: ", ")
            w.beginObject()
            w.field("ruleId", ruleId)
            w.field("ruleIndex", 0)
            w.field("level", Self.level(inv.action))
            var text = "\(inv.name) matched in \(row.mailbox) / \(row.folder)"
            if let subject = row.subject { text += ": \"\(subject)\"" }
            text += filters.isEmpty ? "." : ", for \(described)."
            Self.text(&w, "message", text)
            w.key("locations")
            w.beginArray()
            w.beginObject()
            w.key("physicalLocation")
            w.beginObject()
            Self.artifact(&w, row.source.path)
            if row.source.offset != nil || row.source.line != nil {
                w.key("region")
                w.beginObject()
                if let line = row.source.line { w.field("startLine", max(1, line)) }
                if let offset = row.source.offset { w.field("byteOffset", max(0, offset)) }
                w.endObject()
            }
            w.endObject()
            if let pointer = row.source.pointer, !pointer.isEmpty { Self.logical(&w, pointer) }
            w.endObject()
            w.endArray()
            w.key("partialFingerprints")
            w.beginObject()
            w.field("dragnet/source/v1", Self.fingerprint(Self.sourceIdentity(row.source)))
            if let id = row.messageID, !id.isEmpty {
                w.field("dragnet/message/v1", Self.fingerprint(row.mailbox.lowercased() + "\u{0}" + id))
            }
            w.endObject()
            w.key("properties")
            w.beginObject()
            w.field("mailbox", row.mailbox)
            w.field("folder", row.folder)
            w.key("source")
            w.beginObject()
            w.field("format", row.source.format)
            w.field("path", row.source.path)
            if let index = row.source.index { w.field("index", index) }
            if let offset = row.source.offset { w.field("offset", offset) }
            if let pointer = row.source.pointer { w.field("pointer", pointer) }
            if let line = row.source.line { w.field("line", line) }
            if let folder = row.source.folder { w.field("folder", folder) }
            if let descriptor = row.source.descriptor { w.field("descriptor", descriptor) }
            if row.source.recovered { w.key("recovered"); w.bool(true) }
            w.endObject()
            w.field("messageId", row.messageID)
            w.field("date", row.date.map(ReportFormatting.iso8601))
            w.field("from", row.from)
            w.field("senderName", row.senderName)
            w.field("subject", row.subject)
            w.key("matchedFilters")
            w.beginArray()
            for (id, label) in filters {
                w.beginObject()
                w.field("id", id)
                w.field("ruleId", "\(ruleId)/\(id)")
                w.field("label", label)
                w.endObject()
            }
            w.endArray()
            w.key("evidence")
            w.beginArray()
            for e in row.evidence {
                w.beginObject()
                w.field("filter", e.filter)
                w.field("field", e.field)
                w.field("path", e.path)
                if options.includeSnippets { w.field("snippet", e.snippet) }
                w.endObject()
            }
            w.endArray()
            w.field("plannedAction", row.plannedAction)
            w.key("caveats")
            w.beginArray()
            for caveat in row.caveats { w.string(caveat) }
            w.endArray()
            w.endObject()
            w.endObject()
        }
        w.endArray()

        w.endObject()
        w.endArray()
        w.endObject()
        var out = w.bytes
        out.append(0x0A)
        return out
    }

    // MARK: Pieces

    static func text(_ w: inout JSONWriter, _ key: String, _ text: String) {
        w.key(key)
        w.beginObject()
        w.field("text", text)
        w.endObject()
    }

    static func defaultLevel(_ w: inout JSONWriter, _ level: String) {
        w.key("defaultConfiguration")
        w.beginObject()
        w.field("level", level)
        w.endObject()
    }

    static func artifact(_ w: inout JSONWriter, _ path: String) {
        w.key("artifactLocation")
        w.beginObject()
        w.field("uri", uri(path))
        w.endObject()
    }

    static func logical(_ w: inout JSONWriter, _ pointer: String) {
        w.key("logicalLocations")
        w.beginArray()
        w.beginObject()
        w.field("fullyQualifiedName", pointer)
        w.field("kind", "object")
        w.key("properties")
        w.beginObject()
        w.field("jsonPointer", pointer)
        w.endObject()
        w.endObject()
        w.endArray()
    }

    /// The level of every result: from the planned action.
    static func level(_ action: Action) -> String {
        switch action.kind {
        case .delete, .moveToTrash: "error"
        case .warn: "warning"
        case .none: "note"
        }
    }

    /// `Invoice lure, November` → `invoice-lure-november` (ASCII letters and digits; `investigation`
    /// when nothing is left).
    static func slug(_ name: String) -> String {
        var out = ""
        var dash = false
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "investigation" : out
    }

    /// A path as a URI reference: relative paths stay relative (percent-escaped); absolute paths
    /// become `file://` URIs.
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            let c = Unicode.Scalar(byte)
            let keep = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                || "-._~/!$&'()*+,;=@".unicodeScalars.contains(c)
            if keep {
                out.unicodeScalars.append(c)
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// `format|path|index|offset|pointer|line`: what identifies an item in a set of inputs.
    static func sourceIdentity(_ source: MessageSource) -> String {
        [source.format, source.path, source.index.map(String.init) ?? "", source.offset.map(String.init) ?? "", source.pointer ?? "", source.line.map(String.init) ?? ""]
            .joined(separator: "|")
    }

    /// A stable 64-bit FNV-1a digest in hex (identity, not security).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
