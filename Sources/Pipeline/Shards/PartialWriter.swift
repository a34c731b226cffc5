import Foundation
import Investigation

/// Writes a partial result line by line (``PartialFormat``): outcomes in input order, each with its
/// walk step; items that are neither matches nor partly read (``QuietItems``) and items of excluded
/// mailboxes are counted per mailbox and written at the end, without a step — what the fold takes of
/// them does not depend on their place (a mailbox's items are all excluded, for one reason, or all
/// read; their counts add up), so a partial grows with matches and diagnostics, not with messages.
/// Lines go to `sink` in pieces of about a megabyte.
package final class PartialWriter {
    private let sink: ([UInt8]) -> Void
    private let isShared: (Int) -> Bool
    private var buffer: [UInt8] = []
    private let encoder: JSONEncoder
    /// Lines written so far (the trailer counts itself too).
    package private(set) var lines = 0
    private var quiet: [String: QuietItems] = [:]
    private var excluded: [ExcludedKey: Int] = [:]

    private struct ExcludedKey: Hashable {
        var mailbox: String
        var reason: String
    }

    /// - Parameter isShared: whether a walk step is reported by every shard alike.
    package init(isShared: @escaping (Int) -> Bool, sink: @escaping ([UInt8]) -> Void) {
        self.isShared = isShared
        self.sink = sink
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        buffer.reserveCapacity(1 << 20)
    }

    package func header(_ header: PartialHeader) { line(header) }

    /// The next outcome in input order, at walk step `step`.
    package func add(_ outcome: Outcome, step: Int) {
        switch outcome {
        case .item(let item) where QuietItems.admits(item):
            quiet[item.mailbox, default: QuietItems()].add(item)
        case .excluded(let mailbox, let reason):
            excluded[ExcludedKey(mailbox: mailbox, reason: reason.rawValue), default: 0] += 1
        default:
            var line = PartialLine(type: "outcome", step: step)
            if isShared(step) { line.shared = true }
            line.outcome = outcome
            self.line(line)
        }
    }

    /// Writes the counts, the trailer (its `lines` filled in) and everything still buffered.
    package func finish(_ trailer: PartialTrailer) {
        for (mailbox, items) in quiet.sorted(by: { $0.key < $1.key }) {
            var line = PartialLine(type: "quiet")
            line.mailbox = mailbox
            line.items = items
            self.line(line)
        }
        for (key, count) in excluded.sorted(by: { ($0.key.mailbox, $0.key.reason) < ($1.key.mailbox, $1.key.reason) }) {
            var line = PartialLine(type: "excluded")
            line.mailbox = key.mailbox
            line.reason = key.reason
            line.count = count
            self.line(line)
        }
        var trailer = trailer
        trailer.lines = lines + 1
        line(trailer)
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll()
    }

    private func line(_ value: some Encodable) {
        // The types written hold strings, numbers and flags only: encoding cannot fail.
        buffer += (try? encoder.encode(value)).map(Array.init) ?? Array("{}".utf8)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= 1 << 20 {
            sink(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
