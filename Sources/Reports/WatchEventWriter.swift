public import Investigation
import JSONOutput

/// The events of `dragnet watch` (§14), one compact JSON object per line:
///
/// - `{"event":"match","investigation":NAME,"investigationFile":PATH,"investigationSHA256":HEX, ...}`
///   followed by the match row's keys, as in the JSON report's `matches`;
/// - `{"event":"scan","round":N,"itemsEvaluated":N,"itemsReused":N,"matches":N,"complete":BOOL,
///   "durationSeconds":S,"time":ISO}` after each round (`matches`: the round's new matches;
///   `inputsGone` when files went away);
/// - last, `{"event":"finished","rounds":N,"matches":N,"reason":R,"time":ISO}` when the watch ended
///   between rounds (`reason`: `duration`, `rounds` or `signal`), or `{"event":"expired", ...}` when
///   `--for` ran out during a round.
public struct WatchEventWriter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// A `match` event line.
    public func match(_ row: MatchRow, investigation: Investigation) -> [UInt8] {
        // The row as the report writes it (a report of this investigation that holds it).
        let report = InvestigationReport(
            investigation: investigation, summary: .init(), mailboxes: [], matches: [], diagnostics: [],
            run: .init(toolVersion: "", options: [:], startTime: "", inputs: [], durationSeconds: 0))
        var rowJSON = ReportJSON()
        rowJSON.match(row, in: report, campaign: nil, options: options)  // campaigns are known only to whole reports
        var head = JSONWriter()
        head.beginObject()
        head.field("event", "match")
        head.field("investigation", investigation.name)
        head.field("investigationFile", investigation.path)
        head.field("investigationSHA256", investigation.fileSHA256)
        var line = head.bytes
        let object = rowJSON.finished()
        if object.count > 2 { line.append(0x2C) }
        line += object.dropFirst()
        line.append(0x0A)
        return line
    }

    /// A `scan` event line.
    public func scan(
        round: Int, itemsEvaluated: Int, itemsReused: Int, matches: Int, inputsGone: [String], isComplete: Bool, durationSeconds: Double,
        time: String
    ) -> [UInt8] {
        var json = ReportJSON()
        json.writer.beginObject()
        json.field("event", "scan")
        json.field("round", round)
        json.field("itemsEvaluated", itemsEvaluated)
        json.field("itemsReused", itemsReused)
        json.field("matches", matches)
        if !inputsGone.isEmpty { json.field("inputsGone", strings: inputsGone) }
        json.field("complete", isComplete)
        json.field("durationSeconds", fixed: durationSeconds)
        json.field("time", time)
        json.writer.endObject()
        json.writer.newline()
        return json.finished()
    }

    /// The last event line: `finished` (with why) or `expired`.
    public func end(expired: Bool, rounds: Int, matches: Int, reason: String, time: String) -> [UInt8] {
        var json = ReportJSON()
        json.writer.beginObject()
        json.field("event", expired ? "expired" : "finished")
        json.field("rounds", rounds)
        json.field("matches", matches)
        json.field("reason", reason)
        json.field("time", time)
        json.writer.endObject()
        json.writer.newline()
        return json.finished()
    }
}
