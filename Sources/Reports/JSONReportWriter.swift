public import Investigation
import Dispatch
import JSONOutput
import MailModel
import Synchronization

/// The default report (§9): one JSON document with the keys `investigation`, `summary`, `mailboxes`,
/// `campaigns` (§15), `matches`, `diagnostics` and `run`, in that order, laid out with two-space indentation and ending
/// with a newline.
///
/// Deterministic: keys in a fixed order, dictionaries in natural key order (`f2` before `f10`),
/// durations with three decimals, dates as ISO 8601 UTC. Two renders of the same report are
/// byte-identical; two runs over the same inputs differ only in `run.startTime`,
/// `run.durationSeconds` and `summary.durationSeconds`.
public struct JSONReportWriter: ReportWriter {
    public init() {}

    public var format: ReportFormat { .json }

    public func render(_ report: InvestigationReport, options: ReportOptions) -> [UInt8] {
        var out: [UInt8] = []
        render(report, options: options) { (piece: UnsafeRawBufferPointer) in out += piece }
        return out
    }

    /// The report handed to `write` in pieces, in order (together the bytes of
    /// ``render(_:options:)``), each valid only during its call: a large report is most of a run's
    /// peak memory when held whole, and more so when held twice (the rendered rows and the joined
    /// document); the rows are handed over where they were rendered, not copied.
    public func render<Failure: Error>(
        _ report: InvestigationReport, options: ReportOptions, to write: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        func send(_ bytes: [UInt8]) throws(Failure) { try bytes.withRawBytes(write) }
        // The match rows are rendered apart (on every core when there are many) and put in place of
        // an empty array: the report is the same bytes as when rendered in one go.
        let campaigns = CampaignIndex(report)
        // The document without its rows is rendered beside them (its campaigns alone are thousands
        // of lines), the first task of the rows' workers.
        let rendered = Mutex<(document: [UInt8], matchesOffset: Int?)>(([], nil))
        var chunks = Self.renderRows(report, campaigns: campaigns, options: options) {
            var json = ReportJSON(prettyDepth: 0)
            json.document(report, campaigns: campaigns, options: options, includingRows: false)
            let offset = json.matchesOffset
            let document = json.finished()
            rendered.withLock { $0 = (document, offset) }
        }
        var (document, matchesOffset) = rendered.withLock { $0 }
        // Where `[]` stands after the top-level `"matches": ` key (recorded as written: searching the
        // document for it cost more than writing it).
        let slot = matchesOffset.map { $0..<($0 + 2) }
        guard !report.matches.isEmpty, let slot, slot.upperBound <= document.count, document[slot].elementsEqual([0x5B, 0x5D]) else {
            document.append(0x0A)
            try send(document)
            return
        }
        // The document around its rows handed over in place, not copied (its campaigns are thousands of lines).
        func send(_ range: Range<Int>) throws(Failure) {
            try document.withRawBytes { (raw) throws(Failure) in try write(UnsafeRawBufferPointer(rebasing: raw[range])) }
        }
        try send(0..<slot.lowerBound)
        try send([0x5B] + Self.rowIndent)
        for index in chunks.indices {
            if index > 0 { try send(Self.rowSeparator) }
            // The chunk's rows written pretty as elements of the `matches` array (depth 1), whose
            // opening bracket and first line break the document wrote: they are left out here.
            try chunks[index].writer.withBytes(from: 1 + Self.rowIndent.count) { (raw) throws(Failure) in try write(raw) }
            chunks[index] = ReportJSON(prettyDepth: 1, capacity: 0)  // written: freed now, not at the end
        }
        try send(Self.rowsEnd)
        try send(slot.upperBound..<document.count)
        try send([0x0A])
    }

    /// `,` + line break + the indentation of a row in the `matches` array (depth 2).
    private static let rowSeparator: [UInt8] = Array(",\n    ".utf8)
    private static let rowIndent: [UInt8] = Array("\n    ".utf8)
    /// Line break and the top-level indentation before the `matches` array's closing bracket.
    private static let rowsEnd: [UInt8] = Array("\n  ]".utf8)

    /// Every row pretty-printed at depth 2, joined with `,` and a line break in chunks of rows, the chunks in
    /// report order (to be joined with the same separator), each as the writer that wrote it, after
    /// the `[` and line break that begin the array. `alongside` is run on one of the workers, first.
    private static func renderRows(
        _ report: InvestigationReport, campaigns: CampaignIndex, options: ReportOptions, alongside: @Sendable () -> Void
    ) -> [ReportJSON] {
        let rows = report.matches
        let chunkSize = 256
        let chunkCount = (rows.count + chunkSize - 1) / chunkSize
        // The writers (and their buffers) are made here: the calling thread's heap is the one the
        // executable backs with huge pages, and the workers' own took a page fault per 4 KiB written.
        var chunks = (0..<chunkCount).map { _ in ReportJSON(prettyDepth: 1, capacity: 512 << 10) }
        chunks.withUnsafeMutableBufferPointer { chunks in
            // Each chunk is written by one worker only.
            nonisolated(unsafe) let chunks = chunks
            @Sendable func renderChunk(_ chunk: Int) {
                // Written in place (a copy of the writer would share its buffer, and copy it at the first write).
                unsafe chunks[chunk].writer.beginArray()
                // Rows read in place: `rows[index]` would copy (retain and release) every field of each.
                rows.withUnsafeBufferPointer { rows in
                    for index in (chunk * chunkSize)..<min(rows.count, (chunk + 1) * chunkSize) {
                        unsafe chunks[chunk].match(rows[index], in: report, campaign: campaigns.campaign(ofMatch: index), options: options)
                    }
                }
            }
            if chunkCount <= 1 {
                alongside()
                if chunkCount == 1 { renderChunk(0) }
            } else {
                DispatchQueue.concurrentPerform(iterations: chunkCount + 1) { task in
                    if task == 0 { alongside() } else { renderChunk(task - 1) }
                }
            }
        }
        return chunks
    }
}
