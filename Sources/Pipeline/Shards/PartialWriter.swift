import Foundation

/// Writes a partial result line by line (``PartialFormat``): outcomes in input order, consecutive
/// quiet items of one mailbox and step as one `quiet` line, consecutive exclusions as one `excluded`
/// line. Lines go to `sink` in pieces of about a megabyte.
package final class PartialWriter {
    private let sink: ([UInt8]) -> Void
    private let isShared: (Int) -> Bool
    private var buffer: [UInt8] = []
    private let encoder: JSONEncoder
    /// Lines written so far (the trailer counts itself too).
    package private(set) var lines = 0
    private var pending: Pending?

    private enum Pending {
        case quiet(step: Int, mailbox: String, items: QuietItems)
        case excluded(step: Int, mailbox: String, reason: String, count: Int)
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
            if case .quiet(step, item.mailbox, var items) = pending {
                items.add(item)
                pending = .quiet(step: step, mailbox: item.mailbox, items: items)
                return
            }
            flushPending()
            var items = QuietItems()
            items.add(item)
            pending = .quiet(step: step, mailbox: item.mailbox, items: items)
        case .excluded(let mailbox, let reason):
            if case .excluded(step, mailbox, reason, let count) = pending {
                pending = .excluded(step: step, mailbox: mailbox, reason: reason, count: count + 1)
                return
            }
            flushPending()
            pending = .excluded(step: step, mailbox: mailbox, reason: reason, count: 1)
        default:
            flushPending()
            var line = PartialLine(type: "outcome", step: step)
            if isShared(step) { line.shared = true }
            line.outcome = outcome
            self.line(line)
        }
    }

    /// Writes the trailer (its `lines` filled in) and everything still buffered.
    package func finish(_ trailer: PartialTrailer) {
        flushPending()
        var trailer = trailer
        trailer.lines = lines + 1
        line(trailer)
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll()
    }

    private func flushPending() {
        guard let pending else { return }
        self.pending = nil
        switch pending {
        case .quiet(let step, let mailbox, let items):
            var line = PartialLine(type: "quiet", step: step)
            line.mailbox = mailbox
            line.items = items
            self.line(line)
        case .excluded(let step, let mailbox, let reason, let count):
            var line = PartialLine(type: "excluded", step: step)
            line.mailbox = mailbox
            line.reason = reason
            line.count = count
            self.line(line)
        }
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
