public import Dispatch
private import Synchronization

/// Runs a transform over items on several threads and hands the results back in input order,
/// a bounded batch at a time, so memory holds at most one batch of items and results.
package struct OrderedParallelMap<Item: Sendable, Result: Sendable>: Sendable {
    /// Worker threads (at least 1).
    package var workers: Int
    /// Most items per batch.
    package var batchSize: Int
    /// Most bytes per batch, as estimated by `weight` (keeps batches of large messages small).
    package var batchWeight: Int

    package init(workers: Int, batchSize: Int = 64, batchWeight: Int = 64 << 20) {
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        self.batchWeight = max(1, batchWeight)
    }

    /// Applies `transform` to every item; `consume` receives each result in input order.
    package func run(
        _ items: [Item], transform: @escaping @Sendable (Item) -> Result, consume: (Item, Result) -> Void
    ) {
        var iterator = items.makeIterator()
        run(next: { iterator.next() }, weight: { _ in 1 }, transform: transform, consume: consume)
    }

    /// Pulls items from `next` until it returns `nil`, in batches bounded by count and by `weight`.
    package func run(
        next: () -> Item?, weight: (Item) -> Int, transform: @escaping @Sendable (Item) -> Result,
        consume: (Item, Result) -> Void
    ) {
        while true {
            var batch: [Item] = []
            var load = 0
            while batch.count < batchSize, load < batchWeight, let item = next() {
                load += weight(item)
                batch.append(item)
            }
            if batch.isEmpty { return }
            if workers == 1 || batch.count == 1 {
                for item in batch { consume(item, transform(item)) }
                continue
            }
            let results = Mutex<[Result?]>(Array(repeating: nil, count: batch.count))
            let cursor = Atomic<Int>(0)
            let items = batch
            DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
                while true {
                    let i = cursor.add(1, ordering: .relaxed).oldValue
                    if i >= items.count { break }
                    let r = transform(items[i])
                    results.withLock { $0[i] = r }
                }
            }
            let collected = results.withLock { $0 }
            for (i, item) in items.enumerated() { consume(item, collected[i]!) }
        }
    }
}
