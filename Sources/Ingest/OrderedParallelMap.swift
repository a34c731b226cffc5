public import Dispatch
private import Synchronization

/// Runs a transform over items on worker threads and hands the results back in input order.
///
/// The calling thread pulls items (reading files is its job), hands each to a worker, and consumes
/// results in order as they complete, so reading, transforming and consuming overlap. At most
/// `maxInFlight` items (and about `maxInFlightWeight` bytes of them) are pulled but not yet consumed,
/// so memory does not grow with the input.
package struct OrderedParallelMap<Item: Sendable, Result: Sendable>: Sendable {
    /// Worker threads (at least 1; with 1, everything runs on the calling thread).
    package var workers: Int
    /// Most items pulled but not yet consumed.
    package var maxInFlight: Int
    /// Most bytes (as estimated by `weight`) pulled but not yet consumed; one item may exceed it.
    package var maxInFlightWeight: Int

    package init(workers: Int, maxInFlight: Int? = nil, maxInFlightWeight: Int = 64 << 20) {
        self.workers = max(1, workers)
        self.maxInFlight = max(1, maxInFlight ?? self.workers * 16)
        self.maxInFlightWeight = max(1, maxInFlightWeight)
    }

    /// Applies `transform` to every item; `consume` receives each result in input order.
    package func run(
        _ items: [Item], transform: @escaping @Sendable (Item) -> Result, consume: (Item, Result) -> Void
    ) {
        var iterator = items.makeIterator()
        run(next: { iterator.next() }, weight: { _ in 1 }, transform: transform, consume: consume)
    }

    /// One pulled item and, once a worker has produced it, its result.
    private final class Slot: Sendable {
        let item: Item
        let weight: Int
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result?>(nil)

        init(item: Item, weight: Int) {
            self.item = item
            self.weight = weight
        }
    }

    /// Pulls items from `next` until it returns `nil`.
    package func run(
        next: () -> Item?, weight: (Item) -> Int, transform: @escaping @Sendable (Item) -> Result,
        consume: (Item, Result) -> Void
    ) {
        if workers == 1 {
            while let item = next() { consume(item, transform(item)) }
            return
        }
        let queue = DispatchQueue(label: "dragnet.workers", attributes: .concurrent)
        let limiter = DispatchSemaphore(value: workers)
        var pending: [Slot?] = []
        var head = 0
        var load = 0
        var exhausted = false
        while true {
            // Pull while there is room.
            while !exhausted, pending.count - head < maxInFlight, load < maxInFlightWeight {
                guard let item = next() else {
                    exhausted = true
                    break
                }
                let slot = Slot(item: item, weight: weight(item))
                load += slot.weight
                pending.append(slot)
                queue.async {
                    limiter.wait()
                    let result = transform(slot.item)
                    limiter.signal()
                    slot.result.withLock { $0 = result }
                    slot.done.signal()
                }
            }
            guard head < pending.count else { return }
            // Consume the oldest item when it is ready.
            guard let slot = pending[head] else { return }
            slot.done.wait()
            let result = slot.result.withLock { $0.take()! }
            consume(slot.item, result)
            load -= slot.weight
            pending[head] = nil  // release the item and its result now
            head += 1
            if head > 256 {
                pending.removeFirst(head)
                head = 0
            }
        }
    }
}
