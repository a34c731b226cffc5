public import Dispatch
private import Synchronization

/// Runs a transform over items on several threads and hands the results back in input order,
/// a bounded batch at a time, so memory holds at most one batch of results.
package struct OrderedParallelMap<Item: Sendable, Result: Sendable>: Sendable {
    /// Worker threads (at least 1).
    package var workers: Int
    /// Items per batch.
    package var batchSize: Int

    package init(workers: Int, batchSize: Int = 64) {
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
    }

    /// Applies `transform` to every item; `consume` receives each result in input order.
    package func run(
        _ items: [Item], transform: @escaping @Sendable (Item) -> Result, consume: (Item, Result) -> Void
    ) {
        var start = 0
        while start < items.count {
            let batch = Array(items[start..<min(items.count, start + batchSize)])
            start += batch.count
            if workers == 1 {
                for item in batch { consume(item, transform(item)) }
                continue
            }
            let results = Mutex<[Result?]>(Array(repeating: nil, count: batch.count))
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(workers, batch.count)) { _ in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    if i >= batch.count { break }
                    let r = transform(batch[i])
                    results.withLock { $0[i] = r }
                }
            }
            let collected = results.withLock { $0 }
            for (i, item) in batch.enumerated() { consume(item, collected[i]!) }
        }
    }
}
