import Dispatch
private import Synchronization
private import Glibc

/// Runs a transform over items on worker threads and hands the results back in input order.
///
/// The calling thread pulls items (reading files is its job), groups them into small batches, hands
/// the batches to `workers` long-lived worker threads, and consumes results in order as batches
/// complete, so reading, transforming and consuming overlap. Batching keeps the cost of handing work
/// over (a wake-up per batch, not per message) small next to the work. At most `maxInFlight` items
/// (and about `maxInFlightWeight` bytes of them) are pulled but not yet consumed, so memory does not
/// grow with the input.
package struct OrderedParallelMap<Item: Sendable, Result: Sendable>: Sendable {
    /// Worker threads (at least 1; with 1, everything runs on the calling thread).
    package var workers: Int
    /// Most items pulled but not yet consumed.
    package var maxInFlight: Int
    /// Most bytes (as estimated by `weight`) pulled but not yet consumed; one item may exceed it.
    package var maxInFlightWeight: Int
    /// Most items in one batch.
    package var maxBatchCount: Int
    /// A batch is handed over once its items weigh this much.
    package var maxBatchWeight: Int

    package init(
        workers: Int, maxInFlight: Int? = nil, maxInFlightWeight: Int = 64 << 20, maxBatchCount: Int = 16,
        maxBatchWeight: Int = 256 << 10
    ) {
        self.workers = max(1, workers)
        self.maxBatchCount = max(1, maxBatchCount)
        self.maxBatchWeight = max(1, maxBatchWeight)
        self.maxInFlight = max(1, maxInFlight ?? self.workers * 4 * self.maxBatchCount)
        self.maxInFlightWeight = max(1, maxInFlightWeight)
    }

    /// Applies `transform` to every item; `consume` receives each result in input order.
    package func run(
        _ items: [Item], transform: @escaping @Sendable (Item) -> Result, consume: (Item, Result) -> Void
    ) {
        var iterator = items.makeIterator()
        run(next: { iterator.next() }, weight: { _ in 1 }, transform: transform, consume: consume)
    }

    /// Items handed to a worker together and, once it is done, their results.
    private final class Batch: Sendable {
        let items: [Item]
        let weight: Int
        let done = DispatchSemaphore(value: 0)
        let results = Mutex<[Result]>([])

        init(items: [Item], weight: Int) {
            self.items = items
            self.weight = weight
        }
    }

    /// Batches waiting for a worker, first in first out; `nil` tells a worker to stop.
    private final class WorkQueue: Sendable {
        private let state = Mutex<(batches: [Batch?], head: Int)>(([], 0))
        private let available = DispatchSemaphore(value: 0)

        func push(_ batch: Batch?) {
            state.withLock { $0.batches.append(batch) }
            available.signal()
        }

        func pop() -> Batch? {
            available.wait()
            return state.withLock { state in
                let batch = state.batches[state.head]
                state.batches[state.head] = nil
                state.head += 1
                if state.head > 64, state.head * 2 > state.batches.count {
                    state.batches.removeFirst(state.head)
                    state.head = 0
                }
                return batch
            }
        }
    }

    /// Pulls items from `next` until it returns `nil`.
    package func run(
        next: () -> Item?, weight: (Item) -> Int, transform: @escaping @Sendable (Item) -> Result,
        consume: (Item, Result) -> Void
    ) {
        run(next: next, weight: weight, makeTransform: { transform }, consume: consume)
    }

    /// Pulls items from `next` until it returns `nil`; each worker calls `makeTransform` once, on its
    /// own thread, and uses what it returns for all its items. Workers that own their state (a
    /// compiled investigation, say) share no reference counts or caches with each other.
    package func run(
        next: () -> Item?, weight: (Item) -> Int, makeTransform: @escaping @Sendable () -> (Item) -> Result,
        consume: (Item, Result) -> Void
    ) {
        if workers == 1 {
            let transform = makeTransform()
            while let item = next() { consume(item, transform(item)) }
            return
        }
        let queue = WorkQueue()
        // Threads of their own: a worker blocks waiting for batches, which a shared Dispatch pool
        // answers slowly (a pool that counts its blocked threads as busy wakes new work late).
        let threads = (0..<workers).compactMap { _ in
            WorkerThread {
                let transform = makeTransform()
                while let batch = queue.pop() {
                    let results = batch.items.map(transform)
                    batch.results.withLock { $0 = results }
                    batch.done.signal()
                }
            }
        }
        defer {
            for _ in threads { queue.push(nil) }
            for thread in threads { thread.join() }
        }
        if threads.isEmpty {
            // No thread could be started: everything on the calling thread.
            let transform = makeTransform()
            while let item = next() { consume(item, transform(item)) }
            return
        }

        var pending: [Batch?] = []
        var head = 0
        var filling: [Item] = []
        var fillingWeight = 0
        var inFlight = 0
        var load = 0
        var exhausted = false
        func handOver() {
            guard !filling.isEmpty else { return }
            let batch = Batch(items: filling, weight: fillingWeight)
            pending.append(batch)
            queue.push(batch)
            filling = []
            fillingWeight = 0
        }
        while true {
            // Pull while there is room, handing over each batch as it fills.
            while !exhausted, inFlight < maxInFlight, load < maxInFlightWeight {
                guard let item = next() else {
                    exhausted = true
                    break
                }
                let itemWeight = weight(item)
                filling.append(item)
                fillingWeight += itemWeight
                inFlight += 1
                load += itemWeight
                if filling.count >= maxBatchCount || fillingWeight >= maxBatchWeight { handOver() }
            }
            // Out of room or input: a part-filled batch goes too, or nothing could complete.
            handOver()
            guard head < pending.count, let batch = pending[head] else { return }
            // Consume the oldest batch when it is ready.
            batch.done.wait()
            let results = batch.results.withLock { results in
                defer { results = [] }
                return results
            }
            for (item, result) in zip(batch.items, results) { consume(item, result) }
            inFlight -= batch.items.count
            load -= batch.weight
            pending[head] = nil  // release the items and their results now
            head += 1
            if head > 256 {
                pending.removeFirst(head)
                head = 0
            }
        }
    }
}

/// A thread that runs `body` once, joined by the caller.
private final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: @Sendable () -> Void

    /// Starts the thread; nil when none could be started.
    init?(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let box = Unmanaged.passRetained(self)
        let started = pthread_create(&thread, nil, { raw in
            let worker = Unmanaged<WorkerThread>.fromOpaque(raw!).takeRetainedValue()
            worker.body()
            return nil
        }, box.toOpaque())
        if started != 0 {
            box.release()
            return nil
        }
    }

    func join() { pthread_join(thread, nil) }
}
